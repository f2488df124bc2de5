"""Group items of a time window into hot topics, ranked by size, recency and support."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from xieshang.textintel.resources import word_classes
from xieshang.textintel.segment import words

# Words frequent in any citizen message that say nothing about its topic.
_GENERIC = frozenset(
    [
        "问题",
        "反映",
        "请求",
        "希望",
        "相关",
        "部门",
        "领导",
        "政府",
        "尊敬",
        "您好",
        "你好",
        "关于",
        "情况",
        "有关",
        "我们",
        "他们",
        "你们",
        "现在",
        "目前",
        "已经",
        "没有",
        "一直",
        "还是",
        "什么",
        "怎么",
        "为什么",
        "是否",
        "能否",
        "可以",
        "进行",
        "要求",
        "解决",
        "处理",
        "建议",
        "咨询",
        "投诉",
        "市民",
        "居民",
        "群众",
        "严重",
        "存在",
        "谢谢",
        "感谢",
        "一个",
        "这个",
        "那个",
        "这些",
        "那些",
        "这样",
        "如何",
        "多次",
        "至今",
        "及时",
        "尽快",
        "给予",
        "我们",
        "小区",
        "xxx",
        "年",
        "月",
        "日",
        "号",
        # The enumerators of a proposal's or item's suggestions (一是…二是…), in every text.
        "一是",
        "二是",
        "三是",
        "四是",
        "五是",
        "六是",
        "七是",
        "八是",
        "九是",
        "十是",
    ]
)
# Word classes that never name a topic: prepositions, numerals and measure words, conjunctions,
# pronouns, particles, locatives (随着, 一年, 以南, 这些 …), by jieba's dictionary tags. Not
# adverbs: jieba tags 高速 (of 长永高速) and 长期 as adverbs.
_FUNCTION_CLASSES = frozenset("p m mq q c r u uj ul uz ud ug uv y e o f".split())  # noqa: SIM905
# Defaults of hot_topics' scoring: the weight of log(1 + votes), the shortest half-life.
VOTES_WEIGHT = 0.5
MIN_HALF_LIFE_DAYS = 7.0
_NUMBERLIKE = re.compile(r"^[\d.]+$")
# What is left of an anonymised place code (A2区 → a2) after segmentation: no keyword.
_CODE_WORD = re.compile(r"^[a-z]\d{1,2}$")
_PLACE_CODE = re.compile(r"(?<![A-Za-z0-9])[A-Z]\d{0,2}[市区县]")
_PLACE_HINT = re.compile(r"[A-Z]\d{0,2}[市区县]")
# Words that still help to group items but name no topic: never shown as a topic's keyword.
_NOT_KEYWORDS = frozenset(
    (  # noqa: SIM905
        "我市 本市 全市 我区 我县 我省 市里 区里 县里 加快 加强 推进 推动 "
        "进一步 积极 切实 落实 完善 提高 提升 实施 开展 有效 全面 措施 工作 "
        "方面 有关部门 相关部门 职能部门 主管部门 市政府 区政府 县政府 市委 "
        "领导 希望 请问 导致 造成 出现 发现 不能 不会 不是 没人 所以 因为 "
        "但是 而且 并且 如果 这里 那里 这么 那么 时候 今年 去年 明年 每天 "
        "晚上 白天 附近 周边 一些 很多 非常 特别 真的 根本 能够 应该 需要 "
        "必须 为了 通过 对于 以及 还有 其中 一下 涉及 做好 加剧 挨着 问问 "
        "超过 在外 为主 未能 成为 存在 进行 得到 没有 可以 原样 已经 仍然 一直"
    ).split()
)


@dataclass(frozen=True)
class Item:
    """An item to cluster: a message, proposal or 社情民意 report."""

    id: str
    title: str
    text: str = ""
    time: datetime | None = None
    votes: int = 0
    author: str | None = None


@dataclass
class Topic:
    """A cluster of items with its label, ranking figures and members (most central first)."""

    keywords: list[str]
    title: str
    members: list[Item]
    score: float
    size: int
    authors: int
    votes: int
    first: datetime | None
    last: datetime | None
    representative: str = ""
    cohesion: float = 0.0
    # The half-life the score was computed with (see hot_topics).
    half_life_days: float = 0.0
    extra: dict[str, object] = field(default_factory=dict)

    def as_dict(self, *, max_members: int = 50) -> dict[str, object]:
        """Return the topic as a JSON-ready mapping."""
        return {
            "title": self.title,
            "keywords": self.keywords,
            "score": round(self.score, 3),
            "size": self.size,
            "authors": self.authors,
            "votes": self.votes,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "representative": self.representative,
            "cohesion": round(self.cohesion, 3),
            "half_life_days": round(self.half_life_days, 2),
            "members": [
                {
                    "id": m.id,
                    "title": m.title,
                    "votes": m.votes,
                    "time": m.time.isoformat() if m.time else None,
                }
                for m in self.members[:max_members]
            ],
        }


def hot_topics(
    items: Sequence[Item],
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    top: int = 10,
    min_size: int = 2,
    threshold: float = 0.8,
    merge_threshold: float = 0.35,
    half_life_days: float | None = None,
    body_chars: int = 300,
    n_keywords: int = 6,
    max_dense: int = 6000,
    votes_weight: float = VOTES_WEIGHT,
    lone_votes: float | None = None,
) -> list[Topic]:
    """Cluster items in [start, end) and return the hottest topics first.

    Items are TF-IDF vectors of their title (counted twice) and the start of their body;
    average-linkage clustering cuts at cosine distance `threshold`, then clusters whose centroids
    have cosine similarity >= `merge_threshold` are joined. A topic's score sums, over distinct
    authors, a recency weight that halves every `half_life_days` (default: a quarter of the
    window, at least a week) before the window's end, and adds votes_weight * log(1 + votes).
    A group smaller than `min_size` is still a topic when its items drew `lone_votes` supports;
    by default that is the count whose vote term weighs as much as `min_size` fresh items, so a
    message that thousands supported is listed even when nobody else wrote about it.
    """
    chosen = [
        it
        for it in items
        if (start is None or (it.time and it.time >= start))
        and (end is None or (it.time and it.time < end))
    ]
    if len(chosen) < 2:
        return []
    docs = [item_words(it, body_chars) for it in chosen]
    # Terms in a fifth of a large window are generic; small windows keep every term.
    small = len(docs) < 50
    vec = TfidfVectorizer(
        analyzer=_terms, sublinear_tf=True, min_df=1 if small else 2, max_df=1.0 if small else 0.2
    )
    x = vec.fit_transform(docs).astype(np.float64)
    labels = _merge(x, _cluster(x, threshold, max_dense), merge_threshold, min_size)
    if lone_votes is None:
        lone_votes = math.expm1(min_size / votes_weight) if votes_weight > 0 else math.inf
    terms = np.array(vec.get_feature_names_out())
    seen_words = {w for d in docs for w in d if len(w) > 1}
    is_word = np.array([t in seen_words for t in terms], dtype=bool)
    times = [it.time for it in chosen if it.time]
    horizon = end or (max(times) if times else None)
    if half_life_days is None:
        half_life_days = default_half_life(start or (min(times) if times else None), horizon)
    topics: list[Topic] = []
    for c in np.unique(labels):
        idx = np.flatnonzero(labels == c)
        if len(idx) < min_size and sum(max(chosen[i].votes, 0) for i in idx) < lone_votes:
            continue
        topics.append(
            _describe(
                [chosen[i] for i in idx],
                x[idx],
                terms,
                is_word,
                horizon,
                half_life_days,
                n_keywords,
                votes_weight,
            )
        )
    topics.sort(key=lambda t: -t.score)
    for t in topics[:top]:
        phrases = _title_phrases([m.title for m in t.members])
        t.keywords = (phrases + [k for k in t.keywords if not any(k in p for p in phrases)])[
            :n_keywords
        ]
    return topics[:top]


def default_half_life(first: datetime | None, end: datetime | None) -> float:
    """Days in which an item's weight halves, when not given: a quarter of the window
    [first, end), at least a week."""
    span = (end - first) / timedelta(days=1) if first and end else 0.0
    return max(MIN_HALF_LIFE_DAYS, span / 4)


def item_words(item: Item, body_chars: int = 300) -> list[str]:
    """An item's content words as clustering weighs them: the title twice, then the body's start."""
    return _content_words(_words(item.title)) * 2 + _content_words(
        _words(item.text[:body_chars])
    )


def _words(text: str) -> list[str]:
    # An anonymised place code (A市, A2区, K9县) is cut off before segmentation; otherwise jieba
    # glues its last character to the following name (市伊 景园, 区丽发).
    return words(_PLACE_CODE.sub(r"\g<0> ", text) if _PLACE_HINT.search(text) else text)


def _content_words(doc: list[str]) -> list[str]:
    return [w for w in doc if w not in _GENERIC and not _NUMBERLIKE.match(w)]


def _terms(doc: list[str]) -> list[str]:
    # Words plus character bigrams of each word pair, so that names jieba splits
    # differently from one message to the next (伊景园 / 伊 景园) still match.
    out = [w for w in doc if len(w) > 1]
    joined = "".join(doc)
    out.extend(joined[i : i + 2] for i in range(len(joined) - 1))
    return out


def _cluster(x: sparse.csr_matrix, threshold: float, max_dense: int) -> np.ndarray:
    n = x.shape[0]
    if n <= max_dense:
        sim = (x @ x.T).toarray()
        dist = np.clip(1.0 - sim, 0.0, 2.0)
        np.fill_diagonal(dist, 0.0)
        model = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
        )
        return model.fit_predict(dist)
    # Too many items for a dense distance matrix: join pairs that are close on their own.
    sim = (x @ x.T).tocoo()
    keep = (sim.data >= 1.0 - threshold / 2) & (sim.row != sim.col)
    graph = sparse.csr_matrix((np.ones(keep.sum()), (sim.row[keep], sim.col[keep])), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def _merge(
    x: sparse.csr_matrix, labels: np.ndarray, merge_threshold: float, min_size: int
) -> np.ndarray:
    # Average linkage splits a topic when two wordings drift apart (搅拌站 / 搅拌厂); their
    # centroids still point the same way.
    ids, inverse, counts = np.unique(labels, return_inverse=True, return_counts=True)
    big = np.flatnonzero(counts >= min_size)
    if len(big) < 2:
        return labels
    member = sparse.csr_matrix(
        (np.ones(len(labels)), (inverse, np.arange(len(labels)))), shape=(len(ids), len(labels))
    )
    cent = (member[big] @ x).toarray()
    cent /= np.linalg.norm(cent, axis=1, keepdims=True) + 1e-12
    sim = cent @ cent.T
    graph = sparse.csr_matrix(sim >= merge_threshold)
    _, comp = connected_components(graph, directed=False)
    mapping = np.arange(len(ids)) + len(big)
    mapping[big] = comp
    return mapping[inverse]


def _keywords(centroid: np.ndarray, terms: np.ndarray, is_word: np.ndarray, n: int) -> list[str]:
    classes = word_classes()
    chosen: list[str] = []
    for i in np.argsort(-np.where(is_word, centroid, 0.0)):
        if centroid[i] <= 0 or len(chosen) >= n:
            break
        term = str(terms[i])
        if (
            term in _NOT_KEYWORDS
            or classes.get(term) in _FUNCTION_CLASSES
            or _CODE_WORD.match(term)
            or any(term in c for c in chosen)
        ):
            continue
        chosen = [c for c in chosen if c not in term] + [term]
    return chosen


_PUNCTUATION = re.compile(r"[^\w]+|_")
# Classes of words that may stand inside a title phrase but not at either end (3号线, 魅力之城).
_INNER_ONLY = frozenset("m mq q f u".split())  # noqa: SIM905


def _title_phrases(
    titles: list[str], *, limit: int = 2, shortest: int = 3, longest: int = 10
) -> list[str]:
    """Return up to `limit` runs of whole words that at least half the titles share (丽发新城,
    伊景园滨河苑, 长永高速): names that jieba splits (伊 景园, 穿长) read whole again."""
    if len(titles) < 2:
        return []
    classes = word_classes()

    def fits(word: str, at_end: bool) -> bool:
        if word in _GENERIC or word in _NOT_KEYWORDS or _CODE_WORD.match(word):
            return False
        kind = classes.get(word)
        return kind not in _FUNCTION_CLASSES or (not at_end and kind in _INNER_ONLY)

    counts: Counter[str] = Counter()
    for title in titles:
        runs: set[str] = set()
        for part in _PUNCTUATION.split(_PLACE_CODE.sub("|", title)):
            ws = words(part)
            if "".join(ws) != part:
                continue
            for a in range(len(ws)):
                if not fits(ws[a], True):
                    continue
                run = ""
                for b in range(a, len(ws)):
                    run += ws[b]
                    if len(run) > longest or not fits(ws[b], False):
                        break
                    if len(run) >= shortest and fits(ws[b], True):
                        runs.add(run)
        counts.update(runs)
    need = max(2, math.ceil(len(titles) / 2))
    shared = {run: n for run, n in counts.items() if n >= need}
    # Keep a run only when no longer run is shared by as many titles; longest and commonest first.
    closed = [r for r, n in shared.items() if not any(r != o and r in o and m >= n
                                                      for o, m in shared.items())]
    closed.sort(key=lambda r: (-shared[r] * len(r), r))
    chosen: list[str] = []
    for run in closed:
        # Runs that overlap (经开区泉星公园项目 / 泉星公园项目规划) name one thing: keep the first.
        if not any(_trigrams(run) & _trigrams(c) or run in c or c in run for c in chosen):
            chosen.append(run)
        if len(chosen) == limit:
            break
    return chosen


def _trigrams(text: str) -> set[str]:
    return {text[i : i + 3] for i in range(len(text) - 2)}


def _describe(
    members: list[Item],
    x: sparse.csr_matrix,
    terms: np.ndarray,
    is_word: np.ndarray,
    horizon: datetime | None,
    half_life_days: float,
    n_keywords: int,
    votes_weight: float,
) -> Topic:
    centroid = np.asarray(x.mean(axis=0)).ravel()
    centrality = np.asarray(x @ centroid).ravel()
    order = np.argsort(-centrality)
    members = [members[i] for i in order]
    norm = np.linalg.norm(centroid) or 1.0
    cohesion = float(centrality.mean() / norm)
    keywords = _keywords(centroid, terms, is_word, n_keywords)
    # Each author counts once, with the recency of their latest item in the topic.
    latest: dict[str, datetime | None] = {}
    for i, m in enumerate(members):
        who = m.author or f"#{i}"
        if who not in latest or (m.time and (latest[who] is None or m.time > latest[who])):
            latest[who] = m.time
    score = sum(_recency(t, horizon, half_life_days) for t in latest.values())
    votes = sum(max(m.votes, 0) for m in members)
    score += votes_weight * math.log1p(votes)
    times = [m.time for m in members if m.time]
    return Topic(
        keywords=keywords,
        title=members[0].title,
        members=members,
        score=score,
        size=len(members),
        authors=len(latest),
        votes=votes,
        first=min(times) if times else None,
        last=max(times) if times else None,
        representative=members[0].id,
        cohesion=cohesion,
        half_life_days=half_life_days,
    )


def _recency(t: datetime | None, horizon: datetime | None, half_life_days: float) -> float:
    if t is None or horizon is None:
        return 1.0
    age = max((horizon - t) / timedelta(days=1), 0.0)
    return 0.5 ** (age / half_life_days)


def parse_time(value: str) -> datetime | None:
    """Parse the common date-time spellings of exported spreadsheets, or return None."""
    value = (value or "").strip()
    for fmt in (
        "%Y/%m/%d %H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y/%m/%d",
        "%Y-%m-%d",
        "%Y年%m月%d日",
    ):
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
