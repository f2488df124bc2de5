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
