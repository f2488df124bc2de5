"""Who may manage accounts and read the audit log (三员分立: system, security, audit)."""

from xieshang.core.errors import NotFound

from .models import User
from .roles import Role
from .selectors import has_role


def can_manage_accounts(user: User) -> bool:
    return has_role(user, Role.SECURITY_ADMIN)


def can_read_audit_log(user: User) -> bool:
    return has_role(user, Role.AUDIT_ADMIN)


def access_user(actor: User, user_id: int) -> User:
    """Return a user of the actor's committee, or the same NotFound for missing and foreign."""
    user = User.objects.filter(pk=user_id, committee_id=actor.committee_id).first()
    if user is None or not actor.committee_id:
        raise NotFound()
    return user
