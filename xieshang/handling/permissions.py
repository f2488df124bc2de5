"""Who may act in handling: the assigning office, unit handlers and leaders, reviewers, raters.

A 社情民意 case (转办) is run by the information office: it transfers, decides returns and
extensions, reviews replies and closes; its readers are the office and leaders, and the item's
authors see it through the item.
"""

from xieshang.accounts.models import User
from xieshang.accounts.roles import Role
from xieshang.accounts.selectors import has_role, unit_ids
from xieshang.core.errors import NotFound
from xieshang.proposals import permissions as proposal_permissions

OFFICE = (Role.ASSIGN_OFFICE,)
READERS = (Role.ASSIGN_OFFICE, Role.PROPOSAL_STAFF, Role.PROPOSAL_CHIEF, Role.LEADER)
OPINION_OFFICE = (Role.INFO_OFFICE,)
OPINION_READERS = (Role.INFO_OFFICE, Role.LEADER)


def _same(user: User, obj) -> bool:
    return bool(user.committee_id) and user.committee_id == obj.committee_id


def case_of(obj):
    """Return the case of a case, an assignment or a reply."""
    name = obj._meta.model_name
    if name == "reply":
        return obj.assignment.case
    if name == "assignment":
        return obj.case
    return obj


def is_opinion(obj) -> bool:
    """Say whether a case, assignment or reply belongs to a transferred 社情民意 item."""
    return case_of(obj).opinion_id is not None


def can_assign(user: User, obj=None) -> bool:
    """Assign, add units, decide returns and extensions: the office of the case's subject."""
    if obj is None:
        return has_role(user, *OFFICE)
    return _same(user, obj) and has_role(user, *(OPINION_OFFICE if is_opinion(obj) else OFFICE))


def can_train_routing(user: User, committee) -> bool:
    """Retrain the committee's lead-unit model: the assigning office of that committee."""
    return (committee is not None and user.committee_id == committee.pk
            and has_role(user, *OFFICE))


def can_transfer_opinion(user: User) -> bool:
    return has_role(user, *OPINION_OFFICE)


def can_decide_case(user: User, case) -> bool:
    if not _same(user, case):
        return False
    if case.opinion_id is not None:
        return has_role(user, *OPINION_OFFICE)
    return has_role(user, Role.ASSIGN_OFFICE, Role.PROPOSAL_CHIEF)


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
    if not _same(user, reply):
        return False
    if is_opinion(reply):
        return has_role(user, *OPINION_OFFICE)
    return has_role(user, Role.PROPOSAL_STAFF, Role.PROPOSAL_CHIEF)


def can_record_feedback_for_others(user: User) -> bool:
    return has_role(user, Role.PROPOSAL_STAFF, Role.PROPOSAL_CHIEF)


def can_read_all(user: User) -> bool:
    """Say whether the user reads every proposal case (opinion cases: `can_read_case`)."""
    return has_role(user, *READERS)


def can_read_case(user: User, case) -> bool:
    """Say whether the user reads the case as an office or a leader, whatever unit holds it."""
    if case.opinion_id is not None:
        return has_role(user, *OPINION_READERS)
    return can_read_all(user)


def system(user, obj) -> bool:
    """Transitions the services make as a consequence of another step, never asked for."""
    return True


def can_view_case(user: User, case) -> bool:
    if not _same(user, case):
        return False
    if can_read_case(user, case):
        return True
    units = unit_ids(user)
    if units and any(a.unit_id in units for a in case.assignments.all()):
        return True
    if case.opinion_id is not None:
        from xieshang.opinions import permissions as opinion_permissions

        return opinion_permissions.can_view(user, case.opinion)
    return proposal_permissions.can_view(user, case.proposal)


def access_case(user: User, case_id: int, *, for_update: bool = False):
    """Return the case if the user may see it; the same NotFound for missing and not yours."""
    from .models import HandlingCase

    qs = HandlingCase.objects.filter(pk=case_id, committee_id=user.committee_id)
    if for_update:
        qs = qs.select_for_update(of=("self",))
    case = qs.select_related("proposal", "opinion").first()
    if case is None or not can_view_case(user, case):
        raise NotFound()
    return case


def access_assignment(user: User, assignment_id: int, *, for_update: bool = False):
    """Return an assignment the user's unit holds, or one the office and readers may see."""
    from .models import Assignment

    qs = Assignment.objects.filter(pk=assignment_id, committee_id=user.committee_id)
    if for_update:
        qs = qs.select_for_update(of=("self",))
    assignment = qs.select_related("case", "case__proposal", "case__opinion", "unit").first()
    if assignment is None:
        raise NotFound()
    if not can_view_assignment(user, assignment):
        raise NotFound()
    return assignment


def can_view_assignment(user: User, assignment) -> bool:
    """Say whether the user may open an assignment: its unit, or an office or reader of the case."""
    return _same(user, assignment) and (
        assignment.unit_id in unit_ids(user) or can_read_case(user, assignment.case))
