"""Measure reply checks on the shared message–reply pairs.

Two questions with answers in the data itself:
- Does "addressed" tell a message's own reply from other replies? Each message with at least two
  suggestions is checked against its own reply, against the reply to the most similar other
  message (character-bigram TF-IDF cosine below 0.6, so not a copy of the same message: a reply
  on the same kind of matter that was written for something else) and against the reply to a
  message drawn at random (fixed seed). The share of points counted as answered is reported for
  several score cuts.
- Is the sign-off date found? The file's 答复时间 is when the reply was published, days or weeks
  after it was signed, so a date counts as plausible when it lies 0–60 days before it.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from datetime import date

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from bench.text.common import data_file, machine
from xieshang.textintel.datasets import read_rows
from xieshang.textintel.replycheck import ADDRESSED_AT, check_reply

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0}


def parse_date(text: str | None) -> date | None:
    """Read the dates that check_reply reports (2019年1月23日, 2019-01-23, 二〇一九年一月二十三日)."""
    if not text:
        return None
    m = re.search(r"(\d{4})\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})", text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = re.fullmatch(r"(.{4})年(.{1,2})月(.{1,3})日", text.strip())
        if not m:
            return None
        y = int("".join(str(_CN_DIGITS.get(c, 0)) for c in m.group(1)))
        mo, d = _cn_number(m.group(2)), _cn_number(m.group(3))
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _cn_number(s: str) -> int:
    if "十" not in s:
        return _CN_DIGITS.get(s, 0)
    tens, _, ones = s.partition("十")
    return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


CUTS = (0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3)


def run(seed: int = 0, limit: int | None = None) -> dict:
    """Check every pair against its own, a similar message's and a random reply; check dates."""
    rows = list(read_rows(data_file("messages_with_replies.csv")))[:limit]
    messages = [f"{r['留言主题']}\n{r['留言详情']}" for r in rows]
    x = TfidfVectorizer(analyzer="char", ngram_range=(2, 2), sublinear_tf=True).fit_transform(
        messages
    )
    rng = random.Random(seed)
    scores: dict[str, list[float]] = {"own": [], "similar": [], "random": []}
    with_points = 0
    dates_true = dates_found = dates_plausible = 0
    formal = {"result_class": 0, "signer": 0, "contact_person": 0, "phone": 0, "date": 0}
    t0 = time.perf_counter()
    checks = 0
    for i, r in enumerate(rows):
        own = check_reply(messages[i], r["答复意见"])
        checks += 1
        for key in formal:
            formal[key] += getattr(own, key) is not None
        truth = parse_date(r.get("答复时间"))
        if truth:
            dates_true += 1
            found = parse_date(own.date)
            dates_found += found is not None
            dates_plausible += found is not None and 0 <= (truth - found).days <= 60
        if len(own.points) < 2:
            continue
        with_points += 1
        sim = (x @ x[i].T).toarray().ravel()
        sim[i] = -1.0
        sim[sim >= 0.6] = -1.0
        j = rng.randrange(len(rows) - 1)
        for name, other in (
            ("own", own),
            ("similar", check_reply(messages[i], rows[int(np.argmax(sim))]["答复意见"])),
            ("random", check_reply(messages[i], rows[j + (j >= i)]["答复意见"])),
        ):
            scores[name].extend(p.score for p in other.points)
        checks += 2
    seconds = time.perf_counter() - t0
    arrays = {k: np.array(v) for k, v in scores.items()}
    return {
        "machine": machine(),
        "pairs": len(rows),
        "pairs_with_2_or_more_suggestions": with_points,
        "points": len(arrays["own"]),
        "default_cut": ADDRESSED_AT,
        # Share of the suggestions counted as answered, by reply and score cut.
        "answered_share": {
            f"{cut:g}": {k: round(float((a >= cut).mean()), 3) for k, a in arrays.items()}
            for cut in CUTS
        },
        "sign_off_date_found": round(dates_found / dates_true, 3) if dates_true else None,
        "sign_off_date_plausible": round(dates_plausible / dates_true, 3) if dates_true else None,
        "formal_elements_found_share": {k: round(v / len(rows), 3) for k, v in formal.items()},
        "ms_per_check": round(seconds * 1000 / checks, 2),
    }


def main(argv: list[str] | None = None) -> None:
    """Run the reply-check benchmark and print its figures as JSON."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--limit", type=int, help="use only the first N pairs (quick runs)")
    args = p.parse_args(argv)
    print(json.dumps(run(args.seed, args.limit), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
