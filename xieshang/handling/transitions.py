"""Apply a named transition from the workflow tables and write its event."""

from collections.abc import Callable, Iterable

from xieshang.accounts.models import User
from xieshang.core import clock
from xieshang.core.errors import Conflict, PermissionDenied

from . import permissions
from .models import Assignment, HandlingCase, HandlingEvent, Reply
from .workflow import ASSIGNMENT, CASE, REPLY, AssignmentStatus, CaseStatus, ReplyStatus

TABLES = {HandlingCase: (CASE, CaseStatus), Assignment: (ASSIGNMENT, AssignmentStatus),
          Reply: (REPLY, ReplyStatus)}


def record(*, case: HandlingCase, actor: User | None, action: str, assignment=None, reply=None,
           frm: str = "", to: str = "", **payload) -> HandlingEvent:
    """Append one handling event."""
    return HandlingEvent.objects.create(
        committee_id=case.committee_id, case=case, assignment=assignment, reply=reply,
        actor=actor, action=action, from_status=frm, to_status=to, at=clock.now(),
        payload=payload,
    )


def apply(obj, name: str, *, actor: User | None, system: bool = False,
          mutate: Callable[[object], Iterable[str]] | None = None, **payload):
    """Move a locked case, assignment or reply along its table; raise if the edge or actor fails.

    `system` marks a consequence of another step (the actor has already been checked there).
    """
    table, statuses = TABLES[type(obj)]
    transition = table[name]
    if obj.status not in transition.sources:
        raise Conflict(
            f"当前状态为「{statuses(obj.status).label}」，不能{transition.label}"
            "（可能已被他人处理，请刷新后查看）。", code="invalid_transition",
        )
    if transition.permission == "system":
        if not system:
            raise PermissionDenied(f"「{transition.label}」由系统自动完成。")
    elif not getattr(permissions, transition.permission)(actor, obj):
        raise PermissionDenied(f"您无权执行「{transition.label}」。")
    fields = set(mutate(obj) or ()) if mutate else set()
    previous = obj.status
    obj.status = transition.target
    obj.save(update_fields=[*fields, "status"])
    if isinstance(obj, HandlingCase):
        case, assignment, reply = obj, None, None
    elif isinstance(obj, Assignment):
        case, assignment, reply = obj.case, obj, None
    else:
        case, assignment, reply = obj.assignment.case, obj.assignment, obj
    record(case=case, actor=actor, action=name, assignment=assignment, reply=reply,
           frm=previous, to=transition.target, **payload)
    return obj
