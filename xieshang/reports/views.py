"""The statistics page for staff: the same figures as `xieshang stats`, with charts."""

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from xieshang.handling import permissions as handling_permissions
from xieshang.organization.models import Session

from .figures import committee_figures


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def stats_page(request):
    user = request.user
    if not handling_permissions.can_read_all(user):
        raise Http404
    sessions = Session.objects.filter(committee_id=user.committee_id).order_by("-opening_date")
    years = sorted({s.year for s in sessions}, reverse=True)
    year = _int(request.GET.get("year")) or (years[0] if years else None)
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
