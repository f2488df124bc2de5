"""Find the passages two texts share, as character offsets in both originals."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from xieshang.textintel.canon import canonical_with_offsets


@dataclass(frozen=True)
class Span:
    """A passage shared by two texts: [start, end) in each original text."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int

    def as_dict(self) -> dict[str, int]:
        """Return the span as a JSON-ready mapping."""
        return {
            "a_start": self.a_start,
            "a_end": self.a_end,
            "b_start": self.b_start,
            "b_end": self.b_end,
        }


def shared_spans(
    a: str, b: str, *, min_len: int = 8, gram: int = 4, max_positions: int = 8
) -> list[Span]:
    """Return non-overlapping passages of at least min_len matching characters, in a's order."""
    return keyed_spans(
        canonical_with_offsets(a), b, min_len=min_len, gram=gram, max_positions=max_positions
    )


def shared_share(a: str, b: str, *, min_len: int = 8, gram: int = 4) -> float:
    """Return the share of a's matching-key characters (punctuation, spaces and markup aside)
    that lie in passages of at least min_len characters it shares with b."""
    key_a, _ = canonical_with_offsets(a)
    if not key_a:
        return 0.0
    key_b, _ = canonical_with_offsets(b)
    return sum(n for _, _, n in key_spans(key_a, key_b, min_len=min_len, gram=gram)) / len(key_a)


def keyed_spans(
    a: tuple[str, np.ndarray],
    b: str,
    *,
    min_len: int = 8,
    gram: int = 4,
    max_positions: int = 8,
) -> list[Span]:
    """shared_spans() with a's canonical_with_offsets() computed once by the caller."""
    key_a, off_a = a
    key_b, off_b = canonical_with_offsets(b)
    runs = key_spans(key_a, key_b, min_len=min_len, gram=gram, max_positions=max_positions)
    return [
        Span(int(off_a[s]), int(off_a[s + n - 1]) + 1, int(off_b[t]), int(off_b[t + n - 1]) + 1)
        for s, t, n in runs
    ]


def key_spans(
    key_a: str, key_b: str, *, min_len: int = 8, gram: int = 4, max_positions: int = 8
) -> list[tuple[int, int, int]]:
    """Return (start in a, start in b, length) of maximal common runs between two keys.

    A run is a diagonal of consecutive shared grams; each gram of b is matched at its first
    `max_positions` places only, so highly repeated grams (e.g. 啊啊啊啊) stay cheap. Vectorised:
    the gram matches of the two keys are found by sorting, and runs by grouping the matches.
    """
    if len(key_a) < gram or len(key_b) < gram:
        return []
    ca = np.frombuffer(key_a.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    cb = np.frombuffer(key_b.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    ga, gb = _gram_ids(ca, gram), _gram_ids(cb, gram)
    order = np.argsort(gb, kind="stable")
    sb = gb[order]
    head = np.empty(len(sb), dtype=bool)
    head[0] = True
    np.not_equal(sb[1:], sb[:-1], out=head[1:])
    starts = np.flatnonzero(head)
    rank = np.arange(len(sb)) - np.repeat(starts, np.diff(np.append(starts, len(sb))))
    first = rank < max_positions
    sb, jb = sb[first], order[first]
    lo = np.searchsorted(sb, ga, side="left")
    cnt = np.searchsorted(sb, ga, side="right") - lo
    total = int(cnt.sum())
    if not total:
        return []
    i_idx = np.repeat(np.arange(len(ga)), cnt)
    within = np.arange(total) - np.repeat(np.cumsum(cnt) - cnt, cnt)
    j_idx = jb[np.repeat(lo, cnt) + within]
    same = np.ones(total, dtype=bool)
    for t in range(gram):
        # Hash equality is checked character by character, so a collision never makes a run.
        same &= ca[i_idx + t] == cb[j_idx + t]
    i_idx, j_idx = i_idx[same], j_idx[same]
    if not len(i_idx):
        return []
    diag = j_idx - i_idx
    by_diag = np.lexsort((i_idx, diag))
    i_s, d_s = i_idx[by_diag], diag[by_diag]
    brk = np.empty(len(i_s), dtype=bool)
    brk[0] = True
    brk[1:] = (d_s[1:] != d_s[:-1]) | (i_s[1:] != i_s[:-1] + 1)
    run_lo = np.flatnonzero(brk)
    run_hi = np.append(run_lo[1:], len(i_s)) - 1
    start, last, d = i_s[run_lo], i_s[run_hi], d_s[run_lo]
    length = last - start + gram
    long = length >= min_len
    start, last, d, length = start[long], last[long], d[long], length[long]
    # Longest first; among equals, the run that ended first, then the lower diagonal.
    pick = np.lexsort((d, last, -length))
    runs = [(int(start[k]), int(start[k] + d[k]), int(length[k])) for k in pick]
    return _non_overlapping(runs, len(key_a), len(key_b))


def _gram_ids(codes: np.ndarray, gram: int) -> np.ndarray:
    c = codes.astype(np.uint64)
    n = len(c) - gram + 1
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for t in range(gram):
            h = h * np.uint64(0x100000001B3) + c[t : t + n]
    return h


def _non_overlapping(
    runs: list[tuple[int, int, int]], len_a: int, len_b: int
) -> list[tuple[int, int, int]]:
    # Runs come longest first, so a copied paragraph wins over the stray phrases it contains.
    used_a = np.zeros(len_a, dtype=bool)
    used_b = np.zeros(len_b, dtype=bool)
    chosen = []
    for s, t, n in runs:
        if used_a[s : s + n].any() or used_b[t : t + n].any():
            continue
        used_a[s : s + n] = True
        used_b[t : t + n] = True
        chosen.append((s, t, n))
    return sorted(chosen)
