"""Reply checks (textintel.replycheck): which numbered points of a proposal or 社情民意 item a
reply answers, and whether its formal elements are there. Shown to the unit while it drafts and
signs off, and to the proposal committee or the information office when it reviews."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from xieshang.core.errors import NotFound, ValidationError

from . import earlier_replies, permissions
from .models import Reply, ResultClass


@dataclass
class FormalElement:
    """One formal element of a reply: its value and where it was found."""

    label: str
    value: str
    source: str

    @property
    def present(self) -> bool:
        return bool(self.value)


@dataclass
class ReplyCheck:
    """Which numbered suggestions a reply answers, and whether its formal elements are there."""

    points: list[dict]
    formal: list[FormalElement]
    problems: list[str]

    @property
    def addressed(self) -> int:
        return sum(1 for p in self.points if p["addressed"])

    @property
    def complete(self) -> bool:
        return not self.problems


def points_source(case) -> str:
    """Return the text whose numbered points a reply in the case must answer: a proposal's
    具体建议 (情况与分析 when that is empty), a 社情民意 item's 建议 (its 情况 and 分析 when
    that is empty)."""
    if case.opinion_id:
        o = case.opinion
        return o.suggestions or f"{o.situation}\n{o.analysis}"
    p = case.proposal
    return p.suggestions or f"{p.reasons}\n{p.suggestions}"


def reply_check(*, source: str, body: str, result_class: str = "", signer: str = "",
                contact_person: str = "", contact_phone: str = "",
                signed_on: date | None = None, draft: bool = False) -> ReplyCheck:
    """Check a reply against the points of `source` (points_source), preferring the reply's own
    fields.

    The structured fields (result class, signer, contact) count as present when filled, and the
    text is searched otherwise. A result class stated in the text that differs from the chosen
    one is reported. A `draft` (not yet signed off) is not faulted for a missing date: its
    sign-off dates it.
    """
    from xieshang.textintel.replycheck import check_reply

    verdict = check_reply(source, body or "")
    problems = [f"未回应第{c.point.index}点建议" for c in verdict.points if not c.addressed]

    def element(label: str, field_value: str, text_value: str | None,
                fallback: tuple[str, str] | None = None) -> FormalElement:
        if field_value:
            return FormalElement(label, field_value, "答复字段")
        if text_value:
            return FormalElement(label, text_value, "正文")
        if fallback and fallback[0]:
            return FormalElement(label, fallback[0], fallback[1])
        problems.append(f"缺少{label}")
        return FormalElement(label, "", "")

    formal = [
        element("办理结果类别", result_class, verdict.result_class),
        element("签发领导", signer, verdict.signer),
        element("联系人", contact_person, verdict.contact_person),
        element("联系电话", contact_phone, verdict.phone),
        element("答复日期", "", verdict.date,
                (signed_on.isoformat(), "签发时间") if signed_on
                else ("签发当日", "签发时自动填写") if draft else None),
    ]
    if result_class and verdict.result_class:
        if _class_disagrees(verdict, result_class):
            problems.append(f"正文所述办理结果（{verdict.result_class}类，“{verdict.result_evidence}”）"
                            f"与所选类别（{result_class}类）不一致")
        elif result_class < verdict.result_class:
            problems.append(f"所选类别（{result_class}类）高于正文多数表述所示的办理结果"
                            f"（{verdict.result_class}类，“{verdict.result_evidence}”），请核实")
    points = [
        {"index": c.point.index, "marker": c.point.marker, "text": c.point.text,
         "addressed": c.addressed, "score": round(c.score, 2), "evidence": c.evidence}
        for c in verdict.points
    ]
    return ReplyCheck(points, formal, problems)


def _class_disagrees(verdict, chosen: str) -> bool:
    """Whether the text speaks against the chosen class: it states another, or no part of its
    wording implies the chosen one (a reply adopting one suggestion and planning three may be
    B, and says 已采纳 as well as 列入计划). A class the wording implies in part but above what
    most of it implies (A for a reply that mostly plans) is reported apart, as a claim to check."""
    if verdict.result_stated:
        return verdict.result_class != chosen
    return chosen not in verdict.implied


def check_of(reply, case=None) -> ReplyCheck:
    """Check a saved reply of `case` (default: its assignment's case)."""
    return reply_check(
        source=points_source(case or reply.assignment.case), body=reply.body,
        result_class=reply.result_class.code if reply.result_class_id else "",
        signer=reply.signer, contact_person=reply.contact_person,
        contact_phone=reply.contact_phone,
        signed_on=timezone.localdate(reply.signed_off_at) if reply.signed_off_at else None,
        draft=reply.signed_off_at is None)


def draft_check(user, assignment_id: int, *, body: str, result_class_id: int | None = None,
                signer: str = "", contact_person: str = "", contact_phone: str = "",
                strict: bool = False):
    """Return (assignment, check) for a reply the unit is drafting (答复自查; nothing is saved).

    Only the unit's own handlers may ask (else NotFound). A result class that is not the
    committee's is ignored, or with `strict` (the API) refused.
    """
    a = permissions.access_assignment(user, assignment_id)
    if not permissions.can_act_for_unit(user, a):
        raise NotFound("交办记录不存在。")
    rc = (ResultClass.objects.filter(committee_id=a.committee_id, pk=result_class_id).first()
          if result_class_id else None)
    if strict and result_class_id and rc is None:
        raise ValidationError("办理结果类别不存在。", field="result_class_id")
    check = reply_check(source=points_source(a.case), body=body,
                        result_class=rc.code if rc else "", signer=signer,
                        contact_person=contact_person, contact_phone=contact_phone, draft=True)
    return a, check


def saved_check(user, reply_id: int):
    """Return (reply, check, promises, reused) for a saved reply: for its reviewer (with the same
    unit's earlier promises on the matter and the earlier replies it largely repeats,
    earlier_replies.for_review) and for its unit's handlers and leaders
    (both empty). Anyone else, or an empty reply: NotFound."""
    reply = (Reply.objects.filter(pk=reply_id, committee_id=user.committee_id)
             .select_related("assignment__case__proposal", "assignment__case__opinion",
                             "result_class").first())
    if reply is None:
        raise NotFound("答复不存在。")
    reviewer = permissions.can_review_reply(user, reply)
    unit = (permissions.can_act_for_unit(user, reply.assignment)
            or permissions.is_unit_leader(user, reply.assignment.unit_id))
    if not (reviewer or unit) or not reply.body:
        raise NotFound("答复不存在。")
    promises, reused = earlier_replies.for_review(reply) if reviewer else ([], [])
    return reply, check_of(reply), promises, reused


# A desk lists every reply under review; the oldest this many carry their check (≈ 8 ms each).
DESK_CHECKS = 100


def checked_for_desk(replies) -> list:
    """Return the replies under review, oldest sign-off first, the first DESK_CHECKS with their
    check as `text_check` (their case and its proposal or item loaded by the caller)."""
    rows = sorted(replies, key=lambda r: (r.signed_off_at is None, r.signed_off_at, r.pk))
    for r in rows[:DESK_CHECKS]:
        r.text_check = check_of(r, r.assignment.case)
    return rows
