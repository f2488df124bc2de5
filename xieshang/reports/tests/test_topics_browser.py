"""In Chromium on a phone: the information office reads the month's hot topics, downloads them
as Excel, switches to the quarter and steps back to the period a topic continues."""

from datetime import datetime, time, timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from xieshang.accounts.roles import Role
from xieshang.accounts.services import user_create
from xieshang.core import clock
from xieshang.core.testing import PASSWORD
from xieshang.proposals.tests.states import proposal_in
from xieshang.proposals.tests.test_browser_journey import login

from .test_topics_page import NIGHT, OLD_HOUSING

pytestmark = pytest.mark.browser


def test_the_information_office_reads_new_and_continuing_topics(page, live_world):
    world = live_world
    members = world.member_users

    def submit(owner, title, reasons):
        # Each its own suggestions: the test default would give every proposal the same words.
        proposal_in(world, "submitted", owner=owner, title=title, reasons=reasons,
                    suggestions=reasons)
    first = clock.today().replace(day=1)
    last_month = timezone.make_aware(datetime.combine(first - timedelta(days=20), time(10)))
    with clock.at(last_month):
        for i, (title, reasons) in enumerate(OLD_HOUSING[1:]):
            submit(members[i], title, reasons)
    submit(members[2], *OLD_HOUSING[0])
    submit(members[3], "关于老旧小区加装电梯资金的建议",
           "老旧小区加装电梯资金难，老旧小区改造应统筹加装电梯资金。")
    for i, (title, reasons) in enumerate(NIGHT):
        submit(members[4 + i], title, reasons)
    user_create(committee=world.committee, username="live-info", full_name="信息办",
                password=PASSWORD, roles=[{"role": Role.INFO_OFFICE}], must_change_password=False)

    login(page, "live-info")
    page.goto("/reports/topics/")
    cards = page.locator(".topic")
    assert cards.count() == 2
    housing = cards.filter(has_text="老旧小区")
    night = cards.filter(has_text="夜间")
    assert housing.locator(".topic-new").count() == 0
    assert "上期第1位（2件）" in housing.locator(".topic-earlier").inner_text()
    assert night.locator(".topic-new").inner_text() == "新"

    # The office takes the month's topics away as a workbook for its analysis.
    with page.expect_download() as info:
        page.click("#topics-export")
    download = info.value
    assert download.suggested_filename == f"热点话题_{first.year}年{first.month}月.xlsx"
    sheet = load_workbook(BytesIO(download.path().read_bytes()))["热点话题"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=4)]
    assert len(rows) == 2 and {r[11] == "新" for r in rows} == {True, False}

    # The quarter holding this month; last month's items join it when they share the quarter.
    page.click("#period-kinds >> text=季度")
    page.wait_for_selector("#period-label")
    assert "季度" in page.inner_text("#period-label")
    same_quarter = (first.month - 1) // 3 == (last_month.month - 1) // 3 and (
        first.year == last_month.year)
    housing = page.locator(".topic").filter(has_text="老旧小区")
    assert ("4 件" if same_quarter else "2 件") in housing.inner_text()

    # Back to the month, then to the month the housing topic continues.
    page.click("#period-kinds >> text=月")
    page.locator(".topic").filter(has_text="老旧小区").locator(".topic-earlier a").click()
    page.wait_for_selector("#period-label")
    assert page.inner_text("#period-label") == f"{last_month.year}年{last_month.month}月"
    assert page.locator(".topic").count() == 1
    assert "老旧小区" in page.locator(".topic").inner_text()
