"""Fixtures shared by every app's tests."""

import pytest

from xieshang.core.testing import make_world


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture
def other_world(db):
    return make_world(slug="othercounty")


@pytest.fixture(autouse=True)
def _attachments_in_tmp(settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path / "attachments"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings, request):
    # Argon2 is deliberately slow; tests that check hashing itself opt out with `argon2`.
    if "argon2" not in request.keywords:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
