"""The demo's 2020 figure, replayed with the services under `clock.at`: 20+ special-committee
activities (joint research and inspection) with 270 member-participations (人次)."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from xieshang.activities import selectors, services, stats
from xieshang.core import clock
from xieshang.organization.models import Member, Membership

from .story import liaison, other_sc

pytestmark = pytest.mark.django_db


def test_twenty_two_joint_activities_with_270_participations_in_2020(world):
    members = [Member.objects.create(committee=world.committee, code=f"d{i:03d}", name=f"委员D{i}")
               for i in range(15)]
    for m in members:
        Membership.objects.create(committee=world.committee, member=m, term=world.term)
    office = liaison(world)
    types = {t.name: t.pk for t in selectors.activity_types(committee_id=world.committee.pk)}
    plan_day = timezone.make_aware(datetime(2020, 1, 6, 9))
    per_activity = [13] * 10 + [12] * 12  # 130 + 144 = 274 invited
    absent = {0: 2, 1: 2}  # two activities with two absent members each: 270 attended
    for n, invited in enumerate(per_activity):
        start = timezone.make_aware(datetime(2020, 3 + n % 9, 5 + n, 9, 0))
        with clock.at(plan_day + timedelta(days=n)):
            a = services.activity_create(
                actor=office, type_id=types["调研" if n % 2 else "视察"],
                title=f"联合调研视察{n + 1}", start=start, end=start + timedelta(hours=4),
                mode="compulsory", organisers=[
                    {"kind": "special_committee", "id": world.special_committee.pk},
                    {"kind": "special_committee", "id": other_sc(world).pk}])
            services.activity_invite(actor=office, activity_id=a.pk,
                                     member_ids=[m.pk for m in members[:invited]])
            services.activity_publish(actor=office, activity_id=a.pk)
        with clock.at(start + timedelta(minutes=5)):
            for m in members[:invited - absent.get(n, 0)]:
                services.attendance_record(actor=office, activity_id=a.pk, member_id=m.pk)
    with clock.at(timezone.make_aware(datetime(2020, 12, 31, 18))):
        s = stats.activity_stats(world.committee.pk, year=2020)
    assert s["count"] == 22
    assert s["participations"] == 270
    assert s["by_organiser_kind"]["special_committee"] == {"count": 22, "participations": 270}
    assert s["absence"] == 4
