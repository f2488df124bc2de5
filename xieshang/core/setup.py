"""Create a committee with its default configuration and its three administrators."""

import secrets

from django.db import transaction

from xieshang.accounts.roles import Role
from xieshang.accounts.services import user_create
from xieshang.handling.models import HandlingConfig, ResultClass
from xieshang.proposals import defaults
from xieshang.proposals.models import Category, ProposalConfig, RefusalGround

from .calendar_import import calendar_load_defaults
from .models import Committee

# The three-class scheme (domain.md §1.8); a committee may switch to A/B/C/D.
RESULT_CLASSES = (
    ("A", "已经解决或基本解决"),
    ("B", "部分解决或已列入计划解决"),
    ("C", "因条件限制留作参考或不可行"),
)

ADMIN_ROLES = (
    (Role.SYS_ADMIN, "admin", "系统管理员"),
    (Role.SECURITY_ADMIN, "security", "安全管理员"),
    (Role.AUDIT_ADMIN, "audit", "审计管理员"),
)


@transaction.atomic
def committee_setup(*, name: str, slug: str, level: str, parent: Committee | None = None,
                    admin_password: str | None = None) -> tuple[Committee, dict[str, str]]:
    """Create the committee, its default lists and its admin accounts; return their passwords."""
    committee = Committee.objects.create(name=name, slug=slug, level=level, parent=parent)
    ProposalConfig.objects.create(committee=committee)
    Category.objects.bulk_create(
        Category(committee=committee, name=n, order=i) for i, n in enumerate(defaults.CATEGORIES)
    )
    RefusalGround.objects.bulk_create(
        RefusalGround(committee=committee, text=t, order=i)
        for i, t in enumerate(defaults.REFUSAL_GROUNDS)
    )
    calendar_load_defaults(committee=committee)
    HandlingConfig.objects.create(committee=committee)
    ResultClass.objects.bulk_create(
        ResultClass(committee=committee, code=code, label=label, order=i,
                    counts_as_resolved=code == "A")
        for i, (code, label) in enumerate(RESULT_CLASSES)
    )
    passwords = {}
    for role, suffix, label in ADMIN_ROLES:
        username = f"{slug}-{suffix}"
        password = admin_password or secrets.token_urlsafe(12)
        user_create(committee=committee, username=username, full_name=label, password=password,
                    roles=[{"role": role}])
        passwords[username] = password
    return committee, passwords
