"""One committee never sees or changes another committee's 社情民意."""

import pytest

from xieshang.accounts.services import api_token_issue
from xieshang.core import clock
from xieshang.core.errors import NotFound
from xieshang.core.testing import fresh
from xieshang.opinions import selectors, services, stats
from xieshang.opinions.models import Issue

from .story import office, opinion_in


def test_other_committee_items_and_issues_are_missing_everywhere(world, other_world, client):
    theirs = opinion_in(other_world, "sent")
    their_issue = Issue.objects.get(entries__links__opinion=theirs)
    their_entry = their_issue.entries.get()
    submitted = opinion_in(other_world, "submitted")
    mine = opinion_in(world, "submitted")
    me = office(world)
    assert list(selectors.opinion_list(user=me)) == [mine]
    assert list(selectors.issue_list(user=me)) == []
    attempts = [
        lambda: selectors.opinion_detail(user=me, opinion_id=theirs.pk),
        lambda: selectors.issue_detail(user=me, issue_id=their_issue.pk),
        lambda: services.opinion_check(actor=me, opinion_id=submitted.pk, outcome="use"),
        lambda: services.issue_reopen(actor=me, issue_id=their_issue.pk),
        lambda: services.adoption_record(actor=me, entry_id=their_entry.pk, level="city",
                                         kind="single", adopted_on=clock.today(), body="市委"),
        lambda: services.instruction_record(actor=me, entry_id=their_entry.pk,
                                            leader_name="甲", level="city",
                                            given_on=clock.today(), text="阅"),
        lambda: services.entry_remove(actor=me, entry_id=their_entry.pk),
    ]
    for attempt in attempts:
        with pytest.raises(NotFound):
            attempt()
    issue = services.issue_create(actor=me)
    with pytest.raises(NotFound):
        services.entry_add(actor=me, issue_id=issue.pk, opinion_ids=[theirs.pk])
    assert stats.opinion_stats(world.committee.pk)["submitted"] == 1

    client.force_login(me)
    for url in (f"/opinions/{theirs.pk}/", f"/opinions/issues/{their_issue.pk}/",
                f"/opinions/issues/{their_issue.pk}/docx/"):
        assert client.get(url).status_code == 404
    token = api_token_issue(user=me)
    headers = {"Authorization": f"Bearer {token}"}
    for path in (f"/api/v1/opinions/items/{theirs.pk}", f"/api/v1/opinions/issues/{their_issue.pk}"):
        response = client.get(path, headers=headers)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_a_member_does_not_see_another_members_item(world):
    o = opinion_in(world, "sent")
    with pytest.raises(NotFound):
        selectors.opinion_detail(user=fresh(world.member_users[3]), opinion_id=o.pk)
    assert selectors.opinion_detail(user=fresh(world.leader), opinion_id=o.pk).pk == o.pk
