"""Web pages: the member's own record (phone-friendly), the staff appraisal workspace, the rule
editor with a preview, status decisions, annual reports and the exports. Thin handlers over
services and selectors."""

import json
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from xieshang.appraisal import record_links
from xieshang.core import clock
from xieshang.core.errors import DomainError, NotFound
from xieshang.core.web import run_service, to_int

from . import documents, permissions, selectors, services
from .models import (
    CORRECTION_SOURCE,
    AnnualReport,
    Appraisal,
    CorrectionKind,
    DecisionKind,
    QuestionKind,
    Scope,
)
from .presets import PRESET_LABELS
from .rule_form import form_rows, rules_from_form
from .rules import validate_rules


def _year(request) -> int:
    year = to_int(request.GET.get("year") or request.POST.get("year"))
    return year if year and 1950 <= year <= 2100 else clock.today().year


def _scope(request) -> str:
    scope = request.GET.get("scope") or request.POST.get("scope")
    return scope if scope in Scope.values else Scope.YEAR


def _staff(request) -> None:
    if not permissions.can_read_all(request.user):
        raise Http404


def _record_page(request, member, template: str, **extra):
    asked = to_int(request.GET.get("year"))
    year = _year(request) if asked else selectors.record_year(member, clock.today().year)
    scope = request.GET.get("scope") if request.GET.get("scope") in Scope.values else "year"
    rec = selectors.member_record(member=member, year=year, scope=scope)
    return render(request, template, {
        "rec": rec, "year": year, "scope": scope, "kinds": QuestionKind.choices,
        "openable": record_links.openable_urls(request.user, record_links.record_urls(rec)),
        "years": selectors.year_choices(committee_id=member.committee_id, member=member,
                                        shown=year), **extra})


@login_required
def my_record(request):
    member = permissions.member_of(request.user)
    if member is None:
        raise Http404
    return _record_page(request, member, "appraisal/mine.html")


@login_required
def member_record(request, member_id: int):
    _staff(request)
    try:
        member = permissions.access_member(request.user, member_id)
    except NotFound as exc:
        raise Http404 from exc
    return _record_page(request, member, "appraisal/member.html",
                        can_manage=permissions.can_manage(request.user))


@login_required
def member_docx(request, member_id: int):
    try:
        member = permissions.access_member(request.user, member_id)
    except NotFound as exc:
        raise Http404 from exc
    year = _year(request)
    scope = request.GET.get("scope") if request.GET.get("scope") in Scope.values else "year"
    rec = selectors.member_record(member=member, year=year, scope=scope)
    response = HttpResponse(documents.record_docx(rec), content_type=documents.DOCX)
    name = (f"{member.name}本届履职档案（截至{year}年）.docx" if scope == "term"
            else f"{member.name}{year}年度履职档案.docx")
    response["Content-Disposition"] = documents.attachment(name)
    return response


@login_required
@require_POST
def question_ask(request):
    year = _year(request)
    q = run_service(request, services.question_ask, year=year, kind=request.POST.get("kind", ""),
                    text=request.POST.get("text", ""), entry_ref=request.POST.get("entry_ref", ""),
                    entry_title=request.POST.get("entry_title", ""))
    if q:
        messages.success(request, "疑问已提交，工作人员答复后会通知您。")
    return redirect(reverse("appraisal:mine") + f"?year={year}")


@login_required
@require_POST
def record_confirm(request):
    year = _year(request)
    if run_service(request, services.record_confirm, year=year):
        messages.success(request, f"已确认{year}年度履职档案。")
    return redirect(reverse("appraisal:mine") + f"?year={year}")


@login_required
def workspace(request):
    _staff(request)
    cid = request.user.committee_id
    year, scope = _year(request), _scope(request)
    draft = selectors.draft(committee_id=cid, year=year, scope=scope)
    published = selectors.published(committee_id=cid, year=year, scope=scope)
    shown = draft or published
    rows = selectors.results(appraisal=shown, ranked=None) if shown else []
    decided = selectors.decisions_by_member(appraisal=shown) if shown else {}
    for r in rows:
        r.decisions = decided.get(r.member_id, [])
    rule_set = selectors.current_rule_set(committee_id=cid, year=year)
    return render(request, "appraisal/workspace.html", {
        "year": year, "scope": scope, "scope_choice": True,
        "scope_query": f"&scope={scope}" if scope == Scope.TERM else "",
        "shown": shown, "rows": rows, "draft": draft, "published": published,
        "rule_set": rule_set, "can_manage": permissions.can_manage(request.user),
        "grades": selectors.grade_counts(rows, shown.rule_set.rules) if shown else [],
        "flagged": selectors.flagged(appraisal=published or shown) if shown else [],
        "questions": selectors.open_questions_with_options(committee_id=cid),
        "decision_kinds": DecisionKind.choices,
        "history": selectors.appraisal_list(committee_id=cid, year=year).filter(scope=scope),
        "decisions": selectors.decisions(committee_id=cid, year=year),
        "show_ranking": selectors.appraisal_settings(cid).show_ranking,
        "latest_published": None if shown else selectors.latest_published_year(
            committee_id=cid, scope=scope),
        "years": selectors.year_choices(committee_id=cid, shown=year)})


@login_required
@require_POST
def compute(request):
    year, scope = _year(request), _scope(request)
    a = run_service(request, services.appraisal_compute, year=year, scope=scope)
    if a:
        messages.success(request, f"已按《{a.rule_set.name}》第{a.rule_set.version}版试算"
                                  f"{a}，共{a.count}位委员的得分，核对无误后可发布。")
    return redirect(_workspace_url(year, scope))


def _workspace_url(year: int, scope: str) -> str:
    return reverse("appraisal:workspace") + f"?year={year}" + (
        f"&scope={scope}" if scope == Scope.TERM else "")


@login_required
@require_POST
def publish(request, pk: int):
    a = run_service(request, services.appraisal_publish, appraisal_id=pk)
    if a:
        messages.success(request, f"{a}已发布，已通知委员。")
        return redirect(_workspace_url(a.year, a.scope))
    return redirect("appraisal:workspace")


@login_required
def appraisal_xlsx(request, pk: int):
    _staff(request)
    try:
        a = permissions.access(Appraisal, request.user, pk)
    except NotFound as exc:
        raise Http404 from exc
    response = HttpResponse(documents.appraisal_xlsx(a), content_type=documents.XLSX)
    response["Content-Disposition"] = documents.attachment(f"{a}.xlsx")
    return response


# What the answer's message says was done at the source.
DONE = {"attendance": "补登出席记录", "leave": "补登请假记录", "leader": "将其更正为活动组织者（带队）",
        "cosigner_add": "补列为联名提案人", "cosigner_remove": "删除误列的联名提案人",
        "opinion_author": "补列为社情民意作者"}


@login_required
@require_POST
def question_answer(request, pk: int):
    p = request.POST
    kind = p.get("correction", "")
    if kind not in CorrectionKind.values:
        # Without a chosen correction, an activity number means attendance (补登出席).
        kind = CorrectionKind.ATTENDANCE if to_int(p.get("activity_id")) else ""
    field = {"attendance": "activity_id", "proposal": "proposal_id",
             "opinion": "opinion_id"}.get(CORRECTION_SOURCE.get(kind, ""), "")
    q = run_service(request, services.question_answer, question_id=pk, answer=p.get("answer", ""),
                    correction=kind, target_id=to_int(p.get(field)) if field else None)
    if q:
        messages.success(request, "已答复" + (f"，并已{DONE[kind]}。" if kind else "。"))
    return redirect(request.POST.get("next") or reverse("appraisal:workspace"))


@login_required
@require_POST
def decision_record(request):
    try:
        decided_on = date.fromisoformat(request.POST.get("decided_on", ""))
    except ValueError:
        decided_on = None
    d = run_service(request, services.decision_record,
                    member_id=to_int(request.POST.get("member_id")),
                    kind=request.POST.get("kind", ""), decided_on=decided_on,
                    meeting=request.POST.get("meeting", ""), reason=request.POST.get("reason", ""),
                    appraisal_id=to_int(request.POST.get("appraisal_id")))
    if d:
        messages.success(request, f"已记录对{d.member.name}的{d.get_kind_display()}决定。")
    return redirect(reverse("appraisal:workspace") + f"?year={_year(request)}")


def _confirmed(request) -> bool:
    return request.POST.get("confirm_published") == "on"


def _rules_url(year: int) -> str:
    return reverse("appraisal:rules") + f"?year={year}"


@login_required
def rules_page(request):
    """The year's rules: the current version as a table and as JSON, preview and save; a new
    year starts from a template or the previous year's rules, never from nothing."""
    _staff(request)
    cid = request.user.committee_id
    year = _year(request)
    current = selectors.current_rule_set(committee_id=cid, year=year)
    versions = list(selectors.rule_sets(committee_id=cid, year=year).order_by("-version"))
    text = json.dumps(current.rules, ensure_ascii=False, indent=2) if current else ""
    preview = summary = compared = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "preset":
            row = run_service(request, services.rule_set_create, year=year,
                              preset_key=request.POST.get("preset"),
                              confirm_published=_confirmed(request))
            if row:
                messages.success(request, f"已采用模板，保存为{year}年第{row.version}版。")
            return redirect(_rules_url(year))
        if action in ("restore", "carry_over"):
            row = run_service(request, services.rule_set_restore, year=year,
                              rule_set_id=to_int(request.POST.get("rule_set_id")),
                              note=request.POST.get("note", ""),
                              confirm_published=_confirmed(request))
            if row:
                messages.success(request, f"已保存为{year}年第{row.version}版（{row.note}）。")
            return redirect(_rules_url(year))
        rules = None
        if action == "preview_version":
            chosen = next((v for v in versions
                           if v.pk == to_int(request.POST.get("rule_set_id"))), None)
            if chosen is None:
                messages.error(request, "请选择要预览的版本。")
            else:
                rules, compared = chosen.rules, chosen
                text = json.dumps(rules, ensure_ascii=False, indent=2)
        else:
            text = request.POST.get("rules", "")
            try:
                if request.POST.get("mode") == "form" and current is not None:
                    rules = validate_rules(rules_from_form(current.rules, request.POST))
                    text = json.dumps(rules, ensure_ascii=False, indent=2)
                else:
                    rules = validate_rules(json.loads(text))
            except json.JSONDecodeError:
                messages.error(request, "规则不是有效的 JSON，请检查括号和引号。")
            except DomainError as exc:
                messages.error(request, exc.message)
        if rules is not None and action == "save":
            row = run_service(request, services.rule_set_create, year=year, rules=rules,
                              note=request.POST.get("note", ""),
                              confirm_published=_confirmed(request))
            if row:
                messages.success(request, f"已保存为{year}年第{row.version}版；已发布的考评结果"
                                          "仍按原版本。")
                return redirect(_rules_url(year))
        elif rules is not None:
            preview = selectors.preview(committee_id=cid, year=year, rules=rules)
            summary = selectors.preview_summary(preview, [g["label"] for g in rules["grades"]])
    published = selectors.published_for_year(committee_id=cid, year=year)
    # The table edits the current version's structure: it shows a preview's figures only
    # when the preview came from the table itself.
    from_form = preview is not None and request.POST.get("mode") == "form"
    shown_rules = json.loads(text) if from_form else (current.rules if current else {})
    return render(request, "appraisal/rules.html", {
        "year": year, "current": current, "text": text, "preview": preview,
        "summary": summary, "compared": compared, "table": form_rows(shown_rules),
        "versions": versions, "earlier": [v for v in versions if current and v.pk != current.pk],
        "published": published,
        "carry": None if current else selectors.earlier_rule_set(committee_id=cid, year=year),
        "presets": PRESET_LABELS.items(), "can_manage": permissions.can_manage(request.user),
        "years": selectors.year_choices(committee_id=cid, shown=year)})


@login_required
def my_report(request):
    """A 常委's annual report: it opens on the latest year with a 常委 seat, and lists those years."""
    member = permissions.member_of(request.user)
    if member is None:
        raise Http404
    years = selectors.standing_years(member, clock.today().year)
    asked = to_int(request.GET.get("year") or request.POST.get("year"))
    year = _year(request) if asked else (years[0] if years else clock.today().year)
    report = AnnualReport.objects.filter(member=member, year=year).first()
    text = None
    if request.method == "POST":
        saved = run_service(request, services.annual_report_save, year=year,
                            text=request.POST.get("text", ""))
        if saved and request.POST.get("action") == "submit":
            saved = run_service(request, services.annual_report_submit, report_id=saved.pk)
            if saved:
                messages.success(request, "履职报告已提交。")
        elif saved:
            messages.success(request, "已保存草稿。")
        if saved:
            return redirect(reverse("appraisal:my_report") + f"?year={year}")
        # Refused: the page again with what was typed.
        text = request.POST.get("text", "")[:20000]
    response = render(request, "appraisal/my_report.html", {
        "report": report, "year": year, "years": years, "due": year in years,
        "text": report.text if text is None and report else (text or "")})
    if text is not None:
        response.status_code = 400
    return response


@login_required
def report_list(request):
    _staff(request)
    year = _year(request)
    return render(request, "appraisal/reports.html", {
        "year": year, "reports": selectors.annual_reports(
            committee_id=request.user.committee_id, year=year).exclude(status="draft"),
        "years": selectors.year_choices(committee_id=request.user.committee_id, shown=year)})


@login_required
def annual_report(request, pk: int):
    try:
        report = permissions.access(AnnualReport, request.user, pk)
    except NotFound as exc:
        raise Http404 from exc
    if not permissions.can_view_report(request.user, report):
        raise Http404
    if request.method == "POST":
        r = run_service(request, services.annual_report_review, report_id=pk,
                        accept=request.POST.get("action") == "accept",
                        note=request.POST.get("note", ""))
        if r:
            messages.success(request, "已审核。")
        return redirect("appraisal:annual_report", pk=pk)
    return render(request, "appraisal/annual_report.html", {
        "report": report, "can_manage": permissions.can_manage(request.user)})


@login_required
def settings_page(request):
    _staff(request)
    if request.method == "POST":
        raw = request.POST.get("confirm_days_before_end", "").strip()
        days = to_int(raw) if raw else 0
        if days is None:
            messages.error(request, "可确认档案的提前天数应为0到90之间的整数。")
        elif run_service(request, services.settings_update,
                         show_ranking=request.POST.get("show_ranking") == "on",
                         confirm_days_before_end=days):
            messages.success(request, "设置已保存。")
        return redirect("appraisal:settings")
    return render(request, "appraisal/settings.html", {
        "settings": selectors.appraisal_settings(request.user.committee_id),
        "can_manage": permissions.can_manage(request.user)})
