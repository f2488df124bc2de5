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


def test_the_form_advises_on_the_item_while_it_is_written(page, live_world):
    from .test_quality import FULL, THIN

    login(page, live_world.member_users[0].username)
    page.goto("/opinions/new/")
    for field in ("title", "situation", "suggestions"):
        page.fill(f"#{field}", THIN[field])
    page.wait_for_selector("#draft-hints")
    hints = page.inner_text("#hints-panel")
    assert "信息质量提示" in hints and "情况反映较为简略" in hints and "尚未填写原因分析" in hints
    for field in ("situation", "analysis", "suggestions"):
        page.fill(f"#{field}", FULL[field])
    page.wait_for_selector("#draft-hints", state="detached")
