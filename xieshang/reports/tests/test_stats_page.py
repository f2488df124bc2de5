"""The staff statistics page shows the same figures as the command."""

import json
from io import StringIO

from django.core.management import call_command

from xieshang.proposals.tests.states import proposal_in


def test_stats_page_and_command_agree(world, client):
    proposal_in(world, "accepted")
    proposal_in(world, "refused", owner=world.member_users[1])
    out = StringIO()
    call_command("stats", "--committee", world.committee.slug, "--year",
                 str(world.session.year), "--json", stdout=out)
    figures = json.loads(out.getvalue())
    assert (figures["submitted"], figures["accepted"], figures["replied"]) == (2, 1, 0)
    client.force_login(world.leader)
    page = client.get(f"/reports/stats/?year={world.session.year}")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="fig-submitted">2<' in html and 'id="fig-accepted">1<' in html
    client.force_login(world.member_users[0])
    assert client.get("/reports/stats/").status_code == 404


def test_trace_lists_the_records_behind_a_figure(world):
    p = proposal_in(world, "accepted")
    out = StringIO()
    call_command("stats", "--year", str(world.session.year), "--trace", "accepted",
                 "--committee", world.committee.slug, stdout=out)
    assert p.receipt_number in out.getvalue() and "共 1 件" in out.getvalue()


def test_the_page_shows_the_years_opinion_and_transfer_figures(world, client):
    from xieshang.core import clock
    from xieshang.opinions.tests.story import opinion_in
    from xieshang.opinions.tests.test_transfer import transfer

    transfer(world, opinion_in(world, "used"), 1)
    opinion_in(world, "submitted", owner=world.member_users[1], title="关于规范校外培训的建议")
    client.force_login(world.leader)
    html = client.get(f"/reports/stats/?year={clock.today().year}").content.decode()
    assert 'id="fig-opinions-submitted">2<' in html and 'id="fig-opinions-used">1<' in html
    assert 'id="fig-transferred">1<' in html
    # Transferred through the service, not the item's page: no suggestions were recorded.
    assert 'id="fig-transfer-routing-rate">—<' in html
    assert 'id="fig-transfer-routing">0 / 0<' in html


def test_rates_have_one_decimal_and_an_empty_year_shows_a_dash_not_zero(world, client):
    from xieshang.core import clock
    from xieshang.core.numbers import percent

    assert (percent(0.7689), percent(1.0), percent(0.25)) == ("76.9%", "100%", "25%")
    proposal_in(world, "accepted")
    proposal_in(world, "accepted", owner=world.member_users[1])
    proposal_in(world, "refused", owner=world.member_users[2])
    client.force_login(world.leader)
    html = client.get(f"/reports/stats/?year={world.session.year}").content.decode()
    assert ">66.7%<" in html  # 立案率 2 ÷ 3
    # Nothing replied yet: no rate of 0 replies, and the running year says it is running.
    assert 'id="fig-on-time-rate">—<' in html
    assert world.session.year == clock.today().year and 'id="as-of"' in html
    assert "单位口径：交办" in html
