"""What the reviewers' text aids flag on the demo, so that the figures in docs/textintel.md are
computed from records.

Loads the demo into a fresh database (bench/demo_db.py), then counts:
- the draft hints (textintel.draft_hints) of every submitted proposal and 社情民意 item, by code,
  the proposals in review that have some, and how many items a 100-character bar for 情况反映
  would flag;
- for each 2021 reply passed or under review, the share of its text repeated from the same unit's
  replies to the 3 most similar items (textintel.align.shared_share): median, 90th percentile and
  maximum, and how many replies `earlier_replies.for_review` reports as repeated.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import Counter

from bench import demo_db
from bench.text.common import machine


def run() -> dict:
    from xieshang.handling.earlier_replies import SHOWN, for_review, similar_replies
    from xieshang.handling.models import Reply
    from xieshang.opinions.models import Opinion
    from xieshang.proposals.models import Proposal
    from xieshang.textintel.align import shared_share
    from xieshang.textintel.draft_hints import draft_hints, item_hints

    load_s = demo_db.demo_loaded()
    proposals = list(Proposal.objects.exclude(status="draft"))
    proposal_codes = Counter(h.code for p in proposals
                             for h in draft_hints(p.title, p.reasons, p.suggestions))
    from xieshang.proposals.workflow import IN_REVIEW

    in_review = {p.receipt_number: [h.code for h in draft_hints(p.title, p.reasons, p.suggestions)]
                 for p in proposals if p.status in IN_REVIEW}
    items = list(Opinion.objects.exclude(status="draft"))
    item_codes = Counter(h.code for o in items
                         for h in item_hints(o.title, o.situation, o.analysis, o.suggestions))
    strict = sum(1 for o in items
                 if any(h.code == "short_situation" for h in item_hints(
                     o.title, o.situation, o.analysis, o.suggestions, min_situation=100)))
    replies = list(Reply.objects.filter(passed_at__year=2021).select_related("assignment")
                   | Reply.objects.filter(status="under_review").select_related("assignment"))
    shares, repeated = [], 0
    started = time.perf_counter()
    for r in replies:
        repeated += bool(for_review(r)[1])
    review_ms = (time.perf_counter() - started) / max(1, len(replies)) * 1000
    for r in replies:
        shares += [shared_share(r.body, e.reply.body)
                   for e in similar_replies(r.assignment, top=SHOWN) if e.reply is not None]
    shares.sort()
    return {
        "machine": machine(),
        "demo_load_s": load_s,
        "proposals": len(proposals),
        "proposal_hints": dict(proposal_codes.most_common()),
        "in_review_with_hints": {n: codes for n, codes in in_review.items() if codes},
        "items": len(items),
        "item_hints": dict(item_codes.most_common()),
        "items_short_situation_at_100": strict,
        "replies": len(replies),
        "replies_repeating_an_earlier_one": repeated,
        "repeated_share": {
            "pairs": len(shares),
            "median": round(statistics.median(shares), 2) if shares else None,
            "p90": round(shares[int(len(shares) * 0.9)], 2) if shares else None,
            "max": round(shares[-1], 2) if shares else None,
        },
        "for_review_ms_per_reply": round(review_ms, 1),
    }


def main(argv: list[str] | None = None) -> None:
    argparse.ArgumentParser(description=__doc__).parse_args(argv)
    demo_db.setup()
    print(json.dumps(run(), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
