"""Security and audit administrators: separate powers, committee-scoped."""

import pytest

from xieshang.accounts.models import User
from xieshang.accounts.services import (
    user_authenticate,
    user_reset_password,
    user_set_active,
    user_unlock,
)
from xieshang.core.errors import Locked, NotFound, PermissionDenied, ValidationError
from xieshang.core.testing import fresh


def _security(world):
    return fresh(User.objects.get(username=f"{world.committee.slug}-security"))


def test_security_admin_unlocks_and_resets(world):
    name = world.staff.username
    for _ in range(5):
        with pytest.raises(ValidationError):
            user_authenticate(username=name, password="bad")
    with pytest.raises(Locked):
        user_authenticate(username=name, password="bad")
    user_unlock(actor=_security(world), user_id=world.staff.pk)
    temporary = user_reset_password(actor=_security(world), user_id=world.staff.pk)
    user = user_authenticate(username=name, password=temporary)
    assert user.must_change_password


def test_other_admins_cannot_manage_accounts(world):
    for actor in (world.sys_admin, world.staff):
        with pytest.raises(PermissionDenied):
            user_reset_password(actor=fresh(actor), user_id=world.staff.pk)


def test_security_admin_cannot_touch_another_committee(world, other_world):
    with pytest.raises(NotFound):
        user_set_active(actor=_security(world), user_id=other_world.staff.pk, active=False)


def test_audit_page_only_for_the_audit_admin(world, client):
    client.force_login(User.objects.get(username=f"{world.committee.slug}-audit"))
    assert client.get("/accounts/audit/").status_code == 200
    client.force_login(_security(world))
    assert client.get("/accounts/audit/").status_code == 404
    assert client.get("/accounts/users/").status_code == 200


def test_the_audit_log_reads_in_chinese(world, client):
    with pytest.raises(ValidationError):
        user_authenticate(username=world.staff.username, password="bad")
    client.force_login(User.objects.get(username=f"{world.committee.slug}-audit"))
    page = client.get("/accounts/audit/").content.decode()
    rows = page[page.index("<tbody>"):page.index("</tbody>")]
    # make_world's accounts were created with their roles: the log names them in Chinese.
    assert "<td>新建账户</td>" in rows and "角色：提案委工作人员" in rows
    assert "<td>登录失败</td>" in rows
    for code in ("user_create", "login_failed", "proposal_staff", "{"):
        assert code not in rows
    failed = client.get("/accounts/audit/?action=login_failed").content.decode()
    assert '<option value="login_failed" selected>登录失败</option>' in failed
    assert "<td>新建账户</td>" not in failed
