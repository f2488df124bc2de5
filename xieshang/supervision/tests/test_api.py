"""Key and excellent proposals through the API, under the same rules as the web pages."""

from datetime import timedelta

from xieshang.core import clock
from xieshang.core.testing import PASSWORD

from .story import MEETING, accepted, key_in


def token(client, user):
    r = client.post("/api/v1/auth/token", {"username": user.username, "password": PASSWORD},
                    content_type="application/json")
    assert r.status_code == 200, r.content
    return {"Authorization": f"Bearer {r.json()['token']}"}


def post(client, url, body, headers):
    return client.post(url, body, content_type="application/json", headers=headers)


BASE = "/api/v1/supervision"


def test_key_proposal_through_the_api(world, client):
    staff, chief = token(client, world.staff), token(client, world.chief)
    leader, member = token(client, world.leader), token(client, world.member_users[0])
    main, related = accepted(world, 1), accepted(world, 2)

    found = client.get(f"{BASE}/accepted-proposals?q={main.official_number}", headers=staff)
    assert [p["id"] for p in found.json()] == [main.pk]
    r = post(client, f"{BASE}/key-proposals", {"proposal_id": main.pk, "reason": "群众关切",
                                               "related_proposal_ids": [related.pk]}, staff)
    assert r.status_code == 201, r.content
    body = r.json()
    kid = body["id"]
    assert (body["status"], body["title"], [p["id"] for p in body["related"]]) == (
        "candidate", main.title, [related.pk])
    r = post(client, f"{BASE}/key-proposals", {"proposal_id": main.pk, "reason": "再次"}, staff)
    assert r.status_code == 409 and r.json()["error"]["code"] == "conflict"

    r = post(client, f"{BASE}/key-proposals/{kid}/leaders",
             {"kind": "cppcc", "title": "市政协副主席", "user_id": world.leader.pk,
              "is_lead": True}, staff)
    assert r.status_code == 201 and r.json()["name"] == world.leader.full_name
    assert client.get(f"{BASE}/key-proposals/{kid}", headers=member).status_code == 404

    meeting = {"approve": True, "meeting": MEETING,
               "meeting_date": (clock.today() - timedelta(days=2)).isoformat(),
               "text": "同意列为重点提案。"}
    r = post(client, f"{BASE}/key-proposals/{kid}/decide", meeting, leader)
    assert r.status_code == 403 and "无权" in r.json()["error"]["message"]
    r = post(client, f"{BASE}/key-proposals/{kid}/decide", meeting, chief)
    assert r.json()["status"] == "approved" and r.json()["decision"]["meeting"] == MEETING
    r = post(client, f"{BASE}/key-proposals/{kid}/decide", meeting, chief)
    assert r.status_code == 409

    r = post(client, f"{BASE}/key-proposals/{kid}/activities",
             {"kind": "research", "held_on": clock.today().isoformat(), "notes": "专题调研"},
             leader)
    assert r.status_code == 201 and r.json()["kind_label"] == "专题调研"
    r = post(client, f"{BASE}/key-proposals/{kid}/instructions",
             {"given_on": clock.today().isoformat(), "text": "抓紧办理"}, leader)
    assert r.status_code == 201 and r.json()["by_leader_user"] is True
    r = post(client, f"{BASE}/key-proposals/{kid}/instructions",
             {"given_on": clock.today().isoformat(), "text": "x"}, staff)
    assert r.status_code == 400 and r.json()["error"]["field"] == "leader_name"

    progress = client.get(f"{BASE}/key-proposals/{kid}", headers=member).json()
    assert len(progress["activities"]) == 1 and len(progress["instructions"]) == 1
    assert [e["action"] for e in progress["events"]] == [
        "propose", "leader_add", "approve", "activity", "instruction"]
    listing = client.get(f"{BASE}/key-proposals?status=approved", headers=member).json()
    assert listing["count"] == 1 and listing["items"][0]["activity_count"] == 1

    r = post(client, f"{BASE}/key-proposals/{kid}/complete", {"summary": "已办结"}, staff)
    assert r.json()["status"] == "completed"
    figures = client.get(f"{BASE}/stats?year={clock.today().year}", headers=staff).json()
    assert figures["key_proposals"] == 1 and figures["with_instructions"] == 1
    assert client.get(f"{BASE}/stats?year=2024", headers=member).status_code == 403


def test_batch_decisions_and_excellent_proposals_through_the_api(world, client):
    staff = token(client, world.staff)
    kps = [key_in(world, "candidate", proposal=accepted(world, i)) for i in range(2)]
    meeting = {"approve": False, "meeting": MEETING, "meeting_date": clock.today().isoformat(),
               "text": "暂不列入。"}
    r = post(client, f"{BASE}/key-proposals/decisions",
             {**meeting, "key_proposal_ids": [k.pk for k in kps]}, staff)
    assert r.status_code == 200, r.content
    assert {k["status"] for k in r.json()} == {"rejected"}

    p = accepted(world, 9)
    r = post(client, f"{BASE}/excellent", {"proposal_id": p.pk, "reason": "建议具体"}, staff)
    assert r.status_code == 201
    eid = r.json()["id"]
    r = post(client, f"{BASE}/excellent/{eid}/decide", {**meeting, "approve": True}, staff)
    assert r.json()["status"] == "approved"
    assert client.get(f"{BASE}/excellent?status=approved", headers=staff).json()["count"] == 1


def test_bad_input_gets_a_chinese_error_in_the_shared_shape(world, client):
    staff = token(client, world.staff)
    kp = key_in(world, "approved")
    cases = [
        (f"{BASE}/key-proposals", {"proposal_id": 999999, "reason": "理由"}, 400),
        (f"{BASE}/key-proposals", {"proposal_id": kp.proposal_id}, 422),
        (f"{BASE}/key-proposals/{kp.pk}/activities",
         {"kind": "party", "held_on": "2024-01-01", "notes": "x"}, 422),
        (f"{BASE}/key-proposals/{kp.pk}/activities",
         {"kind": "forum", "held_on": "2999-01-01", "notes": "x"}, 400),
        (f"{BASE}/key-proposals/{kp.pk}/leaders", {"kind": "cppcc", "title": " "}, 400),
        (f"{BASE}/key-proposals/999999/complete", {"summary": "x"}, 404),
    ]
    for url, body, status in cases:
        r = post(client, url, body, staff)
        assert r.status_code == status, (url, body, r.content)
        error = r.json()["error"]
        assert set(error) == {"code", "message", "field"}
        assert any("\u4e00" <= ch <= "\u9fff" for ch in error["message"])
