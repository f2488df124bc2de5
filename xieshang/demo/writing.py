"""Compose proposal texts from the topic templates with a seeded generator."""

import random
from dataclasses import dataclass

from .members import PLACES
from .review_texts import HOSPITALS, NARROW, ROADS, Case
from .topics import Topic

ORDINALS = "一二三四五六七八九"

TRANSITIONS = (
    "但调研中也发现，仍存在一些不容忽视的问题：",
    "从调研情况看，当前主要存在以下问题：",
    "与群众的期盼和先进地区的做法相比，还存在一些短板：",
    "提案人在{place}等地走访调研发现，主要存在以下问题：",
    "总的来看，问题主要表现在：",
)
BODY_TRANSITIONS = (
    "{who}组织专题调研发现，主要存在以下问题：",
    "{who}通过座谈、走访和问卷调查了解到，当前主要存在以下问题：",
)
CLOSERS = (
    "这些问题在一定程度上影响了{stake}，亟须加以解决。",
    "上述问题如不及时解决，将会制约{stake}，应当引起高度重视。",
    "解决好这些问题，对于{stake}具有重要意义。",
    "",
)
LEAD_INS = ("为此，建议：", "为此，提出如下建议：", "针对上述问题，建议：", "")
CONTEXT = {
    "经济建设": ("今年是全面建成小康社会和“十三五”规划收官之年，也是谋划“十四五”发展的关键之年。",
                 "面对疫情冲击和复杂多变的外部环境，做好“六稳”工作、落实“六保”任务尤为重要。"),
    "社会建设": ("保障和改善民生是政府工作的出发点和落脚点。",
                 "群众关心的身边事，是检验发展成效的重要标尺。"),
    "生态文明建设": ("良好生态环境是最普惠的民生福祉。",
                     "“绿水青山就是金山银山”，生态环境保护是高质量发展的底色。"),
    "文化建设": ("文化是一座城市的灵魂，也是城市竞争力的重要组成部分。",),
    "政治建设": ("推进国家治理体系和治理能力现代化，是全面深化改革的总目标。",),
}
CLOSINGS = ("建议由{lead}牵头，会同{co}等单位研究落实。",
            "以上建议，恳请{lead}会同有关部门研究采纳。",
            "上述措施涉及多个部门，建议建立联席会议制度，形成工作合力。")
# Verbs a title may start with, after which 进一步 or 我市 reads naturally.
TITLE_VERBS = ("加强", "加快", "推进", "完善", "提升", "优化", "做好", "规范", "健全", "推动",
               "发展", "支持", "促进", "深化", "提高")


@dataclass
class ProposalText:
    title: str
    reasons: str
    suggestions: str
    category: str
    lead_units: list[str]
    co_units: list[str]
    topic: str = ""


def figures(topic: Topic, rng: random.Random) -> dict[str, str]:
    """Draw the topic's figures: integers, or decimals where the range says so."""
    values = {}
    for name, spec in topic.figures.items():
        low, high, *digits = spec
        if digits:
            values[name] = f"{rng.uniform(low, high):.{digits[0]}f}"
        else:
            values[name] = str(rng.randint(int(low), int(high)))
    return values


def numbered(items: list[str]) -> str:
    """Join points as 一是…；二是…；三是…。"""
    lines = [f"{ORDINALS[i]}是{text}" for i, text in enumerate(items)]
    return "；\n".join(lines) + "。"


def _inline(items: list[str]) -> str:
    return "；".join(f"{ORDINALS[i]}是{text}" for i, text in enumerate(items)) + "。"


def compose(topic: Topic, rng: random.Random, *, who: str = "", title: str | None = None,
            place: str | None = None) -> ProposalText:
    """Write one proposal on the topic; `who` names a collective proposer for its own voice."""
    place = place or rng.choice(PLACES)
    values = {"place": place, **figures(topic, rng)}
    facts = rng.sample(topic.facts, k=min(len(topic.facts), rng.choice((2, 3, 3))))
    problems = rng.sample(topic.problems, k=min(len(topic.problems), rng.choice((3, 4, 4, 5))))
    transition = rng.choice(BODY_TRANSITIONS if who else TRANSITIONS)
    closer = rng.choice(CLOSERS)
    context = CONTEXT.get(topic.category, ())
    opening = rng.choice(context) if context and rng.random() < 0.35 else ""
    first = opening + rng.choice(topic.intro) + "".join(facts)
    second = transition + _inline(problems) + closer
    reasons = (first + "\n" + second).format(stake=topic.stake, who=who, **values)
    points = rng.sample(topic.suggestions, k=min(len(topic.suggestions), rng.choice((3, 4, 4, 5))))
    lead = topic.lead[0] if len(topic.lead) == 1 or rng.random() < 0.7 else topic.lead[1]
    pool = [u for u in topic.co if u != lead]
    co = rng.sample(pool, k=min(len(pool), rng.choice((1, 2, 2, 3))))
    lead_in = rng.choice(LEAD_INS)
    suggestions = (lead_in + "\n" if lead_in else "") + numbered(points)
    if rng.random() < 0.4:
        suggestions += "\n" + rng.choice(CLOSINGS).format(lead=lead, co="、".join(co))
    return ProposalText(
        title=title or title_variant(rng.choice(topic.titles), rng),
        reasons=reasons,
        suggestions=suggestions.format(**values),
        category=topic.category, lead_units=[lead], co_units=co, topic=topic.key,
    )


def title_variant(title: str, rng: random.Random) -> str:
    """Vary a template title a little, as different members word the same matter."""
    rest = title.removeprefix("关于")
    verb = rest[:2]
    if verb not in TITLE_VERBS:
        return title
    roll = rng.random()
    if roll < 0.25:
        return f"关于进一步{rest}"
    if roll < 0.4:
        return f"关于{verb}我市{rest[2:]}"
    return title


def revise(text: ProposalText, topic: Topic | None, rng: random.Random,
           what: str) -> dict:
    """Return the fields a proposer changes after a return for revision (for proposal_update)."""
    if what == "title" and topic is not None:
        others = [t for t in topic.titles if t != text.title]
        if others:
            return {"title": rng.choice(others)}
    if what == "reasons" and topic is not None:
        extra = rng.choice(topic.facts).format(place=rng.choice(PLACES),
                                               **figures(topic, rng))
        return {"reasons": text.reasons + "\n据提案人补充调研，" + extra}
    if what == "suggestions" and topic is not None:
        lines = text.suggestions.split("\n")
        points = [line[2:].rstrip("；。") for line in lines if line[:1] in ORDINALS]
        first = next(i for i, line in enumerate(lines) if line[:1] in ORDINALS)
        last = max(i for i, line in enumerate(lines) if line[:1] in ORDINALS)
        spare = [s for s in topic.suggestions if s not in points]
        if spare:
            points.append(rng.choice(spare))
        return {"suggestions": "\n".join([*lines[:first], numbered(points), *lines[last + 1:]])}
    # Units, or a text without a topic: add a sentence showing the proposer looked again.
    return {"reasons": text.reasons + "\n经进一步了解，上述情况在其他县区也不同程度存在。"}


def case_text(case: Case) -> ProposalText:
    return ProposalText(title=case.title, reasons=case.reasons, suggestions=case.suggestions,
                        category=case.category, lead_units=[case.lead], co_units=list(case.co))


def narrow_text(kind: str, rng: random.Random) -> ProposalText:
    """Write a narrow, concrete matter of the given conversion kind."""
    options = [n for n in NARROW if n[0] == kind]
    _, title, reasons, suggestions, category, lead, co = rng.choice(options)
    road, road2 = rng.sample(ROADS, 2)
    values = {"place": rng.choice(PLACES), "road": road, "road2": road2,
              "hospital": rng.choice(HOSPITALS), "n": rng.randint(2, 36)}
    return ProposalText(title=title.format(**values), reasons=reasons.format(**values),
                        suggestions=suggestions, category=category, lead_units=[lead],
                        co_units=list(co))
