"""Replaying a year: realistic moments for people's actions, and a queue that runs them in order."""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from xieshang.core import clock
from xieshang.core.calendar import WorkCalendar


class Moments:
    """Draw realistic moments: staff act in office hours on working days, members any day."""

    def __init__(self, rng: random.Random, calendar: WorkCalendar):
        self.rng = rng
        self.calendar = calendar

    def workday_in(self, first: date, last: date) -> date:
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        return self.rng.choice([d for d in days if self.calendar.is_working_day(d)])

    def office(self, day: date) -> datetime:
        """Return a moment in office hours (8:40–11:50, 14:30–17:40) on the day."""
        rng = self.rng
        if rng.random() < 0.55:
            minutes = rng.randrange(8 * 60 + 40, 11 * 60 + 50)
        else:
            minutes = rng.randrange(14 * 60 + 30, 17 * 60 + 40)
        return datetime.combine(day, time(minutes // 60, minutes % 60, rng.randrange(60)))

    def member(self, day: date) -> datetime:
        """Return a moment a member might work on a proposal: mostly daytime, some evenings."""
        rng = self.rng
        if rng.random() < 0.75:
            minutes = rng.randrange(8 * 60, 18 * 60)
        else:
            minutes = rng.randrange(19 * 60, 23 * 60)
        return datetime.combine(day, time(minutes // 60, minutes % 60, rng.randrange(60)))

    def office_after(self, moment: datetime, low: int, high: int) -> datetime:
        """Return an office-hours moment `low`..`high` working days after `moment`, and after it."""
        cal = self.calendar
        day = cal.add_working_days(cal.next_working_day(moment.date()), self.rng.randint(low, high))
        result = self.office(day)
        while result <= moment:
            day = cal.add_working_days(day, 1)
            result = self.office(day)
        return result

    def member_after(self, moment: datetime, low_hours: float, high_hours: float) -> datetime:
        """Return a moment `low_hours`..`high_hours` after `moment`, moved out of the night."""
        rng = self.rng
        result = moment + timedelta(minutes=rng.randint(int(low_hours * 60),
                                                        int(high_hours * 60)))
        if result.hour < 7:
            result = result.replace(hour=rng.randint(7, 9), minute=rng.randrange(60))
        elif result.hour >= 23:
            result = (result + timedelta(days=1)).replace(hour=rng.randint(7, 9),
                                                          minute=rng.randrange(60))
        return result


@dataclass(order=True)
class _Step:
    at: datetime
    order: int
    label: str = field(compare=False)
    run: Callable[[], object] = field(compare=False)


class Timeline:
    """Collect actions with their moments, then run them in time order under `clock.at`."""

    def __init__(self) -> None:
        self._steps: list[_Step] = []

    def add(self, at: datetime, label: str, run: Callable[[], object]) -> None:
        self._steps.append(_Step(at, len(self._steps), label, run))

    def __len__(self) -> int:
        return len(self._steps)

    def run(self, until: datetime | None = None) -> int:
        """Run the actions in time order; with `until`, leave later ones undone (a year in
        progress). Return how many ran."""
        done = 0
        for step in sorted(self._steps):
            if until is not None and step.at > until:
                break
            done += 1
            with clock.at(step.at):
                try:
                    step.run()
                except Exception as exc:
                    exc.add_note(f"demo step {step.label} at {step.at:%Y-%m-%d %H:%M}")
                    raise
        return done
