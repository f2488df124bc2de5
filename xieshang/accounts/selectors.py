"""Reads about users and their roles."""

from dataclasses import dataclass

from .models import RoleAssignment, User
from .roles import Role


@dataclass(frozen=True)
class Grant:
    role: str
    unit_id: int | None
    party_id: int | None
    special_committee_id: int | None
    sector_id: int | None


def user_grants(user: User) -> tuple[Grant, ...]:
    """Return the user's role grants in their committee, cached on the user object."""
    cached = getattr(user, "_xs_grants", None)
    if cached is not None:
        return cached
    if not getattr(user, "is_authenticated", False) or not user.committee_id or not user.is_active:
        grants: tuple[Grant, ...] = ()
    else:
        grants = tuple(
            Grant(*row)
            for row in RoleAssignment.objects.filter(
                user=user, committee_id=user.committee_id
            ).values_list("role", "unit_id", "party_id", "special_committee_id", "sector_id")
        )
    user._xs_grants = grants
    return grants


def has_role(user: User, *roles: str) -> bool:
    """Say whether the user holds any of the roles."""
    return any(g.role in roles for g in user_grants(user))


def unit_ids(user: User) -> set[int]:
    """Return the units for which the user holds a unit role."""
    return {
        g.unit_id
        for g in user_grants(user)
        if g.role in (Role.UNIT_HANDLER, Role.UNIT_LEADER) and g.unit_id
    }


def role_labels(user: User) -> list[str]:
    """Return the Chinese labels of the user's roles, without repeats."""
    seen: list[str] = []
    for g in user_grants(user):
        label = Role(g.role).label
        if label not in seen:
            seen.append(label)
    return seen
