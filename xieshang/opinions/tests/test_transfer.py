"""转办: a used 社情民意 item handled by units with the handling machinery, closed by the office."""

import pytest

from xieshang.accounts.services import api_token_issue
from xieshang.core import clock
from xieshang.core.calendar import WorkCalendar
from xieshang.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from xieshang.core.testing import fresh
from xieshang.handling import feedback, replies, selectors, services, stats
from xieshang.handling.models import HandlingCase, HandlingEvent
from xieshang.handling.tests.flow import REPLY_TEXT, accepted, assign, reply_through
from xieshang.handling.tests.flow import result_class as rc
from xieshang.notifications import reminders
from xieshang.opinions import services as opinion_services
from xieshang.opinions.models import Instruction, OpinionEvent
from xieshang.publishing import selectors as publishing_selectors

from .story import office, opinion_in


def transfer(world, o, *units, **kw):
    return opinion_services.opinion_transfer(
        actor=office(world), opinion_id=o.pk, unit_ids=[world.units[i].pk for i in units], **kw)


def unit_reply(world, assignment, *, passed=True):
    """The unit signs for, drafts, and its leader signs off; the office passes when asked."""
    i = [u.pk for u in world.units].index(assignment.unit_id)
    handler, leader = fresh(world.unit_handlers[i]), fresh(world.unit_leaders[i])
    services.assignment_sign_for(actor=handler, assignment_id=assignment.pk)
    reply = replies.reply_save(actor=handler, assignment_id=assignment.pk, body=REPLY_TEXT,
                               result_class_id=rc(world).pk, contact_person="王科长",
                               contact_phone="0558-1234567", signer="李局长")
    replies.reply_sign_off(actor=leader, reply_id=reply.pk)
    if passed:
        replies.reply_pass(actor=office(world), reply_id=reply.pk)
    return reply


def test_transfer_sign_reply_close_cycle_is_evented_and_shown_to_the_author(world):
    o = opinion_in(world, "used")
    case = transfer(world, o, 1, note="请研究办理。")
    assert (case.opinion_id, case.proposal_id, case.mode, case.status) == (
        o.pk, None, "single", "assigned")
    a = case.assignments.get()
    rows, counts, _ = selectors.unit_todo(user=fresh(world.unit_handlers[1]))
    assert [r.assignment.pk for r in rows] == [a.pk] and counts["pending_sign"] == 1

    reply = unit_reply(world, a, passed=False)
    a.refresh_from_db()
    cal = WorkCalendar.for_committee(world.committee.pk)
    assert a.due == cal.add_working_days(clock.today(), 20)
    author = fresh(world.member_users[0])
    seen = selectors.opinion_handling(user=author, opinion=o)
    assert seen.replies == [] and not seen.extensions  # drafts under review stay hidden
    with pytest.raises(NotFound):  # the proposal committee does not even see 社情民意 cases
        replies.reply_pass(actor=fresh(world.staff), reply_id=reply.pk)
    replies.reply_pass(actor=office(world), reply_id=reply.pk)
    case.refresh_from_db()
    assert case.status == "replied"
    with pytest.raises(Conflict):
        feedback.feedback_submit(actor=author, case_id=case.pk, overall="satisfied",
                                 contact="satisfied", attitude="satisfied",
                                 result="satisfied", answered="yes")
    with pytest.raises(NotFound):  # the assigning office runs proposals only
        feedback.case_close(actor=fresh(world.office), case_id=case.pk, reason="办结")
    feedback.case_close(actor=office(world), case_id=case.pk, reason="已答复，办结。")
    case.refresh_from_db()
    assert case.status == "closed"

    actions = list(HandlingEvent.objects.filter(case=case).values_list("action", flat=True))
    assert actions == ["create", "assign", "sign_for", "start", "reply_draft", "sign_off",
                       "pass", "replied", "reply", "close"]
    assert OpinionEvent.objects.filter(opinion=o, action="transfer").count() == 1
    seen = selectors.opinion_handling(user=author, opinion=o)
    assert [r.body for r in seen.replies] == [REPLY_TEXT]
    assert {e.action for e in seen.events} <= set(selectors.PUBLIC_ACTIONS)
    kinds = set(author.notifications.values_list("kind", flat=True))
    assert {"transfer_replied", "transfer_closed"} <= kinds


def test_several_units_each_reply_before_the_case_is_replied(world):
    o = opinion_in(world, "sent")
    case = transfer(world, o, 0, 2)
    assert case.mode == "split"
    first, second = case.assignments.order_by("id")
    unit_reply(world, first)
    case.refresh_from_db()
    assert case.status == "in_handling"
    unit_reply(world, second)
    case.refresh_from_db()
    assert case.status == "replied"


def test_units_see_only_their_own_assignment(world):
    o = opinion_in(world, "used")
    case = transfer(world, o, 1)
    a = case.assignments.get()
    other = fresh(world.unit_handlers[2])
    rows, counts, _ = selectors.unit_todo(user=other)
    assert rows == [] and sum(counts.values()) == 0
    with pytest.raises(NotFound):
        services.assignment_sign_for(actor=other, assignment_id=a.pk)
    with pytest.raises(NotFound):
        selectors.case_detail(user=other, case_id=case.pk)
    assert selectors.opinion_handling(user=other, opinion=o) is None
    # Proposal readers do not read 社情民意 cases; leaders do.
    with pytest.raises(NotFound):
        selectors.case_detail(user=fresh(world.staff), case_id=case.pk)
    assert selectors.case_detail(user=fresh(world.leader), case_id=case.pk).pk == case.pk
    assert list(selectors.case_list(user=fresh(world.leader))) == []


def test_transfer_needs_the_office_a_used_item_and_its_own_instruction(world):
    submitted = opinion_in(world, "submitted")
    with pytest.raises(Conflict):
        transfer(world, submitted, 1)
    used = opinion_in(world, "used")
    with pytest.raises(PermissionDenied):  # leaders read 社情民意 but do not transfer
        opinion_services.opinion_transfer(actor=fresh(world.leader), opinion_id=used.pk,
                                          unit_ids=[world.units[1].pk])
    with pytest.raises(ValidationError):
        transfer(world, used)
    sent = opinion_in(world, "sent")
    entry = sent.entry_link.entry
    instruction = opinion_services.instruction_record(
        actor=office(world), entry_id=entry.pk, leader_name="张市长", level="city",
        given_on=clock.today(), text="请住建局研究办理。", transfer_to="市住建局")
    with pytest.raises(ValidationError):
        transfer(world, used, 1, instruction_id=instruction.pk)
    case = transfer(world, sent, 1, instruction_id=instruction.pk)
    assert case.events.get(action="create").payload["instruction_id"] == instruction.pk
    with pytest.raises(Conflict):
        transfer(world, sent, 2)
    assert Instruction.objects.get(pk=instruction.pk).transfer_to == "市住建局"


def test_other_committees_cannot_transfer_or_see_the_case(world, other_world):
    o = opinion_in(world, "used")
    case = transfer(world, o, 1)
    foreign = office(other_world)
    with pytest.raises(NotFound):
        opinion_services.opinion_transfer(actor=foreign, opinion_id=o.pk,
                                          unit_ids=[other_world.units[1].pk])
    with pytest.raises(NotFound):
        selectors.case_detail(user=foreign, case_id=case.pk)
    with pytest.raises(NotFound):
        services.assignment_sign_for(actor=fresh(other_world.unit_handlers[1]),
                                     assignment_id=case.assignments.get().pk)
    theirs = opinion_in(other_world, "used")
    second = opinion_in(world, "used")
    with pytest.raises(ValidationError):  # a unit of another committee is not found
        opinion_services.opinion_transfer(actor=office(world), opinion_id=second.pk,
                                          unit_ids=[other_world.units[1].pk])
    with pytest.raises(NotFound):
        opinion_services.opinion_transfer(actor=office(world), opinion_id=theirs.pk,
                                          unit_ids=[world.units[1].pk])


def test_return_and_extension_are_decided_by_the_information_office(world):
    o = opinion_in(world, "used")
    case = transfer(world, o, 1)
    a = case.assignments.get()
    handler = fresh(world.unit_handlers[1])
    services.assignment_request_return(actor=handler, assignment_id=a.pk, reason="不属于本单位职责")
    desk = selectors.opinion_desk(user=office(world))
    assert [x.pk for x in desk["return_requests"]] == [a.pk]
    assert list(selectors.office_desk(user=fresh(world.office))["return_requests"]) == []
    with pytest.raises(NotFound):
        services.assignment_decide_return(actor=fresh(world.office), assignment_id=a.pk,
                                          approve=True)
    services.assignment_decide_return(actor=office(world), assignment_id=a.pk, approve=True,
                                      new_unit_id=world.units[2].pk)
    moved = case.assignments.exclude(pk=a.pk).get()
    assert moved.unit_id == world.units[2].pk
    services.assignment_sign_for(actor=fresh(world.unit_handlers[2]), assignment_id=moved.pk)
    moved.refresh_from_db()
    later = WorkCalendar.for_committee(world.committee.pk).add_working_days(moved.due, 5)
    ext = services.extension_request(actor=fresh(world.unit_handlers[2]),
                                     assignment_id=moved.pk, requested_due=later,
                                     reason="需要现场调研")
    assert [e.pk for e in selectors.opinion_desk(user=office(world))["extensions"]] == [ext.pk]
    services.extension_decide(actor=office(world), extension_id=ext.pk, approve=True)
    moved.refresh_from_db()
    assert moved.due == ext.requested_due


def test_proposal_handling_figures_ignore_opinion_cases(world):
    p = accepted(world)
    case = assign(world, p)
    reply_through(world, case.assignments.get())
    year = clock.today().year
    before = stats.handling_stats(committee_id=world.committee.pk, year=year)
    o = opinion_in(world, "used")
    ocase = transfer(world, o, 1)
    unit_reply(world, ocase.assignments.get())
    feedback.case_close(actor=office(world), case_id=ocase.pk, reason="办结")
    after = stats.handling_stats(committee_id=world.committee.pk, year=year)
    assert after == before
    assert before["assigned"] == 1 and before["by_unit"][world.units[1].name]["assigned"] == 1


def test_publishing_and_reminders_leave_opinion_replies_alone(world):
    o = opinion_in(world, "used")
    case = transfer(world, o, 1)
    reminders.run(committee=world.committee)  # a pending signature of a 社情民意 item
    unit_reply(world, case.assignments.get())
    assert publishing_selectors.decision_queue(user=fresh(world.staff)) == []
    with clock.at(clock.now().replace(year=clock.now().year + 1)):
        reminders.run(committee=world.committee)


def test_item_page_runs_the_transfer_and_the_unit_workbench_lists_it(world, client):
    o = opinion_in(world, "used")
    client.force_login(office(world))
    page = client.get(f"/opinions/{o.pk}/").content.decode()
    assert 'id="transfer-button"' in page
    response = client.post(f"/opinions/{o.pk}/transfer/",
                           {"units": [world.units[1].pk], "note": "请办理"}, follow=True)
    assert "转办办理" in response.content.decode()
    case = HandlingCase.objects.get(opinion=o)
    a = case.assignments.get()
    assert client.get(f"/handling/cases/{case.pk}/").url == f"/opinions/{o.pk}/#transfer"
    client.force_login(world.unit_handlers[1])
    assert o.title in client.get("/handling/unit/").content.decode()
    assignment_page = client.get(f"/handling/assignments/{a.pk}/").content.decode()
    assert "社情民意转办" in assignment_page and 'id="opinion-text"' in assignment_page
    client.post(f"/handling/assignments/{a.pk}/sign/")
    a.refresh_from_db()
    assert a.status == "handling"
    unit_reply_rest(world, a)
    client.force_login(office(world))
    page = client.get(f"/opinions/{o.pk}/").content.decode()
    reply = a.replies.get()
    assert f'id="pass-reply-{reply.pk}"' in page
    assert "待审核的答复" in client.get("/opinions/transfers/").content.decode()
    client.post(f"/handling/replies/{reply.pk}/pass/",
                {"next": f"/opinions/{o.pk}/#transfer"})
    page = client.get(f"/opinions/{o.pk}/").content.decode()
    assert 'id="close-case"' in page
    # The office's reviewer is named by its office, the unit after the action it concerns.
    events = page[page.index('id="transfer-events"'):]
    events = events[:events.index("</ul>")]
    reviewer = str(office(world))
    assert f"{reviewer}（社情民意信息办）" in events
    assert f"{reviewer}（{world.units[1].name}）" not in events
    done = client.post(f"/handling/cases/{case.pk}/close/",
                       {"reason": "已答复", "next": f"/opinions/{o.pk}/#transfer"})
    assert done.url == f"/opinions/{o.pk}/#transfer"
    client.force_login(world.member_users[0])
    page = client.get(f"/opinions/{o.pk}/").content.decode()
    assert 'id="case-closed"' in page and REPLY_TEXT in page
    assert 'id="close-case"' not in page


def unit_reply_rest(world, a):
    handler, leader = fresh(world.unit_handlers[1]), fresh(world.unit_leaders[1])
    reply = replies.reply_save(actor=handler, assignment_id=a.pk, body=REPLY_TEXT,
                               result_class_id=rc(world).pk, contact_person="王科长",
                               contact_phone="0558-1234567", signer="李局长")
    replies.reply_sign_off(actor=leader, reply_id=reply.pk)


def test_api_transfers_and_shows_progress(world, other_world, client):
    o = opinion_in(world, "used")
    headers = {"Authorization": f"Bearer {api_token_issue(user=office(world))}"}
    created = client.post(f"/api/v1/opinions/items/{o.pk}/transfer",
                          {"unit_ids": [world.units[1].pk, world.units[2].pk]},
                          content_type="application/json", headers=headers)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["mode"] == "split" and len(body["units"]) == 2
    unit_headers = {"Authorization":
                    f"Bearer {api_token_issue(user=fresh(world.unit_handlers[1]))}"}
    todo = client.get("/api/v1/handling/todo", headers=unit_headers).json()
    assert [i["opinion_id"] for i in todo["items"]] == [o.pk]
    assert todo["items"][0]["proposal_id"] is None
    case = client.get(f"/api/v1/handling/cases/{body['case_id']}", headers=headers).json()
    assert (case["opinion_id"], case["proposal_id"], case["official_number"]) == (o.pk, None, "")
    foreign = {"Authorization": f"Bearer {api_token_issue(user=office(other_world))}"}
    missing = client.get(f"/api/v1/opinions/items/{o.pk}/transfer", headers=foreign)
    assert missing.status_code == 404
    author = {"Authorization": f"Bearer {api_token_issue(user=fresh(world.member_users[0]))}"}
    seen = client.get(f"/api/v1/opinions/items/{o.pk}/transfer", headers=author).json()
    assert seen["replies"] == [] and {u["unit_id"] for u in seen["units"]} == {
        world.units[1].pk, world.units[2].pk}
