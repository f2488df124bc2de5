"""Start the clock of a demo loaded before committees had clock offsets.

A database that already holds the demo (its committee `demo`, its replay ending on 19 March 2021)
would otherwise stay on the wall clock, years after its term ended, where members cannot draft.
Its clock is set to read the demo's "today" now, as `xieshang demo` does at the end of a load.
A fresh database has no demo committee yet: nothing to do.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import migrations
from django.utils import timezone

TODAY = datetime(2021, 3, 19, 17, 40, tzinfo=ZoneInfo("Asia/Shanghai"))  # session_2021.TODAY


def start_clock(apps, schema_editor):
    Committee = apps.get_model("core", "Committee")
    Committee.objects.filter(slug="demo", clock_offset__isnull=True).update(
        clock_offset=timezone.now() - TODAY)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_committee_clock_offset")]
    operations = [migrations.RunPython(start_clock, migrations.RunPython.noop)]
