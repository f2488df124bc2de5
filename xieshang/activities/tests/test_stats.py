"""Statistics: counts, participations (人次), organiser kinds, leave, absence, topics."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from xieshang.activities import services, stats
from xieshang.core import clock
from xieshang.core.testing import fresh

from .story import activity, liaison, other_sc, sc_liaison

pytestmark = pytest.mark.django_db
MAY = timezone.make_aware(datetime(2020, 5, 10, 9, 0))


def _sign_all(world, a, indexes):
    with clock.at(a.start):
        for i in indexes:
            services.activity_sign_in(actor=fresh(world.member_users[i]), activity_id=a.pk,
                                      code=a.code)


def test_by_organiser_kind_counts_joint_activities_once(world):
    office = liaison(world)
    with clock.at(MAY - timedelta(days=20)):
        joint = activity(world, actor=office, start=MAY, organisers=[
            {"kind": "special_committee", "id": world.special_committee.pk},
            {"kind": "special_committee", "id": other_sc(world).pk},
            {"kind": "party", "id": world.party.pk}])
        solo = activity(world, start=MAY + timedelta(days=7), invite=[m.pk for m in
                                                                         world.members[:5]])
        office_only = activity(world, actor=office, start=MAY + timedelta(days=9),
                               organisers=[{"kind": "general_office"}], type_name="培训")
        lv = services.leave_request(actor=fresh(world.member_users[4]), activity_id=solo.pk,
                                    reason="出差")
        services.leave_decide(actor=sc_liaison(world), leave_id=lv.pk, approve=True)
        activity(world, start=MAY + timedelta(days=12), publish=False)  # a draft: not counted
    _sign_all(world, joint, [0, 1, 2])
    _sign_all(world, solo, [0, 1])
    _sign_all(world, office_only, [2])
    with clock.at(datetime(2020, 12, 31, 12, tzinfo=timezone.get_current_timezone())):
        s = stats.activity_stats(world.committee.pk, year=2020)
    assert s["count"] == 3
    assert s["participations"] == 6
    assert s["by_organiser_kind"]["special_committee"] == {"count": 2, "participations": 5}
    assert s["by_organiser_kind"]["party"] == {"count": 1, "participations": 3}
    assert s["by_organiser_kind"]["general_office"] == {"count": 1, "participations": 1}
    assert s["by_organiser_kind"]["sector"] == {"count": 0, "participations": 0}
    assert s["by_type"]["调研"] == {"count": 2, "participations": 5}
    assert s["by_type"]["培训"] == {"count": 1, "participations": 1}
    assert s["leave"] == 1
    # solo: members 2 and 3 absent (4 on leave); office_only: members 0 and 1 absent.
    assert s["absence"] == 4
    assert s["expected"] == 11
    assert stats.activity_stats(world.committee.pk, year=2019)["count"] == 0


def test_consultation_topics_planned_and_held(world):
    office = liaison(world)
    plan = services.plan_create(actor=office, year=2020)
    ids = [services.topic_create(actor=office, plan_id=plan.pk, title=f"议题{i}", form="thematic",
                                 planned_month=i + 1).pk for i in range(3)]
    services.topic_transition(actor=office, topic_id=ids[0], name="hold")
    services.topic_transition(actor=office, topic_id=ids[1], name="cancel", reason="并入他题")
    s = stats.activity_stats(world.committee.pk, year=2020)
    assert s["consultation_topics"] == {"planned": 2, "held": 1, "cancelled": 1}


def test_session_period_uses_the_session_year(world):
    s = stats.activity_stats(world.committee.pk, session_id=world.session.pk)
    assert s["count"] == 0 and set(s) >= {"count", "participations", "by_type",
                                          "by_organiser_kind", "leave", "absence",
                                          "consultation_topics"}
