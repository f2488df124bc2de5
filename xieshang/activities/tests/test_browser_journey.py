"""An activity organised, joined, signed in, excused and checked, in Chromium on a phone.

The live server runs in a thread of this process, so `clock.at` in the test does not reach it:
the activity is placed around the real time (sign-in opens 30 minutes before the start, leave
closes at the start), and to show computed absence its window is moved into the past just
before the sheet is read, as if the activity had ended.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from xieshang.activities.models import Activity
from xieshang.core.testing import PASSWORD

from .story import sc_liaison

pytestmark = pytest.mark.browser


def login(page, username):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_organiser_member_and_leave_on_a_phone(page, live_world):
    world = live_world
    organiser = sc_liaison(world)
    joiner, excused, missing = world.member_users[0], world.member_users[1], world.member_users[2]
    start = timezone.now() + timedelta(minutes=20)

    login(page, organiser.username)
    page.goto("/activities/new/")
    page.select_option("#type", label="调研")
    page.fill("#title", "城区河道治理联合调研")
    page.fill("#start", _local(start))
    page.fill("#end", _local(start + timedelta(hours=2)))
    page.fill("#place", "市政协三楼会议室")
    page.select_option("#organisers", f"special_committee:{world.special_committee.pk}")
    page.select_option("#mode", "signup")
    page.click("button:has-text('保存活动')")
    page.wait_for_selector("text=活动已创建")
    activity_url = page.url
    page.select_option("#invite-members", [str(world.members[1].pk), str(world.members[2].pk)])
    page.click("#invite-button")
    page.wait_for_selector("text=已邀请2位委员")
    page.click("#publish-button")
    page.wait_for_selector("text=通知已发布")
    page.click("#code-link")
    code = page.inner_text("#signin-code").strip()
    assert len(code) == 6

    login(page, joiner.username)
    page.goto("/activities/mine/")
    page.click("text=城区河道治理联合调研")
    page.click("#signup-button")
    page.wait_for_selector("text=报名成功")
    page.fill("#code", "000000" if code != "000000" else "111111")
    page.click("#signin-button")
    page.wait_for_selector("text=签到码不正确")
    page.fill("#code", code)
    page.click("#signin-button")
    page.wait_for_selector("text=签到成功")
    assert "您已签到" in page.inner_text("#signed-in")

    login(page, excused.username)
    page.goto(activity_url)
    page.click("summary:has-text('请假')")
    page.fill("#leave-reason", "参加省里会议")
    page.click("#leave-button")
    page.wait_for_selector("text=请假申请已提交")

    login(page, organiser.username)
    page.goto(activity_url)
    card = page.locator("#pending-leaves")
    assert "参加省里会议" in card.inner_text()
    card.locator("button:has-text('批准')").first.click()
    page.wait_for_selector("text=已批准请假")
    page.click("#sheet-link")
    assert page.inner_text("#total-attended") == "出席 1"
    assert page.inner_text("#total-on-leave") == "请假 1"
    assert page.inner_text("#total-pending") == "未签到 1"
    assert page.inner_text("#total-absent") == "缺席 0"

    # The activity ends: move its window into the past, then read the sheet again.
    now = timezone.now()
    Activity.objects.filter(title="城区河道治理联合调研").update(
        start=now - timedelta(hours=2), end=now - timedelta(seconds=1))
    page.reload()
    assert page.inner_text("#total-attended") == "出席 1"
    assert page.inner_text("#total-on-leave") == "请假 1"
    assert page.inner_text("#total-absent") == "缺席 1"
    assert page.inner_text("#total-pending") == "未签到 0"
    rows = page.locator("#sheet tbody tr")
    assert "已出席" in rows.filter(has_text=world.members[0].name).inner_text()
    assert "请假" in rows.filter(has_text=world.members[1].name).inner_text()
    assert "缺席" in rows.filter(has_text=world.members[2].name).inner_text()

    login(page, missing.username)
    page.goto("/activities/attendance/")
    assert "缺席" in page.inner_text("#my-attendance")
