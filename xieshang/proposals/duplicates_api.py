"""API for likely repeated proposals: one proposal's candidates for 并案, and a session's groups.

The same reads as the proposal page's 疑似重复 / 可并案 panel and the 疑似重复汇总 page
(docs/textintel.md); the merge itself is POST /proposals/{id}/merge.
"""

from ninja import Query, Router, Schema
from pydantic import Field

from xieshang.api.schemas import responses
from xieshang.core.errors import NotFound, PermissionDenied
from xieshang.organization.models import Session

from . import duplicate_groups, permissions, similar_rows

router = Router(tags=["提案"])


class DuplicateProposalOut(Schema):
    id: int
    number: str
    title: str
    status: str
    status_label: str
    session_id: int | None


class DuplicateCandidateOut(Schema):
    proposal: DuplicateProposalOut
    score: float
    reasons: list[str]
    same_session: bool
    mergeable: bool
    passages: list[list[str]] = Field(description="共有段落：[前文, 重合部分, 后文]")


class DuplicateCandidatesOut(Schema):
    proposal_id: int
    candidates: list[DuplicateCandidateOut]


class DuplicateMemberOut(Schema):
    proposal: DuplicateProposalOut
    score: float
    reasons: list[str]
    mergeable: bool


class DuplicateGroupOut(Schema):
    main: DuplicateProposalOut
    members: list[DuplicateMemberOut]


class DuplicateGroupsOut(Schema):
    session_id: int
    min: int
    groups: list[DuplicateGroupOut]


class DuplicateGroupsQuery(Schema):
    session_id: int = Field(..., ge=1, le=2**63 - 1, description="会议（次会议）id")
    min: int = Field(round(duplicate_groups.MIN_SCORE * 100), ge=duplicate_groups.LOWEST_PERCENT,
                     le=100, description="相似度下限（%）")


def _proposal(p) -> dict:
    return {"id": p.pk, "number": p.official_number or p.receipt_number, "title": p.title,
            "status": p.status, "status_label": p.get_status_display(),
            "session_id": p.session_id}


def _reviewer(user) -> None:
    if not permissions.can_review_queue(user):
        raise PermissionDenied("只有提案审查人员可以查看疑似重复提案。")


@router.get("/groups", response=responses(DuplicateGroupsOut),
            summary="疑似重复汇总：本次会议可并案的提案分组")
def groups(request, query: Query[DuplicateGroupsQuery]):
    _reviewer(request.user)
    if not Session.objects.filter(pk=query.session_id,
                                  committee_id=request.user.committee_id).exists():
        raise NotFound("会议不存在。")
    found = duplicate_groups.duplicate_groups(user=request.user, session_id=query.session_id,
                                              min_score=query.min / 100)
    return {"session_id": query.session_id, "min": query.min, "groups": [
        {"main": _proposal(g.main), "members": [
            {"proposal": _proposal(m.proposal), "score": round(m.score, 4),
             "reasons": m.reasons, "mergeable": m.mergeable} for m in g.members]}
        for g in found]}


@router.get("/{proposal_id}", response=responses(DuplicateCandidatesOut),
            summary="疑似重复/可并案：与一件提案相近的提案（同次会议优先）")
def candidates(request, proposal_id: int):
    _reviewer(request.user)
    p = permissions.access_proposal(request.user, proposal_id)
    rows = similar_rows.duplicates_for_review(user=request.user, proposal=p)
    return {"proposal_id": p.pk, "candidates": [
        {"proposal": _proposal(r.proposal), "score": round(r.hit.score, 4),
         "reasons": r.hit.reasons, "same_session": r.same_session, "mergeable": r.mergeable,
         "passages": [list(x) for x in r.hit.passages]} for r in rows]}
