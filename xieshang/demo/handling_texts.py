"""Texts of handling, written for the demo: replies answering each suggestion, co-handling
opinions, contact records, return and extension requests, review notes and rating comments.

A reply names its unit, contact person, a clearly fake phone (0558-000xxxx) and signing leader,
and answers the proposal's numbered suggestions one by one (一、关于…的建议 / 一是…), each with a
stance that fits the reply's result class: done (落实), under way or planned (推进/计划), or not
possible for now (受条件限制). Every text is our own.
"""

import random
import re
from dataclasses import dataclass
from datetime import date

from .writing import ORDINALS

# --- the unit's voice --------------------------------------------------------------------


def unit_self(unit: str) -> str:
    """Return how a unit refers to itself in a letter: 我局, 我委, 我办, 我院 …"""
    for ending, word in (("人民法院", "我院"), ("人民检察院", "我院"), ("公司", "我公司"),
                         ("支行", "我行"), ("支队", "我支队"), ("办公室", "我办"),
                         ("局", "我局"), ("委", "我委"), ("办", "我办"), ("部", "我部"),
                         ("社", "我社"), ("联", "我会"), ("协", "我会"), ("会", "我会")):
        if unit.endswith(ending):
            return word
    return "我单位"


def leader_title(unit: str) -> str:
    """Return the title of the unit leader who signs replies off (分管负责同志)."""
    for ending, title in (("人民法院", "副院长"), ("人民检察院", "副检察长"),
                          ("公司", "副总经理"), ("支行", "副行长"), ("支队", "副支队长"),
                          ("政法委", "副书记"), ("团市委", "副书记"), ("残联", "副理事长"),
                          ("办公室", "副主任"), ("局", "副局长"), ("委", "副主任"),
                          ("办", "副主任"), ("部", "副部长"), ("社", "副主任"),
                          ("联", "副主席"), ("协", "副主席"), ("会", "副主席")):
        if unit.endswith(ending):
            return title
    return "负责同志"


def unit_phone(unit_number: int, rng: random.Random) -> str:
    """Return the unit's clearly fake office phone, 0558-000xxxx."""
    return f"0558-000{unit_number:02d}{rng.randint(10, 99)}"


# --- the proposal's points ---------------------------------------------------------------


def suggestion_points(suggestions: str) -> list[str]:
    """Return the numbered suggestions (一是…；二是…) of a proposal, or the whole text as one."""
    points = []
    for line in suggestions.split("\n"):
        line = line.strip()
        if len(line) > 2 and line[0] in ORDINALS and line[1] == "是":
            points.append(line[2:].rstrip("；。"))
    if not points:
        text = re.sub(r"^(为此，)?(提出如下)?建议：", "", suggestions.strip())
        points = [text.split("。")[0]] if text else ["提案所提建议"]
    return points


def point_phrase(point: str) -> str:
    """Return the head clause of a suggestion, to quote (with inner quotes as ‘’)."""
    head = re.split(r"[，；。：]", point)[0]
    if len(head) > 40:
        head = head[:38] + "等"
    return head.replace("“", "‘").replace("”", "’")


# --- replies -------------------------------------------------------------------------------

ACKS = (
    "{self}高度重视，分管负责同志亲自研究，明确{dept}具体承办，并将其列为今年重点办理事项。",
    "{self}将该提案列入年度重点工作统筹推进，主要负责同志专题听取汇报，{title}具体督促落实。",
    "收到提案后，{self}及时召开专题会议研究，制定办理方案，明确责任科室和办理时限。",
    "{self}认真研究了提案内容，认为提案选题精准、分析透彻、建议具有很强的针对性和可操作性。",
)
CONTACT_SENTENCES = {
    "face": "{m}月{d}日，{self}{title}{leader}带领{dept}负责同志与{you}面商，详细听取意见建议。",
    "phone": "办理过程中，{self}多次与{you}电话沟通，进一步了解提案背景和具体诉求。",
    "visit": "{m}月{d}日，{self}{title}{leader}登门走访{you}，就提案所提问题深入交换意见。",
    "meeting": "{m}月{d}日，{self}召开提案办理座谈会，邀请{you}和相关部门共同研究。",
}
PART_HEADS = ("{n}、关于“{phrase}”的建议", "{n}、关于{phrase}")

DONE = (
    "这一建议与我们的工作思路高度契合。{self}已于{month}月出台{doc}，明确了目标任务、责任分工和"
    "完成时限，目前已在{places}等地全面推开，取得了初步成效。",
    "{self}已采纳这一建议。今年以来，会同{partner}建立工作专班，{month}月起在全市推行，截至"
    "{month2}月底已完成年度任务的{pct}%，群众反映较好。",
    "该项工作已列入市政府年度民生实事，{self}制定了实施方案并按月调度，目前已基本落实到位。"
    "下一步，我们将加强跟踪问效，巩固工作成果。",
    "我们充分吸收了提案意见，在{month}月修订的{doc}中专门增加了相关条款，并组织{places}等县区"
    "开展业务培训{n}场次，推动政策落地见效。",
    "今年{self}安排专项资金{money}万元用于这项工作，已完成{places}等{k}个县区的试点任务，"
    "形成了可复制推广的经验做法。",
)
ONGOING = (
    "{self}正会同{partner}研究制定具体实施办法，目前已完成前期调研和征求意见工作，计划于"
    "年底前出台。",
    "这项工作已列入{self}{next_year}年工作要点，我们将在{places}等地先行试点，总结经验后逐步"
    "在全市推广。",
    "目前该项工作正在有序推进中，{self}已完成{pct}%的年度任务。下一步，我们将加大工作力度，"
    "力争明年上半年全面完成。",
    "我们认真研究了这一建议，已将其纳入“十四五”相关专项规划统筹考虑，分年度、分步骤组织实施。",
    "{self}已向市政府专题报告，争取将相关经费列入{next_year}年财政预算，并着手开展前期准备工作。",
)
LIMITED = (
    "经认真研究，该建议涉及国家和省有关政策规定，在市级层面突破存在一定困难。{self}已将有关"
    "情况向上级主管部门反映，争取政策支持。",
    "受当前财力状况限制，这项建议短期内全面实施尚有困难。我们将结合财力情况，在今后工作中统筹"
    "考虑、逐步推进。",
    "该建议涉及面广、情况复杂，需要多方面条件支撑，目前尚不具备全面推行的条件，我们将把提案"
    "意见作为今后工作的重要参考。",
)
ANSWERS = {"done": DONE, "ongoing": ONGOING, "limited": LIMITED}
SPLIT_NOTE = ("此件为分办提案，本答复仅就{self}职责范围内的事项作出答复，其他事项由{others}"
              "另行答复。")
CO_NOTE = "此件由{co}会办，会办单位的意见已在答复中一并吸收。"
CLOSINGS = {
    "A": ("感谢{you}对{field}工作的关心和支持，欢迎继续提出宝贵意见和建议。",
          "再次感谢{you}对我们工作的关心和支持！"),
    "B": ("下一步，{self}将继续跟踪推进提案所提事项，有关进展将及时向{you}通报。感谢{you}对"
          "{field}工作的关心和支持。",
          "提案所提建议对我们改进工作很有帮助，我们将持续抓好落实，欢迎继续监督指导。"),
    "C": ("受客观条件限制，部分建议目前尚难以落实，恳请{you}理解。我们将密切关注相关政策变化，"
          "条件成熟时积极推动解决。感谢{you}对{field}工作的关心和支持。",),
}
DOCS = ("实施方案", "工作方案", "实施意见", "三年行动计划", "若干措施")


def _doc(rng: random.Random, phrase: str) -> str:
    """Name the document a unit issued on a point: 《关于…的实施方案》 when the point is short."""
    if len(phrase) <= 14 and "‘" not in phrase:
        return f"《关于{phrase}的{rng.choice(DOCS)}》"
    return f"专项{rng.choice(DOCS)}"
PLACES = ("东湖区", "西城区", "南湖区", "临河县", "青山县", "白沙县", "柳溪县", "河口市")
STANCES = {"A": (("done", 0.75), ("ongoing", 0.25)),
           "B": (("done", 0.3), ("ongoing", 0.6), ("limited", 0.1)),
           "C": (("ongoing", 0.3), ("limited", 0.7))}


@dataclass
class Letter:
    """What a reply or opinion needs to know about the case and its writer."""

    unit: str
    leader: str
    handler: str
    phone: str
    title: str
    number: str
    addressee: str
    plural: bool
    points: list[str]
    field: str
    partners: list[str]
    others: list[str]
    mode_note: str  # "", "co" or "split"
    contact_mode: str
    contact_day: date | None
    reply_day: date


def _fill(rng: random.Random, text: str, letter: Letter, **extra) -> str:
    partner = "、".join(letter.partners[:2]) if letter.partners else "有关部门"
    places = "、".join(rng.sample(PLACES, 2))
    day = letter.reply_day
    # Early in a year, what was done happened last year.
    month = str(rng.randint(3, day.month - 1)) if day.month > 4 else f"去年{rng.randint(5, 11)}"
    month2 = str(day.month - 1) if day.month > 1 else "去年12"
    values = {
        "self": unit_self(letter.unit), "title": leader_title(letter.unit),
        "leader": letter.leader, "dept": "相关业务科室", "partner": partner,
        "places": places, "month": month, "month2": month2, "pct": rng.randint(60, 95),
        "n": rng.randint(3, 12), "k": rng.randint(2, 5), "money": rng.randint(50, 800),
        "doc": f"专项{rng.choice(DOCS)}", "next_year": day.year + 1 if day.month > 6 else day.year,
        "you": "你们" if letter.plural else "您", "field": letter.field,
        "co": "、".join(letter.partners), "others": "、".join(letter.others),
    }
    values.update(extra)
    return text.format(**values)


def point_stances(rng: random.Random, code: str, n: int) -> list[str]:
    """Draw a stance per point fitting the result class (an A reply has most points done)."""
    stances, weights = zip(*STANCES[code], strict=True)
    drawn = [rng.choices(stances, weights=weights)[0] for _ in range(n)]
    wanted = {"A": "done", "B": "ongoing", "C": "limited"}[code]
    if wanted not in drawn:
        drawn[rng.randrange(n)] = wanted
    return drawn


AGAIN = ("根据市政协提案委员会的意见，{self}对该提案重新进行了办理，{title}{leader}再次与{you}"
         "当面沟通，逐条研究了{you}的意见。")


def reply_body(rng: random.Random, letter: Letter, code: str, *, again: bool = False) -> str:
    """Write a reply answering each suggestion of the proposal in turn."""
    you = "你们" if letter.plural else "您"
    number = f"（第{letter.number}号）" if letter.number else ""
    opening = f"{letter.addressee}：\n    {you}提出的《{letter.title}》{number}收悉。"
    opening += _fill(rng, AGAIN if again else rng.choice(ACKS), letter)
    if not again and letter.contact_day is not None and \
            letter.contact_mode in CONTACT_SENTENCES:
        opening += _fill(rng, CONTACT_SENTENCES[letter.contact_mode], letter,
                         m=letter.contact_day.month, d=letter.contact_day.day)
    opening += "现将办理情况答复如下："
    # Each answer in a reply is worded differently: draw from shuffled pools in turn.
    pools = {name: rng.sample(pool, len(pool)) for name, pool in ANSWERS.items()}
    stances = point_stances(rng, code, len(letter.points))
    parts = []
    inline = rng.random() < 0.35
    for i, (point, stance) in enumerate(zip(letter.points, stances, strict=True)):
        phrase = point_phrase(point)
        pool = pools[stance]
        template = pool.pop(0) if pool else rng.choice(ANSWERS[stance])
        answer = _fill(rng, template, letter, doc=_doc(rng, phrase))
        if inline:
            parts.append(f"    {ORDINALS[i]}是关于“{phrase}”的建议。{answer}")
        else:
            head = rng.choice(PART_HEADS).format(n=ORDINALS[i], phrase=phrase)
            parts.append(f"    {head}\n    {answer}")
    notes = []
    if letter.mode_note == "co" and letter.partners:
        notes.append(_fill(rng, CO_NOTE, letter))
    if letter.mode_note == "split" and letter.others:
        notes.append(_fill(rng, SPLIT_NOTE, letter))
    closing = _fill(rng, rng.choice(CLOSINGS[code]), letter)
    tail = (f"\n    {''.join(notes)}" if notes else "") + f"\n    {closing}"
    day = letter.reply_day
    sign = (f"\n\n{letter.unit}\n{day.year}年{day.month}月{day.day}日\n"
            f"（联系人：{letter.handler}；联系电话：{letter.phone}）")
    return opening + "\n" + "\n".join(parts) + tail + sign


REVISIONS = {
    "points": ("答复未对提案的第{k}条建议作出回应，请逐条答复后重新报送。",
               "    （补充）关于提案第{k}条建议，{self}已会同有关部门研究，将在明年工作中统筹推进，"
               "具体措施在工作方案中予以明确。"),
    "class": ("答复所述事项多数尚在推进中，与所标A类（已经解决或基本解决）不符，请核实办理结果分类。",
              ""),
    "contact": ("答复未说明办理过程中与提案者沟通的情况，请补充后重新报送。",
                "    （补充）办理过程中，{self}与提案者进行了沟通，充分听取了意见建议。"),
    "vague": ("答复表述较为笼统，缺少具体措施和时间安排，请进一步充实。",
              "    （补充）上述工作由{self}{title}牵头负责，计划分两个阶段推进，年底前完成阶段性"
              "任务，明年上半年全面完成。"),
}


def revision(rng: random.Random, letter: Letter, body: str, kind: str) -> tuple[str, str]:
    """Return the committee's reason for sending a reply back, and the revised body."""
    reason, addition = REVISIONS[kind]
    k = ORDINALS[rng.randrange(len(letter.points))] if letter.points else "一"
    reason = reason.format(k=k)
    if not addition:
        return reason, body
    text = _fill(rng, addition, letter, k=k)
    head, sep, sign = body.rpartition("\n\n")
    return reason, f"{head}\n{text}{sep}{sign}"


# --- co-handling ---------------------------------------------------------------------------

OPINIONS = (
    "在{phrase}方面，{self}将结合职能积极配合，在政策、资金和项目安排上给予支持。",
    "关于{phrase}，{self}已在今年工作中作了安排，将与{lead}加强衔接，共同推进落实。",
    "{phrase}涉及{self}职责，我们将按照职责分工，及时向{lead}提供有关情况和数据。",
)


def co_opinion(rng: random.Random, letter: Letter, lead: str) -> str:
    """Write a co-handling unit's opinion to the lead unit (会办意见)."""
    picked = rng.sample(letter.points, k=min(2, len(letter.points)))
    wording = rng.sample(OPINIONS, len(picked))
    lines = [_fill(rng, w, letter, phrase=point_phrase(p), lead=lead)
             for p, w in zip(picked, wording, strict=True)]
    body = "".join(f"{ORDINALS[i]}是{line}" for i, line in enumerate(lines))
    return (f"{lead}：\n    关于第{letter.number}号提案《{letter.title}》，{unit_self(letter.unit)}"
            f"研究提出会办意见如下：{body}\n    以上意见请在答复中统筹考虑。"
            f"\n\n{letter.unit}\n（联系人：{letter.handler}；联系电话：{letter.phone}）")


COSIGN_COMMENTS = (
    "建议在答复第{k}部分补充{co_self}今年已开展的相关工作情况。",
    "答复中涉及{co_self}职责的表述请按会办意见修改，其余无意见。",
    "建议删去答复中尚未确定的资金数额，表述为“积极争取资金支持”。",
)


def cosign_comment(rng: random.Random, letter: Letter, co_unit: str) -> str:
    k = ORDINALS[rng.randrange(len(letter.points))] if letter.points else "一"
    return rng.choice(COSIGN_COMMENTS).format(k=k, co_self=unit_self(co_unit))


def cosign_edit(body: str, co_unit: str) -> str:
    head, sep, sign = body.rpartition("\n\n")
    return (f"{head}\n    （根据{co_unit}会签意见，答复中有关{co_unit}职责的内容已作相应修改。）"
            f"{sep}{sign}")


# --- contacts with proposers ---------------------------------------------------------------

CONTACT_MINUTES = {
    "face": ("{unit}{title}{leader}带领业务科室负责同志与{who}面商，介绍了{field}工作的现状和下一步"
             "打算，就提案中“{phrase}”等建议逐条交换意见。{who}希望{hope}。双方商定办理过程中"
             "保持沟通。",),
    "phone": ("{unit}经办人{handler}电话联系{who}，了解提案背景和具体诉求，告知办理工作安排。"
              "{who}表示{hope_short}。",
              "{unit}与{who}电话沟通，就“{phrase}”的具体情况进行了核实，{who}补充了调研中掌握的"
              "情况。"),
    "visit": ("{unit}{title}{leader}登门走访{who}，听取对提案办理的意见，共同到{place}实地查看"
              "有关情况。{who}对办理工作的态度表示肯定，希望{hope}。",),
    "meeting": ("{unit}召开提案办理座谈会，邀请{who}及相关部门参加，围绕“{phrase}”等建议深入研究，"
                "形成了初步办理意见。",),
}
HOPES = ("尽快出台具体措施，让群众早日受益", "在资金和政策上加大支持力度",
         "加强部门协同，形成工作合力", "把提案建议与明年工作计划结合起来")
HOPE_SHORT = ("理解和支持办理工作", "期待早日看到办理成效", "会继续关注这一问题")
DURING_MINUTES = ("办理中期，{unit}向{who}通报了办理进展，就答复的主要内容征求意见，{who}表示认可。",
                  "{unit}邀请{who}参加有关工作推进会，现场了解{field}工作的进展情况。")
AFTER_MINUTES = ("答复后，{unit}再次与{who}沟通，说明后续工作安排，{who}对办理结果表示理解。",)


def contact_minutes(rng: random.Random, letter: Letter, stage: str, mode: str,
                    who: str) -> str:
    if stage == "during":
        pool = DURING_MINUTES
    elif stage == "after":
        pool = AFTER_MINUTES
    else:
        pool = CONTACT_MINUTES[mode]
    phrase = point_phrase(rng.choice(letter.points))
    return rng.choice(pool).format(
        unit=letter.unit, title=leader_title(letter.unit), leader=letter.leader,
        handler=letter.handler, who=who, field=letter.field, phrase=phrase,
        hope=rng.choice(HOPES), hope_short=rng.choice(HOPE_SHORT), place=rng.choice(PLACES))


# --- requests and decisions ----------------------------------------------------------------

RETURN_REASONS = (
    "该提案所提“{phrase}”等事项主要属于{other}的职责，{self}不具备相应职能，申请退回，建议改由"
    "{other}办理。",
    "经研究，提案建议的内容涉及{other}的行业管理职责，{self}仅承担配合工作，申请退回并建议由"
    "{other}承办。",
)
RETURN_APPROVED = "经核实，同意退回，改由{other}办理。"
RETURN_REFUSED = (
    "经研究，该提案所提事项与你单位职能密切相关，请按规定认真办理，涉及其他部门的事项可商请有关"
    "部门协助。",
    "根据部门职责分工，该提案应由你单位办理，不同意退回，请抓紧签收办理。",
)
EXTENSION_REASONS = (
    "提案涉及“{phrase}”，需会同{partner}等部门联合调研并报市政府研究，相关政策文件正在征求意见，"
    "难以在规定期限内答复，特申请延期至{day}。",
    "提案所提事项需结合年度预算调整统筹安排，资金渠道尚在协调中，申请延期至{day}答复。",
)
EXTENSION_APPROVED = "同意延期至{day}，请抓紧办理，确保在统一办结期限前答复。"
EXTENSION_REFUSED = "该提案办理期限临近，不同意延期，请按期答复，未尽事项可在答复中说明后续安排。"
CLASS_CHANGE_NOTE = "答复所述事项尚在推进中，办理结果分类由A类调整为B类。"
PASS_NOTES = ("", "", "", "答复逐条回应了提案建议，同意。", "同意答复。")


def day_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# --- ratings and the office's decisions -----------------------------------------------------

COMMENTS = {
    "satisfied": ("", "", "", "感谢承办单位的认真办理。", "办理态度诚恳，答复具体，希望抓好落实。",
                  "承办单位多次沟通，办理扎实。"),
    "basic": ("答复比较具体，但部分建议落实时间不够明确，希望加快推进。",
              "希望承办单位在明年工作中进一步落实提案建议。",
              "对答复基本满意，建议加强部门之间的协调配合。"),
    "unsatisfied": ("答复对第{k}条建议回应不够，未提出具体措施，希望承办单位进一步研究。",
                    "答复以客观条件为由，对提案所提问题未作实质性回应，不满意。",
                    "办理前未进行充分沟通，答复内容与提案关注的问题有差距。"),
}
REHANDLE_REASONS = (
    "提案者对答复不满意，认为{issue}。请{unit}再次与提案者当面沟通，重新研究办理并于一个月内"
    "重新答复。",
)
ISSUES = ("答复对主要建议回应不够具体", "答复缺少明确的时间安排和措施", "答复未充分吸收提案建议")
CLOSE_REASONS = (
    "经交办督查室协调，{unit}已再次与提案者沟通并作出说明：所提事项受国家政策限制，近期难以"
    "解决，已列入今后工作中统筹考虑。提案者对办理结果仍有保留意见，记录在案，予以办结。",
    "承办单位已按规定答复并与提案者进行了沟通，所提事项需待上级政策明确后方可推进，经研究"
    "不再重新办理，提案者意见已转承办单位在今后工作中参考，予以办结。",
)
