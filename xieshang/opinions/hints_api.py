"""API for 信息质量提示: advice on a 社情民意 draft (一事一报, 情况, 分析, 建议, length), as on
the drafting form, and on the office's edited version (标题, length), as on the edit page."""

from ninja import Field, Router, Schema

from xieshang.api.schemas import responses
from xieshang.core.errors import PermissionDenied
from xieshang.proposals.hints_api import DraftHintsOut

from . import permissions, quality
from .services import EDITED_TEXT_LIMIT
from .similar_api import OpinionDraftTextIn

router = Router(tags=["社情民意"])


@router.post("", response=responses(DraftHintsOut), summary="信息质量提示：对照社情民意信息要求检查草稿")
def draft_hints(request, body: OpinionDraftTextIn):
    if not permissions.can_search_similar(request.user):
        raise PermissionDenied("只有可以报送社情民意的用户和信息办可以查看信息质量提示。")
    found = quality.hints_for_text(title=body.title, situation=body.situation,
                                   analysis=body.analysis, suggestions=body.suggestions)
    return {"hints": [{"code": h.code, "field": h.field, "message": h.message} for h in found]}


class EditedTextIn(Schema):
    title: str = Field("", max_length=200)
    text: str = Field("", max_length=EDITED_TEXT_LIMIT)


@router.post("/edited", response=responses(DraftHintsOut),
             summary="编辑稿提示：检查信息办编辑稿的标题和篇幅")
def edited_hints(request, body: EditedTextIn):
    if not permissions.is_office(request.user):
        raise PermissionDenied("只有社情民意信息办可以查看编辑稿提示。")
    found = quality.hints_for_edit(title=body.title, text=body.text)
    return {"hints": [{"code": h.code, "field": h.field, "message": h.message} for h in found]}
