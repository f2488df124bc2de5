"""API for handling: the same services and rules as the pages."""

from datetime import date, datetime

from ninja import Query, Router, Schema, Status
from pydantic import Field

from xieshang.api.schemas import EventOut, ReasonIn, StatsQuery, event_row, responses

from . import feedback, replies, selectors, services, stats
from .models import Assignment, HandlingCase, Reply, ResultClass

router = Router(tags=["提案办理"])
# The same operations serve 社情民意 items transferred to units (转办); they are opened by
# POST /opinions/{id}/transfer and reviewed and closed by the information office.


class UnitIn(Schema):
    unit_id: int
    role: str = Field(..., description="single 单办 / split 分办 / lead 主办 / co 会办")


class AssignIn(Schema):
    proposal_id: int
    mode: str = Field(..., description="single / split / lead_co")
    units: list[UnitIn] = Field(..., max_length=30)


class BulkIn(Schema):
    items: list[AssignIn] = Field(..., max_length=500)


class BulkResult(Schema):
    proposal_id: int | None
    ok: bool
    case_id: int | None = None
    message: str | None = None


class AssignmentOut(Schema):
    id: int
    case_id: int
    proposal_id: int | None = Field(..., description="提案；社情民意转办时为空")
    opinion_id: int | None = Field(..., description="转办的社情民意信息；提案时为空")
    proposal_title: str = Field(..., description="提案或社情民意信息的标题")
    unit_id: int
    unit: str
    role: str
    status: str
    sign_due: date
    due: date | None
    signed_at: datetime | None
    opinion: str


class ReplyOut(Schema):
    id: int
    assignment_id: int
    round: int
    status: str
    body: str
    original: str = Field(description="保存时清理前的原始输入；未清理为空")
    result_class: str | None
    contact_person: str
    contact_phone: str
    signer: str
    version: int
    review_note: str
    passed_at: datetime | None


class FeedbackOut(Schema):
    id: int
    round: int
    proposer_id: int
    member: str
    overall: str
    contact: str
    attitude: str
    result: str
    answered: str
    comments: str


class CaseOut(Schema):
    id: int
    proposal_id: int | None = Field(..., description="提案；社情民意转办时为空")
    opinion_id: int | None = Field(..., description="转办的社情民意信息；提案时为空")
    proposal_title: str = Field(..., description="提案或社情民意信息的标题")
    official_number: str
    mode: str
    status: str
    round: int
    cutoff: date | None
    replied_at: datetime | None
    closed_at: datetime | None
    close_reason: str
    assignments: list[AssignmentOut]


class CaseDetailOut(CaseOut):
    replies: list[ReplyOut]
    feedback: list[FeedbackOut]


def _a(a: Assignment) -> dict:
    return {"id": a.pk, "case_id": a.case_id, "proposal_id": a.case.proposal_id,
            "opinion_id": a.case.opinion_id, "proposal_title": a.case.subject_title,
            "unit_id": a.unit_id, "unit": a.unit.name,
            "role": a.role, "status": a.status, "sign_due": a.sign_due, "due": a.due,
            "signed_at": a.signed_at, "opinion": a.opinion}


def _r(r: Reply) -> dict:
    return {"id": r.pk, "assignment_id": r.assignment_id, "round": r.round, "status": r.status,
            "body": r.body, "original": r.original,
            "result_class": r.result_class.code if r.result_class else None,
            "contact_person": r.contact_person, "contact_phone": r.contact_phone,
            "signer": r.signer, "version": r.version, "review_note": r.review_note,
            "passed_at": r.passed_at}


def _case(c: HandlingCase) -> dict:
    return {"id": c.pk, "proposal_id": c.proposal_id, "opinion_id": c.opinion_id,
            "proposal_title": c.subject_title, "official_number": c.subject_number,
            "mode": c.mode, "status": c.status,
            "round": c.round, "cutoff": c.cutoff, "replied_at": c.replied_at,
            "closed_at": c.closed_at, "close_reason": c.close_reason,
            "assignments": [_a(a) for a in c.assignments.all()]}


def _detail(request, case_id: int) -> dict:
    c = selectors.case_detail(user=request.user, case_id=case_id)
    return {**_case(c), "replies": [_r(r) for r in selectors.case_replies(case=c)],
            "feedback": [{"id": f.pk, "round": f.round, "proposer_id": f.proposer_id,
                          "member": f.member.name, "overall": f.overall, "contact": f.contact,
                          "attitude": f.attitude, "result": f.result, "answered": f.answered,
                          "comments": f.comments} for f in c.feedback.all()]}


class AwaitingOut(Schema):
    id: int
    official_number: str
    title: str
    suggested_units: list[UnitIn]


@router.get("/awaiting", response=responses(list[AwaitingOut]), summary="待交办提案")
def awaiting(request):
    if not selectors.permissions.can_assign(request.user):
        from xieshang.core.errors import PermissionDenied

        raise PermissionDenied("只有交办部门可以查看待交办提案。")
    return [{"id": p.pk, "official_number": p.official_number, "title": p.title,
             "suggested_units": [{"unit_id": s.unit_id, "role": s.role}
                                 for s in p.suggestedunit_set.all()]}
            for p in selectors.awaiting_assignment(user=request.user)[:500]]


@router.post("/assign", response=responses(CaseDetailOut, 201), summary="交办（单办/分办/主办+会办）")
def assign(request, payload: AssignIn):
    case = services.case_assign(actor=request.user, proposal_id=payload.proposal_id,
                                mode=payload.mode, units=[u.dict() for u in payload.units])
    return Status(201, _detail(request, case.pk))


@router.post("/assign/bulk", response=responses(list[BulkResult]), summary="批量交办（交办会）")
def assign_bulk(request, payload: BulkIn):
    return services.case_assign_bulk(actor=request.user, items=[
        {"proposal_id": i.proposal_id, "mode": i.mode, "units": [u.dict() for u in i.units]}
        for i in payload.items])


class CaseQuery(Schema):
    status: str | None = None
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0)


class CasePage(Schema):
    count: int
    items: list[CaseOut]


@router.get("/cases", response=responses(CasePage), summary="办理情况列表")
def case_list(request, query: Query[CaseQuery]):
    qs = selectors.case_list(user=request.user, status=query.status)
    return {"count": qs.count(),
            "items": [_case(c) for c in qs[query.offset:query.offset + query.limit]]}


@router.get("/cases/{case_id}", response=responses(CaseDetailOut), summary="办理详情")
def case_get(request, case_id: int):
    return _detail(request, case_id)


class CaseEventOut(EventOut):
    assignment_id: int | None


@router.get("/cases/{case_id}/events", response=responses(list[CaseEventOut]), summary="办理轨迹")
def case_events(request, case_id: int):
    c = selectors.permissions.access_case(request.user, case_id)
    return [event_row(e, assignment_id=e.assignment_id) for e in selectors.case_events(case=c)]


@router.post("/cases/{case_id}/units", response=responses(AssignmentOut, 201),
             summary="增加或改交承办单位")
def case_add_unit(request, case_id: int, payload: UnitIn):
    a = services.assignment_add(actor=request.user, case_id=case_id, unit_id=payload.unit_id,
                                role=payload.role)
    return Status(201, _a(a))


class RateIn(Schema):
    overall: str
    contact: str
    attitude: str
    result: str
    answered: str
    comments: str = Field("", max_length=5000)
    proposer_id: int | None = None


@router.post("/cases/{case_id}/rate", response=responses(FeedbackOut, 201), summary="评价答复")
def case_rate(request, case_id: int, payload: RateIn):
    f = feedback.feedback_submit(actor=request.user, case_id=case_id, **payload.dict())
    return Status(201, {"id": f.pk, "round": f.round, "proposer_id": f.proposer_id,
                        "member": f.member.name, "overall": f.overall, "contact": f.contact,
                        "attitude": f.attitude, "result": f.result, "answered": f.answered,
                        "comments": f.comments})


@router.post("/cases/{case_id}/rehandle", response=responses(CaseDetailOut), summary="重新办理")
def case_rehandle(request, case_id: int, payload: ReasonIn):
    feedback.case_rehandle(actor=request.user, case_id=case_id, reason=payload.reason)
    return _detail(request, case_id)


@router.post("/cases/{case_id}/close", response=responses(CaseDetailOut), summary="办结")
def case_close(request, case_id: int, payload: ReasonIn):
    feedback.case_close(actor=request.user, case_id=case_id, reason=payload.reason)
    return _detail(request, case_id)


class TodoOut(Schema):
    counts: dict[str, int]
    items: list[AssignmentOut]


@router.get("/todo", response=responses(TodoOut), summary="承办单位待办（待签收/办理中/待会签/已答复/已评价/超期）")
def todo(request, bucket: str = "pending_sign"):
    rows, counts, _ = selectors.unit_todo(user=request.user, bucket=bucket)
    return {"counts": counts, "items": [_a(r.assignment) for r in rows[:500]]}


@router.get("/assignments/{assignment_id}", response=responses(AssignmentOut), summary="交办详情")
def assignment_get(request, assignment_id: int):
    return _a(selectors.permissions.access_assignment(request.user, assignment_id))


@router.post("/assignments/{assignment_id}/sign-for", response=responses(AssignmentOut),
             summary="签收")
def sign_for(request, assignment_id: int):
    return _a(services.assignment_sign_for(actor=request.user, assignment_id=assignment_id))


@router.post("/assignments/{assignment_id}/request-return", response=responses(AssignmentOut),
             summary="申请退回")
def request_return(request, assignment_id: int, payload: ReasonIn):
    return _a(services.assignment_request_return(actor=request.user, assignment_id=assignment_id,
                                                 reason=payload.reason))


class DecideReturnIn(Schema):
    approve: bool
    note: str = Field("", max_length=500)
    new_unit_id: int | None = None


@router.post("/assignments/{assignment_id}/decide-return", response=responses(AssignmentOut),
             summary="审批退回申请（可改交）")
def decide_return(request, assignment_id: int, payload: DecideReturnIn):
    return _a(services.assignment_decide_return(actor=request.user, assignment_id=assignment_id,
                                                **payload.dict()))


class HandlingOpinionIn(Schema):
    opinion: str = Field(..., max_length=20000)


@router.post("/assignments/{assignment_id}/opinion", response=responses(AssignmentOut),
             summary="提交会办意见")
def give_opinion(request, assignment_id: int, payload: HandlingOpinionIn):
    return _a(services.assignment_give_opinion(actor=request.user, assignment_id=assignment_id,
                                               opinion=payload.opinion))


class ExtensionIn(Schema):
    requested_due: date
    reason: str = Field(..., max_length=2000)


class ExtensionOut(Schema):
    id: int
    assignment_id: int
    requested_due: date
    reason: str
    status: str


@router.post("/assignments/{assignment_id}/extensions", response=responses(ExtensionOut, 201),
             summary="申请延期")
def extension_request(request, assignment_id: int, payload: ExtensionIn):
    e = services.extension_request(actor=request.user, assignment_id=assignment_id,
                                   **payload.dict())
    return Status(201, {"id": e.pk, "assignment_id": e.assignment_id,
                        "requested_due": e.requested_due, "reason": e.reason,
                        "status": e.status})


class DecideIn(Schema):
    approve: bool
    note: str = Field("", max_length=500)


@router.post("/extensions/{extension_id}/decide", response=responses(ExtensionOut),
             summary="审批延期")
def extension_decide(request, extension_id: int, payload: DecideIn):
    e = services.extension_decide(actor=request.user, extension_id=extension_id,
                                  **payload.dict())
    return {"id": e.pk, "assignment_id": e.assignment_id, "requested_due": e.requested_due,
            "reason": e.reason, "status": e.status}


class ContactIn(Schema):
    stage: str = Field(..., description="before 办前 / during 办中 / after 办后")
    mode: str = Field(..., description="face 面商 / phone 电话 / meeting 座谈 / visit 走访 / other")
    happened_on: date
    participants: str = Field(..., max_length=300)
    minutes: str = Field(..., max_length=20000)


class ContactOut(Schema):
    id: int
    stage: str
    mode: str
    happened_on: date
    participants: str
    minutes: str


@router.post("/assignments/{assignment_id}/contacts", response=responses(ContactOut, 201),
             summary="记录与提案者的沟通")
def contact(request, assignment_id: int, payload: ContactIn):
    c = services.contact_record(actor=request.user, assignment_id=assignment_id,
                                **payload.dict())
    return Status(201, {"id": c.pk, "stage": c.stage, "mode": c.mode,
                        "happened_on": c.happened_on, "participants": c.participants,
                        "minutes": c.minutes})


class ReplyIn(Schema):
    body: str = Field(..., max_length=50000)
    result_class_id: int
    contact_person: str = Field(..., max_length=50)
    contact_phone: str = Field(..., max_length=30)
    signer: str = Field(..., max_length=50)


@router.post("/assignments/{assignment_id}/reply", response=responses(ReplyOut),
             summary="起草或修改答复（每次保存留存版本）")
def reply_save(request, assignment_id: int, payload: ReplyIn):
    return _r(replies.reply_save(actor=request.user, assignment_id=assignment_id,
                                 **payload.dict()))


@router.post("/replies/{reply_id}/request-cosign", response=responses(ReplyOut),
             summary="送会办单位会签")
def request_cosign(request, reply_id: int):
    return _r(replies.reply_request_cosign(actor=request.user, reply_id=reply_id))


@router.post("/replies/{reply_id}/sign-off", response=responses(ReplyOut),
             summary="单位领导签发")
def sign_off(request, reply_id: int):
    return _r(replies.reply_sign_off(actor=request.user, reply_id=reply_id))


class PassIn(Schema):
    result_class_id: int | None = None
    note: str = Field("", max_length=2000)


@router.post("/replies/{reply_id}/pass", response=responses(ReplyOut), summary="提案委审核通过")
def reply_pass(request, reply_id: int, payload: PassIn):
    return _r(replies.reply_pass(actor=request.user, reply_id=reply_id, **payload.dict()))


@router.post("/replies/{reply_id}/send-back", response=responses(ReplyOut),
             summary="提案委退回修改")
def reply_send_back(request, reply_id: int, payload: ReasonIn):
    return _r(replies.reply_send_back(actor=request.user, reply_id=reply_id,
                                      reason=payload.reason))


class CosignIn(Schema):
    agree: bool
    comment: str = Field("", max_length=5000)


class CosignOut(Schema):
    id: int
    reply_id: int
    status: str
    comment: str


@router.post("/cosigns/{cosign_id}", response=responses(CosignOut), summary="会签答复")
def cosign(request, cosign_id: int, payload: CosignIn):
    c = replies.cosign_answer(actor=request.user, cosign_id=cosign_id, **payload.dict())
    return {"id": c.pk, "reply_id": c.reply_id, "status": c.status, "comment": c.comment}


class ResultClassOut(Schema):
    id: int
    code: str
    label: str


@router.get("/result-classes", response=responses(list[ResultClassOut]), summary="办理结果分类")
def result_classes(request):
    return list(ResultClass.objects.filter(committee_id=request.user.committee_id))


@router.get("/stats", response=responses(dict), summary="办理统计（定义见 docs/statistics.md）")
def handling_stats(request, query: Query[StatsQuery]):
    from xieshang.core.errors import PermissionDenied, ValidationError

    if not selectors.permissions.can_read_all(request.user):
        raise PermissionDenied("您无权查看统计。")
    if query.year is None and query.session_id is None:
        raise ValidationError("请指定年度或会议。", field="year")
    return stats.handling_stats(committee_id=request.user.committee_id, year=query.year,
                                session_id=query.session_id)
