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
