"""Writes for assignment (交办), signing for, returns, extensions and contacts with proposers.

The same writes serve 社情民意 items transferred to units (转办): opinions.services opens their
cases through `case_open`.
"""

from datetime import date

from django.db import transaction

from xieshang.accounts.models import User
from xieshang.core import clock
from xieshang.core.calendar import WorkCalendar
from xieshang.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from xieshang.notifications.services import notify
from xieshang.organization.models import Unit
from xieshang.proposals.models import Proposal
from xieshang.proposals.workflow import Status as ProposalStatus

from . import deadlines, permissions, recipients
from .models import Assignment, Contact, ExtensionRequest, HandlingCase
from .transitions import apply, record
from .workflow import AssignmentStatus as A
from .workflow import CaseStatus as C

ROLES_BY_MODE = {
    HandlingCase.Mode.SINGLE: {"single"},
    HandlingCase.Mode.SPLIT: {"split"},
    HandlingCase.Mode.LEAD_CO: {"lead", "co"},
}


# What the office must choose for each 办理方式, named as the assignment page names it.
MISSING_BY_MODE = {
    HandlingCase.Mode.SINGLE: (("single", 1, "请选择单办单位。"),),
    HandlingCase.Mode.SPLIT: (("split", 1, "请选择分办单位（两个及以上）。"),),
    HandlingCase.Mode.LEAD_CO: (("lead", 1, "请选择主办单位。"),
                                ("co", 1, "请选择会办单位（至少一个）。")),
}


def _validate_units(committee_id: int, mode: str, units: list[dict]) -> list[tuple[Unit, str]]:
    if not mode:
        raise ValidationError("请选择办理方式（单办、主办+会办或分办）。", field="mode")
    if mode not in ROLES_BY_MODE:
        raise ValidationError("办理方式无效。", field="mode")
    roles = [u.get("role", "") for u in units]
    if not set(roles) <= ROLES_BY_MODE[mode]:
        raise ValidationError("单位角色与办理方式不符。", field="units")
    missing = [message for role, least, message in MISSING_BY_MODE[mode]
               if roles.count(role) < least]
    if missing:
        raise ValidationError("".join(missing), field="units")
    ids = [u.get("unit_id") for u in units]
    found = {u.pk: u for u in Unit.objects.filter(committee_id=committee_id, pk__in=ids,
                                                  is_active=True)}
    if set(ids) - set(found):
        raise ValidationError("所选承办单位不存在或已停用。", field="units")
    repeated = sorted({found[i].name for i in ids if ids.count(i) > 1})
    if repeated:
        raise ValidationError(f"同一单位不能重复交办：{'、'.join(repeated)}。", field="units")
    pairs = [(found[u["unit_id"]], u.get("role", "")) for u in units]
    if mode == "single" and len(pairs) != 1:
        raise ValidationError("单办只能交一个单位。", field="units")
    if mode == "split" and len(pairs) < 2:
        raise ValidationError("分办须交两个及以上单位。", field="units")
    if mode == "lead_co" and roles.count("lead") != 1:
        raise ValidationError("主办+会办只能有一个主办单位。", field="units")
    return pairs


def _new_assignment(case: HandlingCase, unit: Unit, role: str, actor: User) -> Assignment:
    config = deadlines.config_for(case.committee_id)
    cal = WorkCalendar.for_committee(case.committee_id)
    assignment = Assignment.objects.create(
        committee_id=case.committee_id, case=case, unit=unit, role=role,
        status=A.PENDING_SIGN, assigned_at=clock.now(),
        sign_due=deadlines.sign_due(cal, config, clock.today()),
    )
    record(case=case, actor=actor, action="assign", assignment=assignment, to=A.PENDING_SIGN,
           unit=unit.name, role=role)
    notify(users=recipients.unit_users(unit.pk), kind="assignment",
           title=f"新交办{case.subject_kind}：{case.subject_heading}",
           body=f"请于{assignment.sign_due:%Y年%m月%d日}前签收或申请退回。",
           url=f"/handling/assignments/{assignment.pk}/")
    return assignment


@transaction.atomic
def case_assign(*, actor: User, proposal_id: int, mode: str, units: list[dict],
                suggested: list[dict] | None = None,
                suggestion_basis: str = "") -> HandlingCase:
    """Assign an accepted proposal to units: 单办, 分办, or 主办 + 会办.

    `suggested` is what the office was shown (handling.routing, best first:
    {unit_id, unit, score}); it is kept in the case's `create` event with the units chosen, so
    that statistics can tell how often the first suggestion was taken.
    """
    if not permissions.can_assign(actor):
        raise PermissionDenied("只有交办部门可以交办提案。")
    proposal = (Proposal.objects.select_for_update(of=("self",))
                .filter(pk=proposal_id, committee_id=actor.committee_id).first())
    if proposal is None:
        raise NotFound()
    if proposal.status != ProposalStatus.ACCEPTED:
        raise Conflict("只有已立案的提案才能交办。")
    if HandlingCase.objects.filter(proposal=proposal).exists():
        raise Conflict("该提案已经交办（如需增加或更换单位，请在办理页面操作）。")
    return case_open(actor=actor, proposal=proposal, mode=mode, units=units,
                     cutoff=proposal.session.handling_cutoff if proposal.session_id else None,
                     **suggestion_payload(suggested, suggestion_basis))


def suggestion_payload(suggested: list[dict] | None, basis: str) -> dict:
    """Return what a case's `create` event keeps of the unit suggestions the office was shown
    (the first five); nothing when none were shown."""
    if suggested is None:
        return {}
    return {"suggested": [{"unit_id": int(u["unit_id"]), "unit": str(u.get("unit", "")),
                           "score": float(u.get("score", 0.0))} for u in suggested[:5]],
            "suggestion_basis": basis}


def case_open(*, actor: User, mode: str, units: list[dict], proposal: Proposal | None = None,
              opinion=None, cutoff: date | None = None, **payload) -> HandlingCase:
    """Create the case of a locked proposal or 社情民意 item and its assignments.

    The caller has locked the subject and checked the actor and the subject's state; `payload`
    goes into the case's `create` event.
    """
    pairs = _validate_units(actor.committee_id, mode, units)
    case = HandlingCase.objects.create(
        committee_id=actor.committee_id, proposal=proposal, opinion=opinion, mode=mode,
        status=C.ASSIGNED, cutoff=cutoff, assigned_at=clock.now(),
    )
    record(case=case, actor=actor, action="create", to=C.ASSIGNED, mode=mode,
           units=[{"unit_id": unit.pk, "role": role} for unit, role in pairs], **payload)
    for unit, role in pairs:
        _new_assignment(case, unit, role, actor)
    return case


def case_assign_bulk(*, actor: User, items: list[dict]) -> list[dict]:
    """Assign many proposals (交办会); each succeeds or fails on its own."""
    results = []
    for item in items:
        try:
            case = case_assign(actor=actor, proposal_id=item["proposal_id"], mode=item["mode"],
                               units=item["units"], suggested=item.get("suggested"),
                               suggestion_basis=item.get("suggestion_basis", ""))
        except (ValidationError, Conflict, NotFound, PermissionDenied) as exc:
            results.append({"proposal_id": item.get("proposal_id"), "ok": False,
                            "message": exc.message})
        else:
            results.append({"proposal_id": item["proposal_id"], "ok": True,
                            "case_id": case.pk})
    return results


@transaction.atomic
def assignment_add(*, actor: User, case_id: int, unit_id: int, role: str) -> Assignment:
    """Add a unit to a case (after a return, or a unit found to be missing)."""
    case = permissions.access_case(actor, case_id, for_update=True)
    if not permissions.can_assign(actor, case):
        raise PermissionDenied(f"只有交办部门可以交办{case.subject_kind}。")
    if case.status == C.CLOSED:
        raise Conflict(f"该{case.subject_kind}已办结。")
    unit = Unit.objects.filter(committee_id=case.committee_id, pk=unit_id, is_active=True).first()
    if unit is None:
        raise ValidationError("所选承办单位不存在或已停用。", field="unit_id")
    if role not in ROLES_BY_MODE[case.mode]:
        raise ValidationError("单位角色与办理方式不符。", field="role")
    live = case.assignments.exclude(status=A.RETURNED)
    if live.filter(unit=unit).exists():
        raise ValidationError(f"{unit.name}已在办理该{case.subject_kind}。", field="unit_id")
    if role in ("lead", "single") and live.filter(role=role).exists():
        raise ValidationError("已有主办（单办）单位，请先处理其退回申请。", field="role")
    return _new_assignment(case, unit, role, actor)


def _start_case(case: HandlingCase, actor: User) -> None:
    if case.status == C.ASSIGNED:
        apply(case, "start", actor=actor, system=True)


def _signed(assignment: Assignment) -> list[str]:
    config = deadlines.config_for(assignment.committee_id)
    cal = WorkCalendar.for_committee(assignment.committee_id)
    assignment.signed_at = clock.now()
    assignment.due = deadlines.assignment_due(cal, config, clock.today(),
                                              case=assignment.case, role=assignment.role)
    return ["signed_at", "due"]


@transaction.atomic
def assignment_sign_for(*, actor: User, assignment_id: int) -> Assignment:
    """Sign for an assignment (签收); the handling deadline starts now."""
    assignment = permissions.access_assignment(actor, assignment_id, for_update=True)
    apply(assignment, "sign_for", actor=actor, mutate=_signed)
    _start_case(HandlingCase.objects.select_for_update(of=("self",)).get(pk=assignment.case_id), actor)
    return assignment


@transaction.atomic
def assignment_request_return(*, actor: User, assignment_id: int, reason: str) -> Assignment:
    """Ask the office to take an assignment back (申请退回); a unit never passes work on itself."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请说明申请退回的理由。", field="reason")
    assignment = permissions.access_assignment(actor, assignment_id, for_update=True)
    if clock.today() > assignment.sign_due:
        raise Conflict(f"已超过申请退回期限（{assignment.sign_due:%Y-%m-%d}），"
                       "如确有困难请与交办部门联系。")

    def mutate(a: Assignment):
        a.return_reason = reason[:2000]
        return ["return_reason"]

    apply(assignment, "request_return", actor=actor, mutate=mutate, reason=reason[:2000])
    notify(users=recipients.office_users(assignment.case), kind="return_request",
           title=f"{assignment.unit.name}申请退回：{assignment.case.subject_title}",
           body=reason[:500], url=f"/handling/cases/{assignment.case_id}/")
    return assignment


@transaction.atomic
def assignment_decide_return(*, actor: User, assignment_id: int, approve: bool, note: str = "",
                             new_unit_id: int | None = None) -> Assignment:
    """Approve a return (optionally re-assigning to another unit) or refuse it."""
    assignment = permissions.access_assignment(actor, assignment_id, for_update=True)
    note = (note or "").strip()[:500]
    if approve:
        def finish(a: Assignment):
            a.finished_at = clock.now()
            return ["finished_at"]

        apply(assignment, "approve_return", actor=actor, mutate=finish, note=note)
        if new_unit_id:
            assignment_add(actor=actor, case_id=assignment.case_id, unit_id=new_unit_id,
                           role=assignment.role)
    else:
        if not note:
            raise ValidationError("不同意退回时请说明理由。", field="note")
        apply(assignment, "refuse_return", actor=actor,
              mutate=lambda a: _signed(a) if a.signed_at is None else [], note=note)
        _start_case(HandlingCase.objects.select_for_update(of=("self",)).get(pk=assignment.case_id), actor)
    notify(users=recipients.unit_users(assignment.unit_id), kind="return_decision",
           title=f"退回申请{'已同意' if approve else '未同意'}：{assignment.case.subject_title}",
           body=note, url=f"/handling/assignments/{assignment.pk}/")
    return assignment


@transaction.atomic
def assignment_give_opinion(*, actor: User, assignment_id: int, opinion: str) -> Assignment:
    """Send a co-handling unit's written opinion to the lead unit (会办意见)."""
    opinion = (opinion or "").strip()
    if not opinion:
        raise ValidationError("请填写会办意见。", field="opinion")
    assignment = permissions.access_assignment(actor, assignment_id, for_update=True)
    if assignment.role != "co":
        raise ValidationError("只有会办单位提交会办意见。")

    def mutate(a: Assignment):
        a.opinion, a.opinion_at = opinion[:20000], clock.now()
        return ["opinion", "opinion_at"]

    apply(assignment, "give_opinion", actor=actor, mutate=mutate)
    lead = assignment.case.assignments.filter(role="lead").exclude(status=A.RETURNED).first()
    if lead:
        notify(users=recipients.unit_users(lead.unit_id), kind="co_opinion",
               title=f"{assignment.unit.name}已提交会办意见：{assignment.case.subject_title}",
               url=f"/handling/assignments/{lead.pk}/")
    return assignment


@transaction.atomic
def extension_request(*, actor: User, assignment_id: int, requested_due: date,
                      reason: str) -> ExtensionRequest:
    """Ask for a later deadline, with the reason."""
    assignment = permissions.access_assignment(actor, assignment_id, for_update=True)
    if not permissions.can_act_for_unit(actor, assignment):
        raise PermissionDenied("只有承办单位可以申请延期。")
    if assignment.status != A.HANDLING or assignment.due is None:
        raise Conflict("只有办理中的交办事项可以申请延期。")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请说明延期理由。", field="reason")
    if requested_due <= assignment.due:
        raise ValidationError("申请的期限应晚于当前办理期限。", field="requested_due")
    cap = deadlines.extension_cap(deadlines.config_for(assignment.committee_id),
                                  assignment.signed_at.date())
    if requested_due > cap:
        raise ValidationError(f"延期不能超过{cap:%Y年%m月%d日}（签收后最长期限）。",
                              field="requested_due")
    if assignment.extensions.filter(status="pending").exists():
        raise Conflict("已有待审批的延期申请。")
    ext = ExtensionRequest.objects.create(
        assignment=assignment, requested_due=requested_due, reason=reason[:2000],
        requested_by=actor, requested_at=clock.now(),
    )
    record(case=assignment.case, actor=actor, action="extension_request", assignment=assignment,
           requested_due=requested_due.isoformat(), reason=reason[:500])
    notify(users=recipients.office_users(assignment.case),
           kind="extension_request", title=f"{assignment.unit.name}申请延期",
           body=reason[:500], url=f"/handling/cases/{assignment.case_id}/")
    return ext


@transaction.atomic
def extension_decide(*, actor: User, extension_id: int, approve: bool,
                     note: str = "") -> ExtensionRequest:
    """Approve or refuse an extension; an approval moves the deadline."""
    ext = (ExtensionRequest.objects.select_for_update(of=("self",)).select_related("assignment")
           .filter(pk=extension_id, assignment__committee_id=actor.committee_id).first())
    if ext is None:
        raise NotFound()
    if not permissions.can_assign(actor, ext.assignment):
        raise PermissionDenied("只有交办部门可以审批延期。")
    if ext.status != ExtensionRequest.Status.PENDING:
        raise Conflict("该延期申请已处理。")
    assignment = Assignment.objects.select_for_update(of=("self",)).get(pk=ext.assignment_id)
    ext.status = "approved" if approve else "refused"
    ext.decided_by, ext.decided_at, ext.decision_note = actor, clock.now(), (note or "")[:500]
    ext.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    if approve:
        previous = assignment.due
        assignment.due = ext.requested_due
        assignment.save(update_fields=["due"])
    record(case=assignment.case, actor=actor, action="extension_decide", assignment=assignment,
           approved=approve, due=assignment.due.isoformat() if assignment.due else None,
           previous_due=previous.isoformat() if approve and previous else None)
    notify(users=recipients.unit_users(assignment.unit_id), kind="extension_decision",
           title=f"延期申请{'已同意' if approve else '未同意'}", body=ext.decision_note,
           url=f"/handling/assignments/{assignment.pk}/")
    return ext


@transaction.atomic
def contact_record(*, actor: User, assignment_id: int, stage: str, mode: str,
                   happened_on: date, participants: str, minutes: str) -> Contact:
    """Record a consultation with the proposer or a visit (办前/办中/办后)."""
    assignment = permissions.access_assignment(actor, assignment_id, for_update=True)
    if not permissions.can_act_for_unit(actor, assignment):
        raise PermissionDenied("只有承办单位可以记录沟通情况。")
    if stage not in Contact.Stage.values:
        raise ValidationError("阶段无效。", field="stage")
    if mode not in Contact.Mode.values:
        raise ValidationError("沟通方式无效。", field="mode")
    if happened_on > clock.today():
        raise ValidationError("日期不能晚于今天。", field="happened_on")
    participants, minutes = (participants or "").strip(), (minutes or "").strip()
    if not participants or not minutes:
        raise ValidationError("请填写参加人员和情况记录。", field="minutes")
    contact = Contact.objects.create(
        assignment=assignment, stage=stage, mode=mode, happened_on=happened_on,
        participants=participants[:300], minutes=minutes[:20000], recorded_by=actor,
        recorded_at=clock.now(),
    )
    record(case=assignment.case, actor=actor, action="contact", assignment=assignment,
           stage=stage, mode=mode, happened_on=happened_on.isoformat())
    return contact
