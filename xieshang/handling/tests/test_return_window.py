"""A unit is offered 申请退回 only while it may still ask (to the sign-for deadline)."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from xieshang.core import clock

from .flow import accepted, assign


def test_the_return_form_is_offered_up_to_the_sign_for_deadline(world, client):
    a = assign(world, accepted(world)).assignments.get()
    client.force_login(world.unit_handlers[1])  # the default single unit, world.units[1]
    page = client.get(f"/handling/assignments/{a.pk}/").content.decode()
    assert f"申请退回（{a.sign_due:%Y-%m-%d}前）" in page
    after = timezone.make_aware(datetime.combine(a.sign_due + timedelta(days=1), time(9)))
    with clock.at(after):
        page = client.get(f"/handling/assignments/{a.pk}/").content.decode()
    assert "申请退回" not in page
