"""API for reply checks: the unit's 答复自查 on a draft, and a saved reply's check for its reviewer
(with the same unit's earlier promises) and its unit."""

import pytest

from xieshang.accounts.services import api_token_issue
from xieshang.core.testing import fresh
from xieshang.handling import replies, reply_checks, services

from .flow import result_class
from .test_earlier_replies import handled_by, promise_and_reply_under_review
from .test_reply_self_check import FULL_REPLY, SUGGESTIONS
from .test_routing import PARTIAL_REPLY

pytestmark = pytest.mark.usefixtures("fresh_similarity")


def _bearer(user) -> dict:
    return {"Authorization": f"Bearer {api_token_issue(user=fresh(user))}"}


def test_the_unit_checks_a_draft_reply_through_the_api(world, client):
    a = handled_by(world, {"suggestions": SUGGESTIONS}, unit=1, owner=0)
    services.assignment_sign_for(actor=fresh(world.unit_handlers[1]), assignment_id=a.pk)
    unit = _bearer(world.unit_handlers[1])
    url = f"/api/v1/handling/reply-checks/assignments/{a.pk}"
    body = client.post(url, {"body": PARTIAL_REPLY, "result_class_id": result_class(world, "B").pk},
                       content_type="application/json", headers=unit).json()
    assert body["reply_id"] is None and body["assignment_id"] == a.pk
    assert [p["addressed"] for p in body["points"]] == [True, True, False]
    assert body["addressed"] == 2 and not body["complete"]
    assert "未回应第3点建议" in body["problems"] and "缺少签发领导" in body["problems"]
    contact = next(f for f in body["formal"] if f["label"] == "联系人")
    assert (contact["value"], contact["source"], contact["present"]) == ("王科长", "正文", True)
    full = {"body": FULL_REPLY, "result_class_id": result_class(world, "A").pk,
            "signer": "李局长", "contact_person": "王科长", "contact_phone": "0558-1234567"}
    body = client.post(url, full, content_type="application/json", headers=unit).json()
    assert body["complete"] and body["problems"] == [] and body["earlier_promises"] == []
    assert not a.replies.exists()  # nothing is saved
    # Bad input gets a clear error; nobody outside the unit may ask.
    wrong = client.post(url, {**full, "result_class_id": 999999}, content_type="application/json",
                        headers=unit)
    assert wrong.status_code == 400 and wrong.json()["error"]["message"] == "办理结果类别不存在。"
    # the draft may be as long as a saved reply (replies.BODY_LIMIT), not longer
    assert client.post(url, {"body": "答" * (replies.BODY_LIMIT + 1)}, content_type="application/json",
                       headers=unit).status_code == 422
    for user in (world.unit_handlers[0], world.member_users[0], world.staff):
        r = client.post(url, full, content_type="application/json", headers=_bearer(user))
        assert r.status_code == 404, user


def test_a_saved_replys_check_and_the_units_earlier_promise(world, client):
    planned, _, reply = promise_and_reply_under_review(world)
    now = reply.assignment
    url = f"/api/v1/handling/reply-checks/replies/{reply.pk}"

    body = client.get(url, headers=_bearer(world.staff)).json()
    assert body["reply_id"] == reply.pk and body["assignment_id"] == now.pk
    expected = reply_checks.check_of(reply)
    assert body["points"] == expected.points and body["problems"] == expected.problems
    assert [p["marker"] for p in body["points"]] == ["一是", "二是"]
    date = next(f for f in body["formal"] if f["label"] == "答复日期")
    assert date["source"] in ("正文", "签发时间") and date["present"]
    [promise] = body["earlier_promises"]
    assert promise["assignment_id"] == planned.pk and promise["result_class"] == "B"
    assert promise["score"] >= 0.6
    # The unit sees the check but not the reviewer's question; others get 404.
    body = client.get(url, headers=_bearer(world.unit_leaders[1])).json()
    assert body["points"] == expected.points and body["earlier_promises"] == []
    for user in (world.unit_handlers[0], world.member_users[3], world.office):
        r = client.get(url, headers=_bearer(user))
        assert r.status_code == 404 and r.json()["error"]["message"] == "答复不存在。", user
