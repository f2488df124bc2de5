"""API for the drafting panel: earlier proposals and 社情民意 items that say nearly what a draft
says, so that a client (a member's app) can show them while the member writes.

The same read as the drafting pages' panel (docs/textintel.md, "Where it shows"): what the caller
may see of each row (link, reply, passages) is decided by `similar_rows.similar_for_draft`. The
社情民意 form's variant is `POST /opinions/similar` (opinions/similar_api.py).
"""

from ninja import Router, Schema
from pydantic import Field

from xieshang.api.schemas import responses
from xieshang.core.errors import PermissionDenied

from . import permissions, similar_rows, similarity

router = Router(tags=["提案"])

MAX_ID = 2**63 - 1


class SimilarDraftRowOut(Schema):
    kind: str = Field(description="proposal（提案）或 opinion（社情民意）")
    id: int
    number: str | None = Field(description="提案号或流水号；社情民意为空")
    title: str
    status: str
    status_label: str
    session: str | None = Field(description="提案所属会议；社情民意为空")
    year: int | None
    score: float
    reasons: list[str] = Field(description="相近之处：内容重合、案由相近、与其答复相近")
    can_view: bool = Field(description="调用者能否打开该提案或信息")
    url: str | None = Field(description="网页地址，仅调用者可打开时给出")
    reply_label: str = Field(description="已答复及其办理结果类别，未答复为空")
    reply_url: str | None = Field(description="可查看的答复地址（本人案件页或已公开的答复）")
    copies: int = Field(description="同题信息条数（调用者不能打开的同题同年社情民意合为一行）")


class SimilarDraftOut(Schema):
    rows: list[SimilarDraftRowOut]


class ProposalDraftTextIn(Schema):
    title: str = Field("", max_length=200, description="案由")
    reasons: str = Field("", max_length=20000, description="情况与分析")
    suggestions: str = Field("", max_length=20000, description="具体建议")
    exclude_id: int | None = Field(None, ge=1, le=MAX_ID,
                                   description="已保存的草稿本身的id（修改草稿时不与自己比较）")


def draft_rows(rows: list) -> dict:
    """Return the drafting panel's rows (SimilarRow / SimilarOpinionRow) as the API shows them."""
    out = []
    for r in rows:
        if r.kind == "opinion":
            o = r.opinion
            out.append({"kind": "opinion", "id": o.pk, "number": None, "title": o.title,
                        "status": o.status, "status_label": o.get_status_display(),
                        "session": None, "year": r.year, "score": round(r.hit.score, 4),
                        "reasons": r.hit.reasons, "can_view": r.can_view, "url": r.url,
                        "reply_label": "", "reply_url": None, "copies": r.copies})
        else:
            p = r.proposal
            out.append({"kind": "proposal", "id": p.pk, "number": r.number or None,
                        "title": p.title, "status": p.status,
                        "status_label": p.get_status_display(),
                        "session": p.session.name if p.session_id else None,
                        "year": p.session.year if p.session_id else None,
                        "score": round(r.hit.score, 4), "reasons": r.hit.reasons,
                        "can_view": r.can_view, "url": r.url, "reply_label": r.reply_label,
                        "reply_url": r.reply_url, "copies": 1})
    return {"rows": out}


@router.post("", response=responses(SimilarDraftOut),
             summary="起草提案时查看相近的提案和社情民意（本届及往届）")
def similar_to_draft(request, body: ProposalDraftTextIn):
    if not permissions.can_search_similar(request.user):
        raise PermissionDenied("只有委员和提案工作人员可以查询相近提案。")
    limit = similarity.QUERY_CHARS
    rows = similar_rows.similar_for_draft(
        user=request.user, title=body.title, reasons=body.reasons[:limit],
        suggestions=body.suggestions[:limit], exclude_id=body.exclude_id)
    return draft_rows(rows)
