"""Home page and error pages."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from xieshang.accounts.selectors import has_role


@login_required
def home(request):
    """Send each user to the page of their main work."""
    user = request.user
    if has_role(user, "proposal_staff", "proposal_chief"):
        return redirect("proposals:review_queue")
    if has_role(user, "assign_office"):
        return redirect("handling:desk")
    if has_role(user, "unit_handler", "unit_leader"):
        return redirect("handling:unit")
    if has_role(user, "leader"):
        return redirect("proposals:all")
    if has_role(user, "info_office"):
        return redirect("opinions:list")
    if has_role(user, "liaison"):
        return redirect("activities:list")
    if has_role(user, "member"):
        return redirect("proposals:mine")
    if has_role(user, "sys_admin"):
        return redirect("organization:import")
    if has_role(user, "security_admin"):
        return redirect("accounts:users")
    if has_role(user, "audit_admin"):
        return redirect("accounts:audit")
    from xieshang.opinions.permissions import reporter_of

    if reporter_of(user) is not None:  # an invited information officer: their own items
        return redirect("opinions:list")
    return render(request, "core/home.html")


def not_found(request, exception=None):
    return render(request, "core/error.html", {"message": "未找到该页面或记录，或您无权查看。"},
                  status=404)


def forbidden(request, exception=None):
    return render(request, "core/error.html", {"message": "您无权执行该操作。"}, status=403)
