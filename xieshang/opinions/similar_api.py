"""API for the 社情民意 drafting panel: earlier items and proposals like a draft item (一事一报).

The same read as the item form's panel; rows have the shape of the proposal drafting panel's
(proposals/similar_api.py). An invited reporter is compared with items only.
"""

from ninja import Router, Schema
from pydantic import Field

from xieshang.api.schemas import responses
from xieshang.core.errors import PermissionDenied
from xieshang.proposals import similar_rows, similarity
from xieshang.proposals.similar_api import MAX_ID, SimilarDraftOut, draft_rows

from . import permissions

router = Router(tags=["社情民意"])


class OpinionDraftTextIn(Schema):
    title: str = Field("", max_length=200, description="标题")
    situation: str = Field("", max_length=20000, description="情况反映")
    analysis: str = Field("", max_length=20000, description="原因分析")
    suggestions: str = Field("", max_length=20000, description="意见建议")
    exclude_id: int | None = Field(None, ge=1, le=MAX_ID,
                                   description="已保存的草稿本身的id（修改草稿时不与自己比较）")


@router.post("", response=responses(SimilarDraftOut),
             summary="撰写社情民意时查看相近的信息和提案")
def similar_to_draft(request, body: OpinionDraftTextIn):
    user = request.user
    if not permissions.can_search_similar(user):
        raise PermissionDenied("只有可以报送社情民意的用户和信息办可以查询相近信息。")
    limit = similarity.QUERY_CHARS
    reasons = f"{body.situation[:limit]}\n{body.analysis[:limit]}".strip()
    rows = similar_rows.similar_for_draft(
        user=user, title=body.title, reasons=reasons, suggestions=body.suggestions[:limit],
        exclude_id=body.exclude_id, drafting="opinion", kinds=permissions.similar_kinds(user))
    return draft_rows(rows)
