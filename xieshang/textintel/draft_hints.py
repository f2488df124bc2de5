"""Hints on a proposal or 社情民意 draft against the basic requirements of either.

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
# Words that name a wish rather than a measure: a numbered suggestion made of nothing else
# (加大投入, 高度重视, 完善相关政策) says what to want, not what to do.
_GENERIC = frozenset({
    "加大", "加强", "加快", "进一步", "切实", "高度", "重视", "力度", "投入", "管理", "宣传",
    "监管", "完善", "健全", "机制", "体制", "制度", "工作", "提高", "提升", "认识", "支持", "扶持",
    "引导", "规范", "落实", "政策", "措施", "有关", "相关", "部门", "积极", "大力", "推进", "推动",
    "强化", "优化", "改善", "做好", "抓好", "关注", "研究", "尽快", "及时", "努力", "全面",
    "有效", "统筹", "协调", "配合", "保障", "建立", "建设", "力量", "水平", "意识", "问题",
    "高度重视", "引起重视", "予以重视", "加大力度", "常抓不懈", "落到实处", "齐抓共管", "多措并举",
})
# Suggestions at least this long, in two sentences or more, are worth itemising.
ITEMISE_FROM = 80

_TITLE_FRAME = re.compile(r"^关于|的?(?:建议|提案|意见|情况反映|问题|反映)$")
_SENTENCE_END = re.compile(r"[。！？；!?;]")
_SPACE = re.compile(r"\s+")
# Words of the 案由 that name no subject (加快, 进一步 …): they need not recur in the body.
_TITLE_FILLER = frozenset({
    "进一步", "加快", "加强", "推进", "推动", "完善", "提高", "提升", "促进", "做好", "切实",
    "强化", "优化", "实施", "建立", "建设", "健全", "深化", "大力", "积极", "全面", "有效",
    "我市", "我县", "我区", "全市", "全县", "关于", "建议", "问题", "工作", "方面", "有关", "相关",
    "反映", "咨询", "投诉", "请问", "情况", "一些",
})


@dataclass(frozen=True)
class Hint:
    """One piece of advice: which field it concerns and what to do, in Chinese."""

    code: str
    field: str
    message: str


def draft_hints(title: str, reasons: str, suggestions: str, *, min_reasons: int = MIN_REASONS,
                itemise_from: int = ITEMISE_FROM) -> list[Hint]:
    """Return the hints for a draft, in the order of the form's fields (title, reasons,
    suggestions). An empty draft gets none: there is nothing to advise on yet."""
    title, reasons, suggestions = (normalize(t or "").strip() for t in (title, reasons,
                                                                          suggestions))
    if not (reasons or suggestions):
        return []
    return [
        *_title_hint(title, f"{reasons}\n{suggestions}", "案由", "提案内容（案由应与内容相符，一事一案）"),
        *_part_hint(reasons, "reasons", "情况与分析", min_reasons,
                    "提案应有情况、有分析：写明现状、存在的问题及其原因，有数据的列出数据。"),
        *_suggestion_hints(suggestions, itemise_from, "具体建议",
                           "提案应有具体的建议；内容空泛、没有具体建议的不予立案。"),
    ]


# 社情民意: about 800 characters is usual and 1500 the common ceiling (domain.md §2.2); the
# committee's hard limit is OpinionConfig.max_chars.
RECOMMENDED_ITEM_CHARS = 1500
# Below this many characters, 情况反映 is a single sentence: it rarely says what happened,
# where and to whom. An item is concise by design, so the bar is low.
MIN_SITUATION = 50


def item_hints(title: str, situation: str, analysis: str, suggestions: str, *,
               min_situation: int = MIN_SITUATION, recommended: int = RECOMMENDED_ITEM_CHARS,
               itemise_from: int = ITEMISE_FROM) -> list[Hint]:
    """Return the hints for a 社情民意 draft: 一事一报, 情况问题, 原因分析 and 意见建议 (domain.md
    §2.2), in the order of the form's fields; an empty draft gets none."""
    title, situation, analysis, suggestions = (normalize(t or "").strip() for t in (
        title, situation, analysis, suggestions))
    if not (situation or analysis or suggestions):
        return []
    hints = [
        *_title_hint(title, f"{situation}\n{analysis}\n{suggestions}", "标题",
                     "所反映的情况（一事一报）"),
        *_part_hint(situation, "situation", "情况反映", min_situation,
                    "写明发生了什么、在哪里、涉及哪些群众，有数据的列出数据。"),
        *_part_hint(analysis, "analysis", "原因分析", 0,
                    "社情民意信息应有情况、有分析、有建议。"),
        *_suggestion_hints(suggestions, itemise_from, "意见建议", "请提出具体、可行的建议。"),
    ]
    length = item_length(situation, analysis, suggestions)
    if length > recommended:
        hints.append(Hint("too_long", "situation",
                          f"篇幅较长（{length}字）。社情民意信息一般不超过{recommended}字，"
                          "宜一事一报、精炼表述，详细材料可作为附件。"))
    return hints


def edited_item_hints(title: str, text: str, *,
                      recommended: int = RECOMMENDED_ITEM_CHARS) -> list[Hint]:
    """Return the hints for the office's edited version of a 社情民意 item: one title and one
    body, as sent on (报送). The parts are merged by then, so only the title's match with the
    body and the length (counted as item_hints counts it) are checked; an empty body gets
    none."""
    title, text = normalize(title or "").strip(), normalize(text or "").strip()
    if not text:
        return []
    hints = _title_hint(title, text, "标题", "所反映的情况（一事一报）")
    length = item_length(text)
    if length > recommended:
        hints.append(Hint("too_long", "text",
                          f"编辑稿篇幅较长（{length}字）。社情民意信息一般不超过{recommended}字，"
                          "报送前宜精炼表述，详细材料可作为附件。"))
    return hints


def item_length(*parts: str) -> int:
    """Return the 字数 of an item's parts together: spaces and line breaks are layout and are
    not counted. The committee's hard limit (OpinionConfig.max_chars) counts the same way."""
    return sum(len(_SPACE.sub("", part)) for part in parts)


def _title_hint(title: str, body: str, name: str, what: str) -> list[Hint]:
    missing = _title_words_missing(title, body)
    if not missing:
        return []
    return [Hint("title_off", "title",
                 f"{name}中的“{'、'.join(missing)}”在正文中未见，请核对{name}是否概括了{what}。")]


def _part_hint(text: str, field: str, label: str, minimum: int, ask: str) -> list[Hint]:
    """Hint `no_<field>` when a part is empty, `short_<field>` when shorter than `minimum`."""
    if not text:
        return [Hint(f"no_{field}", field, f"尚未填写{label}。{ask}")]
    if len(text) < minimum:
        return [Hint(f"short_{field}", field, f"{label}较为简略（{len(text)}字）。{ask}")]
    return []


def _suggestion_hints(text: str, itemise_from: int, label: str, ask: str) -> list[Hint]:
    if not text:
        return _part_hint(text, "suggestions", label, 0, ask)
    points = split_points(text)
    if not any(p.marker for p in points):
        sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
        if len(text) >= itemise_from and len(sentences) >= 2:
            return [Hint("not_itemised", "suggestions",
                         "建议未分条列出。请按“一是……二是……”或“1. 2.”分条写明，"
                         "便于审查和承办单位逐条答复。")]
        return []
    hints = []
    for p in points:
        body = p.text[len(p.marker):].strip(" ，,、：:。；;")
        if not any(len(w) > 1 and w not in _GENERIC and not w.isdigit() for w in words(body)):
            hints.append(Hint("vague_point", "suggestions",
                              f"第{p.index}点建议（“{body or p.marker}”）过于笼统，"
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
    """Say whether the body says the word, or half of its character pairs or more (公共交通 is
    borne out by a body on 公交 and 交通, 老年人 by one on 老年大学)."""
    if word in body:
        return True
    pairs = [word[i:i + 2] for i in range(len(word) - 1)]
    return sum(1 for p in pairs if p in body) * 2 >= len(pairs)
