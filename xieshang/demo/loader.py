"""Load the demo in steps; later steps (社情民意, activities …) append to STEPS."""

import importlib
import time
from collections.abc import Callable

from django.apps import apps
from django.db import transaction

from xieshang.core import clock
from xieshang.core.models import Committee

from . import (
    accounts,
    activities_2020,
    activities_2021,
    handling_2020,
    members,
    opinions_2020,
    opinions_2021,
    opinions_followup_2020,
    organisation,
    people_2020,
    proposals_2020,
    session_2021,
)
from .context import DemoContext


def _optional(app: str, module: str, name: str) -> tuple[tuple[str, Callable], ...]:
    """Return the step of an app that may be left out of the settings (key proposals,
    disclosure), or nothing when the app is not installed."""
    if not apps.is_installed(app):
        return ()
    return ((name, importlib.import_module(f"xieshang.demo.{module}").load),)


def _start_clock(ctx: DemoContext) -> None:
    """Let the demo 政协 live on from its "today": its clock reads session_2021.TODAY now and
    moves with the wall clock (core.clock), so drafting, deadlines and reminders behave as on
    that day rather than years after its term ended."""
    ctx.committee.clock_offset = clock.offset_to(session_2021.TODAY)
    ctx.committee.save(update_fields=["clock_offset"])


# Each step reads what the previous ones put in the context and adds its own rows.
STEPS: tuple[tuple[str, Callable[[DemoContext], None]], ...] = (
    ("organisation", organisation.load),
    ("members", members.load),
    ("accounts", accounts.load),
    ("proposals_2020", proposals_2020.load),
    ("handling_2020", handling_2020.load),
    *_optional("xieshang.supervision", "supervision_2020", "supervision_2020"),
    ("session_2021", session_2021.load),
    *_optional("xieshang.publishing", "publishing", "publishing"),
    ("people_2020", people_2020.load),
    ("opinions_2020", opinions_2020.load),
    ("activities_2020", activities_2020.load),
    ("opinions_followup_2020", opinions_followup_2020.load),
    *_optional("xieshang.appraisal", "appraisal_2020", "appraisal_2020"),
    # After the 2020 appraisal: its decisions of 30 December end two seats, so the 2021
    # invitations (resolved against the active seats) leave those members out.
    ("activities_2021", activities_2021.load),
    # After every 2020 step (its issues, 批示 and appraisal are the year's record) and the 2021
    # session, whose review brings the converted proposals in as items to check.
    ("opinions_2021", opinions_2021.load),
    ("clock", _start_clock),
)


class NotEmpty(Exception):
    """The database already holds committees; the demo loads only into an empty one."""

    def __init__(self, count: int):
        super().__init__(f"数据库中已有数据（{count}个政协组织），演示数据只能加载到空数据库。")
        self.count = count


def demo_status() -> str:
    """Return "empty" when no committee exists yet, else "loaded"."""
    return "loaded" if Committee.objects.exists() else "empty"


def load_demo(log: Callable[[str], None] = print) -> DemoContext:
    """Load every step in one transaction (fast on SQLite; all or nothing)."""
    count = Committee.objects.count()
    if count:
        raise NotEmpty(count)
    ctx = DemoContext(log=log)
    with transaction.atomic():
        for name, step in STEPS:
            started = time.monotonic()
            step(ctx)
            ctx.summary.setdefault("seconds", {})[name] = round(time.monotonic() - started, 1)
    return ctx
