"""Measure near-duplicate search: recall@1/@10, MRR, query latency, build time, memory.

Query latency is given without shared passages (`spans=False`) and with them (top 10).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
import time

from bench.text.common import machine, peak_rss_mb, percentile
from bench.text.corpus import VARIANTS, originals, synthetic, variant
from xieshang.textintel.similar import SimilarityIndex


def run(n: int, n_queries: int = 1200, seed: int = 7, keep_dir: str | None = None) -> dict:
    """Build an index of n texts (real messages plus synthetic ones) and query variants."""
    msgs = originals()
    index = SimilarityIndex()
    t0 = time.perf_counter()
    index.add_many([m.id for m in msgs], [m.text for m in msgs])
    build = time.perf_counter() - t0
    gen_time = 0.0
    batch_ids: list[str] = []
    batch_texts: list[str] = []
    g0 = time.perf_counter()
    for doc_id, text in synthetic(msgs, max(0, n - len(msgs)), seed=seed):
        batch_ids.append(doc_id)
        batch_texts.append(text)
        if len(batch_ids) == 50_000:
            gen_time += time.perf_counter() - g0
            t0 = time.perf_counter()
            index.add_many(batch_ids, batch_texts)
            build += time.perf_counter() - t0
            batch_ids, batch_texts = [], []
            g0 = time.perf_counter()
    gen_time += time.perf_counter() - g0
    t0 = time.perf_counter()
    if batch_ids:
        index.add_many(batch_ids, batch_texts)
    index.compact()
    build += time.perf_counter() - t0
    del batch_ids, batch_texts
    rss_build = peak_rss_mb()

    rng = random.Random(seed)
    sample = rng.sample([m for m in msgs if len(m.text) >= 60], min(n_queries, len(msgs)))
    by_kind: dict[str, list[int]] = {k: [] for k in VARIANTS}
    ranks: list[int] = []
    latencies: list[float] = []
    latencies_spans: list[float] = []
    for i, m in enumerate(sample):
        kind = VARIANTS[i % len(VARIANTS)]
        q = variant(m.text, kind, rng)
        # Search alone (CLI query/eval, candidate lists) and with the shared passages that the
        # review panel highlights; both return the same hits in the same order.
        t0 = time.perf_counter()
        index.query(q, top=10, spans=False)
        latencies.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        hits = index.query(q, top=10)
        latencies_spans.append((time.perf_counter() - t0) * 1000)
        ids = [h.id for h in hits]
        rank = ids.index(m.id) + 1 if m.id in ids else 0
        ranks.append(rank)
        by_kind[kind].append(rank)

    tmp = keep_dir or tempfile.mkdtemp(prefix="simidx-")
    t0 = time.perf_counter()
    index.save(tmp)
    save_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    SimilarityIndex.load(tmp)
    load_s = time.perf_counter() - t0
    if not keep_dir:
        shutil.rmtree(tmp, ignore_errors=True)

    def recall(rs: list[int], k: int) -> float:
        return round(sum(1 for r in rs if 0 < r <= k) / max(len(rs), 1), 4)

    return {
        "machine": machine(),
        "n_indexed": len(index),
        "n_real": len(msgs),
        "n_queries": len(ranks),
        "recall_at_1": recall(ranks, 1),
        "recall_at_10": recall(ranks, 10),
        "mrr": round(sum(1 / r for r in ranks if r) / len(ranks), 4),
        "by_variant": {
            k: {"recall_at_1": recall(v, 1), "recall_at_10": recall(v, 10)}
            for k, v in by_kind.items()
        },
        "query_p50_ms": round(percentile(latencies, 50), 2),
        "query_p95_ms": round(percentile(latencies, 95), 2),
        "query_with_spans_p50_ms": round(percentile(latencies_spans, 50), 2),
        "query_with_spans_p95_ms": round(percentile(latencies_spans, 95), 2),
        "build_s": round(build, 1),
        "generate_s": round(gen_time, 1),
        "save_s": round(save_s, 1),
        "load_s": round(load_s, 2),
        "peak_rss_mb_after_build": round(rss_build),
        "peak_rss_mb": round(peak_rss_mb()),
    }


def main(argv: list[str] | None = None) -> None:
    """Run the similarity benchmark and print its figures as JSON."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--n", type=int, default=1_000_000, help="texts to index (default 1,000,000)")
    p.add_argument("--queries", type=int, default=1200)
    p.add_argument("--keep", help="keep the saved index in this directory")
    args = p.parse_args(argv)
    print(json.dumps(run(args.n, args.queries, keep_dir=args.keep), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
