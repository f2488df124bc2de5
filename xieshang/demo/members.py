"""Step 2: about 450 members with workplaces, posts and seats in the term."""

import random

from xieshang.organization.models import Member, Membership
from xieshang.textintel.strokes import name_key

from .context import CITY, DemoContext, DemoMember
from .names import NameBook
from .organisation import AGRI, CULT, ECON, EDU, ENV, ETH, FOREIGN, PROP, SECTORS, SOC

# Districts and counties of the fictitious city, used in workplaces and in proposal texts.
PLACES = ("东湖区", "西城区", "南湖区", "临河县", "青山县", "白沙县", "柳溪县", "河口市")
ZONES = ("示例经济技术开发区", "示例高新技术产业开发区")
TOWNS = ("城关镇", "新集镇", "王店镇", "李桥镇", "张湖镇", "刘集镇", "双河镇", "高庄镇",
         "杨楼镇", "马寨镇", "清水镇", "三塔镇")
VILLAGES = ("前进村", "红星村", "大李村", "孙庄村", "东岗村", "柳林村", "新河村", "王楼村",
            "白庙村", "杏花村")
BRANDS = ("恒通", "华昌", "瑞丰", "金穗", "天润", "宏达", "新源", "信诚", "佳和", "众鑫",
          "安泰", "永盛", "锦程", "博远", "德康", "鼎立", "和顺", "丰源", "汇智", "中科创",
          "明辉", "广润", "同力", "嘉禾")
INDUSTRIES = ("纺织", "食品", "建材", "物流", "电子科技", "生物医药", "农业开发", "新能源",
              "置业", "机械制造", "服饰", "环保科技", "商贸", "酒业", "包装材料", "智能装备")
SCHOOLS = ("示例市第一中学", "示例市第二中学", "示例市第三中学", "示例市实验中学",
           "示例市实验小学", "示例市第五小学", "示例市城南小学", "示例市第一幼儿园")
COLLEGES = ("示例学院", "示例职业技术学院", "示例幼儿师范高等专科学校")
HOSPITALS = ("示例市人民医院", "示例市第二人民医院", "示例市中医院", "示例市妇幼保健院",
             "示例市肿瘤医院", "示例市第三人民医院")
BUREAUS = ("教育局", "民政局", "财政局", "商务局", "水利局", "农业农村局", "文化和旅游局",
           "自然资源和规划局", "生态环境局", "交通运输局", "审计局", "统计局", "林业局")
LAW_FIRMS = ("示例正言律师事务所", "示例明法律师事务所", "示例公信律师事务所")

# A professional's workplace and post, used for members of the parties and non-party members.
PROFESSIONS = (
    "{school}副校长", "{school}高级教师", "{college}教授", "{college}副教授",
    "{hospital}主任医师", "{hospital}副主任医师", "{hospital}副院长",
    "示例市规划设计研究院高级工程师", "示例市建筑设计院总工程师", "{law}主任律师",
    "{company}总经理", "{place}{bureau}副局长", "示例市农业科学研究院研究员",
    "示例市会计师事务所所长", "示例市图书馆副馆长", "示例日报社编辑",
)

# 工作单位及职务 templates for each sector.
WORKPLACES = {
    "中共": ("中共示例市委统战部副部长", "示例市{bureau}党组书记、局长", "{place}政协主席",
             "{place}人大常委会副主任", "{place}{town}党委书记", "示例市人民医院党委书记",
             "示例学院党委副书记", "示例市政协办公室主任", "示例市{bureau}副局长",
             "{company}党委书记"),
    "无党派人士": PROFESSIONS,
    "共青团": ("共青团示例市委副书记", "共青团{place}委员会书记",
               "示例市青年企业家协会会长、{company}总经理", "{college}团委书记",
               "{place}{town}{village}党支部副书记（大学生村官）"),
    "工会": ("示例市总工会副主席", "{company}工会主席", "{company}高级技师",
             "{company}车间主任", "示例市职工服务中心主任"),
    "妇联": ("示例市妇联副主席", "{place}妇联主席", "示例市女企业家协会会长、{company}董事长",
             "{place}{town}{village}党支部书记", "示例市巾帼家政服务中心主任"),
    "科协": ("示例市科协副主席", "示例市农业科学研究院研究员", "{college}教授",
             "示例市机械工程学会理事长", "{company}总工程师"),
    "台联": ("示例市台联会长", "{company}总经理", "{college}副教授"),
    "侨联": ("示例市侨联副主席", "{company}董事长", "{hospital}主任医师"),
    "工商联": ("示例市工商联副主席、{company}董事长", "{company}董事长", "{company}总经理",
               "示例市{industry}商会会长、{company}董事长", "{company}董事长兼总经理"),
    "文化艺术界": ("示例市文联副主席", "示例市书法家协会主席", "示例市歌舞剧院院长",
                   "示例市美术家协会副主席", "示例市博物馆馆长", "示例市文化馆副馆长",
                   "示例市花鼓灯艺术团团长"),
    "科学技术界": ("示例市农业科学研究院院长", "{company}总工程师", "{college}教授",
                   "示例市产品质量监督检验所所长", "示例市科技情报研究所所长"),
    "社会科学界": ("中共示例市委党校教授", "{college}文学院教授", "示例市社科联副主席",
                   "示例市地方志研究室主任", "{college}经济管理学院副院长"),
    "经济界": ("{company}董事长", "{company}总经理", "示例农村商业银行行长",
               "示例市供电公司副总经理", "{place}发展和改革委员会主任", "示例市会计师事务所所长",
               "示例市城市建设投资集团副总经理"),
    "农业界": ("{place}{town}{village}党支部书记", "示例市{brand}种植专业合作社理事长",
               "示例市农业科学研究院研究员", "{place}农业农村局局长",
               "{company}董事长", "示例市{brand}家庭农场负责人"),
    "教育界": ("{school}校长", "{school}副校长", "{school}高级教师", "{college}教授",
               "{college}副院长", "{place}教育局局长"),
    "体育界": ("示例市体育运动学校校长", "示例市体育中心主任", "{school}体育教师",
               "示例市武术协会会长"),
    "新闻出版界": ("示例日报社副总编辑", "示例市广播电视台主任记者", "示例市新华书店总经理",
                   "示例日报社记者"),
    "医药卫生界": ("{hospital}院长", "{hospital}副院长", "{hospital}主任医师",
                   "示例市疾病预防控制中心主任", "{place}卫生健康委员会主任", "{hospital}护士长"),
    "对外友好界": ("示例市外事办公室副主任", "{company}总经理", "{college}外国语学院院长"),
    "社会福利和社会保障界": ("示例市社会福利院院长", "示例市{brand}养老服务中心主任",
                             "示例市慈善总会副会长", "示例市残疾人联合会副理事长",
                             "示例市医疗保障局副局长"),
    "少数民族界": ("示例市民族宗教事务局副局长", "{place}回族乡乡长", "{company}总经理"),
    "宗教界": ("示例市佛教协会会长", "示例市伊斯兰教协会会长", "示例市基督教两会主席",
               "示例市道教协会副会长", "示例市天主教爱国会主任"),
    "特邀人士": ("示例市中级人民法院副院长", "示例市人民检察院副检察长", "{law}主任律师",
                 "示例市政协原副秘书长", "{place}政协副主席", "示例市公安局副局长"),
}

PARTY_SECTORS = ("民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社")
PARTY_POSTS = ("主委", "副主委", "副主委", "秘书长", "常委", "委员", "委员", "委员")

# Special committees a sector's members usually sit on.
COMMITTEE_PREFERENCE = {
    "中共": (ECON, SOC, AGRI, PROP), "民革": (SOC, CULT, PROP), "民盟": (EDU, CULT, PROP),
    "民建": (ECON, PROP), "民进": (EDU, CULT), "农工党": (EDU, ENV), "致公党": (FOREIGN, ECON),
    "九三学社": (ENV, EDU), "无党派人士": (PROP, EDU, ECON), "共青团": (SOC, EDU),
    "工会": (SOC, ECON), "妇联": (SOC,), "科协": (EDU, ENV), "台联": (FOREIGN,),
    "侨联": (FOREIGN,), "工商联": (ECON, PROP), "文化艺术界": (CULT,),
    "科学技术界": (EDU, ENV), "社会科学界": (CULT, PROP), "经济界": (ECON, PROP),
    "农业界": (AGRI,), "教育界": (EDU,), "体育界": (EDU,), "新闻出版界": (CULT,),
    "医药卫生界": (EDU, SOC), "对外友好界": (FOREIGN,), "社会福利和社会保障界": (SOC,),
    "少数民族界": (ETH,), "宗教界": (ETH,), "特邀人士": (SOC, PROP),
}

# How often members of a sector write proposals, relative to the average.
ACTIVITY = {"中共": 0.35, "特邀人士": 0.5, "宗教界": 0.6, "少数民族界": 0.8, "体育界": 0.8}
PARTY_ACTIVITY = 1.6
FEMALE_SHARE = {"妇联": 0.85, "教育界": 0.5, "医药卫生界": 0.45, "文化艺术界": 0.45,
                "社会福利和社会保障界": 0.5}


def workplace(rng: random.Random, sector: str, party: str | None) -> str:
    """Return a 工作单位及职务 for a member of the sector."""
    if sector in PARTY_SECTORS:
        post = rng.choice(PARTY_POSTS)
        job = _fill(rng, rng.choice(PROFESSIONS))
        return f"{sector}示例市委{post}，{job}" if post != "委员" else job
    return _fill(rng, rng.choice(WORKPLACES[sector]))


def _fill(rng: random.Random, template: str) -> str:
    return template.format(
        school=rng.choice(SCHOOLS), college=rng.choice(COLLEGES),
        hospital=rng.choice(HOSPITALS), bureau=rng.choice(BUREAUS), law=rng.choice(LAW_FIRMS),
        company=company(rng), place=rng.choice(PLACES), town=rng.choice(TOWNS),
        village=rng.choice(VILLAGES), industry=rng.choice(INDUSTRIES), brand=rng.choice(BRANDS),
    )


def company(rng: random.Random) -> str:
    return f"示例{rng.choice(BRANDS)}{rng.choice(INDUSTRIES)}有限公司"


def _party_for(rng: random.Random, sector: str) -> str | None:
    if sector in PARTY_SECTORS:
        return sector
    # Some members of other sectors belong to a democratic party as well.
    if sector in ("教育界", "医药卫生界", "科学技术界", "文化艺术界", "社会科学界", "经济界"):
        if rng.random() < 0.2:
            return rng.choice(PARTY_SECTORS)
    return None


def load(ctx: DemoContext) -> None:
    """Create the members of the term and their seats."""
    rng = ctx.rng("members")
    names = NameBook(rng)
    committees = list(ctx.special_committees)
    rows: list[tuple[Member, DemoMember]] = []
    index = 0
    for sector, count in SECTORS:
        for _ in range(count):
            index += 1
            gender = "F" if rng.random() < FEMALE_SHARE.get(sector, 0.3) else "M"
            party = _party_for(rng, sector)
            preferred = COMMITTEE_PREFERENCE[sector]
            committee_name = (
                rng.choice(preferred) if rng.random() < 0.8 else rng.choice(committees)
            )
            activity = ACTIVITY.get(sector, 1.0) * (PARTY_ACTIVITY if party else 1.0)
            member = Member(
                committee=ctx.committee, code=f"05{index:03d}", name=names.take(gender),
                gender=gender, mobile=f"1390000{index:04d}",
                workplace=workplace(rng, sector, party),
            )
            demo = DemoMember(
                member=member, sector=sector, party=party, special_committee=committee_name,
                is_standing=rng.random() < 0.14, activity=activity * rng.gammavariate(1.5, 1.0),
            )
            rows.append((member, demo))
    for member, _ in rows:
        member.name_key = name_key(member.name)
    Member.objects.bulk_create([m for m, _ in rows])
    # bulk_create sets primary keys on SQLite and PostgreSQL; reload to be safe elsewhere.
    by_code = {m.code: m for m in Member.objects.filter(committee=ctx.committee)}
    seats = []
    for member, demo in rows:
        demo.member = by_code[member.code]
        seats.append(Membership(
            committee=ctx.committee, member=demo.member, term=ctx.term,
            sector=ctx.sectors[demo.sector],
            party=ctx.parties[demo.party] if demo.party else None,
            is_standing=demo.is_standing,
        ))
        ctx.members.append(demo)
    Membership.objects.bulk_create(seats)
    through = Membership.special_committees.through
    seat_ids = dict(
        Membership.objects.filter(term=ctx.term).values_list("member_id", "id")
    )
    through.objects.bulk_create([
        through(membership_id=seat_ids[d.member.pk],
                specialcommittee_id=ctx.special_committees[d.special_committee].pk)
        for d in ctx.members
    ])
    standing = sum(d.is_standing for d in ctx.members)
    ctx.summary["members"] = len(ctx.members)
    ctx.log(f"委员：{len(ctx.members)}名（常委{standing}名），{CITY}第五届")
