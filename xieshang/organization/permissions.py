"""Who may change the organisation's records."""

from xieshang.accounts.models import User
from xieshang.accounts.roles import Role
from xieshang.accounts.selectors import has_role
from xieshang.core.models import Committee


def can_import(user: User, committee: Committee | None = None) -> bool:
    """Say whether the user may import members and units into the committee (their own)."""
    committee_id = committee.pk if committee is not None else user.committee_id
    return bool(
        getattr(user, "is_authenticated", False)
        and committee_id
        and user.committee_id == committee_id
        and has_role(user, Role.SYS_ADMIN)
    )
