"""API for proposals: the same services and permission rules as the web pages."""

from datetime import datetime

from django.http import FileResponse
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from xieshang.api.schemas import (
    EventOut,
    ReasonIn,
    StatsQuery,
    UnitSuggestionOut,
    event_row,
    responses,
)
from xieshang.core.errors import ValidationError

from . import attachments, selectors, services, stats
from .models import Proposal

router = Router(tags=["提案"])


class ProposerOut(Schema):
    id: int
    role: str
    status: str
    name: str
    member_id: int | None


class ProposalOut(Schema):
    id: int
    status: str
    status_label: str
    proposer_type: str
    kind: str
    session_id: int | None
    title: str
    category_id: int | None
    category: str | None
    receipt_number: str
    official_number: str
    proposer: str
    proposers: list[ProposerOut]
    merged_into_id: int | None
    submitted_at: datetime | None
    decided_at: datetime | None


class ProposalDetailOut(ProposalOut):
    reasons: str
    suggestions: str
    original: dict[str, str] = Field(
        default_factory=dict,
        description="保存时被清理（去网页标记、全角转半角、繁转简等）的字段的原始输入")
    consent_publication: bool
    lead_unit_ids: list[int]
    co_unit_ids: list[int]
    refusal_ground: str | None
    decision_note: str
    return_reason: str


class PageOut(Schema):
    count: int
    items: list[ProposalOut]


def _out(p: Proposal) -> dict:
    return {
        "id": p.pk,
        "status": p.status,
        "status_label": p.get_status_display(),
        "proposer_type": p.proposer_type,
        "kind": p.kind,
        "session_id": p.session_id,
        "title": p.title,
        "category_id": p.category_id,
        "category": p.category.name if p.category else None,
        "receipt_number": p.receipt_number,
        "official_number": p.official_number,
        "proposer": p.proposer_display,
        "proposers": [
            {"id": r.pk, "role": r.role, "status": r.status, "name": str(r),
             "member_id": r.member_id}
            for r in p.proposers.all()
        ],
        "merged_into_id": p.merged_into_id,
        "submitted_at": p.submitted_at,
        "decided_at": p.decided_at,
    }


def _detail(request, proposal_id: int) -> dict:
    p = selectors.proposal_detail(user=request.user, proposal_id=proposal_id)
    units = list(p.suggestedunit_set.all())
    return {
        **_out(p),
        "reasons": p.reasons,
        "suggestions": p.suggestions,
        "original": {k: str(v) for k, v in (p.original or {}).items()},
        "consent_publication": p.consent_publication,
        "lead_unit_ids": [u.unit_id for u in units if u.role == "lead"],
        "co_unit_ids": [u.unit_id for u in units if u.role == "co"],
        "refusal_ground": p.refusal_ground.text if p.refusal_ground else None,
        "decision_note": p.decision_note,
        "return_reason": p.return_reason,
    }


class ProposalListQuery(Schema):
    scope: str = Field("mine", pattern="^(mine|review|all)$", description="mine/review/all")
    status: str | None = None
    session_id: int | None = None
    category_id: int | None = None
    proposer_type: str | None = None
    kind: str | None = None
    q: str | None = Field(None, max_length=100)
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0)


@router.get("/", response=responses(PageOut), summary="提案列表（mine 我的 / review 审查队列 / all 全部）")
def proposal_list(request, query: Query[ProposalListQuery]):
    filters = selectors.ProposalFilters(
        status=query.status, session_id=query.session_id, category_id=query.category_id,
        proposer_type=query.proposer_type, kind=query.kind, q=query.q,
    )
    fn = {
        "mine": selectors.proposal_list_mine,
        "review": selectors.proposal_review_queue,
        "all": selectors.proposal_list_all,
    }[query.scope]
    qs = fn(user=request.user, filters=filters)
    items = list(qs[query.offset: query.offset + query.limit])
    return {"count": qs.count(), "items": [_out(p) for p in items]}


class CreateIn(Schema):
    proposer_type: str = Field(..., max_length=30)
    title: str = Field(..., max_length=200)
    reasons: str = Field("", max_length=20000)
    suggestions: str = Field("", max_length=20000)
    category_id: int | None = None
    lead_unit_ids: list[int] = Field(default_factory=list, max_length=10)
    co_unit_ids: list[int] = Field(default_factory=list, max_length=20)
    consent_publication: bool = True
    body_id: int | None = None
    member_group_name: str = Field("", max_length=50)


@router.post("/", response=responses(ProposalDetailOut, 201), summary="起草提案")
def proposal_create(request, payload: CreateIn):
    p = services.proposal_create(actor=request.user, **payload.dict())
    return Status(201, _detail(request, p.pk))


@router.get("/invitations", response=responses(list[ProposerOut]), summary="我收到的联名邀请")
def invitation_list(request):
    return [
        {"id": r.pk, "role": r.role, "status": r.status, "name": r.proposal.title,
         "member_id": r.member_id}
        for r in selectors.invitations_for(user=request.user)
    ]


class CategoryOut(Schema):
    id: int
    name: str
    order: int


class GroundOut(Schema):
    id: int
    text: str


@router.get("/categories", response=responses(list[CategoryOut]), summary="提案类别")
def category_list(request):
    return list(selectors.categories(committee_id=request.user.committee_id))


@router.get("/refusal-grounds", response=responses(list[GroundOut]), summary="不予立案理由")
def ground_list(request):
    return list(selectors.refusal_grounds(committee_id=request.user.committee_id))


@router.get("/stats", response=responses(dict), summary="提案统计（定义见 docs/statistics.md）")
def proposal_stats(request, query: Query[StatsQuery]):
    if not selectors.permissions.can_read_all(request.user):
        from xieshang.core.errors import PermissionDenied

        raise PermissionDenied("您无权查看统计。")
    if query.year is None and query.session_id is None:
        raise ValidationError("请指定年度或会议。", field="year")
    return stats.proposal_stats(committee_id=request.user.committee_id, year=query.year,
                                session_id=query.session_id)


@router.get("/{proposal_id}", response=responses(ProposalDetailOut), summary="提案详情")
def proposal_get(request, proposal_id: int):
    return _detail(request, proposal_id)


class UpdateIn(Schema):
    title: str | None = Field(None, max_length=200)
    reasons: str | None = Field(None, max_length=20000)
    suggestions: str | None = Field(None, max_length=20000)
    category_id: int | None = None
    consent_publication: bool | None = None
    lead_unit_ids: list[int] | None = Field(None, max_length=10)
    co_unit_ids: list[int] | None = Field(None, max_length=20)


@router.patch("/{proposal_id}", response=responses(ProposalDetailOut), summary="修改草稿或退回的提案")
def proposal_update(request, proposal_id: int, payload: UpdateIn):
    services.proposal_update(actor=request.user, proposal_id=proposal_id,
                             **payload.dict(exclude_unset=True))
    return _detail(request, proposal_id)


@router.get("/{proposal_id}/events", response=responses(list[EventOut]), summary="提案办理轨迹")
def proposal_events(request, proposal_id: int):
    p = selectors.permissions.access_proposal(request.user, proposal_id)
    return [event_row(e) for e in selectors.proposal_timeline(proposal=p)]


def _row(r) -> dict:
    return {"id": r.pk, "role": r.role, "status": r.status, "name": str(r),
            "member_id": r.member_id}


class UnitSuggestionsOut(Schema):
    proposal_id: int
    basis: str = Field(..., description="model 模型加规则 / rules 尚无模型，仅规则")
    note: str
    trained_at: str | None
    suggestions: list[UnitSuggestionOut]


@router.get("/{proposal_id}/unit-suggestions", response=responses(UnitSuggestionsOut),
            summary="交办单位推荐（前三位及理由）")
def unit_suggestions(request, proposal_id: int):
    from xieshang.core.errors import PermissionDenied
    from xieshang.handling import permissions as handling_permissions
    from xieshang.handling import routing

    p = selectors.permissions.access_proposal(request.user, proposal_id)
    if not (handling_permissions.can_assign(request.user)
            or selectors.permissions.can_read_all(request.user)):
        raise PermissionDenied("只有交办部门和提案工作人员可以查看单位推荐。")
    return {"proposal_id": p.pk, **routing.unit_suggestions(proposal=p).as_dict()}


class InviteIn(Schema):
    member_id: int


@router.post("/{proposal_id}/invitations", response=responses(ProposerOut, 201), summary="邀请联名")
def proposal_invite(request, proposal_id: int, payload: InviteIn):
    r = services.proposal_invite(actor=request.user, proposal_id=proposal_id,
                                 member_id=payload.member_id)
    return Status(201, _row(r))


@router.post("/invitations/{proposer_id}/confirm", response=responses(ProposerOut), summary="确认联名")
def invitation_confirm(request, proposer_id: int):
    return _row(services.invitation_confirm(actor=request.user, proposer_id=proposer_id))


@router.post("/invitations/{proposer_id}/decline", response=responses(ProposerOut), summary="谢绝联名")
def invitation_decline(request, proposer_id: int):
    return _row(services.invitation_decline(actor=request.user, proposer_id=proposer_id))


@router.post("/invitations/{proposer_id}/revoke", response=responses(ProposerOut), summary="撤回联名邀请")
def invitation_revoke(request, proposer_id: int):
    return _row(services.invitation_revoke(actor=request.user, proposer_id=proposer_id))


class CosignerFixIn(Schema):
    member_id: int
    reason: str = Field(..., max_length=1000)


@router.post("/{proposal_id}/cosigners", response=responses(ProposerOut, 201),
             summary="更正：补列书面确认过的联名人（提案工作人员，须写明理由）")
def cosigner_add(request, proposal_id: int, payload: CosignerFixIn):
    r = services.cosigner_add(actor=request.user, proposal_id=proposal_id, **payload.dict())
    return Status(201, _row(r))


@router.post("/{proposal_id}/cosigners/remove", response=responses(ProposerOut),
             summary="更正：删除误列的联名人（提案工作人员，须写明理由）")
def cosigner_remove(request, proposal_id: int, payload: CosignerFixIn):
    return _row(services.cosigner_remove(actor=request.user, proposal_id=proposal_id,
                                         **payload.dict()))


@router.post("/{proposal_id}/submit", response=responses(ProposalDetailOut), summary="提交提案")
def proposal_submit(request, proposal_id: int):
    services.proposal_submit(actor=request.user, proposal_id=proposal_id)
    return _detail(request, proposal_id)


class OpinionIn(Schema):
    opinion: str = Field(..., max_length=2000)


@router.post("/{proposal_id}/first-review", response=responses(ProposalDetailOut), summary="初审")
def proposal_first_review(request, proposal_id: int, payload: OpinionIn):
    services.proposal_first_review(actor=request.user, proposal_id=proposal_id,
                                   opinion=payload.opinion)
    return _detail(request, proposal_id)


class AcceptIn(Schema):
    category_id: int
    note: str = Field("", max_length=2000)


@router.post("/{proposal_id}/accept", response=responses(ProposalDetailOut), summary="立案")
def proposal_accept(request, proposal_id: int, payload: AcceptIn):
    services.proposal_accept(actor=request.user, proposal_id=proposal_id, **payload.dict())
    return _detail(request, proposal_id)


class RefuseIn(Schema):
    ground_id: int
    explanation: str = Field(..., max_length=2000)


@router.post("/{proposal_id}/refuse", response=responses(ProposalDetailOut), summary="不予立案")
def proposal_refuse(request, proposal_id: int, payload: RefuseIn):
    services.proposal_refuse(actor=request.user, proposal_id=proposal_id, **payload.dict())
    return _detail(request, proposal_id)


class ConvertIn(Schema):
    kind: str = Field(..., description="opinion 转社情民意 / suggestion 转意见建议 / letter 转委员来信")
    consent_note: str = Field(..., max_length=200)
    note: str = Field("", max_length=2000)


@router.post("/{proposal_id}/convert", response=responses(ProposalDetailOut), summary="转社情民意/意见建议/委员来信")
def proposal_convert(request, proposal_id: int, payload: ConvertIn):
    services.proposal_convert(actor=request.user, proposal_id=proposal_id, **payload.dict())
    return _detail(request, proposal_id)


class MergeIn(Schema):
    main_id: int
    note: str = Field("", max_length=2000)


@router.post("/{proposal_id}/merge", response=responses(ProposalDetailOut), summary="并案")
def proposal_merge(request, proposal_id: int, payload: MergeIn):
    services.proposal_merge(actor=request.user, proposal_id=proposal_id, **payload.dict())
    return _detail(request, proposal_id)


@router.post("/{proposal_id}/return", response=responses(ProposalDetailOut), summary="退回修改")
def proposal_return(request, proposal_id: int, payload: ReasonIn):
    services.proposal_return(actor=request.user, proposal_id=proposal_id, reason=payload.reason)
    return _detail(request, proposal_id)


class WithdrawIn(Schema):
    reason: str = Field("", max_length=2000)


@router.post("/{proposal_id}/withdraw", response=responses(ProposalDetailOut), summary="撤案")
def proposal_withdraw(request, proposal_id: int, payload: WithdrawIn):
    services.proposal_withdraw(actor=request.user, proposal_id=proposal_id, reason=payload.reason)
    return _detail(request, proposal_id)


class AttachmentOut(Schema):
    id: int
    file_name: str
    content_type: str
    size: int


@router.post("/{proposal_id}/attachments", response=responses(AttachmentOut, 201), summary="上传附件")
def attachment_upload(request, proposal_id: int, file: File[UploadedFile]):
    a = attachments.attachment_add(
        actor=request.user, proposal_id=proposal_id, file_name=file.name or "附件",
        content=file.read(attachments.max_bytes() + 1),
    )
    return Status(201, a)


@router.get("/{proposal_id}/attachments/{attachment_id}", response=responses(None),
            summary="下载附件（校验权限）")
def attachment_download(request, proposal_id: int, attachment_id: int):
    a, path = attachments.attachment_open(actor=request.user, proposal_id=proposal_id,
                                          attachment_id=attachment_id)
    return FileResponse(open(path, "rb"), as_attachment=True, filename=a.file_name,
                        content_type=a.content_type)


@router.delete("/{proposal_id}/attachments/{attachment_id}", response=responses(None, 204),
               summary="删除附件")
def attachment_delete(request, proposal_id: int, attachment_id: int):
    attachments.attachment_remove(actor=request.user, proposal_id=proposal_id,
                                  attachment_id=attachment_id)
    return Status(204, None)


class NumberOut(Schema):
    numbered: int


@router.post("/sessions/{session_id}/number", response=responses(NumberOut),
             summary="按类别顺序为已立案提案统一编号")
def session_number(request, session_id: int):
    return {"numbered": services.session_number_proposals(actor=request.user,
                                                           session_id=session_id)}
