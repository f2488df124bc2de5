"""Print the top hot topics of the shared messages with votes, for reading."""

from __future__ import annotations

import argparse
import json
import time

from bench.text.common import data_file, machine
from xieshang.textintel.datasets import read_items
from xieshang.textintel.topics import hot_topics, parse_time


def run(top: int = 10, start: str | None = None, end: str | None = None) -> dict:
    """Cluster messages_with_votes.csv and return the top topics with a few members each."""
    items = read_items(data_file("messages_with_votes.csv"))
    t0 = time.perf_counter()
    topics = hot_topics(
        items,
        top=top,
        start=parse_time(start) if start else None,
        end=parse_time(end) if end else None,
    )
    seconds = time.perf_counter() - t0
    return {
        "machine": machine(),
        "items": len(items),
        "seconds": round(seconds, 1),
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
