"""拼音首字母: the first letters of a name's readings, so that a picker finds 市住房城乡建设局 by
zjj, the way Chinese office software lets staff search without switching the input method.

The readings are pypinyin's character table (`pinyin_dict.json`, MIT), read as data without
importing the package: its import also loads a phrase dictionary of about 55 MB that single
characters do not need. Every reading of a character counts (单 gives d, c and s; as a surname it
is shàn), so a name matches whichever reading the user has in mind.
"""

from __future__ import annotations

import importlib.util
import json
import unicodedata
from functools import cache
from pathlib import Path


def _table_path() -> Path:
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("pypinyin is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "pinyin_dict.json"


def _first_letter(reading: str) -> str:
    letter = unicodedata.normalize("NFD", reading.strip())[:1].lower()
    return letter if "a" <= letter <= "z" else ""


@cache
def initials_table() -> dict[int, str]:
    """Return each character's possible first letters, commonest reading first."""
    raw = json.loads(_table_path().read_text("utf-8"))
    table = {}
    for code, readings in raw.items():
        letters = "".join(dict.fromkeys(_first_letter(r) for r in readings.split(",")))
        if letters:
            table[int(code)] = letters
    return table


def initials(name: str) -> str:
    """Return the name's initials, one group per character, groups separated by spaces:
    单位 → "dcs w". ASCII letters and digits stand for themselves; other characters are left
    out."""
    table = initials_table()
    groups = []
    for char in name:
        letters = table.get(ord(char))
        if letters:
            groups.append(letters)
        elif char.isascii() and char.isalnum():
            groups.append(char.lower())
    return " ".join(groups)
