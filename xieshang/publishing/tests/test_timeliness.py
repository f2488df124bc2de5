"""The publication deadline in working days, the queue's overdue order, and the statistics."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from xieshang.core import clock
from xieshang.core.calendar import WorkCalendar
from xieshang.core.testing import fresh
from xieshang.handling.models import HandlingConfig, Reply
from xieshang.publishing import selectors, services
from xieshang.publishing.stats import FIGURES, disclosure_stats

from .helpers import passed_reply, published


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def _passed_on(reply: Reply, day: date) -> Reply:
    Reply.objects.filter(pk=reply.pk).update(passed_at=_at(day))
    reply.refresh_from_db()
    return reply


def test_deadline_counts_working_days_across_the_national_day_holiday(world):
    # Passed on Friday 2024-09-27: Sunday 09-29 and Saturday 10-12 are make-up workdays,
    # 10-01…10-07 are holidays, so 20 working days end on 10-30 (plain weekdays: 10-25).
    on_time = _passed_on(passed_reply(world), date(2024, 9, 27))
    late = _passed_on(passed_reply(world), date(2024, 9, 27))
    with clock.at(_at(date(2024, 10, 29), 16)):
        a = published(world, on_time)
    with clock.at(_at(date(2024, 10, 31), 9)):
        b = published(world, late)
    assert a.due_on == b.due_on == date(2024, 10, 30)
    assert a.events.get().payload["on_time"] is True
    assert b.events.get().payload["on_time"] is False
    figures = disclosure_stats(world.committee.pk, year=2024)
    assert (figures["published"], figures["on_time"], figures["late"]) == (2, 1, 1)
    assert figures["on_time_rate"] == 0.5


def test_the_limit_is_configurable(world):
    HandlingConfig.objects.filter(committee=world.committee).update(publication_limit_days=5)
    reply = _passed_on(passed_reply(world), date(2024, 9, 27))
    with clock.at(_at(date(2024, 10, 10), 17)):  # the due day itself still counts
        p = published(world, reply)
    assert p.due_on == date(2024, 10, 10)  # 09-29, 09-30, 10-08, 10-09, 10-10
    assert p.events.get().payload["on_time"] is True


def test_queue_lists_awaiting_replies_most_overdue_first(world):
    # On a working day: on a Saturday (from 16:00 UTC on a Friday, in Shanghai) a reply due
    # two working days back is only one working day over, as Saturday is not one.
    cal = WorkCalendar.for_committee(world.committee.pk)
    today = clock.today()
    while not cal.is_working_day(today):
        today -= timedelta(days=1)
    with clock.at(_at(today)):
        fresh_reply = passed_reply(world)
        overdue = _passed_on(passed_reply(world), cal.add_working_days(today, -22))
        severe = _passed_on(passed_reply(world), cal.add_working_days(today, -40))
        decided = passed_reply(world)
        published(world, decided)

        items = selectors.decision_queue(user=fresh(world.staff))
        assert [i.reply.pk for i in items] == [severe.pk, overdue.pk, fresh_reply.pk]
        assert [i.urgency.level for i in items] == ["severe", "overdue", "ok"]
        assert items[1].urgency.working_days_left == -2 and items[1].days_over == 2
        assert items[2].due == cal.add_working_days(today, 20)
        assert all(i.consent for i in items)
        assert selectors.decision_queue(user=fresh(world.unit_handler)) == []
        assert len(selectors.decision_queue(user=fresh(world.leader))) == 3


def test_disclosure_stats_follow_their_definitions(world):
    day = date(2024, 3, 1)
    replies = [_passed_on(passed_reply(world), day) for _ in range(5)]
    staff = fresh(world.staff)
    with clock.at(_at(day + timedelta(days=3))):
        published(world, replies[0])
        published(world, replies[1], mode="summary")
        services.publication_decide(actor=staff, reply_id=replies[2].pk, mode="none",
                                    reason="privacy")
        withdrawn = published(world, replies[3])
        services.publication_withdraw(actor=staff, publication_id=withdrawn.pk, reason="有误")
    passed_reply(world)  # passed this year: outside the 2024 cohort

    figures = disclosure_stats(world.committee.pk, year=2024)
    assert {k: figures[k] for k in FIGURES} == {
        "passed": 5, "published": 2, "published_full": 1, "published_summary": 1,
        "not_published": 1, "withdrawn": 1, "awaiting": 1, "awaiting_overdue": 1,
        "on_time": 2, "late": 0, "on_time_rate": 1.0, "publication_rate": 0.4,
    }
    assert figures["not_published_by_reason"] == {"privacy": 1}
    assert figures["passed"] == (figures["published"] + figures["not_published"]
                                 + figures["withdrawn"] + figures["awaiting"])
    by_session = disclosure_stats(world.committee.pk, session_id=world.session.pk)
    assert by_session["passed"] == 6 and by_session["published"] == 2
    empty = disclosure_stats(world.committee.pk, year=2019)
    assert empty["passed"] == 0 and empty["on_time_rate"] == 0.0
