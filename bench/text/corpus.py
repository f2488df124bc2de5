"""Build near-duplicate queries and a synthetic corpus of any size from the shared messages."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass

from bench.text.common import data_file
from xieshang.textintel.canon import canonical
from xieshang.textintel.datasets import read_rows
from xieshang.textintel.resources import opencc_converter

_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
_PUNCT = "，。；：！？、"
_TONED = [
    "xié",
    "shāng",
    "zhèng",
    "mín",
    "yì",
    "jiàn",
    "gōng",
    "zuò",
    "wèn",
    "tí",
    "shì",
    "qū",
    "jiē",
    "dào",
    "xiǎo",
    "fáng",
    "chǎn",
    "lù",
    "jiào",
    "yù",
]
VARIANTS = ("traditional", "pinyin", "repunctuate", "reorder", "truncate", "combined")


@dataclass(frozen=True)
class Message:
    """A real message used as an original document."""

    id: str
    text: str


def originals() -> list[Message]:
    """Return the shared messages, one per distinct matching key, as original documents."""
    out: list[Message] = []
    seen: set[str] = set()
    for name, id_col, title_col, body_col in (
        ("messages_with_votes.csv", "留言编号", "留言主题", "留言详情"),
        ("messages_with_replies.csv", "留言编号", "留言主题", "留言详情"),
    ):
        for row in read_rows(data_file(name)):
            text = f"{row[title_col].strip()}\n{row[body_col].strip()}"
            key = canonical(text)
            if len(key) < 30 or key in seen:
                continue
            seen.add(key)
            out.append(Message(f"{name.split('_')[2][:4]}-{row[id_col]}", text))
    for i, row in enumerate(read_rows(data_file("labeled_messages.csv"))):
        key = canonical(row["text"])
        if len(key) < 30 or key in seen:
            continue
        seen.add(key)
        out.append(Message(f"lab-{i}", row["text"]))
    return out


def sentences(text: str) -> list[str]:
    """Split a text into sentences keeping their end punctuation."""
    return [s for s in (m.group(0).strip() for m in _SENTENCE.finditer(text)) if s]


def synthetic(messages: list[Message], n: int, *, seed: int = 1) -> Iterator[tuple[str, str]]:
    """Yield n (id, text) documents recombined from sentence runs of 2–4 random messages."""
    rng = random.Random(seed)
    pools = [sentences(m.text) for m in messages]
    pools = [p for p in pools if p]
    districts = [f"A{i}区" for i in range(1, 10)] + [f"A{i}县" for i in range(1, 10)]
    for i in range(n):
        parts: list[str] = []
        for _ in range(rng.randint(2, 4)):
            pool = pools[rng.randrange(len(pools))]
            a = rng.randrange(len(pool))
            parts.extend(pool[a : a + rng.randint(1, 4)])
        rng.shuffle(parts)
        text = "".join(parts)
        # Swap place names and figures so recombined texts are not copies of each other.
        text = re.sub(r"A\d[区县]", lambda _m: rng.choice(districts), text)
        text = re.sub(r"\d+", lambda m: str(rng.randint(1, 10 ** len(m.group(0)))), text)
        yield f"syn-{i}", text


def variant(text: str, kind: str, rng: random.Random) -> str:
    """Return a near-duplicate of a text of the given kind (see VARIANTS)."""
    if kind == "traditional":
        return opencc_converter("s2t").convert(text)
    if kind == "pinyin":
        chars = list(text)
        spots = [i for i, c in enumerate(chars) if "\u4e00" <= c <= "\u9fff"]
        for i in sorted(rng.sample(spots, min(len(spots), max(3, len(spots) // 15))), reverse=True):
            chars.insert(i + 1, f"({rng.choice(_TONED)})")
        return "".join(chars)
    if kind == "repunctuate":
        out = []
        for c in text:
            if c in _PUNCT:
                out.append(rng.choice([",", " ", "。", "；", "!", "", "…", "\n"]))
            elif c.isdigit():
                out.append(chr(ord(c) + 0xFEE0))
            else:
                out.append(c)
        return "".join(out)
    if kind == "reorder":
        parts = sentences(text)
        rng.shuffle(parts)
        return "".join(parts)
    if kind == "truncate":
        return text[: max(20, int(len(text) * rng.uniform(0.4, 0.7)))]
    if kind == "combined":
        t = variant(text, "reorder", rng)
        t = variant(t, "truncate", rng)
        t = variant(t, "repunctuate", rng)
        return variant(t, "traditional", rng)
    raise ValueError(kind)
