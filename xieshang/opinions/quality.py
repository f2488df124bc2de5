"""信息质量提示: advice on a 社情民意 draft (textintel.draft_hints.item_hints) — 一事一报, 情况,
分析 and 建议, a concise length — for the writer while drafting, and for the writer and the
information office on the item page; on the office's edited version (edited_item_hints) while
it edits."""

from xieshang.textintel.draft_hints import Hint, edited_item_hints, item_hints

from .services import EDITED_TEXT_LIMIT

# Drafts are cut to this many characters per field before they are read.
HINT_CHARS = 20000


def hints_for_text(*, title: str, situation: str, analysis: str, suggestions: str) -> list[Hint]:
    """Return the hints for a draft item's text as typed."""
    return item_hints(title[:200], situation[:HINT_CHARS], analysis[:HINT_CHARS],
                      suggestions[:HINT_CHARS])


def hints_for_edit(*, title: str, text: str) -> list[Hint]:
    """Return the hints for the office's edited version as typed."""
    return edited_item_hints(title[:200], text[:EDITED_TEXT_LIMIT])


def hints_for(opinion) -> list[Hint]:
    """Return the hints for a stored item."""
    return item_hints(opinion.title, opinion.situation, opinion.analysis, opinion.suggestions)


def hints_in_check(*, committee_id: int, opinion_ids: list[int]) -> dict[int, list[Hint]]:
    """Return the hints of the committee's items among the ids that await the office's check
    (submitted); items past it are not in the answer."""
    from .models import Opinion
    from .workflow import Status

    rows = (Opinion.objects.filter(committee_id=committee_id, pk__in=opinion_ids,
                                   status=Status.SUBMITTED)
            .only("pk", "title", "situation", "analysis", "suggestions"))
    return {o.pk: hints_for(o) for o in rows}
