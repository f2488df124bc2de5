"""In Chromium: irreversible review decisions are confirmed before they are sent."""

import pytest

from .states import proposal_in
from .test_browser_journey import login

pytestmark = pytest.mark.browser


def test_refusal_asks_first_and_cancelling_sends_nothing(page, live_world):
    p = proposal_in(live_world, "submitted")
    login(page, live_world.staff.username)
    page.goto(f"/proposals/{p.pk}/")
    assert page.input_value("#ground") == ""
    page.select_option("#ground", str(live_world.grounds[0].pk))
    page.fill("#explanation", "内容空泛")
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.click("#refuse-button")
    assert asked and asked[0].startswith("确定不予立案？")
    page.reload()
    assert page.inner_text("#status") == "待审查"
    p.refresh_from_db()
    assert p.status == "submitted"
    page.select_option("#ground", str(live_world.grounds[0].pk))
    page.fill("#explanation", "内容空泛")
    page.once("dialog", lambda d: d.accept())
    page.click("#refuse-button")
    page.wait_for_selector("text=已不予立案")
    p.refresh_from_db()
    assert p.status == "refused"


def test_conversion_names_the_channel_in_its_question(page, live_world):
    p = proposal_in(live_world, "submitted")
    login(page, live_world.staff.username)
    page.goto(f"/proposals/{p.pk}/")
    page.select_option("#kind", "letter")
    page.fill("#consent_note", "已电话征得同意")
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    page.click("#convert-button")
    page.wait_for_selector("text=已转其他渠道。")
    assert asked[0].startswith("确定将本提案转委员来信？")
