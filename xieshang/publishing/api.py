"""API for disclosure: staff endpoints (token) and public read endpoints (no login)."""

from datetime import date, datetime

from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from xieshang.api.schemas import EventOut, StatsQuery, event_row, responses
from xieshang.core.errors import PermissionDenied, ValidationError

from . import permissions, selectors, services, stats
from .models import Publication
from .workflow import Mode, Status, WithholdReason

router = Router(tags=["办理结果公开"])


def _require_reader(user) -> None:
    if not permissions.can_read(user):
        raise PermissionDenied("您无权查看办理结果公开工作。")


# --- staff: queue, preview, decide, withdraw -------------------------------------------------


class QueueItemOut(Schema):
    reply_id: int
    proposal_id: int
    proposal_number: str
    title: str
    unit: str
    round: int
    result_class: str | None
    passed_at: datetime
    due_on: date
    urgency: str = Field(..., description="ok 正常 / due_soon 临期 / overdue 超期 / severe 严重超期")
    urgency_label: str
    working_days_left: int
    consent: bool


@router.get("/queue", response=responses(list[QueueItemOut]),
            summary="待决定公开的答复（按公开期限排序，超期在前）")
def queue(request):
    _require_reader(request.user)
    return [
        {
            "reply_id": i.reply.pk, "proposal_id": i.proposal.pk,
            "proposal_number": i.proposal.official_number, "title": i.proposal.title,
            "unit": i.reply.assignment.unit.name, "round": i.reply.round,
            "result_class": i.reply.result_class.code if i.reply.result_class else None,
            "passed_at": i.reply.passed_at, "due_on": i.due, "urgency": i.urgency.level,
            "urgency_label": i.urgency.label, "working_days_left": i.urgency.working_days_left,
            "consent": i.consent,
        }
        for i in selectors.decision_queue(user=request.user)
    ]


class TextsIn(Schema):
    title: str | None = Field(None, max_length=200, description="手工删改后的案由")
    reasons: str | None = Field(None, max_length=50000, description="手工删改后的情况与分析")
    suggestions: str | None = Field(None, max_length=50000, description="手工删改后的具体建议")
    reply: str | None = Field(None, max_length=50000, description="手工删改后的答复正文")

    def overrides(self) -> dict[str, str]:
        return {k: v for k, v in self.dict().items()
                if k in selectors.OVERRIDABLE and v is not None}


class PublicationPreviewIn(TextsIn):
    mode: str = Field("full", pattern="^(full|summary)$", description="full 全文 / summary 摘要")
    summary: str | None = Field(None, max_length=50000)


class PreviewOut(Schema):
    reply_id: int
    proposal_id: int
    title: str
    proposers: str
    reasons: str
    suggestions: str
    reply: str
    redacted: dict[str, int] = Field(..., description="原文中自动隐去的内容：类别 → 处数")
    redacted_from_edits: int = Field(..., description="手工修改的文本中又自动隐去的处数")
    consent: bool
    due_on: date
    urgency: str
    urgency_label: str
    status: str


@router.post("/replies/{reply_id}/preview", response=responses(PreviewOut),
             summary="预览公开内容（自动隐去联系方式，可带手工删改）")
def preview(request, reply_id: int, payload: PublicationPreviewIn):
    p = selectors.publication_preview(user=request.user, reply_id=reply_id, mode=payload.mode,
                                      summary=payload.summary, override=payload.overrides())
    return {
        "reply_id": p.reply.pk, "proposal_id": p.proposal.pk, **p.texts.as_dict(),
        "redacted": p.removed,
        "redacted_from_edits": p.removed_from_edits, "consent": p.consent, "due_on": p.due,
        "urgency": p.urgency.level, "urgency_label": p.urgency.label,
        "status": p.publication.status if p.publication else Status.AWAITING,
    }


class PublicationOut(Schema):
    id: int
    reply_id: int
    proposal_id: int
    proposal_number: str
    unit: str
    status: str
    status_label: str
    mode: str
    mode_label: str
    reason: str
    reason_label: str
    reason_text: str
    public_title: str
    public_proposers: str
    public_reasons: str
    public_suggestions: str
    public_reply: str
    due_on: date
    on_time: bool | None = Field(..., description="首次公开是否在期限内；未公开为 null")
    decided_by: str
    decided_at: datetime
    published_at: datetime | None
    first_published_at: datetime | None
    withdrawn_at: datetime | None
    withdraw_reason: str


def _publication(p: Publication) -> dict:
    first = p.first_published_at
    return {
        "id": p.pk, "reply_id": p.reply_id, "proposal_id": p.proposal_id,
        "proposal_number": p.proposal.official_number, "unit": p.unit.name,
        "status": p.status, "status_label": p.get_status_display(), "mode": p.mode,
        "mode_label": p.get_mode_display(), "reason": p.reason,
        "reason_label": p.get_reason_display() if p.reason else "",
        "reason_text": p.reason_text, "public_title": p.public_title,
        "public_proposers": p.public_proposers, "public_reasons": p.public_reasons,
        "public_suggestions": p.public_suggestions, "public_reply": p.public_reply,
        "due_on": p.due_on,
        "on_time": (timezone.localdate(first) <= p.due_on) if first else None,
        "decided_by": str(p.decided_by), "decided_at": p.decided_at,
        "published_at": p.published_at, "first_published_at": first,
        "withdrawn_at": p.withdrawn_at, "withdraw_reason": p.withdraw_reason,
    }


def _reload(request, publication_id: int) -> dict:
    p = selectors.publication_list(user=request.user).get(pk=publication_id)
    return _publication(p)


class PublicationDecideIn(TextsIn):
    mode: str = Field(..., pattern="^(full|summary|none)$",
                      description="full 全文公开 / summary 摘要公开 / none 不公开")
    summary: str | None = Field(None, max_length=50000, description="摘要公开时的答复摘要")
    reason: str | None = Field(None, max_length=30, description="不公开理由：" + "、".join(
        f"{c} {label}" for c, label in WithholdReason.choices))
    reason_text: str = Field("", max_length=500, description="不公开的说明")


@router.post("/replies/{reply_id}/decide", response=responses(PublicationOut),
             summary="决定答复是否公开（全文公开 / 摘要公开 / 不公开）")
def decide(request, reply_id: int, payload: PublicationDecideIn):
    p = services.publication_decide(
        actor=request.user, reply_id=reply_id, mode=payload.mode, summary=payload.summary,
        reason=payload.reason, reason_text=payload.reason_text,
        public_text_override=payload.overrides(),
    )
    return _reload(request, p.pk)


class PublicationPageOut(Schema):
    count: int
    items: list[PublicationOut]


class PublicationQuery(Schema):
    status: str | None = Field(None, pattern="^(published|withheld|withdrawn)$")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0)


@router.get("/publications", response=responses(PublicationPageOut), summary="公开决定列表")
def publication_list(request, query: Query[PublicationQuery]):
    _require_reader(request.user)
    qs = selectors.publication_list(user=request.user, status=query.status)
    items = list(qs[query.offset: query.offset + query.limit])
    return {"count": qs.count(), "items": [_publication(p) for p in items]}


@router.get("/publications/{publication_id}", response=responses(PublicationOut),
            summary="公开决定详情")
def publication_get(request, publication_id: int):
    permissions.access_publication(request.user, publication_id)
    return _reload(request, publication_id)


@router.get("/publications/{publication_id}/events", response=responses(list[EventOut]),
            summary="公开决定的历史记录")
def publication_events(request, publication_id: int):
    p = permissions.access_publication(request.user, publication_id)
    return [event_row(e) for e in selectors.publication_timeline(publication=p)]


class PublicationWithdrawIn(Schema):
    reason: str = Field(..., max_length=500)


@router.post("/publications/{publication_id}/withdraw", response=responses(PublicationOut),
             summary="撤回公开")
def publication_withdraw(request, publication_id: int, payload: PublicationWithdrawIn):
    services.publication_withdraw(actor=request.user, publication_id=publication_id,
                                  reason=payload.reason)
    return _reload(request, publication_id)


@router.get("/stats", response=responses(dict),
            summary="公开统计（定义见 docs/workflows/disclosure.md）")
def disclosure_stats(request, query: Query[StatsQuery]):
    _require_reader(request.user)
    if query.year is None and query.session_id is None:
        raise ValidationError("请指定年度或会议。", field="year")
    return stats.disclosure_stats(request.user.committee_id, year=query.year,
                                  session_id=query.session_id)


# --- public: no login --------------------------------------------------------------------------


class CommitteeOut(Schema):
    slug: str
    name: str
    published: int


@router.get("/public/committees", response=responses(list[CommitteeOut]), auth=None,
            summary="公开：各政协及其已公开的提案数")
def public_committees(request):
    return [{"slug": c.slug, "name": c.name, "published": n}
            for c, n in selectors.public_committees()]


class PublicReplyOut(Schema):
    unit: str
    round: int
    mode: str
    mode_label: str
    result_class: str | None
    result_label: str | None
    replied_on: date = Field(..., description="答复日期：答复函落款日期（无落款日期时为签发日期）")
    passed_on: date = Field(..., description="答复审核通过日期")
    published_on: date
    text: str


class PublicProposalOut(Schema):
    id: int
    number: str
    title: str
    proposers: str
    category: str | None
    session: str | None
    year: int | None
    units: list[str]
    published_on: date


class PublicProposalDetailOut(PublicProposalOut):
    reasons: str
    suggestions: str
    replies: list[PublicReplyOut]


class PublicPageOut(Schema):
    count: int
    items: list[PublicProposalOut]


def _public_row(p) -> dict:
    latest = p.public_items[0]
    units = selectors.public_units(p)
    return {
        "id": p.pk, "number": p.official_number, "title": latest.public_title,
        "proposers": latest.public_proposers,
        "category": p.category.name if p.category else None,
        "session": p.session.name if p.session else None,
        "year": p.session.year if p.session else None, "units": units,
        "published_on": timezone.localdate(latest.published_at),
    }


def _public_reply(item: Publication) -> dict:
    rc = item.reply.result_class
    return {
        "unit": item.unit.name, "round": item.reply.round, "mode": item.mode,
        "mode_label": Mode(item.mode).label, "result_class": rc.code if rc else None,
        "result_label": rc.label if rc else None,
        "replied_on": item.replied_on, "passed_on": item.passed_on,
        "published_on": timezone.localdate(item.published_at), "text": item.public_reply,
    }


class PublicQuery(Schema):
    q: str | None = Field(None, max_length=100, description="案由、提案号、提案者、承办单位、类别")
    unit_id: int | None = None
    category_id: int | None = None
    year: int | None = Field(None, ge=1950, le=2100)
    session_id: int | None = None
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0)


@router.get("/public/{committee_slug}/proposals", response=responses(PublicPageOut),
            auth=None, summary="公开：已公开答复的提案列表")
def public_list(request, committee_slug: str, query: Query[PublicQuery]):
    committee = selectors.public_committee(committee_slug)
    filters = selectors.PublicFilters(q=(query.q or "").strip() or None, unit_id=query.unit_id,
                                      category_id=query.category_id, year=query.year,
                                      session_id=query.session_id)
    qs = selectors.public_proposal_list(committee_id=committee.pk, filters=filters)
    items = list(qs[query.offset: query.offset + query.limit])
    return {"count": qs.count(), "items": [_public_row(p) for p in items]}


@router.get("/public/{committee_slug}/proposals/{proposal_id}",
            response=responses(PublicProposalDetailOut), auth=None,
            summary="公开：提案及其答复")
def public_detail(request, committee_slug: str, proposal_id: int):
    committee = selectors.public_committee(committee_slug)
    p = selectors.public_proposal_detail(committee_id=committee.pk, proposal_id=proposal_id)
    latest = p.public_items[0]
    return {**_public_row(p), "reasons": latest.public_reasons,
            "suggestions": latest.public_suggestions,
            "replies": [_public_reply(i) for i in p.public_replies]}
