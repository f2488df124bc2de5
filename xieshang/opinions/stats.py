"""社情民意 statistics, each figure defined by its numerator and denominator.

The year of an item is the year it was first submitted (for a proposal converted in review, the
day of the conversion). Adoptions and 批示 are counted in the year they were given. A session
filter uses the session's year: 社情民意 work is yearly, not tied to a plenary.
"""

from django.db.models import Count, Q

from xieshang.handling.models import HandlingEvent
from xieshang.handling.stats import routing_figures
from xieshang.organization.models import Session

from .models import Adoption, Instruction, Issue, Level, Opinion, SourceKind
from .workflow import USED_STATES, IssueStatus, Status


def _year(committee_id: int, year: int | None, session_id: int | None) -> int | None:
    if session_id is not None:
        session = Session.objects.filter(pk=session_id, committee_id=committee_id).first()
        return session.year if session else -1
    return year


def opinion_stats(committee_id: int, year: int | None = None,
                  session_id: int | None = None) -> dict:
    """Return the committee's 社情民意 figures for a year (or a session's year, or all years).

    - submitted: items first submitted in the year; a converted proposal is one item (the
      link to its proposal is unique), so it counts once here and stays "converted" in the
      proposal statistics.
    - used: of those, items the office used (录用), whatever happened to them after.
    - not_used: of those, items kept but not used (留存·未录用).
    - returned: of those, items waiting for the author's revision.
    - use_rate: used / submitted (0 when nothing was submitted).
    - issues: issues (期) of 《社情民意》 of the year that were sent (报送).
    - adopted: distinct items in an article with at least one adoption dated in the year.
    - adopted_by_level: {level: distinct items with an adoption at that level in the year}.
    - adoptions: adoption records dated in the year (an article adopted twice counts twice).
    - instructions: 批示 records dated in the year; instructions_by_level the same by level.
    - by_source_kind: submitted split by source (member, party, special_committee, sector,
      reporter, converted_proposal); the parts add up to submitted.
    - transferred: items transferred to units (转办) in the year, by the date of the transfer.
    - transfer_routing: of those transfers, how often the office chose the unit suggested first
      (handling.stats.routing_figures over their `create` events: with_suggestions,
      first_suggestion_taken, first_suggestion_rate = taken ÷ with_suggestions, by_basis).
    """
    year = _year(committee_id, year, session_id)
    items = Opinion.objects.filter(committee_id=committee_id, first_submitted_at__isnull=False)
    issues = Issue.objects.filter(committee_id=committee_id, status=IssueStatus.SENT)
    adoptions = Adoption.objects.filter(committee_id=committee_id)
    instructions = Instruction.objects.filter(committee_id=committee_id)
    if year is not None:
        items = items.filter(first_submitted_at__year=year)
        issues = issues.filter(year=year)
        adoptions = adoptions.filter(adopted_on__year=year)
        instructions = instructions.filter(given_on__year=year)
    counts = items.aggregate(
        submitted=Count("pk"),
        used=Count("pk", filter=Q(status__in=USED_STATES)),
        not_used=Count("pk", filter=Q(status=Status.KEPT)),
        returned=Count("pk", filter=Q(status=Status.RETURNED)),
    )
    by_kind = dict(items.values_list("source_kind").annotate(n=Count("pk")).order_by())
    pairs = set(adoptions.filter(entry__links__isnull=False)
                .values_list("level", "entry__links__opinion_id"))
    by_level: dict[str, set] = {}
    for level, opinion_id in pairs:
        by_level.setdefault(level, set()).add(opinion_id)
    ins_level = dict(instructions.values_list("level").annotate(n=Count("pk")).order_by())
    transfers = HandlingEvent.objects.filter(committee_id=committee_id, action="create",
                                             case__opinion__isnull=False)
    if year is not None:
        transfers = transfers.filter(case__assigned_at__year=year)
    transfers = list(transfers)
    submitted = counts["submitted"]
    return {
        **counts,
        "use_rate": round(counts["used"] / submitted, 4) if submitted else 0,
        "issues": issues.count(),
        "adopted": len({opinion_id for _, opinion_id in pairs}),
        "adopted_by_level": {lv: len(by_level.get(lv, ())) for lv in Level.values},
        "adoptions": adoptions.count(),
        "instructions": instructions.count(),
        "instructions_by_level": {lv: ins_level.get(lv, 0) for lv in Level.values},
        "by_source_kind": {k: by_kind.get(k, 0) for k in SourceKind.values},
        "transferred": len(transfers),
        "transfer_routing": routing_figures(transfers),
    }
