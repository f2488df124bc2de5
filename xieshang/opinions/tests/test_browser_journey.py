"""A 社情民意 item from a member's phone to a provincial adoption and a leader's 批示."""

import pytest

from xieshang.core.testing import PASSWORD
from xieshang.opinions.models import Opinion

from .story import office, opinion_in

pytestmark = pytest.mark.browser


def login(page, username):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_member_item_is_edited_compiled_sent_adopted_and_instructed(page, live_world):
    world = live_world
    editor, signer = office(world), office(world, 2)
    other = opinion_in(world, "used", owner=world.member_users[2], title="关于山区供水的建议")

    for member in world.members[3:5]:  # two members of one name (重名)
        member.name = "王伟"
        member.save(update_fields=["name"])

    login(page, world.member_users[0].username)
    page.goto("/opinions/new/")
    # the co-author list tells them apart by their numbers; other names stay as they are
    options = page.eval_on_selector("#co_authors", "s => Array.from(s.options, o => o.text)")
    assert f"王伟（{world.members[3].code}）" in options
    assert f"王伟（{world.members[4].code}）" in options
    assert world.members[1].name in options
    page.fill("#title", "关于加强农村饮水安全保障的建议")
    page.fill("#situation", "部分山区村组供水设施老化，旱季断水时有发生。")
    page.fill("#analysis", "建设标准低、管护主体不明。")
    page.fill("#suggestions", "一是统筹资金改造；二是明确管护责任。")
    page.click("#submit")
    page.wait_for_selector("text=已提交社情民意信息办")
    item_url = page.url
    mine = Opinion.objects.get(title="关于加强农村饮水安全保障的建议")

    login(page, editor.username)
    page.goto(item_url)
    page.click("#use-button")
    page.wait_for_selector("text=审核结果：已录用")
    page.click("#office-edit")
    assert "供水设施老化" in page.inner_text("#original-text")
    page.fill("#edit-text", "山区农村供水设施老化，旱季断水时有发生，部分群众饮水安全得不到保障。"
                            "建议统筹资金改造供水管网，明确乡镇和村组的管护责任，建立水质定期检测制度。")
    # The edit is checked as it is typed: a title the body does not bear out is pointed out.
    page.fill("#edit-title", "关于校外培训机构收费乱象的建议")
    page.wait_for_selector("#edit-hints .draft-hint[data-code=title_off]")
    page.fill("#edit-title", "关于保障农村饮水安全的建议")
    page.wait_for_selector("#edit-hints .draft-hint", state="detached")
    page.click("#save-edit")
    page.wait_for_selector("text=已保存编辑稿")

    page.goto("/opinions/issues/")
    page.click("#new-issue")
    page.wait_for_selector("text=本期稿件")
    issue_url = page.url
    page.check(f"#pick-{mine.pk}")
    page.check(f"#pick-{other.pk}")
    page.click("summary:has-text('综合稿标题和正文')")
    page.fill("#combined-title", "关于农村供水问题的综合建议")
    page.fill("#combined-text", "综合两位委员的反映：山区供水设施老化，管护不到位。")
    page.click("#compile-button")
    page.wait_for_selector("text=篇综合编入本期")
    page.click("#save-recipients")
    page.wait_for_selector("text=已保存报送单位")
    page.click("#approve-button")
    page.wait_for_selector("text=已审核")
    assert page.locator("#sign-button").count() == 0  # the editor may not sign it off

    login(page, signer.username)
    page.goto(issue_url)
    page.click("#sign-button")
    page.wait_for_selector("text=已签发")
    page.click("#send-button")
    page.wait_for_selector("text=已报送")
    assert "省政协办公厅" in page.inner_text("#recipients")
    page.click("summary:has-text('录入采用情况')")
    form = page.locator(".adoption-form").first
    form.locator("select[name=level]").select_option("province")
    form.locator("select[name=kind]").select_option("combined")
    form.locator("input[name=body]").fill("省政协办公厅")
    form.locator("input[name=reference]").fill("《社情民意》2026年第30期")
    form.locator("button").click()
    page.wait_for_selector("text=已录入采用情况")
    page.click("summary:has-text('录入领导批示')")
    form = page.locator(".instruction-form").first
    form.locator("select[name=level]").select_option("province")
    form.locator("input[name=leader_name]").fill("王明")
    form.locator("input[name=leader_title]").fill("副省长")
    form.locator("textarea[name=text]").fill("请省水利厅研究解决。")
    form.locator("input[name=transfer_to]").fill("省水利厅")
    form.locator("button").click()
    page.wait_for_selector("text=已录入领导批示")

    login(page, world.member_users[0].username)
    page.goto(item_url)
    assert "已报送" in page.inner_text("#status")
    assert "省政协办公厅" in page.inner_text("#adoptions")
    assert "省级" in page.inner_text("#adoptions")
    assert "副省长王明" in page.inner_text("#instructions")
    assert "请省水利厅研究解决" in page.inner_text("#instructions")
