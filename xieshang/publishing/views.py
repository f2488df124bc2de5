"""Web pages: the public portal (no login) and the staff disclosure pages."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from xieshang.core import clock
from xieshang.core.errors import NotFound
from xieshang.core.web import run_service, to_int

from . import permissions, selectors, services, stats
from .workflow import Mode, Status, WithholdReason

PUBLIC_PAGE_SIZE = 20
STAFF_PAGE_SIZE = 50


# --- public portal ---------------------------------------------------------------------------


def _committee(slug: str):
    try:
        committee = selectors.public_committee(slug)
    except NotFound as exc:
        raise Http404 from exc
    clock.use_committee(committee)
    return committee


@require_GET
def public_index(request):
    return render(request, "publishing/public_index.html",
                  {"committees": selectors.public_committees()})


@require_GET
def public_list(request, slug: str):
    committee = _committee(slug)
    g = request.GET
    filters = selectors.PublicFilters(
        q=(g.get("q") or "").strip()[:100] or None, unit_id=to_int(g.get("unit")),
        category_id=to_int(g.get("category")), year=to_int(g.get("year")),
        session_id=to_int(g.get("session")),
    )
    qs = selectors.public_proposal_list(committee_id=committee.pk, filters=filters)
    page = Paginator(qs, PUBLIC_PAGE_SIZE).get_page(g.get("page"))
    rows = list(page.object_list)
    for p in rows:
        p.public_units = selectors.public_units(p)
    query = g.copy()
    query.pop("page", None)
    return render(request, "publishing/public_list.html", {
        "committee": committee, "page": page, "rows": rows, "filters": g, "query": query.urlencode(),
        "choices": selectors.public_choices(committee_id=committee.pk),
    })


@require_GET
def public_detail(request, slug: str, proposal_id: int):
    committee = _committee(slug)
    try:
        proposal = selectors.public_proposal_detail(committee_id=committee.pk,
                                                    proposal_id=proposal_id)
    except NotFound as exc:
        raise Http404 from exc
    return render(request, "publishing/public_detail.html", {
        "committee": committee, "proposal": proposal, "latest": proposal.public_items[0],
        "items": proposal.public_replies, "units": selectors.public_units(proposal),
    })


# --- staff pages -----------------------------------------------------------------------------


def staff_page(view):
    """Require a login, a changed first password (/public/ is exempt from the middleware that
    enforces it) and the right to read disclosure work; others get the same 404."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.must_change_password:
            return redirect(reverse("accounts:password_change"))
        if not permissions.can_read(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


@staff_page
def queue(request):
    items = selectors.decision_queue(user=request.user)
    page = Paginator(items, STAFF_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "publishing/queue.html", {
        "page": page, "total": len(items),
        "overdue": sum(1 for i in items if i.urgency.level in ("overdue", "severe")),
        "can_decide": permissions.can_decide(request.user),
    })


def _overrides(post) -> dict[str, str]:
    return {k: post[k] for k in selectors.OVERRIDABLE if k in post}


def _initial(preview: selectors.Preview) -> dict[str, str]:
    """Start from the withdrawn publication's texts when there is one, else from the originals."""
    pub = preview.publication
    values = {**preview.texts.as_dict(), "summary": "",
              "mode": Mode.FULL if preview.consent else Mode.NONE}
    if pub and pub.status == Status.WITHDRAWN and pub.public_reply:
        values["mode"] = pub.mode if preview.consent else Mode.NONE
        values.update(title=pub.public_title, reasons=pub.public_reasons,
                      suggestions=pub.public_suggestions)
        values["summary" if pub.mode == Mode.SUMMARY else "reply"] = pub.public_reply
    return values


@staff_page
def decide(request, reply_id: int):
    if request.method == "POST":
        post = request.POST
        publication = run_service(request, services.publication_decide, reply_id=reply_id,
                                  mode=post.get("mode", ""), summary=post.get("summary"),
                                  reason=post.get("reason"),
                                  reason_text=post.get("reason_text", ""),
                                  public_text_override=_overrides(post))
        if publication:
            messages.success(request, f"已保存：{publication.get_status_display()}。")
            return redirect("publishing:decisions")
    try:
        preview = selectors.publication_preview(user=request.user, reply_id=reply_id)
    except NotFound as exc:
        raise Http404 from exc
    return render(request, "publishing/decide.html", {
        "preview": preview, "form": request.POST or None,
        "initial": _initial(preview),
        "modes": Mode.choices, "reasons": WithholdReason.choices,
        "can_decide": permissions.can_decide(request.user, preview.reply),
        "history": (selectors.publication_timeline(publication=preview.publication)
                    if preview.publication else []),
    }, status=400 if request.method == "POST" else 200)


@staff_page
@require_POST
def preview(request, reply_id: int):
    post = request.POST
    mode = post.get("mode") if post.get("mode") in (Mode.FULL, Mode.SUMMARY) else Mode.FULL
    try:
        result = selectors.publication_preview(user=request.user, reply_id=reply_id, mode=mode,
                                               summary=post.get("summary"),
                                               override=_overrides(post))
    except NotFound as exc:
        raise Http404 from exc
    return render(request, "publishing/_preview.html", {"preview": result, "mode": mode})


@staff_page
def decisions(request):
    status = request.GET.get("status") or None
    if status not in (None, *Status.values):
        status = None
    qs = selectors.publication_list(user=request.user, status=status)
    page = Paginator(qs, STAFF_PAGE_SIZE).get_page(request.GET.get("page"))
    year = to_int(request.GET.get("year")) or stats.default_year(request.user.committee_id,
                                                                 clock.today().year)
    figures = stats.disclosure_stats(request.user.committee_id, year=year)
    return render(request, "publishing/decisions.html", {
        "page": page, "status": status, "statuses": Status.choices[1:], "year": year,
        "figures": figures, "definitions": stats.FIGURES.values(),
        "can_decide": permissions.can_decide(request.user),
        "committee": request.user.committee, "today": timezone.localdate(clock.now()),
    })


@staff_page
@require_POST
def withdraw(request, pk: int):
    if run_service(request, services.publication_withdraw, publication_id=pk,
                   reason=request.POST.get("reason", "")):
        messages.success(request, "已撤回公开。")
    return redirect("publishing:decisions")
