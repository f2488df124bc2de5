"""Suggest lead units for a proposal, learned from the committee's own handling history.

Evidence, each with a readable reason (weights are the module constants):

- model: the committee's lead-unit model (`routing_model`), trained on its accepted proposals
  and transferred 社情民意 items;
- similar: the units that handled the most similar earlier proposals (proposals.similarity);
- category: the share of the category's earlier cases that each unit handled;
- link: units whose 对口 special committee (Unit.liaison_committee) is the proposal's special
  committee, or one its first proposer sits on;
- suggested: the proposer's suggested lead units.

Without a model, suggestions come from the other evidence and say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count

from xieshang.core.models import Committee
from xieshang.organization.models import Membership, Unit
from xieshang.proposals import similarity, similarity_sources
from xieshang.proposals.models import Proposal

from .models import Assignment
from .routing_model import LEAD_ROLES, load_model, routing_text
from .workflow import AssignmentStatus

SIMILAR_WEIGHT = 0.5
CATEGORY_WEIGHT = 0.3
LINK_WEIGHT = 0.15
SUGGESTED_WEIGHT = 0.2
# The model credits every unit it gives at least MODEL_MIN, and its first MODEL_TOP in any case.
MODEL_MIN = 0.05
MODEL_TOP = 3


@dataclass
class UnitSuggestion:
    unit: Unit
    score: float
    reasons: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"unit_id": self.unit.pk, "unit": self.unit.name, "score": round(self.score, 4),
                "reasons": self.reasons}


@dataclass
class Routing:
    """Suggested lead units for one proposal, and on what they rest."""

    basis: str
    note: str
    trained_at: str | None
    suggestions: list[UnitSuggestion]

    def as_dict(self) -> dict:
        return {"basis": self.basis, "note": self.note, "trained_at": self.trained_at,
                "suggestions": [s.as_dict() for s in self.suggestions]}

    def recorded(self) -> list[dict]:
        """Return what the case's create event keeps of these suggestions."""
        return [{"unit_id": s.unit.pk, "unit": s.unit.name, "score": round(s.score, 4)}
                for s in self.suggestions]


class Evidence:
    """Weighted, explained evidence for the active units of one committee, ranked on demand."""

    def __init__(self, committee_id: int) -> None:
        self.units = {u.pk: u for u in Unit.objects.filter(committee_id=committee_id,
                                                           is_active=True)
                      .select_related("liaison_committee")}
        # Equal scores keep the office's order of units (排序, then kind and name).
        self.position = {pk: n for n, pk in enumerate(self.units)}
        self.totals: dict[int, float] = {}
        self.reasons: dict[int, list[dict]] = {}

    def credit(self, unit_id: int, weight: float, kind: str, text: str) -> None:
        if unit_id not in self.units or weight <= 0:
            return
        self.totals[unit_id] = self.totals.get(unit_id, 0.0) + weight
        self.reasons.setdefault(unit_id, []).append(
            {"kind": kind, "text": text, "weight": round(weight, 4)})

    def ranked(self, top: int) -> list[UnitSuggestion]:
        order = sorted(self.totals, key=lambda u: (-self.totals[u], self.position[u]))[:top]
        return [UnitSuggestion(self.units[u], self.totals[u],
                               sorted(self.reasons[u], key=lambda r: -r["weight"]))
                for u in order]


def model_evidence(committee: Committee, text: str, evidence: Evidence) -> dict | None:
    """Credit each unit the committee's model's probability for the text; return the model's
    training facts, or None when the committee has no model."""
    model, info = load_model(committee)
    if model is None:
        return None
    from xieshang.textintel.route import suggest

    ranked = suggest(text, model, None, top=len(model.classes), min_category_score=0.0)
    for rank, s in enumerate(ranked, 1):
        p = s.reasons[0].weight
        # A text unlike the history can leave the model unsure (every unit under 5 % among
        # dozens): its first few units still say where it points.
        if p < MODEL_MIN and rank > MODEL_TOP:
            continue
        evidence.credit(int(s.label), p, "model",
                        f"模型依据本会历年办理记录，估计由该单位办理的可能性为{p:.0%}"
                        f"（{len(ranked)}个单位中第{rank}位）")
    return info


def model_note(info: dict, also: str) -> str:
    """The suggestions' note when a model was used; `also` names the other evidence."""
    return (f"模型按本会{info.get('examples', 0)}条办理记录训练"
            f"（{str(info.get('trained_at', ''))[:10]}），并结合{also}。")


def unit_suggestions(*, proposal: Proposal, top: int = 3) -> Routing:
    """Return the most likely lead units for a proposal, with the reasons for each."""
    committee = proposal.committee
    evidence = Evidence(committee.pk)
    info = model_evidence(committee, routing_text(proposal), evidence)
    for sc_id, sc_name in _special_committees(proposal).items():
        for u in evidence.units.values():
            if u.liaison_committee_id == sc_id:
                evidence.credit(u.pk, LINK_WEIGHT, "link", f"与{sc_name}对口联系")
    similar_evidence(committee.pk, text=similarity_sources.proposal_text(
        proposal.title, proposal.reasons, proposal.suggestions),
        title=similarity_sources.title_core(proposal.title), exclude=[("proposal", proposal.pk)],
        evidence=evidence)
    _category_evidence(proposal, evidence.credit)
    for su in proposal.suggestedunit_set.all():
        if su.role == "lead":
            evidence.credit(su.unit_id, SUGGESTED_WEIGHT, "suggested", "提案者建议由该单位主办")
    found = evidence.ranked(top)
    if info is None:
        return Routing("rules", "本会尚未训练单位推荐模型，以下仅依据相似提案、类别、对口联系和提案者建议推荐"
                       "（交办部门可在交办台训练）。",
                       None, found)
    return Routing("model", model_note(info, "相似提案、类别和对口联系"), info.get("trained_at"),
                   found)


def _special_committees(proposal: Proposal) -> dict[int, str]:
    """Return the special committees that frame the proposal: its own, or its first proposer's."""
    found: dict[int, str] = {}
    if proposal.special_committee_id:
        found[proposal.special_committee_id] = proposal.special_committee.name
    if proposal.lead_member_id and proposal.session_id:
        seat = (Membership.objects.filter(member_id=proposal.lead_member_id,
                                          term_id=proposal.session.term_id)
                .prefetch_related("special_committees").first())
        if seat is not None:
            found.update({sc.pk: sc.name for sc in seat.special_committees.all()})
    return found


def similar_evidence(committee_id: int, *, text: str, title: str,
                     exclude: list[tuple[str, int]], evidence: Evidence,
                     kinds: tuple[str, ...] = ("proposal",)) -> None:
    """Credit the units that handled the most similar earlier proposals (and, with "opinion" in
    `kinds`, the 社情民意 items transferred to them)."""
    hits = similarity.search(committee_id, text=text, title=title, top=8, exclude=exclude,
                             kinds=kinds)
    scores = {kind: {h.ref[1]: h.score for h in hits if h.ref[0] == kind} for kind in kinds}
    handled = (Assignment.objects.filter(committee_id=committee_id, role__in=LEAD_ROLES)
               .exclude(status=AssignmentStatus.RETURNED))
    if scores.get("proposal"):
        for pid, unit_id, name, number in handled.filter(
                case__proposal_id__in=scores["proposal"]).values_list(
                "case__proposal_id", "unit_id", "case__proposal__title",
                "case__proposal__official_number"):
            score = scores["proposal"][pid]
            where = f"{number}号，" if number else ""
            evidence.credit(unit_id, SIMILAR_WEIGHT * score, "similar",
                            f"相似提案《{name}》（{where}相似度{score:.0%}）由该单位办理")
    if scores.get("opinion"):
        for oid, unit_id, name in handled.filter(
                case__opinion_id__in=scores["opinion"]).values_list(
                "case__opinion_id", "unit_id", "case__opinion__title"):
            score = scores["opinion"][oid]
            evidence.credit(unit_id, SIMILAR_WEIGHT * score, "similar",
                            f"相似社情民意《{name}》（相似度{score:.0%}）转由该单位办理")


def _category_evidence(proposal: Proposal, credit) -> None:
    """Credit units by the share of the category's earlier cases they handled."""
    if not proposal.category_id:
        return
    earlier = (Assignment.objects.filter(committee_id=proposal.committee_id, role__in=LEAD_ROLES,
                                         case__proposal__category_id=proposal.category_id)
               .exclude(status=AssignmentStatus.RETURNED)
               .exclude(case__proposal_id=proposal.pk))
    total = earlier.values("case_id").distinct().count()
    if not total:
        return
    name = proposal.category.name
    for row in earlier.values("unit_id").annotate(n=Count("case_id", distinct=True)):
        credit(row["unit_id"], CATEGORY_WEIGHT * row["n"] / total, "category",
               f"「{name}」类提案历来{total}件中{row['n']}件由该单位办理")
