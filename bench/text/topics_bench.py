"""Print the top hot topics of the shared messages with votes, for reading."""

from __future__ import annotations

import argparse
import json
import re
import time

from bench.text.common import data_file, machine
from xieshang.textintel.datasets import read_items
from xieshang.textintel.topics import Topic, hot_topics, parse_time

# The topics that several published analyses of this file agree on, each as a pattern that a
# member's title about it matches (docs/performance.md, "Hot topics").
AGREED = {
    "丽发新城 搅拌站": r"丽发",
    "伊景园滨河苑 捆绑车位": r"伊景园|滨河苑",
    "魅力之城 油烟噪音": r"魅力之城",
    "58车贷 案件": r"58车[贷货]",
    "经济学院 强制实习": r"经济学院.*(实习|打工|工厂|实践)",
    "五矿万境K9县": r"五矿|万境",
}


def agreed_ranks(topics: list[Topic]) -> dict[str, int | None]:
    """Rank of the first topic whose members are mostly about each agreed topic (None: absent)."""
    ranks: dict[str, int | None] = {}
    for name, pattern in AGREED.items():
        about = re.compile(pattern)
        ranks[name] = next(
            (
                i + 1
                for i, t in enumerate(topics)
                if 2 * sum(bool(about.search(m.title)) for m in t.members) > len(t.members)
            ),
            None,
        )
    return ranks


def run(top: int = 10, start: str | None = None, end: str | None = None) -> dict:
    """Cluster messages_with_votes.csv; return the top topics with a few members each and the
    ranks (within the top 40) of the topics published analyses agree on."""
    items = read_items(data_file("messages_with_votes.csv"))
    t0 = time.perf_counter()
    ranked = hot_topics(
        items,
        top=max(top, 40),
        start=parse_time(start) if start else None,
        end=parse_time(end) if end else None,
    )
    seconds = time.perf_counter() - t0
    ranks = agreed_ranks(ranked)
    topics = ranked[:top]
    return {
        "machine": machine(),
        "items": len(items),
        "seconds": round(seconds, 1),
        "agreed_topic_ranks": ranks,
        "agreed_in_top_10": sum(1 for r in ranks.values() if r is not None and r <= 10),
        "topics": [
            {
                "rank": i + 1,
                "title": t.title,
                "keywords": t.keywords,
                "score": round(t.score, 2),
                "size": t.size,
                "authors": t.authors,
                "votes": t.votes,
                "span": f"{t.first:%Y-%m-%d}..{t.last:%Y-%m-%d}" if t.first else None,
                "members": [m.title for m in t.members[:5]],
            }
            for i, t in enumerate(topics)
        ],
    }


def main(argv: list[str] | None = None) -> None:
    """Run the hot-topics benchmark and print its result as JSON."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--top", type=int, default=10)
    p.add_argument("--start")
    p.add_argument("--end")
    args = p.parse_args(argv)
    print(json.dumps(run(args.top, args.start, args.end), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
