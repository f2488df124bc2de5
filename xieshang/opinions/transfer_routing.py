"""Suggest the units a 社情民意 item is transferred to (转办), with the reason for each.

Evidence, weights beside handling.routing's:

- instruction: a unit that a leader's 批示 on the item names, in its 转办单位 or else in its
  text, by full name, short name or abbreviation (textintel.org_names: 市住建局 for
  市住房城乡建设局). A 批示 is an order, so it outweighs everything else;
- model: the committee's routing model (trained on its proposals' handling) on the item's text;
- similar: the units that handled the most similar proposals and transferred items;
- link: units whose 对口 special committee is the one the item came from.
"""

from __future__ import annotations

from xieshang.handling import routing
from xieshang.proposals import similarity_sources
from xieshang.textintel.org_names import named

from .models import Instruction, Opinion

INSTRUCTION_WEIGHT = 2.0


def _instruction_evidence(opinion: Opinion, evidence: routing.Evidence) -> None:
    names = {u.pk: [u.name, u.short_name] for u in evidence.units.values()}
    for i in (Instruction.objects.filter(entry__links__opinion=opinion)
              .order_by("given_on", "id")):
        who = f"{i.leader_title}{i.leader_name}（{i.given_on:%Y-%m-%d}）批示"
        ordered = named(i.transfer_to, names) if i.transfer_to else []
        said = f"转{i.transfer_to}" if ordered else i.text
        for pk in ordered or named(i.text, names):
            evidence.credit(pk, INSTRUCTION_WEIGHT, "instruction", f"{who}：{said}")


def transfer_suggestions(*, opinion: Opinion, top: int = 3) -> routing.Routing:
    """Return the most likely units for transferring a 社情民意 item, with the reasons."""
    committee = opinion.committee
    evidence = routing.Evidence(committee.pk)
    _instruction_evidence(opinion, evidence)
    text = similarity_sources.opinion_text(opinion.title, opinion.situation, opinion.analysis,
                                   opinion.suggestions)
    info = routing.model_evidence(committee, text, evidence)
    routing.similar_evidence(committee.pk, text=text,
                             title=similarity_sources.opinion_title_core(opinion.title),
                             exclude=[("opinion", opinion.pk)], evidence=evidence,
                             kinds=("proposal", "opinion"))
    if opinion.special_committee_id:
        for u in evidence.units.values():
            if u.liaison_committee_id == opinion.special_committee_id:
                evidence.credit(u.pk, routing.LINK_WEIGHT, "link",
                                f"与{opinion.special_committee.name}对口联系")
    found = evidence.ranked(top)
    if info is None:
        return routing.Routing(
            "rules", "本会尚未训练单位推荐模型，以下依据领导批示、相似提案和社情民意的办理单位、"
            "对口联系推荐（交办部门可在交办台训练）。", None, found)
    return routing.Routing("model", routing.model_note(
        info, "领导批示、相似提案和社情民意的办理单位、对口联系"), info.get("trained_at"), found)
