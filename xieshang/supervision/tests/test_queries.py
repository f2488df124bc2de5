"""The key-proposal and excellent-proposal lists run the same number of queries at any length."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from xieshang.accounts.services import api_token_issue
from xieshang.core import clock
from xieshang.core.testing import fresh
from xieshang.supervision import services

from .story import accepted, excellent_in, key_in

SEQ = itertools.count()


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _grow(world, n):
    for _ in range(n):
        kp = key_in(world, "approved", proposal=accepted(world, next(SEQ)),
                    related=[accepted(world, next(SEQ))])
        services.supervising_leader_add(actor=fresh(world.staff), key_proposal_id=kp.pk,
                                        kind="government", name="李明", title="副市长")
        services.activity_record(actor=fresh(world.staff), key_proposal_id=kp.pk, kind="forum",
                                 held_on=clock.today(), notes="座谈")
        key_in(world, "candidate", proposal=accepted(world, next(SEQ)))
        excellent_in(world, "approved", proposal=accepted(world, next(SEQ)))


@pytest.mark.parametrize("url,user", [
    ("/supervision/", "staff"),
    ("/supervision/?status=candidate", "chief"),
    ("/supervision/", "member"),
    ("/supervision/", "leader"),
    ("/supervision/excellent/", "staff"),
    ("/supervision/excellent/", "member"),
    ("/supervision/new/", "staff"),
    ("/supervision/excellent/new/", "staff"),
])
def test_list_pages_use_constant_queries(world, client, url, user):
    who = world.member_users[0] if user == "member" else getattr(world, user)
    client.force_login(who)
    _grow(world, 2)
    small = _count(lambda: client.get(url))
    _grow(world, 6)
    large = _count(lambda: client.get(url))
    response = client.get(url)
    assert response.status_code == 200
    assert "暂无" not in response.content.decode() and "没有找到" not in response.content.decode()
    assert small == large


@pytest.mark.parametrize("path", ["/api/v1/supervision/key-proposals",
                                  "/api/v1/supervision/excellent",
                                  "/api/v1/supervision/accepted-proposals"])
def test_api_lists_use_constant_queries(world, client, path):
    headers = {"Authorization": f"Bearer {api_token_issue(user=fresh(world.staff))}"}
    client.get("/api/v1/auth/me", headers=headers)  # the token's first use records its time
    _grow(world, 2)
    small = _count(lambda: client.get(path, headers=headers))
    _grow(world, 6)
    large = _count(lambda: client.get(path, headers=headers))
    assert client.get(path, headers=headers).status_code == 200
    assert small == large


def _supervise(world, kp, n):
    staff = fresh(world.staff)
    for i in range(n):
        leader = services.supervising_leader_add(actor=staff, key_proposal_id=kp.pk,
                                                 kind="government", name=f"领导{kp.pk}-{i}",
                                                 title="副市长")
        services.activity_record(actor=staff, key_proposal_id=kp.pk, kind="visit",
                                 held_on=clock.today(), notes="走访", leader_ids=[leader.pk])
        services.instruction_record(actor=staff, key_proposal_id=kp.pk, given_on=clock.today(),
                                    text="批示", leader_id=leader.pk)


def test_progress_page_queries_do_not_grow_with_its_records(world, client):
    from xieshang.handling.tests.flow import assign, reply_through

    kp = key_in(world, "approved", proposal=accepted(world, next(SEQ)),
                related=[accepted(world, next(SEQ)) for _ in range(3)])
    for p in [kp.proposal, *(r.proposal for r in kp.related.all())]:
        reply_through(world, assign(world, p).assignments.get())
    client.force_login(world.staff)
    _supervise(world, kp, 1)
    small = _count(lambda: client.get(f"/supervision/{kp.pk}/"))
    _supervise(world, kp, 5)
    large = _count(lambda: client.get(f"/supervision/{kp.pk}/"))
    assert small == large
