"""Run every text-intelligence benchmark and print one JSON report.

`--quick` indexes 50,000 texts instead of 1,000,000 and uses 3 routing folds.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys

from bench.text import (
    hints_bench,
    names_bench,
    normalize_bench,
    replycheck_bench,
    route_bench,
    route_fasttext_bench,
    similar_bench,
    topics_bench,
)
from bench.text.common import DATA_DIR, machine


def main(argv: list[str] | None = None) -> None:
    """Run all text benchmarks."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--quick", action="store_true", help="smaller index and fewer folds")
    p.add_argument("--n", type=int, help="texts to index (overrides --quick)")
    args = p.parse_args(argv)
    if not (DATA_DIR / "labeled_messages.csv").exists():
        sys.exit(f"skipped: shared data absent at {DATA_DIR}")
    n = args.n or (50_000 if args.quick else 1_000_000)
    report: dict[str, object] = {"machine": machine()}

    def step(name: str, fn) -> None:  # type: ignore[no-untyped-def]
        print(f"# {name} …", file=sys.stderr, flush=True)
        result = fn()
        result.pop("machine", None)
        report[name] = result
        print(json.dumps({name: result}, ensure_ascii=False, indent=2), flush=True)

    step("normalize", normalize_bench.run)
    step("route", lambda: route_bench.run(folds=3 if args.quick else 5))
    if importlib.util.find_spec("fasttext"):
        step("route_fasttext", lambda: route_fasttext_bench.run(folds=3 if args.quick else 5))
    else:
        report["route_fasttext"] = "skipped: fastText is not installed (pip install -e '.[bench]')"
    step("topics", topics_bench.run)
    step("replycheck", replycheck_bench.run)
    step("hints", hints_bench.run)
    step("names", names_bench.run)
    step("similar", lambda: similar_bench.run(n, n_queries=600 if args.quick else 1200))
    print(
        json.dumps(
            {
                "summary": {
                    "machine": report["machine"],
                    "normalize_mb_per_s": report["normalize"]["mb_per_s_web_pages"],  # type: ignore[index]
                    "route_macro_f1_raw": report["route"]["macro_f1_raw"],  # type: ignore[index]
                    "similar_recall_at_10": report["similar"]["recall_at_10"],  # type: ignore[index]
                    "similar_p95_ms": report["similar"]["query_p95_ms"],  # type: ignore[index]
                    "similar_p95_ms_with_spans": report["similar"]["query_with_spans_p95_ms"],  # type: ignore[index]
                }
            },
            ensure_ascii=False,
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
