"""What the apps' views share: reading numbers and dates from a request, calling a service."""

from __future__ import annotations

from datetime import date, datetime

from django.contrib import messages
from django.http import Http404
from django.utils import timezone

from xieshang.core.errors import DomainError, NotFound, ValidationError

# A number a database column can hold (64-bit signed): beyond it SQLite and PostgreSQL raise
# instead of finding nothing, so a request naming such an id would fail with a server error.
_INT_RANGE = range(-(2**63), 2**63)


def to_int(value, default=None):
    """Return `value` as an int, or `default` when it is missing, not a number, or too large
    for a database column."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if number in _INT_RANGE else default


def to_ints(values) -> list[int]:
    """Return the values that are numbers, as ints; the others are dropped."""
    return [v for v in (to_int(x) for x in values) if v is not None]


def to_date(value) -> date | None:
    """Return an ISO date (YYYY-MM-DD, surrounding spaces allowed), or None."""
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        return None


def to_datetime(value, label: str, field: str) -> datetime | None:
    """Return a typed date and time (ISO, as a datetime-local input sends it: 2021-03-05T09:30)
    in the current time zone, or None when nothing was typed; refuse anything else, quoting it,
    so that a wrong date is not taken for a missing one."""
    text = (value or "").strip()
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        shown = text[:40].replace("T", " ")
        raise ValidationError(f"{label}不是有效的日期时间：{shown}。请按“年-月-日 时:分”填写，"
                              "如 2021-03-05 09:30。", field=field) from None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def run_service(request, fn, **kwargs):
    """Call a service as the request's user; on a refusal show its Chinese message and return
    None (a missing or foreign object is a 404)."""
    try:
        return fn(actor=request.user, **kwargs)
    except NotFound as exc:
        raise Http404 from exc
    except DomainError as exc:
        messages.error(request, exc.message)
        return None
