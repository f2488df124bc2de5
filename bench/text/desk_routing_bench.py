"""How often the assignment desk's first suggestion is a unit that handled the case, on the demo.

Usage: `python -m bench.text.desk_routing_bench`. It loads the demo into a fresh SQLite database
and data folder in a temporary directory (unless DATABASE_URL names one that already holds it).
The demo trains the committee's model on its 2020 handling on 26 January 2021, before the 2021
交办会, and then assigns the 2021 proposals. For each assigned 2021 proposal the bench asks the
desk (`handling.routing.unit_suggestions`) again and checks its first suggestion, and its top
three, against the units that handled the case as 单办, 主办 or 分办. It does so with everything
on, then with one piece of evidence taken away:

- `flat_model`: the model's softmax temperature set back to 1, the scores every model had before
  units with a single case stopped switching the calibration off (2026-12-04);
- `no_model`, `no_proposer_suggestion`: that evidence left out;
- `model_alone`: the model's own first three units.

`mean_first_score` is the mean score the model gives its first unit: for a calibrated model it
is close to how often that unit is right (`model_alone.first`).

The demo's texts are generated from templates and its proposers always suggest the right unit,
so the figures flatter the method; they show what each piece of evidence adds, not what a real
committee will see.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from contextlib import contextmanager

from bench import demo_db


@contextmanager
def _patched(obj, name: str, value):
    old = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, old)


def _score(cases, ask) -> dict:
    first = top3 = 0
    times = []
    for proposal, truth in cases:
        started = time.perf_counter()
        units = ask(proposal)
        times.append((time.perf_counter() - started) * 1000)
        first += bool(units) and units[0] in truth
        top3 += bool(truth & set(units[:3]))
    n = len(cases)
    return {"first": round(first / n, 3), "first_n": first, "top3": round(top3 / n, 3),
            "p50_ms": round(statistics.median(times), 1)}


def run() -> dict:
    from bench.text.common import machine
    from xieshang.core.models import Committee
    from xieshang.handling import routing, routing_model
    from xieshang.handling.stats import handling_stats
    from xieshang.proposals.models import Proposal

    load_s = demo_db.demo_loaded()
    committee = Committee.objects.get(slug="demo")
    model, info = routing_model.load_model(committee)
    if model is None:
        sys.exit("the demo committee has no routing model")
    truth: dict[int, set[int]] = {}
    for pid, unit_id in (routing_model._lead_assignments(committee.pk)
                         .filter(case__proposal__session__year=2021)
                         .values_list("case__proposal_id", "unit_id")):
        truth.setdefault(pid, set()).add(unit_id)
    proposals = Proposal.objects.filter(pk__in=truth).order_by("pk")
    cases = [(p, truth[p.pk]) for p in proposals]

    def desk(proposal):
        return [s.unit.pk for s in routing.unit_suggestions(proposal=proposal).suggestions]

    def model_alone(proposal):
        return [int(label) for label, _ in model.predict(routing_model.routing_text(proposal))]

    figures = {"machine": machine(), "demo_load_s": load_s, "cases": len(cases),
               "model_examples": info.get("examples"), "model_scale": model.scale,
               "desk": _score(cases, desk)}
    with _patched(model, "scale", 1.0):
        figures["flat_model"] = _score(cases, desk)
    with _patched(routing, "SUGGESTED_WEIGHT", 0.0):
        figures["no_proposer_suggestion"] = _score(cases, desk)
    with _patched(routing, "load_model", lambda _committee: (None, {})):
        figures["no_model"] = _score(cases, desk)
    figures["model_alone"] = _score(cases, model_alone)
    # Calibration: a model whose first unit is right in 83 % of cases should say about 0.83.
    for key, scale in (("model_alone", model.scale), ("flat_model", 1.0)):
        with _patched(model, "scale", scale):
            tops = [model.predict(routing_model.routing_text(p), top=1)[0][1] for p, _ in cases]
        figures[key]["mean_first_score"] = round(statistics.fmean(tops), 3)
    figures["recorded_at_assignment"] = handling_stats(
        committee_id=committee.pk, year=2021)["routing"]
    return figures


def main(argv: list[str] | None = None) -> None:
    argparse.ArgumentParser(description=__doc__).parse_args(argv)
    demo_db.setup()
    print(json.dumps(run(), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
