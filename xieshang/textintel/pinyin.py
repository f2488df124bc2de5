"""Recognise pinyin annotations such as 協(xié)商 so they can be removed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PLAIN = "aaaaeeeeiiiioooouuuuüüüünnnm"
_DETONE = str.maketrans(_TONED, _PLAIN)
_CJK = r"\u3400-\u9fff\uf900-\ufaff"

_CANDIDATE = re.compile(rf"(?<=[{_CJK}])[(（]\s*([A-Za-z{_TONED}üÜ'’\s1-5]{{1,80}}?)\s*[)）]")
_SYLLABLE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|üan|ai|ei|ao|ou|an|en|in|un"
    r"|vn|ün|ia|ie|iu|ua|uo|ui|ve|üe|er|a|o|e|i|u|v|ü)[1-5]?"
)
_CJK_RUN_BEFORE = re.compile(rf"[{_CJK}]+$")


def strip_pinyin(text: str) -> str:
    """Remove parenthesised pinyin that follows Chinese characters."""
    if "(" not in text and "（" not in text:
        return text
    spans = list(pinyin_spans(text))
    if not spans:
        return text
    parts: list[str] = []
    last = 0
    for start, end in spans:
        parts.append(text[last:start])
        last = end
    parts.append(text[last:])
    return "".join(parts)


def pinyin_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) offsets of pinyin annotations, parentheses included."""
    for m in _CANDIDATE.finditer(text):
        body = m.group(1)
        preceding = _CJK_RUN_BEFORE.search(text, max(0, m.start() - 40), m.start())
        run = len(preceding.group(0)) if preceding else 1
        if is_pinyin(body, max_syllables=run):
            yield m.start(), m.end()


def is_pinyin(body: str, *, max_syllables: int = 99) -> bool:
    """Tell whether a string is pinyin; untoned strings must not outnumber the annotated chars."""
    toned = any(ch in _TONED for ch in body) or any(ch.isdigit() for ch in body)
    plain = body.lower().translate(_DETONE)
    count = 0
    for word in re.split(r"[\s'’]+", plain):
        if not word:
            continue
        n = _segment(word)
        if n is None:
            return False
        count += n
    if count == 0:
        return False
    return toned or count <= max_syllables


@cache
def _segment(word: str) -> int | None:
    # Fewest syllables that spell the word exactly, or None when it is not pinyin.
    if not word:
        return 0
    best: int | None = None
    for end in range(min(len(word), 7), 0, -1):
        if _SYLLABLE.fullmatch(word[:end]):
            rest = _segment(word[end:])
            if rest is not None and (best is None or rest + 1 < best):
                best = rest + 1
    return best
