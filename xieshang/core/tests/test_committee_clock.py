"""A committee with a clock offset lives in a past year: its requests, API calls and jobs read
its shifted time; other committees keep the wall clock."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from xieshang.accounts.services import api_token_issue
from xieshang.core import clock
from xieshang.core.testing import PASSWORD, fresh, make_world
from xieshang.proposals.models import Proposal

BODY = {"title": "关于在老旧小区增设电动自行车充电设施的建议",
        "reasons": "老旧小区电动自行车多，充电设施不足，飞线充电普遍，存在火灾隐患。",
        "suggestions": "一、统一规划充电点位。二、财政补助与企业运营相结合。"}
DAYS = 500


@pytest.fixture
def past(db):
    """A committee set up as if today were DAYS ago, then shifted back to that day."""
    world = make_world(slug="past", today=clock.today() - timedelta(days=DAYS))
    world.committee.clock_offset = timedelta(days=DAYS)
    world.committee.save(update_fields=["clock_offset"])
    return world


def test_the_shifted_clock_reads_the_offset_day_and_a_frozen_moment_wins(past):
    real = clock.today()
    with clock.for_committee(past.committee):
        assert clock.today() == real - timedelta(days=DAYS)
        moment = clock.now().replace(year=2020)
        with clock.at(moment):
            assert clock.now() == moment
    assert clock.today() == real


def test_a_member_drafts_on_the_web_on_the_committees_day(past):
    client = Client()
    client.force_login(past.member_users[0])
    response = client.post("/proposals/new/", BODY)
    assert response.status_code == 302
    draft = Proposal.objects.get(committee=past.committee)
    assert clock.localdate(draft.created_at) == clock.today() - timedelta(days=DAYS)
    # The request's shift ended with it: outside, the wall clock again.
    assert abs(clock.now() - timezone.now()) < timedelta(seconds=5)


def test_the_api_runs_on_the_committees_day(past):
    client = Client()
    token = api_token_issue(user=fresh(past.member_users[1]))
    payload = json.dumps({**BODY, "proposer_type": "individual"})
    response = client.post("/api/v1/proposals/", payload, content_type="application/json",
                           headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201, response.content
    draft = Proposal.objects.get(committee=past.committee)
    assert clock.localdate(draft.created_at) == clock.today() - timedelta(days=DAYS)


def test_without_the_shift_the_past_terms_member_is_refused(past):
    """The shift is what keeps the member in office: with the wall clock the term has long ended
    (its seat rows are the same), so the web refuses the draft."""
    past.term.end_date = clock.today() - timedelta(days=DAYS - 30)
    past.term.save(update_fields=["end_date"])
    client = Client()
    client.login(username=past.member_users[0].username, password=PASSWORD)
    assert client.post("/proposals/new/", BODY).status_code == 302
    past.committee.clock_offset = None
    past.committee.save(update_fields=["clock_offset"])
    response = client.post("/proposals/new/", {**BODY, "title": "关于再提一件的建议"})
    assert response.status_code in (400, 403)
    assert Proposal.objects.filter(committee=past.committee).count() == 1


def test_a_committee_without_offset_keeps_the_wall_clock(db):
    world = make_world(slug="now")
    client = Client()
    client.force_login(world.member_users[0])
    assert client.post("/proposals/new/", BODY).status_code == 302
    draft = Proposal.objects.get(committee=world.committee)
    assert clock.localdate(draft.created_at) == clock.today()
