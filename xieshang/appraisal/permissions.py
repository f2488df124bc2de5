"""Who may do what with records, rules, appraisals, questions, decisions and annual reports.

The member liaison office (委员联络室: liaison staff without a body scope) keeps the records and
runs the appraisal; staff and leaders read everything; a member reads their own record only.
"""

from xieshang.accounts.models import User
from xieshang.accounts.roles import STAFF_ROLES
from xieshang.accounts.selectors import has_role
from xieshang.activities.permissions import is_general_office
from xieshang.core.errors import NotFound


def _same(user: User, obj) -> bool:
    return bool(getattr(user, "committee_id", None)) and user.committee_id == obj.committee_id


def member_of(user: User):
    """Return the user's Member row, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.member
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist when the user is no member
        return None


def can_read_all(user: User) -> bool:
    """Staff and leaders see every member's record and the appraisal workspace."""
    return getattr(user, "is_authenticated", False) and has_role(user, *STAFF_ROLES)


def can_manage(user: User, obj=None) -> bool:
    """The member liaison office edits rules, computes, publishes, answers and decides."""
    if obj is not None and not _same(user, obj):
        return False
    return getattr(user, "is_authenticated", False) and is_general_office(user)


def can_view_member(user: User, member) -> bool:
    if not _same(user, member):
        return False
    own = member_of(user)
    return can_read_all(user) or (own is not None and own.pk == member.pk)


def is_report_owner(user: User, report) -> bool:
    own = member_of(user)
    return _same(user, report) and own is not None and report.member_id == own.pk


def can_view_report(user: User, report) -> bool:
    return is_report_owner(user, report) or (_same(user, report) and can_read_all(user))


def access(model, user: User, pk: int, *, for_update: bool = False):
    """Return a row of the user's committee, or the same NotFound for missing and not yours."""
    qs = model.objects.filter(pk=pk, committee_id=getattr(user, "committee_id", None))
    if for_update:
        qs = qs.select_for_update(of=("self",))
    row = qs.first()
    if row is None:
        raise NotFound()
    return row


def access_member(user: User, member_id: int):
    """Return the member if the user may read their record; NotFound otherwise."""
    from xieshang.organization.models import Member

    member = Member.objects.filter(pk=member_id,
                                   committee_id=getattr(user, "committee_id", None)).first()
    if member is None or not can_view_member(user, member):
        raise NotFound()
    return member
