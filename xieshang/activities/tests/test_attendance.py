"""Sign-in by code, leave, computed absence and the attendance sheet."""

from datetime import timedelta

import pytest

from xieshang.activities import selectors, services
from xieshang.activities.models import ActivityEvent, SignIn
from xieshang.core import clock
from xieshang.core.errors import Conflict, PermissionDenied, ValidationError
from xieshang.core.testing import fresh
from xieshang.notifications.models import Notification

from .story import activity, liaison, sc_liaison

pytestmark = pytest.mark.django_db


def _sign(world, i, a, code=None):
    return services.activity_sign_in(actor=fresh(world.member_users[i]), activity_id=a.pk,
                                     code=code or a.code)


def test_publishing_notifies_the_invited_members(world):
    a = activity(world)
    assert Notification.objects.filter(kind="activity", title__contains=a.title).count() == 3


def test_code_sign_in_works_inside_the_window_and_writes_an_event(world):
    a = activity(world)
    with clock.at(a.start + timedelta(minutes=5)):
        row = _sign(world, 0, a)
    assert row.method == "code"
    assert ActivityEvent.objects.filter(activity=a, action="sign_in").count() == 1


def test_code_sign_in_opens_thirty_minutes_before_start(world):
    a = activity(world)
    with clock.at(a.start - timedelta(minutes=29)):
        _sign(world, 0, a)
    with clock.at(a.start - timedelta(minutes=31)), pytest.raises(ValidationError) as e:
        _sign(world, 1, a)
    assert "签到尚未开始" in e.value.message


def test_code_sign_in_is_refused_after_the_end(world):
    a = activity(world)
    with clock.at(a.end + timedelta(minutes=1)), pytest.raises(ValidationError) as e:
        _sign(world, 0, a)
    assert "签到已关闭" in e.value.message


def test_wrong_code_is_refused(world):
    a = activity(world)
    with clock.at(a.start), pytest.raises(ValidationError) as e:
        _sign(world, 0, a, code="x" + a.code)
    assert e.value.message == "签到码不正确。"


def test_uninvited_member_of_a_compulsory_activity_cannot_sign_in(world):
    a = activity(world)
    with clock.at(a.start), pytest.raises(PermissionDenied) as e:
        _sign(world, 5, a)
    assert "不在本次活动的参加名单中" in e.value.message


def test_a_member_signs_in_once(world):
    a = activity(world)
    with clock.at(a.start):
        _sign(world, 0, a)
        with pytest.raises(Conflict):
            _sign(world, 0, a)


def test_sign_up_then_sign_in_on_an_open_activity(world):
    a = activity(world, mode="signup", invite=[])
    services.activity_signup(actor=fresh(world.member_users[4]), activity_id=a.pk)
    with clock.at(a.start):
        _sign(world, 4, a)
    sheet = selectors.attendance_sheet(activity=a)
    assert sheet.totals["attended"] == 1


def test_sign_up_respects_capacity_and_deadline(world):
    a = activity(world, mode="signup", invite=[], capacity=1,
                 signup_deadline=clock.now() + timedelta(days=1))
    services.activity_signup(actor=fresh(world.member_users[0]), activity_id=a.pk)
    with pytest.raises(Conflict):
        services.activity_signup(actor=fresh(world.member_users[1]), activity_id=a.pk)
    b = activity(world, mode="signup", invite=[], signup_deadline=clock.now() + timedelta(days=1))
    with clock.at(clock.now() + timedelta(days=2)), pytest.raises(ValidationError):
        services.activity_signup(actor=fresh(world.member_users[1]), activity_id=b.pk)


def test_leave_can_be_asked_only_before_the_start(world):
    a = activity(world)
    with clock.at(a.start - timedelta(minutes=1)):
        services.leave_request(actor=fresh(world.member_users[0]), activity_id=a.pk,
                               reason="出差在外")
    with clock.at(a.start), pytest.raises(ValidationError) as e:
        services.leave_request(actor=fresh(world.member_users[1]), activity_id=a.pk,
                               reason="临时有事")
    assert e.value.message == "请假须在活动开始前提出。"


def test_leave_is_decided_by_the_organiser_staff_by_default(world):
    a = activity(world)
    lv = services.leave_request(actor=fresh(world.member_users[0]), activity_id=a.pk,
                                reason="出差")
    with pytest.raises(PermissionDenied):
        services.leave_decide(actor=fresh(world.member_users[1]), leave_id=lv.pk, approve=True)
    other = liaison(world, "party", party=world.party)
    with pytest.raises(PermissionDenied):
        services.leave_decide(actor=other, leave_id=lv.pk, approve=True)
    services.leave_decide(actor=sc_liaison(world), leave_id=lv.pk, approve=True)
    lv.refresh_from_db()
    assert lv.status == "approved"


def test_leave_approver_can_be_a_configured_role(world):
    services.activity_settings_update(actor=liaison(world), leave_approver="role",
                                      leave_approver_role="leader")
    a = activity(world)
    lv = services.leave_request(actor=fresh(world.member_users[0]), activity_id=a.pk,
                                reason="出差")
    with pytest.raises(PermissionDenied):
        services.leave_decide(actor=sc_liaison(world), leave_id=lv.pk, approve=True)
    services.leave_decide(actor=fresh(world.leader), leave_id=lv.pk, approve=False, note="请安排")
    lv.refresh_from_db()
    assert lv.status == "rejected"


def test_absence_is_computed_only_after_the_end(world):
    a = activity(world)
    lv = services.leave_request(actor=fresh(world.member_users[1]), activity_id=a.pk,
                                reason="出差")
    services.leave_decide(actor=sc_liaison(world), leave_id=lv.pk, approve=True)
    with clock.at(a.start):
        _sign(world, 0, a)
        during = selectors.attendance_sheet(activity=a).totals
    assert (during["attended"], during["on_leave"], during["absent"], during["pending"]) == \
        (1, 1, 0, 1)
    with clock.at(a.end + timedelta(minutes=1)):
        after = selectors.attendance_sheet(activity=a).totals
    assert (after["attended"], after["on_leave"], after["absent"], after["pending"]) == \
        (1, 1, 1, 0)
    assert after["expected"] == 3


def test_staff_record_attendance_and_who_recorded_is_kept(world):
    a = activity(world)
    staff = sc_liaison(world)
    with clock.at(a.start):
        services.attendance_record(actor=staff, activity_id=a.pk, member_id=world.members[2].pk)
    row = SignIn.objects.get(activity=a, member=world.members[2])
    assert (row.method, row.recorded_by_id) == ("staff", staff.pk)


def test_only_the_organising_body_records_attendance(world):
    a = activity(world)
    other = liaison(world, "party", party=world.party)
    with clock.at(a.start):
        with pytest.raises(PermissionDenied):
            services.attendance_record(actor=other, activity_id=a.pk,
                                       member_id=world.members[0].pk)
        services.attendance_record(actor=liaison(world), activity_id=a.pk,
                                   member_id=world.members[0].pk)


def test_liaison_cannot_organise_for_another_body(world):
    with pytest.raises(PermissionDenied):
        activity(world, actor=liaison(world, "party", party=world.party))


def test_invite_by_group_resolves_active_seats(world):
    a = activity(world, invite=[], publish=False)
    added = services.activity_invite(actor=sc_liaison(world), activity_id=a.pk,
                                     party_id=world.party.pk)
    assert added == 4  # members 1, 3, 5 and the party agent
    assert services.activity_invite(actor=sc_liaison(world), activity_id=a.pk,
                                    all_members=True) == 3


def test_member_attendance_rows(world):
    a = activity(world)
    with clock.at(a.start):
        _sign(world, 0, a)
    with clock.at(a.end + timedelta(hours=1)):
        rows0 = selectors.member_attendance(committee_id=world.committee.pk,
                                            member_id=world.members[0].pk)
        rows1 = selectors.member_attendance(committee_id=world.committee.pk,
                                            member_id=world.members[1].pk)
    assert [r["state"] for r in rows0] == ["attended"]
    assert [r["state"] for r in rows1] == ["absent"]
