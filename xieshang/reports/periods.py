"""Calendar periods the hot-topics page reads: a month, a quarter or a year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from xieshang.core import clock

# kind → (months in it, the word for "this …", previous / next link texts)
KINDS = {
    "month": (1, "本月", "上月", "下月"),
    "quarter": (3, "本季度", "上季度", "下季度"),
    "year": (12, "本年", "上一年", "下一年"),
}
_QUARTERS = "一二三四"
FIRST_YEAR, LAST_YEAR = 1949, 2999


def _shift(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    """A calendar period [first, end) of one kind."""

    kind: str
    first: date

    @property
    def months(self) -> int:
        return KINDS[self.kind][0]

    @property
    def end(self) -> date:
        return _shift(self.first, self.months)

    @property
    def label(self) -> str:
        if self.kind == "year":
            return f"{self.first.year}年"
        if self.kind == "quarter":
            return f"{self.first.year}年第{_QUARTERS[(self.first.month - 1) // 3]}季度"
        return f"{self.first.year}年{self.first.month}月"

    @property
    def this(self) -> str:
        return KINDS[self.kind][1]

    @property
    def previous_text(self) -> str:
        return KINDS[self.kind][2]

    @property
    def next_text(self) -> str:
        return KINDS[self.kind][3]

    def previous(self) -> Period:
        return Period(self.kind, _shift(self.first, -self.months))

    def next(self) -> Period:
        return Period(self.kind, self.end)

    def query(self) -> str:
        """The page's query string that shows this period."""
        month = f"{self.first:%Y-%m}"
        return f"?month={month}" if self.kind == "month" else f"?period={self.kind}&month={month}"


def containing(kind: str, day: date) -> Period:
    """Return the period of `kind` that holds `day`."""
    months = KINDS[kind][0]
    return Period(kind, date(day.year, (day.month - 1) // months * months + 1, 1))


def from_query(period: str | None, month: str | None) -> Period:
    """Read ?period=month|quarter|year&month=YYYY-MM; what is absent or malformed falls back to
    a month and to this month."""
    kind = period if period in KINDS else "month"
    try:
        year, number = (int(x) for x in (month or "").split("-"))
        day = date(year, number, 1)
    except (TypeError, ValueError):
        day = clock.today()
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        # Far years have no records, and their neighbours may not exist as dates (year 0).
        day = clock.today()
    return containing(kind, day)
