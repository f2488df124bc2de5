"""Web pages for activities, attendance, leave, the consultation plan, supervision groups,
speeches and research reports: thin handlers over services and selectors."""

from datetime import datetime

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from xieshang.accounts.roles import Role
from xieshang.core import clock, word
from xieshang.core.errors import DomainError, FieldErrors, NotFound, ValidationError
from xieshang.core.web import run_service, to_date, to_datetime, to_int, to_ints
from xieshang.opinions import permissions as opinion_permissions
from xieshang.organization.models import Member, Party, Sector, Session, SpecialCommittee, Unit
from xieshang.proposals import permissions as proposal_permissions

from . import documents, permissions, selectors, services
from .models import (
    ActivityKind,
    ActivityOrganiser,
    ConsultationForm,
    ConsultationPlan,
    ConsultationTopic,
    FollowUpKind,
    LeaderLevel,
    LeaveApprover,
    OutputKind,
    OversightGroup,
    ParticipantRole,
    ResearchReport,
    Speech,
)
from .workflow import ActivityStatus, SpeechStatus, TopicStatus

# The notice's dates and times, as the forms name them.
TIME_FIELDS = (("start", "开始时间"), ("end", "结束时间"), ("signup_deadline", "报名截止时间"))
# The creation form's fields in the order it shows them, for its list of errors.
FORM_ORDER = ("type_id", "title", "start", "end", "place", "organisers", "mode",
              "signup_deadline", "capacity", "topic_id", "group_id", "unit_id", "description")


def _times(post) -> tuple[dict[str, datetime | None], dict[str, str]]:
    """Return the form's dates and times, and the message of each one typed but not valid."""
    values: dict[str, datetime | None] = {}
    errors: dict[str, str] = {}
    for name, label in TIME_FIELDS:
        try:
            values[name] = to_datetime(post.get(name), label, name)
        except ValidationError as exc:
            values[name], errors[name] = None, exc.message
    return values, errors


def _activity(request, pk: int):
    try:
        return permissions.access_activity(request.user, pk)
    except NotFound as exc:
        raise Http404 from exc


def _bodies(committee_id: int) -> dict:
    return {"special_committees": SpecialCommittee.objects.filter(committee_id=committee_id),
            "parties": Party.objects.filter(committee_id=committee_id),
            "sectors": Sector.objects.filter(committee_id=committee_id)}


# --- activities ---------------------------------------------------------------------------


@login_required
def activity_list(request):
    user = request.user
    if not (permissions.can_read_all(user) or permissions.is_liaison(user)):
        return redirect("activities:mine")
    year = to_int(request.GET.get("year"))
    status = request.GET.get("status")
    qs = selectors.activity_list(user=user, year=year,
                                 status=status if status in ActivityStatus.values else None,
                                 q=(request.GET.get("q") or "").strip()[:100] or None)
    return render(request, "activities/list.html", {
        "activities": list(qs[:200]), "count": qs.count(), "statuses": ActivityStatus.choices,
        "filters": request.GET, "can_create": permissions.can_create_activity(user)})


@login_required
def my_activities(request):
    rows, state, labels = selectors.my_activities(user=request.user)
    now = clock.now()
    items = [(a, state[a.pk], labels[a.pk]) for a in rows]
    return render(request, "activities/mine.html", {
        # Rows come newest first: what is coming reads soonest first.
        "upcoming": [i for i in reversed(items) if i[0].end >= now],
        "past": [i for i in items if i[0].end < now],
        "is_member": permissions.member_of(request.user) is not None})


@login_required
def my_attendance(request):
    member = permissions.member_of(request.user)
    if member is None:
        raise Http404
    year = to_int(request.GET.get("year"))
    rows = selectors.member_attendance(committee_id=request.user.committee_id,
                                       member_id=member.pk, year=year)
    for r in rows:
        r["state_label"] = selectors.STATE_LABELS[r["state"]]
    totals = {k: sum(1 for r in rows if r["state"] == k)
              for k in ("attended", "on_leave", "absent", "pending")}
    return render(request, "activities/attendance.html",
                  {"rows": rows, "totals": totals, "year": year})


def _organisers_from(post) -> list[dict]:
    out = []
    for value in post.getlist("organisers"):
        kind, _, body = value.partition(":")
        out.append({"kind": kind, "id": to_int(body)})
    return out


def _chosen(post) -> dict[str, set]:
    """Return the organisers the form had selected, by kind: ids, or {None} for the office."""
    chosen: dict[str, set] = {}
    for o in _organisers_from(post):
        chosen.setdefault(o["kind"], set()).add(o["id"])
    return chosen


@login_required
def activity_create(request):
    """The creation form: a refusal shows it again with what was typed and every field's error
    together (400), nothing saved."""
    user = request.user
    if not permissions.can_create_activity(user):
        raise Http404
    cid = user.committee_id
    errors: dict[str, str] = {}
    if request.method == "POST":
        p = request.POST
        times, errors = _times(p)
        fields = {"type_id": to_int(p.get("type")), "title": p.get("title", ""),
                  "mode": p.get("mode", ""), "organisers": _organisers_from(p),
                  "place": p.get("place", ""), "description": p.get("description", ""),
                  "capacity": to_int(p.get("capacity")), "topic_id": to_int(p.get("topic")),
                  "group_id": to_int(p.get("group")), "unit_id": to_int(p.get("unit")), **times}
        try:
            if errors:
                # The other fields are checked too, so that every error shows at once.
                services.activity_check(actor=user, **fields)
            else:
                a = services.activity_create(actor=user, **fields)
                messages.success(request, "活动已创建（草稿），请邀请委员后发布通知。")
                return redirect("activities:detail", a.pk)
        except FieldErrors as exc:
            # A time that could not be read keeps its own message rather than 请填写.
            errors = {**exc.errors, **errors}
        except NotFound as exc:
            raise Http404 from exc
        except DomainError as exc:
            messages.error(request, exc.message)
    rank = {name: i for i, name in enumerate(FORM_ORDER)}
    return render(request, "activities/form.html", {
        "form": request.POST or None,
        "errors": dict(sorted(errors.items(), key=lambda kv: rank.get(kv[0], len(rank)))),
        "chosen": _chosen(request.POST),
        "types": selectors.activity_types(committee_id=cid),
        "topics": ConsultationTopic.objects.filter(committee_id=cid).exclude(
            status=TopicStatus.CANCELLED),
        "groups": OversightGroup.objects.filter(committee_id=cid, is_open=True),
        "units": Unit.objects.filter(committee_id=cid, is_active=True),
        "general_office": permissions.is_general_office(user),
        **_bodies(cid)}, status=400 if request.method == "POST" else 200)


@login_required
def activity_detail(request, pk: int):
    a = _activity(request, pk)
    user = request.user
    manage = permissions.can_manage_activity(user, a)
    member = permissions.member_of(user)
    ctx = {"a": a, "manage": manage, "organisers": list(
        ActivityOrganiser.objects.filter(activity=a).select_related(
            "special_committee", "party", "sector")),
        "now": clock.now(), "window": services.signin_window(a),
        # Sign-up, sign-in and leave are a member's own; organising staff get none of them.
        "is_member": member is not None}
    if member is not None:
        ctx["participant"] = a.participants.filter(member=member).first()
        ctx["signed_in"] = a.signins.filter(member=member).first()
        ctx["my_leave"] = a.leaves.filter(member=member).exclude(status="withdrawn").first()
    if manage:
        ctx.update(_bodies(user.committee_id))
        ctx["members"] = Member.objects.filter(committee_id=user.committee_id)
        ctx["events"] = selectors.activity_timeline(activity=a)
        ctx["invited_count"] = a.participants.count()
    pending = list(selectors.pending_leaves(activity=a).select_related("activity"))
    ctx["pending_leaves"] = [lv for lv in pending if permissions.can_decide_leave(user, lv)]
    return render(request, "activities/detail.html", ctx)


@login_required
@require_POST
def activity_action(request, pk: int, action: str):
    p = request.POST
    times, bad_times = _times(p) if action == "update" else ({}, {})
    calls = {
        "publish": (services.activity_publish, {}, "通知已发布。"),
        "cancel": (services.activity_cancel, {"reason": p.get("reason", "")}, "活动已取消。"),
        "close": (services.activity_close, {}, "活动已关闭。"),
        "signup": (services.activity_signup, {}, "报名成功。"),
        "leave": (services.leave_request, {"reason": p.get("reason", "")},
                  "请假申请已提交，请等待审批。"),
        "update": (services.activity_update, {
            "title": p.get("title", ""), "place": p.get("place", ""),
            "description": p.get("description", ""), "capacity": to_int(p.get("capacity")),
            **times}, "通知已修改。"),
        "uninvite": (services.activity_uninvite, {
            "member_id": to_int(p.get("member"), 0), "reason": p.get("reason", "")},
            "已撤回邀请。"),
        "invite": (services.activity_invite, {
            "member_ids": to_ints(p.getlist("members")),
            "special_committee_id": to_int(p.get("special_committee")),
            "sector_id": to_int(p.get("sector")), "party_id": to_int(p.get("party")),
            "standing": p.get("standing") == "on", "all_members": p.get("all_members") == "on",
        }, None),
    }
    if action not in calls:
        raise Http404
    fn, kwargs, ok = calls[action]
    if bad_times:
        # A time that could not be read is not taken for an empty one (that would change the
        # sign-up deadline): nothing is saved.
        messages.error(request, "".join(bad_times.values()))
        return redirect("activities:detail", pk)
    result = run_service(request, fn, activity_id=pk, **kwargs)
    if result is not None:
        messages.success(request, ok or f"已邀请{result}位委员。")
    if action == "uninvite":
        return redirect("activities:sheet", pk)
    return redirect("activities:detail", pk)


@login_required
def activity_signin(request, pk: int):
    """The phone page a QR code or a link points at: enter (or confirm) the code."""
    a = _activity(request, pk)
    if request.method == "POST":
        row = run_service(request, services.activity_sign_in, activity_id=pk,
                          code=request.POST.get("code", ""))
        if row:
            messages.success(request, f"签到成功：{timezone.localtime(row.at):%H:%M}")
            return redirect("activities:detail", pk)
    return render(request, "activities/signin.html",
                  {"a": a, "code": (request.GET.get("code") or "")[:20]})


@login_required
def activity_code(request, pk: int):
    a = _activity(request, pk)
    if not permissions.can_manage_activity(request.user, a):
        raise Http404
    url = request.build_absolute_uri(reverse("activities:signin", args=[pk])) + f"?code={a.code}"
    opens, closes = services.signin_window(a)
    # The QR code is drawn here as inline SVG (no network, no image files).
    qr = segno.make(url, error="m").svg_inline(scale=6, dark="#000", light="#fff",
                                                 title="签到二维码")
    return render(request, "activities/code.html",
                  {"a": a, "url": url, "opens": opens, "closes": closes, "qr": mark_safe(qr)})


@login_required
def signin_sheet_docx(request, pk: int):
    """The printed 签到表 (Word): the organiser's copy for signatures on paper."""
    a = _activity(request, pk)
    if not permissions.can_manage_activity(request.user, a):
        raise Http404
    response = HttpResponse(documents.signin_docx(a), content_type=word.DOCX)
    response["Content-Disposition"] = content_disposition_header(True, f"{a.title}签到表.docx")
    return response


@login_required
def attendance_sheet(request, pk: int):
    a = _activity(request, pk)
    if not (permissions.can_manage_activity(request.user, a)
            or permissions.can_read_all(request.user)):
        raise Http404
    if request.method == "POST":
        member_id = to_int(request.POST.get("member"), 0)
        action = request.POST.get("action", "attend")
        if action == "role":
            row = run_service(request, services.participant_role_set, activity_id=pk,
                              member_id=member_id, role=request.POST.get("role", ""))
            if row:
                messages.success(request, f"已将{row.member.name}的角色设为"
                                          f"「{row.get_role_display()}」。")
        elif action == "leave":
            if run_service(request, services.leave_record, activity_id=pk, member_id=member_id,
                           reason=request.POST.get("reason", "")):
                messages.success(request, "已补登请假。")
        elif run_service(request, services.attendance_record, activity_id=pk, member_id=member_id):
            messages.success(request, "已登记出席。")
        return redirect("activities:sheet", pk)
    # The service records attendance from the sign-in window on; before it, the sheet says when.
    opens = services.signin_window(a)[0]
    return render(request, "activities/sheet.html", {
        "a": a, "sheet": selectors.attendance_sheet(activity=a),
        "manage": permissions.can_manage_activity(request.user, a),
        "roles": ParticipantRole.choices,
        "can_uninvite": a.status == "draft" or (a.status == "published"
                                                 and clock.now() < a.start),
        "attendance_opens": opens, "attendance_open": clock.now() >= opens})


@login_required
@require_POST
def leave_decide(request, leave_id: int):
    approve = request.POST.get("outcome") == "approve"
    lv = run_service(request, services.leave_decide, leave_id=leave_id, approve=approve,
                     note=request.POST.get("note", ""))
    if lv:
        messages.success(request, "已批准请假。" if approve else "已不批准请假。")
        return redirect("activities:detail", lv.activity_id)
    return redirect(request.POST.get("next") or "activities:list")


# --- consultation plan --------------------------------------------------------------------


@login_required
def plan_list(request):
    user = request.user
    if request.method == "POST":
        plan = run_service(request, services.plan_create, year=to_int(request.POST.get("year"), 0),
                           title=request.POST.get("title", ""))
        if plan:
            messages.success(request, "年度协商计划已创建。")
            return redirect("activities:plan", plan.pk)
    return render(request, "activities/plans.html", {
        "plans": selectors.plan_list(committee_id=user.committee_id),
        "can_manage": permissions.can_manage_plan(user), "year": clock.today().year})


@login_required
def plan_detail(request, pk: int):
    user = request.user
    plan = ConsultationPlan.objects.filter(pk=pk, committee_id=user.committee_id).first()
    if plan is None:
        raise Http404
    if request.method == "POST":
        p = request.POST
        op = p.get("op")
        if op == "adopt":
            if run_service(request, services.plan_adopt, plan_id=pk, meeting=p.get("meeting", ""),
                           meeting_date=to_date(p.get("meeting_date")), text=p.get("text", "")):
                messages.success(request, "已记录计划通过的会议决定。")
        elif op == "topic":
            host = p.get("host", "")
            kind, _, body = host.partition(":")
            if run_service(request, services.topic_create, plan_id=pk, title=p.get("title", ""),
                           form=p.get("form", ""), planned_month=to_int(p.get("month"), 0),
                           host_special_committee_id=to_int(body) if kind == "sc" else None,
                           host_party_id=to_int(body) if kind == "party" else None,
                           unit_id=to_int(p.get("unit")), description=p.get("description", "")):
                messages.success(request, "已增加协商议题。")
        elif op == "transition":
            if run_service(request, services.topic_transition, topic_id=to_int(p.get("topic"), 0),
                           name=p.get("name", ""), reason=p.get("reason", "")):
                messages.success(request, "议题状态已更新。")
        elif op == "output":
            if run_service(request, services.topic_output_record,
                           topic_id=to_int(p.get("topic"), 0), kind=p.get("kind", ""),
                           title=p.get("title", ""), text=p.get("text", ""),
                           reference=p.get("reference", "")):
                messages.success(request, "已录入协商成果。")
        elif op == "adopt_output":
            if run_service(request, services.topic_output_adopt,
                           output_id=to_int(p.get("output"), 0), adopted_by=p.get("adopted_by", ""),
                           adopted_on=to_date(p.get("adopted_on")), note=p.get("note", "")):
                messages.success(request, "已录入采纳情况。")
        elif op == "proposal":
            if run_service(request, services.topic_proposal_link,
                           topic_id=to_int(p.get("topic"), 0),
                           proposal_id=to_int(p.get("proposal"), 0)):
                messages.success(request, "已关联提案。")
        elif op == "opinion":
            if run_service(request, services.topic_opinion_link, topic_id=to_int(p.get("topic"), 0),
                           opinion_id=to_int(p.get("opinion"), 0)):
                messages.success(request, "已关联社情民意。")
        return redirect("activities:plan", pk)
    cid = user.committee_id
    topics = list(selectors.plan_detail(plan=plan))
    # A member reads the plan but not every proposal or item linked to it.
    proposals = [link.proposal for t in topics for link in t.proposal_links.all()]
    opinions = [link.opinion for t in topics for link in t.opinion_links.all()]
    return render(request, "activities/plan.html", {
        "plan": plan, "topics": topics,
        "openable_proposals": proposal_permissions.openable_ids(user, proposals),
        "openable_opinions": opinion_permissions.openable_ids(user, opinions),
        "can_manage": permissions.can_manage_plan(user, plan),
        "is_liaison": permissions.is_liaison(user),
        "forms": ConsultationForm.choices, "output_kinds": OutputKind.choices,
        "units": Unit.objects.filter(committee_id=cid, is_active=True),
        "months": range(1, 13), "today": clock.today().isoformat(), **_bodies(cid)})


# --- supervision groups, speeches, reports -------------------------------------------------


@login_required
def group_list(request):
    user = request.user
    cid = user.committee_id
    if request.method == "POST":
        p = request.POST
        if p.get("op") == "note":
            if run_service(request, services.group_note_record, group_id=to_int(p.get("group"), 0),
                           kind=p.get("kind", ""), noted_on=to_date(p.get("noted_on")),
                           text=p.get("text", "")):
                messages.success(request, "已记录。")
        elif run_service(request, services.group_create, name=p.get("name", ""),
                         topic=p.get("topic", ""), year=to_int(p.get("year"), 0),
                         unit_id=to_int(p.get("unit")), leader_id=to_int(p.get("leader")),
                         member_ids=to_ints(p.getlist("members"))):
            messages.success(request, "民主监督小组已组建。")
        return redirect("activities:groups")
    return render(request, "activities/groups.html", {
        "groups": selectors.group_list(committee_id=cid).prefetch_related("notes"),
        "can_manage": permissions.can_manage_groups(user),
        "members": Member.objects.filter(committee_id=cid),
        "units": Unit.objects.filter(committee_id=cid, is_active=True),
        "kinds": FollowUpKind.choices, "year": clock.today().year,
        "today": clock.today().isoformat()})


@login_required
def speech_list(request):
    user = request.user
    cid = user.committee_id
    if request.method == "POST":
        p = request.POST
        if p.get("op") == "decide":
            if run_service(request, services.speech_decide, speech_id=to_int(p.get("speech"), 0),
                           name=p.get("name", ""), note=p.get("note", "")):
                messages.success(request, "已记录遴选结果。")
        elif run_service(request, services.speech_submit, session_id=to_int(p.get("session"), 0),
                         title=p.get("title", ""), body=p.get("body", ""),
                         mode=p.get("mode", "written")):
            messages.success(request, "大会发言已提交。")
        return redirect("activities:speeches")
    return render(request, "activities/speeches.html", {
        "speeches": selectors.speech_list(user=user)[:500],
        "sessions": Session.objects.filter(committee_id=cid),
        "is_member": permissions.member_of(user) is not None,
        "can_decide": permissions.is_general_office(user),
        "submitted": SpeechStatus.SUBMITTED, "not_selected": SpeechStatus.NOT_SELECTED})


@login_required
def speech_detail(request, pk: int):
    s = _row_or_404(Speech, request, pk, permissions.can_view_speech)
    opinion = selectors.speech_opinion(speech=s)
    return render(request, "activities/speech.html", {
        "s": s, "opinion_openable": bool(opinion_permissions.openable_ids(
            request.user, [opinion] if opinion else [])),
        "events": selectors.subject_timeline(subject="speech", subject_id=s.pk,
                                                    committee_id=s.committee_id)})


@login_required
def report_detail(request, pk: int):
    r = _row_or_404(ResearchReport, request, pk, permissions.can_view_report)
    return render(request, "activities/report.html", {
        "r": r, "authors": r.authors.all(), "group": r.group_members.all(),
        "instructions": r.instructions.all(),
        "events": selectors.subject_timeline(subject="report", subject_id=r.pk,
                                             committee_id=r.committee_id)})


def _row_or_404(model, request, pk: int, can_view):
    try:
        row = permissions.access(model, request.user, pk)
    except NotFound as exc:
        raise Http404 from exc
    if not can_view(request.user, row):
        raise Http404
    return row


@login_required
def report_list(request):
    user = request.user
    cid = user.committee_id
    if request.method == "POST":
        p = request.POST
        op, rid = p.get("op"), to_int(p.get("report"), 0)
        done = None
        if op == "adopt":
            done = run_service(request, services.report_adopt, report_id=rid,
                               adopted_by=p.get("adopted_by", ""),
                               adopted_on=to_date(p.get("adopted_on")), note=p.get("note", ""))
        elif op == "convert":
            done = run_service(request, services.report_convert, report_id=rid,
                               converted_on=to_date(p.get("converted_on")), note=p.get("note", ""))
        elif op == "reject":
            done = run_service(request, services.report_reject, report_id=rid,
                               note=p.get("note", ""))
        elif op == "instruction":
            done = run_service(request, services.report_instruction_record, report_id=rid,
                               leader_name=p.get("leader_name", ""), level=p.get("level", ""),
                               given_on=to_date(p.get("given_on")), text=p.get("text", ""))
        else:
            done = run_service(request, services.report_submit, title=p.get("title", ""),
                               body=p.get("body", ""), author_ids=to_ints(p.getlist("authors")),
                               group_member_ids=to_ints(p.getlist("group_members")),
                               activity_id=to_int(p.get("activity")),
                               is_recommendation=p.get("is_recommendation") == "on")
        if done:
            messages.success(request, "已保存。")
        return redirect("activities:reports")
    return render(request, "activities/reports.html", {
        "reports": selectors.report_list(committee_id=cid)[:500],
        "can_manage": permissions.can_manage_report(user),
        "members": Member.objects.filter(committee_id=cid),
        "activities": selectors.activity_list(user=user)[:100] if permissions.is_liaison(user)
        else [], "levels": LeaderLevel.choices, "today": clock.today().isoformat()})





@login_required
def settings_page(request):
    """Activity types and the committee's leave and sign-in settings (general office)."""
    user = request.user
    if not permissions.is_general_office(user):
        raise Http404
    cid = user.committee_id
    if request.method == "POST":
        p = request.POST
        if p.get("op") == "type":
            if run_service(request, services.activity_type_create, name=p.get("name", ""),
                           kind=p.get("kind", "")):
                messages.success(request, "已增加活动类型。")
        elif run_service(request, services.activity_settings_update,
                         leave_approver=p.get("leave_approver", ""),
                         leave_approver_role=p.get("leave_approver_role", ""),
                         signin_margin_minutes=to_int(p.get("signin_margin_minutes"), -1)):
            messages.success(request, "设置已保存。")
        return redirect("activities:settings")
    return render(request, "activities/settings.html", {
        "types": selectors.activity_types(committee_id=cid, active_only=False),
        "cfg": selectors.activity_settings(cid), "kinds": ActivityKind.choices,
        "approvers": LeaveApprover.choices, "roles": Role.choices})
