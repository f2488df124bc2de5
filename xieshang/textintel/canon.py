"""Reduce text to a compact matching key: simplified, width-folded, no punctuation or markup."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

import numpy as np

from xieshang.textintel.pinyin import pinyin_spans
from xieshang.textintel.resources import t2s_char_table

# Markup removed before matching; every removal is a deletion so offsets can be mapped back.
_MARKUP = re.compile(r"<[^<>\n]{0,300}>|&#?[A-Za-z0-9]{1,10};?")
# Everything that is not a letter, digit or ideograph is ignored when matching.
_NON_WORD = re.compile(r"[\W_]+")


@cache
def _key_table() -> dict[int, int]:
    table = dict(t2s_char_table())
    for c in range(0xFF01, 0xFF5F):
        table[c] = c - 0xFEE0
    for c in range(ord("A"), ord("Z") + 1):
        table[c] = c + 32
    for c in range(ord("Ａ"), ord("Ｚ") + 1):
        table[c] = c - 0xFEE0 + 32
    return table


@cache
def _code_tables() -> tuple[np.ndarray, np.ndarray]:
    # Per code point: its folded code, and whether the folded character is kept (\w minus _),
    # so a whole batch of texts is reduced to key codes by two array gathers.
    n = 0x110000
    fold = np.arange(n, dtype=np.uint32)
    table = _key_table()
    fold[np.fromiter(table.keys(), np.int64, len(table))] = np.fromiter(
        table.values(), np.uint32, len(table)
    )
    word = np.fromiter((chr(c).isalnum() for c in range(n)), dtype=bool, count=n)
    return fold, word[fold]


def _pre_key(text: str) -> str:
    if "<" in text or "&" in text:
        text = _MARKUP.sub("", text)
    if "(" in text or "（" in text:
        text = _drop_spans(text, list(pinyin_spans(text)))
    return text


def key_codes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Return the matching keys of many texts as concatenated code points and key lengths.

    Equal to the UTF-32 codes of ``"".join(canonical(t) for t in texts)``, computed with array
    lookups instead of a per-character translation.
    """
    fold, keep = _code_tables()
    pre = [_pre_key(t) for t in texts]
    raw = np.frombuffer("".join(pre).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    mask = keep[raw]
    kept = np.zeros(len(raw) + 1, dtype=np.int64)
    np.cumsum(mask, out=kept[1:])
    ends = np.cumsum(np.fromiter((len(t) for t in pre), dtype=np.int64, count=len(pre)))
    starts = ends - np.fromiter((len(t) for t in pre), dtype=np.int64, count=len(pre))
    return fold[raw[mask]], kept[ends] - kept[starts]


def canonical(text: str) -> str:
    """Return the matching key of a text."""
    return _NON_WORD.sub("", _pre_key(text).translate(_key_table()))


def canonical_with_offsets(text: str) -> tuple[str, np.ndarray]:
    """Return the matching key and, for each of its characters, the offset in the input."""
    keep = np.ones(len(text), dtype=bool)
    for m in _MARKUP.finditer(text):
        keep[m.start() : m.end()] = False
    stage = "".join(ch for ch, k in zip(text, keep, strict=True) if k) if not keep.all() else text
    index = np.flatnonzero(keep)
    if "(" in stage or "（" in stage:
        spans = list(pinyin_spans(stage))
        if spans:
            mask = np.ones(len(stage), dtype=bool)
            for start, end in spans:
                mask[start:end] = False
            stage = _drop_spans(stage, spans)
            index = index[mask]
    fold, keep = _code_tables()
    raw = np.frombuffer(stage.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    mask = keep[raw]
    key = fold[raw[mask]].tobytes().decode("utf-32-le", "surrogatepass")
    return key, index[mask].astype(np.int64)


def _drop_spans(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    parts: list[str] = []
    last = 0
    for start, end in spans:
        parts.append(text[last:start])
        last = end
    parts.append(text[last:])
    return "".join(parts)
