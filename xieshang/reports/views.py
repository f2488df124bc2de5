"""Staff pages: the statistics page (the figures of `xieshang stats`, with charts) and the hot
topics of a period, on the page and as an Excel export."""

import json
from io import BytesIO

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone

from xieshang.core import clock, word
from xieshang.core.web import to_int
from xieshang.handling import permissions as handling_permissions
from xieshang.opinions import permissions as opinion_permissions
from xieshang.organization.models import Session

from . import periods, permissions, topic_export
from . import topics as topic_reads
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
    today = clock.today()
    return render(request, "reports/stats.html", {
        "years": years, "year": year, "figures": figures,
        "as_of": today if year == today.year else None,
        "charts_json": json.dumps(charts, ensure_ascii=False),
        "units": sorted((figures or {}).get("by_unit", {}).items(),
                        key=lambda kv: -kv[1]["assigned"]),
    })


def _period_topics(request):
    """Return the period the query asks for and its hot topics (staff roles only)."""
    if not permissions.can_read_topics(request.user):
        raise Http404
    period = periods.from_query(request.GET.get("period"), request.GET.get("month"))
    return period, topic_reads.period_topics(user=request.user, period=period)


@login_required
def topics_page(request):
    """The hot topics of a month, a quarter or a year across proposals and 社情民意 items."""
    user = request.user
    period, read = _period_topics(request)
    topics = read.topics
    latest = None
    if not topics:
        last = topic_reads.latest_topic_time(committee_id=user.committee_id, before=read.start)
        if last:
            latest = periods.containing(period.kind, timezone.localtime(last).date())
    # Switching to another kind of period keeps this month when the period shown holds it.
    today = clock.today()
    anchor = today if period.first <= today < period.end else period.first
    return render(request, "reports/topics.html", {
        "period": period, "kinds": [periods.containing(k, anchor) for k in periods.KINDS],
        "topics": topics, "latest": latest,
        # Nothing is submitted in a period that has not begun: no link to it.
        "has_next": period.end <= today,
        # The information office may join a topic's used items into one 综合稿.
        "can_compile": opinion_permissions.is_office(user),
    })


@login_required
def topics_xlsx(request):
    """The same period's hot topics as an Excel workbook, with every member and the definitions."""
    period, read = _period_topics(request)
    body = topic_export.topics_xlsx(period, read, link=request.build_absolute_uri)
    return FileResponse(BytesIO(body), as_attachment=True, filename=topic_export.file_name(period),
                        content_type=topic_export.XLSX)


@login_required
def topics_docx(request):
    """A Word draft of the same period's hot-topics analysis, for the office to complete."""
    period, read = _period_topics(request)
    body = topic_export.topics_docx(period, read)
    return FileResponse(BytesIO(body), as_attachment=True,
                        filename=topic_export.file_name(period, "docx"), content_type=word.DOCX)
