"""Load a committee's holiday and make-up-workday table from CSV (日期,类型,名称)."""

import csv
import io
from datetime import date
from pathlib import Path

from django.db import transaction

from .errors import ValidationError
from .models import CalendarDay, Committee

DEFAULT_FILE = Path(__file__).parent / "data" / "holidays_cn.csv"
KINDS = {"放假": "holiday", "休息": "holiday", "holiday": "holiday",
         "上班": "workday", "调休": "workday", "workday": "workday"}


def parse_calendar_csv(text: str) -> list[tuple[date, str, str]]:
    """Parse rows of 日期,类型,名称; raise one error listing every bad row."""
    rows, errors = [], []
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    for number, row in enumerate(reader, start=1):
        if number == 1 and row and row[0].strip() in ("日期", "date"):
            continue
        if not row or not any(c.strip() for c in row):
            continue
        try:
            day = date.fromisoformat(row[0].strip())
        except (ValueError, IndexError):
            errors.append(f"第{number}行：日期应为 YYYY-MM-DD 格式")
            continue
        kind = KINDS.get(row[1].strip() if len(row) > 1 else "")
        if kind is None:
            errors.append(f"第{number}行：类型应为“放假”或“上班”")
            continue
        rows.append((day, kind, row[2].strip()[:50] if len(row) > 2 else ""))
    days = [r[0] for r in rows]
    if len(set(days)) != len(days):
        errors.append("同一日期出现了多次")
    if errors:
        raise ValidationError("节假日表有误：" + "；".join(errors[:20]))
    return rows


@transaction.atomic
def calendar_import(*, committee: Committee, text: str) -> int:
    """Replace the committee's entries for the years in the file; return the rows loaded."""
    rows = parse_calendar_csv(text)
    years = {d.year for d, _, _ in rows}
    CalendarDay.objects.filter(committee=committee, day__year__in=years).delete()
    CalendarDay.objects.bulk_create(
        CalendarDay(committee=committee, day=d, kind=k, name=n) for d, k, n in rows
    )
    return len(rows)


def calendar_load_defaults(*, committee: Committee) -> int:
    """Load the national holiday arrangements shipped with Xieshang (2020–2025)."""
    return calendar_import(committee=committee, text=DEFAULT_FILE.read_text(encoding="utf-8"))
