"""What the similarity index reads: the texts of proposals, passed replies and 社情民意 items.

A source is a small object with `name`, `prefix`, `kind`, `version(committee_id)`,
`stamps(committee_id, since)` and `docs(committee_id, ids=...)`; its `Doc`s point at `(kind, id)`
references. Three sources are indexed: proposals, passed replies to proposals (a hit points at
the proposal), and 社情民意 items (kind "opinion"). `title_core`, `proposal_text` and their
社情民意 counterparts are the texts a draft is queried by, so that a draft and the item it
repeats are compared on the same terms.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol

from django.apps import apps
from django.db.models import Count, Max

from xieshang.textintel.normalize import to_simplified

from .models import Proposal
from .workflow import Status

_TITLE_HEAD = re.compile(r"^\s*关于")
_TITLE_TAIL = re.compile(r"(?:的)?(?:提案|意见建议|建议案|建议)\s*$")


def title_core(title: str) -> str:
    """Return the title without the 「关于」 head and 「的建议」 tail every proposal title shares."""
    title = to_simplified((title or "").strip())
    return _TITLE_TAIL.sub("", _TITLE_HEAD.sub("", title)).strip()


def proposal_text(title: str, reasons: str = "", suggestions: str = "") -> str:
    """Return the text a proposal is indexed and queried by."""
    return "\n".join(t for t in (title_core(title), reasons or "", suggestions or "") if t)


@dataclass(frozen=True)
class Doc:
    """One indexed text: its key in the index, what a hit on it points to, and its texts."""

    key: str
    ref: tuple[str, int]
    text: str
    stamp: object = None
    title: str = ""
    via: str = "text"


class Source(Protocol):
    name: str
    prefix: str
    kind: str

    def version(self, committee_id: int) -> tuple: ...

    def stamps(self, committee_id: int, since) -> list[tuple[int, object]]: ...

    def docs(self, committee_id: int, ids: Collection[int] | None = None) -> list[Doc]: ...


class _Stamped:
    """A source whose rows carry a change time in `stamp_field`: its version is (count, latest
    change, highest id), and the rows changed since a moment are found by that field."""

    stamp_field = "updated_at"

    def _rows(self, committee_id: int):
        raise NotImplementedError

    def version(self, committee_id: int) -> tuple:
        agg = self._rows(committee_id).aggregate(n=Count("id"), last=Max(self.stamp_field),
                                                 top=Max("id"))
        return (agg["n"], agg["last"], agg["top"])

    def stamps(self, committee_id: int, since) -> list[tuple[int, object]]:
        return list(self._rows(committee_id).filter(**{f"{self.stamp_field}__gte": since})
                    .values_list("pk", self.stamp_field))


class ProposalSource(_Stamped):
    """Submitted proposals of every session (drafts are never indexed)."""

    name = "proposal"
    prefix = "p"
    kind = "proposal"

    def _rows(self, committee_id: int):
        return Proposal.objects.filter(committee_id=committee_id).exclude(status=Status.DRAFT)

    def docs(self, committee_id: int, ids=None) -> list[Doc]:
        qs = self._rows(committee_id)
        if ids is not None:
            qs = qs.filter(pk__in=list(ids))
        return [
            Doc(f"p:{pk}", ("proposal", pk), proposal_text(title, reasons, suggestions), stamp,
                title_core(title))
            for pk, title, reasons, suggestions, stamp in qs.values_list(
                "pk", "title", "reasons", "suggestions", "updated_at").iterator(chunk_size=2000)
        ]


class ReplySource(_Stamped):
    """Replies passed by the proposal committee; a hit points at the proposal they answer."""

    name = "reply"
    prefix = "r"
    kind = "proposal"
    stamp_field = "passed_at"

    def _rows(self, committee_id: int):
        reply = apps.get_model("handling", "Reply")
        return reply.objects.filter(committee_id=committee_id, status="passed",
                                    assignment__case__proposal__isnull=False)

    def docs(self, committee_id: int, ids=None) -> list[Doc]:
        qs = self._rows(committee_id)
        if ids is not None:
            qs = qs.filter(pk__in=list(ids))
        return [
            Doc(f"r:{pk}", ("proposal", proposal_id), body, stamp, via="reply")
            for pk, proposal_id, body, stamp in qs.values_list(
                "pk", "assignment__case__proposal_id", "body", "passed_at"
            ).iterator(chunk_size=2000)
        ]


_OPINION_TAIL = re.compile(r"(?:的)?情况反映\s*$")


def opinion_title_core(title: str) -> str:
    """Return a 社情民意 title without 「关于…的建议」 or the 「…的情况反映」 tail."""
    return _OPINION_TAIL.sub("", title_core(title)).strip()


def opinion_text(title: str, situation: str = "", analysis: str = "",
                 suggestions: str = "") -> str:
    """Return the text a 社情民意 item is indexed and queried by (its stored, cleaned text)."""
    return "\n".join(t for t in (opinion_title_core(title), situation or "", analysis or "",
                                 suggestions or "") if t)


class OpinionSource(_Stamped):
    """Submitted 社情民意 items (drafts never; items converted from a proposal are the proposal)."""

    name = "opinion"
    prefix = "o"
    kind = "opinion"

    def _rows(self, committee_id: int):
        opinion = apps.get_model("opinions", "Opinion")
        return (opinion.objects.filter(committee_id=committee_id).exclude(status="draft")
                .exclude(source_kind="converted_proposal"))

    def docs(self, committee_id: int, ids=None) -> list[Doc]:
        qs = self._rows(committee_id)
        if ids is not None:
            qs = qs.filter(pk__in=list(ids))
        return [
            Doc(f"o:{pk}", ("opinion", pk), opinion_text(title, situation, analysis, suggestions),
                stamp, opinion_title_core(title))
            for pk, title, situation, analysis, suggestions, stamp in qs.values_list(
                "pk", "title", "situation", "analysis", "suggestions", "updated_at"
            ).iterator(chunk_size=2000)
        ]


SOURCES: tuple[Source, ...] = (ProposalSource(), ReplySource(), OpinionSource())
