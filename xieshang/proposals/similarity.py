"""Near-duplicates of proposals: a per-committee in-memory index of its texts.

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

The sources are in `similarity_sources`; what one user may see of the hits (the drafting panel,
the review queue's candidates, the 社情民意 office's badges) is in `similar_rows`. A query names
the kinds it wants; by default only proposals, so proposal-only callers (review, merging,
routing) are unchanged.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from xieshang.textintel.align import shared_spans
from xieshang.textintel.similar import SimilarityIndex

from .similarity_sources import SOURCES, Doc, Source

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


def _excerpt(text: str, start: int, end: int, context: int, floor: int = 0
             ) -> tuple[str, str, str]:
    """Return (before, text[start:end], after) with `context` characters each side, not
    reaching before `floor`; … marks text left out."""
    lo = max(floor, start - context)
    hi = min(len(text), end + context)
    return (("…" if lo > floor else "") + text[lo:start], text[start:end],
            text[end:hi] + ("…" if hi < len(text) else ""))


def _passages(text: str, spans, *, context: int = 24, limit: int = 3
              ) -> list[tuple[str, str, str]]:
    """Return (before, shared passage, after) excerpts of the longest shared passages."""
    chosen = sorted(spans, key=lambda s: -(s.b_end - s.b_start))[:limit]
    return [_excerpt(text, s.b_start, s.b_end, context)
            for s in sorted(chosen, key=lambda s: s.b_start)]


@dataclass(frozen=True)
class Overlap:
    """The longest passage a draft shares with the body (not the title) of an indexed item."""

    before: str
    shared: str
    after: str
    # The same passage as the draft has it (it may differ in punctuation or script).
    draft: str
    # Where the shared passage starts in the item's body (after its title line).
    body_offset: int


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def body_overlap(committee_id: int, ref: tuple[str, int], text: str, *, context: int = 12,
                 limit: int = 60) -> Overlap | None:
    """Return the longest passage `text` shares with the body of an indexed item, or None.

    The indexed text is the title core, a line break, then the body; a passage within the title
    line only is what 案由相近 already says. Excerpts are cut to `limit` characters.
    """
    prefix = {"proposal": "p", "opinion": "o"}.get(ref[0])
    if prefix is None:
        return None
    index = committee_index(committee_id)
    with index.lock:
        stored = index.text.text(f"{prefix}:{ref[1]}")
        title = index.titles.text(f"{prefix}:{ref[1]}") or ""
    if not stored or not text:
        return None
    body_start = len(title) + 1 if title and stored.startswith(title + "\n") else 0
    spans = [s for s in shared_spans(text[:QUERY_CHARS], stored) if s.b_end > body_start]
    if not spans:
        return None
    s = max(spans, key=lambda s: (s.b_end - max(s.b_start, body_start), -s.b_start))
    cut = max(0, body_start - s.b_start)  # a passage running on from the title line
    b_start, a_start = s.b_start + cut, min(s.a_start + cut, s.a_end)
    before, shared, after = _excerpt(stored, b_start, s.b_end, context, floor=body_start)
    return Overlap(
        before=before,
        shared=_clip(shared, limit),
        after="" if len(shared) > limit else after,
        draft=_clip(text[a_start:s.a_end], limit),
        body_offset=b_start - body_start,
    )


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
