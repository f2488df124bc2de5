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
from .summary import INTAKE_TRACEABLE, TRACEABLE, session_report, year_summary
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


def _asked_session(request) -> Session | None:
    """The session a report was asked for (`?session=`), or None for the year's summary."""
    if "session" not in request.GET:
        return None
    session = Session.objects.filter(pk=to_int(request.GET.get("session")) or 0,
                                     committee_id=request.user.committee_id).first()
    if session is None:
        raise Http404
    return session


def _report(request):
    """The summary the query asks for: a session's proposal report or a year's summary."""
    year, years = _asked_year(request)
    session = _asked_session(request)
    if session is not None:
        report = session_report(committee=request.user.committee, session=session,
                                can_open=_opener(request.user))
    elif year is not None:
        report = year_summary(committee=request.user.committee, year=year,
                              can_open=_opener(request.user))
    else:
        report = None
    return report, years


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
    summary, years = _report(request)
    # Proposals come in before a plenary opens: every session may have its report.
    sessions = Session.objects.filter(committee_id=request.user.committee_id).order_by(
        "-opening_date")
    return render(request, "reports/summary.html", {
        "summary": summary, "year": summary.year if summary else None, "years": years,
        "sessions": sessions, "session": summary.session if summary else None})


@login_required
def summary_word(request):
    summary, _ = _report(request)
    if summary is None:
        raise Http404
    return FileResponse(BytesIO(summary_docx.summary_docx(summary)), as_attachment=True,
                        filename=f"{summary.title}.docx", content_type=word.DOCX)


@login_required
def trace_page(request):
    """The proposals counted in one figure of a year or a session (the web form of
    `stats --trace`)."""
    year, _ = _asked_year(request)
    session = _asked_session(request)
    figure = request.GET.get("figure", "")
    if (year is None and session is None) or figure not in TRACEABLE:
        raise Http404
    trace = proposal_stats.trace if figure in INTAKE_TRACEABLE else handling_stats.trace
    period = {"session_id": session.pk} if session is not None else {"year": year}
    ids = trace(committee_id=request.user.committee_id, figure=figure, **period)
    proposals = (Proposal.objects.filter(pk__in=ids).select_related("category", "lead_member", "party", "special_committee", "sector")
                 .order_by("official_seq", "receipt_seq", "pk"))
    label, definition = term(figure)
    return render(request, "reports/trace.html", {
        "year": year, "session": session, "figure": figure, "label": label,
        "definition": definition,
        "proposals": proposals, "count": len(ids)})
