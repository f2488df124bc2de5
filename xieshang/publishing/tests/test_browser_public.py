"""The public portal and the staff decision form in Chromium on a phone-sized screen."""

import os

import pytest

from xieshang.core.testing import PASSWORD
from xieshang.organization.models import Member

from .helpers import CONTACT_PHONE, MOBILE, SECRET_BODY, passed_reply

pytestmark = pytest.mark.browser


def _shot(page, name: str) -> None:
    if os.environ.get("XS_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["XS_SCREENSHOTS"], f"{name}.png"),
                        full_page=True)


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_staff_publish_and_the_public_read_it_on_a_phone(page, live_world):
    world = live_world
    Member.objects.filter(pk=world.members[0].pk).update(mobile=MOBILE)
    passed_reply(world, reasons=f"我市2000年以前建成的老旧小区有300余个。本人电话{MOBILE}。",
                 body=SECRET_BODY, contact_phone=CONTACT_PHONE)

    page.goto("/accounts/login/")
    page.fill("#username", world.staff.username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/proposals/review/")
    page.goto("/public/manage/")
    page.click("table a.btn:has-text('决定')")
    assert "[已隐去]" in page.input_value("#reply")
    page.fill("#suggestions", "一是统筹资金；二是完善加装电梯政策。")
    page.click("button:has-text('预览公开效果')")
    page.wait_for_selector("#preview >> text=公开效果预览")
    _shot(page, "staff_decide")
    assert MOBILE not in page.inner_text("#preview")
    page.click("button:has-text('保存决定')")
    page.wait_for_selector("text=已保存：已公开")
    page.context.clear_cookies()

    page.goto(f"/public/{world.committee.slug}/")
    assert _fits_the_screen(page)
    page.fill("input[name=q]", "老旧小区")
    page.click("button:has-text('查询')")
    _shot(page, "public_list")
    page.click("text=关于加快老旧小区改造的建议")
    page.wait_for_selector("text=提案内容")
    assert _fits_the_screen(page)
    text = page.inner_text("body")
    assert "300余个" in text and "3000万元" in text and "王科长" in text
    assert MOBILE not in text and "2223344" not in text and "1234 5678" not in text
    _shot(page, "public_detail")
