"""Rules around the supervision workflow: what may be proposed, who sees what, who records."""

from datetime import timedelta

import pytest

from xieshang.core import clock
from xieshang.core.errors import Conflict, PermissionDenied, ValidationError
from xieshang.core.testing import fresh
from xieshang.proposals.tests.states import proposal_in
from xieshang.supervision import permissions, selectors, services
from xieshang.supervision.models import SupervisingLeader, SupervisionEvent

from .story import accepted, candidate, decision, excellent_in, key_in


def test_only_accepted_proposals_become_candidates(world):
    submitted = proposal_in(world, "submitted")
    with pytest.raises(ValidationError) as exc:
        candidate(world, submitted)
    assert exc.value.field == "proposal_id"
    with pytest.raises(ValidationError):
        candidate(world, accepted(world, 1), related=[submitted])
    with pytest.raises(ValidationError):
        services.excellent_proposal_propose(actor=fresh(world.staff), proposal_id=submitted.pk,
                                            reason="好")


def test_a_proposal_is_in_one_live_key_proposal_at_a_time(world):
    main, other = accepted(world, 1), accepted(world, 2)
    first = candidate(world, main, related=[other])
    with pytest.raises(Conflict):
        candidate(world, other)
    with pytest.raises(ValidationError):
        candidate(world, main, related=[main])
    services.key_proposal_decide(actor=fresh(world.chief), key_proposal_ids=[first.pk],
                                 **decision(approve=False))
    again = candidate(world, other)  # after a rejection it may be put forward again
    assert again.status == "candidate"


def test_excellent_candidacy_is_unique_while_live(world):
    e = excellent_in(world, "approved")
    with pytest.raises(Conflict):
        services.excellent_proposal_propose(actor=fresh(world.staff),
                                            proposal_id=e.proposal_id, reason="再推荐")


def test_the_second_decision_on_a_candidate_conflicts_and_leaves_no_event(world):
    kp = key_in(world, "candidate")
    services.key_proposal_decide(actor=fresh(world.chief), key_proposal_ids=[kp.pk],
                                 **decision())
    events = SupervisionEvent.objects.count()
    with pytest.raises(Conflict):
        services.key_proposal_decide(actor=fresh(world.staff), key_proposal_ids=[kp.pk],
                                     **decision(approve=False))
    assert SupervisionEvent.objects.count() == events


def test_a_batch_decision_changes_nothing_when_one_candidate_fails(world):
    a = key_in(world, "candidate", proposal=accepted(world, 1))
    b = key_in(world, "approved", proposal=accepted(world, 2))
    with pytest.raises(Conflict):
        services.key_proposal_decide(actor=fresh(world.staff), key_proposal_ids=[a.pk, b.pk],
                                     **decision())
    a.refresh_from_db()
    assert a.status == "candidate" and a.decision_id is None


def test_decision_needs_a_meeting_a_past_date_and_a_text(world):
    kp = key_in(world, "candidate")
    chief = fresh(world.chief)
    for bad in ({"meeting": " "}, {"text": ""},
                {"meeting_date": clock.today() + timedelta(days=1)}, {"meeting_date": None}):
        with pytest.raises(ValidationError):
            services.key_proposal_decide(actor=chief, key_proposal_ids=[kp.pk],
                                         **decision(**bad))
    kp.refresh_from_db()
    assert kp.status == "candidate"


def test_one_leading_leader_and_leader_users_must_hold_the_leader_role(world):
    kp = key_in(world, "candidate")
    staff = fresh(world.staff)
    second = services.supervising_leader_add(actor=staff, key_proposal_id=kp.pk,
                                             kind="government", name="李明", title="副市长",
                                             is_lead=True)
    leads = SupervisingLeader.objects.filter(key_proposal=kp, is_lead=True,
                                             removed_at__isnull=True)
    assert list(leads) == [second]
    with pytest.raises(ValidationError):
        services.supervising_leader_add(actor=staff, key_proposal_id=kp.pk, kind="cppcc",
                                        title="主席", user_id=world.member_users[0].pk)
    with pytest.raises(ValidationError):  # the same leader user twice
        services.supervising_leader_add(actor=staff, key_proposal_id=kp.pk, kind="cppcc",
                                        title="副主席", user_id=world.leader.pk)
    with pytest.raises(ValidationError):
        services.supervising_leader_add(actor=staff, key_proposal_id=kp.pk, kind="army",
                                        name="某", title="某")


def test_a_removed_leader_loses_the_right_to_record(world):
    kp = key_in(world, "approved")
    row = kp.leaders.get(user=world.leader)
    services.supervising_leader_remove(actor=fresh(world.staff), key_proposal_id=kp.pk,
                                       leader_id=row.pk)
    with pytest.raises(PermissionDenied):
        services.instruction_record(actor=fresh(world.leader), key_proposal_id=kp.pk,
                                    given_on=clock.today(), text="批示")
    row.refresh_from_db()
    assert row.removed_at is not None and row.removed_by_id == world.staff.pk


def test_a_leader_records_only_their_own_instruction(world):
    kp = key_in(world, "approved")
    other = services.supervising_leader_add(actor=fresh(world.staff), key_proposal_id=kp.pk,
                                            kind="government", name="李明", title="副市长")
    with pytest.raises(PermissionDenied):
        services.instruction_record(actor=fresh(world.leader), key_proposal_id=kp.pk,
                                    given_on=clock.today(), text="批示", leader_id=other.pk)
    on_behalf = services.instruction_record(actor=fresh(world.staff), key_proposal_id=kp.pk,
                                            given_on=clock.today(), text="同意。",
                                            leader_id=other.pk)
    assert (on_behalf.leader_name, on_behalf.leader_kind, on_behalf.given_by_id) == (
        "李明", "government", None)


def test_activity_leaders_must_supervise_this_key_proposal(world):
    kp = key_in(world, "approved", proposal=accepted(world, 1))
    elsewhere = key_in(world, "approved", proposal=accepted(world, 2), leader=False)
    stranger = services.supervising_leader_add(actor=fresh(world.staff),
                                               key_proposal_id=elsewhere.pk, kind="party",
                                               name="赵", title="市委副书记")
    with pytest.raises(ValidationError):
        services.activity_record(actor=fresh(world.staff), key_proposal_id=kp.pk, kind="forum",
                                 held_on=clock.today(), notes="座谈", leader_ids=[stranger.pk])


def test_members_see_only_published_key_proposals_holding_their_proposals(world):
    owner, stranger = fresh(world.member_users[0]), fresh(world.member_users[4])
    published = key_in(world, "approved", proposal=accepted(world, 1))
    pending = key_in(world, "candidate", proposal=accepted(world, 2))
    rejected = key_in(world, "rejected", proposal=accepted(world, 3))
    assert list(selectors.key_proposal_list(user=owner)) == [published]
    assert list(selectors.key_proposal_list(user=stranger)) == []
    assert permissions.can_view(owner, published)
    assert not permissions.can_view(owner, pending) and not permissions.can_view(owner, rejected)
    assert len(selectors.key_proposal_list(user=fresh(world.office))) == 3
    assert len(selectors.key_proposal_list(user=fresh(world.unit_handler))) == 0
    ex = excellent_in(world, "approved", proposal=accepted(world, 4))
    excellent_in(world, "candidate", proposal=accepted(world, 5))
    assert list(selectors.excellent_list(user=owner)) == [ex]


def test_nothing_is_recorded_after_supervision_is_completed(world):
    kp = key_in(world, "completed")
    with pytest.raises(Conflict):
        services.activity_record(actor=fresh(world.staff), key_proposal_id=kp.pk, kind="forum",
                                 held_on=clock.today(), notes="座谈")
    with pytest.raises(Conflict):
        services.supervising_leader_add(actor=fresh(world.staff), key_proposal_id=kp.pk,
                                        kind="cppcc", name="甲", title="副主席")
