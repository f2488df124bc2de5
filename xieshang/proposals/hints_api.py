"""API for 提案质量提示: advice on a draft's text against the basic requirements of a proposal
(有情况、有分析、有具体的建议; a 案由 the body bears out), as on the drafting page."""

from ninja import Router, Schema
from pydantic import Field

from xieshang.api.schemas import responses
from xieshang.core.errors import PermissionDenied

from . import permissions, quality
from .similar_api import ProposalDraftTextIn

router = Router(tags=["提案"])


class DraftHintOut(Schema):
    code: str = Field(description="no_reasons / short_reasons / no_suggestions / not_itemised / "
                                  "vague_point / title_off；社情民意另有 no_situation / "
                                  "short_situation / no_analysis / too_long")
    field: str = Field(description="title / reasons / suggestions；社情民意为 title / situation / "
                                   "analysis / suggestions")
    message: str


class DraftHintsOut(Schema):
    hints: list[DraftHintOut]


@router.post("", response=responses(DraftHintsOut), summary="提案质量提示：对照提案基本要求检查草稿")
def draft_hints(request, body: ProposalDraftTextIn):
    if not permissions.can_search_similar(request.user):
        raise PermissionDenied("只有委员和提案工作人员可以查看提案质量提示。")
    found = quality.hints_for_text(title=body.title, reasons=body.reasons,
                                   suggestions=body.suggestions)
    return {"hints": [{"code": h.code, "field": h.field, "message": h.message} for h in found]}
