"""The member's 常委履职报告 page opens on a year with a 常委 seat and says when none is due."""

from django.urls import reverse

from xieshang.appraisal import selectors
from xieshang.appraisal.models import AnnualReport
from xieshang.core import clock
from xieshang.core.testing import fresh
from xieshang.organization.models import Membership


def test_a_member_without_a_standing_seat_is_told_no_report_is_due(world, client):
    client.force_login(fresh(world.member_users[2]))
    page = client.get(reverse("appraisal:my_report"))
    html = page.content.decode()
    assert page.status_code == 200 and 'id="not-due"' in html
    assert "您目前没有担任常委的年度" in html and 'id="report-text"' not in html


def test_a_standing_member_gets_the_years_of_the_seat_and_writes_the_report(world, client):
    member, user = world.members[3], world.member_users[3]
    Membership.objects.filter(member=member).update(is_standing=True)
    year = clock.today().year
    years = selectors.standing_years(member, year)
    assert years[0] == year and years == sorted(years, reverse=True)
    assert all(world.term.start_date.year <= y <= year for y in years)

    client.force_login(fresh(user))
    html = client.get(reverse("appraisal:my_report")).content.decode()
    assert f"<h1 class=\"h4 mb-0\">{year}年度常委履职报告</h1>" in html
    assert f'<option value="{year}" selected>{year}年度</option>' in html
    assert 'id="report-text"' in html

    # An empty report is refused and answered on the same page.
    refused = client.post(reverse("appraisal:my_report"), {"year": year, "text": "  ",
                                                           "action": "save"})
    assert refused.status_code == 400 and not AnnualReport.objects.filter(member=member).exists()
    saved = client.post(reverse("appraisal:my_report"), {"year": year, "action": "submit",
                                                         "text": "一年来履职情况……"})
    assert saved.status_code == 302
    assert AnnualReport.objects.get(member=member, year=year).status == "submitted"

    # A year without the seat says so instead of offering the form.
    html = client.get(reverse("appraisal:my_report"), {"year": 1990}).content.decode()
    assert "您在1990年度不是常委" in html and 'id="report-text"' not in html
