"""The member's record page: confirmation once the year is over (or from the committee's
chosen day), the trial shown beside a published result only when it differs and then labelled,
a sum line that adds up, year choices within the terms, and the exports' figures and hints."""

from datetime import date, datetime
from io import BytesIO

import pytest
from django.test import Client
from docx import Document
from openpyxl import load_workbook

from xieshang.appraisal import documents, selectors, services
from xieshang.appraisal.models import Confirmation
from xieshang.appraisal.presets import preset
from xieshang.core import clock
from xieshang.core.errors import ValidationError
from xieshang.core.testing import fresh
from xieshang.organization.models import Term

from .story import ended_activity, office, rules_from, year_of

pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    c = Client()
    c.force_login(fresh(user))
    return c


def _published(world, preset_key="hundred"):
    """Member 1 was absent from an activity of the year; the appraisal is published."""
    a = ended_activity(world, attended=[], invited=[world.members[1].pk])
    year = year_of(a)
    rules_from(world, year, preset_key)
    ap = services.appraisal_compute(actor=fresh(office(world)), year=year)
    services.appraisal_publish(actor=fresh(office(world)), appraisal_id=ap.pk)
    return year, ap


# --- confirmation -------------------------------------------------------------------------


def test_a_running_year_cannot_be_confirmed_and_the_page_says_from_when(world):
    user, year = world.member_users[0], clock.today().year
    with pytest.raises(ValidationError, match=f"自{year + 1}年1月1日起可以确认"):
        services.record_confirm(actor=fresh(user), year=year)
    assert not Confirmation.objects.exists()
    c = _as(user)
    html = c.get(f"/appraisal/mine/?year={year}").content.decode()
    assert 'id="confirm-button"' not in html and 'id="confirm-opens"' in html
    assert f"自{year + 1}年1月1日起可以确认本年度档案" in html
    page = c.post("/appraisal/mine/confirm/", {"year": year}, follow=True)
    assert "尚未结束" in page.content.decode() and not Confirmation.objects.exists()
    # A year that has ended is confirmed.
    html = c.get(f"/appraisal/mine/?year={year - 1}").content.decode()
    assert 'id="confirm-button"' in html
    c.post("/appraisal/mine/confirm/", {"year": year - 1})
    assert Confirmation.objects.get().year == year - 1


def test_the_committee_may_open_confirmation_before_the_year_ends(world):
    user, year = world.member_users[0], clock.today().year
    with clock.at(datetime(year, 12, 20, 10, 0)):
        services.settings_update(actor=fresh(office(world)), show_ranking=False,
                                 confirm_days_before_end=10)
        with pytest.raises(ValidationError, match=f"自{year}年12月22日起"):
            services.record_confirm(actor=fresh(user), year=year)
        services.settings_update(actor=fresh(office(world)), show_ranking=False,
                                 confirm_days_before_end=15)
        assert services.record_confirm(actor=fresh(user), year=year).year == year
    rec = selectors.member_record(member=world.members[0], year=year)
    assert rec.confirm_opens == date(year, 12, 17)


@pytest.mark.parametrize("value", ["abc", "-1", "91"])
def test_a_bad_confirmation_setting_is_refused_and_changes_nothing(world, value):
    c = _as(office(world))
    page = c.post("/appraisal/settings/", {"confirm_days_before_end": value}, follow=True)
    assert "0到90之间的整数" in page.content.decode()
    assert selectors.appraisal_settings(world.committee.pk).confirm_days_before_end == 0
    with pytest.raises(ValidationError):
        services.settings_update(actor=fresh(office(world)), show_ranking=False,
                                 confirm_days_before_end=True)


# --- the trial beside a published result --------------------------------------------------


def test_the_trial_is_hidden_while_it_equals_the_published_result(world):
    year, _ = _published(world)
    html = _as(world.member_users[1]).get(f"/appraisal/mine/?year={year}").content.decode()
    assert 'id="published-breakdown"' in html and 'id="live-breakdown"' not in html
    assert "参加会议 45 + 提交提案 0 + 参加活动 0 + 社情民意 0 + 加分 0 = 45分" in html
    assert "45.00" not in html and "得分低于60分" in html


def test_rules_changed_after_publishing_label_the_trial(world):
    year, _ = _published(world)
    edited = preset("hundred")
    next(i for i in edited["items"] if i["key"] == "other_absent")["points"] = -8
    services.rule_set_create(actor=fresh(office(world)), year=year, rules=edited,
                             confirm_published=True)
    for page in (f"/appraisal/mine/?year={year}",):
        html = _as(world.member_users[1]).get(page).content.decode()
        assert 'id="live-breakdown"' in html
        assert "公布后考评办法已修改，以下为按第2版试算，不影响已公布结果" in html
    html = _as(office(world)).get(
        f"/appraisal/members/{world.members[1].pk}/?year={year}").content.decode()
    assert "公布后考评办法已修改，以下为按第2版试算，不影响已公布结果" in html
    # A member whose score the change does not touch sees the published result only.
    html = _as(world.member_users[2]).get(f"/appraisal/mine/?year={year}").content.decode()
    assert 'id="published-breakdown"' in html and 'id="live-breakdown"' not in html


# --- year choices -------------------------------------------------------------------------


def _options(html: str) -> list[int]:
    import re

    block = html.split('id="year-select"', 1)[1].split("</select>", 1)[0]
    return [int(y) for y in re.findall(r'<option value="(\d+)"', block)]


def test_years_run_from_the_first_term_or_seat_to_this_year(world):
    this_year, first = clock.today().year, world.term.start_date.year
    expected = list(range(this_year, first - 1, -1))
    for user, url in ((office(world), "/appraisal/"), (office(world), "/appraisal/rules/"),
                      (office(world), "/appraisal/reports/"),
                      (world.member_users[0], "/appraisal/mine/")):
        assert _options(_as(user).get(url).content.decode()) == expected, url
    # An earlier term widens the committee's years, not those of a member not seated in it.
    Term.objects.create(committee=world.committee, number=4, name="第四届",
                        start_date=date(first - 5, 1, 10), end_date=date(first - 1, 1, 9))
    assert _options(_as(office(world)).get("/appraisal/").content.decode())[-1] == first - 5
    assert _options(_as(world.member_users[0]).get("/appraisal/mine/").content.decode()) == \
        expected


# --- exports ------------------------------------------------------------------------------


def test_word_record_prints_figures_plainly_and_groups_by_name(world):
    year, _ = _published(world)
    rec = selectors.member_record(member=world.members[1], year=year)
    doc = Document(BytesIO(documents.record_docx(rec)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "得分：45　等次：不称职" in text
    assert "计算：参加会议 45 + 提交提案 0 + 参加活动 0 + 社情民意 0 + 加分 0 = 45分" in text
    assert "提示：得分低于60分" in text and ".00" not in text
    cells = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    absent = next(r for r in cells if r[0] == "无故缺席专委会会议、培训和其他活动")
    assert absent[1] == "参加会议" and absent[3] == "-5"
    assert "meetings" not in {c for row in cells for c in row}


def test_excel_freezes_the_header_names_the_deductions_and_gives_the_decision(world):
    year, ap = _published(world, "base85")
    m1 = world.members[1]
    services.decision_record(actor=fresh(office(world)), member_id=m1.pk, kind="talk",
                             decided_on=clock.today(), meeting="主席会议",
                             reason="全年参加活动不足", appraisal_id=ap.pk)
    ws = load_workbook(BytesIO(documents.appraisal_xlsx(ap))).active
    assert ws.freeze_panes == "A4"
    head = [c.value for c in ws[3]]
    assert "未分组计分" not in head and "扣分" in head
    row = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[1] == m1.name)
    values = dict(zip(head, row, strict=True))
    assert values["扣分"] == -5 and values["得分"] == 80 and values["基础分"] == 85
    assert isinstance(values["得分"], int)
    assert values["提示"].startswith("已决定谈话提醒（") and "主席会议" in values["提示"]
    other = next(r for r in ws.iter_rows(min_row=4, values_only=True)
                 if r[1] == world.members[2].name)
    assert not dict(zip(head, other, strict=True))["提示"]
    # The workspace shows the decision beside the result, and figures without zeros.
    html = _as(office(world)).get(f"/appraisal/?year={year}").content.decode()
    assert "已决定谈话提醒" in html and '<td class="text-end">80</td>' in html
