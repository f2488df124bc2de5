"""Tell which hot topics of a period continue a topic of the period before, and which are new."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from xieshang.textintel.topics import Item, Topic, _terms, item_words

# A topic continues an earlier one at this score: the level at which hot_topics joins the
# clusters of one window (its merge_threshold).
CONTINUES_AT = 0.35


@dataclass(frozen=True)
class Continuation:
    """The earlier topic a topic continues: its place in the earlier list, the score, and the
    place among that topic's members of the one closest to the topic (what the two share, which
    may not be what the earlier topic's title says)."""

    index: int
    score: float
    member: int = 0


def continuations(
    current: Sequence[Topic],
    earlier: Sequence[Topic],
    *,
    background: Sequence[Item] = (),
    threshold: float = CONTINUES_AT,
    body_chars: int = 300,
) -> list[Continuation | None]:
    """For each current topic, the earlier topic it continues, or None when it is new.

    The score of a pair of topics is the mean of two cosines: between their centroids, and
    between their two closest members. The centroid says the topics share a subject; the
    closest pair keeps a case that one message names precisely (58车贷) from being taken by a
    broader topic with similar words (集资诈骗). Members are weighed as hot_topics weighs them
    (the title twice, the start of the body). The vocabulary and its weights come from
    `background`, the items of both periods, so that words every period uses weigh little;
    without it, from the topics' members.
    """
    if not current or not earlier:
        return [None] * len(current)
    groups = [*current, *earlier]
    member_docs = [[item_words(m, body_chars) for m in g.members] for g in groups]
    fit_docs = [item_words(i, body_chars) for i in background] or [
        d for docs in member_docs for d in docs
    ]
    small = len(fit_docs) < 50
    vec = TfidfVectorizer(
        analyzer=_terms, sublinear_tf=True, min_df=1 if small else 2, max_df=1.0 if small else 0.2
    )
    try:
        vec.fit(fit_docs)
    except ValueError:  # no content word at all
        return [None] * len(current)
    vectors = [vec.transform(docs) for docs in member_docs]
    centroids = np.vstack([np.asarray(v.mean(axis=0)).ravel() for v in vectors])
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True) + 1e-12
    n = len(current)
    out: list[Continuation | None] = []
    for i in range(n):
        centroid = centroids[n:] @ centroids[i]
        pairs = [(vectors[i] @ v.T).toarray() if v.nnz else None for v in vectors[n:]]
        closest = np.array([0.0 if p is None else p.max() for p in pairs])
        score = (centroid + closest) / 2
        best = int(np.argmax(score))
        if score[best] < threshold:
            out.append(None)
            continue
        pair = pairs[best]
        member = 0 if pair is None else int(np.unravel_index(np.argmax(pair), pair.shape)[1])
        out.append(Continuation(best, float(score[best]), member))
    return out
