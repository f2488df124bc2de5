"""A joint proposal from draft to official number, in Chromium on a phone-sized screen."""

import pytest

from xieshang.core.testing import PASSWORD

pytestmark = pytest.mark.browser


def login(page, username):
    page.goto("/accounts/login/")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")


def logout(page):
    page.context.clear_cookies()


def test_joint_proposal_is_drafted_cosigned_submitted_accepted_and_numbered(page, live_world):
    world = live_world
    lead, co = world.member_users[0], world.member_users[1]

    login(page, lead.username)
    page.goto("/proposals/new/")
    page.select_option("#proposer_type", "joint")
    page.fill("#title", "关于加快城区黑臭水体治理的建议")
    page.fill("#reasons", "城区仍有3条河道水质为劣V类，雨污混流问题突出。")
    page.fill("#suggestions", "一是推进雨污分流改造；二是建立河长巡查考核机制。")
    page.select_option("#category", str(world.categories[4].pk))
    page.select_option("#lead_units", str(world.units[2].pk))
    page.click("button:has-text('保存草稿')")
    page.wait_for_selector("text=草稿已保存")
    proposal_url = page.url
    # the member is found by typing the name: the list holds every member of the committee
    page.fill("input.select-filter[aria-controls='invite-member']", world.members[1].name)
    assert page.input_value("#invite-member") == str(world.members[1].pk)
    assert "筛选出 1 个委员" in page.inner_text("#invite-member >> xpath=..")
    page.click("button:has-text('邀请联名')")
    page.wait_for_selector("text=已发出联名邀请")
    assert "待确认" in page.inner_text("#proposers")
    logout(page)

    login(page, co.username)
    page.goto("/proposals/invitations/")
    page.click("button:has-text('确认联名')")
    page.wait_for_selector("text=已确认联名")
    logout(page)

    login(page, lead.username)
    page.goto(proposal_url)
    assert "已确认" in page.inner_text("#proposers")
    page.click("#submit-proposal")
    page.wait_for_selector("text=提案已提交")
    receipt = page.inner_text("#receipt-number")
    assert receipt.endswith("-0001")
    logout(page)

    login(page, world.staff.username)
    page.wait_for_url("**/proposals/review/")
    page.click("text=关于加快城区黑臭水体治理的建议")
    page.click("#accept-button")
    page.wait_for_selector("text=提案号 001")
    logout(page)

    login(page, lead.username)
    page.goto(proposal_url)
    assert page.inner_text("#official-number") == "001"
    assert page.inner_text("#status") == "已立案"
    page.goto("/proposals/")
    assert "001" in page.inner_text("table")
