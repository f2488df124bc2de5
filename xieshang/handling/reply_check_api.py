"""API for reply checks: which numbered suggestions a reply answers and whether its formal
elements are there (docs/textintel.md, "Reply checks").

The same reads as the pages: the unit's 答复自查 while it drafts (nothing is saved), and the check
of a saved reply that the reviewer (proposal committee, or the information office for a 社情民意
item) sees beside it, with the same unit's earlier promises on the matter.
"""

from ninja import Router, Schema
from pydantic import Field

from xieshang.api.schemas import responses

from . import reply_checks
from .replies import BODY_LIMIT

router = Router(tags=["提案办理"])


class CheckedPointOut(Schema):
    index: int
    marker: str = Field(description="原文序号，如“一是”“（二）”“3.”")
    text: str
    addressed: bool
    score: float
    evidence: str = Field(description="答复中回应该点的句子；未回应为空")


class FormalElementOut(Schema):
    label: str = Field(description="办理结果类别、签发领导、联系人、联系电话、答复日期")
    value: str
    source: str = Field(description="答复字段、正文、签发时间，或空（缺少）")
    present: bool


class EarlierPromiseOut(Schema):
    assignment_id: int
    number: str
    title: str
    year: int | None
    result_class: str
    score: float


class ReusedReplyOut(Schema):
    assignment_id: int
    number: str
    title: str
    year: int | None
    share: float = Field(description="本答复中与之相同的文字所占比例")


class ReplyCheckOut(Schema):
    reply_id: int | None = Field(description="已保存的答复；自查为空")
    assignment_id: int
    points: list[CheckedPointOut]
    addressed: int = Field(description="已回应的建议条数")
    formal: list[FormalElementOut]
    problems: list[str] = Field(description="需要补正或核实之处；为空即检查通过")
    complete: bool
    earlier_promises: list[EarlierPromiseOut] = Field(
        description="同一单位往年对同一事项的B、C类答复（仅审核人可见），请核实落实情况")
    reused_replies: list[ReusedReplyOut] = Field(
        description="同一单位对相近事项的答复中，与本答复大量相同者（仅审核人可见），请核实是否照搬")


class DraftReplyIn(Schema):
    body: str = Field("", max_length=BODY_LIMIT, description="答复正文")
    result_class_id: int | None = Field(None, ge=1, le=2**63 - 1)
    signer: str = Field("", max_length=50)
    contact_person: str = Field("", max_length=50)
    contact_phone: str = Field("", max_length=30)


def _out(check, *, assignment_id: int, reply_id: int | None, promises=(), reused=()) -> dict:
    return {
        "reply_id": reply_id, "assignment_id": assignment_id, "points": check.points,
        "addressed": check.addressed, "problems": check.problems, "complete": check.complete,
        "formal": [{"label": f.label, "value": f.value, "source": f.source,
                    "present": f.present} for f in check.formal],
        "earlier_promises": [{"assignment_id": e.assignment.pk, "number": e.number,
                              "title": e.title, "year": e.year,
                              "result_class": e.result_class, "score": round(e.score, 4)}
                             for e in promises],
        "reused_replies": [{"assignment_id": u.earlier.assignment.pk, "number": u.earlier.number,
                            "title": u.earlier.title, "year": u.earlier.year,
                            "share": round(u.share, 4)} for u in reused],
    }


@router.post("/assignments/{assignment_id}", response=responses(ReplyCheckOut),
             summary="答复自查：检查正在起草的答复（不保存）")
def draft(request, assignment_id: int, body: DraftReplyIn):
    a, check = reply_checks.draft_check(request.user, assignment_id, strict=True, **body.dict())
    return _out(check, assignment_id=a.pk, reply_id=None)


@router.get("/replies/{reply_id}", response=responses(ReplyCheckOut),
            summary="答复检查：已保存答复的逐条回应和形式要件")
def saved(request, reply_id: int):
    reply, check, promises, reused = reply_checks.saved_check(request.user, reply_id)
    return _out(check, assignment_id=reply.assignment_id, reply_id=reply.pk, promises=promises,
                reused=reused)
