"""Step 5: the handling of the 2020 proposals (五届四次会议), from the 交办会 to the last rating.

All 326 accepted proposals are assigned by the 交办督查室 (`demo-office`): the plenary batch in
bulk at the 交办会 of 10 June 2020, five days after numbering, and the in-year proposals at the
start of the month after their monthly numbering. Every one is answered, and its reply passed by
the proposal committee, before the session's unified cutoff of 30 September 2020; the proposers
then rate the replies and the office decides on the few unsatisfied ones.

Shares (domain.md §1.6–1.9): most proposals go to one unit (单办), a good share to a lead unit
with co-handling units (主办 + 会办), some to several units that each reply (分办). Result classes
follow what cities report (Lu'an 2025: 45.8% solved, 53.3% under way, 0.9% hard to do); ratings
follow Fuyang 2019 (89.1% 满意, 10.9% 基本满意), with a handful of 不满意 so that re-handling and
closing with a reason both occur.
"""

import random
from datetime import date, datetime

from xieshang.handling.models import HandlingCase
from xieshang.handling.stats import handling_stats
from xieshang.handling.workflow import CaseStatus

from .context import DemoContext
from .handling import CaseItem, Part, Planner, draw_rating, read_cases, summary_counts
from .organisation import UNITS

YEAR = 2020
ACCEPTED = 326
MEETING = datetime(2020, 6, 10, 15, 0)  # 提案交办会, after the plenary batch was numbered on 6-05
CUTOFF = date(2020, 9, 30)

# Proposals whose proposer suggested co-handling units; the others all go to one unit.
MODE_WEIGHTS = {"single": 57, "lead_co": 33, "split": 10}
RETURNS = {"approved": 5, "refused": 3}
SEND_BACK = {"points": 4, "contact": 3, "vague": 3, "class": 2}
CLASS_SHARE = {"A": 0.46, "C": 0.045}  # B the rest
CLASS_CHANGED = 3
EXTENSIONS = {"approved": 7, "refused": 2}
LATE = 5
COSIGN, COSIGN_COMMENT = 0.55, 0.2
# Unsatisfied cases: re-handled (then rated again) or closed by the office with a reason.
UNSATISFIED = {"rehandle": 4, "close": 2}
OVERALL = {"A": (0.94, 0.06), "B": (0.85, 0.15), "C": (0.45, 0.55)}

LIAISON = {name: liaison for name, _, liaison in UNITS}
KINDS = {name: kind for name, kind, _ in UNITS}


def other_units(item: CaseItem, unit: str) -> list[str]:
    """Return the units a returned part may go to: ones the proposer named, or related ones."""
    taken = {p.unit for p in item.parts}
    pool = [u for u in item.suggested_lead + item.suggested_co if u not in taken]
    return pool or sorted(u for u in LIAISON if LIAISON[u] == LIAISON[unit]
                          and u not in taken and KINDS[u] == "government")


def plan_parts(rng: random.Random, item: CaseItem, *, in_year: bool) -> None:
    """Choose the mode and the units from the proposer's suggested units."""
    lead = (item.suggested_lead or item.suggested_co or ["市政府办公室"])[0]
    co = [u for u in item.suggested_co if u != lead]
    mode = "single"
    if co:
        weights = dict(MODE_WEIGHTS)
        if in_year:  # answered within weeks: no time for co-handling rounds
            weights["lead_co"] = 0
        mode = rng.choices(list(weights), weights=list(weights.values()))[0]
    item.mode = mode
    if mode == "single":
        item.parts = [Part(lead, "single")]
    elif mode == "lead_co":
        chosen = rng.sample(co, k=min(len(co), rng.choice((1, 1, 2))))
        item.parts = [Part(lead, "lead"), *(Part(u, "co") for u in chosen)]
    else:
        chosen = rng.sample(co, k=min(len(co), rng.choice((1, 1, 1, 2))))
        item.parts = [Part(lead, "split"), *(Part(u, "split") for u in chosen)]
    for part in item.parts:
        part.sign_delay = rng.choices((1, 2, 3, 4), weights=(40, 35, 20, 5))[0]
        part.speed = rng.betavariate(2.2, 1.6)


def plan_returns(rng: random.Random, cases: list[CaseItem]) -> None:
    parts = [(item, part) for item in cases for part in item.parts
             if other_units(item, part.unit)]
    picked = rng.sample(parts, RETURNS["approved"] + RETURNS["refused"])
    for i, (item, part) in enumerate(picked):
        other = rng.choice(other_units(item, part.unit))
        new = Part(other, part.role, sign_delay=rng.randint(1, 2), speed=part.speed)
        part.return_request = new
        part.return_refused = i >= RETURNS["approved"]


def plan_replies(rng: random.Random, cases: list[CaseItem], meeting: list[CaseItem]) -> None:
    replying = [p for item in cases for p in item.live_parts() if p.replying]
    rng.shuffle(replying)
    n_a = round(CLASS_SHARE["A"] * len(replying))
    n_c = round(CLASS_SHARE["C"] * len(replying))
    for i, part in enumerate(replying):
        part.code = "A" if i < n_a else "C" if i < n_a + n_c else "B"
    a_parts = [p for p in replying if p.code == "A"]
    for part in a_parts[:CLASS_CHANGED]:
        part.class_changed = True
    kinds = [k for k, n in SEND_BACK.items() for _ in range(n)]
    pool = [p for p in replying if not p.class_changed]
    a_pool = [p for p in pool if p.code == "A"]
    for kind in kinds:
        if kind == "class":
            part = rng.choice([p for p in a_pool if not p.send_back])
        else:
            part = rng.choice([p for p in pool if not p.send_back])
        part.send_back = kind
    for item in cases:
        for part in item.live_parts():
            if part.role == "lead":
                part.cosign = rng.random() < COSIGN
                part.cosign_comment = part.cosign and rng.random() < COSIGN_COMMENT
    # Extensions and late replies only where the deadline falls well before the cutoff.
    timely = [p for item in meeting for p in item.live_parts()
              if p.replying and not p.send_back]
    picked = rng.sample(timely, sum(EXTENSIONS.values()) + LATE)
    for i, part in enumerate(picked):
        if i < EXTENSIONS["approved"]:
            part.extension = "approved"
        elif i < sum(EXTENSIONS.values()):
            part.extension = "refused"
        else:
            part.late = True


def worst_class(item: CaseItem) -> str:
    codes = ["B" if p.class_changed or p.send_back == "class" else p.code
             for p in item.live_parts() if p.replying]
    return max(codes)  # "C" > "B" > "A"


def plan_ratings(rng: random.Random, cases: list[CaseItem]) -> None:
    """Every proposer rates; a few cases get an unsatisfied rating and an office decision."""
    for item in cases:
        weights = OVERALL[worst_class(item)]
        item.ratings = [
            draw_rating(rng, rng.choices(("satisfied", "basic"), weights=weights)[0],
                        comment_k=rng.randrange(len(item.points)))
            for _ in item.raters
        ]
    pool = [i for i in cases if worst_class(i) == "C"]
    pool += [i for i in cases if worst_class(i) == "B" and i.mode == "single"]
    decisions = [d for d, n in UNSATISFIED.items() for _ in range(n)]
    chosen = rng.sample(pool[:40], len(decisions))
    for item, decision in zip(chosen, decisions, strict=True):
        item.ratings[0] = draw_rating(rng, "unsatisfied",
                                      comment_k=rng.randrange(len(item.points)))
        item.decision = decision
        if decision == "rehandle":
            item.second = [
                draw_rating(rng, rng.choices(("satisfied", "basic"), weights=(3, 7))[0])
                if i == 0 else draw_rating(rng, "satisfied" if r.overall == "satisfied"
                                           else rng.choice(("satisfied", "basic")))
                for i, r in enumerate(item.ratings)
            ]


def load(ctx: DemoContext) -> None:
    """Assign, handle, answer and rate every accepted 2020 proposal through the services."""
    session = ctx.sessions[YEAR]
    rng = ctx.rng("handling-2020")
    cases = read_cases(ctx, session)
    assert len(cases) == ACCEPTED, len(cases)
    meeting = [c for c in cases if c.ready_at < MEETING]
    later = [c for c in cases if c.ready_at >= MEETING]
    for item in cases:
        plan_parts(rng, item, in_year=item in later)
    plan_returns(rng, meeting)
    plan_replies(rng, cases, meeting)
    plan_ratings(rng, cases)

    planner = Planner(ctx, ctx.rng("handling-2020-moments"), hard_limit=CUTOFF)
    planner.schedule_meeting(MEETING, meeting)
    for item in later:
        planner.schedule_single(planner.after(item.ready_at, 1, 2), item)
    planner.timeline.run()

    stats = handling_stats(committee_id=ctx.committee.pk, year=YEAR)
    assert (stats["assigned"], stats["replied"]) == (ACCEPTED, ACCEPTED), stats
    assert all(c.pk for c in cases)
    assert not HandlingCase.objects.filter(proposal__session=session).exclude(
        status=CaseStatus.CLOSED).exists()
    plan = summary_counts(cases)
    ctx.summary["handling_2020"] = {**plan, "actions": len(planner.timeline),
                                    "counts": planner.counts, "stats": stats}
    sat = stats["satisfaction"]
    classes = stats["result_classes"]
    modes = plan["modes"]
    ctx.log(
        f"2020年办理：交办{stats['assigned']}件（单办{modes.get('single', 0)}、主办+会办"
        f"{modes.get('lead_co', 0)}、分办{modes.get('split', 0)}），办复{stats['replied']}件"
        f"（{stats['reply_rate']:.0%}，按期{stats['on_time_rate']:.1%}）；"
        + "、".join(f"{c}类{v['count']}" for c, v in classes.items())
        + f"；征询意见表{sat['forms_returned']}份，满意{sat['overall']['satisfied']['count']}、"
        f"基本满意{sat['overall']['basic']['count']}、不满意{sat['overall']['unsatisfied']['count']}"
        f"，重新办理{stats['rehandled']}件"
    )
