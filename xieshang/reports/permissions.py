"""Who may read what the reports app shows."""

from xieshang.accounts.models import User
from xieshang.accounts.roles import STAFF_ROLES
from xieshang.accounts.selectors import has_role


def can_read_topics(user: User) -> bool:
    """The hot topics (page, export, API): the committee's staff roles, 社情民意信息办 included."""
    return user.is_authenticated and has_role(user, *STAFF_ROLES)
