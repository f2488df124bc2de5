"""Writes about accounts: login with lockout, password changes, roles, API tokens, audit."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction

from xieshang.core import clock
from xieshang.core.errors import Locked, PermissionDenied, ValidationError

from .models import ApiToken, AuditEvent, LoginThrottle, RoleAssignment, User

BAD_CREDENTIALS = "用户名或密码错误。"


def audit(*, action: str, actor: User | None = None, committee_id: int | None = None,
          target: str = "", ip: str | None = None, **payload) -> AuditEvent:
    """Append one row to the security audit log."""
    return AuditEvent.objects.create(
        committee_id=committee_id or (actor.committee_id if actor else None),
        actor=actor,
        action=action,
        target=target[:200],
        ip=ip,
        at=clock.now(),
        payload=payload,
    )


def user_authenticate(*, username: str, password: str, ip: str | None = None) -> User:
    """Check credentials; lock the name for a while after repeated failures.

    Unknown names are throttled exactly like real ones so that the answers do not tell
    which accounts exist. The failure count is committed before the refusal is raised.
    """
    username = (username or "").strip()[:150]
    with transaction.atomic():
        user, refusal = _attempt(username, password, ip)
    if refusal is not None:
        raise refusal
    return user


def _attempt(username: str, password: str, ip: str | None):
    now = clock.now()
    throttle, _ = LoginThrottle.objects.get_or_create(username=username)
    throttle = LoginThrottle.objects.select_for_update(of=("self",)).get(pk=throttle.pk)
    if throttle.locked_until and throttle.locked_until > now:
        minutes = max(1, int((throttle.locked_until - now).total_seconds() // 60) + 1)
        return None, Locked(f"登录失败次数过多，账户已锁定，请{minutes}分钟后再试。")
    user = User.objects.filter(username=username).select_related("committee").first()
    valid = user is not None and user.is_active and user.check_password(password)
    if user is None:
        # Spend the same hashing time as a real check.
        User().set_password(password)
    if not valid:
        throttle.failures += 1
        locked = throttle.failures >= settings.LOGIN_MAX_FAILURES
        if locked:
            throttle.locked_until = now + timedelta(seconds=settings.LOGIN_LOCK_SECONDS)
            throttle.failures = 0
        throttle.save(update_fields=["failures", "locked_until"])
        audit(action="login_locked" if locked else "login_failed", actor=user,
              target=username, ip=ip)
        return None, ValidationError(BAD_CREDENTIALS, code="bad_credentials")
    throttle.failures, throttle.locked_until = 0, None
    throttle.save(update_fields=["failures", "locked_until"])
    user.last_login = now
    user.save(update_fields=["last_login"])
    audit(action="login", actor=user, target=username, ip=ip)
    return user, None


def _managed_user(actor: User, user_id: int) -> User:
    from .permissions import access_user, can_manage_accounts

    if not can_manage_accounts(actor):
        raise PermissionDenied("只有安全管理员可以管理账户。")
    return access_user(actor, user_id)


@transaction.atomic
def user_unlock(*, actor: User, user_id: int) -> None:
    """Clear a login lock early (security administrator)."""
    user = _managed_user(actor, user_id)
    LoginThrottle.objects.filter(username=user.username).update(failures=0, locked_until=None)
    audit(action="unlock", actor=actor, target=user.username)


@transaction.atomic
def user_reset_password(*, actor: User, user_id: int) -> str:
    """Give a user a one-time password that must be changed at the next login; return it."""
    user = _managed_user(actor, user_id)
    password = secrets.token_urlsafe(9)
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=clock.now())
    audit(action="password_reset", actor=actor, target=user.username)
    return password


@transaction.atomic
def user_set_active(*, actor: User, user_id: int, active: bool) -> User:
    """Enable or disable a login; disabling also revokes its API tokens."""
    user = _managed_user(actor, user_id)
    if user.pk == actor.pk:
        raise ValidationError("不能停用自己的账户。")
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=clock.now())
    audit(action="user_enable" if active else "user_disable", actor=actor, target=user.username)
    return user


@transaction.atomic
def user_change_password(*, user: User, old_password: str, new_password: str) -> None:
    """Change one's own password, enforcing the password rules."""
    if not user.check_password(old_password):
        raise ValidationError("原密码不正确。", field="old_password")
    if old_password == new_password:
        raise ValidationError("新密码不能与原密码相同。", field="new_password")
    try:
        password_validation.validate_password(new_password, user)
    except DjangoValidationError as exc:
        raise ValidationError("；".join(exc.messages), field="new_password") from exc
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    audit(action="password_change", actor=user, target=user.username)


@transaction.atomic
def user_create(*, committee, username: str, full_name: str, password: str | None = None,
                roles: list[dict] | None = None, phone: str = "",
                must_change_password: bool = True, actor: User | None = None) -> User:
    """Create a login in a committee with its roles; returns the user."""
    if User.objects.filter(username=username).exists():
        raise ValidationError(f"用户名「{username}」已被使用。", field="username")
    user = User(committee=committee, username=username, full_name=full_name, phone=phone,
                must_change_password=must_change_password)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    for spec in roles or []:
        RoleAssignment.objects.create(committee=committee, user=user, **spec)
    audit(action="user_create", actor=actor, committee_id=committee.pk, target=username,
          roles=[r["role"] for r in roles or []])
    return user


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_issue(*, user: User) -> str:
    """Issue a new API token for the user and return its secret (shown once)."""
    key = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, digest=_digest(key), created_at=clock.now())
    audit(action="api_token_issue", actor=user, target=user.username)
    return key


def api_token_user(key: str) -> User | None:
    """Return the active user owning the token, or None."""
    token = (
        ApiToken.objects.filter(digest=_digest(key), revoked_at__isnull=True)
        .select_related("user", "user__committee")
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = clock.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
