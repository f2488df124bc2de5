"""Step: what follows the 2020 社情民意 once they are used — transfers (转办) to the city's
units with a full handling cycle, the office's attachments, and links to the consultation
plan's topics — through `opinions.services`, `opinions.attachments`, `handling.services`,
`handling.replies`, `handling.feedback` and `activities.services`, under `clock.at`.

- **转办.** Six items with a city leader's 批示 naming the department (or 有关部门) are
  transferred by `demo-info` one to three working days after the 批示 is recorded, naming the
  批示 (`instruction_id`); a seventh, with no 批示, on the office's own initiative. Two of the
  seven go to two units (分办). Each unit signs for within the sign window, records a 办前
  contact with the author, drafts a reply that answers the item's suggestions one by one, has
  its leader sign it off, and `demo-info` passes it (one reply is sent back once, one unit gets
  an extension); once every unit has replied the office closes the case with a reason. The
  last transfer (December) is still in handling at year end.
- **Attachments.** The office attaches the 批示转办单 (.docx) to every item it transfers on a
  批示. Authors' files, added while drafting, are added by `opinions_2020` through
  `DraftFiles` below.
- **Topic links.** Five items are linked to four topics of the 2020 consultation plan when the
  topic's 纪要 or 建议案 is recorded.
"""

import random
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from xieshang.activities import services as activity_services
from xieshang.activities.models import ConsultationTopic, TopicOutput
from xieshang.core.calendar import WorkCalendar
from xieshang.handling import deadlines, feedback, replies
from xieshang.handling import services as handling
from xieshang.handling.models import Assignment, HandlingCase, ResultClass
from xieshang.opinions import attachments
from xieshang.opinions import services as opinion_services
from xieshang.opinions.models import Instruction, Opinion, SourceKind
from xieshang.opinions.transfer_routing import transfer_suggestions

from . import opinion_files
from .context import NAME, DemoContext
from .handling_texts import leader_title, suggestion_points, unit_phone, unit_self
from .members import PLACES
from .opinion_replay import local
from .opinion_texts import SUBJECTS, Subject
from .organisation import UNITS
from .timeline import Moments, Timeline

YEAR = 2020
END = datetime(YEAR, 12, 31, 18, 0)


@dataclass(frozen=True)
class Transfer:
    """One transfer: the item's matter, the units, whether it follows a 批示, and its course."""

    subject: str
    units: tuple[str, ...]
    instructed: bool = True
    send_back: str = ""     # the office's reason when it sends the first reply back once
    extension: str = ""     # the unit (of `units`) that asks for and gets more time
    open_at_year_end: bool = False
    classes: tuple[str, ...] = ("B",)   # the result class of each unit's reply


TRANSFERS = (
    Transfer("village_sewage", ("市生态环境局",), classes=("A",)),
    Transfer("rural_clinic_doctors", ("市卫生健康委",)),
    Transfer("school_traffic", ("市公安局", "市教育局"), instructed=False, classes=("A", "B")),
    Transfer("garbage_sorting_village", ("市城管局", "市农业农村局"), extension="市农业农村局",
             classes=("B", "B")),
    Transfer("property_disputes", ("市住房城乡建设局",)),
    Transfer("bus_rural", ("市交通运输局",),
             send_back="答复对信息所提第二条建议未作回应，且未说明新开通农村公交线路的具体时间，"
                       "请逐条答复后重新报送。"),
    Transfer("river_chief", ("市水利局",), open_at_year_end=True),
)
# Consultation topics (by title) and the matters of the items derived from them.
TOPIC_LINKS = (("持续优化营商环境，激发市场主体活力", "epidemic_small_business", 1),
               ("创新基层社会治理", "property_disputes", 1),
               ("补齐基层医疗卫生服务短板", "rural_clinic_doctors", 2),
               ("加快城镇老旧小区改造", "old_community_lift", 1))
STANCES = {
    "A": ("已采纳落实。{self}已会同有关方面制定具体措施，并在{place}先行实施，效果良好。",
          "已采纳。{self}已将此项建议纳入今年工作要点，相关措施已于近期印发实施。",
          "已落实。{self}已完成相关工作部署，并将持续跟踪落实情况。"),
    "B": ("正在推进。{self}已制定工作方案，明确责任科室和时间表，预计年底前取得阶段性成效。",
          "列入计划。{self}将结合“十四五”规划编制统筹研究，分步推进。",
          "正在研究。{self}已会同有关部门开展专题调研，待条件成熟后出台具体办法。"),
}
CONTACT_MINUTES = ("电话联系信息反映人，进一步了解{place}的具体情况和群众诉求，商定办理思路。",
                   "登门拜访信息反映人，听取对办理工作的意见，共同到{place}实地察看。",
                   "邀请信息反映人到{unit}座谈，介绍相关工作进展和拟采取的措施。")
CLOSE_REASONS = ("承办单位已全部答复，答复内容经审核符合要求，已转告信息反映人，办结。",
                 "承办单位答复具体、措施明确，信息办已将答复送信息反映人并报市政府办公室，办结。")
PASS_NOTES = ("答复逐条回应了信息所提建议，同意。", "同意，请承办单位抓好后续落实。")


def subject_of(opinion: Opinion) -> Subject | None:
    """Return the matter of a 2020 item from its title (「关于…的建议」 or 「…的情况反映」)."""
    for subject in SUBJECTS:
        if subject.suggest in opinion.title:
            return subject
        pattern = ".+".join(re.escape(p) for p in subject.report.split("{place}"))
        if re.fullmatch(f"{pattern}的情况反映", opinion.title):
            return subject
    return None


def _place(opinion: Opinion) -> str:
    return next((p for p in PLACES if p in opinion.title or p in opinion.situation), "城区")


def _addressee(opinion: Opinion) -> str:
    """How a unit's reply addresses the author: 民盟示例市委 / 王某委员 / 王某同志."""
    if opinion.party_id:
        party = opinion.party
        return f"{party.name}示例市委" if party.kind == "party" else f"示例市{party.name}"
    if opinion.special_committee_id:
        return f"市政协{opinion.special_committee.name}"
    names = [a.name for a in opinion.authors.all()]
    if opinion.source_kind == SourceKind.REPORTER:
        return f"{names[0]}同志" if names else "特邀信息员"
    if len(names) > 1:
        return f"{names[0]}等委员"
    return f"{names[0]}委员" if names else "信息反映人"


def _point(text: str) -> str:
    head = re.split(r"[，；。：]", text)[0]
    return head.replace("“", "‘").replace("”", "’")


def reply_body(rng: random.Random, opinion: Opinion, unit: str, code: str, day: date,
               handler: str, phone: str, instruction: Instruction | None, *,
               others: list[str], revised: bool = False) -> str:
    """A unit's reply to a transferred item: acknowledgement, one answer per suggestion."""
    me = unit_self(unit)
    source = (f"经{instruction.leader_title}{instruction.leader_name}批示，" if instruction else "")
    lines = [f"{_addressee(opinion)}：",
             f"您（你们）反映的《{opinion.title}》，{source}由市政协社情民意信息办转我单位办理。"
             f"{me}高度重视，分管负责同志专题研究，并与信息反映人进行了沟通。现将办理情况答复如下："]
    if others:
        lines.append(f"（本件为分办件，{'、'.join(others)}另行答复。）")
    points = suggestion_points(opinion.suggestions) if opinion.suggestions else []
    left = {code: list(texts) for code, texts in STANCES.items()}
    for n, point in enumerate(points[:3]):
        kind = code if n == 0 else rng.choice((code, "B"))
        stance = left[kind].pop(rng.randrange(len(left[kind])))
        text = stance.format(self=me, place=_place(opinion))
        lines.append(f"{'一二三'[n]}、关于“{_point(point)}”的建议。{text}")
    if revised:
        lines.append(f"关于新增措施的实施时间：{me}已明确于{YEAR + 1}年3月底前完成线路优化调整，"
                     "届时将通过媒体向社会公布。")
    lines.append(f"下一步，{me}将认真吸纳信息所提建议，加强跟踪问效，及时向信息反映人通报进展。"
                 "感谢对我市相关工作的关心和支持。")
    lines.append(f"{unit}\n{day:%Y年%m月%d日}\n（联系人：{handler}，联系电话：{phone}）")
    return "\n".join(lines)


def load(ctx: DemoContext) -> None:
    rng = ctx.rng("opinions-followup-2020")
    cal = WorkCalendar.for_committee(ctx.committee.pk)
    moments = Moments(rng, cal)
    timeline = Timeline()
    office = ctx.users["demo-info"]
    config = deadlines.config_for(ctx.committee.pk)
    classes = {rc.code: rc.pk for rc in ResultClass.objects.filter(committee=ctx.committee)}
    phones = {name: unit_phone(n, rng) for n, (name, _, _) in enumerate(UNITS, start=1)}
    used = [o for o in Opinion.objects.filter(committee=ctx.committee,
                                              first_submitted_at__year=YEAR, status="sent")
            .select_related("party", "special_committee").order_by("first_submitted_at", "pk")]
    by_subject: dict[str, list[Opinion]] = {}
    for o in used:
        subject = subject_of(o)
        if subject:
            by_subject.setdefault(subject.key, []).append(o)
    instructions = list(Instruction.objects.filter(committee=ctx.committee,
                                                   given_on__year=YEAR)
                        .select_related("entry").prefetch_related("entry__links")
                        .order_by("given_on", "pk"))
    taken: set[int] = set()
    counts = {"cases": 0, "assignments": 0, "closed": 0, "office_files": 0}
    for spec in TRANSFERS:
        opinion, instruction, start = _pick(spec, by_subject, instructions, taken)
        taken.add(opinion.pk)
        at = moments.office_after(start, 1, 3)
        counts["cases"] += 1
        counts["assignments"] += len(spec.units)
        counts["closed"] += not spec.open_at_year_end
        counts["office_files"] += instruction is not None
        _transfer(ctx, rng, moments, cal, config, timeline, office, classes, phones, spec,
                  opinion, instruction, at)
    links = _topic_links(ctx, moments, timeline, by_subject)
    timeline.run()
    cases = HandlingCase.objects.filter(committee=ctx.committee, opinion__isnull=False)
    assert cases.count() == counts["cases"], cases.count()
    assert cases.filter(status="closed").count() == counts["closed"]
    ctx.summary["opinions_followup_2020"] = {**counts, "topic_links": links}
    ctx.log(f"2020年社情民意转办：{counts['cases']}件（{counts['assignments']}个单位，"
            f"分办{sum(len(t.units) > 1 for t in TRANSFERS)}件），按领导批示转办"
            f"{counts['office_files']}件，已办结{counts['closed']}件，年底在办"
            f"{counts['cases'] - counts['closed']}件；关联年度协商议题{links}篇")


def _pick(spec: Transfer, by_subject, instructions, taken) -> tuple[Opinion, Instruction | None,
                                                                     datetime]:
    """Return the item, its 批示 (if the transfer follows one) and the moment to act after."""
    items = [o for o in by_subject.get(spec.subject, []) if o.pk not in taken]
    if spec.instructed:
        pks = {o.pk: o for o in items}
        candidates = [i for i in instructions if i.transfer_to in (spec.units[0], "")
                      and any(link.opinion_id in pks for link in i.entry.links.all())]
        # Prefer the 批示 that names the department itself.
        candidates.sort(key=lambda i: (i.transfer_to != spec.units[0], i.given_on, i.pk))
        assert candidates, f"no 批示 on a {spec.subject} item"
        instruction = candidates[0]
        opinion = next(pks[link.opinion_id] for link in instruction.entry.links.all()
                       if link.opinion_id in pks)
        return opinion, instruction, local(instruction.recorded_at)
    opinion = items[0]
    sent = opinion.entry_link.entry.issue.sent_at
    return opinion, None, local(sent) + timedelta(days=7)


def _transfer(ctx, rng, moments, cal, config, timeline, office, classes, phones, spec,
              opinion, instruction, at) -> None:
    units = [ctx.units[name] for name in spec.units]
    state: dict = {}
    note = (f"根据{instruction.leader_title}批示转办，请认真研究办理，"
            f"于签收后{config.opinion_handling_days}个工作日内答复。" if instruction else
            "该信息反映的问题涉及多个部门职责，请各单位按职责分别研究办理并答复。")

    def transfer():
        # The item's page shows the suggested units and the transfer records them.
        advice = transfer_suggestions(opinion=opinion)
        case = opinion_services.opinion_transfer(
            actor=office, opinion_id=opinion.pk, unit_ids=[u.pk for u in units],
            instruction_id=instruction.pk if instruction else None, note=note,
            suggested=advice.recorded(), suggestion_basis=advice.basis)
        state["case"] = case.pk
        state["assignments"] = {a.unit_id: a.pk for a in
                                Assignment.objects.filter(case=case)}
        if instruction is not None:
            content = opinion_files.transfer_slip_docx(
                committee=NAME, number=f"示政协信转〔{YEAR}〕{case.pk}号", title=opinion.title,
                authors=opinion.author_display, leader=f"{instruction.leader_title}"
                f"{instruction.leader_name}", given_on=instruction.given_on,
                instruction=instruction.text, units=list(spec.units),
                due_days=config.opinion_handling_days, day=at.date())
            attachments.attachment_add(actor=office, opinion_id=opinion.pk,
                                       file_name="领导批示转办单.docx", content=content)

    timeline.add(at, "opinion transfer", transfer)
    last_pass = at
    for unit, code in zip(units, spec.classes, strict=True):
        passed = _unit_course(ctx, rng, moments, cal, config, timeline, office, classes, phones,
                              spec, opinion, instruction, unit, code, at, state)
        if passed is not None:
            last_pass = max(last_pass, passed)
    if spec.open_at_year_end:
        return
    closed = moments.office_after(last_pass, 1, 4)
    assert closed < END, (spec.subject, closed)
    reason = rng.choice(CLOSE_REASONS)
    timeline.add(closed, "opinion case close", lambda: feedback.case_close(
        actor=office, case_id=state["case"], reason=reason))


def _unit_course(ctx, rng, moments, cal, config, timeline, office, classes, phones, spec,
                 opinion, instruction, unit, code, at, state) -> datetime | None:
    """Queue one unit's signing, contact, reply, sign-off and the office's review; return the
    moment its reply passes (None when it is still in handling at year end)."""
    handler, leader = ctx.unit_staff[unit.name]
    others = [u for u in spec.units if u != unit.name]

    def assignment() -> int:
        return state["assignments"][unit.pk]

    signed = moments.office_after(at, 0, 3)
    timeline.add(signed, "transfer sign for", lambda: handling.assignment_sign_for(
        actor=handler, assignment_id=assignment()))
    due = cal.add_working_days(signed.date(), config.opinion_handling_days)
    contact_day = cal.add_working_days(signed.date(), rng.randint(1, 4))
    mode = rng.choice(("phone", "face", "visit"))
    minutes = rng.choice(CONTACT_MINUTES).format(place=_place(opinion), unit=unit.name)
    participants = f"{handler.full_name}（{unit.name}）、{_addressee(opinion).removesuffix('：')}"
    timeline.add(moments.office_after(datetime.combine(contact_day, signed.time()), 0, 1),
                 "transfer contact", lambda: handling.contact_record(
                     actor=handler, assignment_id=assignment(), stage="before", mode=mode,
                     happened_on=contact_day, participants=participants, minutes=minutes))
    if spec.open_at_year_end:
        return None
    if spec.extension == unit.name:
        asked = moments.office(cal.add_working_days(due, -rng.randint(3, 5)))
        wanted = cal.add_working_days(due, 10)
        reason = (f"该问题涉及各县区农村生活垃圾收运体系，{unit_self(unit.name)}需会同各县区"
                  f"逐一核实试点情况后再作答复，申请延期至{wanted:%m月%d日}。")
        ext: dict = {}
        timeline.add(asked, "transfer extension", lambda: ext.update(
            pk=handling.extension_request(actor=handler, assignment_id=assignment(),
                                          requested_due=wanted, reason=reason).pk))
        decided = moments.office_after(asked, 0, 1)
        timeline.add(decided, "transfer extension decide", lambda: handling.extension_decide(
            actor=office, extension_id=ext["pk"], approve=True, note="同意延期，请按期答复。"))
        due = wanted
    # Drafted early enough for sign-off and review (and a revision) to end before the due day.
    early = rng.randint(6, 9) + (7 if spec.send_back else 0)
    drafted = moments.office(cal.add_working_days(due, -early))
    signed_off = moments.office_after(drafted, 0, 2)
    reply: dict = {}
    phone = phones[unit.name]
    signer = f"{leader.full_name}（{leader_title(unit.name)}）"

    def save(day: date, revised: bool = False):
        body = reply_body(rng, opinion, unit.name, code, day, handler.full_name, phone,
                          instruction, others=others, revised=revised)
        reply["pk"] = replies.reply_save(
            actor=handler, assignment_id=assignment(), body=body, result_class_id=classes[code],
            contact_person=handler.full_name, contact_phone=phone, signer=signer).pk

    timeline.add(drafted, "transfer reply", lambda: save(drafted.date()))
    timeline.add(signed_off, "transfer sign off", lambda: replies.reply_sign_off(
        actor=leader, reply_id=reply["pk"]))
    reviewed = moments.office_after(signed_off, 1, 3)
    if spec.send_back:
        timeline.add(reviewed, "transfer send back", lambda: replies.reply_send_back(
            actor=office, reply_id=reply["pk"], reason=spec.send_back))
        revised = moments.office_after(reviewed, 1, 3)
        timeline.add(revised, "transfer revise", lambda: save(revised.date(), revised=True))
        signed_off = moments.office_after(revised, 0, 1)
        timeline.add(signed_off, "transfer sign off", lambda: replies.reply_sign_off(
            actor=leader, reply_id=reply["pk"]))
        reviewed = moments.office_after(signed_off, 1, 2)
    note = rng.choice(PASS_NOTES)
    timeline.add(reviewed, "transfer pass", lambda: replies.reply_pass(
        actor=office, reply_id=reply["pk"], note=note))
    return reviewed


def _topic_links(ctx, moments, timeline, by_subject) -> int:
    """Link items on a topic's matter, submitted before its 纪要/建议案, when that is recorded."""
    liaison = ctx.users["demo-liaison"]
    count = 0
    for title, key, n in TOPIC_LINKS:
        topic = ConsultationTopic.objects.get(committee=ctx.committee, plan__year=YEAR,
                                              title=title)
        output = TopicOutput.objects.filter(topic=topic).order_by("recorded_at").first()
        assert output is not None, title
        recorded = local(output.recorded_at)
        items = [o for o in by_subject.get(key, []) if local(o.first_submitted_at) < recorded]
        for o in items[-n:]:
            count += 1
            timeline.add(moments.office_after(recorded, 0, 1), "topic opinion",
                         lambda pk=topic.pk, o=o: activity_services.topic_opinion_link(
                             actor=liaison, topic_id=pk, opinion_id=o.pk))
    return count


# --- authors' files, added while drafting (called by opinions_2020) -------------------------

# The first item on each of these matters carries its author's survey: an Excel table (and,
# for the 数字鸿沟 survey, its bar chart as a PNG) or a Word visit note.
DRAFT_FILES = {
    "village_sewage": ("xlsx", "农村生活污水处理设施运行情况调查表.xlsx",
                       ("调查点", "设施数（座）", "停运或不达标（座）"), (4, 30)),
    "elderly_smartphone": ("xlsx+png", "老年人使用智能手机情况问卷统计.xlsx",
                           ("调查社区", "受访老人（人）", "不会使用健康码（人）"), (40, 160)),
    "heritage_houses": ("docx", "古民居现状走访记录.docx", (), (3, 25)),
    "old_community_lift": ("xlsx", "老旧小区加装电梯意愿调查汇总.xlsx",
                           ("调查小区", "单元数（个）", "已达成加装意愿（个）"), (12, 60)),
}


class DraftFiles:
    """Adds an author's file to the first draft on each matter of `DRAFT_FILES`."""

    def __init__(self, ctx: DemoContext):
        self.rng = ctx.rng("opinions-2020-files")
        self.done: set[str] = set()
        self.count = 0

    def __call__(self, *, actor, opinion: Opinion, subject_key: str, at: datetime) -> None:
        spec = DRAFT_FILES.get(subject_key)
        if spec is None or subject_key in self.done or opinion.source_kind == "reporter":
            return
        self.done.add(subject_key)
        kind, name, headers, (low, high) = spec
        place = _place(opinion)
        rows = opinion_files.survey_rows(self.rng, place, self.rng.randint(5, 7), low, high)
        if kind == "docx":
            content = opinion_files.visit_note_docx(
                f"{place}古民居现状走访记录", place, at.date() - timedelta(days=6),
                opinion.author_display or "信息反映人",
                ["部分古民居屋面漏雨、梁柱糟朽，存在坍塌隐患",
                 "产权分散，多数房屋无人居住，日常维护缺位",
                 "修缮资金主要靠户主自筹，难以为继"], rows)
            files = [(name, content)]
        else:
            source = (f"数据来源：{opinion.author_display or '信息反映人'}"
                      f"{at:%Y年%m月}实地走访和问卷调查。")
            files = [(name, opinion_files.survey_xlsx(name.removesuffix(".xlsx"), headers, rows,
                                                     source))]
            if kind == "xlsx+png":
                files.append(("各社区不会使用健康码老人人数.png",
                              opinion_files.bar_chart_png([r[2] for r in rows])))
        for file_name, content in files:
            attachments.attachment_add(actor=actor, opinion_id=opinion.pk, file_name=file_name,
                                       content=content)
            self.count += 1

