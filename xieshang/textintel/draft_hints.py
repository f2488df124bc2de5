"""Hints on a proposal draft against the basic requirements of a proposal.

全国政协提案工作条例 (2018) Art. 15: 有情况、有分析、有具体的建议, and the 案由 must match the
body; 内容空泛、没有具体建议的 is a ground for 不予立案. The hints are advice for the writer and
the first reviewer, never a refusal. Thresholds are keyword parameters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xieshang.textintel.normalize import normalize
from xieshang.textintel.replycheck import split_points
from xieshang.textintel.segment import words

# Below this many characters, 情况与分析 rarely states a situation, its causes and figures.
MIN_REASONS = 150
# A numbered suggestion shorter than this (its marker excluded) names a wish, not a measure.
MIN_POINT = 8
# Suggestions at least this long, in two sentences or more, are worth itemising.
ITEMISE_FROM = 80

_TITLE_FRAME = re.compile(r"^关于|的(?:建议|提案|意见)$")
_SENTENCE_END = re.compile(r"[。！？；!?;]")
# Words of the 案由 that name no subject (加快, 进一步 …): they need not recur in the body.
_TITLE_FILLER = frozenset({
    "进一步", "加快", "加强", "推进", "推动", "完善", "提高", "提升", "促进", "做好", "切实",
    "强化", "优化", "实施", "建立", "建设", "健全", "深化", "大力", "积极", "全面", "有效",
    "我市", "我县", "我区", "全市", "全县", "关于", "建议", "问题", "工作", "方面", "有关", "相关",
})


@dataclass(frozen=True)
class Hint:
    """One piece of advice: which field it concerns and what to do, in Chinese."""

    code: str
    field: str
    message: str


def draft_hints(title: str, reasons: str, suggestions: str, *, min_reasons: int = MIN_REASONS,
                min_point: int = MIN_POINT, itemise_from: int = ITEMISE_FROM) -> list[Hint]:
    """Return the hints for a draft, in the order of the form's fields (title, reasons,
    suggestions). An empty draft gets none: there is nothing to advise on yet."""
    title, reasons, suggestions = (normalize(t or "").strip() for t in (title, reasons,
                                                                          suggestions))
    if not (reasons or suggestions):
        return []
    hints = []
    missing = _title_words_missing(title, f"{reasons}\n{suggestions}")
    if missing:
        hints.append(Hint("title_off", "title",
                          f"案由中的“{'、'.join(missing)}”在正文中未见，请核对案由是否概括了提案内容"
                          "（案由应与内容相符，一事一案）。"))
    if not reasons:
        hints.append(Hint("no_reasons", "reasons",
                          "尚未填写情况与分析。提案应有情况、有分析：写明现状、存在的问题及其原因。"))
    elif len(reasons) < min_reasons:
        hints.append(Hint("short_reasons", "reasons",
                          f"情况与分析较为简略（{len(reasons)}字）。请写明现状、存在的问题及其原因，"
                          "有数据的列出数据。"))
    hints.extend(_suggestion_hints(suggestions, min_point, itemise_from))
    return hints


def _suggestion_hints(text: str, min_point: int, itemise_from: int) -> list[Hint]:
    if not text:
        return [Hint("no_suggestions", "suggestions",
                     "尚未填写具体建议。提案应有具体的建议；内容空泛、没有具体建议的不予立案。")]
    points = split_points(text)
    if not any(p.marker for p in points):
        sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
        if len(text) >= itemise_from and len(sentences) >= 2:
            return [Hint("not_itemised", "suggestions",
                         "具体建议未分条列出。请按“一是……二是……”或“1. 2.”分条写明，"
                         "便于审查和承办单位逐条答复。")]
        return []
    hints = []
    for p in points:
        body = p.text[len(p.marker):].strip(" ，,、：:。；;")
        if len(body) < min_point:
            hints.append(Hint("short_point", "suggestions",
                              f"第{p.index}点建议（“{body or p.marker}”）过于简略，"
                              "请写明具体措施，以及由谁来做、何时完成。"))
    return hints


def _title_words_missing(title: str, body: str) -> list[str]:
    """Return the 案由's content words when the body bears out none of them (a 案由 left from
    another proposal). A body that bears out some is not faulted: abbreviations (公交 for
    公共交通) and synonyms (健身 for 体育) make a partial lexical match a poor sign."""
    core = _TITLE_FRAME.sub("", title)
    terms = list(dict.fromkeys(w for w in words(core)
                               if len(w) > 1 and w not in _TITLE_FILLER and not w.isdigit()))
    if len(terms) < 2 or len(body) < 50:
        return []
    body = "".join(words(body))
    missing = [w for w in terms if not _borne_out(w, body)]
    return missing if len(missing) == len(terms) else []


def _borne_out(word: str, body: str) -> bool:
    """Say whether the body says the word, or most of its character pairs (公共交通 is borne out
    by a body on 公交 and 交通; 体育设施 by one on 体育 and 健身设施)."""
    if word in body:
        return True
    pairs = [word[i:i + 2] for i in range(len(word) - 1)]
    return sum(1 for p in pairs if p in body) * 2 > len(pairs)
