"""Step: the 2021 activities up to the demo's "today" (Friday 19 March 2021, 17:40) and those
already announced for the days after it, through `xieshang.activities.services` under
`clock.at`; nothing planned after `session_2021.TODAY` is done.

- The plenary 政协示例市第五届委员会第五次会议 (5–8 January, tied to the 2021 session): the
  notice goes out on 31 December 2020 to every member whose seat is active — after the standing
  committee's decisions of 30 December (劝辞, 撤销; step `appraisal_2020`), so the two members
  concerned are not invited. Most sign in on the first morning, 11 are on approved leave and 2
  are absent without leave.
- The 2021 consultation plan (6 topics: “十四五”开局, 乡村振兴, 碳达峰碳中和, 城市更新, 养老服务,
  科技创新) is adopted by the 市政协五届第四十次主席会议 on 21 January; the March topic is held
  before "today", the others are planned or in preparation.
- Six special-committee activities from 20 January to 16 March (two serve plan topics; one is
  held by two committees with 民建) and the 市政协五届第十七次常委会议 of 25 February, with leave
  and sign-ins; 72 special-committee sign-ins in all.
- Announced for after "today", so that members can act on the demo's clock: a training course
  open for sign-up (报名参加, 60 places, sign-up until 24 March; 16 members signed up, not
  `demo-member`), and a 教科卫体委员会 research visit on Thursday 25 March to which
  `demo-member` is invited (one colleague's leave approved, one still waiting for `demo-sc05`).
"""

from datetime import date, datetime, time, timedelta

from xieshang.activities import selectors, services
from xieshang.core.calendar import WorkCalendar

from . import session_2021
from .activity_replay import LEAVE_REASONS, Attendance, Plan, Spec, aware, replay_plan, sc_notice
from .context import DemoContext, DemoMember
from .organisation import AGRI, ECON, EDU, ENV, ETH, SPECIAL_COMMITTEES
from .timeline import Moments, Timeline

YEAR = 2021
TODAY = session_2021.TODAY
# Members with a demo login of their own are never on leave or absent (their pages read the
# same in every load) and none signs up for the course: that is left to demo-member.
NAMED = ("demo-member", "demo-member2", "demo-party")

PLENARY = (datetime(2021, 1, 5, 8, 30), datetime(2021, 1, 8, 12, 0))
PLENARY_NOTICE = datetime(2020, 12, 31, 10, 0)
PLENARY_LEAVE, PLENARY_ABSENT = 11, 2

# The consultation plan: title, form, host (special committee or party), unit, month, outcome
# (see activity_replay.Plan); the March topic is held before "today", the rest are to come.
TOPICS = (
    ("开好局起好步，推动“十四五”规划目标任务落地见效", "thematic", ECON, None, "市发展改革委", 3,
     "held"),
    ("巩固拓展脱贫攻坚成果，全面推进乡村振兴", "standing", AGRI, None, "市农业农村局", 6,
     "planned"),
    ("推进碳达峰碳中和，促进经济社会发展全面绿色转型", "counterpart", ENV, None, "市生态环境局",
     5, "planned"),
    ("实施城市更新行动，推进老旧街区有机更新", "symposium", None, "民建", "市住房城乡建设局", 4,
     "planned"),
    ("健全养老服务体系，发展居家社区养老服务", "proposal", None, "农工党", "市民政局", 7,
     "planned"),
    ("强化科技创新能力，促进科技成果转化", "sector", EDU, None, "市科技局", 9, "planned"),
)
PLAN = Plan(YEAR, TOPICS, created=datetime(2021, 1, 12, 10, 0),
            meeting=("市政协五届第四十次主席会议", date(2021, 1, 21)),
            recorded=datetime(2021, 1, 22, 9, 30))

SC_ACTIVITIES = (
    Spec(date(2021, 1, 20), "座谈", "民族宗教界人士迎新春座谈会", (ETH,), 10, "市民族宗教局"),
    Spec(date(2021, 2, 3), "专委会会议", "经济委员会2021年第一次全体会议", (ECON,), 12,
         "市政协三楼会议室"),
    Spec(date(2021, 2, 24), "调研", "“十四五”开局重大项目建设情况调研", (ECON,), 13,
         "示例经济技术开发区", topic=0),
    Spec(date(2021, 3, 4), "视察", "春季农业生产和高标准农田建设视察", (AGRI,), 12, "临河县"),
    Spec(date(2021, 3, 10), "调研", "城市更新和老旧街区改造调研", (ENV, ECON), 14, "西城区",
         party="民建", topic=3),
    Spec(date(2021, 3, 16), "专委会会议", "教科卫体委员会2021年第一次全体会议", (EDU,), 11,
         "市政协三楼会议室"),
)
SC_PARTICIPATIONS = 72
STANDING_MEETING = (date(2021, 2, 25), "市政协五届第十七次常委会议")

# After "today": a course open for sign-up, and a research visit demo-member is invited to.
COURSE = {"title": "学习贯彻全国两会精神专题培训班", "place": "市委党校", "capacity": 60,
          "start": datetime(2021, 3, 30, 8, 30), "end": datetime(2021, 3, 31, 17, 0),
          "deadline": datetime(2021, 3, 24, 17, 30), "published": datetime(2021, 3, 15, 10, 0),
          "signed_up": 16}
# demo-member and 14 colleagues of her committee are expected.
VISIT = Spec(date(2021, 3, 25), "调研", "职业教育产教融合情况调研", (EDU,), 15, "示例职业技术学院")


def load(ctx: DemoContext) -> None:
    rng = ctx.rng("activities-2021")
    moments = Moments(rng, WorkCalendar.for_committee(ctx.committee.pk))
    timeline = Timeline()
    office = ctx.users["demo-liaison"]
    liaisons = {name: ctx.users[f"demo-sc{i:02d}"]
                for i, name in enumerate(SPECIAL_COMMITTEES, start=1)}
    types = {t.name: t.pk for t in selectors.activity_types(committee_id=ctx.committee.pk)}
    att = Attendance(ctx, rng, moments, timeline)
    assert sum(s.attend for s in SC_ACTIVITIES) == SC_PARTICIPATIONS
    # Members whose seat is active in 2021 (not those persuaded to resign or revoked).
    seats = set(selectors.active_memberships(ctx.committee.pk, aware(PLENARY[0]))
                .values_list("member_id", flat=True))
    people = [m for m in ctx.members if m.member.pk in seats]
    named = [ctx.member_by_user(u) for u in NAMED]

    topic_pks = replay_plan(ctx, moments, office, PLAN, until=TODAY)

    # The plenary: every active member invited; most attend, some on leave, two absent.
    others = [m for m in people if m not in named]
    leave = rng.sample(others, PLENARY_LEAVE)
    absent = rng.sample([m for m in others if m not in leave], PLENARY_ABSENT)
    att.run(office, {"type_id": types["大会"], "title": "政协示例市第五届委员会第五次会议",
                     "mode": "compulsory", "organisers": [{"kind": "general_office"}],
                     "place": "示例市会议中心", "session_id": ctx.sessions[YEAR].pk},
            *PLENARY, invite={"all_members": True},
            attend=[m.member.pk for m in people if m not in leave and m not in absent],
            leave=[m.member.pk for m in leave], published=PLENARY_NOTICE, code_share=0.7)

    # Special-committee activities: members of the organising committees are invited; those
    # with a demo login of their own attend.
    for spec in SC_ACTIVITIES:
        seated = [m for m in people if m.special_committee in spec.committees]
        leave_n, absent_n = rng.choice((0, 1, 1, 2)), rng.choice((0, 0, 1, 1, 2))
        keep = [m for m in seated if m in named]
        chosen = keep + rng.sample([m for m in seated if m not in named],
                                   spec.attend - len(keep) + leave_n + absent_n)
        create, start, end = sc_notice(ctx, types, spec, topic_pks)
        att.run(liaisons[spec.committees[0]], create, start, end,
                invite={"member_ids": [m.member.pk for m in chosen]},
                attend=[m.member.pk for m in chosen[:spec.attend]],
                leave=[m.member.pk for m in chosen[spec.attend:spec.attend + leave_n]])

    # The standing committee: the standing members with an active seat.
    standing = [m for m in people if m.is_standing]
    pool = [m for m in standing if m not in named]
    leave = rng.sample(pool, rng.randint(3, 5))
    absent = rng.sample([m for m in pool if m not in leave], rng.randint(0, 1))
    day, title = STANDING_MEETING
    start = datetime.combine(day, time(9, 0))
    att.run(office, {"type_id": types["常委会议"], "title": title, "mode": "compulsory",
                     "organisers": [{"kind": "general_office"}], "place": "市政协常委会议室"},
            start, start + timedelta(hours=3, minutes=30), invite={"standing": True},
            attend=[m.member.pk for m in standing if m not in leave and m not in absent],
            leave=[m.member.pk for m in leave], code_share=0.6)

    course = _course(ctx, rng, att, office, types, people, named)
    visit = _visit(ctx, rng, moments, timeline, att, liaisons[EDU], types, people, named)
    done = timeline.run(until=TODAY)
    ctx.summary["activities_2021"] = {"actions": done, "course": course["pk"],
                                      "visit": visit["pk"]}
    ctx.log(f"2021年履职活动（至{TODAY:%m月%d日}）：全会（请假{PLENARY_LEAVE}人，缺席"
            f"{PLENARY_ABSENT}人），专委会活动{len(SC_ACTIVITIES)}次（签到{SC_PARTICIPATIONS}人次），"
            f"常委会议1次；年度协商计划{len(TOPICS)}个议题；待举行：{COURSE['title']}（报名"
            f"{COURSE['signed_up']}人，名额{COURSE['capacity']}人）、{VISIT.title}（{VISIT.day:%m月%d日}）")


def _course(ctx, rng, att, office, types, people, named) -> dict:
    """The general office's course after "today": open for sign-up with a deadline and a
    capacity; some members signed up in its first days, none with a demo login of their own."""
    signed = rng.sample([m for m in people if m not in named], COURSE["signed_up"])
    return att.run(office, {"type_id": types["培训"], "title": COURSE["title"], "mode": "signup",
                            "capacity": COURSE["capacity"],
                            "signup_deadline": aware(COURSE["deadline"]),
                            "organisers": [{"kind": "general_office"}], "place": COURSE["place"],
                            "description": "传达学习全国两会精神，邀请专家作专题辅导，安排分组"
                                           "讨论。请有意参加的委员在截止时间前报名。"},
                   COURSE["start"], COURSE["end"], invite={}, attend=None, leave=[],
                   published=COURSE["published"], code_share=0.8,
                   signups=[m.member.pk for m in signed])


def _visit(ctx, rng, moments, timeline, att, liaison, types, people,
           named: list[DemoMember]) -> dict:
    """The 教科卫体委员会's research visit of the coming Thursday, announced on Monday 15 March:
    demo-member and colleagues of her committee are invited; one colleague's leave is
    approved, another's still waits for the committee's liaison."""
    me = named[0]
    seated = [m for m in people if m.special_committee in VISIT.committees and m not in named]
    chosen = rng.sample(seated, VISIT.attend - 1)
    create, start, end = sc_notice(ctx, types, VISIT, [])
    holder = att.run(liaison, create, start, end,
                     invite={"member_ids": [me.member.pk, *(m.member.pk for m in chosen)]},
                     attend=None, leave=[], published=moments.office(date(2021, 3, 15)))
    approved, waiting = chosen[0], chosen[1]
    asked = moments.member(date(2021, 3, 17))
    decided = moments.office_after(asked, 0, 1)
    waits = moments.member_after(datetime(2021, 3, 19, 7, 0), 0, 8)
    reasons = rng.sample(LEAVE_REASONS, 2)
    lv: dict = {}

    def ask(m, reason, into):
        into["pk"] = services.leave_request(actor=m.user, activity_id=holder["pk"],
                                            reason=reason).pk

    timeline.add(asked, "leave", lambda: ask(approved, reasons[0], lv))
    timeline.add(decided, "leave decide", lambda: services.leave_decide(
        actor=liaison, leave_id=lv["pk"], approve=True, note="同意。"))
    timeline.add(waits, "leave", lambda: ask(waiting, reasons[1], {}))
    return holder
