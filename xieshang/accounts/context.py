"""Template context: the current user's roles, for navigation.

Every page sees these names, and a view's own context wins over them: keep them distinct from
the keys views pass (the opinions pages pass `is_office` for the information office, which once
hid this processor's flag for the 交办督查室 and showed its links to the wrong people).
"""

from .selectors import has_role, role_labels


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "role_labels": role_labels(user),
        "is_reviewer": has_role(user, "proposal_staff", "proposal_chief"),
        "is_staff_reader": has_role(
            user, "proposal_staff", "proposal_chief", "assign_office", "leader"
        ),
        "is_org_admin": has_role(user, "sys_admin"),
        "is_unit_user": has_role(user, "unit_handler", "unit_leader"),
        "is_assign_office": has_role(user, "assign_office"),
        "is_liaison": has_role(user, "liaison"),
        "is_info_office": has_role(user, "info_office"),
        "is_security_admin": has_role(user, "security_admin"),
        "is_audit_admin": has_role(user, "audit_admin"),
        "is_member": hasattr(user, "member") and has_role(user, "member"),
    }
