"""The API runs the same services with the same permissions and the shared error shape."""

import re

import pytest

from xieshang.accounts.services import api_token_issue
from xieshang.core import clock
from xieshang.core.testing import fresh
from xieshang.opinions.models import Opinion

from .story import office

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _h(user):
    return {"Authorization": f"Bearer {api_token_issue(user=fresh(user))}"}


def _error(response, status):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"} and CHINESE.search(body["error"]["message"])
    return body["error"]


def test_the_whole_cycle_through_the_api(world, client):
    member, info, signer = _h(world.member_users[0]), _h(office(world)), _h(office(world, 2))
    api = "/api/v1/opinions"
    r = client.post(f"{api}/items", {"title": "关于规范校外培训的建议",
                                     "situation": "收费乱。", "suggestions": "加强监管。",
                                     "co_author_ids": [world.members[1].pk]},
                    content_type="application/json", headers=member)
    assert r.status_code == 201, r.content
    oid = r.json()["id"]
    assert [a["name"] for a in r.json()["authors"]] == ["委员0", "委员1"]
    assert client.post(f"{api}/items/{oid}/submit", headers=member).json()["status"] == \
        "submitted"
    _error(client.post(f"{api}/items/{oid}/check", {"outcome": "use"},
                       content_type="application/json", headers=member), 403)
    r = client.post(f"{api}/items/{oid}/check", {"outcome": "use"},
                    content_type="application/json", headers=info)
    assert r.json()["status"] == "used"
    r = client.post(f"{api}/items/{oid}/edit", {"title": "关于规范校外培训收费的建议",
                                                "text": "编辑稿"},
                    content_type="application/json", headers=info)
    assert r.json()["versions"][0]["text"] == "编辑稿" and r.json()["situation"] == "收费乱。"
    issue = client.post(f"{api}/issues", {}, content_type="application/json",
                        headers=info).json()
    r = client.post(f"{api}/issues/{issue['id']}/entries", {"opinion_ids": [oid]},
                    content_type="application/json", headers=info)
    assert r.status_code == 201 and r.json()["entries"][0]["title"] == "关于规范校外培训收费的建议"
    entry_id = r.json()["entries"][0]["id"]
    client.put(f"{api}/issues/{issue['id']}/recipients",
               {"recipients": [{"kind": "upper_cppcc", "name": "省政协办公厅"}]},
               content_type="application/json", headers=info)
    client.post(f"{api}/issues/{issue['id']}/approve", headers=info)
    _error(client.post(f"{api}/issues/{issue['id']}/sign", headers=info), 403)
    client.post(f"{api}/issues/{issue['id']}/sign", headers=signer)
    r = client.post(f"{api}/issues/{issue['id']}/send", headers=info)
    assert r.json()["status"] == "sent"
    r = client.post(f"{api}/entries/{entry_id}/adoptions",
                    {"level": "province", "kind": "single",
                     "adopted_on": clock.today().isoformat(), "body": "省政协"},
                    content_type="application/json", headers=info)
    assert r.status_code == 201
    r = client.post(f"{api}/entries/{entry_id}/instructions",
                    {"level": "city", "leader_name": "李市长", "text": "请教育局研究。",
                     "given_on": clock.today().isoformat(), "transfer_to": "市教育局"},
                    content_type="application/json", headers=info)
    assert r.status_code == 201
    seen = client.get(f"{api}/items/{oid}", headers=_h(world.member_users[1])).json()
    assert seen["status"] == "sent"
    assert seen["entry"]["adoptions"][0]["level"] == "province"
    assert seen["entry"]["instructions"][0]["transfer_to"] == "市教育局"
    r = client.get(f"{api}/issues/{issue['id']}/docx", headers=info)
    assert r.status_code == 200 and r.content[:2] == b"PK"
    figures = client.get(f"{api}/stats?year={clock.today().year}", headers=info).json()
    assert figures["adopted"] == 1 and figures["instructions"] == 1
    _error(client.get(f"{api}/stats", headers=member), 403)


def test_errors_have_the_shape_and_a_field(world, client):
    member = _h(world.member_users[0])
    err = _error(client.post("/api/v1/opinions/items", {"title": "随便"},
                             content_type="application/json", headers=member), 400)
    assert err["field"] == "title"
    _error(client.get("/api/v1/opinions/items/999999", headers=member), 404)
    _error(client.post("/api/v1/opinions/issues", {}, content_type="application/json",
                       headers=member), 403)


@pytest.mark.parametrize("kind", ["party", "reporter"])
def test_sources_others_cannot_use_are_refused(world, client, kind):
    r = client.post("/api/v1/opinions/items",
                    {"title": "关于某事的建议", "source_kind": kind,
                     "body_id": world.party.pk, "situation": "情况"},
                    content_type="application/json", headers=_h(world.member_users[0]))
    _error(r, 403)
    assert not Opinion.objects.exists()


def test_body_agent_submits_for_the_party(world, client):
    r = client.post("/api/v1/opinions/items",
                    {"title": "关于某事的建议", "source_kind": "party",
                     "body_id": world.party.pk, "situation": "情况"},
                    content_type="application/json", headers=_h(world.party_agent))
    assert r.status_code == 201 and r.json()["authors"][0]["name"] == "民盟"
