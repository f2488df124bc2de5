"""The intake flow through the API, under the same rules as the web pages."""

from xieshang.core.testing import PASSWORD, draft_kwargs


def token(client, username):
    r = client.post("/api/v1/auth/token", {"username": username, "password": PASSWORD},
                    content_type="application/json")
    assert r.status_code == 200, r.content
    return {"Authorization": f"Bearer {r.json()['token']}"}


def test_joint_proposal_through_the_api(world, client):
    lead = token(client, world.member_users[0].username)
    co = token(client, world.member_users[1].username)
    staff = token(client, world.staff.username)
    body = draft_kwargs(world, proposer_type="joint")
    r = client.post("/api/v1/proposals/", body, content_type="application/json", headers=lead)
    assert r.status_code == 201, r.content
    pid = r.json()["id"]

    r = client.post(f"/api/v1/proposals/{pid}/submit", headers=lead)
    assert r.status_code == 400
    assert r.json()["error"]["message"] == "联名提案须至少有一位联名人确认后才能提交。"

    r = client.post(f"/api/v1/proposals/{pid}/invitations", {"member_id": world.members[1].pk},
                    content_type="application/json", headers=lead)
    invitation = r.json()["id"]
    assert client.get("/api/v1/proposals/invitations", headers=co).json()[0]["id"] == invitation
    assert client.post(f"/api/v1/proposals/invitations/{invitation}/confirm",
                       headers=co).json()["status"] == "confirmed"
    assert client.post(f"/api/v1/proposals/{pid}/submit", headers=lead).json()["status"] == (
        "submitted")

    r = client.post(f"/api/v1/proposals/{pid}/accept", {"category_id": world.categories[0].pk},
                    content_type="application/json", headers=lead)
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    r = client.post(f"/api/v1/proposals/{pid}/accept", {"category_id": world.categories[0].pk},
                    content_type="application/json", headers=staff)
    assert r.json()["official_number"] == "001"
    r = client.post(f"/api/v1/proposals/{pid}/refuse",
                    {"ground_id": world.grounds[0].pk, "explanation": "重复"},
                    content_type="application/json", headers=staff)
    assert r.status_code == 409
    events = client.get(f"/api/v1/proposals/{pid}/events", headers=lead).json()
    assert [e["action"] for e in events][-2:] == ["accept", "number"]


def test_bad_input_gets_a_chinese_error_and_changes_nothing(world, client):
    lead = token(client, world.member_users[0].username)
    r = client.post("/api/v1/proposals/", {"proposer_type": "individual"},
                    content_type="application/json", headers=lead)
    assert r.status_code == 422
    assert "请求参数" in r.json()["error"]["message"]
    r = client.post("/api/v1/proposals/", draft_kwargs(world, title="建议修路"),
                    content_type="application/json", headers=lead)
    assert r.status_code == 400 and r.json()["error"]["field"] == "title"
    assert client.get("/api/v1/proposals/?scope=mine", headers=lead).json()["count"] == 0


def test_api_needs_a_token(client, world):
    r = client.get("/api/v1/proposals/")
    assert r.status_code == 401
    assert r.json()["error"]["message"] == "未登录或令牌无效。"
