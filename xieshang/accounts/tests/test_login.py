"""Login hardening: lockout, identical answers, forced password change, Argon2, idle expiry."""

from datetime import timedelta

import pytest
from django.conf import settings

from xieshang.accounts.models import AuditEvent, User
from xieshang.accounts.services import user_authenticate
from xieshang.core import clock
from xieshang.core.errors import Locked, ValidationError
from xieshang.core.testing import PASSWORD


def test_unknown_user_and_wrong_password_get_the_same_message(world):
    with pytest.raises(ValidationError) as unknown:
        user_authenticate(username="nobody", password="x")
    with pytest.raises(ValidationError) as wrong:
        user_authenticate(username=world.staff.username, password="wrong-password")
    assert unknown.value.message == wrong.value.message == "用户名或密码错误。"


def test_five_failures_lock_the_account_for_fifteen_minutes(world):
    name = world.staff.username
    for _ in range(5):
        with pytest.raises(ValidationError):
            user_authenticate(username=name, password="wrong-password")
    with pytest.raises(Locked) as locked:
        user_authenticate(username=name, password=PASSWORD)
    assert "锁定" in locked.value.message
    with clock.at(clock.now() + timedelta(minutes=16)):
        assert user_authenticate(username=name, password=PASSWORD).pk == world.staff.pk
    assert AuditEvent.objects.filter(action="login_locked", target=name).count() == 1


def test_unknown_names_lock_too_so_existence_is_not_revealed(world):
    for _ in range(5):
        with pytest.raises(ValidationError):
            user_authenticate(username="ghost", password="x")
    with pytest.raises(Locked):
        user_authenticate(username="ghost", password="x")


def test_success_resets_the_failure_count(world):
    name = world.staff.username
    for _ in range(4):
        with pytest.raises(ValidationError):
            user_authenticate(username=name, password="bad")
    user_authenticate(username=name, password=PASSWORD)
    for _ in range(4):
        with pytest.raises(ValidationError):
            user_authenticate(username=name, password="bad")
    assert user_authenticate(username=name, password=PASSWORD)


@pytest.mark.argon2
def test_passwords_are_hashed_with_argon2(world):
    user = User.objects.get(pk=world.staff.pk)
    user.set_password("Another-pass-2026")
    user.save()
    assert user.password.startswith("argon2")


def test_first_login_forces_a_password_change(world, client):
    user = User.objects.get(pk=world.staff.pk)
    user.must_change_password = True
    user.save()
    response = client.post("/accounts/login/", {"username": user.username,
                                                "password": PASSWORD})
    assert response.status_code == 302 and response.url == "/accounts/password/"
    assert client.get("/proposals/review/").url == "/accounts/password/"
    response = client.post("/accounts/password/", {
        "old_password": PASSWORD, "new_password": "123", "new_password2": "123"})
    assert response.status_code == 400
    response = client.post("/accounts/password/", {
        "old_password": PASSWORD, "new_password": "Brand-new-pass-1",
        "new_password2": "Brand-new-pass-1"})
    assert response.status_code == 302
    assert client.get("/proposals/review/").status_code == 200


def test_login_page_shows_chinese_error_and_sessions_expire_when_idle(world, client):
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 400
    assert "用户名或密码错误" in response.content.decode()
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE <= 60 * 60
