"""In Chromium: a unit's handler writes a reply and the 答复自查 panel follows the text."""

import pytest

from xieshang.proposals.tests.test_browser_journey import login

from .flow import result_class
from .test_reply_self_check import FULL_REPLY, _signed_for
from .test_routing import PARTIAL_REPLY

pytestmark = pytest.mark.browser


def test_the_self_check_follows_the_reply_as_it_is_written(page, live_world):
    world = live_world
    a = _signed_for(world)
    login(page, world.unit_handlers[1].username)
    page.goto(f"/handling/assignments/{a.pk}/")
    page.fill("#body", PARTIAL_REPLY)
    page.wait_for_selector("#reply-self-check >> text=未回应第3点建议")
    assert "已回应 2 / 3 点" in page.inner_text("#reply-self-check")

    page.fill("#body", FULL_REPLY)
    page.select_option("#result_class", str(result_class(world, "A").pk))
    page.fill("#signer", "李局长")
    page.fill("#contact_person", "王科长")
    page.fill("#contact_phone", "0558-1234567")
    page.wait_for_selector("#reply-self-check >> text=未发现问题")
    assert "已回应 3 / 3 点" in page.inner_text("#reply-self-check")
    page.click("#save-reply")
    page.wait_for_selector("text=已保存")
    assert "未发现问题" in page.inner_text("#reply-self-check")
