"""本单位相近答复: what the handling unit already answered on similar proposals and items.

A unit answers the same matters year after year (停车难, 老旧小区改造 …). While it drafts a reply,
its own passed replies to the most similar earlier proposals and transferred 社情民意 items keep
its answer consistent with what it said before, and show what it promised then. Only the unit's
own replies are listed, so nothing is shown that the unit could not already open.

The reviewer of a reply (the proposal committee, or the information office for a transferred
item) is shown the unit's replies of earlier years to the same matter that promised work (B:
列入计划) or deferred it (C): a second promise on the same matter is worth a question. The
reviewer is also shown the unit's replies to similar matters whose text this reply largely
repeats (照搬往年答复).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q

from xieshang.accounts.models import User
from xieshang.proposals import similarity, similarity_sources
from xieshang.textintel.align import shared_share

from . import permissions
from .models import Assignment, Reply
from .workflow import ReplyStatus

# Similar items looked at, and earlier replies shown.
CANDIDATES = 20
SHOWN = 3


@dataclass
class EarlierReply:
    assignment: Assignment
    title: str
    number: str
    year: int | None
    result_class: str
    score: float
    reply: Reply | None = None

    @property
    def percent(self) -> int:
        return round(self.score * 100)


@dataclass
class ReusedReply:
    """An earlier reply of the same unit whose text a reply largely repeats."""

    earlier: EarlierReply
    share: float

    @property
    def percent(self) -> int:
        return round(self.share * 100)


# An earlier reply in one of these classes promised work (列入计划) or deferred it: when the unit
# answers a similar matter again, the reviewer is asked whether the promise was kept.
PROMISED = ("B", "C")
# Only replies this similar count as the same matter for that question.
SAME_MATTER = 0.6
# A reply that shares passages (8 characters or more) covering this share of its text
# (textintel.align.shared_share) with an earlier reply repeats it. The demo's replies, written
# from one set of phrases, share 42 % with the unit's replies to similar items at the median and
# 69 % at most (make bench-review).
REUSED_SHARE = 0.8


def earlier_replies(*, user: User, assignment: Assignment, top: int = SHOWN) -> list[EarlierReply]:
    """Return the unit's passed replies to the items most like this assignment's, best first,
    for the unit's own handler or leader."""
    if not (permissions.can_act_for_unit(user, assignment)
            or permissions.is_unit_leader(user, assignment.unit_id)):
        return []
    return similar_replies(assignment, top=top)


def for_review(reply) -> tuple[list[EarlierReply], list[ReusedReply]]:
    """Return what the reviewer of a reply is shown beside its check, from one search of the
    unit's replies to similar items: its promises on the same matter (`_promises`) and the
    replies this one largely repeats (`_reused`)."""
    similar = similar_replies(reply.assignment, top=CANDIDATES)
    return _promises(reply, similar[:SHOWN]), _reused(reply, similar)


def _promises(reply, similar: list[EarlierReply]) -> list[EarlierReply]:
    """The unit's replies of earlier years to the same matter that promised or deferred work
    (B, C), whose keeping this reply should account for."""
    year = (reply.created_at.year if reply.created_at else None)
    return [r for r in similar if r.result_class in PROMISED and r.score >= SAME_MATTER
            and (year is None or (r.year or year) < year)]


def _reused(reply, similar: list[EarlierReply]) -> list[ReusedReply]:
    """The unit's passed replies whose text this one largely repeats (the share of its
    characters in passages both share), most first."""
    if not reply.body:
        return []
    found = []
    for e in similar:
        if e.reply is None or e.reply.pk == reply.pk:
            continue
        repeated = shared_share(reply.body, e.reply.body)
        if repeated >= REUSED_SHARE:
            found.append(ReusedReply(e, repeated))
    found.sort(key=lambda r: -r.share)
    return found[:SHOWN]


def similar_replies(assignment: Assignment, *, top: int = SHOWN) -> list[EarlierReply]:
    """Return the assignment's unit's passed replies to the most similar other items."""
    case = assignment.case
    if case.is_opinion:
        o = case.opinion
        text = similarity_sources.opinion_text(o.title, o.situation, o.analysis, o.suggestions)
        title, own = similarity_sources.opinion_title_core(o.title), ("opinion", o.pk)
    else:
        p = case.proposal
        text = similarity_sources.proposal_text(p.title, p.reasons, p.suggestions)
        title, own = similarity_sources.title_core(p.title), ("proposal", p.pk)
    hits = similarity.search(assignment.committee_id, text=text, title=title, top=CANDIDATES,
                             exclude=[own], kinds=similarity.EVERYTHING)
    if not hits:
        return []
    score = {h.ref: h.score for h in hits}
    similar = (Q(case__proposal_id__in=[i for k, i in score if k == "proposal"])
               | Q(case__opinion_id__in=[i for k, i in score if k == "opinion"]))
    passed = Prefetch("replies", queryset=Reply.objects.filter(status=ReplyStatus.PASSED)
                      .select_related("result_class").order_by("-round"), to_attr="passed")
    rows = []
    for a in (Assignment.objects
              .filter(similar, committee_id=assignment.committee_id, unit_id=assignment.unit_id)
              .exclude(pk=assignment.pk)
              .select_related("case__proposal", "case__opinion").prefetch_related(passed)):
        if not a.passed:
            continue
        reply, case = a.passed[0], a.case
        subject = case.opinion if case.opinion_id else case.proposal
        rows.append(EarlierReply(
            assignment=a, title=subject.title,
            number="社情民意" if case.opinion_id else (subject.official_number
                                                     or subject.receipt_number),
            year=reply.passed_at.year if reply.passed_at else None,
            result_class=reply.result_class.code if reply.result_class else "", reply=reply,
            score=score[("opinion", case.opinion_id) if case.opinion_id
                        else ("proposal", case.proposal_id)]))
    rows.sort(key=lambda r: (-r.score, -(r.year or 0)))
    return rows[:top]
