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
