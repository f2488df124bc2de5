"""Step: the 14 key proposals (重点提案) of 2020 and their supervision (督办).

As the 2020 work summary reports 14 key proposals (domain.md §1.10): the proposal committee's
staff put 16 candidates forward after the 交办会, several with related proposals on the same
topic supervised together (并案督办, as Lu'an does); the 主席会议 of 19 June 2020 approves 14 and
leaves 2 to ordinary handling, each decision recorded. Every key proposal is led by a member of
the chair's meeting (the city Party secretary and the mayor lead one each, as in Bozhou 2018)
with the government leader in charge of its field, gets 1–3 supervision activities (专题调研,
视察, 座谈, 督办会, 走访, 暗访, 协商) between July and September, leaders' written instructions
(批示) on it, and its supervision is completed (督办办结) in December once its replies are rated.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import F
from django.utils import timezone

from xieshang.core.calendar import WorkCalendar
from xieshang.handling.models import Feedback, Reply
from xieshang.proposals.models import Proposal
from xieshang.supervision import services
from xieshang.supervision.models import KeyProposal

from .context import DemoContext
from .handling import proposer_voice
from .names import NameBook
from .timeline import Moments, Timeline
from .topics import TOPICS, Topic

YEAR = 2020
KEY, CANDIDATES = 14, 16
PROPOSED = (datetime(2020, 6, 15, 9, 0), datetime(2020, 6, 16, 17, 0))
MEETING_DAY = date(2020, 6, 19)
MEETING = "市政协五届第三十四次主席会议"
RECORDED = datetime(2020, 6, 22, 10, 30)
ACTIVITIES = (date(2020, 7, 1), date(2020, 9, 25))
INSTRUCTIONS = (date(2020, 6, 24), date(2020, 8, 28))
COMPLETED = (date(2020, 12, 1), date(2020, 12, 18))
# Topics the city's leaders would pick: the year's priorities and the public's main concerns.
PRIORITY = ("business", "sme_finance", "old_housing", "black_water", "elderly",
            "compulsory_edu", "rural_revival", "flood", "employment", "public_health",
            "rural_health", "garbage", "parking", "manufacturing", "talent", "digital_gov",
            "vocational", "food_safety")

# Government leaders by field (category of the proposal).
GOV_FIELDS = {"经济建设": "常务副市长", "社会建设": "副市长（分管社会事业）",
              "生态文明建设": "副市长（分管城建环保）", "文化建设": "副市长（分管教育文化）",
              "政治建设": "副市长（分管政法）"}
ACTIVITY_KINDS = (("research", 30), ("inspection", 25), ("forum", 15), ("meeting", 15),
                  ("visit", 8), ("unannounced", 4), ("consultation", 3))
ACTIVITY_NOTES = {
    "research": "{leaders}带领调研组赴{place}，实地调研{topic}工作推进情况，听取{units}关于提案"
                "办理情况的汇报，与提案人深入交流，要求承办单位对照提案建议逐条推进落实。",
    "inspection": "{leaders}带领部分政协委员和提案人视察{place}{topic}项目现场，查看建设进度，"
                  "对承办单位的办理工作给予肯定，并就存在的问题提出改进意见。",
    "forum": "召开{topic}重点提案办理座谈会，{units}负责同志汇报办理进展，提案人提出意见建议，"
             "{leaders}讲话，要求进一步细化措施、明确时限。",
    "meeting": "召开重点提案督办会，{leaders}听取{units}办理情况汇报，逐条对照提案建议梳理已落实、"
               "正在推进和需协调解决的事项，明确下一步工作任务。",
    "visit": "{leaders}走访{units}，面对面了解提案办理中的困难和问题，协调解决资金和政策衔接事项。",
    "unannounced": "督办组不打招呼、直奔现场，对{place}{topic}相关点位进行暗访，拍摄记录存在的问题，"
                   "会后将暗访情况反馈{units}限期整改。",
    "consultation": "围绕{topic}开展提案办理协商，提案人、承办单位和政协提案委员会三方共同研究，"
                    "就进一步落实提案建议达成共识。",
}
PLACES = ("东湖区", "西城区", "南湖区", "临河县", "青山县", "白沙县", "柳溪县", "河口市",
          "示例经济技术开发区")
INSTRUCTION_TEXTS = {
    "government": ("请{lead}会同{co}认真研究提案建议，提出具体落实措施，确保提案办理取得实效。",
                   "此提案所提问题是群众关心的热点，请{lead}高度重视，逐条研究吸纳，办理情况及时报告。"),
    "cppcc": ("请提案委员会加强跟踪督办，推动提案建议落地见效。",
              "该提案调研深入、建议可行，请承办单位主要负责同志亲自抓，提案委做好跟踪问效。"),
    "party": ("请市政府统筹研究，{lead}牵头抓好落实，将提案建议纳入年度重点工作。",),
}


@dataclass
class KeyItem:
    topic: Topic
    main: Proposal
    related: list[Proposal] = field(default_factory=list)
    approved: bool = True
    lead_unit: str = ""
    co_units: list[str] = field(default_factory=list)
    pk: int | None = None
    leaders: list[tuple[str, str, str, bool, object]] = field(default_factory=list)
    leader_pks: list[int] = field(default_factory=list)


def topic_of(title: str) -> Topic | None:
    """Return the topic a demo proposal's title was written from."""
    for topic in TOPICS:
        for t in topic.titles:
            core = t.removeprefix("关于")[2:].removesuffix("的建议")
            if core and core in title:
                return topic
    return None


def _leaders(ctx: DemoContext) -> dict[str, tuple[str, str, object]]:
    """Name the city's leaders (fictitious); demo-leader is one of the CPPCC vice-chairs."""
    names = NameBook(ctx.rng("city-leaders"))
    names.used |= {m.name for m in ctx.members}
    demo = ctx.users["demo-leader"]
    rows = {
        "chair": ("cppcc", "市政协主席", None),
        "vice1": ("cppcc", "市政协副主席", demo),
        "vice2": ("cppcc", "市政协副主席", None),
        "vice3": ("cppcc", "市政协副主席", None),
        "vice4": ("cppcc", "市政协副主席", None),
        "secretary": ("party", "市委书记", None),
        "mayor": ("government", "市长", None),
    }
    out = {}
    for key, (kind, title, user) in rows.items():
        name = user.full_name if user else names.take(random.Random(key).choice("MMMF"))
        out[key] = (kind, title, name, user)
    for title in sorted(set(GOV_FIELDS.values())):
        out[title] = ("government", title.split("（")[0], names.take("M"), None)
    return out


def _pick(ctx: DemoContext, rng: random.Random) -> list[KeyItem]:
    # Proposals accepted by the time candidates are put forward (the plenary batch).
    accepted = list(Proposal.objects.filter(session=ctx.sessions[YEAR], status="accepted",
                                            decided_at__lt=timezone.make_aware(PROPOSED[0]))
                    .prefetch_related("suggestedunit_set__unit").order_by("official_seq"))
    by_topic: dict[str, list[Proposal]] = {}
    for p in accepted:
        topic = topic_of(p.title)
        if topic is not None:
            by_topic.setdefault(topic.key, []).append(p)
    items = []
    for key in PRIORITY:
        proposals = by_topic.get(key, [])
        if not proposals:
            continue
        # The main proposal: a body's if there is one (they are researched as a body), else
        # the first numbered; up to three others on the topic are supervised with it.
        collective = [p for p in proposals if p.proposer_type not in ("individual", "joint")]
        main = collective[0] if collective else proposals[0]
        others = [p for p in proposals if p.pk != main.pk]
        related = rng.sample(others, k=min(len(others), rng.choice((0, 1, 2, 3))))
        units = sorted(main.suggestedunit_set.all(), key=lambda s: s.pk)
        lead = next((s.unit.name for s in units if s.role == "lead"), "")
        co = [s.unit.name for s in units if s.role == "co"]
        items.append(KeyItem(next(t for t in TOPICS if t.key == key), main, related,
                             lead_unit=lead, co_units=co))
        if len(items) == CANDIDATES:
            break
    assert len(items) == CANDIDATES, len(items)
    for item in rng.sample(items[KEY - 4:], CANDIDATES - KEY):
        item.approved = False
    return items


def _title(item: KeyItem) -> str:
    if item.related:
        return item.main.title.removesuffix("的建议") + "的系列提案"
    return item.main.title


def load(ctx: DemoContext) -> None:
    """Put the key proposals forward, decide them, supervise them and complete them."""
    rng = ctx.rng("supervision-2020")
    cal = WorkCalendar.for_committee(ctx.committee.pk)
    moments = Moments(rng, cal)
    timeline = Timeline()
    staff, chief = ctx.users["demo-staff"], ctx.users["demo-chief"]
    leaders = _leaders(ctx)
    items = _pick(ctx, rng)
    approved = [i for i in items if i.approved]

    for n, item in enumerate(items):
        at = moments.office(moments.workday_in(PROPOSED[0].date(), PROPOSED[1].date()))
        reason = (f"该提案聚焦{item.topic.name}，是市委市政府年度重点工作，也是群众普遍关注的问题。"
                  f"提案调研深入、建议具体可行，建议列为重点提案，由领导领衔督办。")
        if item.related:
            reason += f"另有{len(item.related)}件同类提案一并督办。"

        def propose(item=item, reason=reason):
            item.pk = services.key_proposal_propose(
                actor=staff, proposal_id=item.main.pk, reason=reason, title=_title(item),
                related_proposal_ids=[p.pk for p in item.related]).pk

        timeline.add(at, "propose", propose)
        # Leaders: a chair's-meeting member leads (the Party secretary and the mayor one each),
        # with the government leader in charge of the field.
        cppcc = ("chair", "vice1", "vice2", "vice3", "vice4")
        lead = {0: "secretary", 1: "mayor"}.get(n, cppcc[n % len(cppcc)])
        gov = GOV_FIELDS.get(item.main.category.name if item.main.category_id else "",
                             "常务副市长")
        item.leaders = [(*leaders[lead], True), (*leaders[gov], False)]
        if lead in ("secretary", "mayor"):
            item.leaders.append((*leaders[cppcc[n % len(cppcc)]], False))

    def decide():
        titles = "、".join(f"《{_title(i)}》" for i in approved[:3])
        services.key_proposal_decide(
            actor=chief, key_proposal_ids=[i.pk for i in approved], approve=True,
            meeting=MEETING, meeting_date=MEETING_DAY,
            text=(f"会议研究确定{titles}等{len(approved)}件提案为2020年度市政协重点提案，由市委"
                  "书记、市长和市政协主席、副主席领衔督办，市政府分管领导协同督办。"))
        services.key_proposal_decide(
            actor=chief, key_proposal_ids=[i.pk for i in items if not i.approved],
            approve=False, meeting=MEETING, meeting_date=MEETING_DAY,
            text="会议研究认为，以下提案所提事项已纳入相关部门常规工作，不列为本年度重点提案，"
                 "按一般提案办理并加强跟踪。")

    timeline.add(RECORDED, "decide", decide)
    for item in approved:
        timeline.add(RECORDED.replace(minute=45), "leaders", lambda item=item: _add_leaders(
            staff, item))
        _supervise(ctx, rng, moments, timeline, staff, item)
    timeline.run()
    count = KeyProposal.objects.filter(committee=ctx.committee,
                                       status__in=["approved", "completed"]).count()
    assert count == KEY, count
    ctx.summary["supervision_2020"] = {"key": count, "candidates": len(items),
                                       "actions": len(timeline)}
    ctx.log(f"2020年重点提案：候选{len(items)}件，主席会议确定{count}件（并案督办"
            f"{sum(len(i.related) for i in approved)}件），督办活动和领导批示均已记录，已督办办结")


def _add_leaders(staff, item: KeyItem) -> None:
    for kind, title, name, user, is_lead in item.leaders:
        row = services.supervising_leader_add(
            actor=staff, key_proposal_id=item.pk, kind=kind, name=name, title=title,
            user_id=user.pk if user else None, is_lead=is_lead)
        item.leader_pks.append(row.pk)


def _supervise(ctx: DemoContext, rng: random.Random, moments: Moments, timeline: Timeline,
               staff, item: KeyItem) -> None:
    units = "、".join([item.lead_unit, *item.co_units[:2]])
    proposals = [item.main, *item.related]
    # Instructions first (June–August), then activities (July–September).
    given = [moments.workday_in(*INSTRUCTIONS) for _ in range(rng.choice((1, 2, 2)))]
    for n, day in enumerate(sorted(given)):
        index = 1 if n == 0 else 0  # the government leader's 批示 first, then the lead's
        kind = item.leaders[index][0]
        text = rng.choice(INSTRUCTION_TEXTS[kind]).format(
            lead=item.lead_unit, co="、".join(item.co_units[:2]) or "有关部门")
        recorded = moments.office_after(moments.office(day), 0, 2)

        def instruct(index=index, day=day, text=text):
            services.instruction_record(actor=staff, key_proposal_id=item.pk, given_on=day,
                                        text=text, leader_id=item.leader_pks[index])

        timeline.add(recorded, "instruction", instruct)
    kinds, weights = zip(*ACTIVITY_KINDS, strict=True)
    days = sorted(moments.workday_in(*ACTIVITIES) for _ in range(rng.choice((1, 2, 2, 3))))
    for day in days:
        kind = rng.choices(kinds, weights=weights)[0]
        present = [0] if rng.random() < 0.5 else [0, 1]
        names = "、".join(f"{item.leaders[i][1]}{item.leaders[i][2]}" for i in present)
        place = rng.choice(PLACES)
        notes = ACTIVITY_NOTES[kind].format(leaders=names, place=place, topic=item.topic.name,
                                            units=units)
        proposers = "、".join(proposer_voice(p) for p in proposals[:2])
        participants = f"{names}；提案者{proposers}；{units}负责同志；市政协提案委员会"
        recorded = moments.office_after(moments.office(day), 0, 2)
        site = f"{place}" if kind in ("research", "inspection", "unannounced") \
            else "市政协会议室" if kind in ("forum", "meeting", "consultation") else item.lead_unit

        def act(kind=kind, day=day, notes=notes, participants=participants, site=site,
                present=present):
            services.activity_record(
                actor=staff, key_proposal_id=item.pk, kind=kind, held_on=day, notes=notes,
                place=site, participants=participants,
                leader_ids=[item.leader_pks[i] for i in present])

        timeline.add(recorded, "activity", act)
    finished = moments.office(moments.workday_in(*COMPLETED))

    def complete():
        codes = list(Reply.objects.filter(
            assignment__case__proposal__in=proposals, status="passed")
            .values_list("result_class__code", flat=True))
        solved = sum(1 for c in codes if c == "A")
        unsatisfied = Feedback.objects.filter(case__proposal__in=proposals, overall="unsatisfied",
                                              round=F("case__round")).exists()
        opinion = ("个别提案者对办理结果仍有保留意见，已转承办单位在今后工作中研究吸收。"
                   if unsatisfied else "提案者对办理工作表示满意。")
        services.key_proposal_complete(
            actor=staff, key_proposal_id=item.pk,
            summary=(f"经{item.leaders[0][1]}{item.leaders[0][2]}领衔督办，{units}按期答复了"
                     f"{len(proposals)}件提案，答复{len(codes)}份，其中已经解决或基本解决{solved}份，"
                     f"其余已列入计划逐步解决。{opinion}督办工作办结，后续落实情况纳入提案委员会"
                     f"跟踪。"))

    timeline.add(finished, "complete", complete)
