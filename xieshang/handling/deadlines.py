"""Deadlines on the committee's working-day calendar, and overdue levels computed from them."""

from dataclasses import dataclass
from datetime import date

from xieshang.core.calendar import WorkCalendar, add_months

from .models import HandlingConfig


def config_for(committee_id: int) -> HandlingConfig:
    config, _ = HandlingConfig.objects.get_or_create(committee_id=committee_id)
    return config


def sign_due(cal: WorkCalendar, config: HandlingConfig, assigned_on: date) -> date:
    """Return the last day to sign for or ask to return an assignment."""
    return cal.add_working_days(assigned_on, config.sign_window_days)


def handling_due(cal: WorkCalendar, config: HandlingConfig, signed_on: date, *, role: str,
                 cutoff: date | None) -> date:
    """Return the reply (or co-handling opinion) deadline for an assignment signed on a day."""
    months = config.co_opinion_months if role == "co" else config.handling_months
    due = add_months(signed_on, months)
    if cutoff is not None and cutoff >= signed_on:
        due = min(due, cutoff)
    return cal.next_working_day(due)


def assignment_due(cal: WorkCalendar, config: HandlingConfig, signed_on: date, *, case,
                   role: str) -> date:
    """Return the deadline of an assignment signed on a day, by the case's subject.

    A transferred 社情民意 item is due a number of working days after signing; a proposal by
    `handling_due`.
    """
    if case.opinion_id is not None:
        return cal.add_working_days(signed_on, config.opinion_handling_days)
    return handling_due(cal, config, signed_on, role=role, cutoff=case.cutoff)


def extension_cap(config: HandlingConfig, signed_on: date) -> date:
    """Return the latest deadline an extension may grant."""
    return add_months(signed_on, config.extension_cap_months)


def rehandle_due(cal: WorkCalendar, config: HandlingConfig, ordered_on: date) -> date:
    return cal.next_working_day(add_months(ordered_on, config.rehandle_months))


@dataclass(frozen=True)
class Urgency:
    level: str  # "ok", "due_soon", "overdue", "severe"
    working_days_left: int  # negative once overdue

    @property
    def label(self) -> str:
        return {"ok": "正常", "due_soon": "临期", "overdue": "超期",
                "severe": "严重超期"}[self.level]


def urgency(cal: WorkCalendar, config: HandlingConfig, due: date, today: date) -> Urgency:
    """Classify how close `due` is: never stored, always computed from the calendar."""
    left = cal.working_days_between(today, due)
    if due < today:
        level = "severe" if -left >= config.severe_overdue_days else "overdue"
    elif left <= config.due_soon_days:
        level = "due_soon"
    else:
        level = "ok"
    return Urgency(level, left)
