"""Shared set-up for 社情民意 tests: office users, items in any state, a sent issue."""

from xieshang.accounts.models import RoleAssignment
from xieshang.accounts.roles import Role
from xieshang.core import clock
from xieshang.core.testing import PASSWORD, fresh
from xieshang.opinions import services
from xieshang.opinions.models import Opinion

TITLE = "关于加强农村饮水安全保障的建议"


def office(world, n: int = 1):
    """Return the n-th information-office user of the world, creating it on first use."""
    from xieshang.accounts.models import User
    from xieshang.accounts.services import user_create

    username = f"{world.committee.slug}-info{n}"
    user = User.objects.filter(username=username).first()
    if user is None:
        user = user_create(committee=world.committee, username=username,
                           full_name=f"信息办{n}", password=PASSWORD,
                           roles=[{"role": Role.INFO_OFFICE}], must_change_password=False)
        world.users[username] = user
    return fresh(user)


def body_agent_for_sector(world):
    user = world.member_users[5]
    if not RoleAssignment.objects.filter(user=user, role=Role.BODY_AGENT).exists():
        RoleAssignment.objects.create(committee=world.committee, user=user,
                                      role=Role.BODY_AGENT, sector=world.sector)
    return fresh(user)


def draft(world, owner=None, title=TITLE, **kwargs):
    owner = fresh(owner or world.member_users[0])
    values = {"source_kind": "member", "title": title,
              "situation": "部分山区村组供水设施老化，旱季断水时有发生。",
              "analysis": "建设标准低、管护主体不明。",
              "suggestions": "一是统筹资金改造；二是明确管护责任。"}
    values.update(kwargs)
    return services.opinion_create(actor=owner, **values)


def opinion_in(world, state: str, owner=None, **kwargs) -> Opinion:
    """Return an item brought to `state` through the services."""
    o = draft(world, owner, **kwargs)
    if state == "draft":
        return o
    owner = fresh(owner or world.member_users[0])
    services.opinion_submit(actor=owner, opinion_id=o.pk)
    if state == "submitted":
        return Opinion.objects.get(pk=o.pk)
    outcome = {"returned": "return", "kept": "keep"}.get(state, "use")
    services.opinion_check(actor=office(world), opinion_id=o.pk, outcome=outcome,
                           note="请补充数据。" if outcome == "return" else "")
    if state in ("returned", "kept", "used"):
        return Opinion.objects.get(pk=o.pk)
    services.opinion_edit(actor=office(world), opinion_id=o.pk, title=o.title,
                          text="编辑后的正文。")
    if state == "edited":
        return Opinion.objects.get(pk=o.pk)
    issue = services.issue_create(actor=office(world))
    services.entry_add(actor=office(world), issue_id=issue.pk, opinion_ids=[o.pk])
    if state == "compiled":
        return Opinion.objects.get(pk=o.pk)
    send(world, issue)
    return Opinion.objects.get(pk=o.pk)


def send(world, issue):
    services.issue_set_recipients(actor=office(world), issue_id=issue.pk, recipients=[
        {"kind": "upper_cppcc", "name": "省政协办公厅"},
        {"kind": "party", "name": "市委办公室"}])
    services.issue_approve(actor=office(world), issue_id=issue.pk)
    services.issue_sign(actor=office(world, 2), issue_id=issue.pk)
    return services.issue_send(actor=office(world), issue_id=issue.pk)


def today():
    return clock.today()
