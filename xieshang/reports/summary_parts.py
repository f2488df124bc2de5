"""The pieces of a work summary's text: a `Figure` (one number, its key and where to check
it), a paragraph of text and figures, a section; and the link to the records behind a figure."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from xieshang.handling.stats import TRACEABLE as HANDLING_TRACEABLE
from xieshang.organization.models import Session

from .summary_terms import term

INTAKE_TRACEABLE = ("submitted", "accepted", "refused", "converted", "merged", "withdrawn",
                    "pending")
TRACEABLE = (*INTAKE_TRACEABLE, *HANDLING_TRACEABLE)


@dataclass(frozen=True)
class Figure:
    """One number of the text: as printed, the key it comes from, and where to check it."""

    text: str
    key: str
    link: str | None = None

    @property
    def label(self) -> str:
        return term(self.key)[0]

    @property
    def definition(self) -> str:
        return term(self.key)[1]


Piece = str | Figure


@dataclass
class Section:
    heading: str
    paragraphs: list[list[Piece]] = field(default_factory=list)


def trace_link(figure: str, year: int, session: Session | None = None) -> str:
    period = {"session": session.pk} if session is not None else {"year": year}
    return reverse("reports:trace") + "?" + urlencode({**period, "figure": figure})
