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
def _files_in_tmp(settings, tmp_path):
    # Attachments and trained models (DATA_DIR/models) never land in the checkout's var/.
    settings.ATTACHMENT_ROOT = tmp_path / "attachments"
    settings.DATA_DIR = tmp_path
    # A thread would not see a test's uncommitted rows; the background path has its own test.
    settings.ROUTING_TRAIN_IN_BACKGROUND = False


@pytest.fixture(autouse=True)
def _fresh_topic_cache():
    # Committee and row ids repeat between tests, so a cached clustering could match another
    # test's window: every test starts without one.
    from xieshang.reports import topics

    topics._TOPIC_CACHE.clear()
    yield
    topics._TOPIC_CACHE.clear()


@pytest.fixture
def fresh_similarity():
    """Committee ids repeat between tests; the process-wide similarity index must not."""
    from xieshang.proposals import similarity

    similarity.forget()
    yield
    similarity.forget()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings, request):
    # Argon2 is deliberately slow; tests that check hashing itself opt out with `argon2`.
    if "argon2" not in request.keywords:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; the suite installs it (scripts/test.sh)."""
    import os
    from pathlib import Path

    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (scripts/test.sh does).")
    # Playwright runs an event loop in this thread; the ORM calls in tests are still sync.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN",
                                  viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def live_world(transactional_db):
    return make_world(slug="live")
