"""Load the demo in steps; later steps (handling, replies, 社情民意, activities) append to STEPS."""

import time
from collections.abc import Callable

from django.db import transaction

from xieshang.core.models import Committee

from . import accounts, members, organisation, proposals_2020
from .context import DemoContext

# Each step reads what the previous ones put in the context and adds its own rows.
STEPS: tuple[tuple[str, Callable[[DemoContext], None]], ...] = (
    ("organisation", organisation.load),
    ("members", members.load),
    ("accounts", accounts.load),
    ("proposals_2020", proposals_2020.load),
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
