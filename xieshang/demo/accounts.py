"""Step 3: logins for every role, one for every member, and the agents of parties and bodies."""

from django.contrib.auth.hashers import make_password

from xieshang.accounts.models import User
from xieshang.accounts.roles import Role
from xieshang.accounts.services import user_create
from xieshang.core import clock
from xieshang.organization.models import Member

from .context import PASSWORD, SLUG, DemoContext, DemoMember
from .names import NameBook
from .organisation import (
    DEMOCRATIC_PARTIES,
    GROUP_SECTORS,
    LIVE_FROM,
    SECTORS,
    SPECIAL_COMMITTEES,
    UNITS,
)

UNIT = "市住房城乡建设局"

# Staff logins: username, role, scope (unit name), a description of the person.
STAFF_ACCOUNTS = (
    ("demo-staff", Role.PROPOSAL_STAFF, None, "提案委员会办公室，初审、退回修改"),
    ("demo-chief", Role.PROPOSAL_CHIEF, None, "提案委员会办公室主任，复审、审查决定、编号"),
    ("demo-office", Role.ASSIGN_OFFICE, None, "市委市政府督查室，交办"),
    ("demo-unit", Role.UNIT_HANDLER, UNIT, UNIT),
    ("demo-unitlead", Role.UNIT_LEADER, UNIT, UNIT),
    ("demo-info", Role.INFO_OFFICE, None, "社情民意信息办编辑：审核来稿、编辑、组稿、报送、录入采用和批示"),
    ("demo-liaison", Role.LIAISON, None, "市政协办公室（联络工作，无专委会范围）：协商计划、大会、常委会议、培训"),
    ("demo-leader", Role.LEADER, None, "市政协分管副主席"),
)
ADMIN_ACCOUNTS = (
    (f"{SLUG}-admin", Role.SYS_ADMIN, "三员之一"),
    (f"{SLUG}-security", Role.SECURITY_ADMIN, "三员之一"),
    (f"{SLUG}-audit", Role.AUDIT_ADMIN, "三员之一"),
)
# Member logins with fixed names; the members behind them are picked by `_named_members`.
MEMBER_ACCOUNTS = (
    ("demo-member", "教育界，有本人提案和联名提案"),
    ("demo-member2", "教育界，联名人"),
    ("demo-party", "以民盟名义提出党派提案"),
)
PARTY_OF_DEMO_PARTY = "民盟"

# Logins created by the 2020 社情民意 and activities step (`people_2020`), listed here too:
# username, role, special committee (scope of a liaison), who.
STAFF_2020_ACCOUNTS = (
    ("demo-info2", Role.INFO_OFFICE, None, "社情民意信息办主任：签发《社情民意》（不编辑）"),
    *((f"demo-sc{i:02d}", Role.LIAISON, name, f"{name}办公室（联络工作人员）")
      for i, name in enumerate(SPECIAL_COMMITTEES, start=1)),
)
# Invited information officers (特邀信息员): plain logins, authorised by the office.
REPORTER_ACCOUNTS = (
    ("demo-reporter1", "示例日报社记者，特邀信息员"),
    ("demo-reporter2", "东湖区社区工作者，特邀信息员"),
)


def unit_usernames(unit: str) -> tuple[str, str]:
    """Return the handler's and the leader's login of a unit: demo-unitNN / demo-unitleadNN.

    NN is the unit's place in `organisation.UNITS`; 市住房城乡建设局 keeps demo-unit/-unitlead.
    """
    if unit == UNIT:
        return "demo-unit", "demo-unitlead"
    number = next(i for i, row in enumerate(UNITS, start=1) if row[0] == unit)
    return f"demo-unit{number:02d}", f"demo-unitlead{number:02d}"


def _unit_accounts(ctx: DemoContext, names: NameBook) -> list[User]:
    """Give every unit a handler (its contact person) and a leader who signs replies off."""
    rng = ctx.rng("unit-accounts")
    created = []
    for name, unit in ctx.units.items():
        handler_name, leader_name = unit_usernames(name)
        if name == UNIT:
            handler, leader = ctx.users[handler_name], ctx.users[leader_name]
        else:
            handler = user_create(
                committee=ctx.committee, username=handler_name, full_name=unit.contact_person,
                phone=unit.contact_phone, roles=[{"role": Role.UNIT_HANDLER, "unit": unit}],
                must_change_password=False,
            )
            leader = user_create(
                committee=ctx.committee, username=leader_name,
                full_name=names.take(rng.choice("MMMF")),
                roles=[{"role": Role.UNIT_LEADER, "unit": unit}], must_change_password=False,
            )
            created += [handler, leader]
        ctx.unit_staff[name] = (handler, leader)
    return created


def member_username(member: Member) -> str:
    """Return the login name of a member without a fixed demo name."""
    return f"demo-w{member.code}"


def _named_members(ctx: DemoContext) -> dict[str, DemoMember]:
    teachers = [m for m in ctx.members if m.sector == "教育界" and not m.is_standing]
    democratic = [m for m in ctx.members if m.sector == PARTY_OF_DEMO_PARTY]
    return {"demo-member": teachers[0], "demo-member2": teachers[1],
            "demo-party": democratic[0]}


def _agents(ctx: DemoContext, named: dict[str, DemoMember]) -> None:
    """Pick, for every body that may propose, a member who acts for it (经办人)."""
    rng = ctx.rng("agents")
    taken = {id(m) for k, m in named.items() if k != "demo-party"}

    def pick(candidates: list[DemoMember]) -> DemoMember:
        free = [m for m in candidates if id(m) not in taken]
        chosen = rng.choice(free[:6])
        taken.add(id(chosen))
        return chosen

    ctx.agents[("party", PARTY_OF_DEMO_PARTY)] = named["demo-party"]
    taken.add(id(named["demo-party"]))
    for party in DEMOCRATIC_PARTIES:
        members = [m for m in ctx.members if m.sector == party]
        if members and party != PARTY_OF_DEMO_PARTY:
            ctx.agents[("party", party)] = pick(members)
    for group, sector in GROUP_SECTORS.items():
        ctx.agents[("group", group)] = pick([m for m in ctx.members if m.sector == sector])
    for name in ctx.special_committees:
        seated = [m for m in ctx.members if m.special_committee == name]
        ctx.agents[("special_committee", name)] = pick(
            [m for m in seated if m.is_standing] + [m for m in seated if not m.is_standing]
        )
    for sector, _ in SECTORS:
        ctx.agents[("sector", sector)] = pick([m for m in ctx.members if m.sector == sector])


def _grant(ctx: DemoContext, kind: str, body: str) -> dict:
    scope = {
        "party": ("party", ctx.parties), "group": ("party", ctx.parties),
        "special_committee": ("special_committee", ctx.special_committees),
        "sector": ("sector", ctx.sectors),
    }[kind]
    return {"role": Role.BODY_AGENT, scope[0]: scope[1][body]}


def load(ctx: DemoContext) -> None:
    """Create the staff logins, a login for every member, and the body agents' grants."""
    rng = ctx.rng("accounts")
    names = NameBook(rng)
    named = _named_members(ctx)
    _agents(ctx, named)
    by_member: dict[int, list[dict]] = {}
    for (kind, body), m in ctx.agents.items():
        by_member.setdefault(m.member.pk, []).append(_grant(ctx, kind, body))
    usernames = {m.member.pk: username for username, m in named.items()}
    created: list[User] = []
    with clock.at(LIVE_FROM):
        for username, role, unit, _ in STAFF_ACCOUNTS:
            scope = {"unit": ctx.units[unit]} if unit else {}
            user = user_create(
                committee=ctx.committee, username=username,
                full_name=names.take(rng.choice("MF")), roles=[{"role": role, **scope}],
                must_change_password=False,
            )
            ctx.users[username] = user
            created.append(user)
        for m in ctx.members:
            username = usernames.get(m.member.pk) or member_username(m.member)
            roles = [{"role": Role.MEMBER}, *by_member.get(m.member.pk, [])]
            m.user = user_create(
                committee=ctx.committee, username=username, full_name=m.member.name,
                phone=m.member.mobile, roles=roles, must_change_password=False,
            )
            m.member.user = m.user
            created.append(m.user)
            if m.member.pk in usernames:
                ctx.users[username] = m.user
        leaders = NameBook(ctx.rng("unit-leaders"))
        leaders.used |= {m.name for m in ctx.members} | names.used
        leaders.used |= {u.contact_person for u in ctx.units.values()}
        created += _unit_accounts(ctx, leaders)
    Member.objects.bulk_update([m.member for m in ctx.members], ["user"])
    # One hash for all demo logins: hashing 470 passwords one by one would take minutes.
    User.objects.filter(pk__in=[u.pk for u in created]).update(password=make_password(PASSWORD))
    User.objects.filter(username__in=[a[0] for a in ADMIN_ACCOUNTS]).update(
        must_change_password=False
    )
    ctx.users.update({u.username: u for u in User.objects.filter(
        username__in=[a[0] for a in ADMIN_ACCOUNTS])})
    ctx.summary["logins"] = User.objects.filter(committee=ctx.committee).count()
    ctx.log(f"账号：{ctx.summary['logins']}个（含全部委员、{len(ctx.agents)}个党派团体/"
            f"专委会/界别经办人、{len(ctx.unit_staff)}个承办单位的经办人和负责人），密码均为演示密码")


def account_rows(committee=None) -> list[tuple[str, str, str]]:
    """Return (username, role in Chinese, who) for every named demo login."""
    people = {}
    if committee is not None:
        people = dict(User.objects.filter(committee=committee).values_list(
            "username", "full_name"))
    rows = []
    for username, role, _, text in STAFF_ACCOUNTS:
        rows.append((username, Role(role).label, _who(people, username, text)))
    for username, role, _, text in STAFF_2020_ACCOUNTS:
        rows.append((username, Role(role).label, _who(people, username, text)))
    for username, text in REPORTER_ACCOUNTS:
        rows.append((username, "特邀信息员", _who(people, username, text)))
    labels = {"demo-party": f"委员、{Role.BODY_AGENT.label}（{PARTY_OF_DEMO_PARTY}）"}
    for username, text in MEMBER_ACCOUNTS:
        rows.append((username, labels.get(username, Role.MEMBER.label),
                     _who(people, username, text)))
    for username, role, text in ADMIN_ACCOUNTS:
        rows.append((username, Role(role).label, text))
    return rows


def unit_account_rows(committee=None) -> list[tuple[str, str, str]]:
    """Return (handler login, leader login, unit with the people's names) for every unit."""
    people = {}
    if committee is not None:
        people = dict(User.objects.filter(committee=committee).values_list(
            "username", "full_name"))
    rows = []
    for name, _, _ in UNITS:
        handler, leader = unit_usernames(name)
        who = ""
        if handler in people:
            who = f"（经办人{people[handler]}，负责人{people.get(leader, '')}）"
        rows.append((handler, leader, name + who))
    return rows


def _who(people: dict[str, str], username: str, text: str) -> str:
    name = people.get(username)
    return f"{name}，{text}" if name else text
