"""API for reply checks: the unit's 答复自查 on a draft, and a saved reply's check for its reviewer
(with the same unit's earlier promises) and its unit."""

from datetime import timedelta

import pytest

from xieshang.accounts.services import api_token_issue
from xieshang.core.testing import fresh
from xieshang.handling import replies, reply_checks, services
from xieshang.handling.models import Reply
from xieshang.proposals.tests.test_duplicate_groups import REWORDED
from xieshang.proposals.tests.test_similar import ORIGINAL

from .flow import REPLY_TEXT, accepted, assign, reply_through, result_class
from .test_reply_self_check import FULL_REPLY, SUGGESTIONS
from .test_routing import PARTIAL_REPLY

pytestmark = pytest.mark.usefixtures("fresh_similarity")


def _bearer(user) -> dict:
    return {"Authorization": f"Bearer {api_token_issue(user=fresh(user))}"}


def _handled(world, texts, unit: int, owner: int):
    case = assign(world, accepted(world, owner=world.member_users[owner], **texts),
                  units=[{"unit_id": world.units[unit].pk, "role": "single"}])
    return case.assignments.get()


def test_the_unit_checks_a_draft_reply_through_the_api(world, client):
    a = _handled(world, {"suggestions": SUGGESTIONS}, unit=1, owner=0)
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
    assert client.post(url, {"body": "答" * 20001}, content_type="application/json",
                       headers=unit).status_code == 422
    for user in (world.unit_handlers[0], world.member_users[0], world.staff):
        r = client.post(url, full, content_type="application/json", headers=_bearer(user))
        assert r.status_code == 404, user


def test_a_saved_replys_check_and_the_units_earlier_promise(world, client):
    planned = _handled(world, ORIGINAL, unit=1, owner=0)
    last_year = reply_through(world, planned, code="B")
    Reply.objects.filter(pk=last_year.pk).update(
        passed_at=last_year.passed_at - timedelta(days=366))
    now = _handled(world, REWORDED, unit=1, owner=3)
    handler, leader = fresh(world.unit_handlers[1]), fresh(world.unit_leaders[1])
    services.assignment_sign_for(actor=handler, assignment_id=now.pk)
    reply = replies.reply_save(actor=handler, assignment_id=now.pk, body=REPLY_TEXT,
                               result_class_id=result_class(world, "B").pk,
                               contact_person="王科长", contact_phone="0558-1234567",
                               signer="李局长")
    replies.reply_sign_off(actor=leader, reply_id=reply.pk)
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
