"""Time computing a whole committee's appraisal on the demo: records, scores, result rows.

Usage: `python -m bench.appraisal.compute_bench [--rounds N]`. It loads the demo into a fresh
SQLite database in a temporary folder (unless DATABASE_URL names one that already holds it),
then recomputes the 2020 year appraisal (a draft revision beside the published one) and a term
appraisal N times each, inside a transaction that is rolled back, and prints JSON: members,
seconds per compute (median and max), and the queries each compute ran.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import datetime

from bench import demo_db


def run(rounds: int) -> dict:
    from django.db import connection, reset_queries, transaction
    from django.test.utils import CaptureQueriesContext

    from bench.text.common import machine
    from xieshang.accounts.models import User
    from xieshang.appraisal import services
    from xieshang.core import clock

    load_s = demo_db.demo_loaded()
    office = User.objects.get(username="demo-liaison")
    figures = {"machine": machine(), "demo_load_s": load_s}
    for scope in ("year", "term"):
        times, queries, members = [], 0, 0
        for _ in range(rounds):
            reset_queries()
            with (
                transaction.atomic(),
                CaptureQueriesContext(connection) as ctx,
                clock.at(datetime(2020, 12, 29, 9, 0)),
            ):
                started = time.perf_counter()
                appraisal = services.appraisal_compute(actor=office, year=2020, scope=scope)
                times.append(time.perf_counter() - started)
                members, queries = appraisal.count, len(ctx.captured_queries)
                transaction.set_rollback(True)
        figures[scope] = {
            "members": members,
            "rounds": rounds,
            "seconds_median": round(statistics.median(times), 2),
            "seconds_max": round(max(times), 2),
            "queries": queries,
        }
    return figures


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--rounds", type=int, default=3)
    args = p.parse_args(argv)
    demo_db.setup()
    print(json.dumps(run(args.rounds), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
