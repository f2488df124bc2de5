"""Measure how often the draft hints' title check fires on real titles and bodies.

The shared citizen messages (messages_with_votes.csv) carry a title (留言主题) and a body (留言详情)
written by the same person. `title_off` fires when the body bears out none of the title's
content words (docs/textintel.md, "Draft hints"); the report gives the count, the share and a
few examples to read, and the time per message of all the hints.
"""

from __future__ import annotations

import argparse
import json
import time

from bench.text.common import data_file, machine
from xieshang.textintel.datasets import read_rows
from xieshang.textintel.draft_hints import draft_hints


def run(examples: int = 5) -> dict:
    """Return the title check's figures on the shared messages."""
    rows = list(read_rows(data_file("messages_with_votes.csv")))
    fired, start = [], time.perf_counter()
    for r in rows:
        hints = draft_hints(r["留言主题"], r["留言详情"], "")
        if any(h.code == "title_off" for h in hints):
            fired.append(r["留言主题"])
    seconds = time.perf_counter() - start
    return {
        "machine": machine(),
        "messages": len(rows),
        "title_off": len(fired),
        "title_off_share": round(len(fired) / len(rows), 4) if rows else 0.0,
        "examples": fired[:examples],
        "ms_per_message": round(seconds / len(rows) * 1000, 2) if rows else 0.0,
    }


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--examples", type=int, default=5)
    print(json.dumps(run(p.parse_args(argv).examples), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
