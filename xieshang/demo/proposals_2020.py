"""Step 4: the 2020 session (五届四次会议) from drafting to review, through the proposal services.

The plan is drawn first (who proposes what, when, and how review ends), then every action is
queued at its moment and replayed in time order under `clock.at`, so receipt numbers, events and
statistics come out as they would have in a real year.

Shares (domain.md §0, §1.4): 424 submitted, 326 accepted (76.9%, Fuyang 2020); of the 98 others,
mergers are the largest group (Zhoushan 72 of 336, Bozhou 84 of 482), then conversions to letters,
社情民意 and work suggestions (Fuyang 2019: 77 of 389 passed on), few refusals, a few withdrawals
(Chuzhou 16 of 485). About three quarters are members' proposals (Fuyang 2019: 74.4%).
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from xieshang.core.calendar import WorkCalendar
from xieshang.proposals import services
from xieshang.proposals.models import Proposal
from xieshang.proposals.stats import proposal_stats

from .context import DemoContext, DemoMember
from .organisation import GROUP_SECTORS
from .review_texts import (
    ACCEPT_NOTES,
    CONVERSION,
    FIRST_REVIEW,
    MERGE_NOTE,
    REFUSED_SPECIAL,
    RETURN_REASONS,
    WITHDRAW_AFTER_RETURN,
    WITHDRAW_REASONS,
    vague_case,
)
from .timeline import Moments, Timeline
from .topics import BY_KEY, TOPICS, Topic
from .writing import ProposalText, case_text, compose, narrow_text, revise

YEAR = 2020
TOTAL = 424
ACCEPTED = 326

PARTY_COUNTS = {"民革": 7, "民盟": 9, "民建": 9, "民进": 8, "农工党": 8, "致公党": 6,
                "九三学社": 7}
GROUP_COUNTS = {"工商联": 6, "总工会": 4, "团市委": 3, "妇联": 4, "科协": 3, "侨联": 2,
                "台联": 2}
COMMITTEE_COUNTS = {"提案委员会": 1, "经济委员会": 3, "农业和农村委员会": 2,
                    "人口资源环境委员会": 2, "教科卫体委员会": 2, "社会和法制委员会": 2,
                    "民族宗教委员会": 2, "港澳台侨和外事委员会": 2, "文化文史和学习委员会": 2}
SECTOR_COUNTS = {"经济界": 2, "农业界": 1, "教育界": 1, "医药卫生界": 2, "科学技术界": 1,
                 "文化艺术界": 1, "社会福利和社会保障界": 1, "特邀人士": 1}
INDIVIDUAL, JOINT = 192, 126
IN_YEAR_MEMBER = 48
IN_YEAR_COLLECTIVE = {"party": 2, "special_committee": 2, "group": 2}

# Outcomes other than acceptance (98 in all).
MEMBER_REFUSED = 13
MEMBER_WITHDRAWN = 9
MEMBER_CONVERTED = {"opinion": 15, "suggestion": 10, "letter": 9}
# Only members' proposals are merged: a body merged into another proposal could not rate its
# handling (the handling services do not let the body's agent see that proposal; docs/demo.md).
MEMBER_MERGED = 40
COLLECTIVE_MERGED = 0
COLLECTIVE_CONVERTED = {"suggestion": 2}
# Returned for revision first: accepted, refused, converted afterwards, or withdrawn.
RETURNED = {"accept": 18, "refuse": 2, "convert": 1, "withdraw": 3}

PLENARY_PERIODS = (  # (first day, last day, weight) for members' plenary proposals
    (date(2020, 2, 11), date(2020, 2, 29), 3), (date(2020, 3, 1), date(2020, 3, 31), 7),
    (date(2020, 4, 1), date(2020, 4, 30), 25), (date(2020, 5, 1), date(2020, 5, 10), 35),
    (date(2020, 5, 11), date(2020, 5, 13), 30),
)
BODY_PERIODS = ((date(2020, 3, 16), date(2020, 4, 30), 50),
                (date(2020, 5, 1), date(2020, 5, 10), 50))
DURING_PLENARY = (date(2020, 5, 11), date(2020, 5, 13))
# In-year proposals come until mid-August, so that the last of them is accepted and numbered by
# the end of August and can be answered before the session's handling cutoff (2020-09-30).
IN_YEAR_SPAN = (date(2020, 5, 18), date(2020, 8, 12))
# Days are drawn over this wider span and squeezed into IN_YEAR_SPAN, which keeps the
# generator's sequence (and every other choice of the year) as it was first drawn.
IN_YEAR_DRAW = (date(2020, 5, 18), date(2020, 9, 30))
DECISION_SPAN = (date(2020, 5, 18), date(2020, 5, 29))  # 提案委员会 review after the plenary
CONVERSION_SPAN = (date(2020, 5, 25), date(2020, 6, 5))  # after asking the proposer
MERGE_FROM = date(2020, 5, 27)
NUMBERING = (datetime(2020, 6, 5, 10, 0), datetime(2020, 6, 30, 16, 30),
             datetime(2020, 7, 31, 16, 30), datetime(2020, 8, 31, 16, 30),
             datetime(2020, 9, 30, 16, 30), datetime(2020, 10, 30, 16, 30),
             datetime(2020, 11, 30, 16, 30))
CONSENT = 0.93
DECLINE = 0.08

GROUP_VOICE = {"工商联": "市工商联", "总工会": "市总工会", "团市委": "团市委", "妇联": "市妇联",
               "科协": "市科协", "侨联": "市侨联", "台联": "市台联"}
KIND_LABEL = {"opinion": "社情民意信息", "suggestion": "意见建议", "letter": "委员来信"}


@dataclass
class Cosigner:
    who: DemoMember
    confirms: bool
    row_id: int | None = None


@dataclass
class Item:
    """One planned proposal and the course of its review."""

    proposer_type: str
    body: str = ""
    kind: str = "plenary"
    author: DemoMember | None = None
    submit_at: datetime | None = None
    topic: Topic | None = None
    outcome: str = "accept"
    conversion: str = ""
    narrow: bool = False
    ground: str = ""
    explanation: str = ""
    returned: bool = False
    main: "Item | None" = None
    cosigners: list[Cosigner] = field(default_factory=list)
    text: ProposalText | None = None
    consent: bool = True
    decide_at: datetime | None = None
    pk: int | None = None
    receipt: str = ""

    @property
    def collective(self) -> bool:
        return self.proposer_type not in ("individual", "joint")


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _squeeze(day: date, drawn: tuple[date, date], span: tuple[date, date]) -> date:
    """Map a day drawn over `drawn` proportionally into `span`."""
    share = (day - drawn[0]).days / (drawn[1] - drawn[0]).days
    return span[0] + timedelta(days=round(share * (span[1] - span[0]).days))


def _period_day(rng: random.Random, periods) -> date:
    first, last, _ = rng.choices(periods, weights=[p[2] for p in periods])[0]
    return _day(rng, first, last)


class Planner:
    """Draw the year's proposals and their outcomes."""

    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.rng = ctx.rng("proposals-2020")
        self.moments = Moments(self.rng, WorkCalendar.for_committee(ctx.committee.pk))

    def plan(self) -> list[Item]:
        items = self._types()
        self._kinds_and_times(items)
        self._authors(items)
        self._topics(items)
        self._outcomes(items)
        self._returns(items)
        self._named_accounts(items)
        self._mains(items)
        self._cosigners(items)
        self._texts(items)
        items.sort(key=lambda i: i.submit_at)
        return items

    def _types(self) -> list[Item]:
        items = [Item("party", body) for body, n in PARTY_COUNTS.items() for _ in range(n)]
        items += [Item("group", body) for body, n in GROUP_COUNTS.items() for _ in range(n)]
        items += [Item("special_committee", body) for body, n in COMMITTEE_COUNTS.items()
                  for _ in range(n)]
        items += [Item("sector", body) for body, n in SECTOR_COUNTS.items() for _ in range(n)]
        items += [Item("individual") for _ in range(INDIVIDUAL)]
        items += [Item("joint") for _ in range(JOINT)]
        assert len(items) == TOTAL
        return items

    def _kinds_and_times(self, items: list[Item]) -> None:
        rng = self.rng
        members = [i for i in items if not i.collective]
        for item in rng.sample(members, IN_YEAR_MEMBER):
            item.kind = "in_year"
        for proposer_type, n in IN_YEAR_COLLECTIVE.items():
            for item in rng.sample([i for i in items if i.proposer_type == proposer_type], n):
                item.kind = "in_year"
        for item in items:
            if item.kind == "in_year":
                day = _squeeze(_day(rng, *IN_YEAR_DRAW), IN_YEAR_DRAW, IN_YEAR_SPAN)
                item.submit_at = self.moments.member(day)
            elif item.proposer_type == "sector":
                item.submit_at = self.moments.office(_day(rng, *DURING_PLENARY))
            elif item.collective:
                first, last, _ = rng.choice(BODY_PERIODS)
                item.submit_at = self.moments.office(self.moments.workday_in(first, last))
            else:
                item.submit_at = self.moments.member(_period_day(rng, PLENARY_PERIODS))

    def _authors(self, items: list[Item]) -> None:
        rng, ctx = self.rng, self.ctx
        counts: dict[int, int] = {}
        weights = [m.activity for m in ctx.members]
        for item in items:
            if item.collective:
                kind = "party" if item.proposer_type == "party" else item.proposer_type
                item.author = ctx.agents[(kind, item.body)]
                continue
            while True:
                who = rng.choices(ctx.members, weights=weights)[0]
                if counts.get(id(who), 0) < 6:
                    break
            counts[id(who)] = counts.get(id(who), 0) + 1
            item.author = who

    def _topic_weight(self, item: Item, topic: Topic) -> float:
        if item.submit_at.month not in topic.months:
            return 0.0
        if item.proposer_type == "special_committee":
            return 12.0 if topic.committee == item.body else 0.15
        names = {item.body, item.author.sector, item.author.party}
        if item.proposer_type == "group":
            names.add(GROUP_SECTORS[item.body])
        matches = sum(1 for n in names if n and n in topic.affinity)
        # Bodies write within their field; members range more widely.
        weight = (0.25 + 4.0 * matches) if item.collective else (1.0 + 3.0 * matches)
        if item.proposer_type not in ("party", "group", "sector") and \
                topic.committee == item.author.special_committee:
            weight += 1.5
        if topic.key == "flood":
            weight *= 4
        return weight

    def _topics(self, items: list[Item]) -> None:
        # A body or a member raises a topic once a year; several proposers may share one.
        used: dict[tuple[str, int], set[str]] = {}
        for item in sorted(items, key=lambda i: i.submit_at):
            key = (item.body, 0) if item.collective else ("", item.author.member.pk)
            seen = used.setdefault(key, set())
            weights = [0.0 if t.key in seen else self._topic_weight(item, t) for t in TOPICS]
            item.topic = self.rng.choices(TOPICS, weights=weights)[0]
            seen.add(item.topic.key)

    def _outcomes(self, items: list[Item]) -> None:
        rng = self.rng
        members = [i for i in items if not i.collective]
        rng.shuffle(members)
        individual = [i for i in members if i.proposer_type == "individual"]
        for item in individual[:MEMBER_REFUSED]:
            item.outcome = "refuse"
        free = [i for i in members if i.outcome == "accept"]
        for item in free[:MEMBER_WITHDRAWN]:
            item.outcome = "withdraw"
        free = free[MEMBER_WITHDRAWN:]
        kinds = [k for k, n in MEMBER_CONVERTED.items() for _ in range(n)]
        for item, kind in zip(free, kinds, strict=False):
            item.outcome, item.conversion = "convert", kind
            item.narrow = rng.random() < (0.5 if kind == "suggestion" else 0.8)
        free = free[len(kinds):]
        self._merge(free, items, MEMBER_MERGED)
        collective = [i for i in items if i.collective and i.proposer_type != "sector"]
        rng.shuffle(collective)
        kinds = [k for k, n in COLLECTIVE_CONVERTED.items() for _ in range(n)]
        for item, kind in zip(collective, kinds, strict=False):
            item.outcome, item.conversion = "convert", kind
        self._merge(collective[len(kinds):], items, COLLECTIVE_MERGED)
        refused = [i for i in items if i.outcome == "refuse"]
        for i, item in enumerate(refused):
            case = REFUSED_SPECIAL[i] if i < len(REFUSED_SPECIAL) else vague_case(i)
            item.text = case_text(case)
            item.ground, item.explanation = case.ground, case.explanation
            item.topic = None
            item.consent = False
        for item in items:
            if item.outcome == "convert" and item.narrow:
                item.topic = None

    def _merge(self, candidates: list[Item], items: list[Item], n: int) -> None:
        accepted: dict[str, int] = {}
        for item in items:
            if item.outcome == "accept":
                accepted[item.topic.key] = accepted.get(item.topic.key, 0) + 1
        done = 0
        for item in candidates:
            if done == n:
                break
            if item.outcome == "accept" and accepted[item.topic.key] >= 3:
                item.outcome = "merge"
                accepted[item.topic.key] -= 1
                done += 1
        assert done == n, "not enough proposals on shared topics to merge"

    def _returns(self, items: list[Item]) -> None:
        for outcome, n in RETURNED.items():
            pool = [i for i in items if i.outcome == outcome and not i.collective
                    and not i.returned]
            if outcome == "refuse":
                pool = [i for i in pool if i.ground == "内容空泛、没有具体建议的"]
            for item in self.rng.sample(pool, n):
                item.returned = True

    def _named_accounts(self, items: list[Item]) -> None:
        """Give the demo's member logins a varied set of their own proposals."""
        ctx = self.ctx
        me, me2 = ctx.member_by_user("demo-member"), ctx.member_by_user("demo-member2")

        def pick(proposer_type: str, outcome: str, returned: bool = False, **extra) -> Item:
            return next(
                i for i in items
                if i.proposer_type == proposer_type and i.outcome == outcome
                and i.returned == returned and i.kind == "plenary"
                and i.author not in (me, me2)
                and all(getattr(i, k) == v for k, v in extra.items())
            )

        wanted = (
            (("individual", "accept"), {}, me, "compulsory_edu"),
            (("joint", "accept"), {}, me, "preschool"),
            (("individual", "accept"), {"returned": True}, me, "students"),
            (("individual", "convert"), {"conversion": "opinion"}, me, None),
            (("joint", "accept"), {}, me2, "vocational"),
            (("individual", "merge"), {}, me2, None),
        )
        for args, extra, who, topic in wanted:
            item = pick(*args, **extra)
            item.author = who
            if topic and item.topic is not None:
                item.topic = BY_KEY[topic]

    def _mains(self, items: list[Item]) -> None:
        by_topic: dict[str, list[Item]] = {}
        for item in items:
            if item.outcome == "accept" and not item.returned:
                by_topic.setdefault(item.topic.key, []).append(item)
        for item in items:
            if item.outcome != "merge":
                continue
            mains = sorted(by_topic.get(item.topic.key, []), key=lambda i: i.submit_at)
            if not mains:  # only returned ones are accepted on this topic; take one of those
                mains = [i for i in items if i.outcome == "accept"
                         and i.topic and i.topic.key == item.topic.key]
            item.main = mains[0] if self.rng.random() < 0.6 else self.rng.choice(mains)

    def _cosigners(self, items: list[Item]) -> None:
        rng, ctx = self.rng, self.ctx
        me, me2 = ctx.member_by_user("demo-member"), ctx.member_by_user("demo-member2")
        for item in items:
            if item.proposer_type != "joint":
                continue
            author = item.author
            size = rng.choices((1, 2, 3, 4, 5, 6), weights=(35, 30, 18, 10, 5, 2))[0]
            same_sector = [m for m in ctx.members if m.sector == author.sector and m is not author]
            same_committee = [m for m in ctx.members
                              if m.special_committee == author.special_committee
                              and m is not author]
            chosen: list[DemoMember] = []
            partner = {id(me): me2, id(me2): me}.get(id(author))
            if partner is not None:
                chosen.append(partner)
            while len(chosen) < size:
                r = rng.random()
                pool = same_sector if r < 0.55 else same_committee if r < 0.85 else ctx.members
                who = rng.choice(pool)
                if who is not author and who not in chosen:
                    chosen.append(who)
            item.cosigners = [Cosigner(m, rng.random() >= DECLINE) for m in chosen]
            if partner is not None:
                item.cosigners[0].confirms = True
            if not any(c.confirms for c in item.cosigners):
                item.cosigners[-1].confirms = True

    def _voice(self, item: Item) -> str:
        if item.proposer_type == "party":
            return f"{item.body}示例市委"
        if item.proposer_type == "group":
            return GROUP_VOICE[item.body]
        if item.proposer_type == "special_committee":
            return f"市政协{item.body}"
        if item.proposer_type == "sector":
            return f"{item.body}委员" if item.body.endswith("界") else f"{item.body}界别委员"
        return ""

    def _texts(self, items: list[Item]) -> None:
        rng = self.rng
        for item in sorted(items, key=lambda i: i.outcome == "merge"):
            if item.text is not None:
                continue
            if item.outcome == "convert" and item.narrow:
                item.text = narrow_text(item.conversion, rng)
            else:
                title = None
                if item.outcome == "merge" and item.main.text and rng.random() < 0.5:
                    title = item.main.text.title
                item.text = compose(item.topic, rng, who=self._voice(item), title=title)
            item.consent = rng.random() < CONSENT


class Driver:
    """Queue every service call of the plan at its moment, then replay them."""

    def __init__(self, ctx: DemoContext, items: list[Item]):
        self.ctx = ctx
        self.items = items
        self.rng = ctx.rng("review-2020")
        self.moments = Moments(self.rng, WorkCalendar.for_committee(ctx.committee.pk))
        self.timeline = Timeline()
        self.staff = ctx.users["demo-staff"]
        self.chief = ctx.users["demo-chief"]
        self.session = ctx.sessions[YEAR]

    # --- scheduling -------------------------------------------------------------------------

    def schedule(self) -> None:
        for item in self.items:
            self._drafting(item)
        for item in sorted(self.items, key=lambda i: i.outcome == "merge"):
            self._review(item)
        last_accept = max(i.decide_at for i in self.items if i.outcome == "accept")
        moments = [m for m in NUMBERING if m <= last_accept + timedelta(days=31)]
        for moment in moments:
            self.timeline.add(moment, "number", self._number)
        assert moments[-1] > last_accept

    def _drafting(self, item: Item) -> None:
        rng, add = self.rng, self.timeline.add
        submit = item.submit_at
        if item.proposer_type == "joint":
            created = submit - timedelta(minutes=rng.randint(24 * 60, 8 * 24 * 60))
        elif item.proposer_type == "sector":
            created = submit - timedelta(minutes=rng.randint(20, 180))
        else:
            created = submit - timedelta(minutes=rng.randint(10, 3 * 24 * 60))
        add(created, "create", lambda: self._create(item))
        if item.cosigners:
            invited = created + timedelta(minutes=rng.randint(5, 40))
            add(invited, "invite", lambda: self._invite(item))
            span = (submit - invited).total_seconds() - 1200
            for cosigner in item.cosigners:
                moment = invited + timedelta(seconds=rng.uniform(600, span))
                add(moment, "respond", lambda c=cosigner: self._respond(c))
        add(submit, "submit", lambda: self._submit(item))

    def _review(self, item: Item) -> None:
        rng, add = self.rng, self.timeline.add
        plenary = item.kind == "plenary"
        ready = item.submit_at
        if item.returned:
            returned = self.moments.office_after(item.submit_at, 0 if plenary else 1, 2)
            what, reason = rng.choice(RETURN_REASONS)
            add(returned, "return", lambda: self._return(item, reason))
            if item.outcome == "withdraw":
                moment = self.moments.member_after(returned, 24, 120)
                add(moment, "withdraw",
                    lambda: self._withdraw(item, rng.choice(WITHDRAW_AFTER_RETURN)))
                item.decide_at = moment
                return
            fixed = self.moments.member_after(returned, 3, 72)
            add(fixed, "revise", lambda: self._revise(item, what))
            ready = fixed + timedelta(minutes=rng.randint(5, 40))
            add(ready, "resubmit", lambda: self._submit(item))
        first = self.moments.office_after(ready, 0 if plenary else 1, 3)
        if item.outcome == "withdraw":
            moment = self.moments.member_after(item.submit_at, 20, 240)
            if first < moment:
                add(first, "first_review", lambda: self._first_review(item))
            reasons = [r for r in WITHDRAW_REASONS if item.author.party or "党派" not in r]
            add(moment, "withdraw", lambda: self._withdraw(item, rng.choice(reasons)))
            item.decide_at = moment
            return
        add(first, "first_review", lambda: self._first_review(item))
        if item.outcome == "merge":
            after = max(first, item.main.decide_at)
            if plenary:
                after = max(after, datetime.combine(MERGE_FROM, datetime.min.time()))
            decide = self.moments.office_after(after, 1, 3)
        elif not plenary:
            decide = self.moments.office_after(first, 2, 8)
        else:
            span = CONVERSION_SPAN if item.outcome == "convert" else DECISION_SPAN
            decide = self.moments.office(self.moments.workday_in(*span))
            if decide <= first:
                decide = self.moments.office_after(first, 1, 3)
        item.decide_at = decide
        add(decide, item.outcome, lambda: self._decide(item))

    # --- actions --------------------------------------------------------------------------

    def _units(self, names: list[str]) -> list[int]:
        return [self.ctx.units[n].pk for n in names]

    def _create(self, item: Item) -> None:
        ctx, text = self.ctx, item.text
        body_id = None
        if item.proposer_type in ("party", "group"):
            body_id = ctx.parties[item.body].pk
        elif item.proposer_type == "special_committee":
            body_id = ctx.special_committees[item.body].pk
        elif item.proposer_type == "sector":
            body_id = ctx.sectors[item.body].pk
        proposal = services.proposal_create(
            actor=item.author.user, proposer_type=item.proposer_type, title=text.title,
            reasons=text.reasons, suggestions=text.suggestions,
            category_id=ctx.categories[text.category].pk,
            lead_unit_ids=self._units(text.lead_units), co_unit_ids=self._units(text.co_units),
            consent_publication=item.consent, body_id=body_id,
        )
        item.pk = proposal.pk

    def _invite(self, item: Item) -> None:
        for cosigner in item.cosigners:
            row = services.proposal_invite(actor=item.author.user, proposal_id=item.pk,
                                           member_id=cosigner.who.member.pk)
            cosigner.row_id = row.pk

    def _respond(self, cosigner: Cosigner) -> None:
        respond = services.invitation_confirm if cosigner.confirms else services.invitation_decline
        respond(actor=cosigner.who.user, proposer_id=cosigner.row_id)

    def _submit(self, item: Item) -> None:
        proposal = services.proposal_submit(actor=item.author.user, proposal_id=item.pk)
        item.receipt = proposal.receipt_number

    def _return(self, item: Item, reason: str) -> None:
        services.proposal_return(actor=self.staff, proposal_id=item.pk, reason=reason)

    def _revise(self, item: Item, what: str) -> None:
        changes = revise(item.text, item.topic, self.rng, what)
        if what == "units" and item.topic is not None:
            lead = item.text.lead_units
            pool = [u for u in item.topic.co if u not in lead]
            changes = {"lead_unit_ids": self._units(lead),
                       "co_unit_ids": self._units(self.rng.sample(pool, min(2, len(pool))))}
        services.proposal_update(actor=item.author.user, proposal_id=item.pk, **changes)

    def _first_review(self, item: Item) -> None:
        options = FIRST_REVIEW.get(item.outcome, FIRST_REVIEW["accept"])
        opinion = self.rng.choice(options).format(
            lead=item.text.lead_units[0], kind_label=KIND_LABEL.get(item.conversion, ""))
        services.proposal_first_review(actor=self.staff, proposal_id=item.pk, opinion=opinion)

    def _decide(self, item: Item) -> None:
        ctx, rng, text = self.ctx, self.rng, item.text
        lead = text.lead_units[0]
        if item.outcome == "accept":
            note = rng.choice(ACCEPT_NOTES).format(lead=lead, co="、".join(text.co_units) or lead)
            services.proposal_accept(actor=self.chief, proposal_id=item.pk,
                                     category_id=ctx.categories[text.category].pk, note=note)
        elif item.outcome == "refuse":
            services.proposal_refuse(actor=self.chief, proposal_id=item.pk,
                                     ground_id=ctx.grounds[item.ground].pk,
                                     explanation=item.explanation)
        elif item.outcome == "convert":
            note, consent = CONVERSION[item.conversion]
            calendar = self.moments.calendar
            asked = calendar.add_working_days(item.decide_at.date(), -rng.randint(1, 3))
            services.proposal_convert(
                actor=self.chief, proposal_id=item.pk, kind=item.conversion,
                consent_note=f"{asked.month}月{asked.day}日{consent}",
                note=note.format(lead=lead),
            )
        elif item.outcome == "merge":
            note = MERGE_NOTE.format(receipt=item.main.receipt, title=item.main.text.title)
            services.proposal_merge(actor=self.chief, proposal_id=item.pk,
                                    main_id=item.main.pk, note=note)

    def _withdraw(self, item: Item, reason: str) -> None:
        services.proposal_withdraw(actor=item.author.user, proposal_id=item.pk, reason=reason)

    def _number(self) -> None:
        services.session_number_proposals(actor=self.chief, session_id=self.session.pk)


def load(ctx: DemoContext) -> None:
    """Draw the 2020 proposals and replay their year through the services."""
    items = Planner(ctx).plan()
    driver = Driver(ctx, items)
    driver.schedule()
    driver.timeline.run()
    stats = proposal_stats(committee_id=ctx.committee.pk, year=YEAR)
    assert stats["submitted"] == TOTAL and stats["accepted"] == ACCEPTED, stats
    returned = sum(i.returned for i in items)
    declined = sum(not c.confirms for i in items for c in i.cosigners)
    ctx.summary["proposals_2020"] = {**stats, "returned": returned, "declined": declined,
                                    "actions": len(driver.timeline)}
    numbered = Proposal.objects.filter(session=ctx.sessions[YEAR]).exclude(
        official_number="").count()
    ctx.log(
        f"2020年提案：提出{stats['submitted']}件，立案{stats['accepted']}件"
        f"（{stats['acceptance_rate']:.1%}），并案{stats['merged']}件，"
        f"转其他渠道{stats['converted']}件，不予立案{stats['refused']}件，"
        f"撤案{stats['withdrawn']}件；退回修改{returned}件，编号{numbered}件"
    )

