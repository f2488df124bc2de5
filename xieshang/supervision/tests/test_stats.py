"""Key-proposal and excellent-proposal figures match their written definitions."""

from datetime import timedelta

from xieshang.core import clock
from xieshang.core.testing import fresh
from xieshang.organization.models import Session
from xieshang.proposals.models import Proposal
from xieshang.supervision import services, stats

from .story import accepted, candidate, decision, excellent_in, key_in


def _previous_session(world) -> Session:
    today = clock.today()
    return Session.objects.create(
        committee=world.committee, term=world.term, number=2, name="五届二次会议",
        year=today.year - 1, opening_date=today - timedelta(days=380),
        closing_date=today - timedelta(days=376), proposal_deadline=today - timedelta(days=378))


def _activity(world, kp, kind):
    services.activity_record(actor=fresh(world.staff), key_proposal_id=kp.pk, kind=kind,
                             held_on=clock.today(), notes="督办")


def _instruction(world, kp):
    services.instruction_record(actor=fresh(world.staff), key_proposal_id=kp.pk,
                                given_on=clock.today(), text="请落实。", leader_name="张华",
                                leader_title="市委书记", leader_kind="party")


def _leader(world, kp, kind, lead=False):
    services.supervising_leader_add(actor=fresh(world.staff), key_proposal_id=kp.pk, kind=kind,
                                    name=f"{kind}领导", title="领导", is_lead=lead)


def test_key_proposal_figures_follow_their_definitions(world):
    staff = fresh(world.staff)
    n = iter(range(100))
    kp1 = key_in(world, "approved", proposal=accepted(world, next(n)),
                 related=[accepted(world, next(n)), accepted(world, next(n))])
    _leader(world, kp1, "government")
    _activity(world, kp1, "forum")
    _activity(world, kp1, "inspection")
    _instruction(world, kp1)
    kp2 = key_in(world, "approved", proposal=accepted(world, next(n)), leader=False)
    _leader(world, kp2, "party", lead=True)
    _instruction(world, kp2)
    _instruction(world, kp2)
    kp3 = key_in(world, "approved", proposal=accepted(world, next(n)))
    _activity(world, kp3, "visit")
    services.key_proposal_complete(actor=staff, key_proposal_id=kp3.pk, summary="办结")
    kp4 = key_in(world, "rejected", proposal=accepted(world, next(n)))
    key_in(world, "candidate", proposal=accepted(world, next(n)))
    kp6 = candidate(world, kp4.proposal)  # put forward again after the rejection
    services.key_proposal_decide(actor=staff, key_proposal_ids=[kp6.pk], **decision())
    old = key_in(world, "approved", proposal=accepted(world, next(n)))
    Proposal.objects.filter(pk=old.proposal_id).update(session=_previous_session(world))

    year = clock.today().year
    figures = stats.key_proposal_stats(world.committee.pk, year=year)
    assert figures == {
        "committee_id": world.committee.pk, "year": year, "session_id": None,
        "candidates": 6, "key_proposals": 4, "rejected": 1, "pending": 1, "completed": 1,
        "proposals_covered": 6,
        "with_instructions": 2, "instructions": 3,
        "with_activities": 2, "supervision_activities": 3,
        "activities_by_kind": {"forum": 1, "inspection": 1, "visit": 1, "unannounced": 0,
                               "meeting": 0, "research": 0, "consultation": 0},
        "by_leader_kind": {"cppcc": 2, "party": 1, "government": 1},
        "by_lead_leader_kind": {"cppcc": 2, "party": 1, "government": 0, "none": 1},
    }
    by_session = stats.key_proposal_stats(world.committee.pk, session_id=world.session.pk)
    assert by_session["key_proposals"] == 4 and by_session["candidates"] == 6
    before = stats.key_proposal_stats(world.committee.pk, year=year - 1)
    assert (before["candidates"], before["key_proposals"]) == (1, 1)
    everything = stats.key_proposal_stats(world.committee.pk)
    assert everything["key_proposals"] == 5
    cohort = stats.key_proposal_cohort(committee_id=world.committee.pk, year=year)
    assert cohort["rejected"] == [kp4.pk] and kp6.pk in cohort["key_proposals"]


def test_excellent_proposal_count_counts_approvals_of_the_sessions_year(world):
    n = iter(range(100))
    excellent_in(world, "approved", proposal=accepted(world, next(n)))
    excellent_in(world, "approved", proposal=accepted(world, next(n)))
    excellent_in(world, "rejected", proposal=accepted(world, next(n)))
    excellent_in(world, "candidate", proposal=accepted(world, next(n)))
    old = excellent_in(world, "approved", proposal=accepted(world, next(n)))
    Proposal.objects.filter(pk=old.proposal_id).update(session=_previous_session(world))
    year = clock.today().year
    assert stats.excellent_proposal_count(world.committee.pk, year=year) == 2
    assert stats.excellent_proposal_count(world.committee.pk, year=year - 1) == 1
    assert stats.excellent_proposal_count(world.committee.pk) == 3
    assert stats.excellent_proposal_stats(world.committee.pk, session_id=world.session.pk) == {
        "candidates": 4, "excellent": 2, "rejected": 1, "pending": 1}
