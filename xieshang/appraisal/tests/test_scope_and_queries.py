"""The staff workspace runs term appraisals beside year ones; computing a whole committee runs
a number of queries that does not grow with the number of members."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from xieshang.appraisal import services
from xieshang.appraisal.models import Appraisal, Result
from xieshang.core.testing import PASSWORD, draft_kwargs, fresh, make_world
from xieshang.opinions.tests.story import opinion_in
from xieshang.proposals import services as proposal_services

from .story import ended_activity, office, rules_from, year_of

pytestmark = pytest.mark.django_db


def test_workspace_computes_and_shows_a_term_appraisal(world, client):
    m0, m1 = world.members[0], world.members[1]
    a = ended_activity(world, attended=[m0.pk], invited=[m0.pk, m1.pk])
    year = year_of(a)
    rules_from(world, year)
    client.login(username=office(world).username, password=PASSWORD)
    page = client.get(f"/appraisal/?year={year}&scope=term").content.decode()
    assert "本届（截至" in page and 'name="scope" value="term"' in page
    r = client.post("/appraisal/compute/", {"year": year, "scope": "term"}, follow=True)
    body = r.content.decode()
    assert "第五届委员履职考评" in body and "试算" in body
    term = Appraisal.objects.get(committee=world.committee, scope="term", year=year)
    assert term.status == "draft"
    assert not Appraisal.objects.filter(committee=world.committee, scope="year").exists()
    assert Result.objects.get(appraisal=term, member=m1).score == Decimal("45.00")
    assert f"/appraisal/members/{m1.pk}/?year={year}&amp;scope=term" in body
    # The year view is separate and still empty; publishing returns to the term view.
    assert "第五届委员履职考评" not in client.get(f"/appraisal/?year={year}").content.decode()
    r = client.post(f"/appraisal/{term.pk}/publish/", follow=True)
    assert r.redirect_chain[-1][0].endswith("&scope=term")
    term.refresh_from_db()
    assert term.status == "published"


def _committee(slug: str, n: int):
    """A committee of n members, each with an attendance, a proposal and a 社情民意 item."""
    world = make_world(slug=slug, members=n)
    half = [m.pk for m in world.members[: n // 2]]
    a = ended_activity(world, attended=half, invited=[m.pk for m in world.members])
    for user in world.member_users:
        p = proposal_services.proposal_create(actor=fresh(user), **draft_kwargs(world))
        proposal_services.proposal_submit(actor=fresh(user), proposal_id=p.pk)
        opinion_in(world, "used", owner=user)
    year = year_of(a)
    rules_from(world, year)
    return world, year


def _queries(world, year) -> int:
    with CaptureQueriesContext(connection) as ctx:
        ap = services.appraisal_compute(actor=fresh(office(world)), year=year)
    assert ap.results.count() == len(world.members) + 1  # the members and the party agent
    assert all(r.breakdown["lines"] for r in ap.results.all())
    return len(ctx.captured_queries)


def test_computing_an_appraisal_runs_the_same_queries_for_5_and_15_members():
    small, year_small = _committee("q5", 5)
    large, year_large = _committee("q15", 15)
    if year_small != year_large:
        pytest.skip("the two committees straddle a new year")
    few, many = _queries(small, year_small), _queries(large, year_large)
    assert few == many, (few, many)


def test_the_batched_record_equals_each_members_own_record():
    from xieshang.activities import services as activity_services
    from xieshang.activities.tests.story import liaison
    from xieshang.appraisal import record

    world, year = _committee("eq", 6)
    m = world.members
    activity_services.report_submit(actor=liaison(world), title="调研报告", body="正文",
                                    author_ids=[m[0].pk], group_member_ids=[m[1].pk, m[2].pk])
    opinion_in(world, "submitted", owner=world.member_users[3], co_author_ids=[m[4].pk])
    start, end = record.period_bounds(world.term, year, "term")
    batch = record.entries_by_member(world.committee.pk, start, end)
    for member in m:
        assert batch.get(member.pk, []) == record.member_entries(member, start, end), member
    assert {e["source"] for e in batch[m[0].pk]} >= {"attendance", "proposal", "opinion",
                                                      "research_report"}
