"""Users, their roles per committee, login throttling, API tokens and the audit log."""

from django.contrib.auth.models import AbstractUser
from django.db import models

from xieshang.core.models import Committee

from .roles import Role


class User(AbstractUser):
    """A login; belongs to one committee (none only for the deployment's superuser)."""

    committee = models.ForeignKey(
        Committee, null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    full_name = models.CharField("姓名", max_length=50, blank=True)
    phone = models.CharField("手机", max_length=20, blank=True)
    must_change_password = models.BooleanField("首次登录须改密码", default=True)

    class Meta:
        verbose_name = "用户"

    def __str__(self) -> str:
        return self.full_name or self.username


class RoleAssignment(models.Model):
    """A role a user holds in a committee, scoped to a unit or a body where the role needs one."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField("角色", max_length=30, choices=Role.choices)
    unit = models.ForeignKey(
        "organization.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    party = models.ForeignKey(
        "organization.Party", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    special_committee = models.ForeignKey(
        "organization.SpecialCommittee",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    sector = models.ForeignKey(
        "organization.Sector", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = "角色授权"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role__in=["unit_handler", "unit_leader"])
                | models.Q(unit__isnull=False),
                name="unit_role_needs_unit",
            ),
        ]


class LoginThrottle(models.Model):
    """Failed-login counter per user name, kept also for unknown names so both look alike."""

    username = models.CharField(max_length=150, unique=True)
    failures = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)


class ApiToken(models.Model):
    """A bearer token for the JSON API; only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)


# What each audit action reads as in the log, in the order the filter offers them.
AUDIT_ACTIONS = {
    "login": "登录", "login_failed": "登录失败", "login_locked": "登录失败并锁定",
    "unlock": "解除锁定", "password_change": "修改密码", "password_reset": "重置密码",
    "user_create": "新建账户", "user_enable": "启用账户", "user_disable": "停用账户",
    "api_token_issue": "签发接口令牌", "org_import": "导入委员和承办单位",
}


class AuditEvent(models.Model):
    """Append-only security log: logins, lockouts, password and role changes, imports."""

    committee = models.ForeignKey(
        Committee, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=50)
    target = models.CharField(max_length=200, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(db_index=True)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    @property
    def action_label(self) -> str:
        return AUDIT_ACTIONS.get(self.action, self.action)

    @property
    def details(self) -> str:
        """Return the payload as the audit administrator reads it, in Chinese."""
        from .roles import Role

        p = self.payload or {}
        parts = []
        if p.get("roles"):
            labels = dict(Role.choices)
            parts.append("角色：" + "、".join(labels.get(r, r) for r in p["roles"]))
        for key, label in (("members", "委员"), ("units", "承办单位")):
            if isinstance(p.get(key), dict):
                c = p[key]
                parts.append(f"{label}：新建{c.get('created', 0)}、更新{c.get('updated', 0)}、"
                             f"未变{c.get('unchanged', 0)}")
        for key, label in (("created_sectors", "新建界别"), ("created_parties", "新建党派团体"),
                           ("created_special_committees", "新建专委会")):
            if p.get(key):
                parts.append(f"{label}：" + "、".join(p[key]))
        if p.get("logins_created"):
            parts.append(f"新建登录账户{len(p['logins_created'])}个："
                         + "、".join(p["logins_created"]))
        return "；".join(parts)
