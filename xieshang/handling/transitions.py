"""Apply a named transition from the workflow tables and write its event."""

from collections.abc import Callable, Iterable

from xieshang.accounts.models import User
from xieshang.core import clock, workflow

from . import permissions
from .models import Assignment, HandlingCase, HandlingEvent, Reply
from .workflow import ASSIGNMENT, CASE, REPLY

TABLES = {HandlingCase: CASE, Assignment: ASSIGNMENT, Reply: REPLY}


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
    transition = TABLES[type(obj)][name]
    if isinstance(obj, HandlingCase):
        case, assignment, reply = obj, None, None
    elif isinstance(obj, Assignment):
        case, assignment, reply = obj.case, obj, None
    else:
        case, assignment, reply = obj.assignment.case, obj.assignment, obj
    return workflow.move(
        obj, transition, actor, permissions, mutate=mutate, system=system, stamp=False,
        record=lambda frm, to: record(case=case, actor=actor, action=name, assignment=assignment,
                                      reply=reply, frm=frm, to=to, **payload))
