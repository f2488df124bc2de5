"""API for 社情民意: items, checks, edits, issues (期), adoptions and 批示 — the same services."""

from datetime import date, datetime

from django.http import FileResponse, HttpResponse
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from xieshang.api.schemas import EventOut, StatsQuery, UnitSuggestionOut, event_row, responses
from xieshang.core.errors import NotFound, PermissionDenied
from xieshang.handling import selectors as handling_selectors

from . import attachments, permissions, selectors, services, stats, transfer_routing
from .documents import issue_docx
from .models import Opinion
from .services import latest_version

router = Router(tags=["社情民意"])

STATUSES = "^(draft|submitted|returned|used|kept|edited|compiled|sent)$"
ISSUE_STATUSES = "^(draft|approved|signed|sent)$"
SOURCE_KINDS = "^(member|party|special_committee|sector|reporter)$"
ALL_SOURCE_KINDS = "^(member|party|special_committee|sector|reporter|converted_proposal)$"
LEVELS = "^(county|city|province|national|party_system|media)$"


class AuthorOut(Schema):
    name: str
    member_id: int | None
    reporter_id: int | None


class OpinionRow(Schema):
    id: int
    status: str
    status_label: str
    source_kind: str
    source_label: str
    title: str
    authors: list[AuthorOut]
    proposal_id: int | None
    issue: str | None
    submitted_at: datetime | None
    adoption_count: int
    instruction_count: int


class OpinionPageOut(Schema):
    count: int
    items: list[OpinionRow]


class VersionOut(Schema):
    number: int
    title: str
    text: str
    note: str
    edited_by: str
    edited_at: datetime


class AdoptionOut(Schema):
    id: int
    level: str
    level_label: str
    kind: str
    kind_label: str
    adopted_on: date
    body: str
    reference: str


class OpinionInstructionOut(Schema):
    id: int
    leader_name: str
    leader_title: str
    level: str
    level_label: str
    given_on: date
    text: str
    transfer_to: str


class EntryRef(Schema):
    id: int
    issue_id: int
    issue: str
    title: str
    combined: bool
    adoptions: list[AdoptionOut]
    instructions: list[OpinionInstructionOut]


class OpinionOut(Schema):
    id: int
    status: str
    status_label: str
    source_kind: str
    title: str
    situation: str
    analysis: str
    suggestions: str
    original: dict
    category_id: int | None
    consent_publication: bool
    authors: list[AuthorOut]
    proposal_id: int | None
    return_reason: str
    check_note: str
    versions: list[VersionOut]
    entry: EntryRef | None
    submitted_at: datetime | None


def _authors(o: Opinion) -> list[dict]:
    return [{"name": a.name, "member_id": a.member_id, "reporter_id": a.reporter_id}
            for a in o.authors.all()]


def _entry_of(o: Opinion):
    try:
        return o.entry_link.entry
    except Opinion.entry_link.RelatedObjectDoesNotExist:
        return None


def _row(o: Opinion) -> dict:
    entry = _entry_of(o)
    return {"id": o.pk, "status": o.status, "status_label": o.get_status_display(),
            "source_kind": o.source_kind, "source_label": o.get_source_kind_display(),
            "title": o.title, "authors": _authors(o), "proposal_id": o.proposal_id,
            "issue": str(entry.issue) if entry else None, "submitted_at": o.submitted_at,
            "adoption_count": o.adoption_count, "instruction_count": o.instruction_count}


def _adoption(a) -> dict:
    return {"id": a.pk, "level": a.level, "level_label": a.get_level_display(), "kind": a.kind,
            "kind_label": a.get_kind_display(), "adopted_on": a.adopted_on, "body": a.body,
            "reference": a.reference}


def _instruction(i) -> dict:
    return {"id": i.pk, "leader_name": i.leader_name, "leader_title": i.leader_title,
            "level": i.level, "level_label": i.get_level_display(), "given_on": i.given_on,
            "text": i.text, "transfer_to": i.transfer_to}


def _detail(request, opinion_id: int) -> dict:
    o = selectors.opinion_detail(user=request.user, opinion_id=opinion_id)
    entry = _entry_of(o)
    return {
        "id": o.pk, "status": o.status, "status_label": o.get_status_display(),
        "source_kind": o.source_kind, "title": o.title, "situation": o.situation,
        "analysis": o.analysis, "suggestions": o.suggestions, "original": o.original,
        "category_id": o.category_id, "consent_publication": o.consent_publication,
        "authors": _authors(o), "proposal_id": o.proposal_id,
        "return_reason": o.return_reason, "check_note": o.check_note,
        "versions": [{"number": v.number, "title": v.title, "text": v.text, "note": v.note,
                      "edited_by": str(v.edited_by), "edited_at": v.edited_at}
                     for v in o.versions.all()],
        "entry": None if entry is None else {
            "id": entry.pk, "issue_id": entry.issue_id, "issue": str(entry.issue),
            "title": entry.title, "combined": len(entry.links.all()) > 1,
            "adoptions": [_adoption(a) for a in entry.adoptions.all()],
            "instructions": [_instruction(i) for i in entry.instructions.all()]},
        "submitted_at": o.submitted_at,
    }


class OpinionListQuery(Schema):
    mine: bool = Field(False, description="只看本人（含所代表组织）的信息，含草稿")
    status: str | None = Field(None, pattern=STATUSES)
    source_kind: str | None = Field(None, pattern=ALL_SOURCE_KINDS)
    year: int | None = Field(None, ge=1950, le=2100)
    q: str | None = Field(None, max_length=100)
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0)


@router.get("/items", response=responses(OpinionPageOut), summary="社情民意信息列表")
def opinion_list(request, query: Query[OpinionListQuery]):
    qs = selectors.opinion_list(user=request.user, status=query.status,
                                source_kind=query.source_kind, year=query.year, q=query.q,
                                mine=query.mine)
    items = list(qs[query.offset: query.offset + query.limit])
    return {"count": qs.count(), "items": [_row(o) for o in items]}


class OpinionCreateIn(Schema):
    source_kind: str = Field("member", pattern=SOURCE_KINDS,
                             description="member 委员 / party 党派团体 / special_committee 专委会 "
                                         "/ sector 界别 / reporter 特邀信息员")
    body_id: int | None = Field(None, description="以组织名义报送时的组织")
    title: str = Field(..., max_length=200)
    situation: str = Field("", max_length=20000)
    analysis: str = Field("", max_length=20000)
    suggestions: str = Field("", max_length=20000)
    category_id: int | None = None
    consent_publication: bool = False
    co_author_ids: list[int] = Field(default_factory=list, max_length=20)


@router.post("/items", response=responses(OpinionOut, 201), summary="起草社情民意信息")
def opinion_create(request, payload: OpinionCreateIn):
    o = services.opinion_create(actor=request.user, **payload.dict())
    return Status(201, _detail(request, o.pk))


class OpinionUpdateIn(Schema):
    title: str | None = Field(None, max_length=200)
    situation: str | None = Field(None, max_length=20000)
    analysis: str | None = Field(None, max_length=20000)
    suggestions: str | None = Field(None, max_length=20000)
    category_id: int | None = None
    consent_publication: bool | None = None
    co_author_ids: list[int] | None = Field(None, max_length=20)


@router.get("/items/{opinion_id}", response=responses(OpinionOut), summary="社情民意信息详情")
def opinion_get(request, opinion_id: int):
    return _detail(request, opinion_id)


@router.patch("/items/{opinion_id}", response=responses(OpinionOut), summary="修改草稿")
def opinion_update(request, opinion_id: int, payload: OpinionUpdateIn):
    services.opinion_update(actor=request.user, opinion_id=opinion_id,
                            **payload.dict(exclude_unset=True))
    return _detail(request, opinion_id)


@router.post("/items/{opinion_id}/submit", response=responses(OpinionOut),
             summary="提交（退回后重新提交）")
def opinion_submit(request, opinion_id: int):
    services.opinion_submit(actor=request.user, opinion_id=opinion_id)
    return _detail(request, opinion_id)


class AuthorAddIn(Schema):
    member_id: int
    reason: str = Field(..., max_length=1000)


@router.post("/items/{opinion_id}/authors", response=responses(OpinionOut, 201),
             summary="更正：补列漏报的联名作者（信息办，须写明理由）")
def author_add(request, opinion_id: int, payload: AuthorAddIn):
    services.author_add(actor=request.user, opinion_id=opinion_id, **payload.dict())
    return Status(201, _detail(request, opinion_id))


class CheckIn(Schema):
    outcome: str = Field(..., pattern="^(use|keep|return)$",
                         description="use 录用 / keep 留存·不录用 / return 退回修改")
    note: str = Field("", max_length=2000)


@router.post("/items/{opinion_id}/check", response=responses(OpinionOut), summary="审核（录用）")
def opinion_check(request, opinion_id: int, payload: CheckIn):
    services.opinion_check(actor=request.user, opinion_id=opinion_id, **payload.dict())
    return _detail(request, opinion_id)


class EditIn(Schema):
    title: str = Field(..., max_length=200)
    text: str = Field(..., max_length=20000)
    note: str = Field("", max_length=200)


@router.post("/items/{opinion_id}/edit", response=responses(OpinionOut),
             summary="编辑（保存新版本，原稿保留）")
def opinion_edit(request, opinion_id: int, payload: EditIn):
    services.opinion_edit(actor=request.user, opinion_id=opinion_id, **payload.dict())
    return _detail(request, opinion_id)


@router.get("/items/{opinion_id}/events", response=responses(list[EventOut]),
            summary="社情民意信息轨迹")
def opinion_events(request, opinion_id: int):
    o = permissions.access_opinion(request.user, opinion_id)
    return [event_row(e) for e in selectors.opinion_timeline(opinion=o)]


class ConversionIn(Schema):
    conversion_id: int


class OpinionAttachmentOut(Schema):
    id: int
    file_name: str
    content_type: str
    size: int
    by_office: bool
    uploaded_at: datetime


@router.get("/items/{opinion_id}/attachments", response=responses(list[OpinionAttachmentOut]),
            summary="附件列表")
def attachment_list(request, opinion_id: int):
    return attachments.attachment_list(actor=request.user, opinion_id=opinion_id)


@router.post("/items/{opinion_id}/attachments", response=responses(OpinionAttachmentOut, 201),
             summary="上传附件（作者在草稿或退回修改时；信息办在提交后）")
def attachment_upload(request, opinion_id: int, file: File[UploadedFile]):
    a = attachments.attachment_add(
        actor=request.user, opinion_id=opinion_id, file_name=file.name or "附件",
        content=file.read(attachments.max_bytes() + 1),
    )
    return Status(201, a)


@router.get("/items/{opinion_id}/attachments/{attachment_id}", response=responses(None),
            summary="下载附件（校验权限）")
def attachment_download(request, opinion_id: int, attachment_id: int):
    a, path = attachments.attachment_open(actor=request.user, opinion_id=opinion_id,
                                          attachment_id=attachment_id)
    return FileResponse(open(path, "rb"), as_attachment=True, filename=a.file_name,
                        content_type=a.content_type)


@router.delete("/items/{opinion_id}/attachments/{attachment_id}",
               response=responses(None, 204), summary="删除附件")
def attachment_delete(request, opinion_id: int, attachment_id: int):
    attachments.attachment_remove(actor=request.user, opinion_id=opinion_id,
                                  attachment_id=attachment_id)
    return Status(204, None)


class TransferIn(Schema):
    unit_ids: list[int] = Field(..., max_length=20,
                                description="一个单位为单办，多个单位为分办（各自答复）")
    instruction_id: int | None = Field(None, description="依据的领导批示（本篇所在稿件的批示）")
    note: str = Field("", max_length=500)


class TransferUnitOut(Schema):
    assignment_id: int
    unit_id: int
    unit: str
    role: str
    status: str
    sign_due: date
    due: date | None
    urgency: str | None


class TransferReplyOut(Schema):
    id: int
    unit: str
    round: int
    status: str
    body: str
    result_class: str | None
    signer: str
    contact_person: str
    contact_phone: str
    passed_at: datetime | None


class TransferEventOut(Schema):
    action: str
    at: datetime
    unit: str | None
    to_status: str


class TransferOut(Schema):
    case_id: int
    status: str
    mode: str
    round: int
    closed_at: datetime | None
    close_reason: str
    units: list[TransferUnitOut]
    replies: list[TransferReplyOut]
    events: list[TransferEventOut]


def _transfer(request, opinion_id: int) -> dict:
    o = permissions.access_opinion(request.user, opinion_id)
    h = handling_selectors.opinion_handling(user=request.user, opinion=o)
    if h is None:
        raise NotFound("该信息尚未转办。")
    c = h.case
    return {
        "case_id": c.pk, "status": c.status, "mode": c.mode, "round": c.round,
        "closed_at": c.closed_at, "close_reason": c.close_reason,
        "units": [{"assignment_id": r.assignment.pk, "unit_id": r.assignment.unit_id,
                   "unit": r.assignment.unit.name, "role": r.assignment.role,
                   "status": r.assignment.status, "sign_due": r.assignment.sign_due,
                   "due": r.assignment.due,
                   "urgency": r.urgency.level if r.urgency else None} for r in h.rows],
        "replies": [{"id": r.pk, "unit": r.assignment.unit.name, "round": r.round,
                     "status": r.status, "body": r.body,
                     "result_class": r.result_class.code if r.result_class else None,
                     "signer": r.signer, "contact_person": r.contact_person,
                     "contact_phone": r.contact_phone, "passed_at": r.passed_at}
                    for r in h.replies],
        "events": [{"action": e.action, "at": e.at,
                    "unit": e.assignment.unit.name if e.assignment_id else None,
                    "to_status": e.to_status} for e in h.events],
    }


@router.post("/items/{opinion_id}/transfer", response=responses(TransferOut, 201),
             summary="转办（交承办单位办理）；签收、答复、审核、办结用 /handling/ 的操作")
def transfer(request, opinion_id: int, payload: TransferIn):
    services.opinion_transfer(actor=request.user, opinion_id=opinion_id,
                              unit_ids=payload.unit_ids, instruction_id=payload.instruction_id,
                              note=payload.note)
    return Status(201, _transfer(request, opinion_id))


class TransferSuggestionsOut(Schema):
    opinion_id: int
    basis: str = Field(..., description="model 模型加规则 / rules 尚无模型，仅规则")
    note: str
    trained_at: str | None
    suggestions: list[UnitSuggestionOut]


@router.get("/items/{opinion_id}/transfer-suggestions",
            response=responses(TransferSuggestionsOut),
            summary="转办单位推荐（领导批示点名的单位在前，及理由）")
def transfer_suggestions(request, opinion_id: int):
    o = permissions.access_opinion(request.user, opinion_id)
    if not permissions.is_office(request.user):
        raise PermissionDenied("只有社情民意信息办可以查看转办单位推荐。")
    return {"opinion_id": o.pk, **transfer_routing.transfer_suggestions(opinion=o).as_dict()}


@router.get("/items/{opinion_id}/transfer", response=responses(TransferOut),
            summary="转办办理情况（作者只看到审核通过的答复）")
def transfer_get(request, opinion_id: int):
    return _transfer(request, opinion_id)


@router.post("/conversions", response=responses(OpinionOut, 201),
             summary="转入提案审查中转为社情民意的提案（重复调用返回同一条）")
def opinion_from_conversion(request, payload: ConversionIn):
    o = services.opinion_from_conversion(actor=request.user, conversion_id=payload.conversion_id)
    return Status(201, _detail(request, o.pk))


# --- issues -------------------------------------------------------------------------------


class RecipientIO(Schema):
    kind: str = Field(..., pattern="^(upper_cppcc|party|government|department)$",
                      description="upper_cppcc 上级政协 / party 党委 / government 政府 / "
                                  "department 部门")
    name: str = Field(..., max_length=100)


class EntryOut(Schema):
    id: int
    position: int
    title: str
    text: str
    opinion_ids: list[int]
    authors: list[str]
    credits: list[dict]
    adoptions: list[AdoptionOut]
    instructions: list[OpinionInstructionOut]


class IssueRow(Schema):
    id: int
    year: int
    number: int
    name: str
    status: str
    status_label: str
    editorial_unit: str
    compiled_by: str
    signed_by: str | None
    signed_at: datetime | None
    sent_at: datetime | None


class IssueOut(IssueRow):
    approved_by: str | None
    entries: list[EntryOut]
    recipients: list[RecipientIO]


def _issue_row(i) -> dict:
    return {"id": i.pk, "year": i.year, "number": i.number, "name": str(i),
            "status": i.status, "status_label": i.get_status_display(),
            "editorial_unit": i.editorial_unit, "compiled_by": str(i.compiled_by),
            "signed_by": str(i.signed_by) if i.signed_by_id else None,
            "signed_at": i.signed_at, "sent_at": i.sent_at}


def _issue(request, issue_id: int) -> dict:
    i = selectors.issue_detail(user=request.user, issue_id=issue_id)
    rule = services.opinion_config(i.committee).credit_rule
    entries = []
    for e in i.entries.all():
        credits = selectors.entry_credits(e, rule)
        entries.append({
            "id": e.pk, "position": e.position, "title": e.title, "text": e.text,
            "opinion_ids": [link.opinion_id for link in e.links.all()],
            "authors": [c[0] for c in credits],
            "credits": [{"name": c[0], "member_id": c[1], "reporter_id": c[2],
                         "share": float(c[3])} for c in credits],
            "adoptions": [_adoption(a) for a in e.adoptions.all()],
            "instructions": [_instruction(x) for x in e.instructions.all()]})
    return {**_issue_row(i), "approved_by": str(i.approved_by) if i.approved_by_id else None,
            "entries": entries,
            "recipients": [{"kind": r.kind, "name": r.name} for r in i.recipients.all()]}


class IssueListQuery(Schema):
    year: int | None = Field(None, ge=1950, le=2100)
    status: str | None = Field(None, pattern=ISSUE_STATUSES)


@router.get("/issues", response=responses(list[IssueRow]), summary="《社情民意》期刊列表")
def issue_list(request, query: Query[IssueListQuery]):
    return [_issue_row(i) for i in selectors.issue_list(user=request.user, year=query.year,
                                                        status=query.status)[:500]]


class IssueIn(Schema):
    year: int | None = Field(None, ge=1950, le=2100)


@router.post("/issues", response=responses(IssueOut, 201), summary="新建一期（按年度编号）")
def issue_create(request, payload: IssueIn):
    i = services.issue_create(actor=request.user, year=payload.year)
    return Status(201, _issue(request, i.pk))


@router.get("/issues/{issue_id}", response=responses(IssueOut), summary="期刊详情")
def issue_get(request, issue_id: int):
    return _issue(request, issue_id)


@router.get("/issues/{issue_id}/docx", response=responses(None), summary="导出 Word 文档")
def issue_export(request, issue_id: int):
    i = selectors.issue_detail(user=request.user, issue_id=issue_id)
    response = HttpResponse(issue_docx(i), content_type="application/vnd.openxmlformats-"
                            "officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f'attachment; filename="opinions-{i.year}-{i.number}.docx"'
    return response


class EntryIn(Schema):
    opinion_ids: list[int] = Field(..., min_length=1, max_length=50)
    title: str = Field("", max_length=200, description="单篇可不填，取编辑后的标题")
    text: str = Field("", max_length=50000)


@router.post("/issues/{issue_id}/entries", response=responses(IssueOut, 201),
             summary="编入稿件（单篇或综合多篇）")
def entry_add(request, issue_id: int, payload: EntryIn):
    services.entry_add(actor=request.user, issue_id=issue_id, **payload.dict())
    return Status(201, _issue(request, issue_id))


class EntryUpdateIn(Schema):
    title: str = Field(..., max_length=200)
    text: str = Field(..., max_length=50000)


@router.patch("/entries/{entry_id}", response=responses(IssueOut), summary="修改稿件")
def entry_update(request, entry_id: int, payload: EntryUpdateIn):
    entry = services.entry_update(actor=request.user, entry_id=entry_id, **payload.dict())
    return _issue(request, entry.issue_id)


@router.delete("/entries/{entry_id}", response=responses(IssueOut), summary="移出稿件")
def entry_remove(request, entry_id: int):
    issue = services.entry_remove(actor=request.user, entry_id=entry_id)
    return _issue(request, issue.pk)


class OrderIn(Schema):
    entry_ids: list[int] = Field(..., max_length=200)


@router.post("/issues/{issue_id}/order", response=responses(IssueOut), summary="调整稿件顺序")
def issue_reorder(request, issue_id: int, payload: OrderIn):
    services.issue_reorder(actor=request.user, issue_id=issue_id, entry_ids=payload.entry_ids)
    return _issue(request, issue_id)


class RecipientsIn(Schema):
    recipients: list[RecipientIO] = Field(..., max_length=50)


@router.put("/issues/{issue_id}/recipients", response=responses(IssueOut),
            summary="设置报送单位")
def issue_recipients(request, issue_id: int, payload: RecipientsIn):
    services.issue_set_recipients(actor=request.user, issue_id=issue_id,
                                  recipients=[r.dict() for r in payload.recipients])
    return _issue(request, issue_id)


class OpinionReasonIn(Schema):
    reason: str = Field("", max_length=2000)


@router.post("/issues/{issue_id}/approve", response=responses(IssueOut), summary="审核")
def issue_approve(request, issue_id: int):
    services.issue_approve(actor=request.user, issue_id=issue_id)
    return _issue(request, issue_id)


@router.post("/issues/{issue_id}/reopen", response=responses(IssueOut), summary="退回编辑")
def issue_reopen(request, issue_id: int, payload: OpinionReasonIn):
    services.issue_reopen(actor=request.user, issue_id=issue_id, reason=payload.reason)
    return _issue(request, issue_id)


@router.post("/issues/{issue_id}/sign", response=responses(IssueOut), summary="签发")
def issue_sign(request, issue_id: int):
    services.issue_sign(actor=request.user, issue_id=issue_id)
    return _issue(request, issue_id)


@router.post("/issues/{issue_id}/send", response=responses(IssueOut), summary="报送")
def issue_send(request, issue_id: int):
    services.issue_send(actor=request.user, issue_id=issue_id)
    return _issue(request, issue_id)


@router.get("/issues/{issue_id}/events", response=responses(list[EventOut]),
            summary="期刊轨迹")
def issue_events(request, issue_id: int):
    i = permissions.access_issue(request.user, issue_id)
    return [event_row(e) for e in selectors.issue_timeline(issue=i)]


class AdoptionIn(Schema):
    level: str = Field(..., pattern=LEVELS, description="county 县 / city 市 / province 省 / "
                       "national 全国 / party_system 党派系统 / media 媒体")
    kind: str = Field("single", pattern="^(single|combined)$")
    adopted_on: date
    body: str = Field(..., max_length=100)
    reference: str = Field("", max_length=200)


@router.post("/entries/{entry_id}/adoptions", response=responses(AdoptionOut, 201),
             summary="录入采用情况")
def adoption_record(request, entry_id: int, payload: AdoptionIn):
    a = services.adoption_record(actor=request.user, entry_id=entry_id, **payload.dict())
    return Status(201, _adoption(a))


class OpinionInstructionIn(Schema):
    leader_name: str = Field(..., max_length=50)
    leader_title: str = Field("", max_length=100)
    level: str = Field(..., pattern=LEVELS)
    given_on: date
    text: str = Field(..., max_length=5000)
    transfer_to: str = Field("", max_length=100, description="转办单位（仅记录，暂无办理流程）")


@router.post("/entries/{entry_id}/instructions", response=responses(OpinionInstructionOut, 201),
             summary="录入领导批示")
def instruction_record(request, entry_id: int, payload: OpinionInstructionIn):
    x = services.instruction_record(actor=request.user, entry_id=entry_id, **payload.dict())
    return Status(201, _instruction(x))


# --- reporters and statistics -------------------------------------------------------------


class ReporterOut(Schema):
    id: int
    user_id: int
    name: str
    organisation: str
    is_active: bool


class ReporterIn(Schema):
    user_id: int
    name: str = Field("", max_length=50)
    organisation: str = Field("", max_length=100)


def _reporter(r) -> dict:
    return {"id": r.pk, "user_id": r.user_id, "name": r.name, "organisation": r.organisation,
            "is_active": r.is_active}


@router.get("/reporters", response=responses(list[ReporterOut]), summary="特邀信息员")
def reporter_list(request):
    if not permissions.can_manage_reporters(request.user):
        raise PermissionDenied("只有社情民意信息办可以查看特邀信息员。")
    return [_reporter(r) for r in selectors.reporter_list(user=request.user)[:1000]]


@router.post("/reporters", response=responses(ReporterOut, 201), summary="聘任特邀信息员")
def reporter_authorise(request, payload: ReporterIn):
    return Status(201, _reporter(services.reporter_authorise(actor=request.user,
                                                             **payload.dict())))


@router.delete("/reporters/{reporter_id}", response=responses(ReporterOut),
               summary="解聘特邀信息员")
def reporter_revoke(request, reporter_id: int):
    return _reporter(services.reporter_revoke(actor=request.user, reporter_id=reporter_id))


@router.get("/stats", response=responses(dict),
            summary="社情民意统计（定义见 docs/workflows/opinions.md）")
def opinion_stats(request, query: Query[StatsQuery]):
    if not permissions.can_read_all(request.user):
        raise PermissionDenied("您无权查看统计。")
    return stats.opinion_stats(request.user.committee_id, year=query.year,
                               session_id=query.session_id)


__all__ = ["router", "latest_version"]
