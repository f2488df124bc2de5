"""疑似重复汇总: a session's likely repeated proposals, grouped around a main one to merge into."""

from datetime import timedelta

import pytest

from xieshang.core.testing import fresh
from xieshang.organization.models import Session
from xieshang.proposals.duplicate_groups import duplicate_groups
from xieshang.proposals.models import Proposal

from .states import proposal_in
from .test_similar import ORIGINAL, UNRELATED

pytestmark = pytest.mark.usefixtures("fresh_similarity")

REWORDED = {
    "title": "关于加快推进老旧小区改造的建议",
    "reasons": "我市2000年以前建成的老旧小区有300余个，设施老化，管网破损，停车位严重不足。",
    "suggestions": "一是统筹中央和地方资金，设立改造专项；二是完善加装电梯政策，简化审批流程。",
}


def _groups(world, user=None, **kw):
    return duplicate_groups(user=fresh(user or world.chief), session_id=world.session.pk, **kw)


def test_repeats_gather_around_the_accepted_proposal_they_can_be_merged_into(world):
    members = world.member_users
    main = proposal_in(world, "accepted", owner=members[0], **ORIGINAL)
    copy = proposal_in(world, "submitted", owner=members[1], **ORIGINAL)
    reworded = proposal_in(world, "first_reviewed", owner=members[2], **REWORDED)
    proposal_in(world, "submitted", owner=members[3], **UNRELATED)
    elsewhere = proposal_in(world, "submitted", owner=members[4], **ORIGINAL)
    other = Session.objects.create(
        committee=world.committee, term=world.session.term, number=2, name="五届二次会议",
        year=world.session.year - 1,
        opening_date=world.session.opening_date - timedelta(days=365),
        closing_date=world.session.closing_date - timedelta(days=365),
        proposal_deadline=world.session.proposal_deadline - timedelta(days=365))
    Proposal.objects.filter(pk=elsewhere.pk).update(session=other)

    [group] = _groups(world)
    assert group.main.pk == main.pk
    assert [m.proposal.pk for m in group.members] == [copy.pk, reworded.pk]
    assert group.members[0].score > group.members[1].score >= 0.6
    assert "案由相近" in group.members[0].reasons
    # The chief decides both; staff decide only what has had no first review.
    assert [m.mergeable for m in group.members] == [True, True]
    assert [m.mergeable for m in _groups(world, world.staff)[0].members] == [True, False]
    # A stricter cut leaves the reworded one out.
    assert [m.proposal.pk for m in _groups(world, min_score=0.95)[0].members] == [copy.pk]
    assert _groups(world, world.member_users[0]) == []


def test_without_an_accepted_one_the_first_received_of_the_most_alike_leads(world):
    members = world.member_users
    first = proposal_in(world, "submitted", owner=members[0], **REWORDED)
    second = proposal_in(world, "submitted", owner=members[1], **ORIGINAL)
    third = proposal_in(world, "submitted", owner=members[2], **ORIGINAL)
    [group] = _groups(world, min_score=0.9)
    assert {group.main.pk, *(m.proposal.pk for m in group.members)} == {second.pk, third.pk}
    assert first.pk not in {m.proposal.pk for m in group.members}
    assert group.main.pk == second.pk
    # At 60 % all three are alike: each has two neighbours, and the first received leads.
    [group] = _groups(world)
    assert group.main.pk == first.pk
    assert {m.proposal.pk for m in group.members} == {second.pk, third.pk}


def test_groups_with_nothing_left_in_review_are_not_listed(world):
    proposal_in(world, "accepted", owner=world.member_users[0], **ORIGINAL)
    proposal_in(world, "accepted", owner=world.member_users[1], **ORIGINAL)
    assert _groups(world) == []


def test_the_page_lists_groups_with_one_click_into_the_merge_form(world, client):
    main = proposal_in(world, "accepted", owner=world.member_users[0], **ORIGINAL)
    copy = proposal_in(world, "submitted", owner=world.member_users[1], **ORIGINAL)
    client.force_login(world.chief)
    assert 'id="duplicate-groups"' in client.get("/proposals/review/").content.decode()
    html = client.get("/proposals/review/groups/").content.decode()
    assert html.count('class="card mb-2 duplicate-group"') == 1
    link = f'/proposals/{copy.pk}/?merge_main={main.pk}#merge-form'
    assert link in html
    form = client.get(link.split("#")[0]).content.decode()
    assert f'<option value="{main.pk}" selected>' in form
    # The cut is kept between 40 % and 100 %; a wrong session or cut falls back.
    assert 'value="40"' in client.get("/proposals/review/groups/?min=5").content.decode()
    strict = client.get("/proposals/review/groups/?min=abc&session=99999").content.decode()
    assert 'value="60"' in strict and world.session.name in strict
    client.force_login(world.member_users[0])
    assert client.get("/proposals/review/groups/").status_code == 404


def test_an_empty_session_says_so(world, client):
    proposal_in(world, "submitted", **UNRELATED)
    client.force_login(world.staff)
    html = client.get("/proposals/review/groups/").content.decode()
    assert 'id="no-groups"' in html and "暂无相似度达到60%" in html


def _bearer(user) -> dict:
    from xieshang.accounts.services import api_token_issue

    return {"Authorization": f"Bearer {api_token_issue(user=fresh(user))}"}


def test_the_api_gives_reviewers_a_proposals_candidates_and_the_sessions_groups(world, client):
    main = proposal_in(world, "accepted", owner=world.member_users[0], **ORIGINAL)
    copy = proposal_in(world, "submitted", owner=world.member_users[1], **ORIGINAL)
    chief = _bearer(world.chief)
    body = client.get(f"/api/v1/proposals/duplicates/groups?session_id={world.session.pk}",
                      headers=chief).json()
    assert body["min"] == 60 and len(body["groups"]) == 1
    [group] = body["groups"]
    assert group["main"]["id"] == main.pk and group["main"]["status"] == "accepted"
    assert [(m["proposal"]["id"], m["mergeable"]) for m in group["members"]] == [(copy.pk, True)]
    body = client.get(f"/api/v1/proposals/duplicates/{copy.pk}", headers=chief).json()
    [first] = body["candidates"]
    assert first["proposal"]["id"] == main.pk and first["same_session"] and first["mergeable"]
    assert first["score"] == 1.0 and any(len(x) == 3 and x[1] for x in first["passages"])
    # Bad input gets a clear error in Chinese; members may not look.
    low = client.get(f"/api/v1/proposals/duplicates/groups?session_id={world.session.pk}&min=10",
                     headers=chief)
    assert low.status_code == 422
    missing = client.get("/api/v1/proposals/duplicates/groups?session_id=999999", headers=chief)
    assert missing.status_code == 404 and missing.json()["error"]["message"] == "会议不存在。"
    member = _bearer(world.member_users[1])
    denied = client.get(f"/api/v1/proposals/duplicates/{copy.pk}", headers=member)
    assert denied.status_code == 403 and "审查人员" in denied.json()["error"]["message"]
