"""The statistics page for staff: the same figures as `xieshang stats`, with charts."""

import json
from datetime import date, datetime, time

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from xieshang.accounts.roles import STAFF_ROLES
from xieshang.accounts.selectors import has_role
from xieshang.core import clock
from xieshang.core.web import to_int
from xieshang.handling import permissions as handling_permissions
from xieshang.organization.models import Session
from xieshang.proposals import selectors as proposal_selectors

from .figures import committee_figures


@login_required
def stats_page(request):
    user = request.user
    if not handling_permissions.can_read_all(user):
        raise Http404
    sessions = Session.objects.filter(committee_id=user.committee_id).order_by("-opening_date")
    years = sorted({s.year for s in sessions}, reverse=True)
    year = to_int(request.GET.get("year")) or (years[0] if years else None)
    figures = committee_figures(committee=user.committee, year=year) if year else None
    charts = {}
    if figures:
        charts = {
            "by_category": figures["by_category"],
            "result_classes": {k: v["count"] for k, v in figures["result_classes"].items()},
            "satisfaction": {d: {lvl: figures["satisfaction"][d][lvl]["count"]
                                 for lvl in ("satisfied", "basic", "unsatisfied")}
                             for d in ("overall", "contact", "attitude", "result")},
        }
    return render(request, "reports/stats.html", {
        "years": years, "year": year, "figures": figures,
        "charts_json": json.dumps(charts, ensure_ascii=False),
        "units": sorted((figures or {}).get("by_unit", {}).items(),
                        key=lambda kv: -kv[1]["assigned"]),
    })


def _month(value: str | None) -> date:
    """Return the first day of a YYYY-MM month, this month when absent or malformed."""
    try:
        year, month = (int(x) for x in (value or "").split("-"))
        return date(year, month, 1)
    except (TypeError, ValueError):
        return clock.today().replace(day=1)


def _shift(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@login_required
def topics_page(request):
    """The month's hot topics across proposals and 社情民意 items."""
    user = request.user
    if not has_role(user, *STAFF_ROLES):
        raise Http404
    first = _month(request.GET.get("month"))
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(first, time.min), zone)
    end = timezone.make_aware(datetime.combine(_shift(first, 1), time.min), zone)
    topics = proposal_selectors.hot_topics(user=user, start=start, end=end)
    latest = None
    if not topics:
        last = proposal_selectors.latest_topic_time(committee_id=user.committee_id, before=start)
        latest = timezone.localtime(last, zone).date().replace(day=1) if last else None
    return render(request, "reports/topics.html", {
        "month": first, "previous": _shift(first, -1), "next": _shift(first, 1),
        "topics": topics, "latest": latest,
    })
