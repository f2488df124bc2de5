"""信息质量提示: advice on a 社情民意 draft (textintel.draft_hints.item_hints) — 一事一报, 情况,
分析 and 建议, a concise length — for the writer while drafting, and for the writer and the
information office on the item page."""

from xieshang.textintel.draft_hints import Hint, item_hints

# Drafts are cut to this many characters per field before they are read.
HINT_CHARS = 20000


def hints_for_text(*, title: str, situation: str, analysis: str, suggestions: str) -> list[Hint]:
    """Return the hints for a draft item's text as typed."""
    return item_hints(title[:200], situation[:HINT_CHARS], analysis[:HINT_CHARS],
                      suggestions[:HINT_CHARS])


def hints_for(opinion) -> list[Hint]:
    """Return the hints for a stored item."""
    return item_hints(opinion.title, opinion.situation, opinion.analysis, opinion.suggestions)
