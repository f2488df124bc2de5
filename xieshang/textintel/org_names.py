"""Find the organisations a text names, by full name, short name or the usual abbreviation.

A leader's 批示 or a 转办 note names units the way people write them: 市住建局 for
市住房城乡建设局, 卫健委 for 市卫生健康委, 市发改委 for 市发展改革委. An abbreviation here is a
string of at least three characters that keeps the name's first character (or, for a name
starting with 市/区/县, the one after it) and its last character and whose characters all
appear in the name in order. Where several organisations could be meant by the same words,
none is returned for them; a name found only inside a longer name found at the same place
(委办公室 inside 市委办公室) does not count.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

MIN_CHARS = 3
_PLACE_HEADS = "市区县"
EXACT, ABBREVIATION = 2, 1


@dataclass(frozen=True)
class _Mention:
    key: Hashable
    start: int
    end: int
    quality: int


def _in_order(short: str, name: str) -> bool:
    chars = iter(name)
    return all(c in chars for c in short)


def _exact(text: str, key: Hashable, name: str) -> list[_Mention]:
    found, at = [], text.find(name)
    while at >= 0:
        found.append(_Mention(key, at, at + len(name), EXACT))
        at = text.find(name, at + 1)
    return found


def _abbreviations(text: str, key: Hashable, name: str) -> list[_Mention]:
    found = []
    bases = [name] + ([name[1:]] if name[0] in _PLACE_HEADS and len(name) > MIN_CHARS else [])
    for base in bases:
        for start in (i for i, c in enumerate(text) if c == base[0]):
            for end in range(start + MIN_CHARS, min(len(text), start + len(base) - 1) + 1):
                if text[end - 1] == base[-1] and _in_order(text[start:end], base):
                    found.append(_Mention(key, start, end, ABBREVIATION))
    return found


def named(text: str, names: Mapping[Hashable, Iterable[str]]) -> list[Hashable]:
    """Return the keys whose names (full name first, then short names) the text mentions, in
    the order they first appear."""
    mentions: list[_Mention] = []
    for key, variants in names.items():
        variants = [v for v in dict.fromkeys(variants) if v and len(v) >= MIN_CHARS - 1]
        for v in variants:
            mentions += _exact(text, key, v)
        if variants:
            mentions += _abbreviations(text, key, variants[0])
    best: dict[tuple[int, int], list[_Mention]] = {}
    for m in mentions:
        best.setdefault((m.start, m.end), []).append(m)
    kept = []
    for (start, end), same in best.items():
        top = max(m.quality for m in same)
        keys = {m.key for m in same if m.quality == top}
        if len(keys) != 1:
            continue  # the same words could mean several organisations
        if any(s <= start and end <= e and e - s > end - start for s, e in best):
            continue  # part of a longer name found here
        kept.append((start, next(iter(keys))))
    return list(dict.fromkeys(key for _, key in sorted(kept, key=lambda x: x[0])))
