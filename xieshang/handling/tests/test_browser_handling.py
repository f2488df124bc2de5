"""Lead and co-handling units produce one reply; re-handling after an unsatisfied rating."""

import pytest

from xieshang.core.testing import PASSWORD
from xieshang.handling.models import HandlingCase
from xieshang.organization.models import Member
from xieshang.proposals.tests.states import proposal_in

pytestmark = pytest.mark.browser

MOBILE = "13912345678"
REPLY = "关于您提出的老旧小区改造建议，我局逐条答复如下：一是今年安排专项资金；二是出台加装电梯办法；三是建立长效管理机制。"


def login(page, user):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("#username", user.username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")


def reply_as_lead(page, world, assignment_id, text):
    login(page, world.unit_handlers[1])
    page.goto(f"/handling/assignments/{assignment_id}/")
    page.fill("#body", text)
    page.select_option("#result_class", label="A（已经解决或基本解决）")
    page.fill("#contact_person", "王科长")
    page.fill("#contact_phone", "0558-2345678")
    page.fill("#signer", "李局长")
    page.click("#save-reply")
    page.wait_for_selector("text=答复稿已保存")
    login(page, world.unit_leaders[1])
    page.goto(f"/handling/assignments/{assignment_id}/")
    page.click("#sign-off")
    page.wait_for_selector("text=已签发，答复已报送提案委审核")


def pass_reply(page, world, case_id):
    login(page, world.staff)
    page.goto(f"/handling/cases/{case_id}/")
    page.click("#pass-reply")
    page.wait_for_selector("text=答复已审核通过")


def rate(page, world, case_id, level):
    login(page, world.member_users[0])
    page.goto(f"/handling/cases/{case_id}/")
    for field in ("overall", "contact", "attitude", "result"):
        page.select_option(f"select[name={field}]", level)
    page.click("#submit-rating")
    page.wait_for_selector("text=已提交评价")


def handle_journey(page, world):
    """Run the journey up to the second, satisfied rating; return the case."""
    proposal = proposal_in(world, "accepted",
                           reasons=f"我市老旧小区有300余个，设施老化。联系电话{MOBILE}。")
    login(page, world.office)
    page.goto(f"/handling/assign/{proposal.pk}/")
    page.select_option("#mode", "lead_co")
    page.select_option("#lead", str(world.units[1].pk))
    page.select_option("#co", [str(world.units[2].pk)])
    page.click("#assign-submit")
    page.wait_for_selector("text=已交办")
    case = HandlingCase.objects.get(proposal=proposal)
    lead = case.assignments.get(role="lead")
    co = case.assignments.get(role="co")

    login(page, world.unit_handlers[2])
    page.goto("/handling/unit/")
    page.click(f"a[href='/handling/assignments/{co.pk}/']")
    page.click("#sign-for")
    page.wait_for_selector("text=已签收")
    page.fill("#opinion", "同意主办单位意见，我局负责落实资金保障。")
    page.click("#give-opinion")
    page.wait_for_selector("text=已提交会办意见")

    login(page, world.unit_handlers[1])
    page.goto(f"/handling/assignments/{lead.pk}/")
    page.click("#sign-for")
    page.wait_for_selector("text=我局负责落实资金保障")
    reply_as_lead(page, world, lead.pk, REPLY)
    pass_reply(page, world, case.pk)

    rate(page, world, case.pk, "unsatisfied")
    login(page, world.office)
    page.goto(f"/handling/cases/{case.pk}/")
    page.fill("input[name=reason]", "请主办单位再次面商，明确资金安排")
    page.click("#order-rehandle")
    page.wait_for_selector("text=第2轮")

    reply_as_lead(page, world, lead.pk, REPLY + "经再次面商，已明确资金安排。")
    pass_reply(page, world, case.pk)
    rate(page, world, case.pk, "satisfied")
    page.goto(f"/handling/cases/{case.pk}/")
    assert page.inner_text("#case-status") == "已办结"
    return case


def test_lead_co_handling_with_rehandling_in_chromium(page, live_world):
    world = live_world
    Member.objects.filter(pk=world.members[0].pk).update(mobile=MOBILE)
    case = handle_journey(page, world)
    case.refresh_from_db()
    assert (case.status, case.round) == ("closed", 2)

    # The office publishes the final reply; the public page never shows the member's phone.
    login(page, world.office)
    for _ in range(2):  # both rounds' replies are decided; each publication is its own
        page.goto("/public/manage/")
        page.click("table a.btn:has-text('决定')")
        page.click("button:has-text('保存决定')")
        page.wait_for_selector("text=已保存：已公开")
    page.context.clear_cookies()
    page.goto(f"/public/{world.committee.slug}/")
    page.click(f"text={case.proposal.title}")
    page.wait_for_selector("text=经再次面商，已明确资金安排")
    body = page.inner_text("body")
    assert MOBILE not in body and MOBILE[:3] + " " not in body
    assert "300余个" in body  # the proposal text is kept, only the phone is removed
