"""The organiser records who led an activity and, after the fact, approved leave (补登请假):
both through services, evented, refused to anyone but the organiser staff."""

from datetime import timedelta

import pytest

from xieshang.activities import selectors, services
from xieshang.activities.models import ActivityEvent, LeaveRequest, Participant
from xieshang.core import clock
from xieshang.core.errors import Conflict, PermissionDenied, ValidationError
from xieshang.core.testing import PASSWORD, fresh

from .story import activity, liaison, other_sc, sc_liaison
from .test_api import token

pytestmark = pytest.mark.django_db


def _ended(world, invite):
    start = (clock.now() - timedelta(days=2)).replace(hour=9, minute=0, second=0,
                                                      microsecond=0)
    return activity(world, start=start, invite=invite)


def test_organiser_marks_the_leader_and_the_record_rows_carry_the_role(world):
    m0, m1 = world.members[0], world.members[1]
    a = _ended(world, [m0.pk, m1.pk])
    row = services.participant_role_set(actor=sc_liaison(world), activity_id=a.pk,
                                        member_id=m0.pk, role="leader")
    assert row.role == "leader" and row.get_role_display() == "牵头组织（带队）"
    event = ActivityEvent.objects.get(activity=a, action="role_set")
    assert event.payload == {"member_id": m0.pk, "role_from": "participant",
                             "role_to": "leader"}
    rows = {r["activity_id"]: r for r in selectors.member_attendance(
        committee_id=world.committee.pk, member_id=m0.pk)}
    assert rows[a.pk]["role"] == "leader"
    assert selectors.member_attendance(committee_id=world.committee.pk,
                                       member_id=m1.pk)[0]["role"] == "participant"
    sheet = selectors.attendance_sheet(activity=a)
    assert {r.member.pk: r.role_label for r in sheet.rows}[m0.pk] == "牵头组织（带队）"
    with pytest.raises(Conflict):
        services.participant_role_set(actor=sc_liaison(world), activity_id=a.pk,
                                      member_id=m0.pk, role="leader")


def test_role_is_refused_off_the_list_for_bad_values_and_for_other_staff(world):
    m0 = world.members[0]
    a = _ended(world, [m0.pk])
    with pytest.raises(ValidationError):
        services.participant_role_set(actor=sc_liaison(world), activity_id=a.pk,
                                      member_id=world.members[4].pk, role="leader")
    with pytest.raises(ValidationError):
        services.participant_role_set(actor=sc_liaison(world), activity_id=a.pk,
                                      member_id=m0.pk, role="chief")
    other = liaison(world, "other", special_committee=other_sc(world))
    with pytest.raises(PermissionDenied):
        services.participant_role_set(actor=other, activity_id=a.pk, member_id=m0.pk,
                                      role="leader")
    with pytest.raises(PermissionDenied):
        services.participant_role_set(actor=fresh(world.staff), activity_id=a.pk,
                                      member_id=m0.pk, role="leader")
    assert Participant.objects.get(activity=a, member=m0).role == "participant"
    assert not ActivityEvent.objects.filter(action="role_set").exists()


def test_leave_recorded_late_turns_an_absence_into_approved_leave(world):
    m0, m1 = world.members[0], world.members[1]
    a = _ended(world, [m0.pk, m1.pk])
    assert selectors.attendance_sheet(activity=a).totals["absent"] == 2
    leave = services.leave_record(actor=sc_liaison(world), activity_id=a.pk, member_id=m1.pk,
                                  reason="会前已书面请假，经主任批准。")
    assert leave.status == "approved" and leave.decided_by_id is not None
    sheet = selectors.attendance_sheet(activity=a)
    assert (sheet.totals["absent"], sheet.totals["on_leave"]) == (1, 1)
    event = ActivityEvent.objects.get(activity=a, action="leave_record")
    assert (event.subject, event.subject_id, event.to_status) == ("leave", leave.pk,
                                                                  "approved")
    assert event.payload["member_id"] == m1.pk
    with pytest.raises(Conflict):
        services.leave_record(actor=sc_liaison(world), activity_id=a.pk, member_id=m1.pk,
                              reason="再次补登")


def test_leave_recorded_late_is_refused_when_signed_in_off_the_list_or_not_organiser(world):
    m0, m1 = world.members[0], world.members[1]
    a = _ended(world, [m0.pk, m1.pk])
    services.attendance_record(actor=sc_liaison(world), activity_id=a.pk, member_id=m0.pk)
    with pytest.raises(Conflict):
        services.leave_record(actor=sc_liaison(world), activity_id=a.pk, member_id=m0.pk,
                              reason="误报")
    with pytest.raises(ValidationError):
        services.leave_record(actor=sc_liaison(world), activity_id=a.pk,
                              member_id=world.members[4].pk, reason="不在名单")
    with pytest.raises(ValidationError):
        services.leave_record(actor=sc_liaison(world), activity_id=a.pk, member_id=m1.pk,
                              reason="  ")
    other = liaison(world, "other", special_committee=other_sc(world))
    with pytest.raises(PermissionDenied):
        services.leave_record(actor=other, activity_id=a.pk, member_id=m1.pk, reason="代补")
    assert not LeaveRequest.objects.filter(activity=a).exists()


def test_api_and_sheet_page_set_the_role_and_record_leave(world, client):
    m0, m1 = world.members[0], world.members[1]
    a = _ended(world, [m0.pk, m1.pk])
    auth = token(client, sc_liaison(world))
    r = client.put(f"/api/v1/activities/activities/{a.pk}/participants/{m0.pk}/role",
                   {"role": "leader"}, content_type="application/json", headers=auth)
    assert r.status_code == 200, r.content
    assert r.json()["role_label"] == "牵头组织（带队）"
    r = client.get(f"/api/v1/activities/activities/{a.pk}/sheet", headers=auth)
    assert {x["member_id"]: x["role"] for x in r.json()["rows"]}[m0.pk] == "leader"
    r = client.post(f"/api/v1/activities/activities/{a.pk}/leaves/recorded",
                    {"member_id": m1.pk, "reason": "电话请假已获批准"},
                    content_type="application/json", headers=auth)
    assert r.status_code == 201, r.content
    assert r.json()["status"] == "approved"
    client.login(username=sc_liaison(world).username, password=PASSWORD)
    page = client.get(f"/activities/{a.pk}/sheet/").content.decode()
    assert 'data-role="leader"' in page and "补登请假" not in page.split(m1.name)[1][:400]
    r = client.post(f"/activities/{a.pk}/sheet/",
                    {"action": "role", "member": m0.pk, "role": "participant"}, follow=True)
    assert "的角色设为「参加」" in r.content.decode()
    assert Participant.objects.get(activity=a, member=m0).role == "participant"
