"""Organisation pages: the Excel import and read-only rosters of members and units."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache

from xieshang.accounts.roles import STAFF_ROLES, Role
from xieshang.accounts.selectors import has_role
from xieshang.core import clock
from xieshang.core.errors import DomainError
from xieshang.core.web import to_int
from xieshang.core.word import DOCX

from . import documents, importing, permissions, selectors_import, services
from .selectors import current_term, unit_list
from .selectors_import import (
    ROSTER_ORDERS,
    import_reference,
    member_roster,
    roster_order,
    term_list,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_NAME = "委员和承办单位导入模板.xlsx"
UNITS_EXPORT_NAME = "承办单位名单（可修改后导入）.xlsx"
PAGE_SIZE = 100
# Enough to fix a file row by row; the count above the table says how many there are in all.
ERRORS_SHOWN = 500


def members_export_name(term) -> str:
    return f"{term.name}委员名单（可修改后导入）.xlsx"


def _can_view_roster(user) -> bool:
    return has_role(user, Role.SYS_ADMIN, *STAFF_ROLES)


@login_required
@never_cache  # The result page shows initial passwords; browsers must not keep it.
def import_view(request):
    if not permissions.can_import(request.user):
        raise Http404
    context = {"max_mb": importing.MAX_BYTES // (1024 * 1024), "max_rows": importing.MAX_ROWS}
    status = 200
    if request.method == "POST":
        status = 400
        upload = request.FILES.get("file")
        if upload is None:
            context["error"] = "请选择要导入的Excel文件。"
        else:
            try:
                context["result"] = services.org_import(
                    actor=request.user, committee=request.user.committee,
                    content=upload.read(importing.MAX_BYTES + 1),
                )
                status = 200
            except importing.ImportInvalid as exc:
                context.update(invalid=exc, errors=exc.errors[:ERRORS_SHOWN],
                               errors_hidden=max(0, len(exc.errors) - ERRORS_SHOWN))
            except DomainError as exc:
                context["error"] = exc.message
            context["file_name"] = upload.name if upload else ""
    return render(request, "organization/import.html", context, status=status)


@login_required
def import_template(request):
    if not permissions.can_import(request.user):
        raise Http404
    reference = import_reference(committee=request.user.committee)
    return xlsx_response(importing.template_bytes(reference=reference), TEMPLATE_NAME)


@login_required
def units_export(request):
    """The committee's units as a filled import file: edit 排序 or contacts, then import it."""
    if not permissions.can_import(request.user):
        raise Http404
    content = selectors_import.units_export(committee=request.user.committee)
    return xlsx_response(content, UNITS_EXPORT_NAME)


def _asked_term(request):
    """Return the committee's term whose number is `?term=`, or raise 404."""
    term = selectors_import.term_numbered(committee=request.user.committee,
                                          number=to_int(request.GET.get("term")))
    if term is None:
        raise Http404
    return term


@login_required
def members_export(request):
    """One term's members as a filled import file, in the roster's order: edit, then import."""
    if not permissions.can_import(request.user):
        raise Http404
    committee, term = request.user.committee, _asked_term(request)
    content = selectors_import.members_export(committee=committee, term=term,
                                              order=request.GET.get("order") or "")
    return xlsx_response(content, members_export_name(term))


@login_required
def members_docx(request):
    """One term's printed roster (Word), or its 常委 with `?standing=1`: by 界别, 以姓氏笔画为序."""
    if not _can_view_roster(request.user):
        raise Http404
    committee, term = request.user.committee, _asked_term(request)
    standing = request.GET.get("standing") == "1"
    response = HttpResponse(
        documents.roster_docx(committee=committee, term=term, standing=standing),
        content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(
        True, f"{documents.roster_title(committee, term, standing)}.docx")
    return response


@login_required
def members(request):
    if not _can_view_roster(request.user):
        raise Http404
    committee = request.user.committee
    terms = list(term_list(committee=committee))
    wanted = request.GET.get("term")
    term = next((t for t in terms if str(t.number) == wanted), None)
    if term is None and wanted != "all":
        term = current_term(committee=committee, day=clock.today())
    q = (request.GET.get("q") or "").strip()[:50]
    order = roster_order(request.GET.get("order"), term)
    page = Paginator(member_roster(committee=committee, term=term, q=q or None, order=order),
                     PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "organization/members.html", {
        "page": page, "terms": terms, "term": term, "q": q, "order": order,
        "orders": [(key, label) for key, (label, _) in ROSTER_ORDERS.items()],
        "can_import": permissions.can_import(request.user),
    })


@login_required
def units(request):
    if not _can_view_roster(request.user):
        raise Http404
    page = Paginator(unit_list(committee=request.user.committee, active_only=False),
                     PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "organization/units.html", {
        "page": page, "can_import": permissions.can_import(request.user),
    })


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """Return an xlsx download; the name is encoded so browsers keep the Chinese."""
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
