"""The one place services read the time, so that demo loading can replay a past year."""

import contextlib
import contextvars
from collections.abc import Iterator
from datetime import date, datetime

from django.utils import timezone

_frozen: contextvars.ContextVar[datetime | None] = contextvars.ContextVar("frozen", default=None)


def now() -> datetime:
    """Return the current aware datetime, or the frozen one inside `at()`."""
    return _frozen.get() or timezone.now()


def today() -> date:
    """Return the current local date."""
    return timezone.localdate(now())


@contextlib.contextmanager
def at(moment: datetime) -> Iterator[None]:
    """Make `now()` return `moment` inside the block."""
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    token = _frozen.set(moment)
    try:
        yield
    finally:
        _frozen.reset(token)


def localdate(moment: datetime) -> date:
    """Return the local date of an aware datetime."""
    return timezone.localdate(moment)
