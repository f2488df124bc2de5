"""提案质量提示 on the drafting page, and on the proposal page for its writer and reviewers."""

from xieshang.textintel.tests.test_draft_hints import REASONS, SUGGESTIONS, TITLE

from .states import proposal_in

THIN = {"title": TITLE, "reasons": "老旧小区问题很多，群众反映强烈。", "suggestions": "1. 加大投入。\n2. 高度重视。"}
FULL = {"title": TITLE, "reasons": REASONS, "suggestions": SUGGESTIONS}


def test_the_drafting_page_advises_on_the_text_as_typed(world, client):
    client.force_login(world.member_users[0])
    assert 'id="hints-panel"' in client.get("/proposals/new/").content.decode()
    html = client.post("/proposals/hints/", THIN).content.decode()
    assert 'id="draft-hints"' in html
    assert html.count('class="list-group-item draft-hint"') == 3
    assert 'data-code="short_reasons"' in html and "第1点建议（“加大投入”）过于笼统" in html
    assert 'id="draft-hints"' not in client.post("/proposals/hints/", FULL).content.decode()
    assert client.get("/proposals/hints/").status_code == 405
    client.force_login(world.unit_handler)
    assert client.post("/proposals/hints/", THIN).status_code == 404


def test_the_writer_and_the_reviewers_see_the_hints_on_the_proposal_page(world, client):
    draft = proposal_in(world, "draft", **THIN)
    submitted = proposal_in(world, "submitted", owner=world.member_users[1], **THIN)
    good = proposal_in(world, "submitted", owner=world.member_users[2], **FULL)
    client.force_login(world.member_users[0])
    assert 'id="draft-hints"' in client.get(f"/proposals/{draft.pk}/").content.decode()
    client.force_login(world.staff)
    assert 'id="draft-hints"' in client.get(f"/proposals/{submitted.pk}/").content.decode()
    assert 'id="draft-hints"' not in client.get(f"/proposals/{good.pk}/").content.decode()
    # Once submitted, the writer can no longer act on them; the reviewers can.
    client.force_login(world.member_users[1])
    assert 'id="draft-hints"' not in client.get(f"/proposals/{submitted.pk}/").content.decode()


def test_the_api_gives_the_same_hints(world, client):
    from xieshang.accounts.services import api_token_issue
    from xieshang.core.testing import fresh

    member = {"Authorization": f"Bearer {api_token_issue(user=fresh(world.member_users[0]))}"}
    body = client.post("/api/v1/proposals/hints", THIN, content_type="application/json",
                       headers=member).json()
    assert [(h["code"], h["field"]) for h in body["hints"]] == [
        ("short_reasons", "reasons"), ("vague_point", "suggestions"), ("vague_point", "suggestions")]
    assert client.post("/api/v1/proposals/hints", FULL, content_type="application/json",
                       headers=member).json() == {"hints": []}
    unit = {"Authorization": f"Bearer {api_token_issue(user=fresh(world.unit_handler))}"}
    assert client.post("/api/v1/proposals/hints", FULL, content_type="application/json",
                       headers=unit).status_code == 403
    assert client.post("/api/v1/proposals/hints", {"reasons": 1}, content_type="application/json",
                       headers=member).status_code == 422


def test_the_review_queue_counts_each_proposals_hints(world, client):
    thin = proposal_in(world, "submitted", **THIN)
    good = proposal_in(world, "submitted", owner=world.member_users[1], **FULL)
    client.force_login(world.staff)
    html = client.get("/proposals/review/").content.decode()
    assert "质量提示" in html and f'id="hint-{thin.pk}"' in html
    html = client.get(f"/proposals/review/duplicates/?ids={thin.pk},{good.pk}").content.decode()
    badge = html[html.index(f'id="hint-{thin.pk}"'):html.index(f'id="dup-{good.pk}"')]
    assert "3条" in badge and f"/proposals/{thin.pk}/#draft-hints" in badge
    assert "情况与分析较为简略" in badge
    rest = html[html.index(f'id="hint-{good.pk}"'):]
    assert "条</a>" not in rest and "text-muted" in rest


def test_a_thin_proposal_is_returned_with_the_hints_as_the_suggested_reason(world, client):
    thin = proposal_in(world, "submitted", **THIN)
    good = proposal_in(world, "submitted", owner=world.member_users[1], **FULL)
    client.force_login(world.staff)
    html = client.get(f"/proposals/{thin.pk}/").content.decode()
    assert 'name="reason" value="请修改完善：情况与分析较为简略（16字）' in html
    assert "已按质量提示预填" in html
    assert 'name="reason" value=""' in client.get(f"/proposals/{good.pk}/").content.decode()
    client.post(f"/proposals/{thin.pk}/decide/", {"decision": "return",
                                                 "reason": "请修改完善：请补充数据。"})
    thin.refresh_from_db()
    assert thin.status == "returned" and thin.return_reason == "请修改完善：请补充数据。"
