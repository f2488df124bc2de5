"""Step 1: the committee, its term and sessions, sectors, special committees, parties and units."""

from datetime import date, datetime

from xieshang.core import clock
from xieshang.core.setup import committee_setup
from xieshang.organization.models import (
    Party,
    Sector,
    Session,
    SpecialCommittee,
    Term,
    Unit,
)
from xieshang.proposals.models import Category, ProposalConfig, RefusalGround

from .context import CITY, NAME, PASSWORD, SLUG, DemoContext
from .names import NameBook

# The system goes live just before the 2020 session's proposal window opens.
LIVE_FROM = datetime(2020, 1, 6, 9, 0)

TERM = {"number": 5, "name": "第五届", "start_date": date(2017, 1, 8),
        "end_date": date(2021, 12, 31)}

# The 2020 plenary is placed in May, as many local plenaries were postponed by the epidemic
# that year; the proposal deadline falls during the plenary. The 2021 plenary opens in January,
# so its 90-day proposal window starts in October 2020. The 2020 work summary reports every
# accepted proposal answered by the end of September, hence the unified handling cutoff.
SESSIONS = (
    {"number": 3, "name": "五届三次会议", "year": 2019, "opening_date": date(2019, 1, 7),
     "closing_date": date(2019, 1, 10), "proposal_deadline": date(2019, 1, 9)},
    {"number": 4, "name": "五届四次会议", "year": 2020, "opening_date": date(2020, 5, 11),
     "closing_date": date(2020, 5, 14), "proposal_deadline": date(2020, 5, 13),
     "handling_cutoff": date(2020, 9, 30)},
    {"number": 5, "name": "五届五次会议", "year": 2021, "opening_date": date(2021, 1, 5),
     "closing_date": date(2021, 1, 8), "proposal_deadline": date(2021, 1, 7)},
)

# 界别 and how many members each has (455 in all, as Fuyang's term had 455–458).
SECTORS = (
    ("中共", 58), ("民革", 12), ("民盟", 16), ("民建", 16), ("民进", 15), ("农工党", 14),
    ("致公党", 8), ("九三学社", 14), ("无党派人士", 14), ("共青团", 8), ("工会", 12),
    ("妇联", 12), ("科协", 10), ("台联", 5), ("侨联", 6), ("工商联", 24), ("文化艺术界", 16),
    ("科学技术界", 14), ("社会科学界", 12), ("经济界", 36), ("农业界", 24), ("教育界", 22),
    ("体育界", 6), ("新闻出版界", 8), ("医药卫生界", 22), ("对外友好界", 6),
    ("社会福利和社会保障界", 10), ("少数民族界", 6), ("宗教界", 8), ("特邀人士", 21),
)

SPECIAL_COMMITTEES = (
    "提案委员会", "经济委员会", "农业和农村委员会", "人口资源环境委员会", "教科卫体委员会",
    "社会和法制委员会", "民族宗教委员会", "港澳台侨和外事委员会", "文化文史和学习委员会",
)

DEMOCRATIC_PARTIES = ("民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟")
GROUPS = ("工商联", "总工会", "团市委", "妇联", "科协", "侨联", "台联")

# The sector whose members a people's organisation's agent is drawn from.
GROUP_SECTORS = {"工商联": "工商联", "总工会": "工会", "团市委": "共青团", "妇联": "妇联",
                 "科协": "科协", "侨联": "侨联", "台联": "台联"}

ECON, AGRI, ENV, EDU, SOC, ETH, FOREIGN, CULT, PROP = (
    "经济委员会", "农业和农村委员会", "人口资源环境委员会", "教科卫体委员会",
    "社会和法制委员会", "民族宗教委员会", "港澳台侨和外事委员会", "文化文史和学习委员会",
    "提案委员会",
)

# Handling units: name, kind, the special committee they are linked to (对口联系).
UNITS = (
    ("市委办公室", "party_mass", PROP),
    ("市委组织部", "party_mass", SOC),
    ("市委宣传部", "party_mass", CULT),
    ("市委统战部", "party_mass", ETH),
    ("市委政法委", "party_mass", SOC),
    ("市委网信办", "party_mass", CULT),
    ("市委编办", "party_mass", SOC),
    ("市总工会", "party_mass", SOC),
    ("团市委", "party_mass", SOC),
    ("市妇联", "party_mass", SOC),
    ("市科协", "party_mass", EDU),
    ("市侨联", "party_mass", FOREIGN),
    ("市残联", "party_mass", SOC),
    ("市工商联", "party_mass", ECON),
    ("市文联", "party_mass", CULT),
    ("市政府办公室", "government", PROP),
    ("市发展改革委", "government", ECON),
    ("市教育局", "government", EDU),
    ("市科技局", "government", EDU),
    ("市工业和信息化局", "government", ECON),
    ("市民族宗教局", "government", ETH),
    ("市公安局", "government", SOC),
    ("市民政局", "government", SOC),
    ("市司法局", "government", SOC),
    ("市财政局", "government", ECON),
    ("市人力资源社会保障局", "government", SOC),
    ("市自然资源和规划局", "government", ENV),
    ("市生态环境局", "government", ENV),
    ("市住房城乡建设局", "government", ENV),
    ("市交通运输局", "government", ECON),
    ("市水利局", "government", AGRI),
    ("市农业农村局", "government", AGRI),
    ("市商务局", "government", ECON),
    ("市文化和旅游局", "government", CULT),
    ("市卫生健康委", "government", EDU),
    ("市退役军人事务局", "government", SOC),
    ("市应急管理局", "government", SOC),
    ("市审计局", "government", ECON),
    ("市外事办", "government", FOREIGN),
    ("市国资委", "government", ECON),
    ("市市场监管局", "government", ECON),
    ("市体育局", "government", EDU),
    ("市统计局", "government", ECON),
    ("市医保局", "government", EDU),
    ("市林业局", "government", AGRI),
    ("市城管局", "government", ENV),
    ("市数据资源局", "government", ECON),
    ("市信访局", "government", SOC),
    ("市金融办", "government", ECON),
    ("市扶贫办", "government", AGRI),
    ("市人防办", "government", SOC),
    ("市供销社", "government", AGRI),
    ("市税务局", "other", ECON),
    ("市供电公司", "other", ECON),
    ("人民银行示例市中心支行", "other", ECON),
    ("市气象局", "other", AGRI),
    ("市邮政管理局", "other", ECON),
    ("市消防救援支队", "other", SOC),
    ("市人大常委会办公室", "congress", SOC),
    ("市中级人民法院", "court", SOC),
    ("市人民检察院", "procuratorate", SOC),
)


def _short(name: str) -> str:
    """简称 as a city writes them: 市委办, 市政府办, 住房城乡建设局 (市 dropped from departments)."""
    if name.startswith(("市委", "市政府", "市人大")):
        return name.removesuffix("办公室") + "办" if name.endswith("办公室") else name
    if name.startswith("市") and len(name) > 3:
        return name[1:]
    return name


def load(ctx: DemoContext) -> None:
    """Create the committee and every organisation row the later steps refer to."""
    with clock.at(LIVE_FROM):
        committee, _ = committee_setup(name=NAME, slug=SLUG, level="city",
                                       admin_password=PASSWORD)
    ctx.committee = committee
    # Review in two stages (提案组初审, then 提案委员会 decides) and number in category order
    # once the plenary batch is decided, as city 政协 commonly do.
    ProposalConfig.objects.filter(committee=committee).update(
        two_stage_review=True, numbering=ProposalConfig.Numbering.CLASSIFIED
    )
    ctx.term = Term.objects.create(committee=committee, **TERM)
    for spec in SESSIONS:
        ctx.sessions[spec["year"]] = Session.objects.create(
            committee=committee, term=ctx.term, **spec
        )
    ctx.sectors = {
        name: Sector.objects.create(committee=committee, name=name, order=i)
        for i, (name, _) in enumerate(SECTORS)
    }
    ctx.special_committees = {
        name: SpecialCommittee.objects.create(committee=committee, name=name, order=i)
        for i, name in enumerate(SPECIAL_COMMITTEES)
    }
    bodies = [(n, Party.Kind.PARTY) for n in DEMOCRATIC_PARTIES]
    bodies += [(n, Party.Kind.GROUP) for n in GROUPS]
    ctx.parties = {
        name: Party.objects.create(committee=committee, name=name, kind=kind, order=i)
        for i, (name, kind) in enumerate(bodies)
    }
    rng = ctx.rng("units")
    names = NameBook(rng)
    for i, (name, kind, liaison) in enumerate(UNITS):
        ctx.units[name] = Unit.objects.create(
            committee=committee, name=name, short_name=_short(name), kind=kind,
            liaison_committee=ctx.special_committees[liaison],
            contact_person=names.take(rng.choice("MF")),
            contact_phone=f"1390001{i:04d}", order=i + 1,
        )
    ctx.categories = {c.name: c for c in Category.objects.filter(committee=committee)}
    ctx.grounds = {g.text: g for g in RefusalGround.objects.filter(committee=committee)}
    ctx.summary["units"] = len(ctx.units)
    ctx.log(f"组织机构：{CITY}政协、{len(SESSIONS)}次会议、{len(ctx.sectors)}个界别、"
            f"{len(ctx.special_committees)}个专委会、{len(ctx.parties)}个党派团体、"
            f"{len(ctx.units)}个承办单位")
