"""A user of one committee never sees another committee's proposals."""

import pytest

from xieshang.accounts.services import api_token_issue
from xieshang.core.errors import NotFound
from xieshang.core.testing import fresh
from xieshang.proposals import selectors, services

from .states import proposal_in


def test_other_committee_proposal_is_missing_everywhere(world, other_world, client):
    theirs = proposal_in(other_world, "submitted")
    mine = proposal_in(world, "submitted")
    staff = fresh(world.staff)

    assert list(selectors.proposal_review_queue(user=staff)) == [mine]
    assert theirs not in selectors.proposal_list_all(user=staff)
    with pytest.raises(NotFound):
        selectors.proposal_detail(user=staff, proposal_id=theirs.pk)
    with pytest.raises(NotFound):
        services.proposal_accept(actor=staff, proposal_id=theirs.pk,
                                 category_id=world.categories[0].pk)

    client.force_login(staff)
    assert client.get(f"/proposals/{theirs.pk}/").status_code == 404
    assert client.get("/proposals/999999/").status_code == 404

    headers = {"Authorization": f"Bearer {api_token_issue(user=staff)}"}
    missing = client.get("/api/v1/proposals/999999", headers=headers)
    foreign = client.get(f"/api/v1/proposals/{theirs.pk}", headers=headers)
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json() == missing.json()


def test_member_cannot_read_another_members_draft_or_unrelated_proposal(world, client):
    draft = proposal_in(world, "draft")
    submitted = proposal_in(world, "submitted")
    other = fresh(world.member_users[4])
    for p in (draft, submitted):
        with pytest.raises(NotFound):
            selectors.proposal_detail(user=other, proposal_id=p.pk)


def test_unit_user_cannot_read_unassigned_proposal(world):
    p = proposal_in(world, "accepted")
    with pytest.raises(NotFound):
        selectors.proposal_detail(user=fresh(world.unit_handler), proposal_id=p.pk)
