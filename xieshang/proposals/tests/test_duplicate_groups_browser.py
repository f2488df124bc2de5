"""In Chromium: the chief sorts out a session's repeats from 疑似重复汇总 into the merge form."""

import pytest

from .states import proposal_in
from .test_browser_journey import login
from .test_duplicate_groups import REWORDED
from .test_similar import ORIGINAL

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fresh_similarity")]


def test_the_chief_merges_a_repeat_from_the_sessions_groups(page, live_world):
    members = live_world.member_users
    main = proposal_in(live_world, "accepted", owner=members[0], **ORIGINAL)
    copy = proposal_in(live_world, "submitted", owner=members[1], **ORIGINAL)
    reworded = proposal_in(live_world, "submitted", owner=members[2], **REWORDED)
    login(page, live_world.chief.username)
    page.goto("/proposals/review/")
    page.click("#duplicate-groups")
    group = page.locator(f'.duplicate-group[data-main="{main.pk}"]')
    assert group.locator(".group-member").count() == 2

    group.locator(f'.group-member[data-id="{copy.pk}"] .merge-into-main').click()
    assert page.locator("#main").input_value() == str(main.pk)
    page.fill("#merge-note", "与已立案提案内容相同")
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    page.click("#merge-form button")
    page.wait_for_selector("text=已并案")
    # The chief was asked first, and told which proposal it goes into.
    assert asked and asked[0].startswith("确定将本提案并入") and main.title in asked[0]

    page.goto("/proposals/review/groups/")
    group = page.locator(f'.duplicate-group[data-main="{main.pk}"]')
    assert [int(x) for x in group.locator(".group-member").evaluate_all(
        "rows => rows.map(r => r.dataset.id)")] == [reworded.pk]
