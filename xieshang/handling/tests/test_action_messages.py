"""Each assignment, reply and case action says what it did, not a generic 已保存/已完成/已提交."""

from datetime import timedelta

from django.contrib.messages import get_messages

from xieshang.core import clock
from xieshang.core.testing import fresh
from xieshang.handling import replies, services

from .flow import REPLY_TEXT, accepted, assign, rate, reply_through, result_class

GENERIC = ("已保存。", "已完成。", "已提交。")


def _act(client, user, url, data=None) -> list[str]:
    """Post an action as `user`; return the messages the page it leads to shows."""
    client.force_login(user)
    r = client.post(url, data or {})
    assert r.status_code == 302, url
    said = [str(m) for m in get_messages(r.wsgi_request)]
    client.get(r.url)  # the page shows (and so uses up) the messages
    assert said and not set(said) & set(GENERIC), said
    return said


def test_assignment_actions_say_what_happened(world, client):
    case = assign(world, accepted(world), mode="lead_co", units=[
        {"unit_id": world.units[1].pk, "role": "lead"},
        {"unit_id": world.units[2].pk, "role": "co"}])
    lead, co = case.assignments.get(role="lead"), case.assignments.get(role="co")
    handler, co_handler = world.unit_handlers[1], world.unit_handlers[2]
    base = f"/handling/assignments/{lead.pk}"
    assert _act(client, handler, f"{base}/sign/") == ["已签收，办理期限自今日起计算。"]
    assert _act(client, co_handler, f"/handling/assignments/{co.pk}/sign/")[0].startswith(
        "已签收")
    assert _act(client, co_handler, f"/handling/assignments/{co.pk}/opinion/",
                {"opinion": "同意主办单位意见。"}) == ["已提交会办意见，主办单位可在办理页面查看。"]
    assert _act(client, handler, f"{base}/contact/", {
        "stage": "before", "mode": "phone", "happened_on": clock.today().isoformat(),
        "participants": "王科长、委员0", "minutes": "电话沟通办理思路"}) == ["已记录沟通情况。"]
    lead.refresh_from_db()
    assert _act(client, handler, f"{base}/extend/", {
        "requested_due": (lead.due + timedelta(days=10)).isoformat(),
        "reason": "需会同有关部门调研"}) == ["已提交延期申请，等待交办部门审批。"]
    assert _act(client, handler, f"{base}/reply/", {
        "body": REPLY_TEXT, "result_class": result_class(world).pk, "contact_person": "王科长",
        "contact_phone": "13800138000", "signer": "李局长"}) == ["答复稿已保存（第1稿）。"]
    reply = lead.replies.get()
    assert _act(client, handler, f"/handling/replies/{reply.pk}/cosign/") == [
        "已送会办单位会签。"]


def test_reply_review_and_case_actions_say_what_happened(world, client):
    case = assign(world, accepted(world))
    a = case.assignments.get()
    handler = fresh(world.unit_handlers[1])
    services.assignment_sign_for(actor=handler, assignment_id=a.pk)
    reply = replies.reply_save(actor=handler, assignment_id=a.pk, body=REPLY_TEXT,
                               result_class_id=result_class(world).pk, contact_person="王科长",
                               contact_phone="0558-1234567", signer="李局长")
    url = f"/handling/replies/{reply.pk}"
    assert _act(client, world.unit_leaders[1], f"{url}/sign_off/") == [
        "已签发，答复已报送提案委审核。"]
    assert _act(client, world.staff, f"{url}/send_back/", {"reason": "请逐条答复"}) == [
        "答复已退回承办单位修改。"]
    replies.reply_sign_off(actor=fresh(world.unit_leaders[1]), reply_id=reply.pk)
    assert _act(client, world.staff, f"{url}/pass/") == ["答复已审核通过。"]
    proposer = case.proposal.proposers.get(role="first")
    assert _act(client, world.member_users[0], f"/handling/cases/{case.pk}/rate/", {
        "proposer": proposer.pk, "overall": "unsatisfied", "contact": "satisfied",
        "attitude": "basic", "result": "unsatisfied", "answered": "yes",
    }) == ["已提交评价（征询意见表），谢谢。"]
    said = _act(client, world.office, f"/handling/cases/{case.pk}/close/",
                {"reason": "已充分沟通，条件暂不具备"})
    assert said == ["已办结。"]


def test_adding_a_unit_names_it(world, client):
    case = assign(world, accepted(world))
    a = case.assignments.get()
    services.assignment_request_return(actor=fresh(world.unit_handlers[1]), assignment_id=a.pk,
                                       reason="不属于我局职责")
    services.assignment_decide_return(actor=fresh(world.office), assignment_id=a.pk,
                                      approve=True)
    assert _act(client, world.office, f"/handling/cases/{case.pk}/add_unit/",
                {"unit": world.units[2].pk, "role": "single"}) == [
        f"已交办{world.units[2].name}（单办）。"]


def test_asking_to_return_says_the_office_decides(world, client):
    a = assign(world, accepted(world)).assignments.get()
    assert _act(client, world.unit_handlers[1], f"/handling/assignments/{a.pk}/return/",
                {"reason": "不属于我局职责"}) == ["已提交退回申请，等待交办部门审批。"]


def test_ordering_a_new_round_says_so(world, client):
    case = assign(world, accepted(world))
    reply_through(world, case.assignments.get())
    rate(world, case, world.member_users[0], "unsatisfied")
    assert _act(client, world.office, f"/handling/cases/{case.pk}/rehandle/",
                {"reason": "请再次面商"}) == ["已要求承办单位重新办理。"]
