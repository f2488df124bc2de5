"""拼音首字母: the first letters of a name's readings, so that a picker finds 市住房城乡建设局 by
zjj, the way Chinese office software lets staff search without switching the input method.

The readings are those of the 现代汉语词典 (the kXHC1983 table of pinyin-data, as shipped by
pypinyin-dict, MIT) for the 11,000 characters it has, and pypinyin's full character table
(`pinyin_dict.json`, MIT) for the rest. The full table alone also holds the readings of classical
dictionaries (立 wèi, 万 mò), which made 张立传 answer to zhangw. Both are read as data without
importing either package: pypinyin's import loads a phrase dictionary of about 55 MB that single
characters do not need. Every modern reading of a character counts (单 gives d, c and s; as a
surname it is shàn), so a name matches whichever reading the user has in mind.

matches_pinyin() is the roster's search: typed letters match a run of a name's characters, each
character taking its whole reading or the start of it, so wf, wangf, wangfang and fang all find
王芳, as an input method's own candidate list would.
"""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from functools import cache
from pathlib import Path


def _package_dir(name: str) -> Path:
    """The folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"{name} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


# One entry of pypinyin-dict's generated tables: `    0x5355: 'chán,dān,shàn',`.
_ENTRY = re.compile(r"^\s*0x([0-9A-Fa-f]+): '([^']*)',$", re.MULTILINE)


@cache
def _modern_readings() -> dict[int, list[str]]:
    """Each character's readings: the 现代汉语词典's where it has the character, else all of
    pypinyin's; commonest first, as pypinyin orders them."""
    readings = {int(code): value.split(",") for code, value in json.loads(
        (_package_dir("pypinyin") / "pinyin_dict.json").read_text("utf-8")).items()}
    modern = (_package_dir("pypinyin_dict") / "pinyin_data" / "kxhc1983.py").read_text("utf-8")
    for code, value in _ENTRY.findall(modern):
        full = readings.get(int(code, 16), [])
        rank = {reading: at for at, reading in enumerate(full)}
        readings[int(code, 16)] = sorted(value.split(","), key=lambda r: rank.get(r, len(full)))
    return readings


def _toneless(reading: str) -> str:
    """lǚ → lv, wáng → wang: tone marks dropped and ü typed as v, as on a Chinese keyboard."""
    letters = []
    for char in unicodedata.normalize("NFD", reading.strip().lower()):
        if char == "\u0308" and letters and letters[-1] == "u":
            letters[-1] = "v"
        elif "a" <= char <= "z":
            letters.append(char)
    return "".join(letters)


def _first_letter(reading: str) -> str:
    letter = unicodedata.normalize("NFD", reading.strip())[:1].lower()
    return letter if "a" <= letter <= "z" else ""


@cache
def initials_table() -> dict[int, str]:
    """Return each character's possible first letters, commonest reading first."""
    table = {}
    for code, readings in _modern_readings().items():
        letters = "".join(dict.fromkeys(_first_letter(r) for r in readings))
        if letters:
            table[code] = letters
    return table


@cache
def readings_table() -> dict[int, tuple[str, ...]]:
    """Return each character's readings without tones (单 → dan, chan, shan)."""
    table = {}
    for code, readings in _modern_readings().items():
        toneless = tuple(dict.fromkeys(t for t in map(_toneless, readings) if t))
        if toneless:
            table[code] = toneless
    return table


def _syllables(name: str) -> list[tuple[str, ...]]:
    table = readings_table()
    groups = []
    for char in name.lower():
        readings = table.get(ord(char))
        if readings:
            groups.append(readings)
        elif char.isascii() and char.isalnum():
            groups.append((char,))
    return groups


def matches_pinyin(query: str, name: str, *, from_start: bool = False) -> bool:
    """Whether the letters of `query` (case and spaces ignored) spell a run of consecutive
    characters of `name`, each character by the start of one of its readings: 王芳 matches wf,
    wangf, wfang, wangfang and fang, but not fw or wxf. With `from_start` the run must begin at
    the first character (w finds the 王 and 吴 of a roster, not every name with a w in it)."""
    letters = "".join(query.lower().split())
    if not letters:
        return False
    groups = _syllables(name)
    failed: set[tuple[int, int]] = set()

    def spells(at: int, pos: int) -> bool:
        """Whether letters[pos:] spell characters from `at` on, each by a reading's start."""
        if pos == len(letters):
            return True
        if at == len(groups) or (at, pos) in failed:
            return False
        for reading in groups[at]:
            size = 0
            while size < len(reading) and pos + size < len(letters) \
                    and reading[size] == letters[pos + size]:
                size += 1
                if spells(at + 1, pos + size):
                    return True
        failed.add((at, pos))
        return False

    first = letters[0]
    starts = groups[:1] if from_start else groups
    return any(spells(start, 0) for start, readings in enumerate(starts)
               if any(r[0] == first for r in readings))


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
