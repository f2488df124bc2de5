"""信息质量提示 on the 社情民意 form, on the item page for its writer and the office, and in the API."""

from xieshang.accounts.services import api_token_issue
from xieshang.core.testing import fresh
from xieshang.textintel.tests.test_draft_hints import (
    ANALYSIS,
    ITEM_SUGGESTIONS,
    ITEM_TITLE,
    SITUATION,
)

from .story import office, opinion_in

THIN = {"title": ITEM_TITLE, "situation": "饮水设施老化。", "analysis": "",
        "suggestions": "1. 高度重视。\n2. 将山区饮水设施改造纳入明年民生实事。"}
FULL = {"title": ITEM_TITLE, "situation": SITUATION, "analysis": ANALYSIS,
        "suggestions": ITEM_SUGGESTIONS}


def test_the_form_advises_on_the_item_as_typed(world, client):
    client.force_login(world.member_users[0])
    assert 'id="hints-panel"' in client.get("/opinions/new/").content.decode()
    html = client.post("/opinions/hints/", THIN).content.decode()
    assert "信息质量提示" in html and "一事一报" in html
    for code in ("short_situation", "no_analysis", "vague_point"):
        assert f'data-code="{code}"' in html
    assert 'id="draft-hints"' not in client.post("/opinions/hints/", FULL).content.decode()
    client.force_login(world.unit_handlers[0])
    assert client.post("/opinions/hints/", THIN).status_code == 404


def test_the_writer_and_the_office_see_the_hints_on_the_item_page(world, client):
    draft = opinion_in(world, "draft", **THIN)
    submitted = opinion_in(world, "submitted", owner=world.member_users[1], **THIN)
    good = opinion_in(world, "submitted", owner=world.member_users[2], **FULL)
    client.force_login(world.member_users[0])
    assert 'id="draft-hints"' in client.get(f"/opinions/{draft.pk}/").content.decode()
    client.force_login(office(world))
    assert 'id="draft-hints"' in client.get(f"/opinions/{submitted.pk}/").content.decode()
    assert 'id="draft-hints"' not in client.get(f"/opinions/{good.pk}/").content.decode()
    client.force_login(world.member_users[1])
    assert 'id="draft-hints"' not in client.get(f"/opinions/{submitted.pk}/").content.decode()


def test_the_api_gives_the_same_hints(world, client):
    member = {"Authorization": f"Bearer {api_token_issue(user=fresh(world.member_users[0]))}"}
    body = client.post("/api/v1/opinions/hints", THIN, content_type="application/json",
                       headers=member).json()
    assert [h["code"] for h in body["hints"]] == ["short_situation", "no_analysis", "vague_point"]
    assert client.post("/api/v1/opinions/hints", FULL, content_type="application/json",
                       headers=member).json() == {"hints": []}
    unit = {"Authorization": f"Bearer {api_token_issue(user=fresh(world.unit_handlers[0]))}"}
    assert client.post("/api/v1/opinions/hints", FULL, content_type="application/json",
                       headers=unit).status_code == 403


def test_the_office_list_counts_the_hints_of_items_awaiting_the_check(world, client):
    thin = opinion_in(world, "submitted", **THIN)
    good = opinion_in(world, "submitted", owner=world.member_users[1], **FULL)
    used = opinion_in(world, "used", owner=world.member_users[2], **THIN)
    client.force_login(office(world))
    page = client.get("/opinions/").content.decode()
    assert "质量提示" in page and f'id="hint-{thin.pk}"' in page
    html = client.get(f"/opinions/duplicates/?ids={thin.pk},{good.pk},{used.pk}").content.decode()
    badge = html[html.index(f'id="hint-{thin.pk}"'):html.index(f'id="dup-{good.pk}"')]
    assert "3条" in badge and f"/opinions/{thin.pk}/#draft-hints" in badge
    assert f'<span id="hint-{good.pk}" hx-swap-oob="true"><span class="text-muted">—</span>' in html
    # Past the check the hints are moot: the cell is left empty.
    assert f'<span id="hint-{used.pk}" hx-swap-oob="true"></span>' in html


def test_the_edit_page_checks_the_edited_version_as_the_office_types(world, client):
    o = opinion_in(world, "used")
    url = f"/opinions/{o.pk}/office-edit/hints/"
    client.force_login(office(world))
    page = client.get(f"/opinions/{o.pk}/office-edit/").content.decode()
    assert f'hx-post="{url}"' in page
    body = "小区电动自行车飞线充电现象普遍，楼道停放堵塞通道，存在火灾隐患。" * 60
    html = client.post(url, {"title": "关于规范电动自行车充电的建议", "text": body}).content.decode()
    assert "编辑稿提示" in html and 'data-code="too_long"' in html
    html = client.post(url, {"title": "关于校外培训机构收费乱象的建议",
                             "text": body[:400]}).content.decode()
    assert 'data-code="title_off"' in html and 'data-code="too_long"' not in html
    assert client.post(url, {"title": "关于规范电动自行车充电的建议",
                             "text": body[:400]}).content.decode().strip() == ""
    assert client.get(url).status_code == 405
    # Nothing is saved by the check.
    assert not o.versions.exists()

    client.force_login(world.member_users[0])
    assert client.post(url, {"title": "x", "text": body}).status_code == 404


def test_the_api_checks_an_edited_version_for_the_office_only(world, client):
    url = "/api/v1/opinions/hints/edited"
    body = SITUATION * 14
    info = {"Authorization": f"Bearer {api_token_issue(user=fresh(office(world)))}"}
    answer = client.post(url, {"title": ITEM_TITLE, "text": body},
                         content_type="application/json", headers=info).json()
    assert [h["code"] for h in answer["hints"]] == ["too_long"]
    assert answer["hints"][0]["field"] == "text"
    assert client.post(url, {"title": ITEM_TITLE, "text": SITUATION},
                       content_type="application/json", headers=info).json() == {"hints": []}
    too_long = client.post(url, {"title": ITEM_TITLE, "text": "字" * 20001},
                           content_type="application/json", headers=info)
    assert too_long.status_code == 422
    member = {"Authorization": f"Bearer {api_token_issue(user=fresh(world.member_users[0]))}"}
    assert client.post(url, {"title": ITEM_TITLE, "text": body},
                       content_type="application/json", headers=member).status_code == 403



def test_the_hard_limit_counts_characters_as_the_hints_do(world):
    import pytest

    from xieshang.core.errors import ValidationError
    from xieshang.opinions.models import OpinionConfig

    from .story import draft

    OpinionConfig.objects.update_or_create(committee=world.committee,
                                           defaults={"max_chars": 63})
    # 34 + 15 + 14 = 63 字数; the four line breaks between the paragraphs are layout.
    situation = "\n\n".join(["供水设施老化旱季断水时有发生"] * 2 + ["管护主体不明"])
    parts = {"analysis": "建设标准低，维修资金没有来源。", "suggestions": "一是统筹资金；二是明确责任。"}
    assert draft(world, situation=situation, **parts).pk
    with pytest.raises(ValidationError, match="不能超过63字（当前64字）"):
        draft(world, situation=situation + "。", **parts)
