"""In Chromium: the information office turns a hot topic's items into one 综合稿 of a new issue."""

import pytest

from xieshang.opinions.models import Entry
from xieshang.opinions.tests.story import office, opinion_in
from xieshang.opinions.tests.test_similar import HOUSING
from xieshang.proposals.tests.test_browser_journey import login

pytestmark = pytest.mark.browser


def test_the_office_composes_a_combined_article_from_a_topic(page, live_world):
    world = live_world
    items = [opinion_in(world, "used", owner=world.member_users[i], **HOUSING) for i in (0, 1)]
    login(page, office(world).username)
    page.goto("/reports/topics/")
    page.click(".topic-compose")
    page.wait_for_selector("text=目前没有编辑中的期刊")
    page.click("#new-issue")
    page.wait_for_selector("#compile-form")
    for o in items:
        assert page.is_checked(f"#pick-{o.pk}")
    assert page.input_value("#combined-title") == "综合反映：加快老旧小区改造"
    page.fill("#combined-title", "多位委员反映：老旧小区改造亟待提速")
    page.fill("#combined-text", "综合两位委员的反映：老旧小区设施老化，加装电梯难。")
    page.click("#compile-button")
    page.wait_for_selector("text=篇综合编入本期")
    entry = Entry.objects.get()
    assert entry.title == "多位委员反映：老旧小区改造亟待提速"
    assert {link.opinion_id for link in entry.links.all()} == {o.pk for o in items}
