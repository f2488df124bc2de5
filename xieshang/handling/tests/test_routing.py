"""Lead-unit suggestions learned from the committee's history, their record and figure."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from xieshang.accounts.services import api_token_issue
from xieshang.core.testing import fresh
from xieshang.handling import replies, routing, routing_model, services
from xieshang.handling.models import HandlingEvent
from xieshang.handling.stats import handling_stats
from xieshang.organization.models import Membership, Unit

from .flow import accepted, assign, result_class

# DATA_DIR is a temporary directory for every test (conftest); the index starts empty.
pytestmark = pytest.mark.usefixtures("fresh_similarity")

ENVIRONMENT = [
    ("关于治理城区黑臭水体的建议", "城区仍有多条河道水质为劣V类，雨污混流，污水直排，黑臭水体反复出现。",
     "一是推进雨污分流改造；二是建立河长巡查考核机制；三是加强污水处理厂提标改造。"),
    ("关于加强饮用水水源地保护的建议", "部分水源地周边存在养殖污染和生活污水排放，水质监测不够及时。",
     "一是划定水源保护区；二是取缔保护区内畜禽养殖；三是建立水质在线监测。"),
    ("关于整治工业园区废气排放的建议", "工业园区企业废气偷排漏排，周边居民反映异味严重，大气污染投诉多。",
     "一是安装废气在线监测设备；二是开展环保联合执法；三是推动企业清洁生产改造。"),
    ("关于加强农村生活污水治理的建议", "农村生活污水大多直排河塘，污水处理设施覆盖率低，水体污染加重。",
     "一是建设分散式污水处理设施；二是落实运维资金；三是开展水质监测考核。"),
]
HOUSING = [
    ("关于加快老旧小区改造的建议", "我市老旧小区设施老化，管网破损，加装电梯难，居民改造意愿强烈。",
     "一是统筹改造资金；二是完善加装电梯政策；三是建立小区长效管理机制。"),
    ("关于规范住宅小区物业服务的建议", "部分小区物业服务质量差，收费不透明，业主委员会成立难。",
     "一是制定物业服务标准；二是公开物业收费；三是指导成立业主委员会。"),
    ("关于推进保障性租赁住房建设的建议", "新市民和青年人住房困难突出，保障性租赁住房供给不足，房源分布不均。",
     "一是增加保障房用地供应；二是盘活存量住房；三是完善租赁住房配套。"),
    ("关于加强既有住宅安全管理的建议", "部分老旧住宅楼房屋结构老化，存在安全隐患，违规改建时有发生。",
     "一是开展房屋安全排查；二是建立住宅安全鉴定制度；三是查处违规改建。"),
]
NEW_WATER = {
    "title": "关于治理河道水污染的建议",
    "reasons": "城区河道雨污混流，污水直排，黑臭水体治理后反弹，水质监测不够及时。",
    "suggestions": "一是推进雨污分流改造；二是加强水质在线监测；三是建立河长巡查考核机制。",
}


def history(world):
    """Water and air proposals handled by the environment bureau, housing by the housing one."""
    environment, housing = world.units[2], world.units[1]
    for texts, unit in ((ENVIRONMENT, environment), (HOUSING, housing)):
        for i, (title, reasons, suggestions) in enumerate(texts):
            p = accepted(world, owner=world.member_users[i % 4], title=title, reasons=reasons,
                         suggestions=suggestions)
            assign(world, p, units=[{"unit_id": unit.pk, "role": "single"}])


def new_water_proposal(world):
    # The proposer suggests the housing bureau (the default of draft_kwargs).
    return accepted(world, owner=world.member_users[5], **NEW_WATER)


def test_the_model_suggests_the_unit_that_handled_similar_proposals(world):
    history(world)
    result = routing_model.route_model_train(committee=world.committee)
    assert (result.examples, result.units) == (8, 2)
    advice = routing.unit_suggestions(proposal=new_water_proposal(world))
    assert advice.basis == "model" and "8条办理记录" in advice.note
    first = advice.suggestions[0]
    assert first.unit == world.units[2]
    kinds = {r["kind"] for r in first.reasons}
    assert {"model", "similar"} <= kinds
    assert any("关于治理城区黑臭水体的建议" in r["text"] for r in first.reasons)
    housing = next(s for s in advice.suggestions if s.unit == world.units[1])
    assert "suggested" in {r["kind"] for r in housing.reasons}
    assert len(advice.suggestions) <= 3


def test_without_a_model_suggestions_come_from_rules_and_say_so(world):
    history(world)
    seat = Membership.objects.get(member=world.members[5])
    seat.special_committees.add(world.special_committee)
    Unit.objects.exclude(pk=world.units[2].pk).update(liaison_committee=None)
    advice = routing.unit_suggestions(proposal=new_water_proposal(world))
    assert advice.basis == "rules" and "尚未训练" in advice.note
    assert advice.trained_at is None
    reasons = {s.unit.pk: {r["kind"] for r in s.reasons} for s in advice.suggestions}
    assert "model" not in set().union(*reasons.values())
    assert advice.suggestions[0].unit == world.units[2]
    assert {"similar", "link"} <= reasons[world.units[2].pk]
    assert "suggested" in reasons[world.units[1].pk]
    link = next(r for r in advice.suggestions[0].reasons if r["kind"] == "link")
    assert link["text"] == "与提案委员会对口联系"


def test_a_committee_without_history_still_gets_the_proposers_suggestion(world):
    advice = routing.unit_suggestions(proposal=new_water_proposal(world))
    assert [s.unit for s in advice.suggestions][:1] == [world.units[1]]
    assert advice.basis == "rules"


def test_retrain_command_writes_a_pickle_free_model(world, settings):
    history(world)
    out = StringIO()
    call_command("route", "retrain", "--committee", world.committee.slug, stdout=out)
    facts = json.loads(out.getvalue())
    assert facts["examples"] == 8 and facts["committee"] == world.committee.slug
    folder = settings.DATA_DIR / "models" / "route" / world.committee.slug
    names = {p.name for p in folder.iterdir()}
    assert {"model.json", "coef.npy", "training.json"} <= names
    assert not [n for n in names if n.endswith((".pkl", ".joblib", ".pickle"))]
    training = json.loads((folder / "training.json").read_text(encoding="utf-8"))
    assert training["units"] == {str(world.units[1].pk): world.units[1].name,
                                 str(world.units[2].pk): world.units[2].name}
    # Retraining replaces the model in place.
    call_command("route", "retrain", "--committee", world.committee.slug, stdout=StringIO())
    assert routing_model.load_model(world.committee)[0] is not None


def test_retrain_refuses_a_committee_without_enough_history(world):
    with pytest.raises(CommandError, match="办理记录不足"):
        call_command("route", "retrain", "--committee", world.committee.slug, stdout=StringIO())
    with pytest.raises(CommandError, match="未找到"):
        call_command("route", "retrain", "--committee", "nowhere", stdout=StringIO())


def test_the_assignment_page_shows_and_records_the_suggestions(world, client):
    history(world)
    routing_model.route_model_train(committee=world.committee)
    p = new_water_proposal(world)
    client.force_login(world.office)
    html = client.get(f"/handling/assign/{p.pk}/").content.decode()
    start = html.index('id="routing-suggestions"')
    box = html[start:html.index("<form", start)]
    assert world.units[2].name in box and "模型" in box and "相似提案" in box
    client.post(f"/handling/assign/{p.pk}/", {"mode": "single", "single": world.units[2].pk})
    event = HandlingEvent.objects.get(case__proposal=p, action="create")
    assert event.payload["suggested"][0]["unit_id"] == world.units[2].pk
    assert event.payload["suggestion_basis"] == "model"
    assert event.payload["units"] == [{"unit_id": world.units[2].pk, "role": "single"}]


def test_the_routing_figure_counts_cases_whose_first_suggestion_was_taken(world, client):
    office = fresh(world.office)
    first = [{"unit_id": world.units[2].pk, "unit": world.units[2].name, "score": 0.8},
             {"unit_id": world.units[1].pk, "unit": world.units[1].name, "score": 0.3}]
    taken = accepted(world, title="关于甲的建议")
    services.case_assign(actor=office, proposal_id=taken.pk, mode="lead_co",
                         units=[{"unit_id": world.units[2].pk, "role": "lead"},
                                {"unit_id": world.units[1].pk, "role": "co"}],
                         suggested=first, suggestion_basis="model")
    passed_over = accepted(world, title="关于乙的建议")
    services.case_assign(actor=office, proposal_id=passed_over.pk, mode="single",
                         units=[{"unit_id": world.units[1].pk, "role": "single"}],
                         suggested=first, suggestion_basis="rules")
    unrecorded = accepted(world, title="关于丙的建议")
    assign(world, unrecorded)
    figures = handling_stats(committee_id=world.committee.pk, year=world.session.year)
    assert figures["routing"] == {
        "with_suggestions": 2, "first_suggestion_taken": 1, "first_suggestion_rate": 0.5,
        "by_basis": {
            "model": {"with_suggestions": 1, "first_suggestion_taken": 1,
                      "first_suggestion_rate": 1.0},
            "rules": {"with_suggestions": 1, "first_suggestion_taken": 0,
                      "first_suggestion_rate": 0.0}}}
    client.force_login(world.leader)
    html = client.get(f"/reports/stats/?year={world.session.year}").content.decode()
    assert 'id="fig-routing">1 / 2<' in html and 'id="fig-routing-rate">50%<' in html
    assert 'id="fig-routing-basis">模型 1/1 · 规则 0/1<' in html


def test_the_desk_bulk_assignment_records_the_first_suggestions_it_showed(world, client):
    history(world)
    routing_model.route_model_train(committee=world.committee)
    water = new_water_proposal(world)  # the proposer suggests housing; the model environment
    lift = accepted(world, owner=world.member_users[5], title="关于加快老旧小区加装电梯的建议",
                    reasons="老旧小区加装电梯难，管网破损，物业服务差，居民改造意愿强烈。",
                    suggestions="一是完善加装电梯政策；二是统筹改造资金；三是规范物业服务。")
    client.force_login(world.office)
    client.post("/handling/assign/", {"proposal": [water.pk, lift.pk]})
    for p, first in ((water, world.units[2]), (lift, world.units[1])):
        event = HandlingEvent.objects.get(case__proposal=p, action="create")
        assert event.payload["suggested"][0]["unit_id"] == first.pk
        assert event.payload["suggestion_basis"] == "model"
        assert {"unit_id": world.units[1].pk, "role": "lead"} in event.payload["units"]
    figures = handling_stats(committee_id=world.committee.pk, year=world.session.year)
    # history() assigned through the service without suggestions: only these two count.
    assert figures["routing"]["by_basis"] == {"model": {
        "with_suggestions": 2, "first_suggestion_taken": 1, "first_suggestion_rate": 0.5}}


def test_bulk_assignment_records_suggestions_given_with_an_item(world):
    p = accepted(world)
    suggested = [{"unit_id": world.units[1].pk, "unit": world.units[1].name, "score": 0.5}]
    [result] = services.case_assign_bulk(actor=fresh(world.office), items=[{
        "proposal_id": p.pk, "mode": "single",
        "units": [{"unit_id": world.units[1].pk, "role": "single"}], "suggested": suggested}])
    assert result["ok"]
    event = HandlingEvent.objects.get(case__proposal=p, action="create")
    assert event.payload["suggested"] == suggested


def test_the_api_gives_suggestions_to_the_office_only(world, client):
    history(world)
    p = new_water_proposal(world)
    office = {"Authorization": f"Bearer {api_token_issue(user=fresh(world.office))}"}
    body = client.get(f"/api/v1/proposals/{p.pk}/unit-suggestions", headers=office).json()
    assert body["proposal_id"] == p.pk and body["basis"] == "rules"
    environment = next(s for s in body["suggestions"] if s["unit_id"] == world.units[2].pk)
    similar = [r for r in environment["reasons"] if r["kind"] == "similar"]
    assert similar and "关于治理城区黑臭水体的建议" in similar[0]["text"]
    owner = {"Authorization": f"Bearer {api_token_issue(user=fresh(world.member_users[5]))}"}
    answer = client.get(f"/api/v1/proposals/{p.pk}/unit-suggestions", headers=owner)
    assert answer.status_code == 403 and answer.json()["error"]["message"]


# -- reply check --------------------------------------------------------------------------------


PARTIAL_REPLY = ("关于您提出的老旧小区改造建议，现答复如下：一、关于统筹改造资金，今年已统筹安排专项资金2亿元；"
                 "二、关于完善加装电梯政策，已出台加装电梯补贴办法。办理结果：B类。"
                 "联系人：王科长，联系电话：0558-1234567。2026年6月10日")


def test_the_case_page_checks_each_reply_under_review(world, client):
    p = accepted(world, suggestions="一是统筹改造资金；二是完善加装电梯政策；三是建立小区长效管理机制。")
    case = assign(world, p)
    a = case.assignments.get()
    handler, leader = fresh(world.unit_handlers[1]), fresh(world.unit_leaders[1])
    services.assignment_sign_for(actor=handler, assignment_id=a.pk)
    reply = replies.reply_save(actor=handler, assignment_id=a.pk, body=PARTIAL_REPLY,
                               result_class_id=result_class(world, "A").pk,
                               contact_person="王科长", contact_phone="0558-1234567",
                               signer="李局长")
    replies.reply_sign_off(actor=leader, reply_id=reply.pk)
    client.force_login(world.staff)
    html = client.get(f"/handling/cases/{case.pk}/").content.decode()
    panel = html[html.index(f'id="reply-check-{reply.pk}"'):html.index('id="pass-reply"')]
    assert "已回应 2 / 3 点" in panel
    assert panel.count("point-addressed") == 2 and panel.count("point-missing") == 1
    assert "未回应第3点建议" in panel
    assert "签发领导：李局长" in panel and "联系人：王科长" in panel
    assert "与所选类别（A类）不一致" in panel
    client.force_login(world.unit_handlers[1])
    assert 'class="border rounded p-2 my-2 small reply-check"' not in client.get(
        f"/handling/cases/{case.pk}/").content.decode()


def test_equal_scores_keep_the_offices_order_of_units(world):
    reform, _housing, environment = world.units
    Unit.objects.filter(pk=environment.pk).update(order=1)
    Unit.objects.filter(pk=reform.pk).update(order=2)
    evidence = routing.Evidence(world.committee.pk)
    evidence.credit(reform.pk, 0.5, "rule", "对口")
    evidence.credit(environment.pk, 0.5, "rule", "对口")
    # By name 市发展改革委 would come first; the office numbered 市生态环境局 first.
    assert [s.unit.pk for s in evidence.ranked(2)] == [environment.pk, reform.pk]
