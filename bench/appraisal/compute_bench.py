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
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def _setup() -> None:
    sys.path.insert(0, str(REPO_ROOT))
    if not os.environ.get("DATABASE_URL"):
        folder = tempfile.mkdtemp(prefix="xieshang-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ.setdefault("XIESHANG_ATTACHMENT_ROOT", f"{folder}/attachments")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def run(rounds: int) -> dict:
    from django.core.management import call_command
    from django.db import connection, reset_queries, transaction
    from django.test.utils import CaptureQueriesContext

    from bench.text.common import machine
    from xieshang.accounts.models import User
    from xieshang.appraisal import services
    from xieshang.core import clock
    from xieshang.demo.loader import demo_status, load_demo

    call_command("migrate", verbosity=0)
    load_s = None
    if demo_status() == "empty":
        started = time.perf_counter()
        load_demo(log=lambda _line: None)
        load_s = round(time.perf_counter() - started, 1)
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
    _setup()
    print(json.dumps(run(args.rounds), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
