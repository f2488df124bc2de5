"""Hash character n-grams of matching keys and pick winnowed fingerprints, vectorised with numpy."""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

_PRIME = np.uint64(0x100000001B3)
_MIX1 = np.uint64(0xFF51AFD7ED558CCD)
_MIX2 = np.uint64(0xC4CEB9FE1A85EC53)
_S33 = np.uint64(33)
_S32 = np.uint64(32)


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """Return the sorted distinct values of an integer array.

    Sorting and masking neighbours is an order of magnitude faster than np.unique on 64-bit
    integers with NumPy 2.3+, whose np.unique goes through a hash table.
    """
    if len(values) < 2:
        return np.array(values, copy=True)
    s = np.sort(values)
    keep = np.empty(len(s), dtype=bool)
    keep[0] = True
    np.not_equal(s[1:], s[:-1], out=keep[1:])
    return s[keep]


def _codes(keys: list[str]) -> tuple[np.ndarray, np.ndarray]:
    # UTF-32 gives one fixed-width code per character with no Python loop over characters.
    joined = "".join(keys)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    lengths = np.fromiter((len(k) for k in keys), dtype=np.int64, count=len(keys))
    return codes, lengths


def _mix(h: np.ndarray) -> np.ndarray:
    # Murmur3's finaliser spreads the polynomial hash so that high bits are uniform.
    h = h ^ (h >> _S33)
    h = h * _MIX1
    h = h ^ (h >> _S33)
    h = h * _MIX2
    return h ^ (h >> _S33)


def gram_hashes(keys: list[str], k: int) -> tuple[np.ndarray, np.ndarray]:
    """Return (doc index, 32-bit hash) of every k-gram; a key shorter than k is one gram."""
    return hash_grams(*_codes(keys), k)


def hash_grams(codes: np.ndarray, lengths: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """gram_hashes() of keys given as concatenated code points and per-key lengths."""
    codes = codes.astype(np.uint64)
    lengths = np.asarray(lengths, dtype=np.int64)
    n = len(codes)
    starts = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    if n == 0:
        return np.zeros(0, np.int32), np.zeros(0, np.uint32)
    padded = np.concatenate([codes, np.zeros(k, dtype=np.uint64)])
    with np.errstate(over="ignore"):
        h = np.zeros(n, dtype=np.uint64)
        for j in range(k):
            h = h * _PRIME + padded[j : j + n]
        h = _mix(h)
    doc = np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)
    pos = np.arange(n, dtype=np.int64) - starts[doc]
    n_grams = np.maximum(lengths - k + 1, np.minimum(lengths, 1))
    valid = pos < n_grams[doc]
    short = lengths[doc] < k
    if short.any():
        # A short key's single gram covers only its own characters, so mask the spill-over.
        idx = np.flatnonzero(short & valid)
        h[idx] = _short_hash(codes, starts, doc[idx])
    return doc[valid], (h[valid] >> _S32).astype(np.uint32)


def _short_hash(codes: np.ndarray, starts: np.ndarray, docs: np.ndarray) -> np.ndarray:
    out = np.empty(len(docs), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i, d in enumerate(docs):
            h = np.uint64(0)
            for c in codes[starts[d] : starts[d + 1]]:
                h = h * _PRIME + c
            out[i] = _mix(np.array([h], dtype=np.uint64))[0]
    return out


def fingerprints(keys: list[str], k: int, window: int) -> tuple[np.ndarray, np.ndarray]:
    """Return unique (doc index, hash) winnowed fingerprints: the minimum of each window of grams."""
    doc, h = gram_hashes(keys, k)
    return winnow(doc, h, len(keys), window)


def winnow(
    doc: np.ndarray, h: np.ndarray, n_docs: int, window: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return the fingerprints of the grams hash_grams() gave for n_docs keys."""
    if len(h) == 0:
        return doc, h
    if len(h) >= window:
        mins = sliding_window_view(h, window).min(axis=1)
        same_doc = doc[: len(doc) - window + 1] == doc[window - 1 :]
        sel_doc = doc[: len(doc) - window + 1][same_doc]
        sel_h = mins[same_doc]
    else:
        sel_doc = np.zeros(0, np.int32)
        sel_h = np.zeros(0, np.uint32)
    # Documents with fewer grams than a window contribute their overall minimum.
    counts = np.bincount(doc, minlength=n_docs)
    short_docs = np.flatnonzero((counts > 0) & (counts < window))
    if len(short_docs):
        first = np.searchsorted(doc, short_docs)
        sel_doc = np.concatenate([sel_doc, short_docs.astype(np.int32)])
        sel_h = np.concatenate(
            [
                sel_h,
                np.minimum.reduceat(h, first)
                if len(first) == 1
                else _reduce_min(h, doc, short_docs),
            ]
        )
    combined = sorted_unique((sel_doc.astype(np.uint64) << _S32) | sel_h.astype(np.uint64))
    return (combined >> _S32).astype(np.int32), (combined & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def _reduce_min(h: np.ndarray, doc: np.ndarray, docs: np.ndarray) -> np.ndarray:
    out = np.empty(len(docs), dtype=np.uint32)
    for i, d in enumerate(docs):
        lo, hi = np.searchsorted(doc, [d, d + 1])
        out[i] = h[lo:hi].min()
    return out


def gram_set(key: str, k: int) -> np.ndarray:
    """Return the sorted unique gram hashes of one key."""
    _, h = gram_hashes([key], k)
    return sorted_unique(h)
