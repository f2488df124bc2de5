"""The one place services read the time, so that demo loading can replay a past year.

Two things move the clock away from the wall clock:

- `at(moment)` freezes it (the demo loader and tests replay actions at their moments);
- a committee's `clock_offset` (a demo or training 政协 that lives in a past year) shifts it for
  the requests and jobs of that committee: its "now" is the wall clock minus the offset, so time
  still passes there, day by day, from the moment the offset was set.
"""

import contextlib
import contextvars
from collections.abc import Iterator
from datetime import date, datetime, timedelta

from django.utils import timezone

_frozen: contextvars.ContextVar[datetime | None] = contextvars.ContextVar("frozen", default=None)
_offset: contextvars.ContextVar[timedelta | None] = contextvars.ContextVar("offset", default=None)


def now() -> datetime:
    """Return the current aware datetime: the frozen one inside `at()`, else the shifted one."""
    frozen = _frozen.get()
    if frozen is not None:
        return frozen
    offset = _offset.get()
    return timezone.now() - offset if offset else timezone.now()


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


@contextlib.contextmanager
def scope() -> Iterator[None]:
    """Open a block (one request, one job) whose committee may be set later by `use_committee`."""
    token = _offset.set(None)
    try:
        yield
    finally:
        _offset.reset(token)


def use_committee(committee) -> None:
    """Run the rest of the current `scope()` on the committee's time (its `clock_offset`)."""
    _offset.set(getattr(committee, "clock_offset", None) or None)


@contextlib.contextmanager
def for_committee(committee) -> Iterator[None]:
    """Run the block on the committee's time."""
    with scope():
        use_committee(committee)
        yield


def offset_to(moment: datetime) -> timedelta:
    """Return the offset that makes the shifted clock read `moment` now."""
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return timezone.now() - moment


def localdate(moment: datetime) -> date:
    """Return the local date of an aware datetime."""
    return timezone.localdate(moment)
