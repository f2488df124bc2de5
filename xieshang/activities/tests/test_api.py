"""Activities, leave, plans, speeches and reports through the API, under the same rules."""

from datetime import timedelta

import pytest

from xieshang.activities import selectors
from xieshang.core import clock
from xieshang.core.testing import PASSWORD

from .story import liaison, sc_liaison, type_id

pytestmark = pytest.mark.django_db
BASE = "/api/v1/activities"


def token(client, user):
    r = client.post("/api/v1/auth/token", {"username": user.username, "password": PASSWORD},
                    content_type="application/json")
    assert r.status_code == 200, r.content
    return {"Authorization": f"Bearer {r.json()['token']}"}


def post(client, url, body, headers):
    return client.post(url, body, content_type="application/json", headers=headers)


def test_activity_attendance_and_leave_through_the_api(world, client):
    staff = token(client, sc_liaison(world))
    m0, m1 = token(client, world.member_users[0]), token(client, world.member_users[1])
    outsider = token(client, world.member_users[5])
    start = clock.now() + timedelta(minutes=10)
    r = post(client, f"{BASE}/activities", {
        "type_id": type_id(world), "title": "生态环境专题视察", "mode": "compulsory",
        "start": start.isoformat(), "end": (start + timedelta(hours=2)).isoformat(),
        "organisers": [{"kind": "special_committee", "id": world.special_committee.pk}]},
        staff)
    assert r.status_code == 201, r.content
    aid, code = r.json()["id"], r.json()["code"]
    r = post(client, f"{BASE}/activities/{aid}/publish", {}, staff)
    assert r.status_code == 400 and "先邀请" in r.json()["error"]["message"]
    r = post(client, f"{BASE}/activities/{aid}/invite",
             {"member_ids": [world.members[0].pk, world.members[1].pk]}, staff)
    assert r.json() == {"added": 2}
    assert post(client, f"{BASE}/activities/{aid}/publish", {}, staff).status_code == 200
    assert client.get(f"{BASE}/activities/{aid}", headers=m0).json()["code"] is None

    r = post(client, f"{BASE}/activities/{aid}/sign-in", {"code": code}, m0)
    assert r.status_code == 201, r.content
    r = post(client, f"{BASE}/activities/{aid}/sign-in", {"code": code}, outsider)
    assert r.status_code == 403 and "参加名单" in r.json()["error"]["message"]
    r = post(client, f"{BASE}/activities/{aid}/leaves", {"reason": "出差"}, m1)
    assert r.status_code == 201, r.content
    lid = r.json()["id"]
    assert post(client, f"{BASE}/leaves/{lid}/decide", {"approve": True}, m0).status_code == 403
    r = post(client, f"{BASE}/leaves/{lid}/decide", {"approve": True, "note": "同意"}, staff)
    assert r.json()["status"] == "approved"

    sheet = client.get(f"{BASE}/activities/{aid}/sheet", headers=staff).json()
    assert sheet["totals"]["attended"] == 1 and sheet["totals"]["on_leave"] == 1
    assert client.get(f"{BASE}/activities/{aid}/sheet", headers=m0).status_code == 403
    mine = client.get(f"{BASE}/my-attendance", headers=m0).json()
    assert [row["state"] for row in mine] == ["attended"]
    events = client.get(f"{BASE}/activities/{aid}/events", headers=staff).json()
    assert [e["action"] for e in events][:3] == ["create", "invite", "publish"]


def test_sign_in_outside_the_window_is_refused_in_chinese(world, client):
    staff = token(client, sc_liaison(world))
    start = clock.now() + timedelta(hours=3)
    r = post(client, f"{BASE}/activities", {
        "type_id": type_id(world), "title": "专委会会议", "mode": "compulsory",
        "start": start.isoformat(), "end": (start + timedelta(hours=1)).isoformat(),
        "organisers": [{"kind": "special_committee", "id": world.special_committee.pk}]},
        staff)
    aid, code = r.json()["id"], r.json()["code"]
    post(client, f"{BASE}/activities/{aid}/invite", {"member_ids": [world.members[0].pk]}, staff)
    post(client, f"{BASE}/activities/{aid}/publish", {}, staff)
    r = post(client, f"{BASE}/activities/{aid}/sign-in", {"code": code},
             token(client, world.member_users[0]))
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "signin_not_open"
    assert "签到尚未开始" in r.json()["error"]["message"]


def test_plan_topics_outputs_and_stats_through_the_api(world, client):
    office = token(client, liaison(world))
    r = post(client, f"{BASE}/plans", {"year": 2020}, office)
    assert r.status_code == 201, r.content
    pid = r.json()["id"]
    r = post(client, f"{BASE}/plans/{pid}/topics", {
        "title": "加快发展数字经济", "form": "standing", "planned_month": 6,
        "host_party_id": world.party.pk, "unit_id": world.units[0].pk}, office)
    assert r.status_code == 201 and r.json()["host"] == "民盟"
    tid = r.json()["id"]
    r = post(client, f"{BASE}/plans/{pid}/adopt", {"meeting": "五届常委会第九次会议",
                                                  "meeting_date": "2020-01-10",
                                                  "text": "通过2020年度协商计划"}, office)
    assert r.json()["status"] == "adopted"
    assert post(client, f"{BASE}/topics/{tid}/transition", {"name": "hold"},
                office).json()["status"] == "held"
    r = post(client, f"{BASE}/topics/{tid}/outputs", {"kind": "recommendation",
                                                     "title": "关于加快发展数字经济的建议案",
                                                     "reference": "政协建议案〔2020〕1号"},
             office)
    oid = r.json()["id"]
    r = post(client, f"{BASE}/outputs/{oid}/adopt", {"adopted_by": "市政府",
                                                    "adopted_on": "2020-08-01"}, office)
    assert r.json()["adopted_by"] == "市政府"
    assert client.get(f"{BASE}/plans", headers=office).json()[0]["topic_count"] == 1
    s = client.get(f"{BASE}/stats?year=2020", headers=office).json()
    assert s["consultation_topics"] == {"planned": 1, "held": 1, "cancelled": 0}
    member = token(client, world.member_users[0])
    assert client.get(f"{BASE}/stats?year=2020", headers=member).status_code == 403


def test_speech_to_opinion_hook(world, client):
    member, office = token(client, world.member_users[0]), token(client, liaison(world))
    r = post(client, f"{BASE}/speeches", {"session_id": world.session.pk, "title": "关于养老服务",
                                          "body": "发言正文", "mode": "oral"}, member)
    sid = r.json()["id"]
    assert post(client, f"{BASE}/speeches/{sid}/decide", {"name": "reject"},
                office).json()["status"] == "not_selected"
    assert post(client, f"{BASE}/speeches/{sid}/decide", {"name": "to_opinion"},
                office).json()["status"] == "to_opinion"
    pending = selectors.speeches_for_opinions(committee_id=world.committee.pk)
    assert [s.pk for s in pending] == [sid]
    from xieshang.activities import services

    services.speech_opinion_link(actor=None, speech_id=sid, opinion_id=42)
    assert not selectors.speeches_for_opinions(committee_id=world.committee.pk).exists()


def test_report_adoption_conversion_and_instruction(world, client):
    staff = token(client, sc_liaison(world))
    r = post(client, f"{BASE}/reports", {"title": "关于农村养老的调研报告", "body": "正文",
                                         "author_ids": [world.members[0].pk],
                                         "group_member_ids": [world.members[1].pk]}, staff)
    assert r.status_code == 201, r.content
    rid = r.json()["id"]
    post(client, f"{BASE}/reports/{rid}/adopt", {"adopted_by": "市委办公室",
                                                 "adopted_on": "2020-06-01"}, staff)
    post(client, f"{BASE}/reports/{rid}/instructions", {"leader_name": "张书记", "level": "city",
                                                        "given_on": "2020-06-05",
                                                        "text": "请市民政局研究落实"}, staff)
    r = post(client, f"{BASE}/reports/{rid}/convert", {"converted_on": "2020-09-01",
                                                       "note": "出台《农村养老服务实施方案》"},
             staff)
    body = r.json()
    assert body["status"] == "converted" and body["instructions"][0]["leader_name"] == "张书记"


def test_groups_through_the_api(world, client):
    staff = token(client, sc_liaison(world))
    r = post(client, f"{BASE}/groups", {"name": "营商环境民主监督小组", "topic": "优化营商环境",
                                        "year": 2020, "unit_id": world.units[0].pk,
                                        "leader_id": world.members[0].pk,
                                        "member_ids": [world.members[1].pk]}, staff)
    assert r.status_code == 201 and sorted(r.json()["member_ids"]) == sorted(
        [world.members[0].pk, world.members[1].pk])
    gid = r.json()["id"]
    r = post(client, f"{BASE}/groups/{gid}/notes", {"kind": "finding", "noted_on": "2020-04-01",
                                                    "text": "审批环节仍偏多"}, staff)
    assert r.status_code == 201
