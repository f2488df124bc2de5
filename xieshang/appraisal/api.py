"""API for member records, appraisal rules, appraisals, questions, decisions and annual reports."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Query, Router, Schema, Status
from pydantic import Field

from xieshang.api.schemas import YearQuery, responses
from xieshang.core.errors import NotFound, PermissionDenied

from . import permissions, selectors, services
from .models import Appraisal
from .presets import PRESET_LABELS, preset
from .rules import validate_rules

router = Router(tags=["委员履职档案与考评"])

YEAR = Field(..., ge=1950, le=2100)


def _reader(request) -> None:
    if not permissions.can_read_all(request.user):
        raise PermissionDenied("只有工作人员可以查看考评。")


# --- rules --------------------------------------------------------------------------------


class PresetOut(Schema):
    key: str
    label: str
    rules: dict


@router.get("/presets", response=responses(list[PresetOut]), summary="考评办法模板")
def preset_list(request):
    return [{"key": k, "label": v, "rules": validate_rules(preset(k))}
            for k, v in PRESET_LABELS.items()]


class RuleSetOut(Schema):
    id: int
    year: int
    version: int
    name: str
    preset: str
    note: str
    rules: dict
    created_at: datetime


def _rule_set(r) -> dict:
    return {"id": r.pk, "year": r.year, "version": r.version, "name": r.name,
            "preset": r.preset, "note": r.note, "rules": r.rules, "created_at": r.created_at}


@router.get("/rule-sets", response=responses(list[RuleSetOut]), summary="考评办法各版本")
def rule_set_list(request, query: Query[YearQuery]):
    _reader(request)
    return [_rule_set(r) for r in selectors.rule_sets(committee_id=request.user.committee_id,
                                                      year=query.year)]


class RuleSetIn(Schema):
    year: int = YEAR
    preset: str | None = Field(None, pattern="^(hundred|base85|count)$",
                               description="从模板创建时填写")
    rules: dict | None = Field(None, description="编辑后的规则（格式见文档）")
    note: str = Field("", max_length=200)
    confirm_published: bool = Field(
        False, description="该年度考评结果已公布时须为 true（确认修改已公布年度的考评办法）")


@router.post("/rule-sets", response=responses(RuleSetOut, 201),
             summary="保存考评办法新版本（从模板或编辑后的规则）")
def rule_set_create(request, payload: RuleSetIn):
    row = services.rule_set_create(actor=request.user, year=payload.year,
                                   preset_key=payload.preset, rules=payload.rules,
                                   note=payload.note,
                                   confirm_published=payload.confirm_published)
    return Status(201, _rule_set(row))


class RuleSetRestoreIn(Schema):
    year: int | None = Field(None, ge=1950, le=2100,
                             description="保存到哪一年度；不填为该版本本身的年度（恢复旧版本）")
    note: str = Field("", max_length=200)
    confirm_published: bool = Field(
        False, description="该年度考评结果已公布时须为 true（确认修改已公布年度的考评办法）")


@router.post("/rule-sets/{rule_set_id}/restore", response=responses(RuleSetOut, 201),
             summary="把某一旧版本另存为新的现行版本（恢复旧版本，或沿用以前年度的办法）")
def rule_set_restore(request, rule_set_id: int, payload: RuleSetRestoreIn):
    row = services.rule_set_restore(actor=request.user, rule_set_id=rule_set_id,
                                    year=payload.year, note=payload.note,
                                    confirm_published=payload.confirm_published)
    return Status(201, _rule_set(row))


class AppraisalPreviewIn(Schema):
    year: int = YEAR
    rules: dict


class PreviewRowOut(Schema):
    member_id: int
    name: str
    before: Decimal | None
    after: Decimal
    grade_before: str
    grade_after: str


@router.post("/rule-sets/preview", response=responses(list[PreviewRowOut]),
             summary="预览规则修改对本年度得分的影响（不保存）")
def rule_set_preview(request, payload: AppraisalPreviewIn):
    _reader(request)
    rules = validate_rules(payload.rules)
    return [{"member_id": r.member.pk, "name": r.member.name, "before": r.before,
             "after": r.after, "grade_before": r.grade_before, "grade_after": r.grade_after}
            for r in selectors.preview(committee_id=request.user.committee_id,
                                       year=payload.year, rules=rules)]


# --- appraisals ---------------------------------------------------------------------------


class AppraisalOut(Schema):
    id: int
    scope: str
    year: int
    revision: int
    status: str
    status_label: str
    rule_set_id: int
    rule_set_version: int
    computed_at: datetime
    published_at: datetime | None


class ResultOut(Schema):
    member_id: int
    code: str
    name: str
    score: Decimal
    grade: str
    grade_label: str
    rank: int | None
    flags: list[dict]
    breakdown: dict


class AppraisalDetailOut(AppraisalOut):
    results: list[ResultOut]


def _appraisal(a) -> dict:
    return {"id": a.pk, "scope": a.scope, "year": a.year, "revision": a.revision,
            "status": a.status, "status_label": a.get_status_display(),
            "rule_set_id": a.rule_set_id, "rule_set_version": a.rule_set.version,
            "computed_at": a.computed_at, "published_at": a.published_at}


def _detail(a) -> dict:
    return {**_appraisal(a), "results": [
        {"member_id": r.member_id, "code": r.member.code, "name": r.member.name,
         "score": r.score, "grade": r.grade, "grade_label": r.grade_label, "rank": r.rank,
         "flags": r.flags, "breakdown": r.breakdown}
        for r in selectors.results(appraisal=a)]}


@router.get("/appraisals", response=responses(list[AppraisalOut]), summary="考评列表")
def appraisal_list(request, query: Query[YearQuery]):
    _reader(request)
    return [_appraisal(a) for a in selectors.appraisal_list(
        committee_id=request.user.committee_id, year=query.year)]


class ComputeIn(Schema):
    year: int = YEAR
    scope: str = Field("year", pattern="^(year|term)$")
    rule_set_id: int | None = None


@router.post("/appraisals", response=responses(AppraisalDetailOut, 201),
             summary="试算（或重新试算）某年度的考评")
def appraisal_compute(request, payload: ComputeIn):
    a = services.appraisal_compute(actor=request.user, **payload.dict())
    return Status(201, _detail(a))


@router.get("/appraisals/{appraisal_id}", response=responses(AppraisalDetailOut),
            summary="考评结果与每位委员的得分明细")
def appraisal_get(request, appraisal_id: int):
    _reader(request)
    return _detail(permissions.access(Appraisal, request.user, appraisal_id))


@router.post("/appraisals/{appraisal_id}/publish", response=responses(AppraisalOut),
             summary="发布考评结果并通知委员")
def appraisal_publish(request, appraisal_id: int):
    return _appraisal(services.appraisal_publish(actor=request.user,
                                                 appraisal_id=appraisal_id))


# --- records ------------------------------------------------------------------------------


class RecordQuery(Schema):
    year: int = YEAR
    scope: str = Field("year", pattern="^(year|term)$")


class RecordOut(Schema):
    member_id: int
    name: str
    year: int
    scope: str
    term: str | None
    status: str | None
    is_standing: bool
    entries: list[dict]
    live: dict | None
    published: dict | None


def _record(member, query: RecordQuery) -> dict:
    rec = selectors.member_record(member=member, year=query.year, scope=query.scope)
    seat = rec.membership
    return {"member_id": member.pk, "name": member.name, "year": rec.year, "scope": rec.scope,
            "term": seat.term.name if seat else None, "status": seat.status if seat else None,
            "is_standing": bool(seat and seat.is_standing), "entries": rec.entries,
            "live": rec.live, "published": rec.result.breakdown if rec.result else None}


@router.get("/records/me", response=responses(RecordOut), summary="我的履职档案")
def record_mine(request, query: Query[RecordQuery]):
    member = permissions.member_of(request.user)
    if member is None:
        raise NotFound("您不是委员，没有履职档案。")
    return _record(member, query)


@router.get("/records/{member_id}", response=responses(RecordOut), summary="委员履职档案")
def record_get(request, member_id: int, query: Query[RecordQuery]):
    return _record(permissions.access_member(request.user, member_id), query)


# --- questions and confirmations ----------------------------------------------------------


class QuestionIn(Schema):
    year: int = YEAR
    kind: str = Field(..., pattern="^(missing|wrong|other)$")
    text: str = Field(..., max_length=2000)
    entry_ref: str = Field("", max_length=60)
    entry_title: str = Field("", max_length=200)


class QuestionOut(Schema):
    id: int
    member_id: int
    year: int
    kind: str
    entry_ref: str
    entry_title: str
    text: str
    status: str
    answer: str
    correction: dict


def _question(q) -> dict:
    return {"id": q.pk, "member_id": q.member_id, "year": q.year, "kind": q.kind,
            "entry_ref": q.entry_ref, "entry_title": q.entry_title, "text": q.text,
            "status": q.status, "answer": q.answer, "correction": q.correction}


@router.post("/questions", response=responses(QuestionOut, 201), summary="委员对档案提出疑问")
def question_ask(request, payload: QuestionIn):
    return Status(201, _question(services.question_ask(actor=request.user, **payload.dict())))


@router.get("/questions", response=responses(list[QuestionOut]), summary="档案疑问列表")
def question_list(request, query: Query[YearQuery]):
    _reader(request)
    return [_question(q) for q in selectors.question_list(
        committee_id=request.user.committee_id, year=query.year)]


class AnswerIn(Schema):
    answer: str = Field(..., max_length=2000)
    correction: str = Field(
        "", pattern="^(|attendance|leave|leader|cosigner_add|cosigner_remove|opinion_author)$",
        description="同时更正来源记录（经所属应用的服务）：attendance 补登出席 / leave 补登请假 / "
                    "leader 更正为活动组织者（带队） / cosigner_add 补列联名提案人 / "
                    "cosigner_remove 删除误列的联名提案人 / opinion_author 补列社情民意作者")
    target_id: int | None = Field(
        None, description="要更正的活动、提案或社情民意编号；不填则为疑问所涉记录")
    attendance_activity_id: int | None = Field(
        None, description="补登该委员在此活动的出席（同 correction=attendance）")


@router.post("/questions/{question_id}/answer", response=responses(QuestionOut),
             summary="答复疑问（可同时更正出勤、请假、角色、联名或作者）")
def question_answer(request, question_id: int, payload: AnswerIn):
    return _question(services.question_answer(actor=request.user, question_id=question_id,
                                              **payload.dict()))


class ConfirmIn(Schema):
    year: int = YEAR


class ConfirmOut(Schema):
    id: int
    year: int
    entries: int
    confirmed_at: datetime


@router.post("/confirmations", response=responses(ConfirmOut, 201), summary="委员确认年度档案")
def record_confirm(request, payload: ConfirmIn):
    c = services.record_confirm(actor=request.user, year=payload.year)
    return Status(201, {"id": c.pk, "year": c.year, "entries": c.entries,
                        "confirmed_at": c.confirmed_at})


# --- decisions ----------------------------------------------------------------------------


class AppraisalDecisionIn(Schema):
    member_id: int
    kind: str = Field(..., pattern="^(talk|persuade|revoke)$")
    decided_on: date
    meeting: str = Field(..., max_length=100)
    reason: str = Field(..., max_length=2000)
    appraisal_id: int | None = None


class AppraisalDecisionOut(Schema):
    id: int
    member_id: int
    kind: str
    kind_label: str
    decided_on: date
    meeting: str
    reason: str
    from_status: str
    to_status: str
    evidence: list[dict]


def _decision(d) -> dict:
    return {"id": d.pk, "member_id": d.member_id, "kind": d.kind,
            "kind_label": d.get_kind_display(), "decided_on": d.decided_on,
            "meeting": d.meeting, "reason": d.reason, "from_status": d.from_status,
            "to_status": d.to_status, "evidence": d.evidence}


@router.post("/decisions", response=responses(AppraisalDecisionOut, 201),
             summary="记录谈话提醒、劝辞或撤销委员资格决定")
def decision_record(request, payload: AppraisalDecisionIn):
    return Status(201, _decision(services.decision_record(actor=request.user,
                                                          **payload.dict())))


@router.get("/decisions", response=responses(list[AppraisalDecisionOut]), summary="处理决定列表")
def decision_list(request, query: Query[YearQuery]):
    _reader(request)
    return [_decision(d) for d in selectors.decisions(committee_id=request.user.committee_id,
                                                      year=query.year)]


# --- annual reports -----------------------------------------------------------------------


class AppraisalReportIn(Schema):
    year: int = YEAR
    text: str = Field(..., max_length=20000)


class AppraisalReportOut(Schema):
    id: int
    member_id: int
    year: int
    text: str
    status: str
    status_label: str
    review_note: str


def _report(r) -> dict:
    return {"id": r.pk, "member_id": r.member_id, "year": r.year, "text": r.text,
            "status": r.status, "status_label": r.get_status_display(),
            "review_note": r.review_note}


@router.put("/annual-reports", response=responses(AppraisalReportOut), summary="保存常委年度履职报告")
def report_save(request, payload: AppraisalReportIn):
    return _report(services.annual_report_save(actor=request.user, **payload.dict()))


@router.post("/annual-reports/{report_id}/submit", response=responses(AppraisalReportOut),
             summary="提交常委年度履职报告")
def report_submit(request, report_id: int):
    return _report(services.annual_report_submit(actor=request.user, report_id=report_id))


class ReviewIn(Schema):
    accept: bool
    note: str = Field("", max_length=2000)


@router.post("/annual-reports/{report_id}/review", response=responses(AppraisalReportOut),
             summary="审核归档或退回常委年度履职报告")
def report_review(request, report_id: int, payload: ReviewIn):
    return _report(services.annual_report_review(actor=request.user, report_id=report_id,
                                                 **payload.dict()))
