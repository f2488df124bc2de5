"""A demo loaded before clock offsets existed gets its clock started by a migration."""

import importlib
from datetime import timedelta

from django.apps import apps
from django.utils import timezone

from xieshang.core import clock
from xieshang.core.models import Committee
from xieshang.demo import session_2021

start = importlib.import_module("xieshang.demo.migrations.0001_start_demo_clock")


def test_the_migration_starts_an_old_demos_clock_and_leaves_others_alone(db):
    demo = Committee.objects.create(name="示例市政协", slug="demo", level="city")
    real = Committee.objects.create(name="某市政协", slug="real", level="city")
    start.start_clock(apps, None)
    demo.refresh_from_db()
    real.refresh_from_db()
    assert real.clock_offset is None
    with clock.for_committee(demo):
        local = timezone.localtime(clock.now()).replace(tzinfo=None)
        assert abs(local - session_2021.TODAY) < timedelta(minutes=1)
    # Once set, it is kept: the demo's time goes on from where it was.
    demo.clock_offset = timedelta(days=3)
    demo.save(update_fields=["clock_offset"])
    start.start_clock(apps, None)
    demo.refresh_from_db()
    assert demo.clock_offset == timedelta(days=3)
