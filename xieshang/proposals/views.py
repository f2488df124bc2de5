"""Web pages for proposals: thin handlers that parse input and call services or selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from xieshang.core.errors import NotFound
from xieshang.core.web import run_service, to_int, to_ints
from xieshang.organization.models import Member, Party, Sector, Session, SpecialCommittee
from xieshang.organization.selectors import unit_list

from . import (
    attachments,
    duplicate_groups,
    permissions,
    quality,
    selectors,
    services,
    similar_rows,
    similarity,
    similarity_sources,
)
from .models import Conversion, Proposal
from .workflow import IN_REVIEW, Status

PAGE_SIZE = 50


def _filters(request) -> selectors.ProposalFilters:
    g = request.GET
    return selectors.ProposalFilters(
        status=g.get("status") or None, session_id=to_int(g.get("session")),
        category_id=to_int(g.get("category")), proposer_type=g.get("proposer_type") or None,
        kind=g.get("kind") or None, q=(g.get("q") or "").strip()[:100] or None,
    )


def _list(request, qs, title: str, template: str = "proposals/list.html", **extra):
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    committee_id = request.user.committee_id
    return render(request, template, {
        "title": title, "page": page, "filters": request.GET,
        "statuses": Status.choices, "proposer_types": Proposal.ProposerType.choices,
        "categories": selectors.categories(committee_id=committee_id),
        "sessions": Session.objects.filter(committee_id=committee_id), **extra,
    })


@login_required
def mine(request):
    return _list(request, selectors.proposal_list_mine(user=request.user,
                                                       filters=_filters(request)), "我的提案")


@login_required
def review_queue(request):
    if not permissions.can_review_queue(request.user):
        raise Http404
    return _list(request, selectors.proposal_review_queue(user=request.user,
                                                          filters=_filters(request)), "审查队列",
                 show_duplicates=True)


@login_required
@require_GET
def review_groups(request):
    """疑似重复汇总: the session's groups of likely repeated proposals still to be sorted out."""
    if not permissions.can_review_queue(request.user):
        raise Http404
    committee_id = request.user.committee_id
    sessions = list(Session.objects.filter(committee_id=committee_id))
    chosen = to_int(request.GET.get("session"))
    session = next((s for s in sessions if s.pk == chosen), None) or _reviewing_session(
        committee_id, sessions)
    percent = min(max(to_int(request.GET.get("min")) or round(duplicate_groups.MIN_SCORE * 100),
                      duplicate_groups.LOWEST_PERCENT), 100)
    groups = (duplicate_groups.duplicate_groups(user=request.user, session_id=session.pk,
                                                min_score=percent / 100) if session else [])
    return render(request, "proposals/review_groups.html", {
        "sessions": sessions, "session": session, "percent": percent, "groups": groups,
        "lowest": duplicate_groups.LOWEST_PERCENT,
    })


def _reviewing_session(committee_id: int, sessions: list) -> Session | None:
    """The session of the latest proposal in review, else the latest session."""
    latest = (Proposal.objects.filter(committee_id=committee_id, status__in=IN_REVIEW)
              .order_by("-submitted_at").values_list("session_id", flat=True).first())
    return next((s for s in sessions if s.pk == latest), sessions[-1] if sessions else None)


@login_required
@require_GET
def review_duplicates(request):
    """Fill the review list's 疑似重复 and 质量提示 columns (one htmx request per page,
    out-of-band swaps)."""
    if not permissions.can_review_queue(request.user):
        raise Http404
    ids = to_ints((request.GET.get("ids") or "").split(","))[:PAGE_SIZE]
    badges = similar_rows.duplicate_badges(user=request.user, proposal_ids=ids)
    hints = quality.hints_by_id(committee_id=request.user.committee_id, proposal_ids=ids)
    return render(request, "proposals/_review_badges.html",
                  {"rows": [(pid, badges.get(pid), hints.get(pid, [])) for pid in ids]})


@login_required
@require_POST
def similar(request):
    """Return the drafting page's panel of earlier proposals that say nearly the same thing."""
    user = request.user
    if not permissions.can_search_similar(user):
        raise Http404
    p = request.POST
    limit = similarity.QUERY_CHARS
    title, reasons = p.get("title", "")[:200], p.get("reasons", "")[:limit]
    rows = similar_rows.similar_for_draft(
        user=user, title=title, reasons=reasons, suggestions=p.get("suggestions", "")[:limit],
        exclude_id=to_int(p.get("exclude")))
    return render(request, "proposals/_similar.html", {
        "rows": rows, "queried": len(similarity_sources.title_core(title) + reasons.strip()) >= 4,
    })


@login_required
@require_POST
def hints(request):
    """Return the drafting page's 提案质量提示 for the text as typed (nothing is saved)."""
    if not permissions.can_search_similar(request.user):
        raise Http404
    p = request.POST
    found = quality.hints_for_text(title=p.get("title", ""), reasons=p.get("reasons", ""),
                                   suggestions=p.get("suggestions", ""))
    return render(request, "proposals/_hints.html", {"hints": found})


@login_required
def all_proposals(request):
    if not permissions.can_read_all(request.user):
        raise Http404
    return _list(request, selectors.proposal_list_all(user=request.user,
                                                      filters=_filters(request)), "全部提案")


def _form_context(request, proposal=None) -> dict:
    committee_id = request.user.committee_id
    agent = [g for g in permissions.user_grants(request.user) if g.role == "body_agent"]
    units = list(proposal.suggestedunit_set.all()) if proposal else []
    return {
        "proposal": proposal,
        "categories": selectors.categories(committee_id=committee_id),
        "units": unit_list(committee=request.user.committee),
        "lead_ids": [u.unit_id for u in units if u.role == "lead"],
        "co_ids": [u.unit_id for u in units if u.role == "co"],
        "proposer_types": Proposal.ProposerType.choices,
        "parties": Party.objects.filter(pk__in=[g.party_id for g in agent]),
        "special_committees": SpecialCommittee.objects.filter(
            pk__in=[g.special_committee_id for g in agent]),
        "sectors": Sector.objects.filter(pk__in=[g.sector_id for g in agent]),
        "form": request.POST or None,
    }


def _form_values(request) -> dict:
    p = request.POST
    return {
        "title": p.get("title", ""), "reasons": p.get("reasons", ""),
        "suggestions": p.get("suggestions", ""), "category_id": to_int(p.get("category")),
        "lead_unit_ids": to_ints(p.getlist("lead_units")),
        "co_unit_ids": to_ints(p.getlist("co_units")),
        "consent_publication": p.get("consent_publication") == "on",
    }


@login_required
def create(request):
    # The same refusal the service gives on save, shown before the member types a proposal.
    refusal = services.proposing_refusal(request.user)
    if refusal is not None:
        return render(request, "proposals/form.html", {"refusal": refusal},
                      status=403 if request.method == "POST" else 200)
    if request.method == "POST":
        ptype = request.POST.get("proposer_type", "individual")
        proposal = run_service(request, services.proposal_create, proposer_type=ptype,
                               body_id=to_int(request.POST.get("body_" + ptype)),
                               member_group_name=request.POST.get("member_group_name", ""),
                               **_form_values(request))
        if proposal:
            messages.success(request, "草稿已保存。")
            return redirect("proposals:detail", proposal.pk)
    return render(request, "proposals/form.html", _form_context(request),
                  status=400 if request.method == "POST" else 200)


@login_required
def edit(request, pk: int):
    proposal = _get(request, pk)
    if request.method == "POST":
        if run_service(request, services.proposal_update, proposal_id=pk, **_form_values(request)):
            messages.success(request, "已保存。")
            return redirect("proposals:detail", pk)
    return render(request, "proposals/form.html", _form_context(request, proposal),
                  status=400 if request.method == "POST" else 200)


def _get(request, pk: int) -> Proposal:
    try:
        return selectors.proposal_detail(user=request.user, proposal_id=pk)
    except NotFound as exc:
        raise Http404 from exc


@login_required
def detail(request, pk: int):
    proposal = _get(request, pk)
    user = request.user
    can_decide = proposal.status in IN_REVIEW and permissions.can_decide(user, proposal)
    ctx = {
        "proposal": proposal,
        "events": selectors.proposal_timeline(proposal=proposal),
        "proposers": [r for r in proposal.proposers.all() if r.status != "revoked"],
        "suggested": list(proposal.suggestedunit_set.all()),
        "attachments": [a for a in proposal.attachments.all() if a.removed_at is None],
        "can_edit": permissions.can_edit(user, proposal),
        "is_owner": permissions.is_owner(user, proposal),
        "can_submit": proposal.status in (Status.DRAFT, Status.RETURNED)
        and permissions.can_submit(user, proposal),
        "can_withdraw": proposal.status in (*IN_REVIEW, Status.RETURNED)
        and permissions.can_withdraw(user, proposal),
        "can_first_review": proposal.status == Status.SUBMITTED
        and services.proposal_config(proposal.committee).two_stage_review
        and permissions.can_first_review(user, proposal),
        "can_decide": can_decide
        and not (proposal.status == Status.SUBMITTED
                 and services.proposal_config(proposal.committee).two_stage_review),
        "can_return": proposal.status in IN_REVIEW and permissions.can_return(user, proposal),
        "is_joint": proposal.proposer_type == Proposal.ProposerType.JOINT,
        "handling": selectors.proposal_handling(user=user, proposal=proposal),
    }
    if proposal.status in IN_REVIEW and permissions.can_review_queue(user):
        ctx["duplicates"] = similar_rows.duplicates_for_review(user=user, proposal=proposal)
        ctx["show_duplicates"] = True
    if ctx.get("show_duplicates") or ctx["can_submit"]:
        # The first reviewer reads the draft against 有情况、有分析、有具体的建议, as the
        # member could before submitting.
        ctx["hints"] = quality.hints_for(proposal)
        if ctx["can_return"] and ctx["hints"]:
            # A thin proposal is returned for revision with the hints as the likely reason.
            ctx["return_suggestion"] = quality.return_reason(ctx["hints"])
    if ctx["can_decide"]:
        suggested = [r.proposal for r in ctx.get("duplicates", []) if r.mergeable]
        taken = {p.pk for p in suggested}
        ctx.update(
            categories=selectors.categories(committee_id=user.committee_id),
            grounds=selectors.refusal_grounds(committee_id=user.committee_id),
            merge_suggested=suggested,
            merge_candidates=[m for m in selectors.merge_candidates(proposal=proposal)[:500]
                              if m.pk not in taken],
            merge_main=to_int(request.GET.get("merge_main")),
            conversion_kinds=Conversion.Kind.choices,
        )
    if ctx["can_edit"] and ctx["is_joint"]:
        ctx["members"] = Member.objects.filter(committee_id=user.committee_id,
                                               memberships__status="active").exclude(
            pk=proposal.lead_member_id).only("id", "code", "name").distinct()
    return render(request, "proposals/detail.html", ctx)


@login_required
@require_POST
def invite(request, pk: int):
    if run_service(request, services.proposal_invite, proposal_id=pk,
                   member_id=to_int(request.POST.get("member"), 0)):
        messages.success(request, "已发出联名邀请。")
    return redirect("proposals:detail", pk)


@login_required
@require_POST
def revoke(request, pk: int, proposer_id: int):
    if run_service(request, services.invitation_revoke, proposer_id=proposer_id):
        messages.success(request, "已撤回联名邀请。")
    return redirect("proposals:detail", pk)


@login_required
def invitations(request):
    return render(request, "proposals/invitations.html",
                  {"rows": selectors.invitations_for(user=request.user)})


@login_required
@require_POST
def invitation_answer(request, proposer_id: int, answer: str):
    fn = {"confirm": services.invitation_confirm, "decline": services.invitation_decline}.get(answer)
    if fn is None:
        raise Http404
    if run_service(request, fn, proposer_id=proposer_id):
        messages.success(request, "已确认联名。" if answer == "confirm" else "已谢绝联名。")
    return redirect("proposals:invitations")


@login_required
@require_POST
def submit(request, pk: int):
    proposal = run_service(request, services.proposal_submit, proposal_id=pk)
    if proposal:
        messages.success(request, f"提案已提交，流水号 {proposal.receipt_number}。")
    return redirect("proposals:detail", pk)


@login_required
@require_POST
def withdraw(request, pk: int):
    if run_service(request, services.proposal_withdraw, proposal_id=pk,
                   reason=request.POST.get("reason", "")):
        messages.success(request, "提案已撤回。")
    return redirect("proposals:detail", pk)


DECISIONS = {
    "first_review": (services.proposal_first_review, lambda p: {"opinion": p.get("opinion")}),
    "accept": (services.proposal_accept,
               lambda p: {"category_id": to_int(p.get("category"), 0), "note": p.get("note", "")}),
    "refuse": (services.proposal_refuse,
               lambda p: {"ground_id": to_int(p.get("ground"), 0),
                          "explanation": p.get("explanation", "")}),
    "convert": (services.proposal_convert,
                lambda p: {"kind": p.get("kind", ""), "consent_note": p.get("consent_note", ""),
                           "note": p.get("note", "")}),
    "merge": (services.proposal_merge,
              lambda p: {"main_id": to_int(p.get("main"), 0), "note": p.get("note", "")}),
    "return": (services.proposal_return, lambda p: {"reason": p.get("reason", "")}),
}


@login_required
@require_POST
def decide(request, pk: int):
    entry = DECISIONS.get(request.POST.get("decision", ""))
    if entry is None:
        messages.error(request, "请选择审查决定。")
        return redirect("proposals:detail", pk)
    fn, parse = entry
    proposal = run_service(request, fn, proposal_id=pk, **parse(request.POST))
    if proposal:
        label = proposal.get_status_display()
        text = label if label.startswith("已") else f"已{label}"  # 已立案, not 已已立案
        if proposal.official_number:
            text += f"，提案号 {proposal.official_number}"
        messages.success(request, text + "。")
    return redirect("proposals:detail", pk)


@login_required
@require_POST
def attachment_upload(request, pk: int):
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择要上传的文件。")
    elif run_service(request, attachments.attachment_add, proposal_id=pk, file_name=upload.name,
                     content=upload.read(attachments.max_bytes() + 1)):
        messages.success(request, "附件已上传。")
    return redirect("proposals:detail", pk)


@login_required
def attachment_download(request, pk: int, attachment_id: int):
    try:
        a, path = attachments.attachment_open(actor=request.user, proposal_id=pk,
                                              attachment_id=attachment_id)
    except NotFound as exc:
        raise Http404 from exc
    return FileResponse(open(path, "rb"), as_attachment=True, filename=a.file_name,
                        content_type=a.content_type)
