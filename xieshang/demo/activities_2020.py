"""Step: the 2020 consultation plan, activities and attendance, speeches, a supervision group
and research reports, through `xieshang.activities.services` under `clock.at`.

- The 2020 consultation plan (10 topics) is adopted by the 市政协五届第二十八次主席会议 on
  16 January; topics are hosted by special committees or democratic parties, most are held
  with a 纪要 or 建议案, some adopted, and a few 2020 proposals are linked to them.
- 22 special-committee activities (调研, 视察, 座谈, 考察, 专委会会议; eight of them joint, one
  with 民建) whose sign-ins add up to exactly 270 participations (人次); activities of three
  parties and of the general office (training, 委员接待日) that do not count there; the plenary
  (五届四次会议, 11–14 May) with every member invited and five standing-committee meetings.
- Attendance: members sign in with the activity's code or the organiser's liaison records them,
  inside the activity window; leave is asked before the start and decided by the organiser;
  the rest are absent. Two members have a pattern of absence (see `ABSENCE_PATTERN`).
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from xieshang.activities import selectors, services
from xieshang.core.calendar import WorkCalendar
from xieshang.opinions import services as opinion_services

from .activity_replay import Attendance, Plan, Spec, aware, replay_plan, sc_notice
from .context import DemoContext, DemoMember
from .organisation import AGRI, CULT, ECON, EDU, ENV, ETH, FOREIGN, PROP, SOC, SPECIAL_COMMITTEES
from .timeline import Moments, Timeline

YEAR = 2020
SC_PARTICIPATIONS = 270

SC_ACTIVITIES = (
    Spec(date(2020, 3, 18), "调研", "复工复产和中小企业纾困情况调研", (ECON,), 14, "示例经济技术开发区"),
    Spec(date(2020, 4, 9), "视察", "春季农业生产和农村人居环境整治视察", (AGRI, ENV), 12, "临河县"),
    Spec(date(2020, 4, 22), "专委会会议", "教科卫体委员会2020年第一次全体会议", (EDU,), 9, "市政协三楼会议室"),
    Spec(date(2020, 5, 26), "调研", "基层社会治理创新专题调研", (SOC,), 15, "东湖区", topic=3),
    Spec(date(2020, 6, 3), "座谈", "优化营商环境座谈会", (ECON,), 11, "市政协二楼会议室",
         party="民建", topic=0),
    Spec(date(2020, 6, 12), "考察", "非物质文化遗产保护传承考察", (CULT,), 13, "青山县"),
    Spec(date(2020, 6, 18), "调研", "黑臭水体治理情况调研", (ENV,), 10, "南湖区", topic=2),
    Spec(date(2020, 6, 30), "视察", "重点提案办理情况视察", (PROP,), 12, "西城区"),
    Spec(date(2020, 7, 9), "调研", "乡村振兴和产业扶贫专题调研", (AGRI,), 16, "白沙县", topic=1),
    Spec(date(2020, 7, 23), "视察", "防汛抗洪和灾后恢复重建工作视察", (ENV, AGRI), 11, "柳溪县"),
    Spec(date(2020, 8, 6), "调研", "义务教育优质均衡发展调研", (EDU,), 13, "河口市", topic=4),
    Spec(date(2020, 8, 13), "座谈", "宗教活动场所安全管理座谈会", (ETH,), 9, "市民族宗教局"),
    Spec(date(2020, 8, 27), "考察", "侨资企业发展情况考察", (FOREIGN,), 12, "示例高新技术产业开发区"),
    Spec(date(2020, 9, 10), "调研", "基层医疗卫生服务体系建设调研", (EDU, SOC), 14, "青山县",
         topic=5),
    Spec(date(2020, 9, 17), "专委会会议", "经济委员会全体会议暨经济形势分析会", (ECON,), 10, "市政协三楼会议室"),
    Spec(date(2020, 9, 24), "视察", "“七五”普法规划实施情况视察", (SOC,), 13, "市司法局"),
    Spec(date(2020, 10, 15), "调研", "公共文化服务体系建设调研", (CULT, EDU), 11, "南湖区", topic=7),
    Spec(date(2020, 10, 22), "座谈", "提案办理协商座谈会", (PROP,), 12, "市政协二楼会议室"),
    Spec(date(2020, 11, 5), "调研", "老旧小区改造专题调研", (ECON, ENV), 15, "西城区", topic=6),
    Spec(date(2020, 11, 12), "考察", "农产品区域公用品牌建设考察", (AGRI,), 10, "临河县"),
    Spec(date(2020, 11, 26), "专委会会议", "社会法制、民族宗教、港澳台侨外事委员会联席会议",
         (SOC, ETH, FOREIGN), 12, "市政协三楼会议室"),
    Spec(date(2020, 12, 10), "调研", "垃圾分类工作推进情况调研", (ENV,), 16, "东湖区"),
)

# The consultation plan: title, form, host (special committee or party), unit, month,
# outcome ("adopted" output adopted, "held" output only, "planned" not yet held).
TOPICS = (
    ("持续优化营商环境，激发市场主体活力", "thematic", ECON, None, "市发展改革委", 6, "adopted"),
    ("巩固脱贫攻坚成果，接续推进乡村振兴", "standing", AGRI, None, "市农业农村局", 7,
     "adopted"),
    ("推进城市黑臭水体治理", "counterpart", ENV, None, "市生态环境局", 6, "held"),
    ("创新基层社会治理", "symposium", SOC, None, "市民政局", 5, "held"),
    ("推动义务教育优质均衡发展", "counterpart", EDU, None, "市教育局", 8, "adopted"),
    ("补齐基层医疗卫生服务短板", "thematic", EDU, None, "市卫生健康委", 9, "adopted"),
    ("加快城镇老旧小区改造", "proposal", None, "民建", "市住房城乡建设局", 11, "held"),
    ("完善公共文化服务体系", "sector", CULT, None, "市文化和旅游局", 10, "held"),
    ("民营企业融资难融资贵问题", "symposium", None, "民盟", "人民银行示例市中心支行", 9,
     "adopted"),
    ("加强“十四五”规划编制中的生态环境保护", "online", ENV, None, "市自然资源和规划局", 12,
     "planned"),
)
# Words that find 2020 proposals derived from a topic (linked to it).
TOPIC_PROPOSALS = {0: "营商环境", 2: "黑臭水体", 6: "老旧小区", 4: "义务教育"}
PLAN = Plan(YEAR, TOPICS, created=datetime(2020, 1, 8, 10, 0),
            meeting=("市政协五届第二十八次主席会议", date(2020, 1, 16)),
            recorded=datetime(2020, 1, 17, 9, 30), topic_proposals=TOPIC_PROPOSALS)

STANDING_MEETINGS = (
    (date(2020, 3, 26), "市政协五届第十一次常委会议"),
    (date(2020, 6, 23), "市政协五届第十二次常委会议"),
    (date(2020, 8, 20), "市政协五届第十三次常委会议（专题议政）"),
    (date(2020, 10, 29), "市政协五届第十四次常委会议"),
    (date(2020, 12, 17), "市政协五届第十五次常委会议"),
)
PLENARY = (datetime(2020, 5, 11, 8, 30), datetime(2020, 5, 14, 12, 0))
PARTY_ACTIVITIES = (
    ("民盟", "调研", "民盟示例市委“同心助学”调研", date(2020, 7, 2), 9),
    ("九三学社", "座谈", "九三学社示例市委科技创新座谈会", date(2020, 9, 3), 8),
    ("农工党", "考察", "农工党示例市委基层医疗考察", date(2020, 10, 20), 7),
)


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment).replace(tzinfo=None)


def absence_members(ctx: DemoContext) -> tuple[DemoMember, DemoMember]:
    """A: a standing member of the 经济委员会 who misses the plenary and three standing meetings
    without leave; B: a standing member of the 社会和法制委员会 absent without leave from two
    standing meetings and three of his committee's activities."""
    agents = {id(m) for m in ctx.agents.values()}
    named = {id(ctx.users[u].member) for u in ("demo-member", "demo-member2", "demo-party")
             if ctx.users.get(u) and hasattr(ctx.users[u], "member")}
    free = [m for m in ctx.members if m.is_standing and id(m) not in agents
            and id(m.member) not in named]
    a = next(m for m in free if m.special_committee == ECON)
    b = next(m for m in free if m.special_committee == SOC)
    return a, b


def load(ctx: DemoContext) -> None:
    rng = ctx.rng("activities-2020")
    cal = WorkCalendar.for_committee(ctx.committee.pk)
    moments = Moments(rng, cal)
    timeline = Timeline()
    office = ctx.users["demo-liaison"]
    liaisons = {name: ctx.users[f"demo-sc{i:02d}"]
                for i, name in enumerate(SPECIAL_COMMITTEES, start=1)}
    types = {t.name: t.pk for t in selectors.activity_types(committee_id=ctx.committee.pk)}
    a, b = absence_members(ctx)
    att = Attendance(ctx, rng, moments, timeline)
    assert sum(s.attend for s in SC_ACTIVITIES) == SC_PARTICIPATIONS

    topic_pks = replay_plan(ctx, moments, office, PLAN)

    # Special-committee activities: the invited are members of the organising committees.
    b_absent = [n for n, s in enumerate(SC_ACTIVITIES) if SOC in s.committees][:4]
    b_absent = [b_absent[0], b_absent[2], b_absent[3]]
    for n, spec in enumerate(SC_ACTIVITIES):
        seated = [m for m in ctx.members if m.special_committee in spec.committees
                  and m is not a and m is not b]
        leave_n, absent_n = rng.choice((0, 1, 1, 2)), rng.choice((0, 0, 1, 1, 2))
        chosen = rng.sample(seated, spec.attend + leave_n + absent_n)
        attend = [m.member.pk for m in chosen[:spec.attend]]
        leave = [m.member.pk for m in chosen[spec.attend:spec.attend + leave_n]]
        invited = [m.member.pk for m in chosen]
        if n in b_absent:
            invited.append(b.member.pk)
        elif SOC in spec.committees:  # B attends the one he does not miss, in place of another
            invited.append(b.member.pk)
            attend[-1] = b.member.pk
        create, start, end = sc_notice(ctx, types, spec, topic_pks)
        att.run(liaisons[spec.committees[0]], create, start, end,
                invite={"member_ids": invited}, attend=attend, leave=leave)

    # Parties' activities (organised by the general office on their behalf).
    for party, kind, title, day, attend_n in PARTY_ACTIVITIES:
        seated = [m for m in ctx.members if m.party == party and m is not a and m is not b]
        chosen = rng.sample(seated, min(len(seated), attend_n + 1))
        start = datetime.combine(day, time(9, 0))
        att.run(office, {"type_id": types[kind], "title": title, "mode": "compulsory",
                         "organisers": [{"kind": "party", "id": ctx.parties[party].pk}],
                         "place": f"{party}示例市委机关"}, start, start + timedelta(hours=4),
                invite={"member_ids": [m.member.pk for m in chosen]},
                attend=[m.member.pk for m in chosen[:attend_n]], leave=[])

    # The general office: a training course (sign-up) and two 委员接待日.
    trainees = rng.sample([m for m in ctx.members if m is not a and m is not b], 64)
    start = datetime(2020, 7, 15, 8, 30)
    att.run(office, {"type_id": types["培训"], "title": "2020年度委员履职能力培训班",
                     "mode": "signup", "capacity": 80,
                     "signup_deadline": aware(datetime(2020, 7, 10, 18, 0)),
                     "organisers": [{"kind": "general_office"}], "place": "市委党校"},
            start, datetime(2020, 7, 16, 17, 0), invite={},
            attend=[m.member.pk for m in trainees[:60]], leave=[],
            published=datetime(2020, 6, 29, 10, 0), code_share=0.8,
            signups=[m.member.pk for m in trainees])
    for day, title in ((date(2020, 9, 15), "委员接待日（住房保障专场）"),
                       (date(2020, 11, 17), "委员接待日（社会保障专场）")):
        hosts = rng.sample([m for m in ctx.members if m is not a and m is not b], 5)
        start = datetime.combine(day, time(9, 0))
        att.run(office, {"type_id": types["委员接待日"], "title": title, "mode": "compulsory",
                         "organisers": [{"kind": "general_office"}], "place": "市信访局接待大厅"},
                start, start + timedelta(hours=3),
                invite={"member_ids": [m.member.pk for m in hosts]},
                attend=[m.member.pk for m in hosts], leave=[])

    # The plenary: every active member invited; most attend, some on leave, a few absent.
    everyone = [m for m in ctx.members]
    others = [m for m in everyone if m is not a and m is not b]
    leave = rng.sample(others, 14)
    absent = [a, *rng.sample([m for m in others if m not in leave], 3)]
    attend = [m.member.pk for m in everyone if m not in leave and m not in absent]
    att.run(office, {"type_id": types["大会"], "title": "政协示例市第五届委员会第四次会议",
                     "mode": "compulsory", "organisers": [{"kind": "general_office"}],
                     "place": "示例市会议中心", "session_id": ctx.sessions[YEAR].pk},
            *PLENARY, invite={"all_members": True}, attend=attend,
            leave=[m.member.pk for m in leave[:13]], reject=[leave[13].member.pk],
            published=datetime(2020, 4, 24, 10, 0), code_share=0.7)
    plenary_absent = len(absent) + 1

    # Standing-committee meetings: A misses three without leave, B two.
    standing = [m for m in ctx.members if m.is_standing]
    for n, (day, title) in enumerate(STANDING_MEETINGS):
        pool = [m for m in standing if m is not a and m is not b]
        leave = rng.sample(pool, rng.randint(3, 6))
        absent = rng.sample([m for m in pool if m not in leave], rng.randint(1, 2))
        if n in (0, 2, 3):
            absent.append(a)
        if n in (1, 4):
            absent.append(b)
        attend = [m.member.pk for m in standing if m not in leave and m not in absent]
        start = datetime.combine(day, time(9, 0))
        att.run(office, {"type_id": types["常委会议"], "title": title, "mode": "compulsory",
                         "organisers": [{"kind": "general_office"}], "place": "市政协常委会议室"},
                start, start + timedelta(hours=3, minutes=30), invite={"standing": True},
                attend=attend, leave=[m.member.pk for m in leave], code_share=0.6)

    _speeches(ctx, rng, moments, timeline, office)
    _group(ctx, rng, moments, timeline, liaisons[SOC])
    timeline.run()
    _reports(ctx, rng, liaisons, topic_pks)
    ctx.summary["activities_2020"] = {"actions": len(timeline), "absent_a": a.member.code,
                                      "absent_b": b.member.code}
    ctx.log(f"2020年履职活动：专委会活动{len(SC_ACTIVITIES)}次（签到{SC_PARTICIPATIONS}人次），"
            f"党派活动{len(PARTY_ACTIVITIES)}次，培训和委员接待日3次，全会（缺席{plenary_absent}"
            f"人，含请假未获批准1人）和常委会议{len(STANDING_MEETINGS)}次；年度协商计划"
            f"{len(TOPICS)}个议题；缺勤较多的委员：{a.name}（{a.member.code}）、"
            f"{b.name}（{b.member.code}）")


SPEECHES = (
    ("关于以优化营商环境助推高质量发展的发言", "oral"),
    ("关于补齐农村公共卫生短板的发言", "oral"),
    ("关于推进城乡义务教育一体化发展的发言", "written"),
    ("关于加快发展数字经济的发言", "written"),
    ("关于做好“六稳”“六保”工作的几点建议", "written"),
    ("关于规范小区停车收费的发言", "written"),
    ("关于加强社区老年食堂建设的发言", "written"),
)


def _speeches(ctx, rng, moments, timeline, office) -> None:
    """Members submit 大会发言 before the plenary; the office selects or leaves them out, and
    two left out are passed on as 社情民意 (the member reports them as items)."""
    session = ctx.sessions[YEAR]
    speakers = rng.sample([m for m in ctx.members if m.activity > 1], len(SPEECHES))
    decisions = ("select_oral", "select_oral", "select_print", "select_print", "reject",
                 "to_opinion", "to_opinion")
    for (title, mode), speaker, decision in zip(SPEECHES, speakers, decisions, strict=True):
        holder: dict = {}
        body = (f"{title.removesuffix('的发言')}，是今年全市工作的重点。笔者结合调研，就此谈几点"
                "看法：一要提高认识，强化统筹；二要完善政策，加大投入；三要狠抓落实，加强督查。")
        submitted = moments.member(moments.workday_in(date(2020, 4, 10), date(2020, 4, 28)))
        timeline.add(submitted, "speech", lambda s=speaker, t=title, m=mode, b=body, h=holder:
                     h.update(pk=services.speech_submit(actor=s.user, session_id=session.pk,
                                                        title=t, body=b, mode=m).pk))
        decided = moments.office(moments.workday_in(date(2020, 5, 4), date(2020, 5, 7)))
        if decision != "to_opinion":
            timeline.add(decided, "speech decide", lambda d=decision, h=holder:
                         services.speech_decide(actor=office, speech_id=h["pk"], name=d,
                                                note="" if d != "reject" else "内容与其他发言重复。"))
            continue

        def to_opinion(h=holder, s=speaker, t=title, b=body):
            services.speech_decide(actor=office, speech_id=h["pk"], name="reject",
                                   note="未安排大会发言。")
            services.speech_decide(actor=office, speech_id=h["pk"], name="to_opinion",
                                   note="所提问题具体，建议转作社情民意信息报送。")

        timeline.add(decided, "speech to opinion", to_opinion)
        reported = moments.member_after(decided, 24, 72)

        def report(h=holder, s=speaker, t=title, b=body):
            core = t.removeprefix("关于").removesuffix("的发言").removesuffix("的几点建议")
            o = opinion_services.opinion_create(
                actor=s.user, source_kind="member", title=f"关于{core}的建议",
                situation=b, suggestions="建议有关部门研究吸纳。")
            opinion_services.opinion_submit(actor=s.user, opinion_id=o.pk)
            services.speech_opinion_link(actor=s.user, speech_id=h["pk"], opinion_id=o.pk)
            h["opinion"] = o.pk

        timeline.add(reported, "speech opinion", report)
        # The information office keeps them (their matters are already in the year's issues).
        timeline.add(moments.office_after(reported, 1, 3), "speech opinion check",
                     lambda h=holder: opinion_services.opinion_check(
                         actor=ctx.users["demo-info"], opinion_id=h["opinion"], outcome="keep",
                         note="大会发言转来，所提问题已在本年度信息中反映，留存备查。"))


def _group(ctx, rng, moments, timeline, liaison) -> None:
    """A democratic-supervision group on the 12345 hotline, with its follow-up notes."""
    seated = [m for m in ctx.members if m.special_committee == SOC]
    crew = rng.sample(seated, 6)
    holder: dict = {}
    timeline.add(datetime(2020, 3, 10, 10, 0), "group", lambda: holder.update(
        pk=services.group_create(
            actor=liaison, name="市政协民主监督小组（12345政务服务便民热线）",
            topic="12345热线诉求办理质量", year=YEAR, unit_id=ctx.units["市信访局"].pk,
            leader_id=crew[0].member.pk, member_ids=[m.member.pk for m in crew[1:]]).pk))
    notes = ((date(2020, 4, 16), "finding", "小组随机抽查热线工单60件，发现部分诉求“答非所问”、"
              "重复转办，个别工单超期未办结。"),
             (date(2020, 6, 5), "feedback", "市信访局反馈：已建立工单回访和退单审核制度，超期工单"
              "纳入部门考核。"),
             (date(2020, 9, 8), "note", "小组回访热线服务中心，群众满意率较上半年有所提升，"
              "建议继续压减重复转办。"),
             (date(2020, 11, 24), "note", "年度跟踪：整改措施已基本落实，形成民主监督报告报市政协"
              "主席会议。"))
    for day, kind, text in notes:
        at = moments.office_after(datetime.combine(day, time(9, 0)), 0, 2)
        timeline.add(at, "group note", lambda k=kind, d=day, t=text: services.group_note_record(
            actor=liaison, group_id=holder["pk"], kind=k, noted_on=d, text=t))


REPORTS = (
    (AGRI, "关于巩固脱贫攻坚成果推进乡村振兴的调研报告", 1, "2020-08-14", "2020-08-28", "city",
     "市长", "报告很有分量，请农业农村局认真吸纳。"),
    (ECON, "关于优化营商环境的调研报告", 0, "2020-07-10", "2020-07-24", "province", "副省长",
     "示例市政协的调研很实在，请省发展改革委参阅。"),
    (EDU, "关于基层医疗卫生服务体系建设的调研报告", 5, "2020-10-09", None, None, None, None),
)


def _reports(ctx, rng, liaisons, topic_pks) -> None:
    from xieshang.core import clock

    for sc, title, topic, submitted, adopted, level, leader, text in REPORTS:
        authors = [m.member.pk for m in ctx.members if m.special_committee == sc][:2]
        group = [m.member.pk for m in ctx.members if m.special_committee == sc][2:9]
        actor = liaisons[sc]
        day = date.fromisoformat(submitted)
        with clock.at(datetime.combine(day, time(10, 0))):
            report = services.report_submit(
                actor=actor, title=title, body=f"{title.removesuffix('的调研报告')}，课题组赴各县区"
                "实地调研，召开座谈会，形成本报告。一、基本情况；二、存在问题；三、对策建议。",
                author_ids=authors, group_member_ids=group, topic_id=topic_pks[topic])
        if adopted is None:
            continue
        on = date.fromisoformat(adopted)
        with clock.at(datetime.combine(on, time(15, 0))):
            services.report_adopt(actor=actor, report_id=report.pk, adopted_by="市委、市政府",
                                  adopted_on=on, note="报告建议被纳入相关工作方案。")
            services.report_instruction_record(actor=actor, report_id=report.pk,
                                               leader_name=f"{leader}（示例）", level=level,
                                               given_on=on, text=text)
        if sc == AGRI:
            with clock.at(datetime(2020, 11, 20, 10, 0)):
                services.report_convert(actor=actor, report_id=report.pk,
                                        converted_on=date(2020, 11, 18),
                                        note="市政府出台《关于巩固拓展脱贫攻坚成果的实施意见》，"
                                             "吸收了报告的主要建议。")
