"""Suggested units for 转办: the units a leader's 批示 names first, then the units that handled
similar proposals and items; shown on the item's page, recorded with the transfer, in the API."""

import re

import pytest

from xieshang.api.tests.test_proposal_api import token
from xieshang.core import clock
from xieshang.core.testing import fresh
from xieshang.handling import routing_model
from xieshang.handling.models import HandlingCase
from xieshang.handling.tests.flow import accepted, assign
from xieshang.opinions import services, stats
from xieshang.opinions.transfer_routing import transfer_suggestions

from .story import office, opinion_in
from .test_transfer import transfer

pytestmark = pytest.mark.usefixtures("fresh_similarity")

SEWAGE = {
    "title": "关于加快农村生活污水治理的建议",
    "situation": "部分乡镇农村生活污水直排河塘，污水处理设施建成后运行不正常，管网覆盖率低。",
    "analysis": "运维经费不落实，农村生活污水处理设施无人管护。",
    "suggestions": "一是落实农村生活污水处理设施运维经费；二是推进管网向自然村延伸。",
}


def _instruct(world, o, text, transfer_to=""):
    return services.instruction_record(
        actor=office(world), entry_id=o.entry_link.entry.pk, leader_name="张市长",
        leader_title="市长", level="city", given_on=clock.today(), text=text,
        transfer_to=transfer_to)


def test_the_unit_a_leader_names_comes_first_even_abbreviated(world):
    o = opinion_in(world, "sent")
    advice = transfer_suggestions(opinion=o)
    assert advice.basis == "rules" and "尚未训练" in advice.note
    assert all(r["kind"] != "instruction" for s in advice.suggestions for r in s.reasons)

    _instruct(world, o, "请住建局研究办理。", transfer_to="市住建局")
    first = transfer_suggestions(opinion=o).suggestions[0]
    assert first.unit.pk == world.units[1].pk  # 市住房城乡建设局
    assert first.reasons[0]["kind"] == "instruction"
    assert first.reasons[0]["text"] == f"市长张市长（{clock.today():%Y-%m-%d}）批示：转市住建局"

    # Without a 转办单位, the 批示's own words name the units (here two, each credited).
    other = opinion_in(world, "sent", title="关于改善城区空气质量的建议")
    _instruct(world, other, "请市发改委会同市生态环境局研究，提出具体措施。")
    advice = transfer_suggestions(opinion=other)
    named = [s.unit.pk for s in advice.suggestions
             if any(r["kind"] == "instruction" for r in s.reasons)]
    assert named == [world.units[0].pk, world.units[2].pk]
    assert "请市发改委会同市生态环境局研究" in advice.suggestions[0].reasons[0]["text"]


def test_units_that_handled_similar_items_and_proposals_are_suggested(world):
    earlier = opinion_in(world, "used", **SEWAGE)
    transfer(world, earlier, 2)  # 市生态环境局
    p = accepted(world, title="关于推进农村生活污水处理设施运维的建议",
                 reasons=SEWAGE["situation"], suggestions=SEWAGE["suggestions"])
    assign(world, p, units=[{"unit_id": world.units[1].pk, "role": "single"}])
    o = opinion_in(world, "used", owner=world.member_users[1], **SEWAGE)
    advice = transfer_suggestions(opinion=o)
    by_unit = {s.unit.pk: s for s in advice.suggestions}
    env = by_unit[world.units[2].pk].reasons
    assert env[0]["kind"] == "similar" and env[0]["text"].startswith(
        f"相似社情民意《{SEWAGE['title']}》（相似度")
    housing = by_unit[world.units[1].pk].reasons
    assert housing[0]["text"].startswith("相似提案《关于推进农村生活污水处理设施运维的建议》")
    # An unrelated item finds no similar handling.
    lone = opinion_in(world, "used", title="关于规范校外培训机构收费的建议",
                      situation="校外培训机构预收费用后跑路。", analysis="监管缺位。",
                      suggestions="建立预收费资金监管账户。")
    assert transfer_suggestions(opinion=lone).suggestions == []


def test_the_page_shows_and_preselects_and_the_transfer_records_the_suggestions(world, client):
    o = opinion_in(world, "sent")
    _instruct(world, o, "请住建局研究办理。", transfer_to="市住建局")
    client.force_login(office(world))
    html = client.get(f"/opinions/{o.pk}/").content.decode()
    panel = html.split('id="transfer-suggestions"')[1].split('id="transfer-units"')[0]
    assert "市住房城乡建设局" in panel and "批示：转市住建局" in panel and "选用" in panel
    select = html.split('id="transfer-units"')[1].split("</select>")[0]
    assert re.search(f'<option value="{world.units[1].pk}"[^>]* selected>市住房城乡建设局</option>',
                     select)
    assert re.search(f'<option value="{world.units[0].pk}"[^>]*>市发展改革委</option>', select)
    assert select.count(" selected>") == 1

    r = client.post(f"/opinions/{o.pk}/transfer/", {"units": [world.units[1].pk]})
    assert r.status_code == 302
    event = HandlingCase.objects.get(opinion=o).events.get(action="create")
    assert event.payload["suggested"][0]["unit_id"] == world.units[1].pk
    assert event.payload["suggestion_basis"] == "rules"
    assert event.payload["units"] == [{"unit_id": world.units[1].pk, "role": "single"}]
    # Transferred: the panel is gone.
    assert 'id="transfer-suggestions"' not in client.get(f"/opinions/{o.pk}/").content.decode()

    # The year's figures: two transfers, one made with suggestions shown, its first one taken.
    transfer(world, opinion_in(world, "used", title="关于规范校外培训收费的建议"), 2)
    figures = stats.opinion_stats(world.committee.pk, year=clock.today().year)
    assert figures["transferred"] == 2
    routing = figures["transfer_routing"]
    assert (routing["with_suggestions"], routing["first_suggestion_taken"]) == (1, 1)
    assert routing["first_suggestion_rate"] == 1 and list(routing["by_basis"]) == ["rules"]
    assert stats.opinion_stats(world.committee.pk, year=clock.today().year - 1)[
        "transferred"] == 0


def test_the_api_gives_the_office_the_suggestions_and_refuses_others(world, client):
    o = opinion_in(world, "sent")
    _instruct(world, o, "请住建局研究办理。", transfer_to="市住建局")
    office(world)
    headers = token(client, f"{world.committee.slug}-info1")
    body = client.get(f"/api/v1/opinions/items/{o.pk}/transfer-suggestions",
                      headers=headers).json()
    assert body["opinion_id"] == o.pk and body["basis"] == "rules"
    assert body["suggestions"][0]["unit_id"] == world.units[1].pk
    assert body["suggestions"][0]["reasons"][0]["kind"] == "instruction"
    leader = token(client, fresh(world.leader).username)
    r = client.get(f"/api/v1/opinions/items/{o.pk}/transfer-suggestions", headers=leader)
    assert r.status_code == 403 and r.json()["error"]["message"] == "只有社情民意信息办可以查看转办单位推荐。"
    member = token(client, world.member_users[3].username)
    r = client.get(f"/api/v1/opinions/items/{o.pk}/transfer-suggestions", headers=member)
    assert r.status_code == 404


def test_the_model_learns_from_transfers_and_suggests_with_it(world):
    from xieshang.handling.tests.test_routing import history

    history(world)  # eight proposals: water and air to 市生态环境局, housing to 市住房城乡建设局
    transferred = opinion_in(world, "used", **SEWAGE)
    transfer(world, transferred, 0)  # 市发展改革委 handled this item
    examples = routing_model.training_examples(committee_id=world.committee.pk)
    assert len(examples) == 9 and examples[-1].label == str(world.units[0].pk)
    assert SEWAGE["title"].removeprefix("关于").removesuffix("的建议") in examples[-1].text
    assert routing_model.model_status(world.committee).history == 9
    result = routing_model.route_model_train(committee=world.committee)
    assert (result.examples, result.units) == (9, 3)
    advice = transfer_suggestions(opinion=opinion_in(
        world, "used", owner=world.member_users[2], title="关于城区黑臭水体治理的建议",
        situation="城区部分河道黑臭，雨污混流，污水直排。", analysis="截污管网不完善。",
        suggestions="一是完善截污管网；二是开展河道清淤。"))
    assert advice.basis == "model" and "9条办理记录" in advice.note
    assert advice.suggestions[0].unit == world.units[2]
    assert any(r["kind"] == "model" for r in advice.suggestions[0].reasons)
