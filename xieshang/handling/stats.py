"""Handling statistics, each a named figure computed from handling events and rating forms.

The cohort is the intake cohort (proposals first submitted in the year or session, see
xieshang/proposals/stats.py) restricted to those whose outcome is acceptance. Definitions with
numerators and denominators are in docs/statistics.md.
"""

from collections import Counter, defaultdict
from datetime import date

from django.utils import timezone

from xieshang.proposals.stats import cohort_ids, outcomes

from .models import Feedback, HandlingEvent, ResultClass

DIMENSIONS = ("overall", "contact", "attitude", "result")
LEVELS = ("satisfied", "basic", "unsatisfied")


def _rate(n: int, d: int) -> float:
    return round(n / d, 4) if d else 0.0


def accepted_ids(*, committee_id: int, year=None, session_id=None) -> list[int]:
    ids = cohort_ids(committee_id=committee_id, year=year, session_id=session_id)
    return sorted(pid for pid, e in outcomes(committee_id=committee_id, ids=ids).items()
                  if e.action == "accept")


def _events(committee_id: int, accepted: list[int]) -> list[HandlingEvent]:
    return list(HandlingEvent.objects.filter(committee_id=committee_id,
                                             case__proposal_id__in=accepted)
                .select_related("assignment__unit", "case")
                .order_by("at", "id"))


def _in_time(first_reply: HandlingEvent) -> bool:
    """Whether a unit's first passed reply came on or before its deadline at the time."""
    due = first_reply.payload.get("due")
    return due is not None and timezone.localdate(first_reply.at) <= date.fromisoformat(due)


def _first_replies(events: list[HandlingEvent]) -> dict[int, HandlingEvent]:
    """Return each assignment's first passed reply (`replied` event)."""
    first: dict[int, HandlingEvent] = {}
    for e in events:
        if e.action == "replied":
            first.setdefault(e.assignment_id, e)
    return first


def _on_time_cases(events: list[HandlingEvent], first: dict[int, HandlingEvent]) -> set[int]:
    """Return the replied cases whose every replying unit's first passed reply was in time."""
    answered = {e.case_id for e in first.values()}
    late = {e.case_id for e in first.values() if not _in_time(e)}
    return {e.case_id for e in events if e.action == "reply"} & answered - late


def _proposal_sets(events: list[HandlingEvent], case_of: dict[int, int]) -> dict[str, set]:
    """Return the proposals assigned (a case `create`), replied (`reply`) and re-handled."""
    return {name: {case_of[e.case_id] for e in events if e.action == action}
            for name, action in (("assigned", "create"), ("replied", "reply"),
                                 ("rehandled", "rehandle"))}


TRACEABLE = ("assigned", "replied", "on_time", "late", "unreplied", "rehandled")


def trace(*, committee_id: int, figure: str, year: int | None = None,
          session_id: int | None = None) -> list[int]:
    """Return the ids of the accepted proposals counted in one handling figure (`TRACEABLE`;
    `late` = replied but not on time, `unreplied` = accepted but not replied)."""
    if figure not in TRACEABLE:
        raise ValueError(figure)
    accepted = accepted_ids(committee_id=committee_id, year=year, session_id=session_id)
    events = _events(committee_id, accepted)
    case_of = {e.case_id: e.case.proposal_id for e in events}
    sets = _proposal_sets(events, case_of)
    sets["on_time"] = {case_of[c] for c in _on_time_cases(events, _first_replies(events))}
    sets["late"] = sets["replied"] - sets["on_time"]
    sets["unreplied"] = set(accepted) - sets["replied"]
    return sorted(sets[figure])


def handling_stats(*, committee_id: int, year: int | None = None,
                   session_id: int | None = None) -> dict:
    """Return assignment, reply, timeliness, result-class, satisfaction and per-unit figures."""
    accepted = accepted_ids(committee_id=committee_id, year=year, session_id=session_id)
    events = _events(committee_id, accepted)
    case_of = {e.case_id: e.case.proposal_id for e in events}
    sets = _proposal_sets(events, case_of)
    assigned, replied, rehandled = sets["assigned"], sets["replied"], sets["rehandled"]

    first_replies: dict[int, HandlingEvent] = {}
    latest_class: dict[int, str] = {}
    unit_rows: dict[str, Counter] = defaultdict(Counter)
    replying_units: dict[int, set[str]] = defaultdict(set)
    for e in events:
        a = e.assignment
        if e.action == "assign":
            unit_rows[a.unit.name]["assigned"] += 1
        elif e.action == "approve_return":
            unit_rows[a.unit.name]["returned"] += 1
            unit_rows[a.unit.name]["assigned"] -= 1
        elif e.action == "replied":
            first_replies.setdefault(e.assignment_id, e)
            latest_class[e.assignment_id] = e.payload.get("result_class", "")
            replying_units[e.case_id].add(a.unit.name)

    for e in first_replies.values():
        name = e.assignment.unit.name
        unit_rows[name]["replied"] += 1
        unit_rows[name]["on_time"] += int(_in_time(e))
    on_time = len(_on_time_cases(events, first_replies))

    labels = dict(ResultClass.objects.filter(committee_id=committee_id)
                  .values_list("code", "label"))
    classes = Counter(latest_class.values())

    forms = _latest_forms(committee_id, [c for c in case_of])
    satisfaction = {"forms_returned": len(forms)}
    for dim in DIMENSIONS:
        counts = Counter(getattr(f, dim) for f in forms)
        satisfaction[dim] = {
            level: {"count": counts[level], "rate": _rate(counts[level], len(forms))}
            for level in LEVELS
        }
    satisfaction["answered"] = dict(Counter(f.answered for f in forms))
    for f in forms:
        for name in replying_units.get(f.case_id, ()):
            unit_rows[name]["forms"] += 1
            unit_rows[name]["satisfied_or_basic"] += int(f.overall in ("satisfied", "basic"))

    by_unit = {}
    for name, row in sorted(unit_rows.items()):
        by_unit[name] = {
            "assigned": row["assigned"], "returned": row["returned"],
            "replied": row["replied"], "on_time": row["on_time"],
            "on_time_rate": _rate(row["on_time"], row["replied"]),
            "forms": row["forms"],
            "satisfaction_rate": _rate(row["satisfied_or_basic"], row["forms"]),
        }
    return {
        "assigned": len(assigned),
        "replied": len(replied),
        "reply_rate": _rate(len(replied), len(accepted)),
        "on_time": on_time,
        "on_time_rate": _rate(on_time, len(replied)),
        "result_classes": {code: {"label": labels.get(code, ""), "count": n,
                                  "rate": _rate(n, sum(classes.values()))}
                           for code, n in sorted(classes.items())},
        "satisfaction": satisfaction,
        "rehandled": len(rehandled),
        "by_unit": by_unit,
        "routing": routing_figures([e for e in events if e.action == "create"]),
    }


def routing_figures(create_events: list[HandlingEvent]) -> dict:
    """Return how often the office assigned the unit that routing suggested first.

    `with_suggestions`: cases whose `create` event records suggestions (the office assigned them
    on the assignment page or in bulk from the desk, which both show them). `first_suggestion_taken`:
    those of them whose single, lead or one of whose split units at assignment is the first
    suggestion. `first_suggestion_rate` = first_suggestion_taken ÷ with_suggestions.
    `by_basis` splits the three by what the suggestions rested on (`suggestion_basis`: `model`
    once the committee's model was trained, else `rules`), so the office can compare the two.
    """
    recorded = [e for e in create_events if e.payload.get("suggested")]
    by_basis: dict[str, dict] = {}
    for e in recorded:
        chosen = {u.get("unit_id") for u in e.payload.get("units", [])
                  if u.get("role") in ("single", "lead", "split")}
        row = by_basis.setdefault(e.payload.get("suggestion_basis") or "rules",
                                  {"with_suggestions": 0, "first_suggestion_taken": 0})
        row["with_suggestions"] += 1
        row["first_suggestion_taken"] += e.payload["suggested"][0].get("unit_id") in chosen
    for row in by_basis.values():
        row["first_suggestion_rate"] = _rate(row["first_suggestion_taken"],
                                             row["with_suggestions"])
    taken = sum(row["first_suggestion_taken"] for row in by_basis.values())
    return {"with_suggestions": len(recorded), "first_suggestion_taken": taken,
            "first_suggestion_rate": _rate(taken, len(recorded)),
            "by_basis": dict(sorted(by_basis.items()))}


def _latest_forms(committee_id: int, case_ids: list[int]) -> list[Feedback]:
    """Return each proposer's latest rating form per case (a re-handled case counts its last)."""
    latest: dict[tuple[int, int], Feedback] = {}
    for f in (Feedback.objects.filter(committee_id=committee_id, case_id__in=case_ids)
              .order_by("round", "id")):
        latest[(f.case_id, f.proposer_id)] = f
    return list(latest.values())
