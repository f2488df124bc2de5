"""In Chromium: a leader opens the year's work summary from the navigation, checks a figure
against the proposals behind it, and downloads the Word draft."""

import pytest

from xieshang.handling.tests.flow import accepted, assign, reply_through
from xieshang.proposals.tests.states import proposal_in
from xieshang.proposals.tests.test_browser_journey import login

pytestmark = pytest.mark.browser


def test_a_leader_reads_the_summary_and_checks_a_figure(page, live_world):
    world = live_world
    answered = accepted(world, title="关于完善社区养老服务设施的建议")
    reply_through(world, assign(world, answered).assignments.get())
    proposal_in(world, "refused", owner=world.member_users[1], title="关于调整公交线路的建议")

    login(page, world.leader.username)
    if page.locator(".navbar-toggler").is_visible():  # a phone-sized window folds the menu
        page.click(".navbar-toggler")
    page.click("nav >> text=工作总结")
    article = page.locator("#summary-text")
    assert "共收到提案2件，经审查立案1件，立案率50%" in article.inner_text()
    page.locator('#summary-text a[data-key="accepted"]').click()
    page.wait_for_url("**/reports/trace/**")
    assert "立案" in page.locator("h1").inner_text() and "共 1 件" in page.locator("h1").inner_text()
    page.click("text=关于完善社区养老服务设施的建议")
    page.wait_for_url(f"**/proposals/{answered.pk}/")

    page.go_back()
    page.click("text=返回年度工作总结")
    with page.expect_download() as download:
        page.click("#summary-docx")
    assert download.value.suggested_filename.endswith("年度工作总结（数据初稿）.docx")
