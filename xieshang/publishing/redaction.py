"""Remove personal contact data from Chinese text before it is published (no Django imports).

What is removed (国办发〔2014〕46号: proposers' contact details must not be published):

- mainland mobile numbers, 11 digits from 13x–19x, also written with spaces or dashes and with
  a +86 / 0086 prefix;
- landline numbers with an area code (0xx or 0xxx, optionally in brackets) and an extension;
- 7–12 digit numbers that follow a label such as 电话, 手机, 座机, 传真, 联系方式, QQ;
- identity-card numbers (18 characters, the last may be X) and any other run of 15–19 digits
  (old 15-digit cards, bank cards), since such runs never carry statistics;
- e-mail addresses;
- the `known` values a caller passes (the proposers' and the reply's contact phones and
  e-mails), in whatever grouping of spaces and dashes they were typed.

Amounts, years, counts, percentages, document numbers and the short public hotlines
(12345, 12315) are left alone. Full-width digits and punctuation are matched like ASCII ones.
"""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

MARK = "[已隐去]"

KIND_LABELS = {
    "mobile": "手机号码",
    "landline": "固定电话",
    "labelled": "标注的电话号码",
    "id_number": "身份证号或长号码",
    "email": "电子邮箱",
    "known": "提案者或联系人的联系方式",
}

# One character in, one character out, so that spans found in the folded copy fit the original.
_FOLD = str.maketrans(
    {**{chr(0xFF10 + i): str(i) for i in range(10)},
     "－": "-", "—": "-", "‐": "-", "‑": "-", "–": "-", "（": "(", "）": ")", "　": " ",
     "＋": "+", "＠": "@", "．": ".", "％": "%", "Ｘ": "X", "ｘ": "x", "：": ":"}
)

_SEP = r"[ \-]"
# Not glued to a longer digit run, nor to a decimal or an amount unit right after it.
_BEFORE = r"(?<![0-9])(?<![0-9][ \-])(?<![0-9]\.)"
_AFTER = r"(?![0-9])(?![ \-][0-9])(?!\.[0-9])(?![元万亿%])"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("email", re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")),
    ("id_number", re.compile(r"(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15,19})(?![0-9])")),
    ("mobile", re.compile(
        _BEFORE + rf"(?:(?:\+|00)?86{_SEP}?)?1[3-9](?:{_SEP}?[0-9]){{9}}" + _AFTER)),
    ("landline", re.compile(
        _BEFORE + rf"(?:\(0[0-9]{{2,3}}\)|0[0-9]{{2,3}}){_SEP}?[0-9]{{3,4}}{_SEP}?[0-9]{{4}}"
        r"(?:(?:-|转|ext\.?)[0-9]{1,5})?" + _AFTER)),
    ("labelled", re.compile(
        r"(?:电话|手机|座机|传真|联系方式|QQ|qq)(?:号码|号)?\s*:?\s*"
        r"(?P<value>[0-9](?:[ \-]?[0-9]){6,11})(?![0-9])")),
)


@dataclass(frozen=True)
class Hit:
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Redaction:
    text: str
    hits: tuple[Hit, ...]

    def counts(self) -> dict[str, int]:
        """Return how many passages of each kind were removed."""
        return dict(Counter(h.kind for h in self.hits))


def _digits(value: str) -> str:
    return "".join(ch for ch in value.translate(_FOLD) if ch.isascii() and ch.isdigit())


def _known_patterns(known: Iterable[str]) -> list[re.Pattern[str]]:
    """Turn contact values into patterns tolerant of how the digits were grouped."""
    patterns = []
    seen: set[str] = set()
    for raw in known:
        value = (raw or "").strip().translate(_FOLD)
        if not value or value in seen:
            continue
        seen.add(value)
        if "@" in value:
            patterns.append(re.compile(re.escape(value), re.IGNORECASE))
            continue
        digits = _digits(value)
        if digits.startswith("86") and len(digits) == 13:
            digits = digits[2:]
        if len(digits) < 5:  # too short to be a number worth hiding; would wipe out counts
            continue
        body = r"[ \-()]*".join(digits)
        patterns.append(re.compile(rf"(?<![0-9]){body}(?![0-9])"))
    return patterns


def find(text: str, *, known: Iterable[str] = ()) -> list[Hit]:
    """Return the passages to remove, merged where they overlap, in order."""
    folded = text.translate(_FOLD)
    spans: list[Hit] = []
    for pattern in _known_patterns(known):
        spans += [Hit("known", m.start(), m.end()) for m in pattern.finditer(folded)]
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(folded):
            if kind == "labelled":
                spans.append(Hit(kind, m.start("value"), m.end("value")))
            else:
                spans.append(Hit(kind, m.start(), m.end()))
    spans.sort(key=lambda h: (h.start, -h.end))
    merged: list[Hit] = []
    for hit in spans:
        if merged and hit.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = Hit(last.kind, last.start, max(last.end, hit.end))
        else:
            merged.append(hit)
    return merged


def redact(text: str, *, known: Iterable[str] = (), mark: str = MARK) -> Redaction:
    """Return the text with every contact passage replaced by `mark`, and what was found."""
    text = text or ""
    hits = find(text, known=known)
    parts, pos = [], 0
    for hit in hits:
        parts += [text[pos:hit.start], mark]
        pos = hit.end
    parts.append(text[pos:])
    return Redaction("".join(parts), tuple(hits))
