"""Working-day arithmetic on a committee's calendar of holidays and make-up workdays."""

import calendar as _calendar
from datetime import date, timedelta

from .models import CalendarDay


class WorkCalendar:
    """A committee's working days: Monday–Friday, minus holidays, plus make-up workdays."""

    def __init__(self, holidays: set[date], workdays: set[date]):
        self.holidays = holidays
        self.workdays = workdays

    @classmethod
    def for_committee(cls, committee_id: int) -> "WorkCalendar":
        rows = CalendarDay.objects.filter(committee_id=committee_id).values_list("day", "kind")
        holidays = {d for d, k in rows if k == CalendarDay.Kind.HOLIDAY}
        workdays = {d for d, k in rows if k == CalendarDay.Kind.WORKDAY}
        return cls(holidays, workdays)

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add_working_days(self, start: date, days: int) -> date:
        """Return the day `days` working days after `start` (start itself not counted)."""
        day, left = start, days
        step = 1 if days >= 0 else -1
        while left:
            day += timedelta(days=step)
            if self.is_working_day(day):
                left -= step
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Count working days after `start` up to and including `end` (negative if end < start)."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(1 for i in range(1, (end - start).days + 1)
                   if self.is_working_day(start + timedelta(days=i)))

    def next_working_day(self, day: date) -> date:
        """Return `day` if it is a working day, else the next one."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day


def add_months(day: date, months: int) -> date:
    """Return the same day `months` later, clamped to the month's end (1-31 + 1 month = 2-28/29)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = _calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))
