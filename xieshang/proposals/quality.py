"""提案质量提示: advice on a proposal draft against the basic requirements (textintel.draft_hints),
for the member while drafting, and for the member and the reviewers on the proposal page."""

from xieshang.textintel.draft_hints import Hint, draft_hints

from .models import Proposal

# Drafts are cut to this many characters per field before they are read: enough for any proposal.
HINT_CHARS = 20000


def hints_for_text(*, title: str, reasons: str, suggestions: str) -> list[Hint]:
    """Return the hints for a draft's text as typed."""
    return draft_hints(title[:200], reasons[:HINT_CHARS], suggestions[:HINT_CHARS])


def hints_for(proposal: Proposal) -> list[Hint]:
    """Return the hints for a stored proposal."""
    return draft_hints(proposal.title, proposal.reasons, proposal.suggestions)


def return_reason(hints: list[Hint]) -> str:
    """Return a 退回修改 reason drawn from the hints, for the reviewer to edit."""
    return "请修改完善：" + "；".join(h.message.rstrip("。") for h in hints) + "。"


def hints_by_id(*, committee_id: int, proposal_ids: list[int]) -> dict[int, list[Hint]]:
    """Return the hints of the committee's proposals among the ids (≈ 2 ms each)."""
    rows = (Proposal.objects.filter(committee_id=committee_id, pk__in=proposal_ids)
            .only("pk", "title", "reasons", "suggestions"))
    return {p.pk: hints_for(p) for p in rows}
