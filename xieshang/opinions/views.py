"""Web pages for 社情民意: thin handlers over services and selectors."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from xieshang.accounts.roles import Role
from xieshang.accounts.selectors import user_grants
from xieshang.core import clock
from xieshang.core.errors import DomainError, NotFound
from xieshang.core.web import run_service, to_date, to_int, to_ints
from xieshang.handling import earlier_replies, reply_checks
from xieshang.handling import selectors as handling_selectors
from xieshang.organization.models import Party, Sector, SpecialCommittee
from xieshang.organization.selectors import unit_list
from xieshang.proposals import permissions as proposal_permissions
from xieshang.proposals import similar_rows, similarity, similarity_sources
from xieshang.proposals.models import Category

from . import attachments, permissions, quality, selectors, services, stats, transfer_routing
from .documents import issue_docx
from .models import Adoption, Level, Opinion, RecipientKind, SourceKind
from .workflow import COMPILABLE, IssueStatus, Status

PAGE_SIZE = 50
ACTION_LABELS = {
    "create": "起草", "update": "修改", "submit": "提交", "resubmit": "重新提交",
    "use": "录用", "keep": "留存·不录用", "return": "退回修改", "edit": "编辑",
    "compile": "编入期刊", "uncompile": "移出期刊", "publish": "随期刊报送",
    "convert_in": "由提案转入", "adoption": "录入采用", "instruction": "录入批示",
    "issue_create": "新建期刊", "entry_add": "编入稿件", "entry_update": "修改稿件",
    "entry_remove": "移出稿件", "reorder": "调整顺序", "recipients": "设置报送单位",
    "approve": "审核通过", "reopen": "退回编辑", "sign": "签发", "send": "报送",
    "attach": "添加附件", "detach": "删除附件", "transfer": "转办",
    "author_add": "更正：补列作者",
}


def _timeline(events) -> list[tuple]:
    return [(e, ACTION_LABELS.get(e.action, e.action)) for e in events]


def _get(fn, **kwargs):
    try:
        return fn(**kwargs)
    except NotFound as exc:
        raise Http404 from exc


# --- items --------------------------------------------------------------------------------


@login_required
def opinion_list(request):
    user = request.user
    reader = permissions.can_read_all(user)
    mine = request.GET.get("mine") == "1" or not reader
    status = request.GET.get("status") or None
    kind = request.GET.get("kind") or None
    qs = selectors.opinion_list(
        user=user, mine=mine, status=status if status in Status.values else None,
        source_kind=kind if kind in SourceKind.values else None,
        year=to_int(request.GET.get("year")), q=(request.GET.get("q") or "").strip()[:100] or None)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    figures = None
    if reader and not mine:
        figures = stats.opinion_stats(user.committee_id, year=to_int(request.GET.get("year")))
    return render(request, "opinions/list.html", {
        "page": page, "mine": mine, "reader": reader, "figures": figures,
        "is_office": permissions.is_office(user), "statuses": Status.choices,
        "show_duplicates": permissions.is_office(user) and not mine,
        "kinds": SourceKind.choices, "filters": request.GET,
        "years": selectors.years(committee_id=user.committee_id),
        "can_create": bool(_source_choices(user)),
    })


@login_required
@require_GET
def duplicates(request):
    """Fill the office list's 疑似重复 and 质量提示 columns (one htmx request per page,
    out-of-band swaps); hints only for items awaiting the check."""
    if not permissions.is_office(request.user):
        raise Http404
    ids = to_ints((request.GET.get("ids") or "").split(","))[:PAGE_SIZE]
    badges = similar_rows.opinion_duplicate_badges(user=request.user, opinion_ids=ids)
    hints = quality.hints_in_check(committee_id=request.user.committee_id, opinion_ids=ids)
    return render(request, "opinions/_office_badges.html",
                  {"rows": [(oid, badges.get(oid), oid in hints, hints.get(oid, []))
                            for oid in ids]})


def _source_choices(user) -> list[tuple[str, str, list]]:
    """Return [(source kind, label, bodies)] the user may submit as."""
    choices = []
    if permissions.member_of(user) is not None:
        choices.append((SourceKind.MEMBER, "本人（委员）", []))
    if permissions.reporter_of(user) is not None:
        choices.append((SourceKind.REPORTER, "特邀信息员", []))
    grants = [g for g in user_grants(user) if g.role == Role.BODY_AGENT]
    for kind, model, attr in ((SourceKind.PARTY, Party, "party_id"),
                              (SourceKind.SPECIAL_COMMITTEE, SpecialCommittee,
                               "special_committee_id"),
                              (SourceKind.SECTOR, Sector, "sector_id")):
        ids = [getattr(g, attr) for g in grants if getattr(g, attr)]
        if ids:
            bodies = list(model.objects.filter(pk__in=ids, committee_id=user.committee_id))
            choices.append((kind, SourceKind(kind).label, bodies))
    return choices


def _form_values(post) -> dict:
    return {"title": post.get("title", ""), "situation": post.get("situation", ""),
            "analysis": post.get("analysis", ""), "suggestions": post.get("suggestions", ""),
            "category_id": to_int(post.get("category")),
            "consent_publication": post.get("consent_publication") == "on",
            "co_author_ids": to_ints(post.getlist("co_authors"))}


def _form_context(request, **extra) -> dict:
    committee_id = request.user.committee_id
    return {"categories": Category.objects.filter(committee_id=committee_id, is_active=True),
            "members": selectors.member_options(committee_id=committee_id),
            "config": services.opinion_config(request.user.committee), **extra}


@login_required
def opinion_create(request):
    choices = _source_choices(request.user)
    if not choices:
        raise Http404
    if request.method == "POST":
        p = request.POST
        source = p.get("source", "")
        kind, _, body = source.partition(":")
        o = run_service(request, services.opinion_create, source_kind=kind, body_id=to_int(body),
                        **_form_values(p))
        if o:
            if p.get("then") == "submit" and run_service(request, services.opinion_submit,
                                                    opinion_id=o.pk):
                messages.success(request, "已提交社情民意信息办。")
            else:
                messages.success(request, "草稿已保存。")
            return redirect("opinions:detail", o.pk)
    return render(request, "opinions/form.html",
                  _form_context(request, choices=choices, form=request.POST or None,
                                opinion=None),
                  status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def similar(request):
    """The drafting form's panel of earlier proposals and items that say nearly the same thing
    (一事一报: the writer sees what was already reported before submitting)."""
    user = request.user
    if not permissions.can_search_similar(user):
        raise Http404
    p = request.POST
    limit = similarity.QUERY_CHARS
    title = p.get("title", "")[:200]
    reasons = f"{p.get('situation', '')[:limit]}\n{p.get('analysis', '')[:limit]}".strip()
    rows = similar_rows.similar_for_draft(
        user=user, title=title, reasons=reasons, suggestions=p.get("suggestions", "")[:limit],
        exclude_id=to_int(p.get("exclude")), drafting="opinion",
        kinds=permissions.similar_kinds(user))
    return render(request, "proposals/_similar.html", {
        "rows": rows, "queried": len(similarity_sources.opinion_title_core(title) + reasons) >= 4,
    })


ITEM_HINTS = {"hints_heading": "信息质量提示",
              "hints_basis": "对照“一事一报，有情况、有分析、有建议”的要求"}
EDIT_HINTS = {"hints_heading": "编辑稿提示", "hints_basis": "对照“一事一报、标题概括内容、篇幅精炼”的要求"}


@login_required
@require_POST
def hints(request):
    """The drafting form's 信息质量提示 for the text as typed (nothing is saved)."""
    if not permissions.can_search_similar(request.user):
        raise Http404
    p = request.POST
    found = quality.hints_for_text(title=p.get("title", ""), situation=p.get("situation", ""),
                                   analysis=p.get("analysis", ""),
                                   suggestions=p.get("suggestions", ""))
    return render(request, "proposals/_hints.html", {"hints": found, **ITEM_HINTS})


@login_required
def opinion_update(request, pk: int):
    o = _get(selectors.opinion_detail, user=request.user, opinion_id=pk)
    if not permissions.can_edit_draft(request.user, o):
        raise Http404
    if request.method == "POST":
        p = request.POST
        if run_service(request, services.opinion_update, opinion_id=pk, **_form_values(p)):
            if p.get("then") == "submit" and run_service(request, services.opinion_submit,
                                                    opinion_id=pk):
                messages.success(request, "已提交社情民意信息办。")
            else:
                messages.success(request, "已保存。")
            return redirect("opinions:detail", pk)
    co = [a.member_id for a in o.authors.all() if a.position > 0 and a.member_id]
    return render(request, "opinions/form.html",
                  _form_context(request, choices=None, opinion=o, co_ids=co,
                                form=request.POST or None),
                  status=400 if request.method == "POST" else 200)


def _entry_of(o: Opinion):
    try:
        return o.entry_link.entry
    except Opinion.entry_link.RelatedObjectDoesNotExist:
        return None


@login_required
def opinion_detail(request, pk: int):
    user = request.user
    o = _get(selectors.opinion_detail, user=user, opinion_id=pk)
    office = permissions.can_check(user, o)
    versions = list(o.versions.all())
    entry = _entry_of(o)
    handling = handling_selectors.opinion_handling(user=user, opinion=o)
    can_transfer = handling is None and permissions.can_transfer(user, o)
    # The office checks an item against earlier proposals and items (一事一报, no duplicates).
    similar = similar_rows.similar_for_opinion(user=user, opinion=o) if office else []
    can_submit = o.status in (Status.DRAFT, Status.RETURNED) and permissions.can_submit(user, o)
    advice = transfer_routing.transfer_suggestions(opinion=o) if can_transfer else None
    if handling is not None and office:
        # The office reviews each unit's reply with the same check the proposal committee has.
        for r in handling.replies:
            if r.status == "under_review":
                r.text_check = reply_checks.check_of(r, handling.case)
                r.promises, r.reused = earlier_replies.for_review(r)
    return render(request, "opinions/detail.html", {
        "o": o, "authors": list(o.authors.all()), "versions": versions,
        "latest": versions[-1] if versions else None, "entry": entry,
        "events": _timeline(selectors.opinion_timeline(opinion=o)),
        "can_edit": permissions.can_edit_draft(user, o),
        "can_submit": can_submit,
        "can_check": office and o.status == Status.SUBMITTED,
        "can_office_edit": office and o.status in COMPILABLE,
        "is_office": office,
        "proposal_open": o.proposal is not None
        and proposal_permissions.can_view(user, o.proposal),
        "attachments": list(o.attachments.all()),
        "can_attach": permissions.can_attach(user, o),
        "can_edit_draft": permissions.can_edit_draft(user, o),
        "handling": handling,
        "can_transfer": can_transfer,
        "runs_case": handling is not None and office,
        "units": unit_list(committee=user.committee) if can_transfer or (
            handling is not None and office) else [],
        "instructions": list(entry.instructions.all()) if entry and can_transfer else [],
        "transfer_routing": advice,
        # Units a leader's 批示 names are an order: they start selected.
        "ordered_units": {s.unit.pk for s in advice.suggestions
                          if any(r["kind"] == "instruction" for r in s.reasons)}
        if advice else set(),
        "similar": similar,
        **_compose_with_similar(o, similar if office else []),
        # The writer may still mend a draft or a returned item; the office checks a submitted one.
        "hints": quality.hints_for(o) if can_submit or (office and o.status == Status.SUBMITTED)
        else [],
        **ITEM_HINTS,
    })


def _compose_with_similar(o: Opinion, similar: list) -> dict:
    """The office may join a used item and the similar used ones into one 综合稿."""
    if o.status not in COMPILABLE:
        return {"compose_query": "", "compose_count": 0}
    ids = sorted({o.pk} | {r.opinion.pk for r in similar
                           if r.kind == "opinion" and r.opinion.status in COMPILABLE})
    if len(ids) < 2:
        return {"compose_query": "", "compose_count": 0}
    return {"compose_query": urlencode({
        "pick": ",".join(map(str, ids)),
        "title": f"综合反映：{similarity_sources.opinion_title_core(o.title)}"}),
        "compose_count": len(ids)}


@login_required
@require_POST
def attachment_upload(request, pk: int):
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择要上传的文件。")
    elif run_service(request, attachments.attachment_add, opinion_id=pk, file_name=upload.name,
                     content=upload.read(attachments.max_bytes() + 1)):
        messages.success(request, "附件已上传。")
    return redirect("opinions:detail", pk)


@login_required
def attachment_download(request, pk: int, attachment_id: int):
    a, path = _get(attachments.attachment_open, actor=request.user, opinion_id=pk,
                   attachment_id=attachment_id)
    return FileResponse(open(path, "rb"), as_attachment=True, filename=a.file_name,
                        content_type=a.content_type)


@login_required
@require_POST
def attachment_delete(request, pk: int, attachment_id: int):
    try:
        attachments.attachment_remove(actor=request.user, opinion_id=pk,
                                      attachment_id=attachment_id)
    except NotFound as exc:
        raise Http404 from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "附件已删除。")
    return redirect("opinions:detail", pk)


@login_required
@require_POST
def opinion_transfer(request, pk: int):
    p = request.POST
    # What the form showed is recorded with the transfer, as for a proposal's assignment.
    o = _get(selectors.opinion_detail, user=request.user, opinion_id=pk)
    advice = (transfer_routing.transfer_suggestions(opinion=o)
              if permissions.can_transfer(request.user, o) else None)
    if run_service(request, services.opinion_transfer, opinion_id=pk,
                   unit_ids=to_ints(p.getlist("units")),
                   instruction_id=to_int(p.get("instruction")), note=p.get("note", ""),
                   suggested=advice.recorded() if advice else None,
                   suggestion_basis=advice.basis if advice else ""):
        messages.success(request, "已转办，承办单位将在工作台签收。")
    return redirect(f"/opinions/{pk}/#transfer")


@login_required
def transfers(request):
    """The information office's desk for transferred items: returns, extensions, reviews."""
    if not permissions.is_office(request.user):
        raise Http404
    lists = handling_selectors.opinion_desk(user=request.user)
    lists["reviews"] = reply_checks.checked_for_desk(lists["reviews"])
    return render(request, "opinions/transfers.html", lists)


@login_required
@require_POST
def opinion_submit(request, pk: int):
    if run_service(request, services.opinion_submit, opinion_id=pk):
        messages.success(request, "已提交社情民意信息办。")
    return redirect("opinions:detail", pk)


@login_required
@require_POST
def opinion_check(request, pk: int):
    outcome = request.POST.get("outcome", "")
    o = run_service(request, services.opinion_check, opinion_id=pk, outcome=outcome,
                    note=request.POST.get("note", ""))
    if o:
        messages.success(request, f"审核结果：{o.get_status_display()}。")
    return redirect("opinions:detail", pk)


@login_required
@require_POST
def office_edit_hints(request, pk: int):
    """The edit page's 编辑稿提示 for the edited version as typed (nothing is saved)."""
    o = _get(selectors.opinion_detail, user=request.user, opinion_id=pk)
    if not permissions.can_edit_office(request.user, o):
        raise Http404
    found = quality.hints_for_edit(title=request.POST.get("title", ""),
                                   text=request.POST.get("text", ""))
    return render(request, "proposals/_hints.html", {"hints": found, **EDIT_HINTS})


@login_required
def opinion_office_edit(request, pk: int):
    o = _get(selectors.opinion_detail, user=request.user, opinion_id=pk)
    if not permissions.can_edit_office(request.user, o):
        raise Http404
    versions = list(o.versions.all())
    latest = versions[-1] if versions else None
    if request.method == "POST":
        p = request.POST
        if run_service(request, services.opinion_edit, opinion_id=pk, title=p.get("title", ""),
                       text=p.get("text", ""), note=p.get("note", "")):
            messages.success(request, "已保存编辑稿（原稿保留）。")
            return redirect("opinions:detail", pk)
    return render(request, "opinions/office_edit.html", {
        "o": o, "versions": versions,
        "title": request.POST.get("title") if request.method == "POST"
        else (latest.title if latest else o.title),
        "text": request.POST.get("text") if request.method == "POST"
        else (latest.text if latest else o.text),
        "note": request.POST.get("note", ""),
    }, status=400 if request.method == "POST" else 200)


# --- issues -------------------------------------------------------------------------------


@login_required
def issue_list(request):
    if not permissions.can_read_all(request.user):
        raise Http404
    issues = selectors.issue_list(user=request.user, year=to_int(request.GET.get("year")))
    page = Paginator(issues, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "opinions/issues.html", {
        "page": page, "filters": request.GET, "is_office": permissions.is_office(request.user),
        "compose": _compose_query(request.GET).removeprefix("?"),
        "waiting": selectors.compilable(user=request.user).count()
        if permissions.is_office(request.user) else 0})


def _compose_query(data) -> str:
    """The query that carries a 综合稿 to compose (items to pick, a first title) from the
    hot-topics page to an issue; empty when there is none."""
    ids = to_ints((data.get("pick") or "").split(",")[:50])
    if not ids:
        return ""
    return "?" + urlencode({"pick": ",".join(map(str, ids)),
                            "title": (data.get("title") or "")[:200]})


@login_required
def issue_compose(request):
    """From a hot topic: open the newest draft issue with the topic's used items ticked for one
    综合稿; without a draft issue, the list, whose 新建一期 carries them on."""
    if not permissions.is_office(request.user):
        raise Http404
    query = _compose_query(request.GET)
    issue = selectors.issue_list(user=request.user, status=IssueStatus.DRAFT).first()
    if issue is None:
        messages.info(request, "目前没有编辑中的期刊：新建一期后，所选信息会自动勾选。")
        return redirect(reverse("opinions:issues") + query)
    return redirect(reverse("opinions:issue", args=[issue.pk]) + query + "#compile-form")


@login_required
@require_POST
def issue_create(request):
    issue = run_service(request, services.issue_create)
    if issue:
        messages.success(request, f"已新建{issue}。")
        return redirect(reverse("opinions:issue", args=[issue.pk]) + _compose_query(request.POST))
    return redirect("opinions:issues")


DEFAULT_RECIPIENTS = [("upper_cppcc", "省政协办公厅"), ("party", "市委办公室"),
                      ("government", "市政府办公室")]


@login_required
def issue_detail(request, pk: int, *, retry: tuple[str, int] | None = None):
    """The issue page. `retry` (form, entry id) re-opens that entry's adoption or 批示 form with
    what was posted, after the service refused it."""
    user = request.user
    issue = _get(selectors.issue_detail, user=user, issue_id=pk)
    office = permissions.is_office(user)
    draft = issue.status == IssueStatus.DRAFT
    rule = services.opinion_config(issue.committee).credit_rule
    posted = {}
    if retry is not None:
        posted = {retry[1]: {retry[0]: {k: v[:2000] for k, v in request.POST.items()
                                        if k != "csrfmiddlewaretoken"}}}
    entries = [(e, selectors.entry_credits(e, rule), posted.get(e.pk, {}))
               for e in issue.entries.all()]
    recipients = list(issue.recipients.all())
    return render(request, "opinions/issue.html", {
        "issue": issue, "entries": entries, "recipients": recipients,
        "recipient_rows": [(r.kind, r.name) for r in recipients] or DEFAULT_RECIPIENTS,
        "recipient_kinds": RecipientKind.choices,
        "office": office, "draft": office and draft,
        "waiting": selectors.compilable(user=user) if office and draft else [],
        # Ticked from a hot topic (issue_compose): its used items and a first 综合稿 title.
        "picked": set(to_ints((request.GET.get("pick") or "").split(",")[:50])),
        "compose_title": (request.GET.get("title") or "")[:200],
        "can_approve": office and draft,
        "can_reopen": office and issue.status in (IssueStatus.APPROVED, IssueStatus.SIGNED),
        "can_sign": issue.status == IssueStatus.APPROVED and permissions.can_sign(user, issue),
        "sign_blocked": office and issue.status == IssueStatus.APPROVED
        and not permissions.can_sign(user, issue),
        "can_send": office and issue.status == IssueStatus.SIGNED,
        "can_record": office and issue.status == IssueStatus.SENT,
        "levels": Level.choices, "adoption_kinds": Adoption.Kind.choices,
        "today": clock.today().isoformat(),
        "events": _timeline(selectors.issue_timeline(issue=issue)),
    })


@login_required
@require_POST
def issue_action(request, pk: int, action: str):
    fn = {"approve": services.issue_approve, "sign": services.issue_sign,
          "send": services.issue_send, "reopen": services.issue_reopen}.get(action)
    if fn is None:
        raise Http404
    issue = run_service(request, fn, issue_id=pk)
    if issue:
        messages.success(request, f"{issue}：{issue.get_status_display()}。")
    return redirect("opinions:issue", pk)


@login_required
@require_POST
def entry_add(request, pk: int):
    p = request.POST
    ids = to_ints(p.getlist("opinions"))
    if run_service(request, services.entry_add, issue_id=pk, opinion_ids=ids,
                   title=p.get("title", ""), text=p.get("text", "")):
        messages.success(request, "已编入本期。" if len(ids) < 2 else f"已将{len(ids)}篇综合编入本期。")
    return redirect("opinions:issue", pk)


@login_required
@require_POST
def entry_remove(request, pk: int, entry_id: int):
    if run_service(request, services.entry_remove, entry_id=entry_id):
        messages.success(request, "已移出本期。")
    return redirect("opinions:issue", pk)


@login_required
@require_POST
def entry_move(request, pk: int, entry_id: int):
    issue = _get(selectors.issue_detail, user=request.user, issue_id=pk)
    ids = [e.pk for e in issue.entries.all()]
    if entry_id in ids:
        i = ids.index(entry_id)
        j = i - 1 if request.POST.get("direction") == "up" else i + 1
        if 0 <= j < len(ids):
            ids[i], ids[j] = ids[j], ids[i]
            run_service(request, services.issue_reorder, issue_id=pk, entry_ids=ids)
    return redirect("opinions:issue", pk)


@login_required
@require_POST
def issue_recipients(request, pk: int):
    p = request.POST
    rows = [{"kind": k, "name": n.strip()}
            for k, n in zip(p.getlist("kind"), p.getlist("name"), strict=False) if n.strip()]
    if run_service(request, services.issue_set_recipients, issue_id=pk,
                   recipients=rows) is not None:
        messages.success(request, "已保存报送单位。")
    return redirect("opinions:issue", pk)


@login_required
def issue_export(request, pk: int):
    issue = _get(selectors.issue_detail, user=request.user, issue_id=pk)
    response = HttpResponse(issue_docx(issue), content_type="application/vnd.openxmlformats-"
                            "officedocument.wordprocessingml.document")
    response["Content-Disposition"] = (f'attachment; filename="opinions-{issue.year}-'
                                       f'{issue.number}.docx"')
    return response


@login_required
@require_POST
def adoption_add(request, pk: int, entry_id: int):
    p = request.POST
    if run_service(request, services.adoption_record, entry_id=entry_id, level=p.get("level", ""),
                   kind=p.get("kind", ""), adopted_on=to_date(p.get("adopted_on")),
                   body=p.get("body", ""), reference=p.get("reference", "")):
        messages.success(request, "已录入采用情况。")
        return redirect("opinions:issue", pk)
    return _refused(issue_detail(request, pk, retry=("adoption", entry_id)))


@login_required
@require_POST
def instruction_add(request, pk: int, entry_id: int):
    p = request.POST
    if run_service(request, services.instruction_record, entry_id=entry_id,
                   leader_name=p.get("leader_name", ""), leader_title=p.get("leader_title", ""),
                   level=p.get("level", ""), given_on=to_date(p.get("given_on")),
                   text=p.get("text", ""), transfer_to=p.get("transfer_to", "")):
        messages.success(request, "已录入领导批示。")
        return redirect("opinions:issue", pk)
    return _refused(issue_detail(request, pk, retry=("instruction", entry_id)))


def _refused(response):
    """The page shown again with the refused form filled in answers 400."""
    response.status_code = 400
    return response


# --- reporters ----------------------------------------------------------------------------


@login_required
def reporters(request):
    if not permissions.can_manage_reporters(request.user):
        raise Http404
    if request.method == "POST":
        p = request.POST
        if run_service(request, services.reporter_authorise, user_id=to_int(p.get("user"), 0),
                       name=p.get("name", ""), organisation=p.get("organisation", "")):
            messages.success(request, "已聘任特邀信息员。")
            return redirect("opinions:reporters")
    return render(request, "opinions/reporters.html", {
        "reporters": selectors.reporter_list(user=request.user),
        "users": selectors.reporter_candidates(committee_id=request.user.committee_id)})


@login_required
@require_POST
def reporter_revoke(request, reporter_id: int):
    if run_service(request, services.reporter_revoke, reporter_id=reporter_id):
        messages.success(request, "已解聘。")
    return redirect("opinions:reporters")
