"""Text cleaning on store, near-duplicate search while drafting and in review."""

import pytest

from xieshang.accounts.services import api_token_issue
from xieshang.core.errors import ValidationError
from xieshang.core.testing import draft_kwargs, fresh, make_world
from xieshang.proposals import services, similar_rows
from xieshang.proposals.models import ProposalEvent
from xieshang.textintel.resources import opencc_converter

from .states import proposal_in

ORIGINAL = {
    "title": "关于加快老旧小区改造的建议",
    "reasons": "我市2000年以前建成的老旧小区有300余个，设施老化，管网破损，加装电梯难，"
               "停车位严重不足，群众反映强烈。",
    "suggestions": "一是统筹中央和地方资金，设立改造专项；二是完善加装电梯政策，简化审批流程；"
                   "三是建立长效管理机制，引入专业物业服务。",
}
UNRELATED = {
    "title": "关于发展夜间经济的建议",
    "reasons": "夜间经济是城市活力的重要体现，我市夜间消费场景单一，夜市布局分散。",
    "suggestions": "一是规划建设特色夜市街区；二是延长地铁和公交夜间运营时间。",
}
WEB_REASONS = (
    "<div class='nav'>当前位置：首页 &gt; 新闻中心 &gt; 正文</div>"
    "<p>我市２０００年以前建成的老舊小區有３００余个，設施老化,群众反映强烈。</p>"
    "<p>版权所有 © 某某网 ICP备12345678号</p>"
)

pytestmark = pytest.mark.usefixtures("fresh_similarity")


def _draft(world, user, **texts):
    return similar_rows.similar_for_draft(user=fresh(user), title=texts.get("title", ""),
                                        reasons=texts.get("reasons", ""),
                                        suggestions=texts.get("suggestions", ""))


# -- normalisation on store -----------------------------------------------------------------


def test_pasted_web_text_is_cleaned_on_store_and_the_raw_input_kept(world):
    raw_title = "<p>關於加快老舊小區改造的建議</p>"
    p = services.proposal_create(actor=fresh(world.member_users[0]), **draft_kwargs(
        world, title=raw_title, reasons=WEB_REASONS,
        suggestions="一是統籌資金；二是完善加裝電梯政策。"))
    assert p.title == "关于加快老旧小区改造的建议"
    assert "2000年以前建成的老旧小区有300余个" in p.reasons
    assert "设施老化，群众反映强烈。" in p.reasons
    for noise in ("<p>", "当前位置", "版权所有", "ICP", "&gt;", "２"):
        assert noise not in p.reasons
    assert p.suggestions == "一是统筹资金；二是完善加装电梯政策。"
    p.refresh_from_db()
    assert p.original == {"title": raw_title, "reasons": WEB_REASONS,
                          "suggestions": "一是統籌資金；二是完善加裝電梯政策。"}
    event = ProposalEvent.objects.get(proposal=p, action="create")
    assert event.payload["normalized"] == ["reasons", "suggestions", "title"]


def test_clean_input_keeps_no_original(world):
    p = services.proposal_create(actor=fresh(world.member_users[0]), **draft_kwargs(world))
    assert p.original == {}


def test_text_typed_in_the_browser_keeps_no_original(world):
    # A browser posts a textarea's lines with \r\n: a change of layout, not of content.
    p = services.proposal_create(actor=fresh(world.member_users[0]), **draft_kwargs(
        world, reasons="第一段情况。\r\n\r\n第二段分析。", suggestions="一是加强。\r\n二是完善。"))
    assert (p.reasons, p.suggestions) == ("第一段情况。\n\n第二段分析。", "一是加强。\n二是完善。")
    assert p.original == {}


def test_the_migration_drops_originals_kept_for_layout_alone(world):
    from importlib import import_module

    from django.apps import apps

    from xieshang.proposals.models import Proposal

    typed = services.proposal_create(actor=fresh(world.member_users[0]), **draft_kwargs(world))
    pasted = services.proposal_create(actor=fresh(world.member_users[0]), **draft_kwargs(
        world, reasons=WEB_REASONS))
    Proposal.objects.filter(pk=typed.pk).update(
        original={"reasons": typed.reasons.replace("\n", "\r\n") + "  "})
    import_module("xieshang.proposals.migrations.0003_drop_layout_only_originals").forwards(
        apps, None)
    typed.refresh_from_db()
    pasted.refresh_from_db()
    assert typed.original == {} and pasted.original == {"reasons": WEB_REASONS}


def test_the_title_rule_reads_the_cleaned_title(world):
    with pytest.raises(ValidationError):
        services.proposal_create(actor=fresh(world.member_users[0]),
                                 **draft_kwargs(world, title="<b>加快老舊小區改造</b>"))
    p = services.proposal_create(actor=fresh(world.member_users[0]),
                                 **draft_kwargs(world, title="<b>關於加快老舊小區改造的建議</b>"))
    assert p.title == "关于加快老旧小区改造的建议"


def test_editing_cleans_the_changed_fields_and_updates_the_originals(world):
    owner = world.member_users[0]
    p = services.proposal_create(actor=fresh(owner), **draft_kwargs(world, reasons=WEB_REASONS))
    assert set(p.original) == {"reasons"}
    p = services.proposal_update(actor=fresh(owner), proposal_id=p.pk,
                                 title="关于加快老旧小区改造提升的建议",
                                 reasons="我市老旧小区有３００余个。")
    p.refresh_from_db()
    assert p.reasons == "我市老旧小区有300余个。"
    assert p.original == {"reasons": "我市老旧小区有３００余个。"}
    p = services.proposal_update(actor=fresh(owner), proposal_id=p.pk, reasons="我市老旧小区较多。")
    p.refresh_from_db()
    assert p.original == {}
    event = ProposalEvent.objects.filter(proposal=p, action="edit").order_by("id").first()
    assert event.payload == {"fields": ["title", "reasons"], "normalized": ["reasons"]}


def test_the_api_returns_the_original_input(world, client):
    p = services.proposal_create(actor=fresh(world.member_users[0]),
                                 **draft_kwargs(world, reasons=WEB_REASONS))
    token = api_token_issue(user=fresh(world.member_users[0]))
    body = client.get(f"/api/v1/proposals/{p.pk}",
                      headers={"Authorization": f"Bearer {token}"}).json()
    assert body["original"] == {"reasons": WEB_REASONS}
    assert "当前位置" not in body["reasons"]


# -- similar proposals while drafting ---------------------------------------------------------


def _variants() -> dict[str, dict]:
    s2t = opencc_converter("s2t")
    return {
        "re-punctuated": {
            "title": "关于 加快老旧小区改造 的建议",
            "reasons": "我市２０００年以前建成的老旧小区有300余个. 设施老化,管网破损;加装电梯难!"
                       "停车位严重不足,群众反映强烈",
        },
        "traditional": {k: s2t.convert(v) for k, v in ORIGINAL.items()},
        "truncated": {"title": "关于推进城市更新的建议",
                      "reasons": ORIGINAL["reasons"][:32]},
        "title only, reworded": {"title": "关于加快推进老旧小区改造工作的建议"},
    }


@pytest.mark.parametrize("variant", list(_variants()))
def test_a_near_duplicate_finds_the_earlier_proposal_and_not_an_unrelated_one(world, variant):
    earlier = proposal_in(world, "submitted", **ORIGINAL)
    other = proposal_in(world, "submitted", owner=world.member_users[1], **UNRELATED)
    rows = _draft(world, world.member_users[2], **_variants()[variant])
    assert rows and rows[0].proposal == earlier
    assert other not in [r.proposal for r in rows]


def test_an_unrelated_draft_finds_nothing(world):
    proposal_in(world, "submitted", **ORIGINAL)
    rows = _draft(world, world.member_users[2], title="关于规范电动自行车管理的建议",
                  reasons="电动自行车数量快速增长，充电起火和闯红灯问题突出。")
    assert rows == []


def test_another_members_draft_is_never_shown(world):
    draft = proposal_in(world, "draft", owner=world.member_users[1], **ORIGINAL)
    assert _draft(world, world.member_users[2], **ORIGINAL) == []
    assert _draft(world, world.staff, **ORIGINAL) == []
    services.proposal_submit(actor=fresh(world.member_users[1]), proposal_id=draft.pk)
    assert [r.proposal for r in _draft(world, world.member_users[2], **ORIGINAL)] == [draft]


def test_other_members_proposals_show_public_facts_only(world):
    earlier = proposal_in(world, "submitted", **ORIGINAL)
    row = _draft(world, world.member_users[2], **ORIGINAL)[0]
    assert (row.can_view, row.url, row.hit.passages) == (False, None, [])
    assert row.number == earlier.receipt_number
    staff_row = _draft(world, world.leader, **ORIGINAL)[0]
    assert staff_row.can_view and staff_row.url == f"/proposals/{earlier.pk}/"


def test_answered_proposals_link_their_reply_only_where_the_member_may_read_it(world):
    from xieshang.publishing.tests.helpers import passed_reply, published

    reply = passed_reply(world, **ORIGINAL)
    case_id = reply.assignment.case_id
    own = _draft(world, world.member_users[0], **ORIGINAL)[0]
    assert own.reply_label == "已答复（A类）" and own.reply_url == f"/handling/cases/{case_id}/"
    other = _draft(world, world.member_users[2], **ORIGINAL)[0]
    assert other.reply_label == "已答复（A类）" and other.reply_url is None
    published(world, reply)
    other = _draft(world, world.member_users[2], **ORIGINAL)[0]
    assert other.reply_url == f"/public/{world.committee.slug}/{reply.assignment.case.proposal_id}/"


def test_among_equal_scores_the_answered_proposal_comes_first(world):
    from xieshang.publishing.tests.helpers import passed_reply

    unanswered = proposal_in(world, "submitted", **ORIGINAL)
    answered = passed_reply(world, **ORIGINAL).assignment.case.proposal
    assert unanswered.pk < answered.pk
    rows = _draft(world, world.member_users[2], **ORIGINAL)
    assert rows[0].percent == rows[1].percent
    assert [r.proposal for r in rows[:2]] == [answered, unanswered]


def test_a_draft_that_repeats_an_earlier_reply_finds_its_proposal(world):
    from xieshang.publishing.tests.helpers import passed_reply

    body = ("关于您提出的建议，我局高度重视。今年已将城南片区十二个老旧小区纳入改造计划，"
            "同步实施雨污分流和加装电梯，预计年底前全部完工。联系人：王科长。")
    reply = passed_reply(world, body=body, **UNRELATED)
    rows = _draft(world, world.member_users[2], title="关于城南片区老旧小区改造的建议",
                  reasons="城南片区十二个老旧小区纳入改造计划，同步实施雨污分流和加装电梯，进度如何？")
    assert rows[0].proposal.pk == reply.assignment.case.proposal_id
    assert "与其答复相近" in rows[0].hit.reasons


def test_the_drafting_panel_renders_and_leaks_no_link(world, client):
    earlier = proposal_in(world, "submitted", **ORIGINAL)
    client.force_login(world.member_users[2])
    html = client.post("/proposals/similar/", {"title": "關於加快老舊小區改造的建議"}).content.decode()
    assert 'id="similar-results"' in html and earlier.title in html
    assert earlier.receipt_number in html and "待审查" in html
    assert f"/proposals/{earlier.pk}/" not in html
    client.force_login(world.member_users[0])
    html = client.post("/proposals/similar/", {"title": "關於加快老舊小區改造的建議"}).content.decode()
    assert f'href="/proposals/{earlier.pk}/"' in html
    html = client.post("/proposals/similar/", {"title": ORIGINAL["title"],
                                               "exclude": earlier.pk}).content.decode()
    assert earlier.title not in html
    client.force_login(world.unit_handler)
    assert client.post("/proposals/similar/", {"title": ORIGINAL["title"]}).status_code == 404


COPIED = {"title": "关于推进城市更新的建议",
          "reasons": "据了解，" + ORIGINAL["reasons"][5:40] + "。另外还有其他情况。"}


def test_a_match_in_the_body_names_the_part_and_shows_the_draft_passage(world, client):
    earlier = proposal_in(world, "submitted", **ORIGINAL)
    [row] = _draft(world, world.member_users[2], **COPIED)
    assert row.proposal == earlier and row.overlap is not None
    # Another member's proposal: the draft's own words, none of the earlier text around them.
    assert (row.overlap.where, row.overlap.own) == ("情况与分析", True)
    assert row.overlap.shared in COPIED["reasons"] and "设施老化，管网破损" in row.overlap.shared
    assert (row.overlap.before, row.overlap.after) == ("", "")
    client.force_login(world.member_users[2])
    html = client.post("/proposals/similar/", COPIED).content.decode()
    assert "情况与分析中有段落与您草稿中的这段重合：<mark>" in html
    assert "我市2000" not in html and "车位严重不足" not in html
    # The proposer, who may open it, sees the passage in the earlier text with its context.
    client.force_login(world.member_users[0])
    html = client.post("/proposals/similar/", COPIED).content.decode()
    overlap = html[html.index('class="border-start border-3 ps-2 mt-1 text-muted similar-overlap"'):]
    overlap = overlap[:overlap.index("</div>")]
    assert "情况与分析中有段落重合：" in overlap and "<mark>" in overlap
    assert "我市200" in overlap and "车位严重不足" in overlap


def test_a_match_in_the_suggestions_says_so(world):
    proposal_in(world, "submitted", **ORIGINAL)
    [row] = _draft(world, world.member_users[2], title="关于城市管理的建议",
                   suggestions="建议：" + ORIGINAL["suggestions"][11:45])
    assert row.overlap.where == "具体建议" and "完善加装电梯政策" in row.overlap.shared


def test_a_title_match_shows_no_passage(world, client):
    proposal_in(world, "submitted", **ORIGINAL)
    [row] = _draft(world, world.member_users[2], title="关于加快推进老旧小区改造工作的建议")
    assert row.hit.reasons == ["案由相近"] and row.overlap is None
    client.force_login(world.member_users[2])
    html = client.post("/proposals/similar/", {"title": ORIGINAL["title"]}).content.decode()
    assert 'id="similar-results"' in html and "段落" not in html


def test_the_draft_form_asks_for_the_panel(world, client):
    client.force_login(world.member_users[0])
    html = client.get("/proposals/new/").content.decode()
    assert 'id="similar-panel"' in html and 'hx-post="/proposals/similar/"' in html


def test_the_index_follows_edits_and_stays_within_the_committee(world):
    p = proposal_in(world, "returned", **ORIGINAL)
    reader = world.member_users[2]
    assert [r.proposal for r in _draft(world, reader, **ORIGINAL)] == [p]
    services.proposal_update(actor=fresh(world.member_users[0]), proposal_id=p.pk, **UNRELATED)
    assert _draft(world, reader, **ORIGINAL) == []
    assert [r.proposal for r in _draft(world, reader, **UNRELATED)] == [p]
    other = make_world(slug="othercounty")
    assert _draft(other, other.member_users[0], **UNRELATED) == []


# -- review -------------------------------------------------------------------------------------


def _pair(world):
    main = proposal_in(world, "submitted", **ORIGINAL)
    dup = proposal_in(world, "submitted", owner=world.member_users[1],
                      title="关于加快推进老旧小区改造的建议",
                      reasons="据调查，" + ORIGINAL["reasons"], suggestions=ORIGINAL["suggestions"])
    return main, dup


def test_the_review_panel_highlights_the_overlap_and_preselects_the_main(world, client):
    main, dup = _pair(world)
    proposal_in(world, "submitted", owner=world.member_users[2], **UNRELATED)
    client.force_login(world.staff)
    html = client.get(f"/proposals/{dup.pk}/").content.decode()
    panel = html[html.index('id="duplicates"'):html.index('<div class="card-header">审查</div>')]
    assert main.title in panel and UNRELATED["title"] not in panel
    assert "<mark>" in panel and "设施老化，管网破损" in panel
    assert "同次会议" in panel and "内容重合" in panel
    assert f'id="merge-with-{main.pk}"' in panel
    html = client.get(f"/proposals/{dup.pk}/?merge_main={main.pk}").content.decode()
    assert f'<option value="{main.pk}" selected>' in html
    client.post(f"/proposals/{dup.pk}/decide/", {"decision": "merge", "main": main.pk})
    dup.refresh_from_db()
    assert (dup.status, dup.merged_into_id) == ("merged", main.pk)


def test_only_reviewers_see_the_review_panel(world, client):
    main, dup = _pair(world)
    client.force_login(world.member_users[1])
    assert 'id="duplicates"' not in client.get(f"/proposals/{dup.pk}/").content.decode()
    client.force_login(world.leader)
    assert 'id="duplicates"' not in client.get(f"/proposals/{dup.pk}/").content.decode()


def test_the_review_queue_fills_its_duplicate_column(world, client):
    main, dup = _pair(world)
    lonely = proposal_in(world, "submitted", owner=world.member_users[2], **UNRELATED)
    client.force_login(world.staff)
    html = client.get("/proposals/review/").content.decode()
    assert f'id="dup-{dup.pk}"' in html and "/proposals/review/duplicates/?ids=" in html
    html = client.get(f"/proposals/review/duplicates/?ids={dup.pk},{lonely.pk}").content.decode()
    assert f'<span id="dup-{dup.pk}" hx-swap-oob="true">' in html
    badge = html[html.index(f'id="dup-{dup.pk}"'):html.index(f'id="dup-{lonely.pk}"')]
    assert main.receipt_number in badge and f"/proposals/{dup.pk}/#duplicates" in badge
    assert "text-muted" in html[html.index(f'id="dup-{lonely.pk}"'):
                                html.index(f'id="hint-{lonely.pk}"')]
    client.force_login(world.member_users[0])
    assert client.get(f"/proposals/review/duplicates/?ids={dup.pk}").status_code == 404


def test_the_api_gives_a_drafting_client_the_panels_rows(world, client):
    from xieshang.publishing.tests.helpers import passed_reply

    answered = passed_reply(world, **ORIGINAL).assignment.case.proposal
    other = {"Authorization": f"Bearer {api_token_issue(user=fresh(world.member_users[2]))}"}
    resp = client.post("/api/v1/proposals/similar", {"title": "關於加快老舊小區改造的建議"},
                       content_type="application/json", headers=other)
    assert resp.status_code == 200
    [row] = resp.json()["rows"]
    assert (row["kind"], row["id"], row["title"]) == ("proposal", answered.pk, ORIGINAL["title"])
    assert row["number"] == answered.official_number and row["year"] == world.session.year
    assert (row["can_view"], row["url"], row["reply_url"]) == (False, None, None)
    assert row["reply_label"] == "已答复（A类）" and "案由相近" in row["reasons"]
    owner = {"Authorization": f"Bearer {api_token_issue(user=fresh(world.member_users[0]))}"}
    [row] = client.post("/api/v1/proposals/similar", ORIGINAL, content_type="application/json",
                        headers=owner).json()["rows"]
    assert row["url"] == f"/proposals/{answered.pk}/" and row["reply_url"].startswith("/handling/")
    # A saved draft is not compared with itself; nothing like it gives no rows.
    assert client.post("/api/v1/proposals/similar", {**ORIGINAL, "exclude_id": answered.pk},
                       content_type="application/json", headers=owner).json() == {"rows": []}
    # Bad input gets a clear error and a unit may not ask.
    long = client.post("/api/v1/proposals/similar", {"title": "关" * 201},
                       content_type="application/json", headers=owner)
    assert long.status_code == 422
    unit = {"Authorization": f"Bearer {api_token_issue(user=fresh(world.unit_handler))}"}
    denied = client.post("/api/v1/proposals/similar", ORIGINAL, content_type="application/json",
                         headers=unit)
    assert denied.status_code == 403 and "委员" in denied.json()["error"]["message"]
