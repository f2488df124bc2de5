"""Clean Chinese text copied from documents and web pages without touching its body."""

from __future__ import annotations

import bisect
import html
import re
from functools import cache

from xieshang.textintel.pinyin import strip_pinyin
from xieshang.textintel.resources import opencc_converter, t2s_char_table

# Full-width ASCII (U+FF01..U+FF5E) maps onto ASCII by a fixed offset.
_FULLWIDTH_ALNUM = {
    **{c: c - 0xFEE0 for c in range(ord("０"), ord("９") + 1)},
    **{c: c - 0xFEE0 for c in range(ord("Ａ"), ord("Ｚ") + 1)},
    **{c: c - 0xFEE0 for c in range(ord("ａ"), ord("ｚ") + 1)},
}
# Punctuation variants that carry the same meaning collapse onto one form.
_PUNCT_VARIANTS = {
    "\u3000": " ",
    "\u00a0": " ",
    "\u200b": None,
    "\u200c": None,
    "\u200d": None,
    "\ufeff": None,
    "\u00ad": None,
    "\r": None,
    "\t": " ",
    "\u2018": "‘",
    "\u201b": "‘",
    "\u2019": "’",
    "\u201c": "“",
    "\u201f": "“",
    "\u201d": "”",
    "\u300c": "“",
    "\u300d": "”",
    "\u300e": "‘",
    "\u300f": "’",
    "\u2014": "—",
    "\u2015": "—",
    "\u2500": "—",
    "\uff5e": "～",
    "\u2236": "：",
    "\uff0e": "．",
    "\u3002": "。",
    "\uff61": "。",
    "\uff64": "、",
    # Full-width signs that belong to a figure (２０．５％ is 20.5%; see _DECIMAL_POINT).
    "\uff05": "%",
    # Line breaks other than \n: Word's manual line break (\v), page break (\f), the
    # Unicode line and paragraph separators and NEL. Dropping them would glue two lines.
    "\x0b": "\n",
    "\x0c": "\n",
    "\x85": "\n",
    "\u2028": "\n",
    "\u2029": "\n",
    # Typographic spaces and invisible marks that web pages and PDFs carry.
    **{chr(c): " " for c in range(0x2000, 0x200B)},
    "\u202f": " ",
    "\u205f": " ",
    "\u2060": None,
    "\u200e": None,
    "\u200f": None,
    **{chr(c): None for c in range(0x202A, 0x202F)},
    **{chr(c): None for c in range(0x2066, 0x206A)},
    # Bullets of Word's Symbol and Wingdings fonts, pasted as private-use characters that no
    # other font can show.
    **{chr(c): "•" for c in (0xF06C, 0xF06E, 0xF075, 0xF076, 0xF0A7, 0xF0A8, 0xF0B7, 0xF0D8, 0xF0FC)},
}
_TRANSLATE = str.maketrans({**{chr(k): chr(v) for k, v in _FULLWIDTH_ALNUM.items()}})
_TRANSLATE.update(str.maketrans(_PUNCT_VARIANTS))

# ASCII punctuation next to a CJK character is Chinese punctuation typed on the wrong keyboard.
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_PUNCT = re.compile(r"[,;:?!]")
_CJK_CHAR = re.compile(rf"[{_CJK}]")
_PAREN_AROUND_CJK = re.compile(rf"\(([^()\n]{{0,80}}[{_CJK}][^()\n]{{0,80}})\)")
_QUOTE_AROUND_CJK = re.compile(rf"\"([^\"\n]{{0,200}}[{_CJK}][^\"\n]{{0,200}})\"")
_PERIOD_AFTER_CJK = re.compile(rf"(?<=[{_CJK}])\.(?=\s|$|[{_CJK}])", re.M)
_ELLIPSIS = re.compile(r"(?:\.{3,}|。{3,}|…+)")
_DASHES = re.compile(r"—{1,}")
# A full-width point or colon between digits is part of a figure or a time: 20．5, 8：30.
_FIGURE_SIGN = re.compile(r"[．：](?<=\d[．：])(?=\d)")

_SCRIPT_STYLE = re.compile(r"<(script|style|noscript)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BLOCK_TAG = re.compile(r"<\s*(?:br|/p|/div|/li|/tr|/h[1-6]|p|div|li|tr|h[1-6])\b[^>]*>", re.I)
_HTML_BLANKS = re.compile(r"\n[ \t\u3000\xa0\r]*(?:\n[ \t\u3000\xa0\r]*)+")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
_ENTITY_NO_SEMI = re.compile(r"&(nbsp|amp|lt|gt|quot|ldquo|rdquo|mdash|hellip)(?![;A-Za-z])")
_STRAY_MARKUP = re.compile(
    r"(?=[\[{<\-/> \t])"
    r"(?:\[/?(?:img|url|b|i|u|color|size|font|quote|align|attach)[^\]\n]{0,200}\]"
    r"|\{\{[^{}\n]{0,200}\}\}|<!--|-->|</?[A-Za-z][A-Za-z0-9]*[ \t]*$|^[ \t]*/?>)",
    re.I | re.M,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ ]{2,}")
_BLANK_LINES = re.compile(r"\n{3,}")

# Lines that belong to a web page's frame rather than to the document.
_BOILERPLATE = re.compile(
    r"(?=[当您首版cC©IiI公网联关打分扫收设加返上下相友浏阅点字【技主承责推登微手无建])"
    r"(?:当前位置|您的位置|您现在的位置|首页\s*[>＞»›]|版权所有|copyright|©|ICP备|ICP证|公网安备"
    r"|网站地图|联系我们|关于我们|打印本页|关闭窗口|分享到|扫一扫|收藏本站|设为首页|加入收藏"
    r"|返回顶部|上一篇|下一篇|相关链接|友情链接|浏览次数|阅读次数|点击数|字体[：:]?\s*[【\[]?\s*大"
    r"|【\s*大\s*中\s*小\s*】|技术支持[：:]|主办单位[：:]|承办单位[：:].{0,30}网站|网站标识码"
    r"|责任编辑[：:]|推荐阅读|登录\s*[|｜/]\s*注册|微信公众号|手机版|无障碍|建议使用.{0,20}浏览器)",
    re.I,
)
_MENU_SEPARATORS = re.compile(r"\s*[|｜·•>»›/]\s*|\s{2,}|\s")
_SENTENCE_END = re.compile(r"[。！？；!?;]")
# Keyword lists are separated by spaces, bars, slashes or 、; clauses of prose by ，.
_SPLIT_KEYWORDS = re.compile(r"[\s,、|｜/]+")
# Words that mark injected advertising rather than civic content.
_SPAM_MARKERS = re.compile(
    r"(?=[博赌娱百六时彩真老棋代开办刻私裸成aA色枪迷信网兼快无sS外蜘黑站加威薇vVqQ])"
    r"(?:博彩|赌场|赌博|娱乐城|百家乐|六合彩|时时彩|彩票网|真人视讯|老虎机|棋牌|代开发票|开发票|办证"
    r"|刻章|私家侦探|代孕|裸聊|成人视频|av|色情|枪支|迷药|信用卡套现|网赚|兼职刷单|快速贷款|无抵押贷款"
    r"|seo|外链|蜘蛛池|黑帽|站群|加微信|加qq|威信|薇信|v信|qq群)",
    re.I,
)


def normalize(text: str, *, simplify: bool = True, drop_noise: bool = True) -> str:
    """Return the text with markup, web-page noise and script/width variants cleaned away."""
    if not text:
        return ""
    text = strip_html(text)
    text = fold_width(text)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    if simplify:
        text = to_simplified(text)
    text = strip_pinyin(text)
    text = unify_punctuation(text)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    if drop_noise:
        lines = drop_noise_lines(lines)
    text = "\n".join(lines).strip("\n")
    return _BLANK_LINES.sub("\n\n", text)


_LAYOUT_BREAKS = re.compile(r"[ \t\u3000\xa0]*(?:\r\n|\r|\n)[ \t\u3000\xa0\r\n]*")
_LAYOUT_SPACES = re.compile(r"[ \t\u3000\xa0]+")


def only_layout_differs(raw: str, clean: str) -> bool:
    """Say whether cleaning changed nothing but layout: line endings (a browser posts \r\n),
    blank lines, and spaces around or within lines. Such input need not be kept as original."""
    return _layout_key(raw) == _layout_key(clean)


def _layout_key(text: str) -> str:
    text = _LAYOUT_BREAKS.sub("\n", text)
    return _LAYOUT_SPACES.sub(" ", text).strip(" \n")


def strip_html(text: str) -> str:
    """Remove HTML tags, comments, scripts and entities, keeping block breaks as newlines."""
    if "<" in text:
        text = _SCRIPT_STYLE.sub("", text)
        text = _HTML_COMMENT.sub("", text)
        if _BLOCK_TAG.search(text):
            # In HTML, blocks mark paragraphs; the source's own line breaks are layout.
            text = _BLOCK_TAG.sub("\n", text)
            text = _TAG.sub("", text)
            text = _HTML_BLANKS.sub("\n", text)
        else:
            text = _TAG.sub("", text)
    if "&" in text:
        text = _ENTITY_NO_SEMI.sub(r"&\1;", text)
        text = html.unescape(text)
    if "[" in text or "{" in text or "<" in text or ">" in text:
        text = _STRAY_MARKUP.sub("", text)
    return text


def to_simplified(text: str) -> str:
    """Convert traditional Chinese to simplified, skipping OpenCC when nothing would change."""
    if not _traditional_chars().search(text):
        return text
    return opencc_converter("t2s").convert(text)


@cache
def _traditional_chars() -> re.Pattern[str]:
    # A character class is scanned far faster than str.translate with a dict table.
    table = t2s_char_table()
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(table)) + "]")


_NEEDS_FOLD = re.compile(
    "[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
    + "".join(re.escape(k) for k in _PUNCT_VARIANTS)
    + "]"
)


_FOLD_RUN = re.compile(_NEEDS_FOLD.pattern + "+")


def _fold_run(m: re.Match[str]) -> str:
    return m.group(0).translate(_TRANSLATE)


def fold_width(text: str) -> str:
    """Map full-width letters and digits to ASCII and collapse punctuation variants."""
    # Translating only the runs that change is much faster than str.translate over a whole
    # Chinese text, which looks every character up in the table.
    return _FOLD_RUN.sub(_fold_run, text) if _NEEDS_FOLD.search(text) else text


def unify_punctuation(text: str) -> str:
    """Use Chinese punctuation inside Chinese text and one form for quotes, dashes, ellipses."""
    text = _HALF_PUNCT.sub(_full_if_near_cjk, text)
    if "(" in text:
        text = _PAREN_AROUND_CJK.sub(r"（\1）", text)
    if '"' in text:
        text = _QUOTE_AROUND_CJK.sub(r"“\1”", text)
    if "." in text or "。" in text or "…" in text:
        text = _ELLIPSIS.sub("……", text)
        text = _PERIOD_AFTER_CJK.sub("。", text)
    if "—" in text:
        text = _DASHES.sub("——", text)
    if "．" in text or "：" in text:
        text = _FIGURE_SIGN.sub(_half_sign, text)
    return text


def _half_sign(m: re.Match[str]) -> str:
    return "." if m.group(0) == "．" else ":"


def _full_if_near_cjk(m: re.Match[str]) -> str:
    s, i = m.string, m.start()
    if (i > 0 and _CJK_CHAR.match(s, i - 1)) or _CJK_CHAR.match(s, i + 1):
        return _HALF_TO_FULL[m.group(0)]
    return m.group(0)


def drop_noise_lines(lines: list[str]) -> list[str]:
    """Drop navigation/footer lines and keyword-spam lines unrelated to the rest of the text."""
    keep = [True] * len(lines)
    text = "\n".join(lines)
    # One scan of the whole text finds the lines that may be boilerplate; only those are
    # checked one by one (every line with a match of its own is touched by a whole-text match).
    for i in _lines_touched(text, lines, _BOILERPLATE):
        if _is_boilerplate(lines[i]):
            keep[i] = False
    if "|" in text or "｜" in text or "首页" in text:
        for i, line in enumerate(lines):
            if keep[i] and _is_menu(line):
                keep[i] = False
    suspects = [i for i, line in enumerate(lines) if keep[i] and _looks_like_keywords(line)]
    if suspects:
        skip = set(suspects)
        # The context is searched directly: a bigram is in its bigram set exactly when it is a
        # substring of it, which avoids building the set for the whole document.
        context = "".join(line for i, line in enumerate(lines) if keep[i] and i not in skip)
        for i in suspects:
            if _is_spam(lines[i], context):
                keep[i] = False
    return [line for line, k in zip(lines, keep, strict=True) if k]


def _lines_touched(text: str, lines: list[str], pattern: re.Pattern[str]) -> list[int]:
    """Return the numbers of the lines of text (lines joined by newlines) a match touches."""
    found: list[int] = []
    starts: list[int] | None = None
    for m in pattern.finditer(text):
        if starts is None:
            starts = [0]
            for line in lines[:-1]:
                starts.append(starts[-1] + len(line) + 1)
        first = bisect.bisect_right(starts, m.start()) - 1
        last = bisect.bisect_right(starts, m.end() - 1) - 1
        found.extend(range(max(first, found[-1] + 1 if found else 0), last + 1))
    return found


def _is_boilerplate(line: str) -> bool:
    # Long lines are body text even when they mention a phrase such as 联系我们.
    return 0 < len(line) <= 80 and _BOILERPLATE.search(line) is not None


def _is_menu(line: str) -> bool:
    # A navigation bar: many short items separated by bars or spaces, no sentence punctuation.
    if len(line) > 120 or not ("|" in line or "｜" in line or "首页" in line):
        return False
    if _SENTENCE_END.search(line):
        return False
    items = [p for p in _MENU_SEPARATORS.split(line) if p]
    if len(items) < 5:
        return False
    short = sum(1 for p in items if len(p) <= 6)
    return short / len(items) >= 0.9


def _looks_like_keywords(line: str) -> bool:
    if not line or _SENTENCE_END.search(line):
        return False
    items = [p for p in _SPLIT_KEYWORDS.split(line) if p]
    if len(items) >= 6 and sum(len(p) for p in items) / len(items) <= 6:
        return True
    return _SPAM_MARKERS.search(line) is not None and len(line) <= 120


def _is_spam(line: str, context: str) -> bool:
    grams = _bigrams(line)
    if not grams:
        return False
    shared = sum(1 for g in grams if g in context) / len(grams)
    if _SPAM_MARKERS.search(line):
        return shared < 0.6
    # Keyword lines that echo the document (e.g. 关键词：…) stay; unrelated ones go.
    return shared < 0.25 and len(context) > 1


def _bigrams(text: str) -> set[str]:
    # Bigrams across punctuation are harmless noise here; skipping them would cost a regex pass.
    return {text[i : i + 2] for i in range(len(text) - 1)}
