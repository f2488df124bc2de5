"""The attendance sheet offers 登记出席 only once it can be recorded; invitations keep to 名额."""

from datetime import timedelta

import pytest

from xieshang.activities import services
from xieshang.activities.models import Participant
from xieshang.core import clock
from xieshang.core.errors import ValidationError
from xieshang.core.testing import fresh

from .story import activity, sc_liaison


def test_the_sheet_says_when_attendance_can_be_recorded(world, client):
    start = clock.now() + timedelta(days=2)
    a = activity(world, start=start)
    client.force_login(sc_liaison(world))
    before = client.get(f"/activities/{a.pk}/sheet/").content.decode()
    assert "登记出席</button>" not in before and "起可登记出席" in before
    with clock.at(start + timedelta(minutes=5)):
        during = client.get(f"/activities/{a.pk}/sheet/").content.decode()
    assert "登记出席</button>" in during and "起可登记出席" not in during


def test_invitations_beyond_the_places_are_refused_and_change_nothing(world):
    a = activity(world, mode="signup", capacity=3, invite=[m.pk for m in world.members[:2]])
    with pytest.raises(ValidationError, match="名额3人，已有2人，本次新增2人将超出名额"):
        services.activity_invite(actor=fresh(sc_liaison(world)), activity_id=a.pk,
                                 member_ids=[m.pk for m in world.members[2:4]])
    assert Participant.objects.filter(activity=a).count() == 2
    services.activity_invite(actor=fresh(sc_liaison(world)), activity_id=a.pk,
                             member_ids=[world.members[2].pk])
    assert Participant.objects.filter(activity=a).count() == 3


def test_lists_count_without_joining_participants_and_come_newest_first(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from xieshang.activities import selectors

    soon = activity(world, start=clock.now() + timedelta(days=2), title="近期调研")
    later = activity(world, start=clock.now() + timedelta(days=9), title="下月调研")
    member = world.member_users[0]
    with CaptureQueriesContext(connection) as ctx:
        rows, _, _ = selectors.my_activities(user=member)
    listing = next(q["sql"] for q in ctx.captured_queries
                   if "invited_count" in q["sql"])
    # Counting through joins multiplied participants by sign-ins (seconds on a plenary).
    assert "activities_participant\" ON" not in listing and "activities_signin\" ON" not in listing
    assert [a.pk for a in rows] == [later.pk, soon.pk]
    assert rows[0].invited_count == 3
    staff = sc_liaison(world)
    assert [a.pk for a in selectors.activity_list(user=staff)] == [later.pk, soon.pk]


def test_my_activities_list_what_is_coming_soonest_first(world, client):
    activity(world, start=clock.now() + timedelta(days=9), title="下月调研")
    activity(world, start=clock.now() + timedelta(days=2), title="近期调研")
    client.force_login(world.member_users[0])
    page = client.get("/activities/mine/").content.decode()
    assert page.index("近期调研") < page.index("下月调研")
