"""What the demo steps share: the committee, its organisation rows, its people and their logins."""

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from xieshang.accounts.models import User
from xieshang.core.models import Committee
from xieshang.organization.models import (
    Member,
    Party,
    Sector,
    Session,
    SpecialCommittee,
    Term,
    Unit,
)
from xieshang.proposals.models import Category, RefusalGround

SLUG = "demo"
NAME = "示例市政协"
CITY = "示例市"
# One password for every demo login; printed by `xieshang demo --accounts`.
PASSWORD = "Demo-2026-xieshang"
SEED = "xieshang-demo-2020"


@dataclass(eq=False)
class DemoMember:
    """A member of the demo with the seat details the generator chooses by (equal if same)."""

    member: Member
    sector: str
    party: str | None
    special_committee: str
    is_standing: bool
    activity: float
    user: User | None = None

    @property
    def name(self) -> str:
        return self.member.name


@dataclass
class DemoContext:
    """The state passed from one demo step to the next."""

    log: Callable[[str], None] = print
    committee: Committee | None = None
    term: Term | None = None
    sessions: dict[int, Session] = field(default_factory=dict)
    sectors: dict[str, Sector] = field(default_factory=dict)
    parties: dict[str, Party] = field(default_factory=dict)
    special_committees: dict[str, SpecialCommittee] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    grounds: dict[str, RefusalGround] = field(default_factory=dict)
    members: list[DemoMember] = field(default_factory=list)
    users: dict[str, User] = field(default_factory=dict)
    # (kind, body name) -> the member login that acts for the body, kind in party/group/
    # special_committee/sector.
    agents: dict[tuple[str, str], DemoMember] = field(default_factory=dict)
    # unit name -> (handler, leader) logins of every handling unit.
    unit_staff: dict[str, tuple[User, User]] = field(default_factory=dict)
    summary: dict[str, object] = field(default_factory=dict)

    def rng(self, purpose: str) -> random.Random:
        """Return a generator seeded for one purpose, so that steps do not disturb each other."""
        return random.Random(f"{SEED}:{purpose}")

    def member_by_user(self, username: str) -> DemoMember:
        return next(m for m in self.members if m.user and m.user.username == username)
