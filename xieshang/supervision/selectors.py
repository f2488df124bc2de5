"""Reads of key and excellent proposals: lists with constant query counts, progress, search."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from xieshang.accounts.models import User
from xieshang.accounts.roles import Role
from xieshang.handling.models import Assignment, Feedback, HandlingCase, Reply
from xieshang.handling.workflow import ReplyStatus
from xieshang.organization.models import Session
from xieshang.proposals.models import Proposal
from xieshang.proposals.workflow import Status as ProposalStatus

from . import permissions
from .models import (
    ExcellentProposal,
    Instruction,
    KeyProposal,
    RelatedProposal,
    SupervisingLeader,
    SupervisionActivity,
    SupervisionEvent,
)
from .workflow import ACTIVE_EXCELLENT, ACTIVE_KEY, PUBLISHED_KEY, ExcellentStatus

PROPOSAL_RELATED = ("proposal", "proposal__session", "proposal__lead_member", "proposal__party",
                    "proposal__special_committee", "proposal__sector", "proposal__category")


def _count_of(model, **filters) -> Coalesce:
    rows = (model.objects.filter(key_proposal=OuterRef("pk"), **filters).order_by()
            .values("key_proposal").annotate(n=Count("pk")).values("n")[:1])
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def _own_proposal_ids(user: User):
    own = permissions.own_proposals_q(user)
    if own is None:
        return None
    return Proposal.objects.filter(own, committee_id=user.committee_id).values("pk")


def _period(qs, *, year: int | None, session_id: int | None, prefix: str = "proposal__"):
    if year is not None:
        qs = qs.filter(**{f"{prefix}session__year": year})
    if session_id is not None:
        qs = qs.filter(**{f"{prefix}session_id": session_id})
    return qs


def key_proposal_list(*, user: User, year: int | None = None, session_id: int | None = None,
                      status: str | None = None, q: str | None = None) -> QuerySet[KeyProposal]:
    """Return the key proposals the user may see, with their leaders and record counts.

    The year is the year of the main proposal's session (docs/workflows/key-proposals.md).
    """
    qs = KeyProposal.objects.filter(committee_id=user.committee_id)
    if not permissions.can_read_all(user):
        own = _own_proposal_ids(user)
        if own is None:
            return KeyProposal.objects.none()
        holding = KeyProposal.objects.filter(
            Q(proposal_id__in=own) | Q(related__proposal_id__in=own)).values("pk")
        qs = qs.filter(status__in=PUBLISHED_KEY, pk__in=holding)
    qs = _period(qs, year=year, session_id=session_id)
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(proposal__title__icontains=q)
                       | Q(proposal__official_number=q))
    return (
        qs.select_related(*PROPOSAL_RELATED, "decision")
        .prefetch_related(Prefetch("leaders", queryset=SupervisingLeader.objects.order_by(
            "-is_lead", "id")))
        .annotate(related_count=_count_of(RelatedProposal),
                  activity_count=_count_of(SupervisionActivity),
                  instruction_count=_count_of(Instruction))
        .order_by("-proposal__session__opening_date", "proposal__official_seq", "id")
    )


def key_proposal_detail(*, user: User, key_proposal_id: int) -> KeyProposal:
    """Return one key proposal with everything its progress page shows, or NotFound."""
    permissions.access_key_proposal(user, key_proposal_id)
    return (
        KeyProposal.objects.select_related(*PROPOSAL_RELATED, "decision", "decision__recorded_by",
                                           "proposed_by")
        .prefetch_related(
            Prefetch("leaders", queryset=SupervisingLeader.objects.select_related("user")
                     .order_by("-is_lead", "id")),
            Prefetch("related", queryset=RelatedProposal.objects.select_related(
                "proposal", "proposal__lead_member", "proposal__party",
                "proposal__special_committee", "proposal__sector")),
            Prefetch("activities", queryset=SupervisionActivity.objects.select_related(
                "recorded_by").prefetch_related("leaders").order_by("held_on", "id")),
            Prefetch("instructions", queryset=Instruction.objects.select_related(
                "given_by", "recorded_by").order_by("given_on", "id")),
        )
        .get(pk=key_proposal_id)
    )


def key_proposal_timeline(*, key_proposal: KeyProposal) -> QuerySet[SupervisionEvent]:
    """Return the key proposal's events, oldest first."""
    return key_proposal.events.select_related("actor").order_by("at", "id")


def handling_overview(*, committee_id: int, proposal_ids: list[int]) -> dict[int, HandlingCase]:
    """Return the handling case of each proposal that has one, with units, replies and ratings.

    Read-only: assignments carry their unit, passed replies their result class, ratings their
    member.
    """
    cases = HandlingCase.objects.filter(
        committee_id=committee_id, proposal_id__in=proposal_ids
    ).prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("unit")
                 .order_by("id")),
        Prefetch("assignments__replies", queryset=Reply.objects.filter(
            status=ReplyStatus.PASSED).select_related("result_class").order_by("round"),
            to_attr="passed_replies"),
        Prefetch("feedback", queryset=Feedback.objects.select_related("member")
                 .order_by("round", "id")),
    )
    return {c.proposal_id: c for c in cases}


def accepted_proposals(*, committee_id: int, q: str | None = None,
                       session_id: int | None = None) -> QuerySet[Proposal]:
    """Return accepted proposals to choose from, marked when already a key or excellent one."""
    qs = Proposal.objects.filter(committee_id=committee_id, status=ProposalStatus.ACCEPTED)
    if session_id is not None:
        qs = qs.filter(session_id=session_id)
    if q:
        qs = qs.filter(Q(official_number=q) | Q(receipt_number=q) | Q(title__icontains=q))
    in_key = Exists(KeyProposal.objects.filter(proposal=OuterRef("pk"), status__in=ACTIVE_KEY))
    in_related = Exists(RelatedProposal.objects.filter(
        proposal=OuterRef("pk"), key_proposal__status__in=ACTIVE_KEY))
    in_excellent = Exists(ExcellentProposal.objects.filter(
        proposal=OuterRef("pk"), status__in=ACTIVE_EXCELLENT))
    return (qs.select_related("session", "lead_member", "party", "special_committee", "sector")
            .annotate(in_key=in_key, in_related=in_related, in_excellent=in_excellent)
            .order_by("-session__opening_date", "official_seq", "id"))


def excellent_list(*, user: User, year: int | None = None, session_id: int | None = None,
                   status: str | None = None) -> QuerySet[ExcellentProposal]:
    """Return the excellent-proposal candidacies the user may see (year: the session's year)."""
    qs = ExcellentProposal.objects.filter(committee_id=user.committee_id)
    if not permissions.can_read_all(user):
        own = _own_proposal_ids(user)
        if own is None:
            return ExcellentProposal.objects.none()
        qs = qs.filter(status=ExcellentStatus.APPROVED, proposal_id__in=own)
    qs = _period(qs, year=year, session_id=session_id)
    if status:
        qs = qs.filter(status=status)
    return (qs.select_related(*PROPOSAL_RELATED, "decision", "proposed_by")
            .order_by("-proposal__session__opening_date", "proposal__official_seq", "id"))


def leader_users(*, committee_id: int) -> QuerySet[User]:
    """Return the committee's active users holding the leader role."""
    return (User.objects.filter(committee_id=committee_id, is_active=True,
                                role_assignments__role=Role.LEADER,
                                role_assignments__committee_id=committee_id)
            .distinct().order_by("full_name", "username"))


def sessions(*, committee_id: int) -> QuerySet[Session]:
    return Session.objects.filter(committee_id=committee_id).order_by("-opening_date")


def years(*, committee_id: int) -> list[int]:
    """Return the session years of the committee, newest first."""
    return sorted(set(sessions(committee_id=committee_id).values_list("year", flat=True)),
                  reverse=True)
