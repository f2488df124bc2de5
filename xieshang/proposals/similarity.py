"""Near-duplicates of proposals: a per-committee in-memory index and the selectors that read it.

Each process keeps one index per committee, built on first use from the committee's submitted
(non-draft) proposals of every session and their passed replies. Before every query each source
answers one aggregate query (row count, latest change, highest id); when that differs from what
the index last saw, the (id, stamp) pairs of rows stamped since shortly before the last change
seen are compared with the index and only rows whose stamp differs are re-read; the whole source
is re-read if the counts still disagree. Services also mark the proposals they change once the
transaction commits (`mark_changed`), so an edit made under a frozen clock is not missed in this
process.

Two indexes are kept: the full texts (title core + 情况与分析 + 具体建议, and reply bodies) on
character 5-grams, which finds copies, re-punctuated, traditional-script and truncated versions;
and the title cores (「关于」 and 「的建议」 removed) on character 3-grams, which finds a title
that says nearly the same thing in slightly different words while the member is still typing.

A source is a small object with `name`, `prefix`, `kind`, `version(committee_id)`,
`stamps(committee_id, since)` and `docs(committee_id, ids=...)`; hits point at `(kind, id)`
references. Three sources are indexed: proposals, passed replies to proposals (a hit points at
the proposal), and 社情民意 items (kind "opinion"). A query names the kinds it wants; by
default only proposals, so proposal-only callers (review, merging, routing) are unchanged.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol

from django.apps import apps
from django.db.models import Count, Max
from django.urls import reverse

from xieshang.accounts.models import User
from xieshang.textintel.normalize import to_simplified
from xieshang.textintel.similar import SimilarityIndex

from . import permissions
from .models import Proposal
from .workflow import IN_REVIEW, Status

# Scores below these are not shown: unrelated proposals of one committee score ≈ 0.02–0.08 on
# text (shared phrases such as 我市 or 建议如下); on 600 real message titles, title pairs
# scoring 0.4–0.5 were mostly the same matter and pairs below 0.35 mostly not.
TEXT_MIN = 0.15
TITLE_MIN = 0.4
REPLY_MIN = 0.25
# Draft queries are cut to this many characters: enough to find a copy, and quick.
QUERY_CHARS = 4000
# Rows stamped this long before the latest change seen are compared again on refresh.
LATE_COMMITS = timedelta(minutes=10)

_TITLE_HEAD = re.compile(r"^\s*关于")
_TITLE_TAIL = re.compile(r"(?:的)?(?:提案|意见建议|建议案|建议)\s*$")


def title_core(title: str) -> str:
    """Return the title without the 「关于」 head and 「的建议」 tail every proposal title shares."""
    title = to_simplified((title or "").strip())
    return _TITLE_TAIL.sub("", _TITLE_HEAD.sub("", title)).strip()


def proposal_text(title: str, reasons: str = "", suggestions: str = "") -> str:
    """Return the text a proposal is indexed and queried by."""
    return "\n".join(t for t in (title_core(title), reasons or "", suggestions or "") if t)


# -- sources -----------------------------------------------------------------------------------


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
PROPOSALS = ("proposal",)
EVERYTHING = ("proposal", "opinion")


# -- the index of one committee ------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    """The best evidence that a referenced item says nearly the same thing as the query."""

    ref: tuple[str, int]
    score: float
    text_score: float = 0.0
    title_score: float = 0.0
    reply_score: float = 0.0
    passages: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def reasons(self) -> list[str]:
        """Return what matched, in Chinese, strongest first."""
        found = [(self.text_score, TEXT_MIN, "内容重合"), (self.title_score, TITLE_MIN, "案由相近"),
                 (self.reply_score, REPLY_MIN, "与其答复相近")]
        return [label for s, floor, label in sorted(found, key=lambda t: -t[0]) if s >= floor]


class CommitteeIndex:
    """The texts of one committee, kept current with the database before each query."""

    def __init__(self, committee_id: int) -> None:
        self.committee_id = committee_id
        self.text = SimilarityIndex(gram=5, window=6)
        self.titles = SimilarityIndex(gram=3, window=1)
        self.lock = threading.Lock()
        self.versions: dict[str, tuple] = {}
        self.keys: dict[str, set[str]] = {s.name: set() for s in SOURCES}
        self.ref_keys: dict[tuple[str, int], set[str]] = {}
        self.key_ref: dict[str, tuple[str, int]] = {}
        self.key_via: dict[str, str] = {}
        self.key_stamp: dict[str, object] = {}
        self.dirty: dict[str, set[int]] = {}

    # -- keeping current ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Bring every source up to date: changed rows only, everything when counts disagree."""
        for source in SOURCES:
            version = source.version(self.committee_id)
            seen = self.versions.get(source.name)
            dirty = self.dirty.pop(source.name, set())
            if seen == version and not dirty:
                continue
            if seen is None or seen[1] is None or seen[0] > version[0]:
                self._reload(source)
            else:
                changed = set(dirty)
                if seen != version:
                    # A transaction that stamped its rows earlier may commit after our last look.
                    for pk, stamp in source.stamps(self.committee_id, seen[1] - LATE_COMMITS):
                        if self.key_stamp.get(f"{source.prefix}:{pk}") != stamp:
                            changed.add(pk)
                if changed:
                    self._put(source, source.docs(self.committee_id, ids=changed))
                if len(self.keys[source.name]) != version[0]:
                    self._reload(source)
            self.versions[source.name] = version

    def _reload(self, source: Source) -> None:
        for key in list(self.keys[source.name]):
            self._drop(source, key)
        self._put(source, source.docs(self.committee_id))

    def _drop(self, source: Source, key: str) -> None:
        self.text.remove(key)
        self.titles.remove(key)
        self.keys[source.name].discard(key)
        ref = self.key_ref.pop(key, None)
        self.key_via.pop(key, None)
        self.key_stamp.pop(key, None)
        if ref is not None:
            self.ref_keys.get(ref, set()).discard(key)

    def _put(self, source: Source, docs: list[Doc]) -> None:
        if not docs:
            return
        unique = {d.key: d for d in docs}
        docs = list(unique.values())
        for d in docs:
            if d.key in self.key_ref:
                self._drop(source, d.key)
        self.text.add_many([d.key for d in docs], [d.text for d in docs])
        titled = [d for d in docs if d.title]
        if titled:
            self.titles.add_many([d.key for d in titled], [d.title for d in titled])
        for d in docs:
            self.keys[source.name].add(d.key)
            self.key_ref[d.key] = d.ref
            self.key_via[d.key] = d.via
            self.key_stamp[d.key] = d.stamp
            self.ref_keys.setdefault(d.ref, set()).add(d.key)

    # -- reading -------------------------------------------------------------------------------

    def stored_text(self, ref: tuple[str, int]) -> str | None:
        prefix = {"proposal": "p", "opinion": "o"}.get(ref[0])
        return self.text.text(f"{prefix}:{ref[1]}") if prefix else None

    def search(self, text: str, title: str = "", *, top: int = 8,
               exclude: Iterable[tuple[str, int]] = (), passages: bool = False,
               kinds: Collection[str] = PROPOSALS) -> list[Hit]:
        """Return the best references of the given kinds for a text and a title core."""
        skip = {k for ref in exclude for k in self.ref_keys.get(ref, ())}
        for source in SOURCES:
            if source.kind not in kinds:
                skip |= self.keys[source.name]
        best: dict[tuple[str, int], dict] = {}

        def note(ref, kind: str, score: float, match=None) -> None:
            row = best.setdefault(ref, {"text": 0.0, "title": 0.0, "reply": 0.0, "match": None})
            if score > row[kind]:
                row[kind] = score
                if kind == "text":
                    row["match"] = match

        if text:
            for m in self.text.query(text, top=top * 3, min_score=min(TEXT_MIN, REPLY_MIN),
                                     spans=passages, exclude=skip):
                kind = "reply" if self.key_via.get(m.id) == "reply" else "text"
                if m.score >= (REPLY_MIN if kind == "reply" else TEXT_MIN):
                    note(self.key_ref[m.id], kind, m.score, m)
        if title:
            for m in self.titles.query(title, top=top * 2, min_score=TITLE_MIN, spans=False,
                                       exclude=skip):
                note(self.key_ref[m.id], "title", m.score)
        hits = []
        for ref, row in best.items():
            found = []
            if passages and row["match"] is not None:
                found = _passages(self.text.text(row["match"].id) or "", row["match"].spans)
            hits.append(Hit(ref, max(row["text"], row["title"], row["reply"]), row["text"],
                            row["title"], row["reply"], found))
        hits.sort(key=lambda h: (-h.score, h.ref))
        return hits[:top]


def _passages(text: str, spans, *, context: int = 24, limit: int = 3
              ) -> list[tuple[str, str, str]]:
    """Return (before, shared passage, after) excerpts of the longest shared passages."""
    chosen = sorted(spans, key=lambda s: -(s.b_end - s.b_start))[:limit]
    out = []
    for s in sorted(chosen, key=lambda s: s.b_start):
        lo = max(0, s.b_start - context)
        hi = min(len(text), s.b_end + context)
        before = ("…" if lo > 0 else "") + text[lo:s.b_start]
        after = text[s.b_end:hi] + ("…" if hi < len(text) else "")
        out.append((before, text[s.b_start:s.b_end], after))
    return out


_INDEXES: dict[int, CommitteeIndex] = {}
_INDEXES_LOCK = threading.Lock()


def committee_index(committee_id: int) -> CommitteeIndex:
    """Return this process's index of the committee (not yet refreshed)."""
    with _INDEXES_LOCK:
        index = _INDEXES.get(committee_id)
        if index is None:
            index = _INDEXES[committee_id] = CommitteeIndex(committee_id)
        return index


def mark_changed(committee_id: int, proposal_id: int, *, source: str = "proposal") -> None:
    """Have the next query re-read a proposal (or another source's row) that just changed."""
    index = _INDEXES.get(committee_id)
    if index is not None:
        with index.lock:
            index.dirty.setdefault(source, set()).add(proposal_id)


def forget(committee_id: int | None = None) -> None:
    """Drop the in-memory index of a committee (all committees when None)."""
    with _INDEXES_LOCK:
        if committee_id is None:
            _INDEXES.clear()
        else:
            _INDEXES.pop(committee_id, None)


def search(committee_id: int, *, text: str, title: str = "", top: int = 8,
           exclude: Iterable[tuple[str, int]] = (), passages: bool = False,
           kinds: Collection[str] = PROPOSALS) -> list[Hit]:
    """Return the committee's items of the given kinds most like the text, after a refresh."""
    index = committee_index(committee_id)
    with index.lock:
        index.refresh()
        return index.search(text[:QUERY_CHARS], title, top=top, exclude=exclude,
                            passages=passages, kinds=kinds)


def search_many(committee_id: int, ids: list[int], *, top: int = 3, kind: str = "proposal",
                kinds: Collection[str] = PROPOSALS) -> dict[int, list[Hit]]:
    """Return the nearest other items (of `kinds`) of several indexed items of one `kind`, by
    their stored texts."""
    index = committee_index(committee_id)
    prefix = {"proposal": "p", "opinion": "o"}[kind]
    out: dict[int, list[Hit]] = {}
    with index.lock:
        index.refresh()
        for i in ids:
            text = index.stored_text((kind, i))
            if text is None:
                continue
            out[i] = index.search(text, index.titles.text(f"{prefix}:{i}") or "", top=top,
                                  exclude=[(kind, i)], kinds=kinds)
    return out


# -- selectors -----------------------------------------------------------------------------------


@dataclass
class SimilarRow:
    """A similar proposal as one user may see it."""

    proposal: Proposal
    hit: Hit
    can_view: bool
    url: str | None
    reply_url: str | None
    reply_label: str
    same_session: bool = False
    mergeable: bool = False
    kind = "proposal"

    @property
    def number(self) -> str:
        return self.proposal.official_number or self.proposal.receipt_number

    @property
    def percent(self) -> int:
        return round(self.hit.score * 100)


@dataclass
class _Loaded:
    proposals: dict[int, Proposal]
    cases: dict[int, int]
    classes: dict[int, list[str]]
    published: set[int]


def _load(user: User, ids: list[int]) -> _Loaded:
    """Load the proposals behind hits, their cases, passed replies and publications (5 queries)."""
    proposals = {
        p.pk: p
        for p in Proposal.objects.filter(committee_id=user.committee_id, pk__in=ids)
        .exclude(status=Status.DRAFT)
        .select_related("session", "category", "committee")
        .prefetch_related("proposers")
    }
    reply = apps.get_model("handling", "Reply")
    case = apps.get_model("handling", "HandlingCase")
    publication = apps.get_model("publishing", "Publication")
    cases = dict(case.objects.filter(proposal_id__in=ids).values_list("proposal_id", "pk"))
    classes: dict[int, list[str]] = {}
    for pid, code in (reply.objects.filter(assignment__case__proposal_id__in=ids,
                                           status="passed")
                      .order_by("assignment_id", "round")
                      .values_list("assignment__case__proposal_id", "result_class__code")):
        classes.setdefault(pid, []).append(code or "")
    published = set(publication.objects.filter(proposal_id__in=ids, status="published")
                    .values_list("proposal_id", flat=True))
    return _Loaded(proposals, cases, classes, published)


def _row(user: User, hit: Hit, loaded: _Loaded, anchor: Proposal | None = None
         ) -> SimilarRow | None:
    """Decide what of one similar proposal the user may see."""
    p = loaded.proposals.get(hit.ref[1]) if hit.ref[0] == "proposal" else None
    if p is None:
        return None
    visible = permissions.can_view(user, p)
    reply_url = None
    label = ""
    if p.pk in loaded.classes:
        codes = sorted({c for c in loaded.classes[p.pk] if c})
        label = "已答复" + (f"（{'、'.join(codes)}类）" if codes else "")
        if visible and p.pk in loaded.cases:
            reply_url = reverse("handling:case", args=[loaded.cases[p.pk]])
        elif p.pk in loaded.published:
            reply_url = reverse("publishing:detail",
                                kwargs={"slug": p.committee.slug, "proposal_id": p.pk})
    same = anchor is not None and p.session_id == anchor.session_id
    return SimilarRow(
        proposal=p,
        # Passages quote the other proposal's text: only for those the user may open.
        hit=hit if visible else Hit(hit.ref, hit.score, hit.text_score, hit.title_score,
                                    hit.reply_score),
        can_view=visible,
        url=reverse("proposals:detail", args=[p.pk]) if visible else None,
        reply_url=reply_url, reply_label=label, same_session=same,
        mergeable=same and p.status in (*IN_REVIEW, Status.ACCEPTED),
    )


@dataclass
class SimilarOpinionRow:
    """A similar 社情民意 item as one user may see it."""

    opinion: object
    hit: Hit
    can_view: bool
    url: str | None
    # Other members' items with the same title folded into this row (fold_copies), this one too.
    copies: int = 1
    kind = "opinion"

    @property
    def percent(self) -> int:
        return round(self.hit.score * 100)

    @property
    def year(self) -> int | None:
        first = self.opinion.first_submitted_at
        return first.year if first else None


def _opinion_rows(user: User, hits: list[Hit]) -> dict[int, SimilarOpinionRow]:
    """Decide what of each similar 社情民意 item the user may see (one query for the rows).

    Items the user may open show everything; others only once used (录用), by title, status and
    year, without passages: items still in check, kept or returned are the office's business.
    """
    from xieshang.opinions import permissions as opinion_permissions
    from xieshang.opinions.workflow import USED_STATES

    ids = sorted({h.ref[1] for h in hits if h.ref[0] == "opinion"})
    if not ids:
        return {}
    opinion = apps.get_model("opinions", "Opinion")
    rows = {}
    for o in (opinion.objects.filter(committee_id=user.committee_id, pk__in=ids)
              .exclude(status="draft").prefetch_related("authors__reporter")):
        hit = next(h for h in hits if h.ref == ("opinion", o.pk))
        visible = opinion_permissions.can_view(user, o)
        if not visible and o.status not in USED_STATES:
            continue
        rows[o.pk] = SimilarOpinionRow(
            opinion=o,
            hit=hit if visible else Hit(hit.ref, hit.score, hit.text_score, hit.title_score),
            can_view=visible, url=reverse("opinions:detail", args=[o.pk]) if visible else None)
    return rows


def _hydrate(user: User, hits: list[Hit], *, anchor: Proposal | None = None) -> list:
    """Turn hits into rows the user may see: SimilarRow for proposals, SimilarOpinionRow else."""
    if not hits:
        return []
    loaded = _load(user, sorted({h.ref[1] for h in hits if h.ref[0] == "proposal"}))
    opinions = _opinion_rows(user, hits)
    out = []
    for h in hits:
        row = (opinions.get(h.ref[1]) if h.ref[0] == "opinion"
               else _row(user, h, loaded, anchor))
        if row is not None:
            out.append(row)
    return out


def similar_for_draft(*, user: User, title: str, reasons: str = "", suggestions: str = "",
                      exclude_id: int | None = None, top: int = 6, drafting: str = "proposal",
                      kinds: Collection[str] = EVERYTHING) -> list:
    """Return earlier proposals and 社情民意 items that say nearly what a user is drafting.

    `drafting` is the kind of the draft ("proposal", or "opinion" with 情况 and 分析 as
    `reasons`); `exclude_id` is the draft's own id when it was saved before. Other proposers'
    proposals show their number, title, status, session and score, and a link to the reply
    only when it is published; passages are shown only of proposals the user may open.
    社情民意 items are shown as `_opinion_rows` decides. Drafts are never indexed.
    """
    if drafting == "opinion":
        text, core = opinion_text(title, reasons, "", suggestions), opinion_title_core(title)
    else:
        text, core = proposal_text(title, reasons, suggestions), title_core(title)
    if len(text) < 4:
        return []
    exclude = [(drafting, exclude_id)] if exclude_id else []
    hits = search(user.committee_id, text=text, title=core, top=top * 3, exclude=exclude,
                  kinds=kinds)
    return sorted(fold_copies(_hydrate(user, hits)), key=_draft_order)[:top]


def _draft_order(row) -> tuple:
    """Order the drafting panel by score; among equal scores, what the writer can build on first.

    A proposal whose reply the writer may read comes before one with a reply only counted, which
    comes before one without a reply (withdrawn, not accepted, still in handling); then the
    latest year first, as its answer is the current one. Equal scores are common: six proposals
    titled 关于老旧小区加装电梯的建议 all score the same against a typed title.
    """
    if row.kind == "proposal":
        use = 0 if row.reply_url else 1 if row.reply_label else 2
        year = row.proposal.session.year if row.proposal.session_id else 0
    else:
        use, year = 2, row.year or 0
    return (-row.percent, use, -year)


def fold_copies(rows: list) -> list:
    """Fold 社情民意 items the user may not open that share a title and a year into the first.

    Several members often report one matter under one title; shown by title, status and year
    only, they read as the same line repeated and push everything else off the drafting panel.
    The folded row counts them (`copies`).
    """
    out, first = [], {}
    for row in rows:
        if row.kind == "opinion" and not row.can_view:
            key = (row.opinion.title.strip(), row.year)
            if key in first:
                first[key].copies += 1
                continue
            first[key] = row
        out.append(row)
    return out


def similar_for_opinion(*, user: User, opinion, top: int = 6) -> list:
    """Return proposals and other 社情民意 items like an item, for the information office."""
    from xieshang.opinions import permissions as opinion_permissions

    if not opinion_permissions.is_office(user) or opinion.committee_id != user.committee_id:
        return []
    text = opinion_text(opinion.title, opinion.situation, opinion.analysis, opinion.suggestions)
    exclude = [("opinion", opinion.pk)]
    if opinion.proposal_id:
        exclude.append(("proposal", opinion.proposal_id))
    hits = search(user.committee_id, text=text, title=opinion_title_core(opinion.title),
                  top=top, exclude=exclude, kinds=EVERYTHING, passages=True)
    return _hydrate(user, hits)


def duplicates_for_review(*, user: User, proposal: Proposal, top: int = 5) -> list[SimilarRow]:
    """Return likely duplicates and merge candidates of a proposal, same session first."""
    if not permissions.can_review_queue(user):
        return []
    hits = search(proposal.committee_id,
                  text=proposal_text(proposal.title, proposal.reasons, proposal.suggestions),
                  title=title_core(proposal.title), top=top * 2,
                  exclude=[("proposal", proposal.pk)], passages=True)
    rows = _hydrate(user, hits, anchor=proposal)
    rows.sort(key=lambda r: (not r.same_session, -r.hit.score))
    return rows[:top]


def opinion_duplicate_badges(*, user: User, opinion_ids: list[int]) -> dict[int, object]:
    """Return, for 社情民意 items of the office's list, the most similar other item or proposal
    of each. An item converted from a proposal is indexed as that proposal: it is compared by the
    proposal's text, and never found itself."""
    from xieshang.opinions import permissions as opinion_permissions

    if not opinion_permissions.is_office(user) or not opinion_ids:
        return {}
    opinion = apps.get_model("opinions", "Opinion")
    converted = dict(opinion.objects.filter(committee_id=user.committee_id, pk__in=opinion_ids,
                                            proposal__isnull=False)
                     .values_list("pk", "proposal_id"))
    found = search_many(user.committee_id, [i for i in opinion_ids if i not in converted],
                        top=1, kind="opinion", kinds=EVERYTHING)
    via = search_many(user.committee_id, list(converted.values()), top=1, kinds=EVERYTHING)
    found.update({oid: via[pid] for oid, pid in converted.items() if pid in via})
    best = {oid: hs[0] for oid, hs in found.items() if hs}
    rows = {row.hit.ref: row for row in _hydrate(user, list(best.values()))}
    return {oid: rows[hit.ref] for oid, hit in best.items() if hit.ref in rows}


def duplicate_badges(*, user: User, proposal_ids: list[int]) -> dict[int, SimilarRow]:
    """Return, for proposals of a review list, the most similar other proposal of each."""
    if not permissions.can_review_queue(user) or not proposal_ids:
        return {}
    best = {pid: hs[0] for pid, hs in search_many(user.committee_id, proposal_ids,
                                                      top=1).items() if hs}
    loaded = _load(user, sorted({h.ref[1] for h in best.values()}))
    rows = {pid: _row(user, hit, loaded) for pid, hit in best.items()}
    return {pid: row for pid, row in rows.items() if row is not None}
