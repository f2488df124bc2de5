"""Helpers building activities, plans and liaison users for the tests."""

from datetime import datetime, timedelta

from xieshang.accounts.models import RoleAssignment, User
from xieshang.accounts.roles import Role
from xieshang.accounts.services import user_create
from xieshang.activities import selectors, services
from xieshang.core import clock
from xieshang.core.testing import PASSWORD, World, fresh
from xieshang.organization.models import SpecialCommittee


def liaison(world: World, name: str = "office", **scope) -> User:
    """Return a liaison user; without scope it is the general office."""
    username = f"{world.committee.slug}-liaison-{name}"
    user = User.objects.filter(username=username).first()
    if user is None:
        user = user_create(committee=world.committee, username=username,
                           full_name=f"联络{name}", password=PASSWORD,
                           roles=[{"role": Role.LIAISON, **scope}], must_change_password=False)
    return fresh(user)


def sc_liaison(world: World) -> User:
    """The liaison staff of the world's special committee."""
    return liaison(world, "sc", special_committee=world.special_committee)


def other_sc(world: World) -> SpecialCommittee:
    return SpecialCommittee.objects.get_or_create(committee=world.committee, name="文史委员会")[0]


def type_id(world: World, name: str = "调研") -> int:
    return selectors.activity_types(committee_id=world.committee.pk).get(name=name).pk


def activity(world: World, *, actor: User | None = None, start: datetime | None = None,
             hours: float = 2, mode: str = "compulsory", invite: list[int] | None = None,
             publish: bool = True, organisers: list[dict] | None = None,
             type_name: str = "调研", title: str = "老旧小区改造联合调研", **kwargs):
    """Create (and by default publish) an activity with the first members invited."""
    actor = actor or sc_liaison(world)
    start = start or clock.now() + timedelta(days=3)
    a = services.activity_create(
        actor=actor, type_id=type_id(world, type_name), title=title, start=start,
        end=start + timedelta(hours=hours), mode=mode, place="市政协三楼会议室",
        organisers=organisers or [{"kind": "special_committee",
                                   "id": world.special_committee.pk}], **kwargs)
    ids = invite if invite is not None else [m.pk for m in world.members[:3]]
    if ids:
        services.activity_invite(actor=fresh(actor), activity_id=a.pk, member_ids=ids)
    if publish:
        services.activity_publish(actor=fresh(actor), activity_id=a.pk)
    a.refresh_from_db()
    return a


def grant(world: World, user: User, role: str, **scope) -> User:
    RoleAssignment.objects.create(committee=world.committee, user=user, role=role, **scope)
    return fresh(user)
