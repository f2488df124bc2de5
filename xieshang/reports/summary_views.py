"""The year's work summary (数据初稿) on a page and in Word, and the records behind a figure."""

from io import BytesIO

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render

from xieshang.activities import permissions as activity_permissions
from xieshang.appraisal import permissions as appraisal_permissions
from xieshang.core import clock, word
from xieshang.core.web import to_int
from xieshang.handling import permissions as handling_permissions
from xieshang.handling import stats as handling_stats
from xieshang.opinions import permissions as opinion_permissions
from xieshang.organization.models import Session
from xieshang.proposals import stats as proposal_stats
from xieshang.proposals.models import Proposal
from xieshang.supervision import permissions as supervision_permissions

from . import summary_docx
from .summary import INTAKE_TRACEABLE, TRACEABLE, year_summary
from .summary_terms import term


def _years(user) -> list[int]:
    """The years the committee has sessions in, up to this year, newest first."""
    this_year = clock.today().year
    return sorted({y for y in Session.objects.filter(committee_id=user.committee_id)
                   .values_list("year", flat=True) if y <= this_year}, reverse=True)


def _asked_year(request) -> tuple[int | None, list[int]]:
    if not handling_permissions.can_read_all(request.user):
        raise Http404
    years = _years(request.user)
    asked = to_int(request.GET.get("year"))
    if asked is not None and asked not in years:
        raise Http404
    return (asked if asked is not None else (years[0] if years else None)), years


def _opener(user):
    """Which record lists the user may open, so that the summary links only to those."""
    areas = {
        "proposals": handling_permissions.can_read_all(user),
        "opinions": opinion_permissions.can_read_all(user),
        "activities": (activity_permissions.can_read_all(user)
                       or activity_permissions.is_liaison(user)),
        "appraisal": appraisal_permissions.can_read_all(user),
        "supervision": supervision_permissions.can_read_all(user),
    }
    return lambda area: areas[area]


@login_required
def summary_page(request):
    year, years = _asked_year(request)
    summary = (year_summary(committee=request.user.committee, year=year,
                            can_open=_opener(request.user)) if year else None)
    return render(request, "reports/summary.html",
                  {"summary": summary, "year": year, "years": years})


@login_required
def summary_word(request):
    year, _ = _asked_year(request)
    if year is None:
        raise Http404
    summary = year_summary(committee=request.user.committee, year=year)
    return FileResponse(BytesIO(summary_docx.summary_docx(summary)), as_attachment=True,
                        filename=f"{summary.title}.docx", content_type=word.DOCX)


@login_required
def trace_page(request):
    """The proposals counted in one figure of a year (the web form of `stats --trace`)."""
    year, _ = _asked_year(request)
    figure = request.GET.get("figure", "")
    if year is None or figure not in TRACEABLE:
        raise Http404
    trace = proposal_stats.trace if figure in INTAKE_TRACEABLE else handling_stats.trace
    ids = trace(committee_id=request.user.committee_id, figure=figure, year=year)
    proposals = (Proposal.objects.filter(pk__in=ids).select_related("category", "lead_member", "party", "special_committee", "sector")
                 .order_by("official_seq", "receipt_seq", "pk"))
    label, definition = term(figure)
    return render(request, "reports/trace.html", {
        "year": year, "figure": figure, "label": label, "definition": definition,
        "proposals": proposals, "count": len(ids)})
