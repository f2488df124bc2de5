"""Key-proposal and excellent-proposal figures, each defined in docs/workflows/key-proposals.md.

The cohort of a period is the set of candidacies whose main proposal belongs to a session of
that year (`Session.year`) and/or to the given session. Outcomes are read from events
(`approve`, `reject`, `complete`), never from the current status alone.
"""

from collections import Counter

from .models import (
    ActivityKind,
    ExcellentProposal,
    Instruction,
    KeyProposal,
    LeaderKind,
    RelatedProposal,
    SupervisingLeader,
    SupervisionActivity,
    SupervisionEvent,
)


def _cohort(model, *, committee_id: int, year: int | None, session_id: int | None) -> list[int]:
    qs = model.objects.filter(committee_id=committee_id)
    if year is not None:
        qs = qs.filter(proposal__session__year=year)
    if session_id is not None:
        qs = qs.filter(proposal__session_id=session_id)
    return list(qs.values_list("pk", flat=True))


def _with_action(field: str, ids: list[int], action: str) -> set[int]:
    return set(SupervisionEvent.objects.filter(**{f"{field}_id__in": ids}, action=action)
               .values_list(f"{field}_id", flat=True))


def key_proposal_cohort(*, committee_id: int, year: int | None = None,
                        session_id: int | None = None) -> dict[str, list[int]]:
    """Return the ids of the cohort's candidacies, and of those approved, rejected, completed."""
    ids = _cohort(KeyProposal, committee_id=committee_id, year=year, session_id=session_id)
    return {
        "candidates": sorted(ids),
        "key_proposals": sorted(_with_action("key_proposal", ids, "approve")),
        "rejected": sorted(_with_action("key_proposal", ids, "reject")),
        "completed": sorted(_with_action("key_proposal", ids, "complete")),
    }


def key_proposal_stats(committee_id: int, year: int | None = None,
                       session_id: int | None = None) -> dict:
    """Return the key-proposal figures of a year (the main proposal's session year) or session.

    - candidates: candidacies put forward (numerator: candidacies in the cohort; no
      denominator). A proposal put forward again after a rejection counts again.
    - key_proposals: candidacies approved by a chair's meeting (an `approve` event), completed
      ones included. rejected: with a `reject` event. pending: candidates − key_proposals −
      rejected. completed: key proposals whose supervision was closed (`complete` event).
    - proposals_covered: distinct proposals (main and related) in the key proposals.
    - with_instructions: key proposals with at least one leader's instruction (批示);
      denominator key_proposals. instructions: instructions recorded on the key proposals.
    - with_activities: key proposals with at least one supervision activity; denominator
      key_proposals. supervision_activities: activities recorded on the key proposals;
      activities_by_kind: the same split by form (座谈, 视察, …).
    - by_leader_kind: per kind (cppcc 政协, party 党委, government 政府), key proposals with at
      least one current supervising leader of that kind (one key proposal may count under
      several kinds). by_lead_leader_kind: per kind of the leading (领衔) leader, each key
      proposal once, `none` when no leader leads.
    """
    cohort = key_proposal_cohort(committee_id=committee_id, year=year, session_id=session_id)
    approved = cohort["key_proposals"]
    covered = set(KeyProposal.objects.filter(pk__in=approved).values_list("proposal_id",
                                                                          flat=True))
    covered |= set(RelatedProposal.objects.filter(key_proposal_id__in=approved)
                   .values_list("proposal_id", flat=True))
    instructions = list(Instruction.objects.filter(key_proposal_id__in=approved)
                        .values_list("key_proposal_id", flat=True))
    activities = list(SupervisionActivity.objects.filter(key_proposal_id__in=approved)
                      .values_list("key_proposal_id", "kind"))
    leaders = list(SupervisingLeader.objects.filter(key_proposal_id__in=approved,
                                                    removed_at__isnull=True)
                   .values_list("key_proposal_id", "kind", "is_lead"))
    by_kind = {kind: len({kp for kp, k, _ in leaders if k == kind}) for kind in LeaderKind.values}
    leads = {kp: k for kp, k, lead in leaders if lead}
    by_lead = Counter(leads.get(kp, "none") for kp in approved)
    activity_kinds = Counter(k for _, k in activities)
    return {
        "committee_id": committee_id,
        "year": year,
        "session_id": session_id,
        "candidates": len(cohort["candidates"]),
        "key_proposals": len(approved),
        "rejected": len(cohort["rejected"]),
        "pending": len(cohort["candidates"]) - len(approved) - len(cohort["rejected"]),
        "completed": len(cohort["completed"]),
        "proposals_covered": len(covered),
        "with_instructions": len(set(instructions)),
        "instructions": len(instructions),
        "with_activities": len({kp for kp, _ in activities}),
        "supervision_activities": len(activities),
        "activities_by_kind": {k: activity_kinds[k] for k in ActivityKind.values},
        "by_leader_kind": by_kind,
        "by_lead_leader_kind": {k: by_lead[k] for k in [*LeaderKind.values, "none"]},
    }


def excellent_proposal_stats(committee_id: int, year: int | None = None,
                             session_id: int | None = None) -> dict:
    """Return the excellent-proposal figures of a year (the proposal's session year) or session.

    - candidates: candidacies put forward in the cohort (no denominator).
    - excellent: candidacies with an `approve` event (named 优秀提案 by a chair's meeting).
    - rejected: with a `reject` event. pending: candidates − excellent − rejected.
    """
    ids = _cohort(ExcellentProposal, committee_id=committee_id, year=year, session_id=session_id)
    excellent = _with_action("excellent", ids, "approve")
    rejected = _with_action("excellent", ids, "reject")
    return {
        "candidates": len(ids),
        "excellent": len(excellent),
        "rejected": len(rejected),
        "pending": len(ids) - len(excellent) - len(rejected),
    }


def excellent_proposal_count(committee_id: int, year: int | None = None,
                             session_id: int | None = None) -> int:
    """Return the number of proposals named 优秀提案 (`approve` event) in the year or session.

    Numerator: excellent-proposal candidacies of the cohort with an `approve` event; no
    denominator. The year is the year of the proposal's session.
    """
    return excellent_proposal_stats(committee_id, year=year, session_id=session_id)["excellent"]
