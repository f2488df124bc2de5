"""年度工作总结（数据初稿）: the year's work written out from the committee's own figures.

The office writes its annual summary (and the proposal committee its 提案工作情况报告) around
figures that today are counted by hand from ledgers. This writes the factual part from the
records: every number in the text is a `Figure` that carries the key of the figure it prints
(`committee_figures`, defined in `summary_terms` and docs/statistics.md) and, where one exists,
the page listing the records behind it. Sentences whose figures are all zero are left out, so
a county that runs no key proposals gets no sentence about them. The office edits the draft in
Word; the wording here only states what happened.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from xieshang.core import clock
from xieshang.core.models import Committee
from xieshang.organization.models import Session

from .figures import committee_figures
from .summary_parts import INTAKE_TRACEABLE, TRACEABLE, Figure, Section
from .summary_text import Writer

__all__ = ["INTAKE_TRACEABLE", "TRACEABLE", "Figure", "Summary", "session_report",
           "year_summary"]


@dataclass
class Summary:
    committee: Committee
    year: int
    as_of: date | None  # set while the year (or the session's work) is still running
    sections: list[Section]
    session: Session | None = None  # a session's proposal report instead of the year's summary

    @property
    def title(self) -> str:
        if self.session is not None:
            return f"关于{self.session.name}以来提案工作情况的报告（数据初稿）"
        return f"{self.committee.name}{self.year}年度工作总结（数据初稿）"

    @property
    def period(self) -> str:
        until = f"，截至{self.as_of.year}年{self.as_of.month}月{self.as_of.day}日" if self.as_of else ""
        if self.session is not None:
            return f"{self.session.name}的大会提案和平时提案{until}"
        if self.as_of is None:
            return f"{self.year}年1月1日至12月31日"
        return f"{self.year}年1月1日至{self.as_of.month}月{self.as_of.day}日"

    def terms(self) -> list[tuple[str, str, list[Figure]]]:
        """The definitions of the text's figures, one row per definition with every figure
        printed under it (the six 按提出者 counts share one row)."""
        rows: dict[tuple[str, str], list[Figure]] = {}
        for f in self.figures():
            rows.setdefault((f.label, f.definition), []).append(f)
        return [(label, definition, figs) for (label, definition), figs in rows.items()]

    def figures(self) -> list[Figure]:
        """Every distinct figure key used in the text, in order of first use."""
        seen: dict[str, Figure] = {}
        for section in self.sections:
            for para in section.paragraphs:
                for piece in para:
                    if isinstance(piece, Figure) and piece.key not in seen:
                        seen[piece.key] = piece
        return list(seen.values())


def year_summary(*, committee: Committee, year: int,
                 can_open: Callable[[str], bool] = lambda area: True) -> Summary:
    """Return the year's summary; a year that has not ended is written as of today. A figure
    links to its records only where `can_open(area)` says the reader may open that list
    (areas: `proposals`, `opinions`, `activities`, `appraisal`, `supervision`)."""
    today = clock.today()
    as_of = today if today.year == year else None
    w = Writer(committee_figures(committee=committee, year=year), year, as_of, can_open)
    sections = [w.proposals(), w.opinions(), w.activities(), w.members(), w.shortfalls()]
    return Summary(committee, year, as_of, [s for s in sections if s.paragraphs])


def session_report(*, committee: Committee, session: Session,
                   can_open: Callable[[str], bool] = lambda area: True) -> Summary:
    """Return the proposal part for one session (the 提案工作情况报告 a proposal committee gives
    at the next plenary): the proposals of that session, plenary and in-year. While no later
    session has opened, its handling is still under way and it is written as of today."""
    today = clock.today()
    later = Session.objects.filter(committee=committee, opening_date__gt=session.opening_date,
                                   opening_date__lte=today).exists()
    as_of = None if later else today
    figures = committee_figures(committee=committee, session_id=session.pk)
    w = Writer(figures, session.year, as_of, can_open, session=session)
    sections = [w.proposals("一、提案工作情况"), w.shortfalls("二、从数据看需要改进的方面",
                                                          proposals_only=True)]
    return Summary(committee, session.year, as_of, [s for s in sections if s.paragraphs],
                   session)
