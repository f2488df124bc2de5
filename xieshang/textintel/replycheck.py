"""Check a reply against its proposal: which suggestions it answers, and its formal elements."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np

from xieshang.textintel.normalize import fold_width, normalize
from xieshang.textintel.segment import words

_CN_NUM = "一二三四五六七八九十"
# Marker families, each numbered in sequence; the family with the longest run wins.
_FAMILIES: dict[str, re.Pattern[str]] = {
    "是": re.compile(rf"(?<![{_CN_NUM}])([{_CN_NUM}]{{1,2}})是(?=[^，,。；;]{{2,}})"),
    "（一）": re.compile(rf"[（(]([{_CN_NUM}]{{1,2}})[)）]"),
    "一、": re.compile(rf"(?:^|(?<=[\n。；;：:！？]))\s*([{_CN_NUM}]{{1,2}})[、.．]"),
    "1.": re.compile(r"(?:^|(?<=[\n。；;：:！？]))\s*(\d{1,2})[、.．](?!\d)"),
    "(1)": re.compile(r"[（(](\d{1,2})[)）]"),
    "①": re.compile(r"([①②③④⑤⑥⑦⑧⑨⑩])"),
    "第一": re.compile(rf"(?:^|(?<=[\n。；;：:！？，,]))\s*第([{_CN_NUM}]{{1,2}})[，,、：:]"),
}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
_SUGGESTION_CUE = re.compile(
    r"建议|应当|应该|希望|请求|要求|呼吁|尽快|加快|加强|完善|推进|落实|增加"
)
_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")

# An explicit class (B类, （B）, 办理结果：B) outranks a class implied by wording.
_EXPLICIT_CLASS = re.compile(
    r"(?:办理结果|答复类别|结果类别|办理类别|类别)\s*[：:为是]?\s*([ABCD])(?![A-Za-z])"
    r"|(?<![A-Za-z])([ABCD])\s*类(?:答复|办理)?|[（(]\s*([ABCD])\s*[)）]"
)
# A reply answers point by point, and its points may fare differently (one adopted, three in
# hand): each numbered answer takes the class most of its wording implies, and the reply the
# class most answers take (ties go to the earlier class, A before B).
_IMPLIED_CLASSES: list[tuple[str, re.Pattern[str]]] = [
    (
        "A",
        re.compile(
            r"已(?:经|基本)?(?:得到)?解决|基本解决|已(?:被)?采纳|已(?:经|基本)?落实|已办结"
            r"|已(?:经|于\S{0,8}?)?出台|吸收了?(?:提案|您的|你们的)?(?:意见|建议)"
        ),
    ),
    (
        "B",
        re.compile(
            r"正在(?:积极)?(?:解决|办理|推进|落实)|(?:列入|纳入)\S{0,12}?(?:计划|规划|工作要点|预算)"
            r"|逐步解决|计划(?:于|在)\S{0,10}(?:解决|实施|完成|出台)|先行试点|着手(?:开展|研究|制定)"
            r"|正(?:在)?会同\S{0,10}(?:研究|制定)|力争\S{0,12}(?:完成|解决|实现|建成)"
        ),
    ),
    (
        "C",
        re.compile(
            r"(?:受|因)\S{0,6}条件(?:所)?限制|(?:暂(?:时)?|尚)(?:无法|不能|不具备)|待条件成熟"
            r"|以后(?:逐步)?解决"
        ),
    ),
    ("D", re.compile(r"留作参考|作为\S{0,10}参考|供参考|参考研究")),
]
# A name stops at the next field label, whitespace or punctuation.
_NAME = r"[\u4e00-\u9fff]{2,4}?(?=联系|电话|手机|签发|日期|地址|邮编|[\s，,。；;：:（(]|$)"
_SIGNER = re.compile(
    rf"(?:签\s*发\s*人?|签发领导|审\s*签\s*人?|分管领导|单位负责人)\s*[：:]\s*({_NAME})"
)
_CONTACT = re.compile(rf"联\s*系\s*人\s*[：:]\s*({_NAME})")
_PHONE = re.compile(r"(?<!\d)(?:\d{3,4}-)?(?:\d{4}-)?\d{7,8}(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)")
_PHONE_LABEL = re.compile(r"(?:联系)?电\s*话\s*[：:]?\s*|手\s*机\s*[：:]?\s*")
_DATE = re.compile(
    r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}"
    r"|[〇零一二三四五六七八九○Ｏ]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日"
)


@dataclass(frozen=True)
class Point:
    """One suggestion of a proposal: its marker (一是, （二）, 3. …) and text."""

    index: int
    marker: str
    text: str


@dataclass
class PointCheck:
    """Whether the reply addresses one suggestion, with the best matching reply sentence."""

    point: Point
    score: float
    addressed: bool
    evidence: str

    def as_dict(self) -> dict[str, object]:
        """Return the check as a JSON-ready mapping."""
        return {
            "index": self.point.index,
            "marker": self.point.marker,
            "text": self.point.text,
            "score": round(self.score, 3),
            "addressed": self.addressed,
            "evidence": self.evidence,
        }


@dataclass
class Verdict:
    """The structured result of checking one reply."""

    points: list[PointCheck]
    result_class: str | None
    result_evidence: str | None
    # Every class the wording implies, with its first phrase (A–D order); empty when none does.
    implied: dict[str, str]
    # Whether result_class is stated (B类, 办理结果：B) rather than implied by wording.
    result_stated: bool
    signer: str | None
    contact_person: str | None
    phone: str | None
    date: str | None
    problems: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Tell whether every suggestion is addressed and every formal element is present."""
        return not self.problems

    def as_dict(self) -> dict[str, object]:
        """Return the verdict as a JSON-ready mapping."""
        return {
            "complete": self.complete,
            "addressed": sum(p.addressed for p in self.points),
            "total": len(self.points),
            "points": [p.as_dict() for p in self.points],
            "formal": {
                "result_class": self.result_class,
                "result_evidence": self.result_evidence,
                "result_stated": self.result_stated,
                "implied_classes": self.implied,
                "signer": self.signer,
                "contact_person": self.contact_person,
                "phone": self.phone,
                "date": self.date,
            },
            "problems": self.problems,
        }


def split_points(text: str, *, min_points: int = 2) -> list[Point]:
    """Split a proposal into its numbered suggestions, or its suggestion sentences if unnumbered."""
    text = normalize(text)
    best = _markers(text)
    if len(best) >= min_points:
        points = []
        for k, (start, _, marker) in enumerate(best):
            end = best[k + 1][0] if k + 1 < len(best) else _section_end(text, start)
            body = text[start:end].strip()
            points.append(Point(k + 1, marker, body))
        return points
    sentences = [s.strip() for s in _SENTENCE.findall(text) if s.strip()]
    cued = [s for s in sentences if _SUGGESTION_CUE.search(s)]
    return [Point(i + 1, "", s) for i, s in enumerate(cued or sentences[-1:])]


def _markers(text: str) -> list[tuple[int, int, str]]:
    """Return the longest run of numbered markers of one family: (start, number, marker)."""
    best: list[tuple[int, int, str]] = []
    for pattern in _FAMILIES.values():
        run = _numbered_run(text, pattern)
        if len(run) > len(best):
            best = run
    return best


def _numbered_run(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int, str]]:
    # Keep the longest run of markers numbered 1, 2, 3 … in order; stray matches are dropped.
    # A marker starts at its first visible character: a match may begin with the line break
    # before it, and the last point's paragraph must not end at that break.
    hits = [(m.start() + len(m.group(0)) - len(m.group(0).lstrip()), _number(m.group(1)),
             m.group(0).strip()) for m in pattern.finditer(text)]
    runs: list[list[tuple[int, int, str]]] = []
    for start, n, marker in hits:
        if n == 1:
            runs.append([(start, n, marker)])
        elif runs and n == runs[-1][-1][1] + 1:
            runs[-1].append((start, n, marker))
    return max(runs, key=len) if runs else []


def _number(token: str) -> int:
    if token in _CIRCLED:
        return _CIRCLED.index(token) + 1
    if token.isdecimal():
        return int(token)
    if token == "十":
        return 10
    if token.startswith("十"):
        return 10 + _CN_NUM.index(token[1]) + 1
    if token.endswith("十"):
        return (_CN_NUM.index(token[0]) + 1) * 10
    return _CN_NUM.index(token[0]) + 1 if len(token) == 1 else 0


def _section_end(text: str, start: int) -> int:
    # The last point runs to the end of its paragraph.
    nl = text.find("\n", start)
    return len(text) if nl < 0 else nl


# A point counts as answered at this score. Measured on the real message–reply pairs by
# bench/text/replycheck_bench.py: rarely reached by a reply written for another message, often
# missed by real answers worded differently (figures and the choice: docs/performance.md).
ADDRESSED_AT = 0.25


def check_reply(proposal: str, reply: str, *, threshold: float = ADDRESSED_AT) -> Verdict:
    """Return which suggestions the reply addresses (score >= threshold) and its formal elements."""
    points = split_points(proposal)
    reply_clean = normalize(reply)
    sentences = [s for s in (_without_courtesy(s) for s in _SENTENCE.findall(reply_clean))
                 if len(s) >= 4]
    checks = [_check_point(p, sentences, threshold) for p in points]
    result, evidence = result_class(reply_clean)
    stated = _EXPLICIT_CLASS.search(reply_clean) is not None
    implied = {label: phrases[0] for label, phrases in implied_classes(reply_clean).items()}
    signer = _first_group(_SIGNER, reply_clean)
    contact = _first_group(_CONTACT, reply_clean)
    phone = find_phone(reply_clean)
    # The sign-off date closes the reply; dates earlier in the text are about the matter.
    dates = _DATE.findall(reply_clean)
    date = dates[-1] if dates else None
    problems = [f"未回应第{c.point.index}点建议" for c in checks if not c.addressed]
    for value, name in (
        (result, "办理结果类别"),
        (signer, "签发人"),
        (contact, "联系人"),
        (phone, "联系电话"),
        (date, "答复日期"),
    ):
        if not value:
            problems.append(f"缺少{name}")
    return Verdict(checks, result, evidence, implied, stated, signer, contact, phone, date,
                   problems)


def _check_point(point: Point, sentences: list[str], threshold: float) -> PointCheck:
    if not sentences:
        return PointCheck(point, 0.0, False, "")
    p_terms = _terms(point.text)
    if not p_terms:
        return PointCheck(point, 0.0, False, "")
    best, best_i = 0.0, 0
    whole: set[str] = set()
    for i, s in enumerate(sentences):
        s_terms = _terms(s)
        whole |= s_terms
        # How much of the suggestion's content one reply sentence takes up.
        score = len(p_terms & s_terms) / len(p_terms)
        # An answer headed 关于…, naming the suggestion's matter in the suggestion's words,
        # answers it even when the rest of the sentence is short (关于管线同步施工，已建立…).
        heading = _heading_terms(s)
        if len(heading) >= _HEADING_MIN_TERMS:
            score = max(score, len(p_terms & heading) / len(heading))
        if score > best:
            best, best_i = score, i
    # A point may be answered across sentences: blend the best sentence with the whole reply.
    coverage = len(p_terms & whole) / len(p_terms)
    score = float(np.clip(0.6 * best + 0.4 * coverage, 0.0, 1.0))
    return PointCheck(point, score, score >= threshold, sentences[best_i] if best else "")


# Clauses that acknowledge or thank (您提出的《…》收悉, 现答复如下, 感谢您对…的关心) repeat the
# proposal's title but answer nothing, so they are not evidence for any suggestion. They are cut
# clause by clause: 现答复如下：一、关于…，已… keeps its answer.
_CLAUSE = re.compile(r"[^，,：:]+[，,：:]?")
_COURTESY = re.compile(
    r"收悉|答复如下|函复如下|感谢(?:您|你)|谢谢|欢迎.{0,10}(?:监督|指导)|(?:关心|关注)和?支持.{0,6}工作"
    r"|(?:提案|建议)(?:已)?收到"
)
# A heading: the matter an answer is about, after its number (二、关于管线同步施工，…).
_HEADING = re.compile(
    rf"^(?:[（(]?[{_CN_NUM}\d]{{1,2}}[)）、.．]|[{_CN_NUM}]是|第[{_CN_NUM}]{{1,2}}[，,、])?\s*"
    r"关于(?:您提出的|提案中|建议中)?[“\"《]?([^，,。；;：:“”\"《》]{2,30}?)[”\"》]?"
    r"(?:的?(?:问题|建议|方面|事项))?[，,。；;：:]"
)
_HEADING_MIN_TERMS = 3


def _without_courtesy(sentence: str) -> str:
    return "".join(c for c in _CLAUSE.findall(sentence) if not _COURTESY.search(c)).strip()


def _heading_terms(sentence: str) -> set[str]:
    m = _HEADING.match(sentence)
    return _terms(m.group(1)) if m else set()


_STOP = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "对",
        "在",
        "是",
        "为",
        "将",
        "把",
        "等",
        "并",
        "或",
        "也",
        "要",
        "应",
        "请",
        "建议",
        "进一步",
        "加强",
        "加快",
        "完善",
        "推进",
        "相关",
        "有关",
        "工作",
        "问题",
        "我们",
        "您",
        "你",
        "已",
        "该",
        "其",
        "之",
        "以",
        "于",
        "从",
        "由",
        "就",
        "向",
        "到",
    ]
)


def _terms(text: str) -> set[str]:
    ws = [w for w in words(text) if w not in _STOP and not w.isdigit()]
    # Word bigrams of characters catch the same phrase segmented differently.
    joined = "".join(ws)
    return {w for w in ws if len(w) > 1} | {joined[i : i + 2] for i in range(len(joined) - 1)}


def result_class(text: str) -> tuple[str | None, str | None]:
    """Return the result class (A–D) a reply states or implies, with the phrase that says so."""
    m = _EXPLICIT_CLASS.search(text)
    if m:
        return next(g for g in m.groups() if g), m.group(0).strip()
    votes: dict[str, int] = {}
    for section in _sections(text):
        found = implied_classes(section)
        if found:
            label = max(found, key=lambda c: len(found[c]))  # the first of equals: A before B
            votes[label] = votes.get(label, 0) + 1
    if not votes:
        return None, None
    label = max(sorted(votes), key=lambda c: votes[c])
    return label, implied_classes(text)[label][0]


def _sections(text: str) -> list[str]:
    """Split a reply into its numbered answers (一、… 二、…), each to the next; the last runs to
    the end of its paragraph, or of the next one when its own is only a heading. A reply without
    numbered answers is one section."""
    best = _markers(text)
    if len(best) < 2:
        return [text]
    starts = [start for start, _, _ in best]
    last = _section_end(text, starts[-1])
    if last - starts[-1] <= _HEADING_CHARS and last < len(text):
        last = _section_end(text, last + 1)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], last], strict=True)]


_HEADING_CHARS = 40


def implied_classes(text: str) -> dict[str, list[str]]:
    """Return each result class (A–D order) whose wording the text uses, with the phrases."""
    found = {}
    for label, pattern in _IMPLIED_CLASSES:
        phrases = [m.group(0).strip() for m in pattern.finditer(text)]
        if phrases:
            found[label] = phrases
    return found


def find_phone(text: str) -> str | None:
    """Return the first telephone number, preferring one introduced as 电话 or 手机."""
    for m in _PHONE_LABEL.finditer(text):
        p = _PHONE.match(text, m.end())
        if p:
            return p.group(0)
    m = _PHONE.search(text)
    return m.group(0) if m else None


def _first_group(pattern: re.Pattern[str], text: str) -> str | None:
    m = pattern.search(text)
    return m.group(1) if m else None


# A letter closes with the sender and the date it is signed on, on a line of its own, perhaps
# with a contact line or a 抄送 after it.
_FOOT_LINES = 5
_ARABIC_DATE = re.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?")
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0}
_CN_DATE = re.compile(r"(\S{4})年(\S{1,2})月(\S{1,3})日")


def _cn_number(token: str) -> int:
    """Read 八, 十二, 二十, 三十一 (a month or a day written in Chinese numerals)."""
    if "十" not in token:
        return _CN_DIGIT[token]
    tens, _, units = token.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[units] if units else 0)


def _as_date(found: str) -> dt.date | None:
    m = _ARABIC_DATE.fullmatch(found)
    try:
        if m:
            return dt.date(*(int(g) for g in m.groups()))
        m = _CN_DATE.fullmatch(found)
        year = int("".join(str(_CN_DIGIT[c]) for c in m.group(1)))
        return dt.date(year, _cn_number(m.group(2)), _cn_number(m.group(3)))
    except (AttributeError, KeyError, ValueError):
        return None


def letter_date(text: str) -> dt.date | None:
    """Return the date a letter is signed on: the last line of its closing lines that is a date
    and nothing else (2021年3月8日, 2021-03-08 or 二〇二一年三月八日), or None when there is no
    such line or its date does not exist.

    A date within a sentence is about the matter, not the letter, and is never taken.
    """
    lines = [line.strip() for line in fold_width(text or "").splitlines() if line.strip()]
    for line in reversed(lines[-_FOOT_LINES:]):
        if _DATE.fullmatch(line):
            return _as_date(line)
    return None
