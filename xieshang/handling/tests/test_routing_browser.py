"""In Chromium: the assignment page suggests lead units and records them with the case; the
office trains the model from the desk."""

import pytest

from xieshang.core.testing import PASSWORD
from xieshang.handling import routing_model
from xieshang.handling.models import HandlingEvent
from xieshang.proposals.tests.states import proposal_in

from .test_routing import history, new_water_proposal

# DATA_DIR is a temporary directory for every test (conftest); the index starts empty.
pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fresh_similarity")]


def test_the_assignment_page_suggests_units_for_a_new_proposal(page, live_world):
    world = live_world
    proposal = proposal_in(world, "accepted")
    page.goto("/accounts/login/")
    page.fill("#username", world.office.username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"/handling/assign/{proposal.pk}/")
    box = page.inner_text("#routing-suggestions")
    assert world.units[1].name in box and "提案者建议由该单位主办" in box
    assert "尚未训练" in box and page.inner_text("#routing-basis") == "仅规则"
    page.select_option("#lead", "")
    page.click(f".use-unit[data-unit='{world.units[1].pk}']")
    assert page.input_value("#lead") == str(world.units[1].pk)
    page.click("#assign-submit")
    page.wait_for_selector("text=已交办")
    event = HandlingEvent.objects.get(case__proposal=proposal, action="create")
    assert event.payload["suggested"][0]["unit_id"] == world.units[1].pk
    assert event.payload["suggestion_basis"] == "rules"


def test_the_office_trains_the_model_on_the_desk_and_the_page_uses_it(page, live_world,
                                                                      settings):
    # The training runs in a background thread; the panel polls until the model is in place.
    settings.ROUTING_TRAIN_IN_BACKGROUND = True
    world = live_world
    history(world)
    proposal = new_water_proposal(world)
    page.goto("/accounts/login/")
    page.fill("#username", world.office.username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.goto("/handling/desk/")
    assert "尚未训练" in page.inner_text("#routing-model")
    page.click("#routing-train")
    page.wait_for_selector("text=已开始训练单位推荐模型")
    page.wait_for_selector("#routing-trained", timeout=60000)
    panel = page.inner_text("#routing-model")
    assert "按8条办理记录（2个承办单位）训练" in panel and "此后新交办0件次" in panel
    page.goto(f"/handling/assign/{proposal.pk}/")
    assert page.inner_text("#routing-basis") == "模型 + 规则"
    first = page.locator(".routing-suggestion").first
    assert first.get_attribute("data-unit") == str(world.units[2].pk)
    assert "模型依据本会历年办理记录" in first.inner_text()


def test_the_desk_shows_only_proposals_whose_suggestion_differs(page, live_world):
    world = live_world
    history(world)
    routing_model.route_model_train(committee=world.committee)
    water = new_water_proposal(world)  # suggested to housing; history says environment
    housing = proposal_in(world, "accepted", title="关于规范住宅小区物业服务的建议")
    page.goto("/accounts/login/")
    page.fill("#username", world.office.username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/handling/desk/")
    page.wait_for_selector(f"tr:has(a[href='/proposals/{water.pk}/']) .advice")
    water_row = page.locator(f"tr:has(a[href='/proposals/{water.pk}/'])")
    housing_row = page.locator(f"tr:has(a[href='/proposals/{housing.pk}/'])")
    housing_row.locator(".advice").wait_for()
    assert "与建议不同" in water_row.inner_text() and world.units[2].name in water_row.inner_text()
    assert "与建议一致" in housing_row.inner_text()
    page.check("#only-differing")
    assert water_row.is_visible() and not housing_row.is_visible()
    page.uncheck("#only-differing")
    assert housing_row.is_visible()
