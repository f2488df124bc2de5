"""One committee never sees or changes another committee's key and excellent proposals."""

import pytest

from xieshang.accounts.services import api_token_issue
from xieshang.core import clock
from xieshang.core.errors import NotFound, ValidationError
from xieshang.core.testing import fresh
from xieshang.supervision import selectors, services, stats

from .story import accepted, candidate, decision, excellent_in, key_in


def test_other_committee_key_proposals_are_missing_everywhere(world, other_world, client):
    theirs = key_in(other_world, "approved")
    their_candidate = key_in(other_world, "candidate", leader=False)
    mine = key_in(world, "approved")
    staff = fresh(world.staff)

    assert list(selectors.key_proposal_list(user=staff)) == [mine]
    with pytest.raises(NotFound):
        selectors.key_proposal_detail(user=staff, key_proposal_id=theirs.pk)
    attempts = [
        lambda: services.key_proposal_decide(actor=staff, key_proposal_ids=[their_candidate.pk],
                                             **decision()),
        lambda: services.key_proposal_complete(actor=staff, key_proposal_id=theirs.pk,
                                               summary="办结"),
        lambda: services.supervising_leader_add(actor=staff, key_proposal_id=theirs.pk,
                                                kind="cppcc", name="甲", title="副主席"),
        lambda: services.activity_record(actor=staff, key_proposal_id=theirs.pk, kind="forum",
                                         held_on=clock.today(), notes="座谈"),
        lambda: services.instruction_record(actor=fresh(world.leader), key_proposal_id=theirs.pk,
                                            given_on=clock.today(), text="批示"),
    ]
    for attempt in attempts:
        with pytest.raises(NotFound):
            attempt()
    # Their leader is not a leader of this committee, and their proposals cannot be proposed.
    with pytest.raises(ValidationError):
        services.supervising_leader_add(actor=staff, key_proposal_id=mine.pk, kind="cppcc",
                                        title="副主席", user_id=other_world.leader.pk)
    with pytest.raises(ValidationError):
        candidate(world, accepted(other_world, 7))
    theirs.refresh_from_db()
    assert theirs.status == "approved" and theirs.activities.count() == 0

    client.force_login(staff)
    assert client.get(f"/supervision/{theirs.pk}/").status_code == 404
    listing = client.get("/supervision/").content.decode()
    assert f"/supervision/{theirs.pk}/" not in listing and f"/supervision/{mine.pk}/" in listing
    headers = {"Authorization": f"Bearer {api_token_issue(user=staff)}"}
    missing = client.get("/api/v1/supervision/key-proposals/999999", headers=headers)
    foreign = client.get(f"/api/v1/supervision/key-proposals/{theirs.pk}", headers=headers)
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json() == missing.json()
    assert client.get("/api/v1/supervision/key-proposals", headers=headers).json()["count"] == 1

    assert stats.key_proposal_stats(world.committee.pk)["key_proposals"] == 1
    assert stats.key_proposal_stats(other_world.committee.pk)["candidates"] == 2


def test_other_committee_excellent_proposals_are_missing_everywhere(world, other_world):
    theirs = excellent_in(other_world, "candidate")
    staff = fresh(world.staff)
    assert list(selectors.excellent_list(user=staff)) == []
    with pytest.raises(NotFound):
        services.excellent_proposal_decide(actor=staff, excellent_ids=[theirs.pk], **decision())
    assert stats.excellent_proposal_count(world.committee.pk) == 0


def test_missing_and_not_yours_look_the_same_to_a_member(world, client):
    kp = key_in(world, "candidate")
    stranger = fresh(world.member_users[4])
    client.force_login(stranger)
    assert client.get(f"/supervision/{kp.pk}/").status_code == 404
    assert client.get("/supervision/999999/").status_code == 404
    headers = {"Authorization": f"Bearer {api_token_issue(user=stranger)}"}
    missing = client.get("/api/v1/supervision/key-proposals/999999", headers=headers)
    hidden = client.get(f"/api/v1/supervision/key-proposals/{kp.pk}", headers=headers)
    assert hidden.status_code == missing.status_code == 404 and hidden.json() == missing.json()
