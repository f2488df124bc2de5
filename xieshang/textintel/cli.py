"""Command line of the text library: normalise, similar, route, topics, reply-check."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO


def _print_json(data: object, out: TextIO) -> None:
    out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _read_text(path: str | None) -> str:
    if path in (None, "-"):
        return sys.stdin.read()
    return Path(path).read_text(encoding="utf-8")


def _arg_text(value: str) -> str:
    # "@file" reads the query from a file, "-" from standard input.
    if value == "-":
        return sys.stdin.read()
    if value.startswith("@") and Path(value[1:]).is_file():
        return Path(value[1:]).read_text(encoding="utf-8")
    return value


# -- text ----------------------------------------------------------------------------------------


def cmd_text_normalize(args: argparse.Namespace, out: TextIO) -> int:
    """Print the normalised text of a file or standard input."""
    from xieshang.textintel.normalize import normalize

    out.write(normalize(_read_text(args.file), simplify=not args.keep_script) + "\n")
    return 0


# -- similar -------------------------------------------------------------------------------------


def cmd_similar_index(args: argparse.Namespace, out: TextIO) -> int:
    """Index a CSV of id,text (or a board export) into a directory, added to any index there."""
    from xieshang.textintel.datasets import read_texts
    from xieshang.textintel.similar import SimilarityIndex

    directory = Path(args.index)
    index = (
        SimilarityIndex.load(directory, mmap=False)
        if (directory / "meta.json").exists() and not args.rebuild
        else SimilarityIndex(gram=args.gram, window=args.window)
    )
    ids: list[str] = []
    texts: list[str] = []
    t0 = time.perf_counter()
    for item_id, text in read_texts(args.data):
        ids.append(item_id)
        texts.append(text)
        if len(ids) >= 50_000:
            index.add_many(ids, texts)
            ids, texts = [], []
    index.add_many(ids, texts)
    index.save(directory)
    _print_json({"indexed": len(index), "seconds": round(time.perf_counter() - t0, 2)}, out)
    return 0


def cmd_similar_query(args: argparse.Namespace, out: TextIO) -> int:
    """Print the best matches of a text as JSON."""
    from xieshang.textintel.similar import SimilarityIndex

    index = SimilarityIndex.load(args.index)
    hits = index.query(
        _arg_text(args.text), top=args.top, min_score=args.min_score, spans=args.spans
    )
    if args.spans:
        _print_json([h.as_dict() for h in hits], out)
    else:
        _print_json([{"id": h.id, "score": round(h.score, 4)} for h in hits], out)
    return 0


def cmd_similar_eval(args: argparse.Namespace, out: TextIO) -> int:
    """Print recall@1, recall@10, MRR and p95 latency for queries with known relevant ids."""
    from xieshang.textintel.datasets import read_rows
    from xieshang.textintel.similar import SimilarityIndex

    index = SimilarityIndex.load(args.index)
    index.query("预热", top=1)  # load OpenCC tables before timing
    ranks: list[int] = []
    times: list[float] = []
    for row in read_rows(args.queries):
        relevant = {r for r in row["relevant_ids"].split("|") if r}
        t0 = time.perf_counter()
        hits = index.query(row["text"], top=max(10, args.top), spans=False)
        times.append((time.perf_counter() - t0) * 1000)
        rank = next((i + 1 for i, h in enumerate(hits) if h.id in relevant), 0)
        ranks.append(rank)
    n = max(len(ranks), 1)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))] if times else 0.0
    _print_json(
        {
            "n": len(ranks),
            "recall_at_1": round(sum(1 for r in ranks if r == 1) / n, 4),
            "recall_at_10": round(sum(1 for r in ranks if 0 < r <= 10) / n, 4),
            "mrr": round(sum(1 / r for r in ranks if r) / n, 4),
            "p95_ms": round(p95, 2),
        },
        out,
    )
    return 0


# -- route ---------------------------------------------------------------------------------------


def cmd_route_train(args: argparse.Namespace, out: TextIO) -> int:
    """Train a routing model on one or more labelled CSV files and save it."""
    from xieshang.textintel.datasets import read_labelled
    from xieshang.textintel.route import Router

    examples = [e for path in args.data for e in read_labelled(path)]
    t0 = time.perf_counter()
    model = Router(c=args.c).fit(examples)
    model.save(args.model)
    _print_json(
        {
            "examples": len(examples),
            "labels": model.classes,
            "features": model.features.n_features,
            "seconds": round(time.perf_counter() - t0, 1),
        },
        out,
    )
    return 0


def cmd_route_eval(args: argparse.Namespace, out: TextIO) -> int:
    """Print n, accuracy, macro-F1, top-3 accuracy and per-label figures on a labelled CSV."""
    from xieshang.textintel.datasets import read_labelled
    from xieshang.textintel.route import Router, evaluate

    model = Router.load(args.model)
    _print_json(evaluate(model, [e for path in args.data for e in read_labelled(path)]), out)
    return 0


def cmd_route_predict(args: argparse.Namespace, out: TextIO) -> int:
    """Print the top labels of a text, or unit suggestions when rules are given."""
    from xieshang.textintel.route import Router, Rules, suggest

    model = Router.load(args.model)
    text = _arg_text(args.text)
    if args.rules:
        rules = Rules.from_dict(json.loads(Path(args.rules).read_text(encoding="utf-8")))
        found = suggest(text, model, rules, top=args.top, context=args.context or ())
        _print_json([s.as_dict() for s in found], out)
    else:
        _print_json(
            [{"label": lab, "score": round(s, 4)} for lab, s in model.predict(text, top=args.top)],
            out,
        )
    return 0


# -- topics --------------------------------------------------------------------------------------


def cmd_topics(args: argparse.Namespace, out: TextIO) -> int:
    """Print the hot topics of a CSV of id,title,text,time[,votes][,author]."""
    from xieshang.textintel.datasets import read_items
    from xieshang.textintel.topics import hot_topics, parse_time

    items = read_items(args.data)
    topics = hot_topics(
        items,
        top=args.top,
        start=parse_time(args.start) if args.start else None,
        end=parse_time(args.end) if args.end else None,
        threshold=args.threshold,
        merge_threshold=args.merge_threshold,
        min_size=args.min_size,
        half_life_days=args.half_life,
        votes_weight=args.votes_weight,
    )
    if args.json:
        _print_json([t.as_dict(max_members=args.members) for t in topics], out)
    else:
        for rank, t in enumerate(topics, 1):
            out.write(
                f"{rank:2d}. [{t.score:.1f}] {t.title}  ({t.size} items, {t.authors} "
                f"authors, {t.votes} votes)  {' '.join(t.keywords)}\n"
            )
    return 0


# -- reply-check ---------------------------------------------------------------------------------


_PROPOSAL_COLUMNS = ("proposal", "proposal_text", "留言详情", "提案内容")
_REPLY_COLUMNS = ("reply", "reply_text", "答复意见", "答复内容")


def cmd_reply_check(args: argparse.Namespace, out: TextIO) -> int:
    """Print a JSON verdict per row of a CSV of proposal text and reply text."""
    import csv

    from xieshang.textintel.replycheck import ADDRESSED_AT, check_reply

    with open(args.file, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, [])
        cols = [c.strip() for c in header]
        p_col = next((cols.index(c) for c in _PROPOSAL_COLUMNS if c in cols), None)
        r_col = next((cols.index(c) for c in _REPLY_COLUMNS if c in cols), None)
        rows = list(reader)
        if p_col is None or r_col is None:
            # No known header: the first two columns are proposal and reply, header included.
            p_col, r_col = 0, 1
            rows = [header, *rows] if header else rows
    threshold = ADDRESSED_AT if args.threshold is None else args.threshold
    verdicts = []
    for i, row in enumerate(rows):
        if len(row) <= max(p_col, r_col):
            continue
        verdict = check_reply(row[p_col], row[r_col], threshold=threshold).as_dict()
        verdicts.append({"row": i + 1, **verdict})
    _print_json(verdicts, out)
    return 0


# -- parser --------------------------------------------------------------------------------------


def build_parser(prog: str = "xieshang") -> argparse.ArgumentParser:
    """Return the argument parser of every verb."""
    p = argparse.ArgumentParser(prog=prog, description="Chinese text intelligence tools.")
    verbs = p.add_subparsers(dest="verb", required=True)

    text = verbs.add_parser("text", help="text utilities")
    text_sub = text.add_subparsers(dest="action", required=True)
    norm = text_sub.add_parser("normalize", help="print cleaned text")
    norm.add_argument("file", nargs="?", help="input file (standard input when absent)")
    norm.add_argument("--keep-script", action="store_true", help="do not convert to simplified")
    norm.set_defaults(func=cmd_text_normalize)

    sim = verbs.add_parser("similar", help="near-duplicate index")
    sim_sub = sim.add_subparsers(dest="action", required=True)
    s_index = sim_sub.add_parser("index", help="index a CSV with columns id,text")
    s_index.add_argument("--data", required=True)
    s_index.add_argument("--index", required=True, help="index directory")
    s_index.add_argument("--rebuild", action="store_true", help="start a new index")
    s_index.add_argument("--gram", type=int, default=5)
    s_index.add_argument("--window", type=int, default=6)
    s_index.set_defaults(func=cmd_similar_index)
    s_query = sim_sub.add_parser("query", help="find texts similar to TEXT")
    s_query.add_argument("--index", required=True)
    s_query.add_argument("--top", type=int, default=10)
    s_query.add_argument("--min-score", type=float, default=0.0)
    s_query.add_argument("--spans", action="store_true", help="include shared passages")
    s_query.add_argument("text", help="query text, @FILE, or - for standard input")
    s_query.set_defaults(func=cmd_similar_query)
    s_eval = sim_sub.add_parser("eval", help="measure recall on queries with relevant ids")
    s_eval.add_argument("--index", required=True)
    s_eval.add_argument("--queries", required=True, help="CSV text,relevant_ids (ids joined by |)")
    s_eval.add_argument("--top", type=int, default=10)
    s_eval.set_defaults(func=cmd_similar_eval)

    route = verbs.add_parser("route", help="routing classifier")
    route_sub = route.add_subparsers(dest="action", required=True)
    r_train = route_sub.add_parser("train", help="train on labelled CSV (label + text or tokens)")
    r_train.add_argument("--data", action="append", required=True)
    r_train.add_argument("--model", required=True, help="model directory")
    r_train.add_argument("--c", type=float, default=0.3, help="SVM regularisation")
    r_train.set_defaults(func=cmd_route_train)
    r_eval = route_sub.add_parser("eval", help="evaluate on labelled CSV")
    r_eval.add_argument("--model", required=True)
    r_eval.add_argument("--data", action="append", required=True)
    r_eval.set_defaults(func=cmd_route_eval)
    r_pred = route_sub.add_parser("predict", help="predict the labels of TEXT")
    r_pred.add_argument("--model", required=True)
    r_pred.add_argument("--top", type=int, default=3)
    r_pred.add_argument("--rules", help="JSON rules: suggest units instead of labels")
    r_pred.add_argument("--context", action="append", help="对口 link key (repeatable)")
    r_pred.add_argument("text", help="text, @FILE, or - for standard input")
    r_pred.set_defaults(func=cmd_route_predict)

    topics = verbs.add_parser("topics", help="hot topics of a CSV id,title,text,time[,votes]")
    topics.add_argument("--data", required=True)
    topics.add_argument("--top", type=int, default=10)
    topics.add_argument("--start", help="window start (inclusive)")
    topics.add_argument("--end", help="window end (exclusive)")
    topics.add_argument("--threshold", type=float, default=0.8, help="cosine distance cut")
    topics.add_argument("--merge-threshold", type=float, default=0.35,
                        help="centroid cosine at which clusters are joined")
    topics.add_argument("--min-size", type=int, default=2, help="items a topic needs")
    topics.add_argument("--half-life", type=float,
                        help="days in which an item's weight halves (default: a quarter of the window)")
    topics.add_argument("--votes-weight", type=float, default=0.5,
                        help="weight of ln(1 + supports) in a topic's score")
    topics.add_argument("--members", type=int, default=50, help="members listed per topic")
    topics.add_argument("--json", action="store_true", help="print JSON")
    topics.set_defaults(func=cmd_topics)

    reply = verbs.add_parser("reply-check", help="check replies against proposals (CSV)")
    reply.add_argument("file", help="CSV: proposal,reply (or 留言详情,答复意见)")
    reply.add_argument(
        "--threshold", type=float, help="score at which a suggestion counts as answered (default: replycheck.ADDRESSED_AT)"
    )
    reply.set_defaults(func=cmd_reply_check)
    return p


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, prog: str = "xieshang"
) -> int:
    """Run one command and return its exit status."""
    args = build_parser(prog).parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        return int(args.func(args, out or sys.stdout))
    except (OSError, ValueError, KeyError) as exc:
        sys.stderr.write(f"{prog}: error: {exc}\n")
        return 2


if __name__ == "__main__":
    sys.exit(main())
