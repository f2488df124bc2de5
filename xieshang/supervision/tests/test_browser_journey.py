"""A key proposal chosen, decided and supervised in Chromium on a phone-sized screen."""

import pytest

from xieshang.core import clock
from xieshang.core.testing import PASSWORD

from .story import MEETING, accepted

pytestmark = pytest.mark.browser


def login(page, username):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_staff_and_leader_supervise_a_key_proposal_on_a_phone(page, live_world):
    world = live_world
    main = accepted(world, 1)
    today = clock.today().isoformat()

    login(page, world.staff.username)
    page.goto(f"/supervision/new/?q={main.official_number}")
    page.check(f"#main-{main.pk}")
    page.fill("#reason", "涉及群众切身利益，建议列为重点提案。")
    page.click("#propose")
    page.wait_for_selector("text=已列为重点提案候选")
    page.click("summary:has-text('增加督办领导')")
    page.select_option("#leader-user", str(world.leader.pk))
    page.fill("#leader-title", "市政协副主席")
    page.check("#leader-lead")
    page.click("#leader-form button")
    page.wait_for_selector("text=已增加督办领导")
    page.fill("#one-meeting", MEETING)
    page.fill("#one-meeting_date", today)
    page.fill("#one-text", "同意列为重点提案，由市政协副主席领衔督办。")
    page.click("#decide-button")
    page.wait_for_selector("text=已记录主席会议决定")
    assert "督办中" in page.inner_text("#status")
    progress_url = page.url

    login(page, world.leader.username)
    page.goto(progress_url)
    page.click("summary:has-text('记录督办活动')")
    page.select_option("#activity-kind", "inspection")
    page.fill("#activity-date", today)
    page.fill("#activity-place", "城东老旧小区")
    page.fill("#activity-notes", "实地察看改造进度，要求年内完工。")
    page.click("#activity-form button")
    page.wait_for_selector("text=已记录督办活动")
    assert "城东老旧小区" in page.inner_text("#activities")
    assert "市政协副主席" in page.inner_text("#activities")
