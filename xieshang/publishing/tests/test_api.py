"""The disclosure API: staff operations with a token, public reads without one."""

import re

import pytest

from xieshang.accounts.services import api_token_issue
from xieshang.core.testing import fresh
from xieshang.organization.models import Member

from .helpers import CONTACT_PHONE, MOBILE, SECRET_BODY, passed_reply, published

CHINESE = re.compile(r"[\u4e00-\u9fff]")
BASE = "/api/v1/publishing"


@pytest.fixture
def staff_headers(world):
    return {"Authorization": f"Bearer {api_token_issue(user=fresh(world.staff))}"}


def _error(response, status):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"} and CHINESE.search(body["error"]["message"])
    return body["error"]


def test_queue_preview_decide_and_withdraw(world, client, staff_headers):
    Member.objects.filter(pk=world.members[0].pk).update(mobile=MOBILE)
    reply = passed_reply(world, body=SECRET_BODY, contact_phone=CONTACT_PHONE)
    queue = client.get(f"{BASE}/queue", headers=staff_headers).json()
    assert [i["reply_id"] for i in queue] == [reply.pk]
    assert queue[0]["urgency"] == "ok" and queue[0]["consent"] is True

    preview = client.post(f"{BASE}/replies/{reply.pk}/preview", {},
                          content_type="application/json", headers=staff_headers).json()
    assert "2223344" not in preview["reply"] and "[已隐去]" in preview["reply"]
    assert sum(preview["redacted"].values()) >= 2 and preview["status"] == "awaiting"

    decided = client.post(f"{BASE}/replies/{reply.pk}/decide",
                          {"mode": "summary", "summary": "已安排专项资金，年内完成改造任务。"},
                          content_type="application/json", headers=staff_headers)
    assert decided.status_code == 200, decided.content
    body = decided.json()
    assert (body["status"], body["mode"], body["on_time"]) == ("published", "summary", True)

    listing = client.get(f"{BASE}/publications?status=published", headers=staff_headers).json()
    assert listing["count"] == 1
    events = client.get(f"{BASE}/publications/{body['id']}/events",
                        headers=staff_headers).json()
    assert [e["action"] for e in events] == ["publish"]

    _error(client.post(f"{BASE}/publications/{body['id']}/withdraw", {"reason": ""},
                       content_type="application/json", headers=staff_headers), 400)
    withdrawn = client.post(f"{BASE}/publications/{body['id']}/withdraw",
                            {"reason": "摘要需要补充"}, content_type="application/json",
                            headers=staff_headers).json()
    assert withdrawn["status"] == "withdrawn" and withdrawn["withdraw_reason"] == "摘要需要补充"
    stats = client.get(f"{BASE}/stats?year={reply.passed_at.year}", headers=staff_headers).json()
    assert stats["withdrawn"] == 1 and stats["published"] == 0


def test_errors_have_the_shared_shape_in_chinese(world, client, staff_headers):
    no_consent = passed_reply(world, consent_publication=False)
    err = _error(client.post(f"{BASE}/replies/{no_consent.pk}/decide", {"mode": "full"},
                             content_type="application/json", headers=staff_headers), 400)
    assert err["field"] == "mode" and "不同意公开" in err["message"]
    _error(client.post(f"{BASE}/replies/{no_consent.pk}/decide", {"mode": "publish"},
                       content_type="application/json", headers=staff_headers), 422)
    client.post(f"{BASE}/replies/{no_consent.pk}/decide",
                {"mode": "none", "reason": "no_consent"}, content_type="application/json",
                headers=staff_headers)
    _error(client.post(f"{BASE}/replies/{no_consent.pk}/decide",
                       {"mode": "none", "reason": "no_consent"},
                       content_type="application/json", headers=staff_headers), 409)
    _error(client.get(f"{BASE}/queue"), 401)
    _error(client.get(f"{BASE}/stats", headers=staff_headers), 400)
    unit = {"Authorization": f"Bearer {api_token_issue(user=fresh(world.unit_handler))}"}
    _error(client.get(f"{BASE}/queue", headers=unit), 403)
    _error(client.get(f"{BASE}/public/nowhere/proposals"), 404)


def test_public_endpoints_need_no_token_and_hide_contact_data(world, client):
    Member.objects.filter(pk=world.members[0].pk).update(mobile=MOBILE)
    reply = passed_reply(world, reasons=f"请联系{MOBILE}。", body=SECRET_BODY,
                         contact_phone=CONTACT_PHONE)
    p = published(world, reply)
    slug = world.committee.slug
    committees = client.get(f"{BASE}/public/committees").json()
    assert {"slug": slug, "name": world.committee.name, "published": 1} in committees
    listing = client.get(f"{BASE}/public/{slug}/proposals?q=老旧小区").json()
    assert listing["count"] == 1
    item = listing["items"][0]
    assert item["units"] == [world.units[1].name] and item["proposers"] == "委员0"
    detail = client.get(f"{BASE}/public/{slug}/proposals/{p.proposal_id}")
    assert detail.status_code == 200
    text = detail.content.decode()
    assert MOBILE not in text and "2223344" not in text
    data = detail.json()
    assert data["replies"][0]["result_class"] == "A"
    assert data["replies"][0]["mode"] == "full" and "3000万元" in data["replies"][0]["text"]
    _error(client.get(f"{BASE}/public/{slug}/proposals/999999"), 404)
