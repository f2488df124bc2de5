"""Who may act in handling: the assigning office, unit handlers and leaders, reviewers, raters."""

from xieshang.accounts.models import User
from xieshang.accounts.roles import Role
from xieshang.accounts.selectors import has_role, unit_ids
from xieshang.core.errors import NotFound
from xieshang.proposals import permissions as proposal_permissions

OFFICE = (Role.ASSIGN_OFFICE,)
READERS = (Role.ASSIGN_OFFICE, Role.PROPOSAL_STAFF, Role.PROPOSAL_CHIEF, Role.LEADER)


def _same(user: User, obj) -> bool:
    return bool(user.committee_id) and user.committee_id == obj.committee_id


def can_assign(user: User, obj=None) -> bool:
    return has_role(user, *OFFICE) and (obj is None or _same(user, obj))


def can_decide_case(user: User, case) -> bool:
    return _same(user, case) and has_role(user, Role.ASSIGN_OFFICE, Role.PROPOSAL_CHIEF)


def can_act_for_unit(user: User, assignment) -> bool:
    return _same(user, assignment) and assignment.unit_id in unit_ids(user)


def is_unit_leader(user: User, unit_id: int) -> bool:
    from xieshang.accounts.selectors import user_grants

    return any(g.role == Role.UNIT_LEADER and g.unit_id == unit_id for g in user_grants(user))


def can_draft_reply(user: User, reply) -> bool:
    return can_act_for_unit(user, reply.assignment)


def can_sign_off(user: User, reply) -> bool:
    return _same(user, reply) and is_unit_leader(user, reply.assignment.unit_id)


def can_review_reply(user: User, reply) -> bool:
    return _same(user, reply) and has_role(user, Role.PROPOSAL_STAFF, Role.PROPOSAL_CHIEF)


def can_record_feedback_for_others(user: User) -> bool:
    return has_role(user, Role.PROPOSAL_STAFF, Role.PROPOSAL_CHIEF)


def can_read_all(user: User) -> bool:
    return has_role(user, *READERS)


def system(user, obj) -> bool:
    """Transitions the services make as a consequence of another step, never asked for."""
    return True


def can_view_case(user: User, case) -> bool:
    if not _same(user, case):
        return False
    if can_read_all(user):
        return True
    units = unit_ids(user)
    if units and any(a.unit_id in units for a in case.assignments.all()):
        return True
    return proposal_permissions.can_view(user, case.proposal)


def access_case(user: User, case_id: int, *, for_update: bool = False):
    """Return the case if the user may see it; the same NotFound for missing and not yours."""
    from .models import HandlingCase

    qs = HandlingCase.objects.filter(pk=case_id, committee_id=user.committee_id)
    if for_update:
        qs = qs.select_for_update(of=("self",))
    case = qs.select_related("proposal").first()
    if case is None or not can_view_case(user, case):
        raise NotFound()
    return case


def access_assignment(user: User, assignment_id: int, *, for_update: bool = False):
    """Return an assignment the user's unit holds, or one the office and readers may see."""
    from .models import Assignment

    qs = Assignment.objects.filter(pk=assignment_id, committee_id=user.committee_id)
    if for_update:
        qs = qs.select_for_update(of=("self",))
    assignment = qs.select_related("case", "case__proposal", "unit").first()
    if assignment is None:
        raise NotFound()
    if not (can_read_all(user) or assignment.unit_id in unit_ids(user)):
        raise NotFound()
    return assignment
