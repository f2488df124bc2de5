"""Writes for the proposers' ratings (征询意见) and the office's decision on the outcome."""

from django.db import transaction

from xieshang.accounts.models import User
from xieshang.core import clock
from xieshang.core.calendar import WorkCalendar
from xieshang.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from xieshang.notifications.services import notify
from xieshang.proposals import permissions as proposal_permissions
from xieshang.proposals.models import Proposer

from . import deadlines, permissions, recipients
from .models import Feedback, HandlingCase
from .transitions import apply
from .workflow import AssignmentStatus as A
from .workflow import CaseStatus as C

LEVELS = Feedback.Level.values


def expected_raters(case: HandlingCase) -> list[Proposer]:
    """Return the proposer rows that must rate: every confirmed member or body proposer.

    A 社情民意 case has none: its authors are told of the reply, not asked to rate it.
    """
    if case.opinion_id is not None:
        return []
    return list(case.proposal.proposers.filter(status="confirmed").select_related("member"))


def _rater_row(actor: User, case: HandlingCase, proposer_id: int | None) -> Proposer:
    rows = expected_raters(case)
    if proposer_id is not None:
        row = next((r for r in rows if r.pk == proposer_id), None)
        if row is None:
            raise ValidationError("所选提案者不存在。", field="proposer_id")
        if permissions.can_record_feedback_for_others(actor):
            return row
        if proposal_permissions.speaks_for(actor, row):
            return row
        raise PermissionDenied("您不能代替其他提案者评价。")
    # The member's own row first, then a body's the member acts for (经办人).
    for row in sorted(rows, key=lambda r: r.member_id is None):
        if proposal_permissions.speaks_for(actor, row):
            return row
    raise PermissionDenied("只有提案者可以评价答复。")


@transaction.atomic
def feedback_submit(*, actor: User, case_id: int, overall: str, contact: str, attitude: str,
                    result: str, answered: str, comments: str = "",
                    proposer_id: int | None = None) -> Feedback:
    """Record one proposer's rating of this round's replies."""
    case = permissions.access_case(actor, case_id, for_update=True)
    if case.opinion_id is not None:
        raise Conflict("社情民意转办的答复不需要评价，由社情民意信息办办结。")
    if case.status != C.REPLIED:
        raise Conflict("答复通过后、评价结束前才能评价。")
    for name, value in (("overall", overall), ("contact", contact), ("attitude", attitude),
                        ("result", result)):
        if value not in LEVELS:
            raise ValidationError("请选择满意、基本满意或不满意。", field=name)
    if answered not in Feedback.Answered.values:
        raise ValidationError("请选择答复是否针对提案。", field="answered")
    row = _rater_row(actor, case, proposer_id)
    if Feedback.objects.filter(case=case, round=case.round, proposer=row).exists():
        raise Conflict("本轮答复已评价。")
    rater = row.member or proposal_permissions.member_of(actor)
    if rater is None:
        raise PermissionDenied("评价须由提案者（或其经办人）作出。")
    fb = Feedback.objects.create(
        committee_id=case.committee_id, case=case, round=case.round, proposer=row, member=rater,
        overall=overall, contact=contact, attitude=attitude, result=result, answered=answered,
        comments=(comments or "").strip()[:5000], recorded_by=actor, rated_at=clock.now(),
    )
    from .transitions import record

    record(case=case, actor=actor, action="rate", round=case.round, proposer_id=row.pk,
           overall=overall, contact=contact, attitude=attitude, result=result,
           answered=answered)
    rated = set(Feedback.objects.filter(case=case, round=case.round)
                .values_list("proposer_id", flat=True))
    if {r.pk for r in expected_raters(case)} <= rated:
        apply(case, "rated", actor=actor, system=True, round=case.round)
        unsatisfied = Feedback.objects.filter(case=case, round=case.round,
                                              overall=Feedback.Level.UNSATISFIED).exists()
        if unsatisfied:
            notify(users=recipients.role_users(case.committee_id, "assign_office"),
                   kind="unsatisfied", title=f"提案者不满意，请决定是否重新办理：{case.proposal.title}",
                   url=f"/handling/cases/{case.pk}/")
        else:
            _close(case, actor, "全部提案者满意或基本满意", system=True)
    return fb


def _close(case: HandlingCase, actor: User, reason: str, *, system: bool = False) -> None:
    def mutate(c: HandlingCase):
        c.closed_at, c.close_reason = clock.now(), reason[:500]
        return ["closed_at", "close_reason"]

    if system:
        from .transitions import record

        previous = case.status
        mutate(case)
        case.status = C.CLOSED
        case.save(update_fields=["closed_at", "close_reason", "status"])
        record(case=case, actor=actor, action="close", frm=previous, to=C.CLOSED,
               reason=reason, automatic=True)
    else:
        apply(case, "close", actor=actor, mutate=mutate, reason=reason)


@transaction.atomic
def case_close(*, actor: User, case_id: int, reason: str) -> HandlingCase:
    """Close handling (办结) with a recorded reason, e.g. after an unsatisfied rating."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写办结说明。", field="reason")
    case = permissions.access_case(actor, case_id, for_update=True)
    _close(case, actor, reason)
    if case.opinion_id is not None:
        notify(users=recipients.subject_users(case), kind="transfer_closed",
               title=f"您的社情民意信息转办已办结：{case.subject_title}", body=reason[:300],
               url=case.subject_url)
    return case


@transaction.atomic
def case_rehandle(*, actor: User, case_id: int, reason: str) -> HandlingCase:
    """Order a new round of handling with its own deadline (重新办理)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请说明重新办理的要求。", field="reason")
    case = permissions.access_case(actor, case_id, for_update=True)
    config = deadlines.config_for(case.committee_id)
    due = deadlines.rehandle_due(WorkCalendar.for_committee(case.committee_id), config,
                                 clock.today())

    def mutate(c: HandlingCase):
        c.round += 1
        c.replied_at = None
        return ["round", "replied_at"]

    apply(case, "rehandle", actor=actor, mutate=mutate, reason=reason, due=due.isoformat())
    for assignment in case.assignments.select_for_update(of=("self",)).exclude(status=A.RETURNED):
        if assignment.role == "co":
            continue

        def reopen(a, due=due):
            a.due, a.finished_at = due, None
            return ["due", "finished_at"]

        apply(assignment, "reopen", actor=actor, system=True, mutate=reopen, round=case.round)
        notify(users=recipients.unit_users(assignment.unit_id), kind="rehandle",
               title=f"请重新办理：{case.subject_title}",
               body=f"{reason[:300]}（期限{due:%Y年%m月%d日}）",
               url=f"/handling/assignments/{assignment.pk}/")
    return case


def find_case(actor: User, proposal_id: int) -> HandlingCase:
    case = HandlingCase.objects.filter(proposal_id=proposal_id,
                                       committee_id=actor.committee_id).first()
    if case is None:
        raise NotFound()
    return permissions.access_case(actor, case.pk)
