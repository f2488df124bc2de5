"""Measure the cost of the name helpers: 姓氏笔画 keys (textintel.strokes), 拼音首字母 and the
roster's pinyin search (textintel.initials).

Run as its own process, so that the one-off loading of each table is measured: the first call
of each helper in a process reads its table. Names come from the demo's name generator (a fixed
seed), so every run times the same names.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time

from bench.text.common import machine


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed_first(fn) -> tuple[float, float]:
    """Return the seconds and the peak-memory growth (MB) of a first call."""
    before, start = _rss_mb(), time.perf_counter()
    fn()
    return time.perf_counter() - start, _rss_mb() - before


def run(n: int = 20_000) -> dict:
    """Return the load costs, the cost per name and the time to sort n names by strokes."""
    from xieshang.demo.names import person_name
    from xieshang.textintel.initials import initials, matches_pinyin
    from xieshang.textintel.strokes import name_key

    rng = random.Random(2026)
    names = [person_name(rng, rng.choice("MF")) for _ in range(n)]
    strokes_load, strokes_mb = _timed_first(lambda: name_key("王芳"))
    initials_load, initials_mb = _timed_first(lambda: initials("王芳"))
    readings_load, readings_mb = _timed_first(lambda: matches_pinyin("wf", "王芳"))

    start = time.perf_counter()
    keys = [name_key(name) for name in names]
    key_seconds = time.perf_counter() - start
    start = time.perf_counter()
    for name in names:
        initials(name)
    initials_seconds = time.perf_counter() - start
    start = time.perf_counter()
    sorted(zip(keys, names, strict=True))
    sort_seconds = time.perf_counter() - start
    # A roster search scans every name: two initials, a whole syllable and a miss.
    searches = {}
    for query in ("wf", "zhang", "xqz"):
        start = time.perf_counter()
        hits = sum(matches_pinyin(query, name) for name in names)
        searches[query] = {"ms": round((time.perf_counter() - start) * 1000, 1), "hits": hits}
    return {
        "machine": machine(),
        "names": n,
        "strokes_table_load_s": round(strokes_load, 3),
        "strokes_table_mb": round(strokes_mb, 1),
        "initials_table_load_s": round(initials_load, 3),
        "initials_table_mb": round(initials_mb, 1),
        "name_key_us_per_name": round(key_seconds / n * 1e6, 2),
        "initials_us_per_name": round(initials_seconds / n * 1e6, 2),
        "sort_by_key_ms": round(sort_seconds * 1000, 1),
        "readings_table_load_s": round(readings_load, 3),
        "readings_table_mb": round(readings_mb, 1),
        "pinyin_search_over_all_names": searches,
    }


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--n", type=int, default=20_000, help="names to key and sort")
    print(json.dumps(run(p.parse_args(argv).n), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
