"""Calendar periods of the hot-topics page."""

from datetime import date

from xieshang.core import clock
from xieshang.reports.periods import containing, from_query


def test_periods_hold_their_months_and_step_by_their_length():
    q = containing("quarter", date(2021, 5, 17))
    assert (q.first, q.end, q.label) == (date(2021, 4, 1), date(2021, 7, 1), "2021年第二季度")
    assert q.previous().label == "2021年第一季度" and q.next().label == "2021年第三季度"
    assert q.query() == "?period=quarter&month=2021-04"
    y = containing("year", date(2020, 12, 31))
    assert (y.first, y.end, y.label, y.this) == (date(2020, 1, 1), date(2021, 1, 1), "2020年", "本年")
    assert containing("quarter", date(2021, 1, 5)).previous().label == "2020年第四季度"
    m = containing("month", date(2020, 12, 31))
    assert (m.end, m.next().label, m.query()) == (date(2021, 1, 1), "2021年1月", "?month=2020-12")


def test_from_query_reads_the_page_parameters_and_falls_back():
    assert from_query("quarter", "2021-03").label == "2021年第一季度"
    assert from_query(None, "2021-03").label == "2021年3月"
    assert from_query("week", "2021-03").kind == "month"
    this_year = containing("year", clock.today())
    for bad in ("bad", "2021-13", "2021", "0000-01", "0001-01", "99999-01", "", None):
        assert from_query("year", bad) == this_year, bad
