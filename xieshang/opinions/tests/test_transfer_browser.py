"""In Chromium: the information office transfers an item to the unit a 批示 named, which the form
has already selected, and adds a suggested unit with 选用."""

import pytest

from xieshang.core import clock
from xieshang.handling.models import HandlingCase
from xieshang.opinions import services

from .story import office, opinion_in
from .test_browser_journey import login
from .test_transfer import transfer
from .test_transfer_routing import SEWAGE

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fresh_similarity")]


def test_the_office_transfers_to_the_units_the_form_suggests(page, live_world):
    world = live_world
    earlier = opinion_in(world, "used", **SEWAGE)
    transfer(world, earlier, 2)  # 市生态环境局 handled the same matter before
    item = opinion_in(world, "sent", owner=world.member_users[1], **SEWAGE)
    services.instruction_record(
        actor=office(world), entry_id=item.entry_link.entry.pk, leader_name="张市长",
        leader_title="市长", level="city", given_on=clock.today(), text="请住建局研究办理。",
        transfer_to="市住建局")
    housing, env = world.units[1], world.units[2]

    login(page, office(world).username)
    page.goto(f"/opinions/{item.pk}/")
    suggestions = page.locator(".transfer-suggestion")
    assert "市住房城乡建设局" in suggestions.nth(0).inner_text()
    assert "批示：转市住建局" in suggestions.nth(0).inner_text()
    assert "相似社情民意" in suggestions.filter(has_text="市生态环境局").inner_text()
    selected = page.eval_on_selector_all("#transfer-units option:checked", "o => o.map(x => x.value)")
    assert selected == [str(housing.pk)]

    suggestions.filter(has_text="市生态环境局").locator(".add-transfer-unit").click()
    selected = page.eval_on_selector_all("#transfer-units option:checked", "o => o.map(x => x.value)")
    assert sorted(selected) == sorted([str(housing.pk), str(env.pk)])
    page.click("#transfer-button")
    page.wait_for_selector("text=已转办")
    case = HandlingCase.objects.get(opinion=item)
    assert case.mode == "split"
    assert {a.unit_id for a in case.assignments.all()} == {housing.pk, env.pk}
    assert case.events.get(action="create").payload["suggested"][0]["unit_id"] == housing.pk
