"""Working days on the committee calendar: weekends, holidays, make-up days, month ends."""

from datetime import date

import pytest

from xieshang.core.calendar import WorkCalendar, add_months
from xieshang.core.calendar_import import parse_calendar_csv
from xieshang.core.errors import ValidationError


@pytest.fixture
def cal(world):
    return WorkCalendar.for_committee(world.committee.pk)


def test_national_holidays_and_make_up_days_are_loaded_for_a_new_committee(cal):
    assert not cal.is_working_day(date(2020, 10, 1))  # 国庆
    assert cal.is_working_day(date(2020, 10, 10))  # Saturday, 调休上班
    assert cal.is_working_day(date(2020, 9, 30))
    assert not cal.is_working_day(date(2020, 10, 11))  # plain Sunday


def test_adding_working_days_skips_the_national_day_week(cal):
    # Five working days after Wednesday 2020-09-30: 10-09 (Fri), 10-10 (Sat, make-up),
    # 10-12, 10-13, 10-14.
    assert cal.add_working_days(date(2020, 9, 30), 5) == date(2020, 10, 14)
    assert cal.working_days_between(date(2020, 9, 30), date(2020, 10, 14)) == 5
    assert cal.working_days_between(date(2020, 10, 14), date(2020, 9, 30)) == -5


def test_twenty_working_days_across_spring_festival_2021(cal):
    # 2021-02-07 (Sunday) is a make-up workday; 02-11..02-17 are holidays.
    assert cal.is_working_day(date(2021, 2, 7))
    assert cal.add_working_days(date(2021, 2, 5), 1) == date(2021, 2, 7)
    assert cal.add_working_days(date(2021, 2, 10), 1) == date(2021, 2, 18)


@pytest.mark.parametrize("start,months,end", [
    (date(2020, 1, 31), 1, date(2020, 2, 29)),
    (date(2021, 1, 31), 1, date(2021, 2, 28)),
    (date(2020, 11, 30), 3, date(2021, 2, 28)),
    (date(2020, 6, 15), 3, date(2020, 9, 15)),
    (date(2020, 8, 31), 6, date(2021, 2, 28)),
])
def test_month_arithmetic_clamps_to_month_end(start, months, end):
    assert add_months(start, months) == end


def test_bad_calendar_rows_are_all_reported():
    with pytest.raises(ValidationError) as err:
        parse_calendar_csv("日期,类型,名称\n2020-13-01,放假,x\n2020-01-02,午休,y\n")
    assert "第2行" in err.value.message and "第3行" in err.value.message
