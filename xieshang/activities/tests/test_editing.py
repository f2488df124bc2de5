"""Changing a notice, withdrawing an invitation, linking 社情民意 to a topic, the QR code."""

from datetime import timedelta

import pytest

from xieshang.activities import selectors, services
from xieshang.activities.models import ActivityEvent, LeaveRequest, Participant, TopicOpinion
from xieshang.core import clock
from xieshang.core.errors import Conflict, PermissionDenied, ValidationError
from xieshang.core.testing import fresh
from xieshang.notifications.models import Notification
from xieshang.opinions.tests.story import opinion_in

from .story import activity, liaison, sc_liaison

pytestmark = pytest.mark.django_db


def _update(world, a, **changes):
    values = {"title": a.title, "start": a.start, "end": a.end, "place": a.place,
              "description": a.description}
    values.update(changes)
    return services.activity_update(actor=sc_liaison(world), activity_id=a.pk, **values)


def test_update_records_old_and_new_values_and_tells_expected_members(world):
    a = activity(world)
    later = a.start + timedelta(days=1)
    _update(world, a, start=later, end=later + timedelta(hours=2), place="市民中心")
    a.refresh_from_db()
    assert a.start == later and a.place == "市民中心"
    event = ActivityEvent.objects.get(activity=a, action="update")
    assert event.payload["changes"]["place"] == ["市政协三楼会议室", "市民中心"]
    assert set(event.payload["changes"]) == {"start", "end", "place"}
    told = Notification.objects.filter(title__startswith="活动变更", user__member__in=world.members[:3])
    assert told.count() == 3


def test_title_only_change_of_a_draft_notifies_nobody(world):
    a = activity(world, publish=False)
    _update(world, a, title="老旧小区改造专题调研")
    assert not Notification.objects.filter(title__startswith="活动变更").exists()


def test_update_refused_when_nothing_changes_after_start_or_by_others(world):
    a = activity(world)
    with pytest.raises(ValidationError, match="没有修改"):
        _update(world, a)
    with pytest.raises(PermissionDenied):
        services.activity_update(actor=fresh(world.member_users[0]), activity_id=a.pk,
                                 title="x", start=a.start, end=a.end)
    with clock.at(a.start + timedelta(minutes=5)), pytest.raises(Conflict, match="已经开始"):
        _update(world, a, place="别处")
    with pytest.raises(ValidationError, match="以后的时间"):
        _update(world, a, start=clock.now() - timedelta(hours=1), end=a.end)
    a.refresh_from_db()
    assert a.place == "市政协三楼会议室"


def test_uninvite_withdraws_open_leave_and_removes_the_member_from_the_sheet(world):
    a = activity(world)
    member = world.members[1]
    lv = services.leave_request(actor=fresh(world.member_users[1]), activity_id=a.pk,
                                reason="出差")
    with pytest.raises(ValidationError, match="撤回原因"):
        services.activity_uninvite(actor=sc_liaison(world), activity_id=a.pk,
                                   member_id=member.pk)
    services.activity_uninvite(actor=sc_liaison(world), activity_id=a.pk,
                               member_id=member.pk, reason="调整参加人员")
    lv.refresh_from_db()
    assert lv.status == "withdrawn"
    assert not Participant.objects.filter(activity=a, member=member).exists()
    with clock.at(a.end + timedelta(hours=1)):
        rows = {r.member.pk: r.state for r in selectors.attendance_sheet(activity=a).rows}
    assert member.pk not in rows
    assert Notification.objects.filter(user=world.member_users[1],
                                       title__startswith="活动邀请已撤回").exists()
    assert ActivityEvent.objects.filter(activity=a, action="void").count() == 1


def test_uninvite_refused_once_started_or_for_someone_not_listed(world):
    a = activity(world)
    with pytest.raises(ValidationError, match="不在本活动"):
        services.activity_uninvite(actor=sc_liaison(world), activity_id=a.pk,
                                   member_id=world.members[5].pk, reason="调整")
    with clock.at(a.start + timedelta(minutes=1)), pytest.raises(Conflict, match="已经开始"):
        services.activity_uninvite(actor=sc_liaison(world), activity_id=a.pk,
                                   member_id=world.members[0].pk, reason="调整")
    assert Participant.objects.filter(activity=a).count() == 3
    assert not LeaveRequest.objects.filter(activity=a).exists()


def _topic(world):
    office = liaison(world)
    plan = services.plan_create(actor=office, year=clock.today().year)
    return services.topic_create(actor=office, plan_id=plan.pk, title="推进城市更新",
                                 form="thematic", planned_month=5,
                                 host_special_committee_id=world.special_committee.pk)


def test_opinion_linked_to_topic_once_and_only_after_submission(world):
    topic = _topic(world)
    sent = opinion_in(world, "submitted")
    services.topic_opinion_link(actor=sc_liaison(world), topic_id=topic.pk, opinion_id=sent.pk)
    with pytest.raises(Conflict):
        services.topic_opinion_link(actor=sc_liaison(world), topic_id=topic.pk,
                                    opinion_id=sent.pk)
    draft = opinion_in(world, "draft", title="关于农村供水的建议")
    with pytest.raises(ValidationError, match="尚未报送"):
        services.topic_opinion_link(actor=sc_liaison(world), topic_id=topic.pk,
                                    opinion_id=draft.pk)
    with pytest.raises(PermissionDenied):
        services.topic_opinion_link(actor=fresh(world.member_users[0]), topic_id=topic.pk,
                                    opinion_id=sent.pk)
    assert [link.opinion_id for link in TopicOpinion.objects.filter(topic=topic)] == [sent.pk]
    assert ActivityEvent.objects.filter(action="link_opinion").count() == 1


def test_opinion_of_another_committee_cannot_be_linked(world, other_world):
    topic = _topic(world)
    foreign = opinion_in(other_world, "submitted")
    with pytest.raises(ValidationError, match="不存在"):
        services.topic_opinion_link(actor=sc_liaison(world), topic_id=topic.pk,
                                    opinion_id=foreign.pk)


def test_code_page_shows_a_qr_code_of_the_sign_in_link(world, client):
    a = activity(world)
    client.force_login(sc_liaison(world))
    page = client.get(f"/activities/{a.pk}/code/").content.decode()
    assert '<svg' in page and "签到二维码" in page and f"code={a.code}" in page


def test_edit_form_and_withdraw_button_work_from_the_pages(world, client):
    a = activity(world)
    client.force_login(sc_liaison(world))
    start = (a.start + timedelta(days=2)).astimezone(clock.now().tzinfo)
    end = start + timedelta(hours=2)
    client.post(f"/activities/{a.pk}/do/update/", {
        "title": a.title, "start": start.strftime("%Y-%m-%dT%H:%M"),
        "end": end.strftime("%Y-%m-%dT%H:%M"), "place": "市民中心", "description": ""})
    a.refresh_from_db()
    assert a.place == "市民中心"
    sheet = client.get(f"/activities/{a.pk}/sheet/").content.decode()
    assert "撤回邀请" in sheet
    client.post(f"/activities/{a.pk}/do/uninvite/", {"member": world.members[2].pk,
                                                     "reason": "另有安排"})
    assert not Participant.objects.filter(activity=a, member=world.members[2]).exists()


def test_api_updates_and_withdraws_with_chinese_errors(world, client):
    from xieshang.accounts.services import api_token_issue

    a = activity(world)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_issue(user=sc_liaison(world))}"}
    body = {"title": "改名后的调研", "start": a.start.isoformat(), "end": a.end.isoformat(),
            "place": a.place}
    r = client.put(f"/api/v1/activities/activities/{a.pk}", body, content_type="application/json", **auth)
    assert r.status_code == 200 and r.json()["title"] == "改名后的调研"
    r = client.post(f"/api/v1/activities/activities/{a.pk}/participants/{world.members[0].pk}/withdraw",
                    {"reason": ""}, content_type="application/json", **auth)
    assert r.status_code == 400 and "撤回原因" in r.json()["error"]["message"]
    r = client.post(f"/api/v1/activities/activities/{a.pk}/participants/{world.members[0].pk}/withdraw",
                    {"reason": "调整"}, content_type="application/json", **auth)
    assert r.status_code == 200


def test_speech_and_report_pages_show_text_and_history_to_who_may_see_them(world, client):
    speech = services.speech_submit(actor=fresh(world.member_users[0]),
                                    session_id=world.session.pk, title="关于数字经济的发言",
                                    body="一是加快数据要素市场建设。")
    report = services.report_submit(actor=sc_liaison(world), title="关于城市更新的调研报告",
                                    body="调研发现三个问题。", author_ids=[world.members[0].pk])
    client.force_login(fresh(world.member_users[0]))
    page = client.get(f"/activities/speeches/{speech.pk}/").content.decode()
    assert "加快数据要素市场建设" in page and "提交" in page
    assert "→ 已提交" in page and "→ submitted" not in page  # states shown in Chinese
    page = client.get(f"/activities/reports/{report.pk}/").content.decode()
    assert "调研发现三个问题" in page and world.members[0].name in page
    client.force_login(fresh(world.member_users[1]))
    assert client.get(f"/activities/speeches/{speech.pk}/").status_code == 404


def test_detail_pages_of_another_committee_are_not_found(world, other_world, client):
    speech = services.speech_submit(actor=fresh(other_world.member_users[0]),
                                    session_id=other_world.session.pk, title="发言",
                                    body="正文")
    client.force_login(liaison(world))
    assert client.get(f"/activities/speeches/{speech.pk}/").status_code == 404
    assert client.get("/activities/reports/999999/").status_code == 404
