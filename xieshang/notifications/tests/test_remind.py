"""Reminders: escalate by level, never twice for the same level."""

from datetime import timedelta

from django.core.management import call_command

from xieshang.core import clock
from xieshang.core.testing import fresh
from xieshang.handling import services
from xieshang.handling.tests.flow import accepted, assign
from xieshang.notifications.models import Notification


def _remind() -> str:
    from io import StringIO

    out = StringIO()
    call_command("remind", stdout=out)
    return out.getvalue()


def test_remind_twice_sends_each_reminder_once(world):
    case = assign(world, accepted(world))
    handler = world.unit_handlers[1]
    # The sign-for window is five working days: today it is already "due soon".
    assert "签收1条" in _remind()
    assert Notification.objects.filter(user=handler, kind="remind_sign").count() == 1
    assert "已发送提醒 0 条" in _remind()
    assert Notification.objects.filter(user=handler, kind="remind_sign").count() == 1

    with clock.at(clock.now() + timedelta(days=30)):
        _remind()
        _remind()
    # Thirty days on, the sign-for is severely overdue: one more reminder to the unit, and the
    # escalation reaches the assigning office.
    assert Notification.objects.filter(user=handler, kind="remind_sign").count() == 2
    assert Notification.objects.filter(user=world.office, kind="remind_sign").count() == 1

    services.assignment_sign_for(actor=fresh(handler), assignment_id=case.assignments.get().pk)
    with clock.at(clock.now() + timedelta(days=31)):
        assert "签收" not in _remind()


def test_reply_reminders_start_when_the_deadline_is_near(world):
    case = assign(world, accepted(world))
    a = case.assignments.get()
    services.assignment_sign_for(actor=fresh(world.unit_handlers[1]), assignment_id=a.pk)
    a.refresh_from_db()
    with clock.at(clock.now() + timedelta(days=10)):
        assert "答复" not in _remind()
    near = a.due - timedelta(days=2)
    with clock.at(clock.now().replace(year=near.year, month=near.month, day=near.day)):
        assert "答复1条" in _remind()
        assert "答复" not in _remind()
