"""社情民意 items as a source of near-duplicate search and of the month's hot topics."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from xieshang.core import clock
from xieshang.core.testing import fresh
from xieshang.opinions import services
from xieshang.proposals import similar_rows, similarity, similarity_sources
from xieshang.proposals.tests.states import proposal_in
from xieshang.reports import topics as topic_reads

from .story import office, opinion_in

HOUSING = {
    "title": "关于加快老旧小区改造的建议",
    "situation": "我市2000年以前建成的老旧小区有300余个，设施老化，管网破损，加装电梯难，"
                 "停车位严重不足，群众反映强烈。",
    "analysis": "改造资金来源单一，居民意见难统一。",
    "suggestions": "一是统筹中央和地方资金，设立改造专项；二是完善加装电梯政策，简化审批流程；"
                   "三是建立长效管理机制，引入专业物业服务。",
}
NIGHT = {
    "title": "关于发展夜间经济的建议",
    "situation": "夜间经济是城市活力的重要体现，我市夜间消费场景单一，夜市布局分散。",
    "suggestions": "一是规划建设特色夜市街区；二是延长地铁和公交夜间运营时间。",
}


@pytest.fixture(autouse=True)
def fresh_index():
    similarity.forget()
    yield
    similarity.forget()


def _draft_panel(user, texts):
    return similar_rows.similar_for_draft(
        user=fresh(user), title=texts["title"],
        reasons=texts["situation"] + texts.get("analysis", ""), suggestions=texts["suggestions"])


def test_proposal_drafting_panel_shows_used_opinion_items_as_the_user_may_see_them(world):
    used = opinion_in(world, "used", **HOUSING)
    opinion_in(world, "used", owner=world.member_users[1], **NIGHT)
    rows = _draft_panel(world.member_users[0], HOUSING)
    mine = [r for r in rows if r.kind == "opinion"]
    assert [r.opinion.pk for r in mine] == [used.pk]
    assert mine[0].can_view and mine[0].url == f"/opinions/{used.pk}/"
    rows = _draft_panel(world.member_users[3], HOUSING)
    theirs = [r for r in rows if r.kind == "opinion"]
    assert [r.opinion.pk for r in theirs] == [used.pk]
    assert theirs[0].url is None and theirs[0].hit.passages == []


def test_one_matter_reported_by_several_members_is_one_line_of_a_members_panel(world, client):
    copies = [opinion_in(world, "used", owner=world.member_users[i], **HOUSING) for i in (1, 2, 4)]
    earlier = proposal_in(world, "submitted", owner=world.member_users[5],
                          title="关于老旧小区改造和加装电梯的建议",
                          reasons=HOUSING["situation"], suggestions=HOUSING["suggestions"])
    rows = _draft_panel(world.member_users[0], HOUSING)
    items = [r for r in rows if r.kind == "opinion"]
    assert len(items) == 1 and items[0].copies == 3
    assert items[0].opinion.pk in {o.pk for o in copies}
    assert [r.proposal.pk for r in rows if r.kind == "proposal"] == [earlier.pk]
    client.force_login(world.member_users[0])
    html = client.post("/proposals/similar/", {
        "title": HOUSING["title"], "reasons": HOUSING["situation"],
        "suggestions": HOUSING["suggestions"]}).content.decode()
    assert html.count("similar-opinion") == 1 and "同题信息共3条" in html
    # An author opens her own item: it stays a line of its own, the other two fold.
    rows = _draft_panel(world.member_users[1], HOUSING)
    own = [r for r in rows if r.kind == "opinion" and r.can_view]
    folded = [r for r in rows if r.kind == "opinion" and not r.can_view]
    assert [r.opinion.pk for r in own] == [copies[0].pk]
    assert len(folded) == 1 and folded[0].copies == 2


def test_items_not_used_drafts_and_converted_proposals_stay_out_of_members_panels(world):
    submitted = opinion_in(world, "submitted", **HOUSING)
    opinion_in(world, "draft", owner=world.member_users[1], **HOUSING)
    stranger_rows = _draft_panel(world.member_users[3], HOUSING)
    assert [r for r in stranger_rows if r.kind == "opinion"] == []
    author_rows = _draft_panel(world.member_users[0], HOUSING)
    assert [r.opinion.pk for r in author_rows if r.kind == "opinion"] == [submitted.pk]
    index = similarity.committee_index(world.committee.pk)
    assert index.keys["opinion"] == {f"o:{submitted.pk}"}


def test_proposal_only_searches_never_return_opinion_items(world):
    opinion_in(world, "used", **HOUSING)
    hits = similarity.search(world.committee.pk, text=similarity_sources.opinion_text(**HOUSING),
                             title=similarity_sources.opinion_title_core(HOUSING["title"]))
    assert hits == []
    hits = similarity.search(world.committee.pk, text=similarity_sources.opinion_text(**HOUSING),
                             kinds=similarity.EVERYTHING)
    assert [h.ref[0] for h in hits] == ["opinion"]


def test_the_office_sees_similar_proposals_and_items_on_an_item(world):
    p = proposal_in(world, "submitted", title=HOUSING["title"],
                    reasons=HOUSING["situation"], suggestions=HOUSING["suggestions"])
    first = opinion_in(world, "used", **HOUSING)
    second = opinion_in(world, "submitted", owner=world.member_users[1],
                        **{**HOUSING, "title": "老旧小区改造进展缓慢的情况反映"})
    rows = similar_rows.similar_for_opinion(user=office(world), opinion=second)
    refs = {(r.kind, (r.opinion if r.kind == "opinion" else r.proposal).pk) for r in rows}
    assert refs == {("opinion", first.pk), ("proposal", p.pk)}
    assert similar_rows.similar_for_opinion(user=fresh(world.member_users[1]), opinion=second) == []
    # Edits to an item reach the index on the next query.
    services.opinion_edit(actor=office(world), opinion_id=first.pk, title=first.title,
                          text="编辑稿")  # the author's text stays indexed
    assert ("opinion", first.pk) in {
        (r.kind, r.opinion.pk) for r in similar_rows.similar_for_opinion(
            user=office(world), opinion=second) if r.kind == "opinion"}


def test_office_item_page_lists_similar_items(world, client):
    first = opinion_in(world, "used", **HOUSING)
    second = opinion_in(world, "submitted", owner=world.member_users[1], **HOUSING)
    client.force_login(office(world))
    page = client.get(f"/opinions/{second.pk}/").content.decode()
    assert 'id="similar"' in page and f'href="/opinions/{first.pk}/"' in page
    client.force_login(world.member_users[1])
    assert 'id="similar"' not in client.get(f"/opinions/{second.pk}/").content.decode()


def test_other_committees_items_are_never_similar(world, other_world):
    opinion_in(other_world, "used", **HOUSING)
    assert [r for r in _draft_panel(world.member_users[0], HOUSING) if r.kind == "opinion"] == []


def _month(world):
    first = clock.today().replace(day=1)
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(first, time.min), zone)
    return start, start + timedelta(days=32)


def test_hot_topics_count_opinion_items_with_proposals(world, client):
    members = world.member_users
    proposal_in(world, "submitted", owner=members[0], title="关于推进老旧小区加装电梯的建议",
                reasons="老旧小区老年居民多，加装电梯审批难、资金难，老旧小区改造应优先加装电梯。")
    proposal_in(world, "submitted", owner=members[1], title="关于老旧小区改造后长效管理的建议",
                reasons="老旧小区改造完成后缺少物业管理，设施很快老化，加装电梯无人维护。")
    o = opinion_in(world, "used", owner=members[2], title="老旧小区加装电梯推进缓慢的情况反映",
                   situation="老旧小区改造中加装电梯进度慢，老旧小区居民意见难统一，资金难。",
                   analysis="", suggestions="建议老旧小区改造优先加装电梯，简化审批。")
    opinion_in(world, "draft", owner=members[3], title="关于老旧小区改造的建议",
               situation="老旧小区改造资金不足，老旧小区加装电梯缺钱。", analysis="",
               suggestions="加大投入。")
    start, end = _month(world)
    topics = topic_reads.hot_topics(user=fresh(world.leader), start=start, end=end)
    housing = next(t for t in topics if any(m.kind == "opinion" for m in t.members))
    assert housing.size == 3 and housing.authors == 3
    assert [m.id for m in housing.members if m.kind == "opinion"] == [o.pk]
    client.force_login(world.leader)
    html = client.get("/reports/topics/").content.decode()
    assert f'href="/opinions/{o.pk}/"' in html and "相关提案和社情民意" in html


def _form_panel(client, user, texts, **extra):
    client.force_login(user)
    r = client.post("/opinions/similar/", {**texts, **extra})
    return r.status_code, r.content.decode()


def test_the_drafting_form_shows_what_was_already_reported_as_the_writer_types(world, client):
    used = opinion_in(world, "used", owner=world.member_users[1], **HOUSING)
    proposal = proposal_in(world, "submitted", owner=world.member_users[2],
                           title=HOUSING["title"], reasons=HOUSING["situation"],
                           suggestions=HOUSING["suggestions"])
    status, html = _form_panel(client, world.member_users[0], HOUSING)
    assert status == 200 and 'id="similar-results"' in html
    assert f'class="list-group-item similar-opinion" data-id="{used.pk}"' in html
    assert f'class="list-group-item similar-item" data-id="{proposal.pk}"' in html
    # The title alone already finds them, and an unrelated draft finds nothing.
    status, html = _form_panel(client, world.member_users[0],
                               {"title": "关于加快老旧小区改造的建议"})
    assert f'data-id="{used.pk}"' in html
    status, html = _form_panel(client, world.member_users[0], NIGHT)
    assert 'id="similar-none"' in html and "暂未发现相近的提案或社情民意" in html
    # A returned item being revised does not find itself.
    returned = opinion_in(world, "returned", owner=world.member_users[3], **NIGHT)
    status, html = _form_panel(client, world.member_users[3], NIGHT, exclude=returned.pk)
    assert f'data-id="{returned.pk}"' not in html
    status, html = _form_panel(client, world.member_users[3], NIGHT)
    assert f'data-id="{returned.pk}"' in html


def test_an_invited_reporter_sees_items_but_not_proposals_and_others_get_nothing(world, client):
    from xieshang.accounts.services import user_create
    from xieshang.core.testing import PASSWORD

    opinion_in(world, "used", owner=world.member_users[1], **HOUSING)
    proposal_in(world, "submitted", owner=world.member_users[2], title=HOUSING["title"],
                reasons=HOUSING["situation"], suggestions=HOUSING["suggestions"])
    user = user_create(committee=world.committee, username="testcity-reporter",
                       full_name="信息员", password=PASSWORD, roles=[],
                       must_change_password=False)
    services.reporter_authorise(actor=office(world), user_id=user.pk, organisation="市委党校")
    status, html = _form_panel(client, user, HOUSING)
    assert status == 200 and "similar-opinion" in html and "similar-item" not in html
    status, _ = _form_panel(client, world.unit_handlers[0], HOUSING)
    assert status == 404
    client.force_login(world.member_users[0])
    assert client.get("/opinions/similar/").status_code == 405


def test_the_office_composes_an_item_with_the_similar_used_ones(world, client):
    first = opinion_in(world, "used", owner=world.member_users[0], **HOUSING)
    second = opinion_in(world, "used", owner=world.member_users[1], **HOUSING)
    checking = opinion_in(world, "submitted", owner=world.member_users[2], **HOUSING)
    client.force_login(office(world))
    html = client.get(f"/opinions/{first.pk}/").content.decode()
    link = f'/opinions/issues/compose/?pick={first.pk}%2C{second.pk}&amp;title='
    assert link in html and "综合编报（2篇）" in html
    # An item still in check is compared, but not offered for composing.
    html = client.get(f"/opinions/{checking.pk}/").content.decode()
    assert 'id="similar"' in html and 'id="similar-compose"' not in html
    client.force_login(world.leader)
    assert 'id="similar-compose"' not in client.get(f"/opinions/{first.pk}/").content.decode()


def test_the_office_list_flags_items_that_repeat_another_or_a_proposal(world, client):
    from xieshang.opinions.models import Opinion

    from .test_services import converted_proposal

    earlier = opinion_in(world, "used", **HOUSING)
    repeat = opinion_in(world, "submitted", owner=world.member_users[1], **HOUSING)
    night = opinion_in(world, "submitted", owner=world.member_users[2], **NIGHT)
    conversion = converted_proposal(world)
    item = Opinion.objects.get(proposal_id=conversion.proposal_id)
    badges = similar_rows.opinion_duplicate_badges(
        user=office(world), opinion_ids=[repeat.pk, night.pk, item.pk])
    assert badges[repeat.pk].kind == "opinion" and badges[repeat.pk].opinion.pk == earlier.pk
    assert badges[repeat.pk].percent == 100
    # An item converted from a proposal is indexed as the proposal: it is compared by the
    # proposal's text (about 老旧小区 too) and finds the earlier item, not its own proposal.
    assert badges[item.pk].kind == "opinion" and badges[item.pk].opinion.pk == earlier.pk
    assert similar_rows.opinion_duplicate_badges(
        user=fresh(world.member_users[1]), opinion_ids=[repeat.pk]) == {}

    client.force_login(office(world))
    page = client.get("/opinions/").content.decode()
    assert f'id="dup-{repeat.pk}"' in page and "疑似重复" in page
    fragment = client.get(f"/opinions/duplicates/?ids={repeat.pk},{night.pk}").content.decode()
    assert f'href="/opinions/{repeat.pk}/#similar"' in fragment and "100% 社情民意" in fragment
    assert f'<span id="dup-{night.pk}" hx-swap-oob="true"><span class="text-muted">—</span>' in (
        fragment)
    assert "疑似重复" not in client.get("/opinions/?mine=1").content.decode()
    client.force_login(world.member_users[1])
    assert client.get(f"/opinions/duplicates/?ids={repeat.pk}").status_code == 404
    assert "疑似重复" not in client.get("/opinions/").content.decode()


def test_the_api_gives_a_drafting_client_the_items_panel(world, client):
    from xieshang.accounts.services import api_token_issue, user_create
    from xieshang.core.testing import PASSWORD

    copies = [opinion_in(world, "used", owner=world.member_users[i], **HOUSING) for i in (1, 2)]
    earlier = proposal_in(world, "submitted", owner=world.member_users[5],
                          title=HOUSING["title"], reasons=HOUSING["situation"],
                          suggestions=HOUSING["suggestions"])
    member = {"Authorization": f"Bearer {api_token_issue(user=fresh(world.member_users[3]))}"}
    resp = client.post("/api/v1/opinions/similar", HOUSING, content_type="application/json",
                       headers=member)
    assert resp.status_code == 200
    rows = resp.json()["rows"]
    items = [r for r in rows if r["kind"] == "opinion"]
    assert len(items) == 1 and items[0]["id"] in {c.pk for c in copies}
    assert items[0]["copies"] == 2 and items[0]["url"] is None
    assert [r["id"] for r in rows if r["kind"] == "proposal"] == [earlier.pk]
    # An invited reporter is compared with items only; a unit may not ask.
    user = user_create(committee=world.committee, username="testcity-reporter",
                       full_name="信息员", password=PASSWORD, roles=[],
                       must_change_password=False)
    services.reporter_authorise(actor=office(world), user_id=user.pk, organisation="市委党校")
    reporter = {"Authorization": f"Bearer {api_token_issue(user=fresh(user))}"}
    rows = client.post("/api/v1/opinions/similar", HOUSING, content_type="application/json",
                       headers=reporter).json()["rows"]
    assert rows and {r["kind"] for r in rows} == {"opinion"}
    unit = {"Authorization": f"Bearer {api_token_issue(user=fresh(world.unit_handlers[0]))}"}
    denied = client.post("/api/v1/opinions/similar", HOUSING, content_type="application/json",
                         headers=unit)
    assert denied.status_code == 403
    bad = client.post("/api/v1/opinions/similar", {"title": 5, "exclude_id": 0},
                      content_type="application/json", headers=member)
    assert bad.status_code == 422
