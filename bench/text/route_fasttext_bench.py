"""Score fastText, the issue's reference "best model without a GPU", on the routing folds.

The published "fastText ≈ 0.93" was measured on each team's own split. This script trains
fastText on exactly the folds and words of `route_bench` (grouped and plain), so the two models
are compared on equal terms. fastText is not a dependency of the product: install it with
`pip install -e '.[bench]'`; without it the script prints a message and exits.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time

import numpy as np

from bench.text.common import machine
from bench.text.route_bench import load, split
from xieshang.textintel.datasets import Labelled
from xieshang.textintel.route import metrics, to_doc

# The best of a small grid on the grouped folds (epochs 10–100, lr 0.2–1.0, word 1–3-grams,
# dim 50–200, softmax or one-vs-all, with and without character subwords).
CONFIGS = {
    "words": {"epoch": 50, "lr": 0.3, "wordNgrams": 2, "dim": 100, "loss": "softmax"},
    "words+subwords": {
        "epoch": 15,
        "lr": 0.5,
        "wordNgrams": 2,
        "dim": 100,
        "loss": "ova",
        "minn": 1,
        "maxn": 4,
    },
}


def _train(fasttext, examples: list[Labelled], idx: np.ndarray, config: dict):  # type: ignore[no-untyped-def]
    fd, path = tempfile.mkstemp(suffix=".txt")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for i in idx:
                e = examples[i]
                fh.write(f"__label__{e.label} {' '.join(to_doc(e).words)}\n")
        return fasttext.train_supervised(path, minCount=1, thread=2, verbose=0, seed=0, **config)
    finally:
        os.unlink(path)


def run(folds: int = 5) -> dict:
    """Return fastText's macro-F1 on the grouped and plain folds of the routing benchmark."""
    try:
        import fasttext  # type: ignore[import-not-found]
    except ImportError:
        sys.exit("skipped: fastText is not installed (pip install -e '.[bench]')")
    _, examples = load()
    labels = np.array([e.label for e in examples])
    is_raw = np.array([e.text is not None for e in examples])
    classes = sorted(set(labels))
    lines = [" ".join(to_doc(e).words) for e in examples]
    out: dict[str, object] = {"machine": machine(), "examples": len(examples)}
    for grouped in (True, False):
        pairs, _ = split(examples, folds, grouped)
        for name, config in CONFIGS.items():
            t0 = time.perf_counter()
            scores = np.zeros((len(examples), len(classes)))
            for train, test in pairs:
                model = _train(fasttext, examples, train, config)
                for i in test:
                    got, probs = model.predict(lines[i], k=len(classes))
                    for label, p in zip(got, probs, strict=True):
                        scores[i, classes.index(label.removeprefix("__label__"))] = p
            raw = metrics(list(labels[is_raw]), scores[is_raw], classes)
            every = metrics(list(labels), scores, classes)
            key = f"{'grouped' if grouped else 'plain'} {name}"
            out[key] = {
                "config": config,
                "macro_f1_raw": raw["macro_f1"],
                "macro_f1_all": every["macro_f1"],
                "seconds": round(time.perf_counter() - t0, 1),
            }
            print(json.dumps({key: out[key]}, ensure_ascii=False), file=sys.stderr, flush=True)
    return out


def main(argv: list[str] | None = None) -> None:
    """Run the fastText comparison and print its figures as JSON."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--folds", type=int, default=5)
    args = p.parse_args(argv)
    print(json.dumps(run(args.folds), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
