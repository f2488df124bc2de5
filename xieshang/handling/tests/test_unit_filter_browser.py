"""In Chromium: the office finds a unit among many by typing part of its name, its short name
or its 拼音首字母."""

import pytest

from xieshang.core.testing import PASSWORD
from xieshang.handling.models import Assignment
from xieshang.organization.models import Unit
from xieshang.proposals.tests.states import proposal_in

# DATA_DIR is a temporary directory for every test (conftest); the index starts empty.
pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fresh_similarity")]


def visible_units(page, select: str) -> list[str]:
    return page.eval_on_selector(
        select, "s => Array.from(s.options).filter(o => o.value && !o.hidden).map(o => o.text)")


def test_typing_part_of_a_name_or_a_short_name_narrows_the_unit_lists(page, live_world):
    world = live_world
    for name, short in (("市人力资源社会保障局", "人社局"), ("中国人民银行示例市分行", "央行"),
                        ("市卫生健康委", "卫健委")):
        Unit.objects.create(committee=world.committee, name=name, short_name=short,
                            kind="government")
    proposal = proposal_in(world, "accepted")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/accounts/login/")
    page.fill("#username", world.office.username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"/handling/assign/{proposal.pk}/")
    page.select_option("#mode", "lead_co")
    page.select_option("#lead", "")
    page.select_option("#co", [])  # clear the proposer's suggestions

    lead_filter = page.locator("input.select-filter[aria-controls='lead']")
    lead_filter.fill("住建")  # the characters in order: 市住房城乡建设局
    assert visible_units(page, "#lead") == ["市住房城乡建设局"]
    # a one-choice select is a combo box: what is typed chooses the first match
    housing = Unit.objects.get(committee=world.committee, name="市住房城乡建设局")
    assert page.input_value("#lead") == str(housing.pk)
    lead_filter.press("Enter")  # does not submit the form
    assert page.url.endswith(f"/handling/assign/{proposal.pk}/")
    lead_filter.fill("ZJJ")  # 住(z)建(j)局(j), in either case
    assert visible_units(page, "#lead") == ["市住房城乡建设局"]
    lead_filter.fill("没有这个单位")  # no match: the choice stays
    assert page.input_value("#lead") == str(housing.pk)
    assert visible_units(page, "#lead") == ["市住房城乡建设局"]
    lead_filter.fill("")

    co_filter = page.locator("input.select-filter[aria-controls='co']")
    co_filter.fill("央行")  # only the short name has it
    assert visible_units(page, "#co") == ["中国人民银行示例市分行"]
    page.select_option("#co", label="中国人民银行示例市分行")
    co_filter.fill("卫健")
    # the unit already chosen stays in view while another is looked for
    assert visible_units(page, "#co") == ["中国人民银行示例市分行", "市卫生健康委"]
    assert "筛选出 1 个单位" in page.inner_text("#co >> xpath=..")
    # 拼音首字母 in order: r(人) s(社) j(局), the way 人社局 is typed without an input method
    co_filter.fill("rsj")
    assert visible_units(page, "#co") == ["中国人民银行示例市分行", "市人力资源社会保障局"]
    co_filter.fill("没有这个单位")
    assert visible_units(page, "#co") == ["中国人民银行示例市分行"]
    assert "筛选出 0 个单位" in page.inner_text("#co >> xpath=..")
    co_filter.fill("")
    assert len(visible_units(page, "#co")) == Unit.objects.filter(committee=world.committee).count()

    page.click("#assign-submit")
    page.wait_for_selector("text=已交办")
    roles = dict(Assignment.objects.filter(case__proposal=proposal)
                 .values_list("unit__name", "role"))
    assert roles == {"市住房城乡建设局": "lead", "中国人民银行示例市分行": "co"}
