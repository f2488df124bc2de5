"""In Chromium: the drafting page shows an earlier proposal that the new title nearly repeats."""

import pytest

from .states import proposal_in
from .test_browser_journey import login
from .test_similar import ORIGINAL

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fresh_similarity")]


def test_typing_a_title_that_repeats_an_earlier_proposal_shows_it(page, live_world):
    earlier = proposal_in(live_world, "submitted", **ORIGINAL)
    login(page, live_world.member_users[1].username)
    page.goto("/proposals/new/")
    page.fill("#title", "關於加快老舊小區改造的建議")
    page.wait_for_selector("#similar-results")
    panel = page.inner_text("#similar-panel")
    assert earlier.title in panel and earlier.receipt_number in panel and "待审查" in panel
    # Another member's proposal is listed, not opened.
    assert page.locator("#similar-panel a").count() == 0
    page.fill("#title", "关于规范电动自行车管理的建议")
    page.wait_for_selector("#similar-none")


def test_the_drafting_page_advises_while_the_member_writes(page, live_world):
    from .test_quality import FULL

    login(page, live_world.member_users[1].username)
    page.goto("/proposals/new/")
    page.fill("#title", FULL["title"])
    page.fill("#reasons", "老旧小区问题很多，群众反映强烈。")
    page.fill("#suggestions", "1. 加大投入。\n2. 完善加装电梯政策，简化审批流程，由街道牵头协调。")
    page.wait_for_selector("#draft-hints")
    hints = page.inner_text("#hints-panel")
    assert "情况与分析较为简略" in hints and "第1点建议（“加大投入”）过于笼统" in hints
    # Once the draft meets the requirements, the advice goes.
    page.fill("#reasons", FULL["reasons"])
    page.fill("#suggestions", FULL["suggestions"])
    page.wait_for_selector("#draft-hints", state="detached")
