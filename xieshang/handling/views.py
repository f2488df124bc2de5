"""Web pages for handling: the office desk, a unit's to-do list, assignment and case pages."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from xieshang.accounts.selectors import has_role, unit_ids
from xieshang.core import clock
from xieshang.core.errors import DomainError, FieldErrors, NotFound
from xieshang.core.web import run_service, to_date, to_int, to_ints
from xieshang.organization.selectors import unit_list
from xieshang.proposals import permissions as proposal_permissions

from . import (
    earlier_replies,
    feedback,
    permissions,
    replies,
    reply_checks,
    routing,
    routing_jobs,
    routing_model,
    selectors,
    services,
)
from .models import Contact, Feedback, HandlingCase, ResultClass
from .workflow import AssignmentStatus, ReplyStatus

# Reply states in which the unit is still writing: its earlier replies are shown beside the form.
WRITING = (ReplyStatus.DRAFT, ReplyStatus.REVISING, ReplyStatus.COSIGNING)


def _back(request, fallback: str):
    # Only the app's own pages and a 社情民意 item's page (which runs its 转办) are targets.
    target = request.POST.get("next", "")
    ok = target.startswith(("/handling/", "/opinions/")) and "//" not in target
    return redirect(target if ok else fallback)


def suggested_plan(proposal) -> tuple[str, list[dict]]:
    """Turn the proposer's suggested units into an assignment plan the office can confirm."""
    leads = [s.unit_id for s in proposal.suggestedunit_set.all() if s.role == "lead"]
    cos = [s.unit_id for s in proposal.suggestedunit_set.all() if s.role == "co"]
    if len(leads) == 1 and cos:
        return "lead_co", ([{"unit_id": leads[0], "role": "lead"}]
                           + [{"unit_id": u, "role": "co"} for u in cos])
    if len(leads) == 1:
        return "single", [{"unit_id": leads[0], "role": "single"}]
    if len(leads) > 1:
        return "split", [{"unit_id": u, "role": "split"} for u in leads]
    return "", []


@login_required
def desk(request):
    user = request.user
    if not (permissions.can_assign(user) or has_role(user, "proposal_staff", "proposal_chief")):
        raise Http404
    waiting = Paginator(selectors.awaiting_assignment(user=user), 100).get_page(
        request.GET.get("page"))
    rows = [(p, *suggested_plan(p)) for p in waiting]
    lists = selectors.office_desk(user=user)
    lists["reviews"] = reply_checks.checked_for_desk(lists["reviews"])
    return render(request, "handling/desk.html", {
        "waiting": waiting, "rows": rows, **lists,
        "can_assign": permissions.can_assign(user),
        "units": unit_list(committee=user.committee),
        **_routing_panel(user),
    })


def _routing_panel(user) -> dict:
    committee = user.committee
    if committee is None:
        return {"routing_model": None}
    return {"routing_model": routing_model.model_status(committee),
            "can_train": permissions.can_train_routing(user, committee)}


@login_required
def routing_panel(request):
    """The desk's 单位推荐模型 panel alone, polled while a training runs."""
    user = request.user
    if not (permissions.can_assign(user) or has_role(user, "proposal_staff", "proposal_chief")):
        raise Http404
    return render(request, "handling/_routing_model.html", _routing_panel(user))


@login_required
@require_POST
def routing_train(request):
    """Retrain the committee's lead-unit model from its handling history (交办台)."""
    committee = request.user.committee
    if settings.ROUTING_TRAIN_IN_BACKGROUND:
        if run_service(request, routing_jobs.route_model_train_start, committee=committee):
            messages.info(request, "已开始训练单位推荐模型，完成后下方会显示新的训练时间。")
        return redirect("handling:desk")
    result = run_service(request, routing_model.route_model_train, committee=committee, source="web")
    if result:
        messages.success(request, f"已按{result.examples}条办理记录（{result.units}个承办单位）"
                                  f"重新训练单位推荐模型，用时{result.seconds:.1f}秒。")
    return redirect("handling:desk")


@login_required
@require_POST
def assign_bulk(request):
    items = []
    for pid in request.POST.getlist("proposal"):
        proposal_id = to_int(pid)
        if proposal_id is None:
            continue
        plan = selectors.awaiting_assignment(user=request.user).filter(pk=proposal_id).first()
        if plan is None:
            continue
        mode, units = suggested_plan(plan)
        # The desk's 推荐首选 column showed the first suggestion: record what it showed.
        advice = routing.unit_suggestions(proposal=plan)
        items.append({"proposal_id": proposal_id, "mode": mode, "units": units,
                      "suggested": advice.recorded(), "suggestion_basis": advice.basis})
    if not items:
        messages.error(request, "请勾选要交办的提案。")
        return redirect("handling:desk")
    results = services.case_assign_bulk(actor=request.user, items=items)
    ok = sum(r["ok"] for r in results)
    messages.success(request, f"已交办 {ok} 件。")
    for r in results:
        if not r["ok"]:
            messages.error(request, f"提案 {r['proposal_id']} 未交办：{r['message']}")
    return redirect("handling:desk")


def _waiting_proposal(request, proposal_id: int):
    """Return a proposal awaiting assignment for the assigning office; anything else is a 404."""
    if not permissions.can_assign(request.user):
        raise Http404
    proposal = selectors.awaiting_assignment(user=request.user).filter(pk=proposal_id).first()
    if proposal is None:
        raise Http404
    return proposal


# The unit fields of each 办理方式 on the assignment page; the others are ignored on submit.
MODE_FIELDS = {"single": ("single",), "split": ("split",), "lead_co": ("lead", "co")}


def _posted_plan(post) -> tuple[str, list[dict]]:
    """Return the chosen 办理方式 and the units of its own fields only: fields of other modes
    (prefilled from suggestions, hidden by the page's script or not) do not count."""
    mode = post.get("mode", "")
    units = []
    for role in MODE_FIELDS.get(mode, ()):
        units += [{"unit_id": u, "role": role} for u in to_ints(post.getlist(role))]
    return mode, units


@login_required
def assign_one(request, proposal_id: int):
    proposal = _waiting_proposal(request, proposal_id)
    # The same suggestions are shown and, on assignment, recorded for the routing figure.
    advice = routing.unit_suggestions(proposal=proposal)
    if request.method == "POST":
        mode, units = _posted_plan(request.POST)
        if run_service(request, services.case_assign, proposal_id=proposal_id, mode=mode,
                       units=units, suggested=advice.recorded(),
                       suggestion_basis=advice.basis):
            messages.success(request, "已交办。")
            return redirect("handling:desk")
        # Refused: the page comes back with the mode and every unit as the office chose them.
        plan = [{"unit_id": u, "role": role} for role in ("single", "lead", "co", "split")
                for u in to_ints(request.POST.getlist(role))]
    else:
        mode, plan = suggested_plan(proposal)
    chosen: dict[str, list[int]] = {"single": [], "lead": [], "co": [], "split": []}
    for u in plan:
        chosen[u["role"]].append(u["unit_id"])
    return render(request, "handling/assign.html", {
        "proposal": proposal, "mode": mode, "chosen": chosen,
        "units": unit_list(committee=request.user.committee), "modes": HandlingCase.Mode.choices,
        "routing": advice,
    }, status=400 if request.method == "POST" else 200)


@login_required
def assign_advice(request, proposal_id: int):
    """The desk's 推荐首选 cell of one waiting proposal: the first suggested lead unit, and
    whether the proposer suggested the same one (loaded as the row scrolls into view)."""
    proposal = _waiting_proposal(request, proposal_id)
    advice = routing.unit_suggestions(proposal=proposal)
    proposed = {s.unit_id for s in proposal.suggestedunit_set.all() if s.role == "lead"}
    first = advice.suggestions[0] if advice.suggestions else None
    return render(request, "handling/_advice_cell.html", {
        "advice": advice, "first": first, "others": advice.suggestions[1:],
        "agrees": None if first is None or not proposed else first.unit.pk in proposed,
    })


@login_required
def unit_home(request):
    if not unit_ids(request.user):
        raise Http404
    rows, counts, bucket = selectors.unit_todo(user=request.user, bucket=request.GET.get("bucket"))
    return render(request, "handling/unit.html", {
        "rows": rows, "counts": counts, "bucket": bucket, "buckets": selectors.TODO_BUCKETS,
    })


@login_required
def assignment_page(request, pk: int):
    try:
        a = permissions.access_assignment(request.user, pk)
    except NotFound as exc:
        raise Http404 from exc
    return _assignment_response(request, a)


# The reply form's fields, as posted and as the template shows them.
REPLY_FIELDS = ("body", "result_class", "contact_person", "contact_phone", "signer")


def _reply_draft(reply) -> dict:
    """Return the reply form's values from the saved reply (empty for a first draft)."""
    if reply is None:
        return dict.fromkeys(REPLY_FIELDS, "") | {"result_class": None}
    return {"body": reply.body, "result_class": reply.result_class_id,
            "contact_person": reply.contact_person, "contact_phone": reply.contact_phone,
            "signer": reply.signer}


def _assignment_response(request, a, *, draft: dict | None = None, errors: dict | None = None,
                         status: int = 200):
    """Render the assignment page; a refused reply form comes back with `draft` (what was
    posted) and `errors` (each field's message)."""
    user = request.user
    acting = permissions.can_act_for_unit(user, a)
    reply = selectors.current_reply(assignment=a)
    case = a.case
    is_leader = permissions.is_unit_leader(user, a.unit_id)
    self_check = None
    if reply is not None and reply.body and (acting or is_leader):
        self_check = _self_check_context(a, reply_checks.check_of(reply, case))
    writing = a.status == AssignmentStatus.HANDLING and (reply is None or reply.status in WRITING)
    earlier = earlier_replies.earlier_replies(user=user, assignment=a) if writing else []
    return render(request, "handling/assignment.html", {
        "a": a, "case": case, "proposal": case.proposal, "opinion": case.opinion,
        "reply": reply, "acting": acting, "draft": draft or _reply_draft(reply),
        "errors": errors or {},
        "is_leader": is_leader, "self_check": self_check, "earlier": earlier,
        "cosign": selectors.pending_cosign_for(assignment=a) if acting else None,
        "co_assignments": case.assignments.filter(role="co").select_related("unit"),
        "result_classes": ResultClass.objects.filter(committee_id=a.committee_id),
        "contacts": a.contacts.all(), "stages": Contact.Stage.choices,
        "contact_modes": Contact.Mode.choices, "today": clock.today(),
        "suggestions": case.opinion.suggestions if case.is_opinion else case.proposal.suggestions,
    }, status=status)


def _reply_save(request, pk: int):
    """Save the unit's reply draft; a refusal shows the form again with what was typed and
    every field's error together (400), nothing saved."""
    p = request.POST
    draft = {name: p.get(name, "") for name in REPLY_FIELDS}
    draft["result_class"] = to_int(draft["result_class"])
    try:
        reply = replies.reply_save(
            actor=request.user, assignment_id=pk, body=draft["body"],
            result_class_id=draft["result_class"], contact_person=draft["contact_person"],
            contact_phone=draft["contact_phone"], signer=draft["signer"])
    except NotFound as exc:
        raise Http404 from exc
    except FieldErrors as exc:
        errors, status = exc.errors, 400
    except DomainError as exc:
        messages.error(request, exc.message)
        errors, status = {}, exc.status
    else:
        messages.success(request, f"答复稿已保存（第{reply.version}稿）。")
        return redirect("handling:assignment", pk)
    try:
        a = permissions.access_assignment(request.user, pk)
    except NotFound as exc:
        raise Http404 from exc
    return _assignment_response(request, a, draft=draft, errors=errors, status=status)


@login_required
@require_POST
def reply_self_check(request, pk: int):
    """The unit's 答复自查 while it drafts: the form's current text and fields, checked against
    the proposal's suggestions or the item's points (htmx; nothing is saved)."""
    p = request.POST
    try:
        a, check = reply_checks.draft_check(
            request.user, pk, body=p.get("body", "")[:replies.BODY_LIMIT],
            result_class_id=to_int(p.get("result_class")), signer=p.get("signer", "")[:50],
            contact_person=p.get("contact_person", "")[:50],
            contact_phone=p.get("contact_phone", "")[:30])
    except NotFound as exc:
        raise Http404 from exc
    return render(request, "handling/_reply_check.html", _self_check_context(a, check))


def _self_check_context(a, check) -> dict:
    return {"c": check, "check_id": f"self-{a.pk}", "heading": "答复自查",
            "against": "所反映的问题和建议" if a.case.is_opinion else "提案建议",
            "note": "签发前请逐条核对；未见回应的建议请补充答复或说明理由"}


# What each action on an assignment tells the unit when it went through.
ASSIGNMENT_DONE = {
    "sign": "已签收，办理期限自今日起计算。",
    "return": "已提交退回申请，等待交办部门审批。",
    "opinion": "已提交会办意见，主办单位可在办理页面查看。",
    "extend": "已提交延期申请，等待交办部门审批。",
    "contact": "已记录沟通情况。",
}


@login_required
@require_POST
def assignment_action(request, pk: int, action: str):
    p = request.POST
    if action == "reply":
        return _reply_save(request, pk)
    calls = {
        "sign": (services.assignment_sign_for, {}),
        "return": (services.assignment_request_return, {"reason": p.get("reason", "")}),
        "opinion": (services.assignment_give_opinion, {"opinion": p.get("opinion", "")}),
        "extend": (services.extension_request, {"requested_due": to_date(p.get("requested_due")),
                                                "reason": p.get("reason", "")}),
        "contact": (services.contact_record, {
            "stage": p.get("stage", ""), "mode": p.get("mode", ""),
            "happened_on": to_date(p.get("happened_on")),
            "participants": p.get("participants", ""), "minutes": p.get("minutes", "")}),
    }
    if action not in calls:
        raise Http404
    fn, kwargs = calls[action]
    if action in ("extend", "contact") and None in kwargs.values():
        messages.error(request, "请填写有效的日期。")
    elif run_service(request, fn, assignment_id=pk, **kwargs):
        messages.success(request, ASSIGNMENT_DONE[action])
    return redirect("handling:assignment", pk)


def _reply_done(action: str, reply) -> str:
    """Say what a reply action did, naming who acts next."""
    reviewer = "信息办" if reply.assignment.case.is_opinion else "提案委"
    return {
        "cosign": "已送会办单位会签。",
        "sign_off": f"已签发，答复已报送{reviewer}审核。",
        "pass": "答复已审核通过。",
        "send_back": "答复已退回承办单位修改。",
    }[action]


@login_required
@require_POST
def reply_action(request, pk: int, action: str):
    p = request.POST
    calls = {
        "cosign": (replies.reply_request_cosign, {}),
        "sign_off": (replies.reply_sign_off, {}),
        "pass": (replies.reply_pass, {"result_class_id": to_int(p.get("result_class")),
                                      "note": p.get("note", "")}),
        "send_back": (replies.reply_send_back, {"reason": p.get("reason", "")}),
    }
    if action not in calls:
        raise Http404
    fn, kwargs = calls[action]
    reply = run_service(request, fn, reply_id=pk, **kwargs)
    if reply:
        messages.success(request, _reply_done(action, reply))
    return _back(request, "/handling/")


@login_required
@require_POST
def cosign_action(request, pk: int):
    agree = request.POST.get("agree") == "1"
    if run_service(request, replies.cosign_answer, cosign_id=pk, agree=agree,
                   comment=request.POST.get("comment", "")):
        messages.success(request, "已会签。" if agree else "已提出修改意见。")
    return _back(request, "/handling/unit/")


@login_required
def case_page(request, pk: int):
    user = request.user
    try:
        case = selectors.case_detail(user=user, case_id=pk)
    except NotFound as exc:
        raise Http404 from exc
    if case.is_opinion:
        # A transferred 社情民意 item's handling is run and shown on the item's page.
        return redirect(f"{case.subject_url}#transfer")
    rater_rows = []
    if case.status == "replied":
        rated = {f.proposer_id for f in case.feedback.all() if f.round == case.round}
        for row in feedback.expected_raters(case):
            if row.pk not in rated and (permissions.can_record_feedback_for_others(user)
                                        or proposal_permissions.speaks_for(user, row)):
                rater_rows.append(row)
    can_review = has_role(user, "proposal_staff", "proposal_chief")
    reply_rows = list(selectors.case_replies(case=case))
    if can_review:
        for r in reply_rows:
            if r.status == "under_review":
                r.text_check = reply_checks.check_of(r, case)
                r.promises, r.reused = earlier_replies.for_review(r)
    return render(request, "handling/case.html", {
        "case": case, "proposal": case.proposal, "replies": reply_rows,
        "events": selectors.labelled_events(selectors.case_events(case=case)),
        "can_assign": permissions.can_assign(user, case),
        "can_decide": permissions.can_decide_case(user, case),
        # Proposers see which units handle their proposal, but only units open their pages.
        "open_assignments": {a.pk for a in case.assignments.all()
                             if permissions.can_view_assignment(user, a)},
        "can_review": can_review,
        "result_classes": ResultClass.objects.filter(committee_id=case.committee_id),
        "units": unit_list(committee=user.committee), "rater_rows": rater_rows,
        "levels": Feedback.Level.choices, "answered": Feedback.Answered.choices,
    })


@login_required
@require_POST
def case_action(request, pk: int, action: str):
    p = request.POST
    if action == "rate":
        fn, kwargs = feedback.feedback_submit, {
            "overall": p.get("overall", ""), "contact": p.get("contact", ""),
            "attitude": p.get("attitude", ""), "result": p.get("result", ""),
            "answered": p.get("answered", ""), "comments": p.get("comments", ""),
            "proposer_id": to_int(p.get("proposer"))}
    elif action == "rehandle":
        fn, kwargs = feedback.case_rehandle, {"reason": p.get("reason", "")}
    elif action == "close":
        fn, kwargs = feedback.case_close, {"reason": p.get("reason", "")}
    elif action == "add_unit":
        fn, kwargs = services.assignment_add, {"unit_id": to_int(p.get("unit"), 0),
                                               "role": p.get("role", "")}
    else:
        raise Http404
    done = run_service(request, fn, case_id=pk, **kwargs)
    if done:
        messages.success(request, _case_done(action, done))
    return _back(request, f"/handling/cases/{pk}/")


def _case_done(action: str, done) -> str:
    """Say what a case action did (`done` is what its service returned)."""
    if action == "rate":
        return "已提交评价（征询意见表），谢谢。"
    if action == "rehandle":
        return "已要求承办单位重新办理。"
    if action == "close":
        return "已办结。"
    return f"已交办{done.unit.name}（{done.get_role_display()}）。"


@login_required
@require_POST
def return_decision(request, pk: int):
    approve = request.POST.get("approve") == "1"
    if run_service(request, services.assignment_decide_return, assignment_id=pk, approve=approve,
                   note=request.POST.get("note", ""), new_unit_id=to_int(request.POST.get("unit"))):
        messages.success(request, "已处理退回申请。")
    return _back(request, "/handling/desk/")


@login_required
@require_POST
def extension_decision(request, pk: int):
    if run_service(request, services.extension_decide, extension_id=pk,
                   approve=request.POST.get("approve") == "1", note=request.POST.get("note", "")):
        messages.success(request, "已处理延期申请。")
    return _back(request, "/handling/desk/")


@login_required
def case_list(request):
    if not permissions.can_read_all(request.user):
        raise Http404
    status = request.GET.get("status") or None
    sessions, sessionless = selectors.case_sessions(user=request.user)
    # Proposal numbers start again each session: the list shows one session at a time, the
    # latest with cases unless another (or 全部) is chosen.
    asked = request.GET.get("session", "")
    if asked == "all":
        session = None
    elif asked == selectors.NO_SESSION and sessionless:
        session = selectors.NO_SESSION
    else:
        session = next((s.pk for s in sessions if s.pk == to_int(asked)),
                       sessions[0].pk if sessions else None)
    page = Paginator(selectors.case_list(user=request.user, status=status, session=session),
                     50).get_page(request.GET.get("page"))
    chosen = "all" if session is None else str(session)
    return render(request, "handling/cases.html", {
        "page": page, "status": status or "", "statuses": HandlingCase._meta.get_field(
            "status").choices, "sessions": sessions, "sessionless": sessionless,
        "session": chosen, "no_session": selectors.NO_SESSION})
