"""Near-duplicate search over many texts: winnowed n-gram inverted index plus exact rescoring."""

from __future__ import annotations

import json
import sys
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from xieshang.textintel.align import Span, keyed_spans
from xieshang.textintel.canon import canonical_with_offsets, key_codes
from xieshang.textintel.shingles import hash_grams, sorted_unique, winnow

FORMAT = "xieshang.textintel.similar"
VERSION = 1
_S32 = np.uint64(32)
_LOW32 = np.uint64(0xFFFFFFFF)
# Positions of the low (document) and high (fingerprint) halves of a packed uint64 in memory.
_LO, _HI = (0, 1) if sys.byteorder == "little" else (1, 0)


@dataclass(frozen=True)
class Match:
    """One search hit: its id, blended score, set overlaps and shared passages."""

    id: str
    score: float
    overlap: float
    jaccard: float
    spans: list[Span] = field(default_factory=list)

    def as_dict(self, *, with_spans: bool = True) -> dict[str, object]:
        """Return the match as a JSON-ready mapping."""
        out: dict[str, object] = {
            "id": self.id,
            "score": round(self.score, 4),
            "overlap": round(self.overlap, 4),
            "jaccard": round(self.jaccard, 4),
        }
        if with_spans:
            out["spans"] = [s.as_dict() for s in self.spans]
        return out


class SimilarityIndex:
    """Index texts by id and find their near-duplicates, robust to script, punctuation and order.

    Candidates come from an inverted index of winnowed character n-gram fingerprints (a sample of
    grams that two texts sharing any passage of gram+window-1 characters are guaranteed to share);
    candidates are then rescored exactly on all their n-grams. New texts go to a small sorted
    delta segment that is merged into the main segment when it grows.
    """

    def __init__(
        self,
        *,
        gram: int = 5,
        window: int = 6,
        store_text: bool = True,
        max_df: int = 20000,
        candidates: int = 60,
        merge_ratio: float = 0.1,
    ) -> None:
        self.gram = gram
        self.window = window
        self.store_text = store_text
        self.max_df = max_df
        self.candidates = candidates
        self.merge_ratio = merge_ratio
        self._ids: list[str | None] = []
        self._num: dict[str, int] = {}
        self._alive = array("b")
        self._fp_count = array("i")
        # Main segment: CSR from sorted fingerprint keys to document numbers.
        self._keys = np.zeros(0, np.uint32)
        self._offsets = np.zeros(1, np.int64)
        self._postings = np.zeros(0, np.int32)
        # Delta segment: packed (hash << 32 | doc) values, sorted on demand.
        self._delta_parts: list[np.ndarray] = []
        self._delta = np.zeros(0, np.uint64)
        self._delta_sorted = True
        self._text_buf: np.ndarray = np.zeros(0, np.uint8)
        self._text_extra = bytearray()
        self._text_off = array("q", [0])

    # -- writing ---------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._num)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._num

    def add(self, doc_id: str, text: str) -> None:
        """Index one text under an id, replacing any text already held under it."""
        self.add_many([doc_id], [text])

    def update(self, doc_id: str, text: str) -> None:
        """Replace the text held under an id."""
        self.add_many([doc_id], [text])

    def remove(self, doc_id: str) -> bool:
        """Forget an id; return whether it was present."""
        num = self._num.pop(doc_id, None)
        if num is None:
            return False
        self._alive[num] = 0
        self._ids[num] = None
        return True

    def add_many(self, ids: Sequence[str], texts: Sequence[str], *, batch: int = 20000) -> None:
        """Index many texts; ids already present are replaced."""
        if len(ids) != len(texts):
            raise ValueError("ids and texts differ in length")
        for lo in range(0, len(ids), batch):
            self._add_batch([str(i) for i in ids[lo : lo + batch]], texts[lo : lo + batch])
        if len(self._delta_parts) and self._delta_size() > max(
            200_000, self.merge_ratio * len(self._postings)
        ):
            self.compact()

    def _add_batch(self, ids: list[str], texts: Sequence[str]) -> None:
        for doc_id in ids:
            self.remove(doc_id)
        codes, lengths = key_codes(texts)
        doc, h = winnow(*hash_grams(codes, lengths, self.gram), len(texts), self.window)
        base = len(self._ids)
        counts = np.bincount(doc, minlength=len(texts))
        packed = (h.astype(np.uint64) << _S32) | (doc.astype(np.uint64) + np.uint64(base))
        self._delta_parts.append(packed)
        self._delta_sorted = False
        for i, doc_id in enumerate(ids):
            if doc_id in self._num:
                # Repeated id inside one batch: the later text wins.
                self._alive[self._num[doc_id]] = 0
                self._ids[self._num[doc_id]] = None
            self._num[doc_id] = base + i
            self._ids.append(doc_id)
            self._alive.append(1)
            self._fp_count.append(int(counts[i]))
            if self.store_text:
                self._text_extra += texts[i].encode("utf-8")
            self._text_off.append(len(self._text_buf) + len(self._text_extra))

    def _delta_size(self) -> int:
        return sum(len(p) for p in self._delta_parts)

    def _sorted_delta(self) -> np.ndarray:
        if not self._delta_sorted:
            self._delta = np.sort(np.concatenate([self._delta, *self._delta_parts]))
            self._delta_parts = []
            self._delta_sorted = True
        return self._delta

    def compact(self) -> None:
        """Merge the delta segment into the main one and drop postings of removed texts."""
        delta = self._sorted_delta()
        alive = np.frombuffer(self._alive, dtype=np.int8).astype(bool)
        n_main = len(self._postings)
        packed = np.empty(n_main + len(delta), dtype=np.uint64)
        # Main postings are sorted by (fingerprint, doc) and so is the delta: the stable sort
        # (a merge of two runs) of their concatenation is linear, not a full re-sort.
        packed[:n_main] = np.repeat(self._keys, np.diff(self._offsets))
        packed[:n_main] <<= _S32
        packed[:n_main] |= np.asarray(self._postings).view(np.uint32)
        packed[n_main:] = delta
        # Free the old segment before sorting: compaction of a large index is its memory peak.
        self._postings = np.zeros(0, np.int32)
        self._delta = np.zeros(0, np.uint64)
        del delta
        if not alive.all():
            # The low 32 bits of each packed value are the document number.
            packed = packed[alive[packed.view(np.uint32)[_LO::2]]]
        packed.sort(kind="stable")
        words = packed.view(np.uint32)
        hashes = words[_HI::2]
        self._postings = words[_LO::2].astype(np.int32)
        starts = np.flatnonzero(hashes[1:] != hashes[:-1]) + 1
        starts = np.concatenate([[0], starts]).astype(np.int64) if len(hashes) else starts
        self._keys = hashes[starts].copy() if len(hashes) else np.zeros(0, np.uint32)
        self._offsets = np.concatenate([starts, [len(hashes)]]).astype(np.int64)
        self._delta_sorted = True

    # -- reading ---------------------------------------------------------------------------

    def text(self, doc_id: str) -> str | None:
        """Return the stored text of an id, or None when texts are not stored."""
        num = self._num.get(doc_id)
        return None if num is None or not self.store_text else self._text_at(num)

    def _text_at(self, num: int) -> str:
        lo, hi = self._text_off[num], self._text_off[num + 1]
        n_buf = len(self._text_buf)
        if lo >= n_buf:
            return bytes(self._text_extra[lo - n_buf : hi - n_buf]).decode("utf-8")
        return self._text_buf[lo:hi].tobytes().decode("utf-8")

    def query(
        self,
        text: str,
        *,
        top: int = 10,
        min_score: float = 0.0,
        spans: bool = True,
        exclude: Iterable[str] = (),
    ) -> list[Match]:
        """Return the best matches for a text, best first."""
        q_doc, q_h = hash_grams(*key_codes([text]), self.gram)
        _, q_fp = winnow(q_doc, q_h, 1, self.window)
        if len(q_fp) == 0 or not self._num:
            return []
        q_grams = sorted_unique(q_h)
        docs, counts = self._candidates(q_grams)
        skip = {self._num[e] for e in exclude if e in self._num}
        if skip:
            keep = ~np.isin(docs, np.fromiter(skip, dtype=np.int64))
            docs, counts = docs[keep], counts[keep]
        if len(docs) == 0:
            return []
        fp_count = np.frombuffer(self._fp_count, dtype=np.int32)[docs]
        score, overlap, jaccard = _blend(counts, len(q_fp), fp_count)
        n_cand = max(self.candidates, 3 * top)
        if len(docs) > n_cand:
            best = np.argpartition(-score, n_cand - 1)[:n_cand]
            docs, score, overlap, jaccard = docs[best], score[best], overlap[best], jaccard[best]
        texts: list[str] = []
        if self.store_text:
            # Fingerprints only sample the grams; the stored texts give exact set overlaps.
            texts = [self._text_at(int(d)) for d in docs]
            score, overlap, jaccard = self._rescore(q_grams, texts)
        order = np.argsort(-score, kind="stable")[:top]
        out = []
        q_key = canonical_with_offsets(text) if spans and texts else None
        for i in order:
            if score[i] < min_score or score[i] <= 0:
                break
            hit_spans = keyed_spans(q_key, texts[i]) if q_key is not None else []
            out.append(
                Match(
                    str(self._ids[int(docs[i])]),
                    float(score[i]),
                    float(overlap[i]),
                    float(jaccard[i]),
                    hit_spans,
                )
            )
        return out

    def _candidates(self, q_grams: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        # Look up every query gram, not only the query's fingerprints: a document fingerprint
        # anywhere in the query counts, which keeps short and truncated queries findable.
        lists: list[np.ndarray] = []
        if len(self._keys):
            lo = np.searchsorted(self._keys, q_grams)
            found = self._keys[np.minimum(lo, len(self._keys) - 1)] == q_grams
            starts = self._offsets[lo[found]]
            df = self._offsets[lo[found] + 1] - starts
            # Very common fingerprints (greetings, boilerplate) cost time and carry little evidence.
            usable = df <= self.max_df
            if not usable.any() and len(df):
                usable = df <= np.sort(df)[min(2, len(df) - 1)]
            starts, df = starts[usable], df[usable]
            if len(df):
                first = np.repeat(starts - np.concatenate([[0], np.cumsum(df)[:-1]]), df)
                lists.append(self._postings[first + np.arange(int(df.sum()))])
        delta = self._sorted_delta()
        if len(delta):
            packed_lo = q_grams.astype(np.uint64) << _S32
            d_lo = np.searchsorted(delta, packed_lo)
            d_hi = np.searchsorted(delta, packed_lo | _LOW32, side="right")
            for s, e in zip(d_lo[d_hi > d_lo], d_hi[d_hi > d_lo], strict=True):
                lists.append((delta[s:e] & _LOW32).astype(np.int32))
        if not lists:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        postings = np.concatenate(lists)
        if len(postings) * 4 < len(self._ids):
            postings = np.sort(postings)
            first = np.flatnonzero(np.concatenate([[True], postings[1:] != postings[:-1]]))
            docs = postings[first]
            counts = np.diff(np.concatenate([first, [len(postings)]]))
        else:
            tally = np.bincount(postings, minlength=len(self._ids))
            docs = np.flatnonzero(tally)
            counts = tally[docs]
        alive = np.frombuffer(self._alive, dtype=np.int8)[docs].astype(bool)
        return docs[alive].astype(np.int64), counts[alive].astype(np.int64)

    def _rescore(
        self, q_grams: np.ndarray, texts: list[str]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        doc, h = hash_grams(*key_codes(texts), self.gram)
        packed = sorted_unique((doc.astype(np.uint64) << _S32) | h.astype(np.uint64))
        doc_u = (packed >> _S32).astype(np.int64)
        grams = (packed & _LOW32).astype(np.uint32)
        at = np.minimum(np.searchsorted(q_grams, grams), len(q_grams) - 1)
        hit = q_grams[at] == grams
        inter = np.bincount(doc_u[hit], minlength=len(texts)).astype(np.float64)
        size = np.bincount(doc_u, minlength=len(texts)).astype(np.float64)
        return _blend(inter, len(q_grams), size)

    # -- persistence -----------------------------------------------------------------------

    def save(self, directory: str | Path) -> None:
        """Write the index as JSON and .npy files that load without executing code."""
        path = Path(directory)
        path.mkdir(parents=True, exist_ok=True)
        self.compact()
        meta = {
            "format": FORMAT,
            "version": VERSION,
            "gram": self.gram,
            "window": self.window,
            "store_text": self.store_text,
            "max_df": self.max_df,
            "candidates": self.candidates,
            "count": len(self),
        }
        (path / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
        (path / "ids.json").write_text(json.dumps(self._ids, ensure_ascii=False), encoding="utf-8")
        np.save(path / "keys.npy", self._keys)
        np.save(path / "offsets.npy", self._offsets)
        np.save(path / "postings.npy", self._postings)
        np.save(path / "alive.npy", np.frombuffer(self._alive, dtype=np.int8))
        np.save(path / "fp_count.npy", np.frombuffer(self._fp_count, dtype=np.int32))
        np.save(path / "text_offsets.npy", np.frombuffer(self._text_off, dtype=np.int64))
        with open(path / "texts.npy", "wb") as fh:
            # Write the two text buffers as one uint8 array without joining them in memory.
            total = len(self._text_buf) + len(self._text_extra)
            np.lib.format.write_array_header_1_0(
                fh, {"descr": "|u1", "fortran_order": False, "shape": (total,)}
            )
            fh.write(self._text_buf.tobytes())
            fh.write(self._text_extra)

    @classmethod
    def load(cls, directory: str | Path, *, mmap: bool = True) -> SimilarityIndex:
        """Read an index written by save(); texts and postings are memory-mapped by default."""
        path = Path(directory)
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT or meta.get("version") != VERSION:
            raise ValueError(f"{path} is not a similarity index of version {VERSION}")
        index = cls(
            gram=int(meta["gram"]),
            window=int(meta["window"]),
            store_text=bool(meta["store_text"]),
            max_df=int(meta["max_df"]),
            candidates=int(meta["candidates"]),
        )
        mode = "r" if mmap else None

        def arr(name: str, mapped: bool = False) -> np.ndarray:
            return np.load(path / name, allow_pickle=False, mmap_mode=mode if mapped else None)

        ids = json.loads((path / "ids.json").read_text(encoding="utf-8"))
        index._ids = [None if i is None else str(i) for i in ids]
        index._num = {i: n for n, i in enumerate(index._ids) if i is not None}
        index._keys = arr("keys.npy")
        index._offsets = arr("offsets.npy")
        index._postings = arr("postings.npy", mapped=True)
        index._alive = array("b", arr("alive.npy").tobytes())
        index._fp_count = array("i", arr("fp_count.npy").astype(np.int32).tobytes())
        index._text_off = array("q", arr("text_offsets.npy").astype(np.int64).tobytes())
        index._text_buf = arr("texts.npy", mapped=True)
        return index


def _blend(
    inter: np.ndarray, q: int, size: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    # Overlap coefficient finds truncated copies; Jaccard ranks the fuller copy above them.
    inter = inter.astype(np.float64)
    size = size.astype(np.float64)
    overlap = np.minimum(inter / np.maximum(np.minimum(size, q), 1.0), 1.0)
    jaccard = np.minimum(inter / np.maximum(size + q - inter, 1.0), 1.0)
    return (overlap + jaccard) / 2.0, overlap, jaccard
