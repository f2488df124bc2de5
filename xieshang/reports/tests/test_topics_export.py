"""The Excel export of a period's hot topics: the same topics as the page, every member, and the
written definitions."""

from datetime import date, datetime, time, timedelta
from io import BytesIO
from urllib.parse import quote

from django.utils import timezone
from openpyxl import load_workbook

from xieshang.core import clock
from xieshang.opinions.tests.story import office, opinion_in
from xieshang.proposals.tests.states import proposal_in
from xieshang.reports.periods import containing
from xieshang.reports.tests.test_topics_page import NIGHT, OLD_HOUSING


def _workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return load_workbook(BytesIO(b"".join(response.streaming_content)))


def test_the_export_lists_the_pages_topics_with_members_and_definitions(world, client):
    members = world.member_users
    first = clock.today().replace(day=1)
    with clock.at(timezone.make_aware(datetime.combine(first - timedelta(days=20), time(10)))):
        for i in (1, 2):
            proposal_in(world, "submitted", owner=members[3 + i], title=OLD_HOUSING[i][0],
                        reasons=OLD_HOUSING[i][1], suggestions="加装电梯财政补贴。")
    housing = [proposal_in(world, "submitted", owner=members[i], title=title, reasons=reasons,
                           suggestions="老旧小区改造统筹资金。")
               for i, (title, reasons) in enumerate(OLD_HOUSING)]
    for i, (title, reasons) in enumerate(NIGHT):
        proposal_in(world, "submitted", owner=members[3 + i], title=title, reasons=reasons,
                    suggestions="夜间经济街区。")
    item = opinion_in(world, "submitted", owner=members[5], title="关于老旧小区加装电梯难的情况反映",
                      situation="老旧小区加装电梯审批难，老旧小区改造资金不足。",
                      analysis="老旧小区居民意见难统一。", suggestions="简化加装电梯审批。")
    proposal_in(world, "draft", owner=members[5], title="关于老旧小区改造资金的建议",
                reasons="老旧小区改造资金不足。")
    client.force_login(world.leader)
    page = client.get("/reports/topics/").content.decode()
    assert f'id="topics-export" href="/reports/topics/xlsx/?month={first:%Y-%m}"' in page

    response = client.get(f"/reports/topics/xlsx/?month={first:%Y-%m}")
    label = containing("month", first).label
    assert quote(f"热点话题_{label}.xlsx") in response["Content-Disposition"]
    wb = _workbook(response)
    assert wb.sheetnames == ["热点话题", "话题明细", "说明"]
    sheet = wb["热点话题"]
    assert sheet["A1"].value == f"热点话题（{label}）"
    # The draft is not counted; last month's proposals are not in this month.
    assert sheet["A2"].value.startswith("本期共提交提案 5 件、社情民意信息 1 件，归并出热点话题 2 个")
    head = [c.value for c in sheet[3]]
    assert head[:9] == ["名次", "话题（代表性标题）", "关键词", "件数", "其中提案", "其中社情民意",
                        "提出者", "联名/附议", "热度"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=4)]
    assert [r[0] for r in rows] == [1, 2]
    top, night = rows
    assert "老旧小区" in top[1] and top[3:8] == [4, 3, 1, 4, 0]
    assert "加装电梯" in top[2]
    assert isinstance(top[9], datetime) and top[9] <= top[10]
    assert top[11].startswith("延续上期第1位（2件）：关于") and "（相似度0." in top[11]
    assert "夜间" in night[1] and night[3:6] == [2, 2, 0] and night[11] == "新"
    assert top[8] >= night[8] > 0

    assert [c.value for c in wb["话题明细"][1]] == ["话题名次", "话题", "类型", "提案号", "流水号",
                                                  "标题", "提交时间", "链接"]
    detail = [[c.value for c in r] for r in wb["话题明细"].iter_rows(min_row=2)]
    assert len(detail) == 6
    assert {(r[0], r[2]) for r in detail} == {(1, "提案"), (1, "社情民意"), (2, "提案")}
    # A 提案号 and a 流水号 are two columns, never one mixed column: these have no 提案号 yet.
    numbers = {p.receipt_number for p in housing}
    assert numbers <= {r[4] for r in detail if r[0] == 1}
    assert {r[3] for r in detail} == {None}
    links = {r[7] for r in detail}
    assert f"http://testserver/opinions/{item.pk}/" in links
    assert f"http://testserver/proposals/{housing[0].pk}/" in links

    notes = "\n".join(c.value for c in wb["说明"]["A"])
    period = containing("month", first)
    half_life = max(7, (period.end - period.first).days / 4)
    for word in ("统计范围", "件数", "提出者", "联名/附议", "热度 =", f"半衰期 {half_life:g} 天",
                 "与上期比较"):
        assert word in notes


def test_the_export_follows_the_pages_period_and_roles(world, client):
    today = clock.today()
    for i, (title, reasons) in enumerate(NIGHT):
        proposal_in(world, "submitted", owner=world.member_users[i], title=title,
                    reasons=reasons)
    client.force_login(office(world))
    wb = _workbook(client.get(f"/reports/topics/xlsx/?period=year&month={today:%Y-%m}"))
    assert wb["热点话题"]["A1"].value == f"热点话题（{today.year}年）"
    assert wb["热点话题"]["A4"].value == 1
    assert "与上一期（" + f"{today.year - 1}年）" in wb["说明"]["A7"].value
    # A period with nothing gives the empty list with its counts, and no button on the page.
    wb = _workbook(client.get(f"/reports/topics/xlsx/?period=year&month={today.year + 1}-01"))
    assert wb["热点话题"]["A2"].value.startswith("本期共提交提案 0 件、社情民意信息 0 件，归并出热点话题 0 个")
    assert wb["热点话题"].max_row == 3
    days = (date(today.year + 2, 1, 1) - date(today.year + 1, 1, 1)).days
    assert f"半衰期 {days / 4:g} 天" in wb["说明"]["A6"].value
    html = client.get(f"/reports/topics/?period=year&month={today.year + 1}-01").content.decode()
    assert 'id="topics-export"' not in html
    # A malformed query falls back as the page does; members and the public get nothing.
    assert _workbook(client.get("/reports/topics/xlsx/?month=bad"))
    client.force_login(world.member_users[0])
    assert client.get("/reports/topics/xlsx/").status_code == 404
    client.logout()
    assert client.get("/reports/topics/xlsx/").status_code == 302


def test_the_word_draft_writes_the_figures_out(world, client):
    from docx import Document

    members = world.member_users
    for i, (title, reasons) in enumerate(OLD_HOUSING):
        proposal_in(world, "submitted", owner=members[i], title=title, reasons=reasons,
                    suggestions="老旧小区改造统筹资金。")
    for i, (title, reasons) in enumerate(NIGHT):
        proposal_in(world, "submitted", owner=members[3 + i], title=title, reasons=reasons,
                    suggestions="夜间经济街区。")
    client.force_login(office(world))
    month = clock.today().strftime("%Y-%m")
    assert 'id="topics-docx"' in client.get("/reports/topics/").content.decode()
    response = client.get(f"/reports/topics/docx/?month={month}")
    assert response.status_code == 200
    label = containing("month", clock.today()).label
    assert quote(f"热点话题_{label}.docx") in response["Content-Disposition"]
    doc = Document(BytesIO(b"".join(response.streaming_content)))
    text = [p.text for p in doc.paragraphs]
    assert text[0] == f"{label}提案热点问题分析"
    assert text[3].startswith(f"{label}，共提交提案5件、社情民意信息0件。以上件数均按首次提交时间统计")
    assert "经系统按内容自动聚类，归并出热点话题2个" in text[3]
    first = text.index(next(t for t in text if t.startswith("（一）")))
    assert "老旧小区" in text[first]
    assert text[first + 1].startswith("本月共3件，提出者3人。关键词：")
    assert text[first + 2].startswith("提案《关于") and "（未编提案号，流水号" in text[first + 2]
    assert any(t.startswith("（二）") and "夜间" in t for t in text)
    assert "三、分析与建议" in text and "附：统计口径" in text
    # A period with nothing: the draft says so; members get nothing.
    empty = client.get(f"/reports/topics/docx/?period=year&month={clock.today().year + 1}-01")
    text = [p.text for p in Document(BytesIO(b"".join(empty.streaming_content))).paragraphs]
    assert "本年暂无可归并的热点话题（同一话题至少两件）。" in text
    client.force_login(members[0])
    assert client.get("/reports/topics/docx/").status_code == 404


def test_the_word_draft_numbers_in_one_form_and_says_what_it_counts(world, client):
    from docx import Document

    from xieshang.opinions.stats import opinion_stats

    members = world.member_users
    # A numbered proposal, one not numbered, and one in 民盟's name.
    party = {"proposer_type": "party", "body_id": world.party.pk}
    housing = [("accepted", members[0], {}), ("submitted", members[1], {}),
               ("submitted", world.party_agent, party)]
    made = [proposal_in(world, state, owner=owner, title=title, reasons=reasons,
                        suggestions="老旧小区改造统筹资金。", **body)
            for (state, owner, body), (title, reasons) in zip(housing, OLD_HOUSING, strict=True)]
    opinion_in(world, "submitted", owner=members[5], title="关于老旧小区加装电梯难的情况反映",
               situation="老旧小区加装电梯审批难，老旧小区改造资金不足。",
               analysis="老旧小区居民意见难统一。", suggestions="简化加装电梯审批。")
    for state, owner, (title, reasons) in zip(("converted", "submitted"), members[3:5], NIGHT,
                                              strict=True):
        proposal_in(world, state, owner=owner, title=title, reasons=reasons,
                    suggestions="夜间经济街区。")
    client.force_login(office(world))
    label = containing("month", clock.today()).label
    response = client.get(f"/reports/topics/docx/?month={clock.today():%Y-%m}")
    text = [p.text for p in Document(BytesIO(b"".join(response.streaming_content))).paragraphs]
    assert text[0] == f"{label}社情民意和提案热点问题分析"
    # The converted proposal counts as a proposal here and as an item on the statistics page:
    # the draft says so, with the figure the statistics page gives.
    stats = opinion_stats(world.committee.pk, year=clock.today().year)["submitted"]
    assert stats == 2
    assert (f"{label}，共提交提案5件、社情民意信息1件。以上件数均按首次提交时间统计，不含草稿；"
            "提案在审查中转为社情民意信息的，只作为提案计入，不重复计入社情民意信息。"
            "本期由提案转来的社情民意信息1件，统计页面按转来日期将其计入社情民意信息，"
            f"按该口径本期社情民意信息为{stats}件。") in text[3]
    first = text.index(next(t for t in text if t.startswith("（一）")))
    assert text[first + 1].startswith("本月共4件（提案3件、社情民意信息1件），"
                                      "个人提出者3人、集体提出者1个。")
    lines = set(text[first + 2:first + 6])
    numbered, *unnumbered = made
    assert numbered.official_number
    assert lines == {f"第{numbered.official_number}号提案《{numbered.title}》",
                     *(f"提案《{p.title}》（未编提案号，流水号{p.receipt_number}）"
                       for p in unnumbered),
                     "社情民意信息《关于老旧小区加装电梯难的情况反映》"}
    assert not any("位（个）" in t for t in text)
