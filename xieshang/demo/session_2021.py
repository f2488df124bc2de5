"""Step 6: the 2021 session (五届五次会议), in progress on the demo's "today", 19 March 2021.

Drafts are written from late December 2020 and submitted in the first week of January (the
plenary is 5–8 January); the statistics count a proposal in the year of its first submission,
so nothing of 2021 is submitted in 2020 and the 2020 figures stay those of the work summary.
Staff review from 6 January, the 提案委员会 decides on 18–22 January, the plenary batch is
numbered on 25 January and assigned at the 交办会 of 27 January; in-year proposals follow, are
numbered on 12 March and assigned on 17 March. Handling then runs at its natural pace, and
every action planned after TODAY is left undone, so the lists of every role are open when the
demo is opened: proposals waiting for review or assignment, assignments to sign for, return and
extension requests, replies in drafting, co-signing and review, ratings still to give, and
unsatisfied cases waiting for the office. Deadlines are long past by the real date, which shows
overdue levels and reminders (`xieshang remind`).
"""

import random
from datetime import date, datetime, timedelta

from xieshang.core.calendar import WorkCalendar
from xieshang.handling.models import (
    Assignment,
    ExtensionRequest,
    HandlingCase,
    Reply,
    RoutingTraining,
)
from xieshang.handling.routing_model import route_model_train
from xieshang.proposals.models import Proposal
from xieshang.proposals.stats import proposal_stats

from . import proposals_2020 as p20
from .context import DemoContext
from .handling import Part, Planner, draw_rating, read_cases
from .handling_2020 import OVERALL, other_units, plan_parts, worst_class
from .review_texts import RETURN_REASONS, vague_case
from .timeline import Moments
from .topics import BY_KEY
from .writing import case_text

YEAR = 2021
TODAY = datetime(2021, 3, 19, 17, 40)

BODIES = {"party": ("民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "民盟"),
          "group": ("工商联", "妇联", "总工会"),
          "special_committee": ("经济委员会", "人口资源环境委员会", "教科卫体委员会"),
          "sector": ("经济界", "医药卫生界", "农业界")}
INDIVIDUAL, JOINT = 44, 30
# In-year proposals by submission window, so that each stage of review has some.
IN_YEAR = ((date(2021, 1, 11), date(2021, 2, 9), 5), (date(2021, 2, 22), date(2021, 3, 3), 4),
           (date(2021, 3, 8), date(2021, 3, 12), 3), (date(2021, 3, 16), date(2021, 3, 19), 3))
MEMBER_DAYS = ((date(2021, 1, 1), date(2021, 1, 4), 40), (date(2021, 1, 5), date(2021, 1, 7), 60))
BODY_DAYS = (date(2021, 1, 4), date(2021, 1, 6))
SECTOR_DAYS = (date(2021, 1, 5), date(2021, 1, 7))
REVIEW_FROM = datetime(2021, 1, 6, 8, 30)
DECISION_SPAN = (date(2021, 1, 18), date(2021, 1, 22))
CONVERSION_SPAN = (date(2021, 1, 20), date(2021, 1, 27))
NUMBERING = (datetime(2021, 1, 25, 10, 0), datetime(2021, 3, 12, 16, 0))
MEETING = datetime(2021, 1, 27, 15, 0)
IN_YEAR_ASSIGN = datetime(2021, 3, 17, 10, 0)
ROUTING_TRAINED = datetime(2021, 1, 26, 16, 30)

MERGED, REFUSED = 4, 1
CONVERTED = {"opinion": 2, "letter": 1}
# Returned for revision: two revised and accepted, one still with its proposer.
RETURNED = {"accept": 2, "open_return": 1}


class ProposalPlanner(p20.Planner):
    """Draw the 2021 proposals with the 2020 planner's methods and the 2021 shares."""

    def __init__(self, ctx: DemoContext):
        super().__init__(ctx)
        self.rng = ctx.rng("proposals-2021")
        self.moments = Moments(self.rng, self.moments.calendar)

    def plan(self) -> list[p20.Item]:
        items = [p20.Item(kind, body) for kind, bodies in BODIES.items() for body in bodies]
        items += [p20.Item("individual") for _ in range(INDIVIDUAL)]
        items += [p20.Item("joint") for _ in range(JOINT)]
        self._times(items)
        self._authors(items)
        self._topics(items)
        self._outcomes_2021(items)
        self._named(items)
        self._mains([i for i in items if i.kind == "plenary"])
        self._cosigners(items)
        self._texts(items)
        items.sort(key=lambda i: i.submit_at)
        return items

    def _times(self, items: list[p20.Item]) -> None:
        rng, moments = self.rng, self.moments
        members = [i for i in items if not i.collective]
        in_year = rng.sample(members, sum(n for _, _, n in IN_YEAR))
        windows = [(a, b) for a, b, n in IN_YEAR for _ in range(n)]
        for item, (first, last) in zip(in_year, windows, strict=True):
            item.kind = "in_year"
            item.submit_at = moments.member(p20._day(rng, first, last))
        for item in items:
            if item.kind == "in_year":
                continue
            if item.proposer_type == "sector":
                item.submit_at = moments.office(moments.workday_in(*SECTOR_DAYS))
            elif item.collective:
                item.submit_at = moments.office(moments.workday_in(*BODY_DAYS))
            else:
                item.submit_at = moments.member(p20._period_day(rng, MEMBER_DAYS))

    def _outcomes_2021(self, items: list[p20.Item]) -> None:
        rng = self.rng
        plenary = [i for i in items if not i.collective and i.kind == "plenary"]
        rng.shuffle(plenary)
        refused = [i for i in plenary if i.proposer_type == "individual"][:REFUSED]
        for n, item in enumerate(refused):
            case = vague_case(n + 3)
            item.outcome, item.text, item.topic = "refuse", case_text(case), None
            item.ground, item.explanation, item.consent = case.ground, case.explanation, False
        free = [i for i in plenary if i.outcome == "accept"]
        kinds = [k for k, n in CONVERTED.items() for _ in range(n)]
        for item, kind in zip(free, kinds, strict=False):
            item.outcome, item.conversion, item.narrow, item.topic = "convert", kind, True, None
        free = free[len(kinds):]
        self._merge(free, items, MERGED)
        in_year = [i for i in items if i.kind == "in_year"]
        item = rng.choice(in_year)
        item.outcome, item.conversion, item.narrow, item.topic = "convert", "suggestion", True, None
        for outcome, n in RETURNED.items():
            pool = [i for i in plenary if i.outcome == "accept" and not i.returned]
            for item in rng.sample(pool, n):
                item.returned = True
                item.outcome = outcome if outcome == "open_return" else item.outcome

    def _named(self, items: list[p20.Item]) -> None:
        """Give demo-member a 2021 proposal of her own, accepted and in handling."""
        me = self.ctx.member_by_user("demo-member")
        item = next(i for i in items if i.proposer_type == "individual" and i.kind == "plenary"
                    and i.outcome == "accept" and not i.returned)
        item.author, item.topic = me, BY_KEY["students"]


class Driver(p20.Driver):
    """Replay the 2021 review with its own dates; the numbering of 25 January and 12 March."""

    def __init__(self, ctx: DemoContext, items: list[p20.Item]):
        super().__init__(ctx, items)
        self.rng = ctx.rng("review-2021")
        self.moments = Moments(self.rng, self.moments.calendar)
        self.session = ctx.sessions[YEAR]

    def schedule(self) -> None:
        for item in self.items:
            self._drafting(item)
        for item in sorted(self.items, key=lambda i: i.outcome == "merge"):
            self._review(item)
        for moment in NUMBERING:
            self.timeline.add(moment, "number", self._number)

    def _review(self, item: p20.Item) -> None:
        rng, add, moments = self.rng, self.timeline.add, self.moments
        plenary = item.kind == "plenary"
        ready = max(item.submit_at, REVIEW_FROM) if plenary else item.submit_at
        if item.returned:
            returned = moments.office_after(ready, 0, 2)
            what, reason = rng.choice(RETURN_REASONS)
            add(returned, "return", lambda: self._return(item, reason))
            if item.outcome == "open_return":
                item.decide_at = returned
                return
            fixed = moments.member_after(returned, 24, 96)
            add(fixed, "revise", lambda: self._revise(item, what))
            ready = fixed + timedelta(minutes=rng.randint(5, 40))
            add(ready, "resubmit", lambda: self._submit(item))
        first = moments.office_after(ready, 0 if plenary else 1, 3)
        add(first, "first_review", lambda: self._first_review(item))
        if item.outcome == "merge":
            decide = moments.office_after(max(first, item.main.decide_at), 1, 3)
        elif not plenary:
            decide = moments.office_after(first, 2, 6)
        elif item.returned:
            decide = moments.office_after(first, 1, 3)
        else:
            span = CONVERSION_SPAN if item.outcome == "convert" else DECISION_SPAN
            decide = moments.office(moments.workday_in(*span))
            if decide <= first:
                decide = moments.office_after(first, 1, 3)
        item.decide_at = decide
        add(decide, item.outcome, lambda: self._decide(item))


# --- handling --------------------------------------------------------------------------------


def plan_handling(rng: random.Random, meeting, batch) -> None:
    """Choose modes, returns, extensions, classes and ratings for the 2021 cases."""
    for item in meeting + batch:
        plan_parts(rng, item, in_year=item in batch)
        for part in item.parts:
            part.speed = rng.betavariate(1.5, 1.6)
    parts = [(i, p) for i in meeting for p in i.parts if p.role in ("single", "lead")
             and i.suggested_co]
    parts = [(i, p) for i in meeting for p in i.parts if other_units(i, p.unit)]
    for n, (item, part) in enumerate(rng.sample(parts, 3)):
        other = rng.choice(other_units(item, part.unit))
        part.return_request = Part(other, part.role, speed=part.speed)
        part.return_refused = n == 2
    # Requests the office has not yet decided on: made in the week of TODAY.
    live = [(i, p) for i in batch for p in i.parts if other_units(i, p.unit)]
    for item, part in rng.sample(live, min(2, len(live))):
        part.return_request = Part(rng.choice(other_units(item, part.unit)), part.role)
        part.office_delay = (4, 6)
    for item in batch:
        for part in item.parts:
            part.sign_min = rng.choice((0, 1, 3, 3))
    replying = [p for i in meeting + batch for p in i.live_parts() if p.replying]
    rng.shuffle(replying)
    for n, part in enumerate(replying):
        share = n / len(replying)
        part.code = "A" if share < 0.44 else "C" if share < 0.48 else "B"
    for part, kind in zip(replying[:4], ("points", "contact", "vague", "points"), strict=True):
        part.send_back = kind
    for item in meeting + batch:
        for part in item.live_parts():
            if part.role == "lead":
                part.cosign = rng.random() < 0.55
                part.cosign_comment = part.cosign and rng.random() < 0.2
    slow = sorted((p for i in meeting for p in i.live_parts()
                   if p.replying and not p.send_back), key=lambda p: -p.speed)
    # Early requests (a policy or next year's budget is awaited): decided, and two still open.
    for n, part in enumerate(slow[:5]):
        part.extension = "approved" if n % 2 == 0 else "refused"
        part.extension_after = ((14, 18), (18, 22), (22, 26), (30, 31), (31, 32))[n]
        part.office_delay = (2, 4) if n < 3 else (5, 7)
    for item in meeting + batch:
        weights = OVERALL[worst_class(item)]
        item.ratings = [draw_rating(rng, rng.choices(("satisfied", "basic"), weights=weights)[0],
                                    comment_k=rng.randrange(len(item.points)))
                        for _ in item.raters]
    # The quickest single cases: two rated unsatisfied and waiting for the office, one re-handled.
    quick = sorted((i for i in meeting if i.mode == "single" and not i.parts[0].return_request
                    and not i.parts[0].send_back and not i.parts[0].extension),
                   key=lambda i: i.parts[0].speed)
    for item, decision in zip(quick[:3], ("", "", "rehandle"), strict=True):
        item.parts[0].speed = 0.0
        item.ratings[0] = draw_rating(rng, "unsatisfied", comment_k=rng.randrange(len(item.points)))
        item.decision = decision
        item.second = [draw_rating(rng, "basic") for _ in item.raters]


def live_counts(session) -> dict[str, int]:
    """Count the open work of each list on TODAY (what the tests and the docs describe)."""
    proposals = Proposal.objects.filter(session=session)
    cases = HandlingCase.objects.filter(proposal__session=session)
    assignments = Assignment.objects.filter(case__proposal__session=session)
    replies = Reply.objects.filter(assignment__case__proposal__session=session)
    return {
        "awaiting_first_review": proposals.filter(status="submitted").count(),
        "awaiting_decision": proposals.filter(status="first_reviewed").count(),
        "returned_to_proposer": proposals.filter(status="returned").count(),
        "awaiting_assignment": proposals.filter(status="accepted",
                                                handling_case__isnull=True).count(),
        "awaiting_sign_for": assignments.filter(status="pending_sign").count(),
        "return_requests": assignments.filter(status="return_requested").count(),
        "extension_requests": ExtensionRequest.objects.filter(
            assignment__case__proposal__session=session, status="pending").count(),
        "in_handling": assignments.filter(status="handling").count(),
        "replies_drafting": replies.filter(status="draft").count(),
        "replies_cosigning": replies.filter(status="cosigning").count(),
        "replies_under_review": replies.filter(status="under_review").count(),
        "replies_revising": replies.filter(status="revising").count(),
        "awaiting_ratings": cases.filter(status="replied").count(),
        "awaiting_office_decision": cases.filter(status="rated").count(),
        "closed": cases.filter(status="closed").count(),
    }


def load(ctx: DemoContext) -> None:
    """Replay the 2021 session up to TODAY through the proposal and handling services."""
    session = ctx.sessions[YEAR]
    items = ProposalPlanner(ctx).plan()
    driver = Driver(ctx, items)
    driver.schedule()
    driver.timeline.run(until=TODAY)

    rng = ctx.rng("handling-2021")
    cases = [c for c in read_cases(ctx, session) if c.number]
    meeting = [c for c in cases if c.ready_at < MEETING]
    batch = [c for c in cases if MEETING <= c.ready_at < IN_YEAR_ASSIGN]
    plan_handling(rng, meeting, batch)
    planner = Planner(ctx, ctx.rng("handling-2021-moments"), reply_floor=10)
    # Before the 交办会 the office trains the lead-unit model on the 2020 handling, so the
    # assignment page suggests units from the committee's own history.
    planner.add(ROUTING_TRAINED, "route_train", lambda: route_model_train(
        committee=ctx.committee, actor=planner.office, source=RoutingTraining.Source.WEB))
    planner.schedule_meeting(MEETING, meeting)
    if batch:
        planner.schedule_meeting(IN_YEAR_ASSIGN, batch)
    done = planner.timeline.run(until=TODAY)

    stats = proposal_stats(committee_id=ctx.committee.pk, session_id=session.pk)
    live = live_counts(session)
    ctx.summary["session_2021"] = {"today": TODAY.isoformat(), "proposals": stats,
                                   "live": live, "actions": done}
    cal = WorkCalendar.for_committee(ctx.committee.pk)
    assert cal.is_working_day(TODAY.date())
    ctx.log(
        f"2021年（五届五次会议，演示“今天”为{TODAY:%Y-%m-%d}）：提出{stats['submitted']}件，"
        f"立案{stats['accepted']}件，审查中{stats['pending']}件；待交办{live['awaiting_assignment']}件，"
        f"待签收{live['awaiting_sign_for']}件，申请退回{live['return_requests']}件，"
        f"申请延期{live['extension_requests']}件，答复待审核{live['replies_under_review']}件，"
        f"待评价{live['awaiting_ratings']}件，不满意待决定{live['awaiting_office_decision']}件，"
        f"已办结{live['closed']}件"
    )
