"""The one way a row moves along its app's workflow table.

Each stateful app declares its table in `<app>/workflow.py` as `Transition`s (from which states,
to which state, and the name of the predicate in the app's `permissions` module that says who
may). Services lock the row, then call `move()`: the edge is checked, then the actor, then the
row is saved with its new state and the app's event is written by the `record` callback, all
in the caller's transaction. A refused move changes nothing and says why in Chinese, naming the
state by its label (`get_status_display()`). A row that its first transition creates (a
disclosure decision on a reply) is passed unsaved, in its initial state, and is inserted.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType

from . import clock
from .errors import Conflict, PermissionDenied

# A transition that only the system performs, as the consequence of another step.
SYSTEM = "system"


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    permission: str


def table(*transitions: Transition) -> dict[str, Transition]:
    """Return a workflow table keyed by transition name."""
    return {t.name: t for t in transitions}


def check(obj, transition: Transition, actor, predicates: ModuleType, *, noun: str = "",
          system: bool = False) -> None:
    """Refuse the move unless the row is in a source state and the actor may perform it."""
    if obj.status not in transition.sources:
        subject = f"该{noun}" if noun else ""
        raise Conflict(f"{subject}当前状态为「{obj.get_status_display()}」，不能{transition.label}"
                       "（可能已被他人处理，请刷新后查看）。", code="invalid_transition")
    if transition.permission == SYSTEM:
        if not system:
            raise PermissionDenied(f"「{transition.label}」由系统自动完成。")
        return
    if not getattr(predicates, transition.permission)(actor, obj):
        on = f"对该{noun}" if noun else ""
        raise PermissionDenied(f"您无权{on}执行「{transition.label}」。")


def move(obj, transition: Transition, actor, predicates: ModuleType, *,
         record: Callable[[str, str], object],
         mutate: Callable[[object], Iterable[str]] | None = None,
         noun: str = "", system: bool = False, stamp: bool = True):
    """Move a locked row along its table and write its event; return the row.

    `mutate` changes other fields and returns their names; `record(previous, target)` writes
    the app's event; `stamp` also sets `updated_at`; `system` allows transitions whose
    permission is SYSTEM.
    """
    check(obj, transition, actor, predicates, noun=noun, system=system)
    fields = set(mutate(obj) or ()) if mutate else set()
    previous = obj.status
    obj.status = transition.target
    fields.add("status")
    if stamp:
        obj.updated_at = clock.now()
        fields.add("updated_at")
    if obj.pk is None:
        obj.save()
    else:
        obj.save(update_fields=sorted(fields))
    record(previous, transition.target)
    return obj
