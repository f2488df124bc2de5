"""Lazily loaded, cached heavy resources (OpenCC converters, jieba)."""

from __future__ import annotations

import logging
import threading
from functools import cache
from typing import Any

_LOCK = threading.Lock()

# CJK Unified Ideographs plus Extension A: every character OpenCC may map one-to-one.
CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


@cache
def opencc_converter(config: str = "t2s") -> Any:
    """Return a cached OpenCC converter for the given configuration."""
    import opencc

    return opencc.OpenCC(config)


@cache
def t2s_char_table() -> dict[int, int]:
    """Return a one-to-one traditional-to-simplified character table derived from OpenCC."""
    chars = [chr(c) for lo, hi in CJK_RANGES for c in range(lo, hi + 1)]
    # Newline-separated single characters convert without phrase context.
    converted = opencc_converter("t2s").convert("\n".join(chars)).split("\n")
    table: dict[int, int] = {}
    if len(converted) != len(chars):
        return table
    for src, dst in zip(chars, converted, strict=True):
        if len(dst) == 1 and dst != src:
            table[ord(src)] = ord(dst)
    return table


def jieba_tokenizer() -> Any:
    """Return the initialised default jieba tokenizer."""
    with _LOCK:
        return _jieba_tokenizer()


@cache
def _jieba_tokenizer() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.dt


@cache
def word_classes() -> dict[str, str]:
    """Return jieba's dictionary part-of-speech tag of each word (e.g. 随着 → p, 一年 → m)."""
    jieba_tokenizer()
    with _LOCK:
        # Importing jieba.posseg reads the dictionary's tags once.
        import jieba.posseg

        return dict(jieba.posseg.dt.word_tag_tab)
