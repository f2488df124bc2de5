"""The 社情民意 lists run the same number of queries whatever their length."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from xieshang.accounts.services import api_token_issue
from xieshang.core import clock
from xieshang.opinions import services

from .story import office, opinion_in

SEQ = itertools.count()


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _grow(world, n):
    for _ in range(n):
        i = next(SEQ)
        opinion_in(world, "submitted", title=f"关于第{i}件事的建议",
                   co_author_ids=[world.members[1].pk])
        opinion_in(world, "edited", title=f"关于第{i}件事的情况反映")
        sent = opinion_in(world, "sent", title=f"关于第{i}项工作的建议")
        entry = sent.entry_link.entry
        services.adoption_record(actor=office(world), entry_id=entry.pk, level="city",
                                 kind="single", adopted_on=clock.today(), body="市委")


@pytest.mark.parametrize("url,user", [
    ("/opinions/", "office"),
    ("/opinions/?mine=1", "member"),
    ("/opinions/", "leader"),
    ("/opinions/issues/", "office"),
])
def test_list_pages_use_constant_queries(world, client, url, user):
    who = {"office": office(world), "member": world.member_users[0],
           "leader": world.leader}[user]
    client.force_login(who)
    _grow(world, 2)
    small = _count(lambda: client.get(url))
    _grow(world, 5)
    large = _count(lambda: client.get(url))
    response = client.get(url)
    assert response.status_code == 200
    assert "暂无" not in response.content.decode()
    assert small == large


def test_issue_page_uses_constant_queries(world, client):
    client.force_login(office(world))
    issue = services.issue_create(actor=office(world))

    def add(n):
        for _ in range(n):
            o = opinion_in(world, "edited", title=f"关于第{next(SEQ)}件事的建议",
                           co_author_ids=[world.members[1].pk])
            services.entry_add(actor=office(world), issue_id=issue.pk, opinion_ids=[o.pk])

    add(2)
    small = _count(lambda: client.get(f"/opinions/issues/{issue.pk}/"))
    add(5)
    large = _count(lambda: client.get(f"/opinions/issues/{issue.pk}/"))
    assert small == large


@pytest.mark.parametrize("path", ["/api/v1/opinions/items", "/api/v1/opinions/items?mine=true",
                                  "/api/v1/opinions/issues"])
def test_api_lists_use_constant_queries(world, client, path):
    headers = {"Authorization": f"Bearer {api_token_issue(user=office(world))}"}
    client.get("/api/v1/auth/me", headers=headers)  # the token's first use records its time
    _grow(world, 2)
    small = _count(lambda: client.get(path, headers=headers))
    _grow(world, 5)
    large = _count(lambda: client.get(path, headers=headers))
    assert client.get(path, headers=headers).status_code == 200
    assert small == large
