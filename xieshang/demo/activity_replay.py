"""What the yearly activity steps (`activities_2020`, `activities_2021`) share: one activity's
notice, leave, sign-ins and closing queued on a timeline (`Attendance`), the notice of a
special-committee activity (`Spec`, `sc_notice`), and the replay of a year's consultation plan
(`Plan`, `replay_plan`), all through `xieshang.activities.services` under `clock.at`."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from xieshang.activities import services
from xieshang.activities.models import Activity
from xieshang.core import clock
from xieshang.proposals.models import Proposal

from .context import DemoContext
from .timeline import Moments, Timeline

LEAVE_REASONS = ("因公出差在外地，无法参加，特此请假。", "单位有重要接待任务，请假。",
                 "身体不适住院治疗，请假。", "参加省里组织的专题培训，时间冲突，请假。",
                 "家中老人住院需要陪护，请假。")


def aware(moment: datetime) -> datetime:
    return timezone.make_aware(moment)


@dataclass(frozen=True)
class Spec:
    """A special-committee activity: day, type, title, organisers, and how many attend."""

    day: date
    type: str
    title: str
    committees: tuple[str, ...]
    attend: int
    place: str
    party: str | None = None
    topic: int | None = None  # index into the year's topics when the activity serves one


def sc_notice(ctx: DemoContext, types: dict[str, int], spec: Spec,
              topic_pks: list[int]) -> tuple[dict, datetime, datetime]:
    """Return the `activity_create` arguments of a special-committee activity, its start and
    end: field work (调研, 视察, 考察) from 8:30 for 7 hours, meetings from 14:30 for 3."""
    field_work = spec.type in ("调研", "视察", "考察")
    start = datetime.combine(spec.day, time(8, 30) if field_work else time(14, 30))
    organisers = [{"kind": "special_committee", "id": ctx.special_committees[c].pk}
                  for c in spec.committees]
    if spec.party:
        organisers.append({"kind": "party", "id": ctx.parties[spec.party].pk})
    create = {"type_id": types[spec.type], "title": spec.title, "mode": "compulsory",
              "organisers": organisers, "place": spec.place,
              "description": f"由{'、'.join(spec.committees)}"
                             f"{'和' + spec.party + '示例市委' if spec.party else ''}组织，"
                             f"邀请相关委员参加。",
              "topic_id": topic_pks[spec.topic] if spec.topic is not None else None}
    return create, start, start + timedelta(hours=7 if field_work else 3)


class Attendance:
    """Queue invitations, leave, sign-ins and closing of one activity on the timeline."""

    def __init__(self, ctx, rng, moments, timeline):
        self.ctx, self.rng, self.moments, self.timeline = ctx, rng, moments, timeline
        self.by_pk = {m.member.pk: m for m in ctx.members}

    def run(self, actor, create: dict, start: datetime, end: datetime, *, invite: dict,
            attend: list[int] | None, leave: list[int], reject: list[int] = (),
            published: datetime | None = None, code_share: float = 0.5,
            signups: list[int] = ()) -> dict:
        """Create and publish at `published`; attend = member pks who sign in (None: all the
        invited who neither asked leave nor are listed in `absent`)."""
        rng, moments = self.rng, self.moments
        holder: dict = {}
        published = published or moments.office_after(start - timedelta(days=12), 0, 3)

        def setup():
            a = services.activity_create(actor=actor, start=aware(start), end=aware(end),
                                         **create)
            if invite:
                services.activity_invite(actor=actor, activity_id=a.pk, **invite)
            services.activity_publish(actor=actor, activity_id=a.pk)
            holder["pk"] = a.pk

        self.timeline.add(published, "activity publish", setup)
        for pk in signups:
            at = moments.member_after(published, 2, 96)
            self.timeline.add(min(at, start - timedelta(hours=2)), "signup",
                              lambda pk=pk: services.activity_signup(
                                  actor=self.by_pk[pk].user, activity_id=holder["pk"]))
        for pk in [*leave, *reject]:
            asked = moments.member_after(published, 4, 120)
            asked = min(asked, start - timedelta(hours=20))
            decided = min(moments.office_after(asked, 0, 1), start - timedelta(hours=1))
            reason = rng.choice(LEAVE_REASONS)
            lv: dict = {}

            def ask(pk=pk, reason=reason, lv=lv):
                lv["pk"] = services.leave_request(actor=self.by_pk[pk].user,
                                                  activity_id=holder["pk"], reason=reason).pk

            approve = pk not in reject
            self.timeline.add(asked, "leave", ask)
            self.timeline.add(decided, "leave decide", lambda lv=lv, approve=approve:
                              services.leave_decide(
                                  actor=actor, leave_id=lv["pk"], approve=approve,
                                  note="同意。" if approve else "本次会议议题重要，请妥善安排，"
                                                              "准时参加。"))
        for pk in attend or []:
            by_code = rng.random() < code_share
            minutes = rng.randint(-25, 10) if by_code else rng.randint(5, 45)
            at = start + timedelta(minutes=minutes, seconds=rng.randrange(60))

            def sign(pk=pk, by_code=by_code):
                if by_code:
                    code = Activity.objects.get(pk=holder["pk"]).code
                    services.activity_sign_in(actor=self.by_pk[pk].user,
                                              activity_id=holder["pk"], code=code)
                else:
                    services.attendance_record(actor=actor, activity_id=holder["pk"],
                                               member_id=pk)

            self.timeline.add(at, "sign in", sign)
        closed = moments.office_after(end, 0, 2)
        self.timeline.add(closed, "activity close", lambda: services.activity_close(
            actor=actor, activity_id=holder["pk"]))
        return holder


@dataclass(frozen=True)
class Plan:
    """A year's consultation plan: its topics (title, form, host special committee, host party,
    department, month, outcome — "adopted" output adopted, "held" output only, "planned" not yet
    held), when it is drafted, the 主席会议 (name, day) that adopts it, when that is recorded,
    and words that find the year's accepted proposals derived from a topic (by topic index)."""

    year: int
    topics: tuple[tuple, ...]
    created: datetime
    meeting: tuple[str, date]
    recorded: datetime
    topic_proposals: dict[int, str] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return f"政协示例市委员会{self.year}年度协商计划"


def replay_plan(ctx: DemoContext, moments: Moments, office, plan_spec: Plan,
                until: datetime | None = None) -> list[int]:
    """Draft the plan, have the 主席会议 adopt it, and replay each topic's year: started in the
    month before its own, held in its month (before `until`, when the year is in progress),
    its 纪要 or 建议案 recorded, adopted, closed. Actions after `until` are left undone.
    Return the topics' pks in the order of `plan_spec.topics`."""
    year, topics = plan_spec.year, plan_spec.topics
    timeline = Timeline()
    with clock.at(plan_spec.created):
        plan = services.plan_create(actor=office, year=year, title=plan_spec.title)
        pks = []
        for title, form, host_sc, host_party, unit, month, _ in topics:
            pks.append(services.topic_create(
                actor=office, plan_id=plan.pk, title=title, form=form, planned_month=month,
                host_special_committee_id=ctx.special_committees[host_sc].pk if host_sc else None,
                host_party_id=ctx.parties[host_party].pk if host_party else None,
                unit_id=ctx.units[unit].pk,
                description=f"由{host_sc or host_party + '示例市委'}承办，{unit}参与协商。").pk)
    with clock.at(plan_spec.recorded):
        services.plan_adopt(
            actor=office, plan_id=plan.pk, meeting=plan_spec.meeting[0],
            meeting_date=plan_spec.meeting[1],
            text=f"会议审议通过《{plan_spec.title}》，确定{len(topics)}个协商议题，"
                 "由各专委会和有关民主党派市委会承办，请认真组织实施。")
    for n, (title, form, _, _, unit, month, outcome) in enumerate(topics):
        pk = pks[n]
        started = moments.office(moments.workday_in(date(year, month - 1, 1),
                                                    date(year, month - 1, 25)))
        timeline.add(started, "topic start", lambda pk=pk: services.topic_transition(
            actor=office, topic_id=pk, name="start"))
        if outcome == "planned":
            continue
        last = date(year, month, 28)
        if until is not None:  # a topic held in a year in progress was held before "today"
            last = min(last, until.date() - timedelta(days=1))
        held = moments.office(moments.workday_in(date(year, month, 1), last))
        timeline.add(held, "topic hold", lambda pk=pk: services.topic_transition(
            actor=office, topic_id=pk, name="hold"))
        kind = "recommendation" if form in ("standing", "thematic") else "minutes"
        label = "建议案" if kind == "recommendation" else "协商纪要"
        text = (f"围绕“{title}”，政协委员、专家学者与{unit}等部门负责同志深入协商。会议认为，"
                f"我市在该领域工作取得积极进展，但仍存在统筹不够、政策落实不到位等问题，建议："
                f"一是加强统筹协调；二是细化政策措施；三是强化督促落实。")
        out: dict = {}
        recorded = moments.office_after(held, 2, 8)

        def output(pk=pk, kind=kind, label=label, text=text, out=out, title=title):
            out["pk"] = services.topic_output_record(
                actor=office, topic_id=pk, kind=kind, title=f"关于“{title}”的{label}",
                text=text).pk

        timeline.add(recorded, "topic output", output)
        if outcome == "adopted":
            adopted = moments.office_after(recorded, 8, 25)
            timeline.add(adopted, "output adopt", lambda out=out, adopted=adopted:
                         services.topic_output_adopt(
                             actor=office, output_id=out["pk"], adopted_by="市委、市政府",
                             adopted_on=adopted.date() - timedelta(days=2),
                             note="市委主要领导作出批示，有关建议被吸收进相关工作方案。"))
        closed = moments.office_after(recorded, 26, 35)
        if closed.year == year:
            timeline.add(closed, "topic close", lambda pk=pk: services.topic_transition(
                actor=office, topic_id=pk, name="close"))
        if n in plan_spec.topic_proposals:
            proposals = list(Proposal.objects.filter(
                session=ctx.sessions[year], status="accepted",
                title__contains=plan_spec.topic_proposals[n]).order_by("official_seq")[:2])
            for p in proposals:
                timeline.add(recorded + timedelta(minutes=20), "topic proposal",
                             lambda pk=pk, p=p: services.topic_proposal_link(
                                 actor=office, topic_id=pk, proposal_id=p.pk))
    timeline.run(until=until)
    return pks
