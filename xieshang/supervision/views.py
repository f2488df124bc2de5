"""Web pages for key and excellent proposals: thin handlers over services and selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from xieshang.core import clock
from xieshang.core.errors import NotFound
from xieshang.core.web import run_service, to_date, to_int, to_ints
from xieshang.proposals import permissions as proposal_permissions

from . import permissions, selectors, services, stats
from .models import ActivityKind, LeaderKind
from .workflow import LEADERS_OPEN, SUPERVISED, ExcellentStatus, KeyStatus

PAGE_SIZE = 50
SEARCH_LIMIT = 100


def _period(request) -> dict:
    g = request.GET
    return {"year": to_int(g.get("year")), "session_id": to_int(g.get("session"))}


def _filter_context(request) -> dict:
    committee_id = request.user.committee_id
    return {"filters": request.GET, "years": selectors.years(committee_id=committee_id),
            "sessions": selectors.sessions(committee_id=committee_id)}


def _decision_values(post) -> dict:
    return {"approve": post.get("outcome") == "approve", "meeting": post.get("meeting", ""),
            "meeting_date": to_date(post.get("meeting_date")), "text": post.get("text", "")}


# --- key proposals ------------------------------------------------------------------------


@login_required
def key_list(request):
    status = request.GET.get("status") or None
    qs = selectors.key_proposal_list(
        user=request.user, status=status if status in KeyStatus.values else None,
        q=(request.GET.get("q") or "").strip()[:100] or None, **_period(request))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    figures = None
    if permissions.can_read_all(request.user):
        figures = stats.key_proposal_stats(request.user.committee_id, **_period(request))
    return render(request, "supervision/key_list.html", {
        "page": page, "statuses": KeyStatus.choices, "figures": figures,
        "can_propose": permissions.can_propose(request.user),
        "can_decide": permissions.can_propose(request.user),
        **_filter_context(request),
    })


def _search(request) -> dict:
    q = (request.GET.get("q") or request.POST.get("q") or "").strip()[:100]
    session_id = to_int(request.GET.get("session") or request.POST.get("session"))
    found = selectors.accepted_proposals(committee_id=request.user.committee_id,
                                         q=q or None, session_id=session_id)[:SEARCH_LIMIT]
    return {"q": q, "session_id": session_id, "found": found,
            "chosen": to_int(request.POST.get("proposal")),
            "chosen_related": to_ints(request.POST.getlist("related")),
            "sessions": selectors.sessions(committee_id=request.user.committee_id),
            "limit": SEARCH_LIMIT}


@login_required
def key_create(request):
    if not permissions.can_propose(request.user):
        raise Http404
    if request.method == "POST":
        p = request.POST
        kp = run_service(request, services.key_proposal_propose,
                         proposal_id=to_int(p.get("proposal"), 0), title=p.get("title", ""),
                         reason=p.get("reason", ""),
                         related_proposal_ids=to_ints(p.getlist("related")))
        if kp:
            messages.success(request, "已列为重点提案候选，待主席会议决定。")
            return redirect("supervision:detail", kp.pk)
    return render(request, "supervision/key_form.html",
                  {**_search(request), "form": request.POST or None},
                  status=400 if request.method == "POST" else 200)


def _detail(request, pk: int):
    try:
        return selectors.key_proposal_detail(user=request.user, key_proposal_id=pk)
    except NotFound as exc:
        raise Http404 from exc


@login_required
def key_detail(request, pk: int):
    kp = _detail(request, pk)
    user = request.user
    related = [r.proposal for r in kp.related.all()]
    order = [kp.proposal, *related]
    cases = selectors.handling_overview(committee_id=kp.committee_id,
                                        proposal_ids=[p.pk for p in order])
    supervised = kp.status in SUPERVISED
    own_leader = permissions.supervising_leader_of(user, kp)
    ctx = {
        "kp": kp, "related": related,
        "openable": proposal_permissions.openable_ids(user, order),
        "handling": [(p, cases.get(p.pk)) for p in order],
        "leaders": kp.current_leaders(),
        "activities": list(kp.activities.all()),
        "instructions": list(kp.instructions.all()),
        "events": selectors.key_proposal_timeline(key_proposal=kp),
        "is_reader": permissions.can_read_all(user),
        "can_decide": kp.status == KeyStatus.CANDIDATE and permissions.can_decide(user, kp),
        "can_complete": supervised and permissions.can_complete(user, kp),
        "can_manage_leaders": kp.status in LEADERS_OPEN
        and permissions.can_manage_leaders(user, kp),
        "can_record_activity": supervised and permissions.can_record_activity(user, kp),
        "can_record_instruction": supervised and permissions.can_record_instruction(user, kp),
        "is_staff": permissions.can_manage_leaders(user, kp),
        "own_leader": own_leader,
        "leader_kinds": LeaderKind.choices, "activity_kinds": ActivityKind.choices,
        "today": clock.today().isoformat(),
    }
    if ctx["can_manage_leaders"]:
        ctx["leader_users"] = selectors.leader_users(committee_id=user.committee_id)
    return render(request, "supervision/key_detail.html", ctx)


@login_required
@require_POST
def key_decide(request, pk: int):
    kps = run_service(request, services.key_proposal_decide, key_proposal_ids=[pk],
                      **_decision_values(request.POST))
    if kps:
        messages.success(request, f"已记录主席会议决定：{kps[0].get_status_display()}。")
    return redirect("supervision:detail", pk)


@login_required
@require_POST
def key_decide_many(request):
    ids = to_ints(request.POST.getlist("ids"))
    kps = run_service(request, services.key_proposal_decide, key_proposal_ids=ids,
                      **_decision_values(request.POST))
    if kps:
        messages.success(request, f"已记录主席会议决定，共{len(kps)}件。")
    return redirect(f"{reverse('supervision:list')}?status=candidate")


@login_required
@require_POST
def key_complete(request, pk: int):
    if run_service(request, services.key_proposal_complete, key_proposal_id=pk,
                   summary=request.POST.get("summary", "")):
        messages.success(request, "督办已办结。")
    return redirect("supervision:detail", pk)


@login_required
@require_POST
def leader_add(request, pk: int):
    p = request.POST
    if run_service(request, services.supervising_leader_add, key_proposal_id=pk,
                   kind=p.get("kind", ""), name=p.get("name", ""), title=p.get("title", ""),
                   user_id=to_int(p.get("user")), is_lead=p.get("is_lead") == "on"):
        messages.success(request, "已增加督办领导。")
    return redirect("supervision:detail", pk)


@login_required
@require_POST
def leader_remove(request, pk: int, leader_id: int):
    if run_service(request, services.supervising_leader_remove, key_proposal_id=pk,
                   leader_id=leader_id):
        messages.success(request, "已移除督办领导。")
    return redirect("supervision:detail", pk)


@login_required
@require_POST
def activity_add(request, pk: int):
    p = request.POST
    if run_service(request, services.activity_record, key_proposal_id=pk, kind=p.get("kind", ""),
                   held_on=to_date(p.get("held_on")), place=p.get("place", ""),
                   participants=p.get("participants", ""), notes=p.get("notes", ""),
                   leader_ids=to_ints(p.getlist("leaders"))):
        messages.success(request, "已记录督办活动。")
    return redirect("supervision:detail", pk)


@login_required
@require_POST
def instruction_add(request, pk: int):
    p = request.POST
    if run_service(request, services.instruction_record, key_proposal_id=pk,
                   given_on=to_date(p.get("given_on")), text=p.get("text", ""),
                   leader_id=to_int(p.get("leader")), leader_name=p.get("leader_name", ""),
                   leader_title=p.get("leader_title", ""), leader_kind=p.get("leader_kind", "")):
        messages.success(request, "已录入领导批示。")
    return redirect("supervision:detail", pk)


# --- excellent proposals ------------------------------------------------------------------


@login_required
def excellent_list(request):
    status = request.GET.get("status") or None
    qs = selectors.excellent_list(
        user=request.user, status=status if status in ExcellentStatus.values else None,
        **_period(request))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "supervision/excellent_list.html", {
        "page": page, "statuses": ExcellentStatus.choices,
        "openable": proposal_permissions.openable_ids(request.user,
                                                      [e.proposal for e in page]),
        "can_propose": permissions.can_propose_excellent(request.user),
        **_filter_context(request),
    })


@login_required
def excellent_create(request):
    if not permissions.can_propose_excellent(request.user):
        raise Http404
    if request.method == "POST":
        e = run_service(request, services.excellent_proposal_propose,
                        proposal_id=to_int(request.POST.get("proposal"), 0),
                        reason=request.POST.get("reason", ""))
        if e:
            messages.success(request, "已推荐为优秀提案候选，待主席会议决定。")
            return redirect(f"{reverse('supervision:excellent')}?status=candidate")
    return render(request, "supervision/excellent_form.html",
                  {**_search(request), "form": request.POST or None},
                  status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def excellent_decide(request):
    ids = to_ints(request.POST.getlist("ids"))
    done = run_service(request, services.excellent_proposal_decide, excellent_ids=ids,
                       **_decision_values(request.POST))
    if done:
        messages.success(request, f"已记录主席会议评选决定，共{len(done)}件。")
    return redirect(f"{reverse('supervision:excellent')}?status=candidate")
