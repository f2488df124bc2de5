"""The main lists run the same number of queries whatever their length."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from xieshang.accounts.services import api_token_issue
from xieshang.core.testing import fresh

from .states import proposal_in


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _grow(world, n):
    for i in range(n):
        proposal_in(world, "submitted", owner=world.member_users[i % 3],
                    title=f"关于第{i}项工作的建议", proposer_type="individual")


@pytest.mark.parametrize("url,user", [
    ("/proposals/review/", "staff"),
    ("/proposals/", "member"),
    ("/proposals/all/", "leader"),
])
def test_list_pages_use_constant_queries(world, client, url, user):
    who = world.member_users[0] if user == "member" else getattr(world, user)
    client.force_login(who)
    _grow(world, 2)
    small = _count(lambda: client.get(url))
    _grow(world, 12)
    large = _count(lambda: client.get(url))
    response = client.get(url)
    assert response.status_code == 200
    assert small == large


def test_api_list_uses_constant_queries(world, client):
    token = api_token_issue(user=fresh(world.staff))
    headers = {"Authorization": f"Bearer {token}"}
    _grow(world, 2)
    client.get("/api/v1/auth/me", headers=headers)  # the token's first use records its time
    small = _count(lambda: client.get("/api/v1/proposals/?scope=review", headers=headers))
    _grow(world, 12)
    large = _count(lambda: client.get("/api/v1/proposals/?scope=review", headers=headers))
    body = client.get("/api/v1/proposals/?scope=review", headers=headers).json()
    assert body["count"] == 14
    assert small == large
