"""Login, logout and password change pages."""

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from xieshang.core.errors import DomainError

from . import services


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR")


def login_view(request):
    error = None
    if request.method == "POST":
        try:
            user = services.user_authenticate(
                username=request.POST.get("username", ""),
                password=request.POST.get("password", ""),
                ip=client_ip(request),
            )
        except DomainError as exc:
            error = exc.message
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            if user.must_change_password:
                return redirect("accounts:password_change")
            return redirect(request.GET.get("next") or "home")
    return render(request, "accounts/login.html", {"error": error}, status=400 if error else 200)


@require_POST
def logout_view(request):
    logout(request)
    return redirect("accounts:login")


@login_required
def password_change_view(request):
    error = None
    if request.method == "POST":
        new = request.POST.get("new_password", "")
        if new != request.POST.get("new_password2", ""):
            error = "两次输入的新密码不一致。"
        else:
            try:
                services.user_change_password(
                    user=request.user,
                    old_password=request.POST.get("old_password", ""),
                    new_password=new,
                )
            except DomainError as exc:
                error = exc.message
            else:
                update_session_auth_hash(request, request.user)
                messages.success(request, "密码已修改。")
                return redirect("home")
    return render(request, "accounts/password_change.html", {"error": error},
                  status=400 if error else 200)


@login_required
def users_view(request):
    from django.core.paginator import Paginator
    from django.http import Http404

    from xieshang.core import clock

    from .permissions import can_manage_accounts
    from .selectors import user_list

    if not can_manage_accounts(request.user):
        raise Http404
    if request.method == "POST":
        action, user_id = request.POST.get("action"), request.POST.get("user", "")
        try:
            uid = int(user_id)
            if action == "unlock":
                services.user_unlock(actor=request.user, user_id=uid)
                messages.success(request, "已解除锁定。")
            elif action == "reset":
                password = services.user_reset_password(actor=request.user, user_id=uid)
                messages.warning(request, f"已重置密码，一次性密码：{password}（仅显示一次）")
            elif action in ("disable", "enable"):
                services.user_set_active(actor=request.user, user_id=uid,
                                         active=action == "enable")
                messages.success(request, "已更新账户状态。")
        except ValueError:
            messages.error(request, "请求参数有误。")
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("accounts:users")
    page = Paginator(user_list(committee_id=request.user.committee_id), 100).get_page(
        request.GET.get("page"))
    return render(request, "accounts/users.html", {"page": page, "now": clock.now()})


@login_required
def audit_view(request):
    from django.core.paginator import Paginator
    from django.http import Http404

    from .models import AUDIT_ACTIONS
    from .permissions import can_read_audit_log
    from .selectors import audit_log

    if not can_read_audit_log(request.user):
        raise Http404
    action = request.GET.get("action") or None
    page = Paginator(audit_log(committee_id=request.user.committee_id, action=action),
                     100).get_page(request.GET.get("page"))
    return render(request, "accounts/audit.html", {"page": page, "action": action or "",
                                                   "actions": AUDIT_ACTIONS.items()})
