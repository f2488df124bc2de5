"""Handling replayed through the handling services; shared by the 2020 and 2021 steps.

`read_cases` reads a session's accepted proposals with what the letters need (number, points,
proposers and who rates for them). A year step then decides, per case, the mode and units and
how each unit's part goes (a return request, an extension, a late or a sent-back reply, the
result class, each proposer's rating) and hands the cases to `Planner`, which draws the moments
on the committee's calendar and queues every service call on a `Timeline`:

    assign (交办会 in bulk, or one by one) → return request → decision (and re-assignment)
    → sign for → contacts with the proposers (办前 / 办中 / 办后) → co-handling opinions
    → reply draft → co-signing (会签) → leader's sign-off → committee review (sent back or
    passed, the class sometimes changed) → every proposer rates → the office re-handles or
    closes an unsatisfied case (others close themselves) → second round.

Moments of a unit part are drawn forwards from signing, with the reply aimed at a target day
inside the deadline (or just after it, for the few late ones); a step that replays a year still
in progress runs the timeline only up to its "today", which leaves every list naturally open.
"""

import random
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone

from xieshang.accounts.models import User
from xieshang.core.calendar import WorkCalendar
from xieshang.handling import deadlines, feedback, replies, routing, services
from xieshang.handling.models import Assignment, Cosign, ResultClass
from xieshang.organization.models import Party, Session
from xieshang.proposals.models import Proposal, ProposalEvent

from . import handling_texts as texts
from .context import DemoContext
from .organisation import UNITS
from .timeline import Moments, Timeline

GROUP_VOICE = {"工商联": "市工商联", "总工会": "市总工会", "团市委": "团市委", "妇联": "市妇联",
               "科协": "市科协", "侨联": "市侨联", "台联": "市台联"}
FIELDS = {"经济建设": "经济发展", "社会建设": "民生", "生态文明建设": "生态环境保护",
          "文化建设": "文化", "政治建设": "民主法治"}
FIELD_NAMES = {"城管": "城市管理", "医保": "医疗保障", "人防": "人民防空", "国资": "国资监管",
               "金融": "金融", "数据资源": "数字政府"}
UNIT_NUMBERS = {name: i for i, (name, _, _) in enumerate(UNITS, start=1)}
LEVELS = ("satisfied", "basic", "unsatisfied")


@dataclass
class Rater:
    """A proposer row that rates the replies, and the login that rates for it."""

    row_id: int
    user: User
    name: str
    body: bool


@dataclass
class Rating:
    overall: str
    contact: str
    attitude: str
    result: str
    answered: str
    comments: str = ""


@dataclass
class Part:
    """One unit's part in a case (an assignment) and how it is to go."""

    unit: str
    role: str
    sign_delay: int = 1  # at most this many working days from assignment to signing for
    sign_min: int = 0  # at least this many
    office_delay: tuple[int, int] = (1, 3)  # working days the office takes to decide a request
    return_request: "Part | None" = None  # set: the unit asks to return; the new part if approved
    return_refused: bool = False
    code: str = "B"  # result class the unit gives its reply
    class_changed: bool = False  # the committee changes A to B when passing
    send_back: str = ""  # a kind in handling_texts.REVISIONS
    cosign: bool = False
    cosign_comment: bool = False
    extension: str = ""  # "", "approved", "refused"
    extension_after: tuple[int, int] | None = None  # ask this many working days after signing
    late: bool = False
    speed: float = 0.6  # where in the handling window the reply is aimed
    pk: int | None = None
    reply_pk: int | None = None
    signed_at: datetime | None = None
    due: date | None = None
    passed_at: datetime | None = None
    opinion_at: datetime | None = None

    @property
    def replying(self) -> bool:
        return self.role != "co"


@dataclass
class CaseItem:
    """One accepted proposal on its way through handling."""

    proposal_id: int
    number: str
    title: str
    points: list[str]
    proposer_type: str
    category: str
    lead_name: str
    addressee: str
    plural: bool
    who: str
    suggested_lead: list[str]
    suggested_co: list[str]
    raters: list[Rater]
    ready_at: datetime
    cutoff: date | None
    assign_at: datetime | None = None
    mode: str = "single"
    parts: list[Part] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)
    decision: str = ""  # for an unsatisfied case: "rehandle" or "close"
    second: list[Rating] = field(default_factory=list)  # ratings after re-handling
    pk: int | None = None
    replied_at: datetime | None = None
    rated_at: datetime | None = None

    def live_parts(self) -> list[Part]:
        """The parts that end the case: re-assigned parts replace the returned ones."""
        out = []
        for part in self.parts:
            while part.return_request is not None and not part.return_refused:
                part = part.return_request
            out.append(part)
        return out


def _addressee(kind: str, body: str, lead: str, many: bool) -> tuple[str, bool, str]:
    if kind == "individual":
        if many:
            return f"{lead}等委员", True, f"{lead}等委员"
        return f"{lead}委员", False, f"{lead}委员"
    if kind == "joint":
        return f"{lead}等委员", True, f"{lead}等委员"
    if kind == "party":
        return f"{body}示例市委", True, f"{body}示例市委有关负责同志"
    if kind == "group":
        return GROUP_VOICE[body], True, f"{GROUP_VOICE[body]}有关负责同志"
    if kind == "special_committee":
        return f"市政协{body}", True, f"市政协{body}有关负责同志"
    voice = f"{body}委员" if body.endswith("界") else f"{body}界别委员"
    return voice, True, voice


def proposer_voice(proposal: Proposal) -> str:
    """Name a proposal's proposer as a letter would: 民盟示例市委, 市工商联, 王某委员等."""
    if proposal.party_id:
        party = proposal.party
        return f"{party.name}示例市委" if party.kind == "party" else GROUP_VOICE[party.name]
    if proposal.special_committee_id:
        return f"市政协{proposal.special_committee.name}"
    if proposal.sector_id:
        name = proposal.sector.name
        return f"{name}委员" if name.endswith("界") else f"{name}界别委员"
    lead = proposal.lead_member.name if proposal.lead_member_id else ""
    return f"{lead}等委员" if proposal.proposer_type == "joint" else f"{lead}委员"


def unit_field(unit: str, category: str) -> str:
    """Return the line of work a reply thanks the proposer for caring about."""
    match = re.fullmatch(r"市(?!委)(.+?)(局|委|办)", unit)
    if match:
        name = match.group(1)
        return FIELD_NAMES.get(name, name)
    return FIELDS.get(category, "我市经济社会发展")


def _local(moment: datetime) -> datetime:
    """Return a stored (aware) moment as the naive local time the timelines work in."""
    return timezone.localtime(moment).replace(tzinfo=None)


def read_cases(ctx: DemoContext, session: Session, *, ids: list[int] | None = None
               ) -> list[CaseItem]:
    """Return the session's accepted proposals, numbered ones first, as handling cases."""
    qs = (Proposal.objects.filter(session=session, status="accepted")
          .select_related("category", "lead_member", "party", "special_committee", "sector")
          .prefetch_related("suggestedunit_set__unit", "proposers")
          .order_by("official_seq", "id"))
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    numbered = dict(ProposalEvent.objects.filter(
        proposal__session=session, action="number").values_list("proposal_id", "at"))
    accepted = dict(ProposalEvent.objects.filter(
        proposal__session=session, action="accept").values_list("proposal_id", "at"))
    users = {m.member.pk: m for m in ctx.members}
    party_kind = dict(Party.objects.filter(committee=ctx.committee).values_list("name", "kind"))
    names = {
        "party": {p.pk: p.name for p in ctx.parties.values()},
        "special_committee": {c.pk: c.name for c in ctx.special_committees.values()},
        "sector": {s.pk: s.name for s in ctx.sectors.values()},
    }
    cases = []
    for p in qs:
        raters = []
        for row in sorted(p.proposers.all(), key=lambda r: r.position):
            if row.status != "confirmed":
                continue
            if row.member_id:
                m = users[row.member_id]
                raters.append(Rater(row.pk, m.user, f"{m.name}委员", False))
                continue
            if row.party_id:
                name = names["party"][row.party_id]
                agent = ctx.agents[(party_kind[name], name)]
            elif row.special_committee_id:
                name = names["special_committee"][row.special_committee_id]
                agent = ctx.agents[("special_committee", name)]
            else:
                name = names["sector"][row.sector_id]
                agent = ctx.agents[("sector", name)]
            raters.append(Rater(row.pk, agent.user, name, True))
        body = ""
        if p.party_id:
            body = p.party.name
        elif p.special_committee_id:
            body = p.special_committee.name
        elif p.sector_id:
            body = p.sector.name
        lead = p.lead_member.name if p.lead_member_id else ""
        addressee, plural, who = _addressee(p.proposer_type, body, lead, len(raters) > 1)
        units = sorted(p.suggestedunit_set.all(), key=lambda s: s.pk)
        cases.append(CaseItem(
            proposal_id=p.pk, number=p.official_number, title=p.title,
            points=texts.suggestion_points(p.suggestions), proposer_type=p.proposer_type,
            category=p.category.name if p.category_id else "", lead_name=lead,
            addressee=addressee, plural=plural, who=who,
            suggested_lead=[s.unit.name for s in units if s.role == "lead"],
            suggested_co=[s.unit.name for s in units if s.role == "co"],
            raters=raters, ready_at=_local(numbered.get(p.pk) or accepted[p.pk]),
            cutoff=session.handling_cutoff,
        ))
    return cases


def draw_rating(rng: random.Random, overall: str, *, comment_k: int = 0) -> Rating:
    """Fill the form's four dimensions around the overall level, with a fitting comment."""
    if overall == "satisfied":
        contact = "satisfied" if rng.random() < 0.97 else "basic"
        attitude = "satisfied" if rng.random() < 0.98 else "basic"
        result = "satisfied" if rng.random() < 0.93 else "basic"
        answered = "yes" if rng.random() < 0.96 else "partly"
    elif overall == "basic":
        contact = "satisfied" if rng.random() < 0.6 else "basic"
        attitude = "satisfied" if rng.random() < 0.65 else "basic"
        result = "basic" if rng.random() < 0.95 else "unsatisfied"
        answered = "partly" if rng.random() < 0.6 else "yes"
    else:
        contact = rng.choice(("basic", "basic", "unsatisfied"))
        attitude = rng.choice(("satisfied", "basic", "basic"))
        result = "unsatisfied"
        answered = "no" if rng.random() < 0.6 else "partly"
    comment = rng.choice(texts.COMMENTS[overall]).format(k=texts.ORDINALS[comment_k])
    return Rating(overall, contact, attitude, result, answered, comment)


class Planner:
    """Draw the moments of every case's handling and queue the service calls on a timeline."""

    def __init__(self, ctx: DemoContext, rng: random.Random, *, hard_limit: date | None = None,
                 reply_floor: int = 15):
        self.ctx = ctx
        self.rng = rng
        self.cal = WorkCalendar.for_committee(ctx.committee.pk)
        self.config = deadlines.config_for(ctx.committee.pk)
        self.moments = Moments(rng, self.cal)
        self.timeline = Timeline()
        self.office = ctx.users["demo-office"]
        self.staff = ctx.users["demo-staff"]
        self.chief = ctx.users["demo-chief"]
        self.hard_limit = hard_limit
        self.reply_floor = reply_floor
        self.classes = dict(ResultClass.objects.filter(committee=ctx.committee)
                            .values_list("code", "pk"))
        self.phones = {name: texts.unit_phone(UNIT_NUMBERS[name], ctx.rng(f"phone:{name}"))
                       for name in ctx.units}
        self.counts: dict[str, int] = {}

    # --- helpers ---------------------------------------------------------------------------

    def add(self, at: datetime, label: str, run) -> None:
        self.counts[label] = self.counts.get(label, 0) + 1
        self.timeline.add(at, label, run)

    def after(self, moment: datetime, low: int, high: int) -> datetime:
        return self.moments.office_after(moment, low, high)

    def wd(self, day: date, n: int) -> date:
        return self.cal.add_working_days(day, n)

    def handler(self, unit: str) -> User:
        return self.ctx.unit_staff[unit][0]

    def leader(self, unit: str) -> User:
        return self.ctx.unit_staff[unit][1]

    def letter(self, item: CaseItem, part: Part, *, contact: tuple[str, date] | None,
               day: date) -> texts.Letter:
        live = item.live_parts()
        partners = [p.unit for p in live if p.role == "co"]
        others = [p.unit for p in live if p.role == "split" and p.unit != part.unit]
        mode_note = {"lead": "co", "split": "split"}.get(part.role, "")
        if part.role == "co":
            lead = next((p.unit for p in live if p.role == "lead"), "")
            partners = [lead] if lead else []
        return texts.Letter(
            unit=part.unit, leader=self.leader(part.unit).full_name,
            handler=self.handler(part.unit).full_name, phone=self.phones[part.unit],
            title=item.title, number=item.number, addressee=item.addressee,
            plural=item.plural, points=item.points,
            field=unit_field(part.unit, item.category), partners=partners, others=others,
            mode_note=mode_note, contact_mode=contact[0] if contact else "",
            contact_day=contact[1] if contact else None, reply_day=day,
        )

    # --- assignment ------------------------------------------------------------------------

    def schedule_meeting(self, at: datetime, items: list[CaseItem]) -> None:
        """Assign many proposals at one 交办会 through the bulk service."""
        def run():
            # The desk's 推荐首选 column shows each proposal's first suggestion and the bulk
            # assignment records what it showed, as the assignment page does.
            advice = {p.pk: routing.unit_suggestions(proposal=p) for p in Proposal.objects
                      .filter(pk__in=[i.proposal_id for i in items])}
            results = services.case_assign_bulk(actor=self.office, items=[
                {"proposal_id": i.proposal_id, "mode": i.mode,
                 "units": [{"unit_id": self.ctx.units[p.unit].pk, "role": p.role}
                           for p in i.parts],
                 "suggested": advice[i.proposal_id].recorded(),
                 "suggestion_basis": advice[i.proposal_id].basis} for i in items])
            failed = [r for r in results if not r["ok"]]
            assert not failed, failed
            for item, result in zip(items, results, strict=True):
                self._assigned(item, result["case_id"])

        self.add(at, "assign_bulk", run)
        for item in items:
            item.assign_at = at
            self.schedule_case(item)

    def schedule_single(self, at: datetime, item: CaseItem) -> None:
        def run():
            # One by one the office assigns on the assignment page, which shows the routing
            # suggestions and records them (the statistics' 单位推荐首选采纳率).
            advice = routing.unit_suggestions(
                proposal=Proposal.objects.get(pk=item.proposal_id))
            case = services.case_assign(
                actor=self.office, proposal_id=item.proposal_id, mode=item.mode,
                units=[{"unit_id": self.ctx.units[p.unit].pk, "role": p.role}
                       for p in item.parts],
                suggested=advice.recorded(), suggestion_basis=advice.basis)
            self._assigned(item, case.pk)

        item.assign_at = at
        self.add(at, "assign", run)
        self.schedule_case(item)

    def _assigned(self, item: CaseItem, case_id: int) -> None:
        item.pk = case_id
        by_unit = {a.unit_id: a.pk for a in Assignment.objects.filter(case_id=case_id)}
        for part in item.parts:
            part.pk = by_unit[self.ctx.units[part.unit].pk]

    # --- a case ----------------------------------------------------------------------------

    def schedule_case(self, item: CaseItem) -> None:
        co_done: list[datetime] = []
        for part in [p for p in item.parts if p.role == "co"]:
            end = self._part(item, part, item.assign_at, co_latest=None)
            if end is not None:
                co_done.append(end)
        latest_co = max(co_done) if co_done else None
        passes = []
        for part in [p for p in item.parts if p.role != "co"]:
            end = self._part(item, part, item.assign_at, co_latest=latest_co)
            passes.append(end)
        item.replied_at = max(passes)
        self._ratings(item, item.ratings, item.replied_at, round_=1)

    def _part(self, item: CaseItem, part: Part, assigned_at: datetime,
              co_latest: datetime | None) -> datetime | None:
        """Queue one part's steps; return its opinion moment (co) or its pass moment."""
        sign_due = deadlines.sign_due(self.cal, self.config, assigned_at.date())
        new = part.return_request
        if new is not None:
            request = self.after(assigned_at, 0, 2)
            if request.date() > sign_due:
                request = self.moments.office(self.cal.next_working_day(assigned_at.date()))
                request = max(request, assigned_at + timedelta(minutes=30))
            other = new.unit
            reason = self.rng.choice(texts.RETURN_REASONS).format(
                phrase=texts.point_phrase(self.rng.choice(item.points)),
                self=texts.unit_self(part.unit), other=other)
            self.add(request, "request_return", lambda: services.assignment_request_return(
                actor=self.handler(part.unit), assignment_id=part.pk, reason=reason))
            decided = self.after(request, *part.office_delay)
            if not part.return_refused:
                note = texts.RETURN_APPROVED.format(other=other)

                def approve():
                    services.assignment_decide_return(
                        actor=self.office, assignment_id=part.pk, approve=True, note=note,
                        new_unit_id=self.ctx.units[other].pk)
                    new.pk = Assignment.objects.get(case_id=item.pk, unit__name=other,
                                                    status="pending_sign").pk

                self.add(decided, "approve_return", approve)
                return self._part(item, new, decided, co_latest)
            note = self.rng.choice(texts.RETURN_REFUSED)
            self.add(decided, "refuse_return", lambda: services.assignment_decide_return(
                actor=self.office, assignment_id=part.pk, approve=False, note=note))
            signed = decided
        else:
            signed = self.after(assigned_at, part.sign_min, max(part.sign_min, part.sign_delay))
            if signed.date() > sign_due:
                signed = self.moments.office(sign_due)
                signed = max(signed, assigned_at + timedelta(minutes=20))
            self.add(signed, "sign_for", lambda: services.assignment_sign_for(
                actor=self.handler(part.unit), assignment_id=part.pk))
        part.signed_at = signed
        part.due = deadlines.handling_due(self.cal, self.config, signed.date(), role=part.role,
                                          cutoff=item.cutoff)
        if part.role == "co":
            return self._opinion(item, part)
        return self._reply(item, part, co_latest)

    def _contact(self, item: CaseItem, part: Part, day: date, stage: str, mode: str) -> None:
        letter = self.letter(item, part, contact=None, day=day)
        minutes = texts.contact_minutes(self.rng, letter, stage, mode, item.who)
        people = (f"{part.unit}{texts.leader_title(part.unit)}{letter.leader}、经办人"
                  f"{letter.handler}；{item.who}")
        if mode == "phone":
            people = f"{part.unit}经办人{letter.handler}；{item.who}"
        at = self.moments.office(day)

        def run():
            services.contact_record(
                actor=self.handler(part.unit), assignment_id=part.pk, stage=stage, mode=mode,
                happened_on=day, participants=people, minutes=minutes)

        self.add(at, "contact", run)

    def _before_contact(self, item: CaseItem, part: Part, latest: date) -> tuple[str, date]:
        body = item.raters and all(r.body for r in item.raters)
        modes = (("face", "meeting", "phone"), (45, 30, 25)) if body else \
            (("face", "phone", "visit"), (45, 40, 15))
        mode = self.rng.choices(modes[0], weights=modes[1])[0]
        first = self.wd(part.signed_at.date(), 2)
        last = max(first, min(self.wd(part.signed_at.date(), 12), latest))
        day = self.moments.workday_in(first, last)
        self._contact(item, part, day, "before", mode)
        return mode, day

    def _opinion(self, item: CaseItem, part: Part) -> datetime:
        at = self.after(part.signed_at, 6, 15)
        if self.rng.random() < 0.15:
            day = self.moments.workday_in(self.wd(part.signed_at.date(), 1), at.date())
            if day < at.date():
                self._contact(item, part, day, "before", "phone")
        lead = next((p.unit for p in item.live_parts() if p.role == "lead"), "")
        letter = self.letter(item, part, contact=None, day=at.date())
        text = texts.co_opinion(self.rng, letter, lead)
        self.add(at, "give_opinion", lambda: services.assignment_give_opinion(
            actor=self.handler(part.unit), assignment_id=part.pk, opinion=text))
        part.opinion_at = at
        return at

    def _reply_target(self, item: CaseItem, part: Part, earliest: date,
                      original_due: date) -> date:
        due = part.due
        if part.late:
            limit = min(self.wd(due, self.rng.randint(2, 6)), self.hard_limit or date.max)
            return max(limit, earliest)
        if part.extension == "approved":
            return max(earliest, min(self.wd(original_due, self.rng.randint(2, 6)), due))
        if part.extension == "refused":
            return max(earliest, self.wd(due, -self.rng.randint(0, 2)))
        floor = max(earliest, self.wd(part.signed_at.date(), self.reply_floor))
        span = self.cal.working_days_between(floor, due)
        if span <= 0:
            return floor
        return self.wd(floor, round(part.speed * span))

    def _gaps(self, part: Part, minimal: bool = False) -> dict[str, int]:
        """Draw the working-day gaps between drafting, co-signing, sign-off and review."""
        rng = self.rng
        if minimal:
            return {"draft_cosign": 0, "cosign_answer": 1, "comment_edit": 0, "to_sign_off": 0,
                    "to_review": 1, "revise": 1, "resign": 0, "review_again": 1}
        return {"draft_cosign": rng.randint(0, 1), "cosign_answer": rng.randint(1, 3),
                "comment_edit": rng.randint(0, 1), "to_sign_off": rng.randint(1, 4),
                "to_review": rng.randint(1, 3), "revise": rng.randint(1, 3),
                "resign": rng.randint(0, 2), "review_again": rng.randint(1, 2)}

    def _walk(self, start: date, gaps: dict[str, int], part: Part, co_parts: list[Part],
              co_latest: datetime | None) -> dict[str, object]:
        """Return the moments of a reply's steps when drafting starts on `start`."""
        rng = self.rng
        at: dict[str, object] = {}
        moment = self.moments.office(self.cal.next_working_day(start))
        if co_latest is not None:
            moment = max(moment, co_latest + timedelta(minutes=rng.randint(30, 600)))
        at["draft"] = moment
        if part.cosign:
            moment = self.after(moment, gaps["draft_cosign"], gaps["draft_cosign"])
            at["request_cosign"] = moment
            answers = [self.after(moment, 0, gaps["cosign_answer"]) for _ in co_parts]
            at["cosign"] = answers
            moment = max([moment, *answers])
            if part.cosign_comment:
                moment = self.after(moment, gaps["comment_edit"], gaps["comment_edit"])
                at["comment_edit"] = moment
        moment = self.after(moment, gaps["to_sign_off"], gaps["to_sign_off"])
        at["sign_off"] = moment
        moment = self.after(moment, gaps["to_review"], gaps["to_review"])
        if part.send_back:
            at["send_back"] = moment
            moment = self.after(moment, gaps["revise"], gaps["revise"])
            at["revise"] = moment
            moment = self.after(moment, gaps["resign"], gaps["resign"])
            at["sign_off_again"] = moment
            moment = self.after(moment, gaps["review_again"], gaps["review_again"])
        at["pass"] = moment
        return at

    def _reply(self, item: CaseItem, part: Part, co_latest: datetime | None,
               round_: int = 1) -> datetime:
        rng = self.rng
        earliest = self.wd(part.signed_at.date(), 6)
        if round_ > 1:
            earliest = self.wd(part.signed_at.date(), 4)
        if co_latest is not None and part.role == "lead":
            earliest = max(earliest, self.wd(co_latest.date(), 2))
        original_due = part.due
        if part.extension:
            decided = self._extension(item, part)
            earliest = max(earliest, self.wd(decided.date(), 1))
        target = self._reply_target(item, part, earliest, original_due)
        limit = self.hard_limit if self.hard_limit is not None and round_ == 1 else date.max
        if not part.late:
            limit = min(limit, part.due)
        co_parts = [p for p in item.live_parts() if p.role == "co"] if part.cosign else []
        gaps = self._gaps(part)
        used = ["to_sign_off", "to_review"]
        if part.cosign:
            used += ["draft_cosign", "cosign_answer"] + (["comment_edit"] if part.cosign_comment
                                                         else [])
        if part.send_back:
            used += ["revise", "resign", "review_again"]
        total = sum(gaps[k] for k in used)
        start = max(earliest, self.wd(target, -total))
        while True:
            at = self._walk(start, gaps, part, co_parts, co_latest)
            if at["pass"].date() <= limit:
                break
            if start > earliest:
                start = max(earliest, self.wd(start, -1))
            elif gaps != self._gaps(part, minimal=True):
                gaps = self._gaps(part, minimal=True)
            else:
                break
        if self.hard_limit is not None and round_ == 1:
            assert at["pass"].date() <= self.hard_limit, (item.title, part.unit, at["pass"])
        drafted: datetime = at["draft"]
        if round_ == 1:
            contact = self._before_contact(item, part, self.wd(drafted.date(), -1))
            if rng.random() < 0.25:
                first = self.wd(contact[1], 2)
                if first < drafted.date():
                    self._contact(item, part, self.moments.workday_in(first, drafted.date()),
                                  "during", rng.choice(("phone", "face", "visit", "meeting")))
        else:
            contact = (rng.choice(("face", "visit")),
                       self.wd(part.signed_at.date(), rng.randint(1, 3)))
            self._contact(item, part, min(contact[1], drafted.date()), "during", contact[0])
        letter = self.letter(item, part, contact=contact, day=drafted.date())
        code = part.code
        body = texts.reply_body(rng, letter, code, again=round_ > 1)
        self._save(part, drafted, body, code, "reply_draft")
        if part.cosign:
            self.add(at["request_cosign"], "request_cosign",
                     lambda: replies.reply_request_cosign(actor=self.handler(part.unit),
                                                          reply_id=part.reply_pk))
            comment_from = rng.choice(co_parts) if part.cosign_comment else None
            for co, moment in zip(co_parts, at["cosign"], strict=True):
                comment = texts.cosign_comment(rng, letter, co.unit) if co is comment_from else ""
                self.add(moment, "cosign", lambda co=co, comment=comment: self._cosign(
                    part, co, comment))
            if comment_from is not None:
                body = texts.cosign_edit(body, comment_from.unit)
                self._save(part, at["comment_edit"], body, code, "reply_edit")
        self.add(at["sign_off"], "sign_off", lambda: replies.reply_sign_off(
            actor=self.leader(part.unit), reply_id=part.reply_pk))
        reviewer = self.staff if rng.random() < 0.8 else self.chief
        if part.send_back:
            reason, revised = texts.revision(rng, letter, body, part.send_back)
            if part.send_back == "class":
                code = "B"
            self.add(at["send_back"], "send_back", lambda: replies.reply_send_back(
                actor=reviewer, reply_id=part.reply_pk, reason=reason))
            self._save(part, at["revise"], revised, code, "reply_revise")
            self.add(at["sign_off_again"], "sign_off", lambda: replies.reply_sign_off(
                actor=self.leader(part.unit), reply_id=part.reply_pk))
        new_class = self.classes["B"] if part.class_changed else None
        note = texts.CLASS_CHANGE_NOTE if part.class_changed else rng.choice(texts.PASS_NOTES)
        self.add(at["pass"], "pass", lambda: replies.reply_pass(
            actor=reviewer, reply_id=part.reply_pk, result_class_id=new_class, note=note))
        part.passed_at = at["pass"]
        if round_ == 1 and rng.random() < 0.08:
            day = self.wd(part.passed_at.date(), rng.randint(2, 8))
            self._contact(item, part, day, "after", rng.choice(("phone", "face")))
        return part.passed_at

    def _save(self, part: Part, at: datetime, body: str, code: str, label: str) -> None:
        letter_phone = self.phones[part.unit]
        handler = self.handler(part.unit)
        leader = self.leader(part.unit)

        def run():
            reply = replies.reply_save(
                actor=handler, assignment_id=part.pk, body=body,
                result_class_id=self.classes[code], contact_person=handler.full_name,
                contact_phone=letter_phone, signer=leader.full_name)
            part.reply_pk = reply.pk

        self.add(at, label, run)

    def _cosign(self, part: Part, co: Part, comment: str) -> None:
        cosign = Cosign.objects.get(reply_id=part.reply_pk, assignment_id=co.pk,
                                    status="pending")
        replies.cosign_answer(actor=self.handler(co.unit), cosign_id=cosign.pk,
                              agree=not comment, comment=comment)

    def _extension(self, item: CaseItem, part: Part) -> datetime:
        """Queue a request for more time and the office's answer; an approval moves `due`."""
        rng = self.rng
        due = part.due
        if part.extension_after:
            asked = self.after(part.signed_at, *part.extension_after)
        else:
            asked = self.moments.office(self.wd(due, -rng.randint(5, 9)))
        asked = max(asked, part.signed_at + timedelta(hours=2))
        cap = deadlines.extension_cap(self.config, part.signed_at.date())
        wanted = min(self.wd(due, rng.randint(8, 14)), cap)
        if self.hard_limit is not None:
            wanted = min(wanted, self.hard_limit)
        assert wanted > due, (item.title, due, wanted)
        phrase = texts.point_phrase(rng.choice(item.points))
        partner = "、".join(p.unit for p in item.live_parts() if p.unit != part.unit) or "有关部门"
        reason = rng.choice(texts.EXTENSION_REASONS).format(
            phrase=phrase, partner=partner, day=texts.day_text(wanted))
        ext = {}

        def request():
            ext["pk"] = services.extension_request(
                actor=self.handler(part.unit), assignment_id=part.pk, requested_due=wanted,
                reason=reason).pk

        self.add(asked, "extension_request", request)
        approve = part.extension == "approved"
        note = texts.EXTENSION_APPROVED.format(day=texts.day_text(wanted)) if approve \
            else texts.EXTENSION_REFUSED
        decided = self.after(asked, *part.office_delay)
        self.add(decided, "extension_decide", lambda: services.extension_decide(
            actor=self.office, extension_id=ext["pk"], approve=approve, note=note))
        if approve:
            part.due = wanted
        return decided

    # --- ratings and the office's decision -------------------------------------------------

    def _ratings(self, item: CaseItem, ratings: list[Rating], replied: datetime,
                 round_: int) -> None:
        last = replied
        for rater, rating in zip(item.raters, ratings, strict=True):
            if rater.body:
                at = self.after(replied, 2, 10)
            else:
                at = self.moments.member_after(replied, 20, 24 * 12)
            last = max(last, at)
            self.add(at, "rate", lambda rater=rater, rating=rating: feedback.feedback_submit(
                actor=rater.user, case_id=item.pk, overall=rating.overall,
                contact=rating.contact, attitude=rating.attitude, result=rating.result,
                answered=rating.answered, comments=rating.comments, proposer_id=rater.row_id))
        item.rated_at = last
        if round_ == 1 and item.decision:
            self._decide(item, last)

    def _decide(self, item: CaseItem, rated: datetime) -> None:
        at = self.after(rated, 2, 5)
        replying = [p for p in item.live_parts() if p.replying]
        unit = "、".join(p.unit for p in replying)
        if item.decision == "close":
            closes = self.counts.get("close", 0)
            reason = texts.CLOSE_REASONS[closes % len(texts.CLOSE_REASONS)].format(unit=unit)
            self.add(at, "close", lambda: feedback.case_close(
                actor=self.office, case_id=item.pk, reason=reason))
            return
        reason = texts.REHANDLE_REASONS[0].format(issue=self.rng.choice(texts.ISSUES), unit=unit)
        self.add(at, "rehandle", lambda: feedback.case_rehandle(
            actor=self.office, case_id=item.pk, reason=reason))
        passes = []
        for part in replying:
            part.signed_at = at
            part.due = deadlines.rehandle_due(self.cal, self.config, at.date())
            part.cosign = False
            part.send_back = ""
            part.class_changed = False
            part.extension = ""
            part.late = False
            part.speed = 0.4
            if part.code == "C":
                part.code = "B"
            passes.append(self._reply(item, part, None, round_=2))
        self._ratings(item, item.second, max(passes), round_=2)


def summary_counts(cases: list[CaseItem]) -> dict[str, object]:
    """Count what the plan contains (modes, returns, classes, ratings) for the log and tests."""
    modes: dict[str, int] = {}
    classes: dict[str, int] = {}
    levels: dict[str, int] = {}
    for item in cases:
        modes[item.mode] = modes.get(item.mode, 0) + 1
        for part in item.live_parts():
            if part.replying:
                code = "B" if part.class_changed or part.send_back == "class" else part.code
                classes[code] = classes.get(code, 0) + 1
        final = item.second or item.ratings
        for rating in final:
            levels[rating.overall] = levels.get(rating.overall, 0) + 1
    return {"modes": modes, "classes": classes, "levels": levels}
