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
    key_a, off_a = canonical_with_offsets(a)
    key_b, off_b = canonical_with_offsets(b)
    runs = key_spans(key_a, key_b, min_len=min_len, gram=gram, max_positions=max_positions)
    return [
        Span(int(off_a[s]), int(off_a[s + n - 1]) + 1, int(off_b[t]), int(off_b[t + n - 1]) + 1)
        for s, t, n in runs
    ]


def key_spans(
    key_a: str, key_b: str, *, min_len: int = 8, gram: int = 4, max_positions: int = 8
) -> list[tuple[int, int, int]]:
    """Return (start in a, start in b, length) of maximal common runs between two keys."""
    if len(key_a) < gram or len(key_b) < gram:
        return []
    where: dict[str, list[int]] = {}
    for j in range(len(key_b) - gram + 1):
        positions = where.setdefault(key_b[j : j + gram], [])
        # Highly repeated grams (e.g. 啊啊啊啊) would make runs quadratic; a few positions suffice.
        if len(positions) < max_positions:
            positions.append(j)
    active: dict[int, tuple[int, int]] = {}
    runs: list[tuple[int, int, int]] = []
    for i in range(len(key_a) - gram + 1):
        hits = where.get(key_a[i : i + gram])
        next_active: dict[int, tuple[int, int]] = {}
        if hits:
            for j in hits:
                diag = j - i
                start = active[diag][0] if diag in active else i
                next_active[diag] = (start, i)
        for diag, (start, last) in active.items():
            if diag not in next_active:
                runs.append((start, start + diag, last - start + gram))
        active = next_active
    for diag, (start, last) in active.items():
        runs.append((start, start + diag, last - start + gram))
    runs = [r for r in runs if r[2] >= min_len]
    return _non_overlapping(runs, len(key_a), len(key_b))


def _non_overlapping(
    runs: list[tuple[int, int, int]], len_a: int, len_b: int
) -> list[tuple[int, int, int]]:
    # Longest first, so a copied paragraph wins over the stray phrases it contains.
    used_a = np.zeros(len_a, dtype=bool)
    used_b = np.zeros(len_b, dtype=bool)
    chosen = []
    for s, t, n in sorted(runs, key=lambda r: -r[2]):
        if used_a[s : s + n].any() or used_b[t : t + n].any():
            continue
        used_a[s : s + n] = True
        used_b[t : t + n] = True
        chosen.append((s, t, n))
    return sorted(chosen)
