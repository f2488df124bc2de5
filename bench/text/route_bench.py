"""Cross-validate routing on the shared labelled messages without near-duplicate leakage."""

from __future__ import annotations

import argparse
import json
import time

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

from bench.text.common import data_file, machine, percentile
from xieshang.textintel.datasets import Labelled, read_labelled
from xieshang.textintel.route import Router, metrics, to_doc


def near_duplicate_groups(examples: list[Labelled], threshold: float = 0.6) -> np.ndarray:
    """Group examples whose in-word character bigrams overlap by >= threshold of the smaller set.

    The tokenized file re-segments many raw messages (stop words removed) and repeats others, so
    the comparison uses bigrams inside words, which survive both forms.
    """
    docs = [to_doc(e) for e in examples]
    sets = [{w[i : i + 2] for w in d.words for i in range(len(w) - 1)} for d in docs]
    hv = HashingVectorizer(
        analyzer=lambda s: list(s), binary=True, norm=None, alternate_sign=False, n_features=2**22
    )
    b = hv.transform(sets).tocsr()
    sizes = np.asarray(b.sum(axis=1)).ravel()
    inter = (b @ b.T).tocoo()
    upper = inter.row < inter.col
    rows, cols, vals = inter.row[upper], inter.col[upper], inter.data[upper]
    close = vals / np.maximum(np.minimum(sizes[rows], sizes[cols]), 1) >= threshold
    parent = list(range(len(examples)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, c in zip(rows[close], cols[close], strict=True):
        parent[find(int(a))] = find(int(c))
    return np.array([find(i) for i in range(len(examples))])


def dedupe(examples: list[Labelled]) -> list[Labelled]:
    """Drop exact repeats (same words) keeping the first, so no copy sits in two folds."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for e in examples:
        key = to_doc(e).words
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def load(limit: int | None = None) -> tuple[list[Labelled], list[Labelled]]:
    """Return the raw rows and the de-duplicated examples of both labelled files."""
    raw = read_labelled(data_file("labeled_messages.csv"))
    tok = read_labelled(data_file("labeled_messages_tokenized.csv"))
    examples = dedupe(raw + tok)
    return raw, examples[:limit] if limit else examples


def split(
    examples: list[Labelled], folds: int, grouped: bool
) -> tuple[list[tuple[np.ndarray, np.ndarray]], np.ndarray]:
    """Return the (train, test) index pairs of the benchmark's folds and the groups."""
    labels = np.array([e.label for e in examples])
    groups = near_duplicate_groups(examples)
    if grouped:
        pairs = StratifiedGroupKFold(folds, shuffle=True, random_state=0).split(
            examples, labels, groups
        )
    else:
        pairs = StratifiedKFold(folds, shuffle=True, random_state=0).split(examples, labels)
    return list(pairs), groups


def run(folds: int = 5, grouped: bool = True, limit: int | None = None) -> dict:
    """Return cross-validated figures, training time and prediction latency."""
    raw, examples = load(limit)
    labels = np.array([e.label for e in examples])
    is_raw = np.array([e.text is not None for e in examples])
    split_pairs, groups = split(examples, folds, grouped)
    scores = np.zeros((len(examples), 0))
    classes: list[str] = []
    fit_times = []
    for train, test in split_pairs:
        t0 = time.perf_counter()
        model = Router().fit([examples[i] for i in train])
        fit_times.append(time.perf_counter() - t0)
        if not classes:
            classes = model.classes
            scores = np.zeros((len(examples), len(classes)))
        s = model.scores([examples[i] for i in test])
        scores[test] = s[:, [model.classes.index(c) for c in classes]]
    all_figures = metrics(list(labels), scores, classes)
    raw_figures = metrics(list(labels[is_raw]), scores[is_raw], classes)

    # Full training run and single-message latency on raw texts, as deployed.
    t0 = time.perf_counter()
    model = Router().fit(examples)
    train_s = time.perf_counter() - t0
    texts = [e.text for e in raw[:300] if e.text]
    model.predict(texts[0])
    lat = []
    for t in texts:
        t1 = time.perf_counter()
        model.predict(t)
        lat.append((time.perf_counter() - t1) * 1000)
    return {
        "machine": machine(),
        "examples_after_dedupe": len(examples),
        "raw_examples": int(is_raw.sum()),
        "groups": int(len(set(groups))),
        "cv": f"{folds}-fold {'StratifiedGroupKFold (near-duplicate groups)' if grouped else 'StratifiedKFold'}",
        "macro_f1_all": all_figures["macro_f1"],
        "accuracy_all": all_figures["accuracy"],
        "top3_accuracy_all": all_figures["top3_accuracy"],
        "macro_f1_raw": raw_figures["macro_f1"],
        "accuracy_raw": raw_figures["accuracy"],
        "top3_accuracy_raw": raw_figures["top3_accuracy"],
        "per_label_raw": {k: v["f1"] for k, v in raw_figures["per_label"].items()},
        "fold_train_s_mean": round(float(np.mean(fit_times)), 1),
        "train_s_all_examples": round(train_s, 1),
        "predict_ms_mean": round(float(np.mean(lat)), 2),
        "predict_ms_p50": round(percentile(lat, 50), 2),
        "predict_ms_p95": round(percentile(lat, 95), 2),
    }


def main(argv: list[str] | None = None) -> None:
    """Run the routing benchmark and print its figures as JSON."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--ungrouped", action="store_true", help="plain stratified folds (leaky)")
    p.add_argument("--limit", type=int, help="use only the first N examples (quick runs)")
    args = p.parse_args(argv)
    print(json.dumps(run(args.folds, not args.ungrouped, args.limit), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
