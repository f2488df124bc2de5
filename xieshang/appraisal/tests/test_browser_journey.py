"""A member questions a missing activity on a phone; staff fix the attendance; the member sees
the corrected record and the score breakdown, in Chromium."""

from datetime import timedelta

import pytest
from django.utils import timezone

from xieshang.core import clock

from .story import ended_activity, office, rules_from

pytestmark = pytest.mark.browser


def login(page, username):
    from xieshang.core.testing import PASSWORD

    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_member_questions_a_missing_activity_and_sees_it_corrected(page, live_world):
    world = live_world
    member, user = world.members[1], world.member_users[1]
    a = ended_activity(world, attended=[world.members[0].pk],
                       invited=[world.members[0].pk, member.pk], title="基层社会治理专题调研",
                       days_ago=3)
    year = timezone.localtime(a.start).year
    rules_from(world, year)
    assert a.end < clock.now() - timedelta(days=1)

    login(page, user.username)
    page.goto(f"/appraisal/mine/?year={year}")
    entry = page.locator(f".entry[data-ref='attendance:{a.pk}']")
    assert "无故缺席" in entry.inner_text()
    live = page.locator("#live-breakdown")
    assert live.locator(".score").inner_text() == "45"
    page.select_option("#ask-kind", "missing")
    page.fill("#ask-title", a.title)
    page.fill("#ask-text", "我参加了这次调研，签到时手机没有信号。")
    page.click("#ask-button")
    page.wait_for_selector("text=疑问已提交")
    assert "待答复" in page.inner_text("#my-questions")

    login(page, office(world).username)
    page.goto(f"/appraisal/?year={year}")
    card = page.locator("#open-questions .question").filter(has_text=member.name)
    card.locator("textarea[name=answer]").fill("经核对签到名单，您确实出席，已补登。")
    card.locator("input[name=activity_id]").fill(str(a.pk))
    card.locator("button:has-text('答复')").click()
    page.wait_for_selector("text=并已补登出席记录")

    login(page, user.username)
    page.goto(f"/appraisal/mine/?year={year}")
    entry = page.locator(f".entry[data-ref='attendance:{a.pk}']")
    assert "参加者（出席）" in entry.inner_text()
    assert "已更正：补登出席：基层社会治理专题调研" in entry.locator(".correction").inner_text()
    assert "已答复" in page.inner_text("#my-questions")
    live = page.locator("#live-breakdown")
    assert live.locator(".score").inner_text() == "52"
    # The line names the record that scored, with its points, and adds up in the sum line.
    line = live.locator(".line[data-key='activity_attended']")
    assert line.locator(".points").inner_text() == "+2分"
    scored = line.locator(f".record.scored[data-ref='attendance:{a.pk}']")
    assert a.title in scored.inner_text() and "+2分" in scored.inner_text()
    assert "= 52分" in live.locator(".sum").inner_text()
