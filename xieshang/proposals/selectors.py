"""Reads of proposals: lists with constant query counts, timelines, invitations."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from xieshang.accounts.models import User

from . import permissions
from .models import Category, Proposal, ProposalEvent, Proposer, RefusalGround
from .workflow import IN_REVIEW, Status


@dataclass
class ProposalFilters:
    status: str | None = None
    session_id: int | None = None
    category_id: int | None = None
    proposer_type: str | None = None
    kind: str | None = None
    q: str | None = None


def _base(committee_id: int) -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(committee_id=committee_id)
        .select_related(
            "session", "category", "lead_member", "party", "special_committee", "sector",
            "merged_into",
        )
        .prefetch_related(
            Prefetch(
                "proposers",
                queryset=Proposer.objects.select_related(
                    "member", "party", "special_committee", "sector"
                ).order_by("position", "id"),
            )
        )
    )


def _apply(qs: QuerySet[Proposal], f: ProposalFilters | None) -> QuerySet[Proposal]:
    if f is None:
        return qs
    if f.status:
        qs = qs.filter(status=f.status)
    if f.session_id:
        qs = qs.filter(session_id=f.session_id)
    if f.category_id:
        qs = qs.filter(category_id=f.category_id)
    if f.proposer_type:
        qs = qs.filter(proposer_type=f.proposer_type)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.q:
        qs = qs.filter(
            Q(title__icontains=f.q)
            | Q(receipt_number=f.q)
            | Q(official_number=f.q)
            | Q(lead_member__name=f.q)
        )
    return qs


def proposal_list_mine(*, user: User, filters: ProposalFilters | None = None):
    """Return proposals the user drafted, proposes or co-signs (invited ones included)."""
    member = permissions.member_of(user)
    cond = Q(created_by=user)
    if member is not None:
        cond |= Q(proposers__member=member) & ~Q(proposers__status="revoked")
    ids = Proposal.objects.filter(cond, committee_id=user.committee_id).values("pk")
    return _apply(_base(user.committee_id).filter(pk__in=ids), filters).order_by("-updated_at",
                                                                                  "-id")


def proposal_review_queue(*, user: User, filters: ProposalFilters | None = None):
    """Return proposals awaiting review, oldest first, for the proposal committee."""
    if not permissions.can_review_queue(user):
        return Proposal.objects.none()
    qs = _base(user.committee_id)
    if not (filters and filters.status):
        qs = qs.filter(status__in=IN_REVIEW)
    return _apply(qs, filters).order_by("submitted_at", "id")


def proposal_list_all(*, user: User, filters: ProposalFilters | None = None):
    """Return every submitted proposal of the committee, for staff who may read them all."""
    if not permissions.can_read_all(user):
        return proposal_list_mine(user=user, filters=filters)
    qs = _base(user.committee_id).exclude(status=Status.DRAFT)
    return _apply(qs, filters).order_by("-submitted_at", "-id")


def proposal_detail(*, user: User, proposal_id: int) -> Proposal:
    """Return one proposal with everything its page shows, or NotFound."""
    permissions.access_proposal(user, proposal_id)
    return (
        _base(user.committee_id)
        .prefetch_related("suggestedunit_set__unit", "attachments", "merged_children")
        .select_related("refusal_ground", "created_by")
        .get(pk=proposal_id)
    )


@dataclass
class ProposalHandling:
    """An accepted proposal's handling as its page shows it to one user."""

    # The case; its page (handling:case) is open to the user, or this is None.
    case: object
    # (assignment, whether the user may open the assignment's page)
    units: list[tuple[object, bool]]
    # Replies passed by the proposal committee; drafts under review stay on the case page.
    replies: list
    # The user's proposer rows still to rate this round's replies (满意度测评).
    to_rate: list[Proposer]
    rated: bool

    @property
    def stage(self) -> str:
        return self.case.get_status_display()


def proposal_handling(*, user: User, proposal: Proposal) -> ProposalHandling | None:
    """Return the handling of an accepted proposal the user may see, or None before it is
    assigned (or when the user may not see the case)."""
    if proposal.status != Status.ACCEPTED:
        return None
    from xieshang.handling import permissions as handling_permissions
    from xieshang.handling.models import Assignment, Feedback, HandlingCase, Reply
    from xieshang.handling.workflow import CaseStatus, ReplyStatus

    case = (HandlingCase.objects.filter(proposal_id=proposal.pk,
                                        committee_id=proposal.committee_id)
            .prefetch_related(Prefetch("assignments", queryset=Assignment.objects
                                       .select_related("unit").order_by("id")))
            .first())
    if case is None:
        return None
    case.proposal = proposal
    if not handling_permissions.can_view_case(user, case):
        return None
    units = [(a, handling_permissions.can_view_assignment(user, a))
             for a in case.assignments.all()]
    replies = list(Reply.objects.filter(assignment__case=case, status=ReplyStatus.PASSED)
                   .select_related("assignment__unit", "result_class")
                   .order_by("round", "assignment_id"))
    mine = [r for r in proposal.proposers.all()
            if r.status == Proposer.Status.CONFIRMED and permissions.speaks_for(user, r)]
    rated = set(Feedback.objects.filter(case=case, round=case.round, proposer__in=mine)
                .values_list("proposer_id", flat=True)) if mine else set()
    to_rate = ([r for r in mine if r.pk not in rated]
               if case.status == CaseStatus.REPLIED else [])
    return ProposalHandling(case, units, replies, to_rate, bool(rated))


def proposal_timeline(*, proposal: Proposal) -> QuerySet[ProposalEvent]:
    """Return the proposal's events, oldest first."""
    return proposal.events.select_related("actor").order_by("at", "id")


def invitations_for(*, user: User) -> QuerySet[Proposer]:
    """Return co-signing invitations addressed to the user, open ones first."""
    member = permissions.member_of(user)
    if member is None:
        return Proposer.objects.none()
    return (
        Proposer.objects.filter(member=member, role="co", proposal__committee_id=user.committee_id)
        .exclude(status="revoked")
        .select_related("proposal", "proposal__lead_member", "proposal__session")
        .order_by("-invited_at")
    )


def categories(*, committee_id: int) -> QuerySet[Category]:
    return Category.objects.filter(committee_id=committee_id, is_active=True)


def refusal_grounds(*, committee_id: int) -> QuerySet[RefusalGround]:
    return RefusalGround.objects.filter(committee_id=committee_id, is_active=True)


def merge_candidates(*, proposal: Proposal) -> QuerySet[Proposal]:
    """Return proposals of the same session that could be the main one in a 并案."""
    return (
        Proposal.objects.filter(
            committee_id=proposal.committee_id,
            session_id=proposal.session_id,
            status__in=[*IN_REVIEW, Status.ACCEPTED],
        )
        .exclude(pk=proposal.pk)
        .order_by("official_seq", "receipt_seq")
        .only("id", "title", "receipt_number", "official_number", "status")
    )
