"""Who may do what with plans, activities, attendance, leave, speeches and reports.

"谁组织谁记录": liaison staff (专委会/联络工作人员) scoped to a special committee, party or
sector manage the activities that body organises; a liaison without a scope is the general
office and manages all of them.
"""

from xieshang.accounts.models import User
from xieshang.accounts.roles import STAFF_ROLES, Role
from xieshang.accounts.selectors import has_role, user_grants
from xieshang.core.errors import NotFound

from .workflow import ActivityStatus


def _same(user: User, obj) -> bool:
    return bool(getattr(user, "committee_id", None)) and user.committee_id == obj.committee_id


def _liaison_grants(user: User):
    return [g for g in user_grants(user) if g.role == Role.LIAISON]


def is_general_office(user: User) -> bool:
    """Say whether the user is liaison staff without a body scope (the general office)."""
    return any(not (g.special_committee_id or g.party_id or g.sector_id)
               for g in _liaison_grants(user))


def is_liaison(user: User) -> bool:
    return bool(_liaison_grants(user))


def may_organise(user: User, kind: str, body_id: int | None) -> bool:
    """Say whether the user may organise on behalf of the body (kind, id)."""
    if is_general_office(user):
        return True
    field = {"special_committee": "special_committee_id", "party": "party_id",
             "sector": "sector_id"}.get(kind)
    return bool(field) and any(getattr(g, field) == body_id for g in _liaison_grants(user))


def can_read_all(user: User) -> bool:
    """Staff and leaders see every activity, plan, group, speech and report of the committee."""
    return has_role(user, *STAFF_ROLES)


def can_create_activity(user: User) -> bool:
    return is_liaison(user)


def _organisers(activity):
    cache = getattr(activity, "_prefetched_objects_cache", {}).get("organisers")
    return cache if cache is not None else list(activity.organisers.all())


def can_manage_activity(user: User, activity) -> bool:
    """Organising body's liaison staff, or the general office, manage the activity."""
    if not _same(user, activity):
        return False
    if is_general_office(user):
        return True
    return any(may_organise(user, o.kind, o.special_committee_id or o.party_id or o.sector_id)
               for o in _organisers(activity))


def can_record_attendance(user: User, activity) -> bool:
    return can_manage_activity(user, activity)


def can_decide_leave(user: User, leave) -> bool:
    """The approver configured for the committee: organiser staff, or users with a given role."""
    from .selectors import activity_settings

    activity = leave.activity
    if not _same(user, activity):
        return False
    cfg = activity_settings(activity.committee_id)
    if cfg.leave_approver == "role" and cfg.leave_approver_role:
        return has_role(user, cfg.leave_approver_role)
    return can_manage_activity(user, activity)


def can_manage_leave_activity(user: User, leave) -> bool:
    """The organiser of the leave's activity (used when an invitation is withdrawn)."""
    return can_manage_activity(user, leave.activity)


def is_leave_owner(user: User, leave) -> bool:
    member = getattr(user, "member", None) if getattr(user, "is_authenticated", False) else None
    return member is not None and leave.member_id == member.pk


def member_of(user: User):
    """Return the user's Member row, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.member
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist when the user is no member
        return None


def can_view_activity(user: User, activity) -> bool:
    """Staff and organisers see all; members see every published activity of their committee.

    Notices are not secret inside a committee, and an uninvited member who opens a sign-in
    link must get the clear refusal of `activity_sign_in`, not a 404.
    """
    if not _same(user, activity):
        return False
    if can_read_all(user) or can_manage_activity(user, activity):
        return True
    return activity.status != ActivityStatus.DRAFT and member_of(user) is not None


def access_activity(user: User, activity_id: int, *, for_update: bool = False):
    """Return the activity if the user may see it; the same NotFound for missing and not yours."""
    from .models import Activity

    qs = Activity.objects.filter(pk=activity_id, committee_id=getattr(user, "committee_id", None))
    if for_update:
        qs = qs.select_for_update(of=("self",))
    activity = qs.first()
    if activity is None or not can_view_activity(user, activity):
        raise NotFound()
    return activity


def can_manage_plan(user: User, plan=None) -> bool:
    """The general office drafts and records the adoption of the annual plan."""
    return (plan is None or _same(user, plan)) and is_general_office(user)


def can_manage_topic(user: User, topic) -> bool:
    """The general office, or the liaison staff of the host body, move a topic along."""
    if not _same(user, topic):
        return False
    if is_general_office(user):
        return True
    if topic.host_special_committee_id:
        return may_organise(user, "special_committee", topic.host_special_committee_id)
    if topic.host_party_id:
        return may_organise(user, "party", topic.host_party_id)
    return False


def can_manage_groups(user: User) -> bool:
    return is_liaison(user)


def can_decide_speech(user: User, speech) -> bool:
    return _same(user, speech) and is_general_office(user)


def can_manage_report(user: User, report=None) -> bool:
    return (report is None or _same(user, report)) and is_liaison(user)


def access(model, user: User, pk: int, *, for_update: bool = False):
    """Return a row of the user's committee, or the same NotFound for missing and not yours."""
    qs = model.objects.filter(pk=pk, committee_id=getattr(user, "committee_id", None))
    if for_update:
        qs = qs.select_for_update(of=("self",))
    row = qs.first()
    if row is None:
        raise NotFound()
    return row


def can_view_speech(user: User, speech) -> bool:
    if not _same(user, speech):
        return False
    member = member_of(user)
    return can_read_all(user) or (member is not None and speech.member_id == member.pk)


def can_view_report(user: User, report) -> bool:
    return _same(user, report)
