"""Segment Chinese text into words with jieba, after light normalisation."""

from __future__ import annotations

import re

from xieshang.textintel.normalize import fold_width, to_simplified
from xieshang.textintel.resources import jieba_tokenizer

# Tokens worth keeping: ideograph runs, Latin words, numbers; punctuation and spaces go.
_WORD = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z0-9]")


def words(text: str) -> list[str]:
    """Return the words of a text, lower-cased, without punctuation or whitespace."""
    text = to_simplified(fold_width(text)).lower()
    return [w for w in jieba_tokenizer().lcut(text) if _WORD.match(w)]
