"""In Chromium on a phone: a member writing a 社情民意 item sees that it was reported before."""

import pytest

from .story import opinion_in
from .test_browser_journey import login
from .test_similar import HOUSING

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fresh_similarity")]


def test_typing_a_title_that_was_reported_before_shows_the_earlier_item(page, live_world):
    earlier = opinion_in(live_world, "used", owner=live_world.member_users[1], **HOUSING)
    login(page, live_world.member_users[0].username)
    page.goto("/opinions/new/")
    page.fill("#title", "關於加快老舊小區改造的建議")  # traditional script, as pasted
    page.wait_for_selector(f".similar-opinion[data-id='{earlier.pk}']")
    assert HOUSING["title"] in page.inner_text("#similar-results")
    page.fill("#title", "关于规范校外培训机构收费的建议")
    page.wait_for_selector("#similar-none")
