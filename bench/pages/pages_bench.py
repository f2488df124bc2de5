"""Time the pages each demo role opens most, as the server answers them (no browser).

Usage: `python -m bench.pages.pages_bench [--rounds N]`. It loads the demo into a fresh SQLite
database in a temporary folder (unless DATABASE_URL names one that already holds it), signs in as
each role's demo login through Django's test client (the same middleware, so the demo's clock),
opens each page once to warm up, then N times, and prints JSON: per page the status, the median
and largest milliseconds and the number of queries. A page that does not answer 200 is reported,
not timed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from bench import demo_db

# (login, page) pairs: each role's home, its lists and the pages it works on most.
PAGES = [
    ("demo-member", "/proposals/"),
    ("demo-member", "/proposals/new/"),
    ("demo-member", "/opinions/"),
    ("demo-member", "/activities/mine/"),
    ("demo-member", "/appraisal/mine/"),
    ("demo-staff", "/proposals/review/"),
    ("demo-chief", "/proposals/review/groups/"),
    ("demo-office", "/handling/desk/"),
    ("demo-office", "/handling/"),
    ("demo-unit", "/handling/unit/"),
    ("demo-info", "/opinions/"),
    ("demo-info", "/reports/topics/"),
    ("demo-liaison", "/activities/"),
    ("demo-liaison", "/appraisal/"),
    ("demo-leader", "/reports/stats/"),
    ("demo-leader", "/reports/summary/?year=2020"),
]


def run(rounds: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.text.common import machine
    from xieshang.accounts.models import User

    load_s = demo_db.demo_loaded()
    rows = []
    for login, path in PAGES:
        client = Client()
        client.force_login(User.objects.get(username=login))
        status = client.get(path).status_code  # warm-up: caches, templates
        if status != 200:
            rows.append({"login": login, "page": path, "status": status})
            continue
        times = []
        for _ in range(rounds):
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                client.get(path)
                times.append((time.perf_counter() - started) * 1000)
        rows.append({"login": login, "page": path, "status": status,
                     "ms_median": round(statistics.median(times), 1),
                     "ms_max": round(max(times), 1), "queries": len(ctx.captured_queries)})
    return {"machine": machine(), "demo_load_s": load_s, "rounds": rounds, "pages": rows}


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--rounds", type=int, default=5)
    args = p.parse_args(argv)
    demo_db.setup()
    print(json.dumps(run(args.rounds), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
