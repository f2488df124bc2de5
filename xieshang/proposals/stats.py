"""Proposal intake statistics, each a named figure computed from events.

The cohort of a period is the set of proposals whose first submission event falls in it (a
calendar year in the committee's time zone, or one session). A proposal's outcome is its last
decision event (accept, refuse, convert, merge, withdraw); one without such an event is pending.
Definitions are written out in docs/statistics.md.
"""

from collections import Counter, defaultdict
from datetime import datetime

from django.utils import timezone

from .models import Category, Proposal, ProposalEvent
from .workflow import DECISION_ACTIONS


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)


def cohort_ids(*, committee_id: int, year: int | None = None,
               session_id: int | None = None) -> list[int]:
    """Return the ids of proposals first submitted in the year and/or belonging to the session."""
    events = ProposalEvent.objects.filter(
        committee_id=committee_id, action="submit", from_status="draft"
    )
    if year is not None:
        start, end = _year_bounds(year)
        events = events.filter(at__gte=start, at__lt=end)
    if session_id is not None:
        events = events.filter(proposal__session_id=session_id)
    return sorted(set(events.values_list("proposal_id", flat=True)))


def outcomes(*, committee_id: int, ids: list[int]) -> dict[int, ProposalEvent]:
    """Return, per proposal, its last decision event."""
    last: dict[int, ProposalEvent] = {}
    rows = ProposalEvent.objects.filter(
        committee_id=committee_id, proposal_id__in=ids, action__in=DECISION_ACTIONS
    ).order_by("at", "id")
    for event in rows.iterator(chunk_size=2000):
        last[event.proposal_id] = event
    return last


def _rate(numerator: int, denominator: int) -> float:
    return round(numerator / denominator, 4) if denominator else 0.0


def proposal_stats(*, committee_id: int, year: int | None = None,
                   session_id: int | None = None) -> dict:
    """Return the intake figures of a year or a session (see docs/statistics.md)."""
    ids = cohort_ids(committee_id=committee_id, year=year, session_id=session_id)
    decided = outcomes(committee_id=committee_id, ids=ids)
    proposals = {
        p["id"]: p
        for p in Proposal.objects.filter(pk__in=ids).values("id", "proposer_type", "category_id",
                                                            "kind")
    }
    names = dict(Category.objects.filter(committee_id=committee_id).values_list("id", "name"))
    result = Counter(e.action for e in decided.values())
    conversions = Counter(
        e.payload.get("kind", "") for e in decided.values() if e.action == "convert"
    )
    by_type: dict[str, Counter] = defaultdict(Counter)
    by_category: dict[str, Counter] = defaultdict(Counter)
    by_kind: dict[str, Counter] = defaultdict(Counter)
    for pid, p in proposals.items():
        event = decided.get(pid)
        accepted = event is not None and event.action == "accept"
        category_id = event.payload.get("category_id") if accepted else p["category_id"]
        category = names.get(category_id, "未分类")
        for bucket, key in ((by_type, p["proposer_type"]), (by_category, category),
                            (by_kind, p["kind"] or "unknown")):
            bucket[key]["submitted"] += 1
            bucket[key]["accepted"] += int(accepted)
    submitted = len(ids)
    return {
        "committee_id": committee_id,
        "year": year,
        "session_id": session_id,
        "submitted": submitted,
        "accepted": result["accept"],
        "acceptance_rate": _rate(result["accept"], submitted),
        "refused": result["refuse"],
        "converted": result["convert"],
        "converted_by_kind": dict(conversions),
        "merged": result["merge"],
        "withdrawn": result["withdraw"],
        "pending": submitted - len(decided),
        "by_proposer_type": {k: dict(v) for k, v in sorted(by_type.items())},
        "by_category": {k: dict(v) for k, v in sorted(by_category.items())},
        "by_kind": {k: dict(v) for k, v in sorted(by_kind.items())},
    }


def trace(*, committee_id: int, figure: str, year: int | None = None,
          session_id: int | None = None) -> list[int]:
    """Return the ids of the proposals counted in one figure (submitted, accepted, …)."""
    ids = cohort_ids(committee_id=committee_id, year=year, session_id=session_id)
    if figure == "submitted":
        return ids
    action = {"accepted": "accept", "refused": "refuse", "converted": "convert",
              "merged": "merge", "withdrawn": "withdraw"}.get(figure)
    decided = outcomes(committee_id=committee_id, ids=ids)
    if figure == "pending":
        return [i for i in ids if i not in decided]
    if action is None:
        raise ValueError(figure)
    return [i for i, e in decided.items() if e.action == action]
