"""Disclosure statistics, each a named figure computed from publication events.

The cohort of a period is the set of replies that passed the committee's review (Reply.passed_at)
in it: a calendar year in the committee's time zone, and/or the replies to proposals of one
session. A reply's disclosure state is its last event among publish, withhold and withdraw; one
without such an event is awaiting a decision. Definitions are in docs/workflows/disclosure.md.
"""

from collections import Counter
from datetime import date, datetime

from django.utils import timezone

from xieshang.core import clock
from xieshang.core.calendar import WorkCalendar
from xieshang.handling.deadlines import config_for
from xieshang.handling.models import Reply
from xieshang.handling.workflow import ReplyStatus

from .deadlines import publication_due
from .models import PublicationEvent
from .workflow import DECISION_ACTIONS

# Each figure's Chinese name, as the decisions page labels it, and its definition.
FIGURES = {
    "passed": ("审核通过的答复", "统计期内审核通过的答复件数（以下各项的基数）"),
    "published": ("已公开", "其中当前处于公开状态的答复件数（最后一次决定为公开）"),
    "published_full": ("全文公开", "已公开件中全文公开的件数"),
    "published_summary": ("摘要公开", "已公开件中摘要公开的件数"),
    "not_published": ("不公开", "最后一次决定为不公开的件数"),
    "withdrawn": ("已撤回", "已撤回公开且未重新决定的件数"),
    "awaiting": ("待决定", "尚未作出公开决定的件数"),
    "awaiting_overdue": ("超期未决定", "尚未决定且已超过公开期限的件数（按今天计算）"),
    "on_time": ("按时公开", "已公开件中，首次公开日期不晚于公开期限的件数"),
    "late": ("超期公开", "已公开件中，首次公开晚于公开期限的件数"),
    "on_time_rate": ("按时公开率", "按时公开件数 ÷ 已公开件数"),
    "publication_rate": ("公开率", "已公开件数 ÷ 审核通过的答复件数"),
}


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)


def _rate(numerator: int, denominator: int) -> float:
    return round(numerator / denominator, 4) if denominator else 0.0


def _passed(committee_id: int):
    """Return the committee's passed proposal replies (opinion cases are never disclosed)."""
    return Reply.objects.filter(committee_id=committee_id, status=ReplyStatus.PASSED,
                                passed_at__isnull=False, assignment__case__proposal__isnull=False)


def cohort(committee_id: int, year: int | None = None,
           session_id: int | None = None) -> dict[int, datetime]:
    """Return {reply id: passed_at} for the replies passed in the year and/or of the session."""
    qs = _passed(committee_id)
    if year is not None:
        start, end = _year_bounds(year)
        qs = qs.filter(passed_at__gte=start, passed_at__lt=end)
    if session_id is not None:
        qs = qs.filter(assignment__case__proposal__session_id=session_id)
    return dict(qs.values_list("id", "passed_at"))


def default_year(committee_id: int, today_year: int) -> int:
    """Return the year whose cohort the decisions page shows first: the latest year, up to this
    one, in which a proposal reply was passed (this year when there is none at all)."""
    latest = _passed(committee_id).order_by("-passed_at").values_list("passed_at",
                                                                        flat=True).first()
    if latest is None:
        return today_year
    return min(today_year, timezone.localtime(latest).year)


def disclosure_stats(committee_id: int, year: int | None = None,
                     session_id: int | None = None) -> dict:
    """Return the disclosure figures of a year and/or a session.

    - `passed`: replies passed in the period (the cohort).
    - `published`: cohort replies whose last decision event is `publish`;
      `published_full` + `published_summary` = `published`, split by that event's mode.
    - `not_published`: last decision event `withhold`; `not_published_by_reason` splits it by
      the event's reason code.
    - `withdrawn`: last decision event `withdraw` (withdrawn and not decided again).
    - `awaiting`: no decision event yet; `awaiting_overdue`: of those, the ones whose deadline
      (passed_at + HandlingConfig.publication_limit_days working days) is before today.
    - `on_time`: published replies whose *first* `publish` event fell on or before the due day
      recorded in that event; `late` = `published` − `on_time`.
    - `on_time_rate` = `on_time` ÷ `published`; `publication_rate` = `published` ÷ `passed`
      (0 when the denominator is 0, rounded to 4 places).

    `passed = published + not_published + withdrawn + awaiting` always holds.
    """
    replies = cohort(committee_id, year, session_id)
    last: dict[int, PublicationEvent] = {}
    first_publish: dict[int, PublicationEvent] = {}
    events = PublicationEvent.objects.filter(
        committee_id=committee_id, reply_id__in=list(replies), action__in=DECISION_ACTIONS,
    ).order_by("at", "id")
    for event in events.iterator(chunk_size=2000):
        last[event.reply_id] = event
        if event.action == "publish":
            first_publish.setdefault(event.reply_id, event)

    states = Counter(e.action for e in last.values())
    modes = Counter(e.payload.get("mode", "") for e in last.values() if e.action == "publish")
    reasons = Counter(e.payload.get("reason", "") for e in last.values()
                      if e.action == "withhold")
    config = config_for(committee_id)
    cal = WorkCalendar.for_committee(committee_id)
    on_time = 0
    for reply_id, event in last.items():
        if event.action != "publish":
            continue
        first = first_publish[reply_id]
        due_text = first.payload.get("due")
        due = (date.fromisoformat(due_text) if due_text else
               publication_due(cal, config.publication_limit_days, replies[reply_id]))
        on_time += timezone.localdate(first.at) <= due
    today = clock.today()
    awaiting = [rid for rid in replies if rid not in last]
    overdue = sum(1 for rid in awaiting
                  if publication_due(cal, config.publication_limit_days, replies[rid]) < today)
    published = states["publish"]
    return {
        "passed": len(replies),
        "published": published,
        "published_full": modes["full"],
        "published_summary": modes["summary"],
        "not_published": states["withhold"],
        "not_published_by_reason": dict(reasons),
        "withdrawn": states["withdraw"],
        "awaiting": len(awaiting),
        "awaiting_overdue": overdue,
        "on_time": on_time,
        "late": published - on_time,
        "on_time_rate": _rate(on_time, published),
        "publication_rate": _rate(published, len(replies)),
        "limit_days": config.publication_limit_days,
    }
