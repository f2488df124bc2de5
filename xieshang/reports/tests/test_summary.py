"""The year's work summary (数据初稿): written from the figures, every number traced to its
records, on the page and in Word."""

import re
from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from docx import Document

from xieshang.core import clock
from xieshang.handling.stats import handling_stats
from xieshang.handling.stats import trace as handling_trace
from xieshang.handling.tests.flow import accepted, assign, reply_through
from xieshang.proposals.tests.states import proposal_in
from xieshang.reports.summary import TRACEABLE, year_summary
from xieshang.reports.summary_terms import term


def _text(html: str) -> str:
    article = re.search(r'<article.*?</article>', html, re.S).group(0)
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", article))


@pytest.fixture
def year_of_work(world):
    """Three proposals: one accepted and answered, one accepted still with its unit, one
    refused."""
    answered = accepted(world)
    reply_through(world, assign(world, answered).assignments.get())
    waiting = accepted(world, owner=world.member_users[1])
    assign(world, waiting)
    refused = proposal_in(world, "refused", owner=world.member_users[2])
    return answered, waiting, refused


def _after_the_year(world):
    return clock.at(datetime(world.session.year + 1, 1, 15, 9, tzinfo=ZoneInfo("Asia/Shanghai")))


def test_the_summary_states_the_years_figures_and_only_those_that_happened(world, client,
                                                                          year_of_work):
    client.force_login(world.leader)
    with _after_the_year(world):
        page = client.get(f"/reports/summary/?year={world.session.year}")
    assert page.status_code == 200
    text = _text(page.content.decode())
    assert "全年共收到提案3件，经审查立案2件，立案率66.7%。" in text
    assert "未立案的提案中，不予立案1件。" in text
    assert "已办复1件，办复率50%；按期办复1件，按期办复率100%。" in text
    # After the year, what is still open is something to improve, said once.
    assert "立案提案中尚有1件未办复。" in text
    # Nothing happened in these: no sentence about them, and no zero figures.
    for absent in ("重点提案", "社情民意", "征询意见表", "协商"):
        assert absent not in text
    # The definitions of every figure in the text follow it.
    terms = page.content.decode().split('id="summary-terms"')[1]
    assert "立案件数 ÷ 提出提案件数" in terms and "办复件数 ÷ 立案件数" in terms


def test_a_running_year_is_written_as_of_today_without_calling_work_in_progress_a_fault(
        world, client, year_of_work):
    client.force_login(world.leader)
    today = clock.today()
    text = _text(client.get(f"/reports/summary/?year={today.year}").content.decode())
    assert f"截至{today.month}月{today.day}日，共收到提案3件" in text
    assert "其余1件正在办理。" in text
    assert "尚有1件未办复" not in text


def test_every_traced_figure_lists_the_proposals_it_counts(world, client, year_of_work):
    answered, waiting, refused = year_of_work
    client.force_login(world.leader)
    with _after_the_year(world):
        html = client.get(f"/reports/summary/?year={world.session.year}").content.decode()
        links = dict(re.findall(r'href="(/reports/trace/\?[^"]+)"[^>]*>(\d+)件<', html))
        assert len(links) >= 5
        for url, shown in links.items():
            page = client.get(url.replace("&amp;", "&")).content.decode()
            assert f"共 {shown} 件" in page
            rows = page.split('id="trace-rows"')[1]
            assert rows.count('href="/proposals/') == int(shown)
        late = client.get(f"/reports/trace/?year={world.session.year}&figure=unreplied")
    assert f'/proposals/{waiting.pk}/' in late.content.decode()
    assert f'/proposals/{answered.pk}/' not in late.content.decode()


def test_handling_traces_agree_with_the_handling_figures(world, year_of_work):
    figures = handling_stats(committee_id=world.committee.pk, year=world.session.year)
    count = {f: len(handling_trace(committee_id=world.committee.pk, figure=f,
                                   year=world.session.year))
             for f in ("assigned", "replied", "on_time", "late", "unreplied")}
    assert count == {"assigned": figures["assigned"], "replied": figures["replied"],
                     "on_time": figures["on_time"], "late": 0, "unreplied": 1}
    assert all(term(f) for f in TRACEABLE)


def test_figures_link_only_to_lists_the_reader_may_open(world, year_of_work):
    summary = year_summary(committee=world.committee, year=world.session.year,
                           can_open=lambda area: area != "proposals")
    assert [f for f in summary.figures() if f.link and "/reports/trace/" in f.link] == []
    assert all(f.definition for f in summary.figures())


def test_the_word_file_is_an_official_document_with_the_same_text(world, client, year_of_work):
    client.force_login(world.leader)
    with _after_the_year(world):
        html = client.get(f"/reports/summary/?year={world.session.year}").content.decode()
        got = client.get(f"/reports/summary/docx/?year={world.session.year}")
    assert got.status_code == 200
    doc = Document(BytesIO(b"".join(got.streaming_content)))
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == f"{world.committee.name}{world.session.year}年度工作总结（数据初稿）"
    body = "".join(paragraphs)
    assert "全年共收到提案3件，经审查立案2件，立案率66.7%。" in body
    assert "附件" in paragraphs and "数据口径" in paragraphs
    rows = doc.tables[0].rows
    assert rows[0].cells[0].text == "指标"
    terms = html.split('id="summary-terms"')[1]
    assert len(rows) - 1 == terms.count('<tr><td class="text-nowrap">')
    assert doc.core_properties.author == world.committee.name


def test_only_office_readers_open_the_summary_and_only_for_the_committees_years(world, client):
    client.force_login(world.member_users[0])
    assert client.get("/reports/summary/").status_code == 404
    client.force_login(world.leader)
    assert client.get("/reports/summary/").status_code == 200
    assert client.get("/reports/summary/?year=1999").status_code == 404
    assert client.get(f"/reports/trace/?year={world.session.year}&figure=bogus").status_code == 404
    assert client.get("/reports/summary/docx/?year=1999").status_code == 404


def test_a_committees_own_names_with_dots_are_read_whole(world):
    from xieshang.proposals.models import Category

    proposal_in(world, "accepted")  # under the world's first category
    Category.objects.filter(pk=world.categories[0].pk).update(name="1.经济建设")
    with _after_the_year(world):
        summary = year_summary(committee=world.committee, year=world.session.year)
    shares = [f for f in summary.figures() if f.key.startswith("by_category.")]
    assert shares[0].text.startswith("1件") and shares[0].definition


def test_a_sessions_proposal_report_counts_that_sessions_proposals(world, client, year_of_work):
    answered, waiting, refused = year_of_work
    client.force_login(world.leader)
    page = client.get(f"/reports/summary/?session={world.session.pk}").content.decode()
    text = _text(page)
    name = world.session.name
    assert f"关于{name}以来提案工作情况的报告（数据初稿）" in text
    assert f"{name}以来，截至" in text and "共收到提案3件，经审查立案2件" in text
    assert "社情民意" not in text and "委员队伍" not in text
    trace = re.search(r'href="(/reports/trace/\?session=[^"]+figure=unreplied)"', page)
    rows = client.get(trace.group(1).replace("&amp;", "&")).content.decode()
    assert f"/proposals/{waiting.pk}/" in rows.split('id="trace-rows"')[1]
    got = client.get(f"/reports/summary/docx/?session={world.session.pk}")
    doc = Document(BytesIO(b"".join(got.streaming_content)))
    assert doc.paragraphs[0].text == f"关于{name}以来提案工作情况的报告（数据初稿）"
    assert client.get("/reports/summary/?session=999999").status_code == 404
