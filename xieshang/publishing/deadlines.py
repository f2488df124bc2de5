"""The publication deadline on the committee's working-day calendar."""

from datetime import date, datetime

from django.utils import timezone

from xieshang.core.calendar import WorkCalendar


def publication_due(cal: WorkCalendar, limit_days: int, passed_at: datetime) -> date:
    """Return the last day to publish: `limit_days` working days after the reply passed."""
    return cal.add_working_days(timezone.localdate(passed_at), limit_days)


def on_time(due: date, published_at: datetime) -> bool:
    """Say whether a publication made at `published_at` met the deadline (the due day counts)."""
    return timezone.localdate(published_at) <= due
