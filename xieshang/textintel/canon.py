"""Reduce text to a compact matching key: simplified, width-folded, no punctuation or markup."""

from __future__ import annotations

import re
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


def canonical(text: str) -> str:
    """Return the matching key of a text."""
    if "<" in text or "&" in text:
        text = _MARKUP.sub("", text)
    if "(" in text or "（" in text:
        text = _drop_spans(text, list(pinyin_spans(text)))
    return _NON_WORD.sub("", text.translate(_key_table()))


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
    folded = stage.translate(_key_table())
    mask = np.ones(len(folded), dtype=bool)
    for m in _NON_WORD.finditer(folded):
        mask[m.start() : m.end()] = False
    key = _NON_WORD.sub("", folded)
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
