"""Shared test helpers: a small but complete committee with a user for every role."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from xieshang.accounts.models import User
from xieshang.accounts.roles import Role
from xieshang.accounts.services import user_create
from xieshang.core import clock
from xieshang.core.models import Committee
from xieshang.core.setup import committee_setup
from xieshang.organization.models import (
    Member,
    Membership,
    Party,
    Sector,
    Session,
    SpecialCommittee,
    Term,
    Unit,
)
from xieshang.proposals.models import Category, RefusalGround

PASSWORD = "Xs-test-pass-2026"


@dataclass
class World:
    committee: Committee
    term: Term
    session: Session
    sector: Sector
    party: Party
    group: Party
    special_committee: SpecialCommittee
    units: list[Unit]
    categories: list[Category]
    grounds: list[RefusalGround]
    members: list[Member]
    member_users: list[User]
    staff: User
    chief: User
    office: User
    leader: User
    party_agent: User
    sys_admin: User
    unit_handler: User
    users: dict[str, User] = field(default_factory=dict)
    unit_handlers: list[User] = field(default_factory=list)
    unit_leaders: list[User] = field(default_factory=list)


def _user(committee, username, full_name, *roles, **scope) -> User:
    return user_create(
        committee=committee, username=username, full_name=full_name, password=PASSWORD,
        roles=[{"role": r, **scope} for r in roles], must_change_password=False,
    )


def make_world(slug: str = "testcity", members: int = 6, today: date | None = None) -> World:
    """Build a committee whose current session's proposal window contains `today`."""
    today = today or clock.today()
    committee, _ = committee_setup(name=f"{slug}政协", slug=slug, level="city",
                                   admin_password=PASSWORD)
    term = Term.objects.create(committee=committee, number=5, name="第五届",
                               start_date=today - timedelta(days=400))
    session = Session.objects.create(
        committee=committee, term=term, number=3, name="五届三次会议", year=today.year,
        opening_date=today + timedelta(days=10), closing_date=today + timedelta(days=14),
        proposal_deadline=today + timedelta(days=12),
    )
    sector = Sector.objects.create(committee=committee, name="经济界")
    party = Party.objects.create(committee=committee, name="民盟", kind="party")
    group = Party.objects.create(committee=committee, name="工商联", kind="group")
    sc = SpecialCommittee.objects.create(committee=committee, name="提案委员会")
    units = [
        Unit.objects.create(committee=committee, name=n, kind="government", liaison_committee=sc)
        for n in ("市发展改革委", "市住房城乡建设局", "市生态环境局")
    ]
    member_rows, member_users = [], []
    for i in range(members):
        user = _user(committee, f"{slug}-m{i}", f"委员{i}", Role.MEMBER)
        m = Member.objects.create(committee=committee, code=f"{slug}{i:03d}", name=f"委员{i}",
                                  user=user)
        Membership.objects.create(committee=committee, member=m, term=term, sector=sector,
                                  party=party if i % 2 else None)
        member_rows.append(m)
        member_users.append(user)
    agent = _user(committee, f"{slug}-agent", "民盟经办人", Role.MEMBER)
    Member.objects.create(committee=committee, code=f"{slug}-agent", name="民盟经办人",
                          user=agent)
    Membership.objects.create(committee=committee, member=agent.member, term=term,
                              sector=sector, party=party)
    from xieshang.accounts.models import RoleAssignment

    RoleAssignment.objects.create(committee=committee, user=agent, role=Role.BODY_AGENT,
                                  party=party)
    world = World(
        committee=committee, term=term, session=session, sector=sector, party=party,
        group=group, special_committee=sc, units=units,
        categories=list(Category.objects.filter(committee=committee)),
        grounds=list(RefusalGround.objects.filter(committee=committee)),
        members=member_rows, member_users=member_users,
        staff=_user(committee, f"{slug}-staff", "提案委干部", Role.PROPOSAL_STAFF),
        chief=_user(committee, f"{slug}-chief", "提案委主任", Role.PROPOSAL_CHIEF),
        office=_user(committee, f"{slug}-office", "交办督查室", Role.ASSIGN_OFFICE),
        leader=_user(committee, f"{slug}-leader", "分管领导", Role.LEADER),
        party_agent=agent,
        sys_admin=User.objects.get(username=f"{slug}-admin"),
        unit_handler=_user(committee, f"{slug}-unit", "住建局经办人", Role.UNIT_HANDLER,
                           unit=units[1]),
    )
    world.unit_handlers = [world.unit_handler if i == 1 else
                           _user(committee, f"{slug}-unit{i}", f"{u.name}经办人",
                                 Role.UNIT_HANDLER, unit=u)
                           for i, u in enumerate(units)]
    world.unit_leaders = [_user(committee, f"{slug}-lead{i}", f"{u.name}分管领导",
                                Role.UNIT_LEADER, unit=u) for i, u in enumerate(units)]
    world.users = {u.username: u for u in User.objects.filter(committee=committee)}
    return world


def fresh(user: User) -> User:
    """Reload a user so cached role grants do not leak between steps."""
    return User.objects.select_related("committee").get(pk=user.pk)


def draft_kwargs(world: World, **overrides) -> dict:
    """Return valid keyword arguments for proposal_create."""
    kwargs = {
        "proposer_type": "individual",
        "title": "关于加快老旧小区改造的建议",
        "reasons": "我市2000年以前建成的老旧小区有300余个，设施老化，群众反映强烈。",
        "suggestions": "一是统筹资金；二是完善加装电梯政策；三是建立长效管理机制。",
        "category_id": world.categories[3].pk,
        "lead_unit_ids": [world.units[1].pk],
        "co_unit_ids": [world.units[0].pk],
    }
    kwargs.update(overrides)
    return kwargs
