"""Reads for handling: the office's desk, a unit's to-do list, a case with its history."""

from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet

from xieshang.accounts.models import RoleAssignment, User
from xieshang.accounts.roles import UNIT_ROLES, Role
from xieshang.accounts.selectors import unit_ids
from xieshang.core import clock
from xieshang.core.calendar import WorkCalendar
from xieshang.organization.models import Session
from xieshang.proposals.models import Proposal, SuggestedUnit
from xieshang.proposals.workflow import Status as ProposalStatus

from . import deadlines, permissions
from .models import Assignment, Cosign, ExtensionRequest, Feedback, HandlingCase, Reply
from .workflow import AssignmentStatus as A
from .workflow import CaseStatus as C
from .workflow import ReplyStatus as R


def awaiting_assignment(*, user: User, session_id: int | None = None) -> QuerySet[Proposal]:
    """Return accepted proposals not yet assigned, in number order, with suggested units."""
    qs = (Proposal.objects.filter(committee_id=user.committee_id,
                                  status=ProposalStatus.ACCEPTED)
          .exclude(Exists(HandlingCase.objects.filter(proposal=OuterRef("pk"))))
          .select_related("category", "session", "lead_member", "party", "special_committee",
                          "sector")
          .prefetch_related(Prefetch("suggestedunit_set",
                                     queryset=SuggestedUnit.objects.select_related("unit")))
          .order_by("session_id", "official_seq", "id"))
    return qs.filter(session_id=session_id) if session_id else qs


def _assignment_base() -> QuerySet[Assignment]:
    return Assignment.objects.select_related("case", "case__proposal", "case__opinion", "unit",
                                             "case__proposal__category")


@dataclass
class Row:
    assignment: Assignment
    deadline: object
    urgency: deadlines.Urgency | None


def with_urgency(assignments, committee_id: int) -> list[Row]:
    """Pair each open assignment with its current deadline and computed overdue level."""
    cal = WorkCalendar.for_committee(committee_id)
    config = deadlines.config_for(committee_id)
    today = clock.today()
    rows = []
    for a in assignments:
        due = a.sign_due if a.status == A.PENDING_SIGN else (
            a.due if a.status == A.HANDLING else None)
        rows.append(Row(a, due, deadlines.urgency(cal, config, due, today) if due else None))
    return rows


TODO_BUCKETS = (
    ("pending_sign", "待签收"),
    ("handling", "办理中"),
    ("cosign", "待会签"),
    ("replied", "已答复"),
    ("rated", "已评价"),
    ("overdue", "超期"),
)


# The workbench opens on the first bucket that asks something of the unit, in this order.
ACTION_ORDER = ("pending_sign", "cosign", "overdue", "handling")


def opening_bucket(counts: dict[str, int]) -> str:
    """Return the bucket the workbench opens on when none is asked for."""
    return next((key for key in ACTION_ORDER if counts.get(key)), "pending_sign")


def unit_todo(*, user: User, bucket: str | None = None):
    """Return the user's units' assignments in a bucket, the count of every bucket, and the
    bucket shown: the one asked for, else the one `opening_bucket` picks from the counts."""
    units = unit_ids(user)
    mine = _assignment_base().filter(committee_id=user.committee_id, unit_id__in=units)
    cosign_ids = Cosign.objects.filter(assignment__unit_id__in=units, status="pending",
                                       reply__status=R.COSIGNING).values("assignment_id")
    open_rows = with_urgency(mine.filter(status__in=[A.PENDING_SIGN, A.HANDLING]),
                             user.committee_id)
    overdue_ids = [r.assignment.pk for r in open_rows
                   if r.urgency and r.urgency.level in ("overdue", "severe")]
    buckets = {
        "pending_sign": mine.filter(status=A.PENDING_SIGN),
        "handling": mine.filter(status__in=[A.HANDLING, A.RETURN_REQUESTED]),
        "cosign": mine.filter(pk__in=cosign_ids),
        "replied": mine.filter(status__in=[A.REPLIED, A.OPINION_GIVEN],
                               case__status__in=[C.REPLIED, C.IN_HANDLING]),
        "rated": mine.filter(case__status__in=[C.RATED, C.CLOSED]),
        "overdue": mine.filter(pk__in=overdue_ids),
    }
    counts = {key: buckets[key].count() for key, _ in TODO_BUCKETS}
    shown = bucket if bucket in buckets else opening_bucket(counts)
    rows = with_urgency(buckets[shown].order_by("sign_due", "id"), user.committee_id)
    return rows, counts, shown


def office_desk(*, user: User) -> dict:
    """Return what waits for the assigning office and the proposal committee (proposals only)."""
    committee_id = user.committee_id
    return {
        "return_requests": _assignment_base().filter(committee_id=committee_id,
                                                     case__proposal__isnull=False,
                                                     status=A.RETURN_REQUESTED),
        "extensions": ExtensionRequest.objects.filter(
            assignment__committee_id=committee_id, status="pending",
            assignment__case__proposal__isnull=False,
        ).select_related("assignment__unit", "assignment__case__proposal"),
        "unsatisfied": HandlingCase.objects.filter(committee_id=committee_id,
                                                   proposal__isnull=False,
                                                   status=C.RATED).select_related("proposal"),
        "reviews": Reply.objects.filter(committee_id=committee_id, status=R.UNDER_REVIEW,
                                        assignment__case__proposal__isnull=False)
        .select_related("assignment__unit", "assignment__case__proposal", "result_class"),
    }


# `case_list`'s session for proposals without one (平时提案 outside a plenary session).
NO_SESSION = "none"


def case_list(*, user: User, status: str | None = None,
              session: int | str | None = None) -> QuerySet[HandlingCase]:
    """Return the committee's proposal cases for readers, with their assignments: of one
    session (its id, or NO_SESSION for proposals without one) or, when `session` is None, all
    of them, the latest session first."""
    if not permissions.can_read_all(user):
        return HandlingCase.objects.none()
    qs = (HandlingCase.objects.filter(committee_id=user.committee_id, proposal__isnull=False)
          .select_related("proposal", "proposal__category", "proposal__session")
          .prefetch_related(Prefetch("assignments",
                                     queryset=Assignment.objects.select_related("unit")))
          .order_by(F("proposal__session__opening_date").desc(nulls_last=True),
                    "proposal__official_seq", "id"))
    if session == NO_SESSION:
        qs = qs.filter(proposal__session__isnull=True)
    elif session is not None:
        qs = qs.filter(proposal__session_id=session)
    return qs.filter(status=status) if status else qs


def case_sessions(*, user: User) -> tuple[list[Session], bool]:
    """Return the sessions that have proposal cases, latest first, and whether any case's
    proposal has no session (the case list's 年度/届次 choices)."""
    if not permissions.can_read_all(user):
        return [], False
    cases = HandlingCase.objects.filter(committee_id=user.committee_id, proposal__isnull=False)
    sessions = list(Session.objects.filter(committee_id=user.committee_id,
                                           pk__in=cases.values("proposal__session_id"))
                    .select_related("term").order_by("-opening_date", "-id"))
    return sessions, cases.filter(proposal__session__isnull=True).exists()


def case_detail(*, user: User, case_id: int) -> HandlingCase:
    """Return a case with everything its page shows, or NotFound."""
    permissions.access_case(user, case_id)
    return (HandlingCase.objects.select_related("proposal", "opinion", "proposal__category",
                                                "proposal__session")
            .prefetch_related(
                Prefetch("assignments", queryset=Assignment.objects.select_related("unit")
                         .prefetch_related("contacts", "extensions").order_by("id")),
                Prefetch("feedback", queryset=Feedback.objects.select_related(
                    "member", "proposer").order_by("round", "id")),
                "proposal__proposers__member",
            ).get(pk=case_id))


def case_replies(*, case: HandlingCase) -> QuerySet[Reply]:
    return (Reply.objects.filter(assignment__case=case)
            .select_related("assignment__unit", "result_class", "signed_off_by")
            .prefetch_related("versions", "cosigns__assignment__unit")
            .order_by("round", "assignment_id"))


def case_events(*, case: HandlingCase):
    return case.events.select_related("actor", "assignment__unit").order_by("at", "id")


# How 政协 staff are named on a timeline, in the order a user holding several roles is named.
STAFF_LABELS = (
    (Role.ASSIGN_OFFICE, "交办督查室"),
    (Role.PROPOSAL_CHIEF, "提案委"),
    (Role.PROPOSAL_STAFF, "提案委"),
    (Role.INFO_OFFICE, "社情民意信息办"),
    (Role.LEADER, "政协领导"),
    (Role.LIAISON, "专委会"),
    (Role.SYS_ADMIN, "系统管理员"),
)


def labelled_events(events) -> list:
    """Return the events, each with `actor_label`: who acted, by the actor's own place, never
    the assignment's unit: unit staff with their unit (the event's unit when they belong to
    it), 政协 staff with their office, members as 委员, a body's agent with the body."""
    events = list(events)
    actors = {e.actor_id for e in events if e.actor_id}
    grants: dict[int, list[RoleAssignment]] = {}
    for g in (RoleAssignment.objects.filter(user_id__in=actors)
              .select_related("unit", "party", "special_committee", "sector").order_by("id")):
        grants.setdefault(g.user_id, []).append(g)
    for e in events:
        e.actor_label = _actor_label(e, grants.get(e.actor_id, []))
    return events


def _actor_label(event, grants: list[RoleAssignment]) -> str:
    if event.actor is None:
        return "系统"
    name = str(event.actor)
    units = [g.unit for g in grants if g.role in UNIT_ROLES and g.unit_id]
    if event.assignment is not None:
        for unit in units:
            if unit.pk == event.assignment.unit_id:
                return f"{name}（{unit.name}）"
    roles = {g.role for g in grants}
    if event.action == "rate":
        agent = next((g for g in grants if g.role == Role.BODY_AGENT), None)
        if Role.MEMBER in roles or agent is None:
            return f"{name}（委员）" if Role.MEMBER in roles else name
        body = agent.party or agent.special_committee or agent.sector
        return f"{name}（{body}）" if body else name
    office = next((label for role, label in STAFF_LABELS if role in roles), None)
    if office:
        return f"{name}（{office}）"
    if units:
        return f"{name}（{units[0].name}）"
    if Role.MEMBER in roles:
        return f"{name}（委员）"
    return name


def current_reply(*, assignment: Assignment) -> Reply | None:
    return (Reply.objects.filter(assignment=assignment, round=assignment.case.round)
            .select_related("result_class").prefetch_related("versions", "cosigns").first())


def pending_cosign_for(*, assignment: Assignment) -> Cosign | None:
    """Return the co-signing request waiting for this co-handling assignment, if any."""
    return (Cosign.objects.filter(assignment=assignment, status="pending",
                                  reply__status=R.COSIGNING)
            .select_related("reply", "reply__result_class").first())


@dataclass
class OpinionHandling:
    """A transferred 社情民意 item's case as its page shows it, for the office or an author."""

    case: HandlingCase
    rows: list[Row]
    replies: list[Reply]
    extensions: list[ExtensionRequest]
    events: list


def opinion_handling(*, user: User, opinion) -> OpinionHandling | None:
    """Return the handling of an item the user may see, or None when it was never transferred.

    The office and leaders see every reply draft under review; authors see passed replies only.
    """
    case = (HandlingCase.objects.filter(opinion=opinion, committee_id=user.committee_id)
            .prefetch_related(Prefetch("assignments", queryset=Assignment.objects
                                       .select_related("unit").order_by("id")))
            .first())
    if case is None or not permissions.can_view_case(user, case):
        return None
    reader = permissions.can_read_case(user, case)
    replies = (Reply.objects.filter(assignment__case=case)
               .select_related("assignment__unit", "result_class")
               .order_by("round", "assignment_id"))
    if not reader:
        replies = replies.filter(status=R.PASSED)
    extensions = (list(ExtensionRequest.objects.filter(assignment__case=case, status="pending")
                       .select_related("assignment__unit")) if reader else [])
    events = labelled_events(case_events(case=case) if reader else
                             case_events(case=case).filter(action__in=PUBLIC_ACTIONS))
    return OpinionHandling(case, with_urgency(case.assignments.all(), case.committee_id),
                           list(replies), extensions, events)


# Steps an author sees in the timeline of a transferred item: not drafts, reviews or returns.
PUBLIC_ACTIONS = ("create", "assign", "sign_for", "replied", "reply", "close", "rehandle")


def opinion_desk(*, user: User) -> dict:
    """Return what waits for the information office in transferred 社情民意 items."""
    committee_id = user.committee_id
    return {
        "return_requests": _assignment_base().filter(committee_id=committee_id,
                                                     case__opinion__isnull=False,
                                                     status=A.RETURN_REQUESTED),
        "extensions": ExtensionRequest.objects.filter(
            assignment__committee_id=committee_id, status="pending",
            assignment__case__opinion__isnull=False,
        ).select_related("assignment__unit", "assignment__case__opinion"),
        "reviews": Reply.objects.filter(committee_id=committee_id, status=R.UNDER_REVIEW,
                                        assignment__case__opinion__isnull=False)
        .select_related("assignment__unit", "assignment__case__opinion", "result_class"),
        "to_close": HandlingCase.objects.filter(committee_id=committee_id,
                                                opinion__isnull=False, status=C.REPLIED)
        .select_related("opinion"),
    }
