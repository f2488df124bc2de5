"""In Chromium at phone width (390px, the `page` fixture's): the desk shows the 推荐首选, the unit
statistics' headers stay on one line, the assignment page shows the chosen mode's fields only
and keeps the choice after a refusal."""

import pytest

from xieshang.core.testing import PASSWORD
from xieshang.handling.models import HandlingCase

from .flow import accepted, assign, reply_through

pytestmark = pytest.mark.browser


def login(page, user):
    page.goto("/accounts/login/")
    page.fill("#username", user.username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")


def test_the_desk_shows_the_first_suggestion_on_a_phone(page, live_world):
    world = live_world
    p = accepted(world)
    login(page, world.office)
    page.goto("/handling/desk/")
    row = page.locator(f"tr:has(a[href='/proposals/{p.pk}/'])")
    advice = row.locator(".advice")
    advice.wait_for()
    assert advice.is_visible() and world.units[1].name in advice.inner_text()
    assert page.locator("th:has-text('推荐首选')").is_visible()


def test_the_unit_figures_headers_stay_on_one_line_on_a_phone(page, live_world):
    world = live_world
    done = accepted(world)
    assign(world, done)
    reply_through(world, done.handling_case.assignments.get())
    login(page, world.staff)
    page.goto(f"/reports/stats/?year={world.session.year}")
    # the number of lines each header's text takes
    lines = page.eval_on_selector_all("#unit-figures th", """ths => ths.map(th => {
        const range = document.createRange();
        range.selectNodeContents(th);
        return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
    })""")
    assert lines == [1] * 8, lines


def test_the_assignment_page_keeps_the_chosen_mode_after_a_refusal(page, live_world):
    world = live_world
    p = accepted(world)  # suggested 主办+会办: the page opens on it, prefilled
    login(page, world.office)
    page.goto(f"/handling/assign/{p.pk}/")
    assert page.input_value("#mode") == "lead_co" and page.is_visible("#lead")
    page.select_option("#mode", "single")
    assert page.is_visible("#single") and not page.is_visible("#lead")
    assert not page.is_visible("#co") and not page.is_visible("#split")
    page.click("#assign-submit")
    page.wait_for_selector("text=请选择单办单位。")
    assert page.input_value("#mode") == "single" and page.is_visible("#single")
    page.select_option("#single", str(world.units[1].pk))
    page.click("#assign-submit")
    page.wait_for_selector("text=已交办")
    case = HandlingCase.objects.get(proposal=p)
    assert (case.mode, list(case.assignments.values_list("role", flat=True))) == (
        "single", ["single"])
