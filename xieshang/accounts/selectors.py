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


def user_list(*, committee_id: int):
    """Return the committee's users with their roles and lock state."""
    from django.db.models import OuterRef, Subquery

    from .models import LoginThrottle, User

    locked = LoginThrottle.objects.filter(username=OuterRef("username")).values("locked_until")
    return (
        User.objects.filter(committee_id=committee_id)
        .annotate(locked_until=Subquery(locked[:1]))
        .prefetch_related("role_assignments__unit", "role_assignments__party",
                          "role_assignments__special_committee", "role_assignments__sector")
        .order_by("username")
    )


def audit_log(*, committee_id: int, action: str | None = None):
    """Return the committee's audit events, newest first."""
    from .models import AuditEvent

    qs = AuditEvent.objects.filter(committee_id=committee_id).select_related("actor")
    return qs.filter(action=action) if action else qs
