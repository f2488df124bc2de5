"""Handling from assignment to closing: the paths the issue names."""

import pytest

from xieshang.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from xieshang.core.testing import fresh
from xieshang.handling import feedback, replies, services
from xieshang.handling.models import HandlingCase, HandlingEvent, ReplyVersion
from xieshang.proposals import selectors

from .flow import REPLY_TEXT, accepted, assign, rate, reply_through, result_class


def test_lead_and_co_units_produce_one_reply_then_rehandling_after_unsatisfied(world):
    p = accepted(world)
    case = assign(world, p, mode="lead_co", units=[
        {"unit_id": world.units[1].pk, "role": "lead"},
        {"unit_id": world.units[2].pk, "role": "co"}])
    lead = case.assignments.get(role="lead")
    co = case.assignments.get(role="co")
    lead_handler, co_handler = fresh(world.unit_handlers[1]), fresh(world.unit_handlers[2])
    services.assignment_sign_for(actor=lead_handler, assignment_id=lead.pk)
    services.assignment_sign_for(actor=co_handler, assignment_id=co.pk)
    with pytest.raises(ValidationError):  # co-handling units give opinions, not replies
        replies.reply_save(actor=co_handler, assignment_id=co.pk, body=REPLY_TEXT,
                           result_class_id=result_class(world).pk, contact_person="x",
                           contact_phone="1", signer="y")
    reply = replies.reply_save(actor=lead_handler, assignment_id=lead.pk, body=REPLY_TEXT,
                               result_class_id=result_class(world, "B").pk,
                               contact_person="王科长", contact_phone="13900000000",
                               signer="李局长")
    with pytest.raises(Conflict):  # the co-handling unit has not sent its opinion yet
        replies.reply_sign_off(actor=fresh(world.unit_leaders[1]), reply_id=reply.pk)
    services.assignment_give_opinion(actor=co_handler, assignment_id=co.pk,
                                     opinion="同意主办单位意见，我局负责资金保障。")
    with pytest.raises(PermissionDenied):  # a handler is not the leader
        replies.reply_sign_off(actor=lead_handler, reply_id=reply.pk)
    replies.reply_sign_off(actor=fresh(world.unit_leaders[1]), reply_id=reply.pk)
    replies.reply_pass(actor=fresh(world.staff), reply_id=reply.pk)
    case.refresh_from_db()
    assert case.status == "replied"

    rate(world, case, world.member_users[0], "unsatisfied")
    case.refresh_from_db()
    assert case.status == "rated"
    feedback.case_rehandle(actor=fresh(world.office), case_id=case.pk, reason="请再次面商")
    case.refresh_from_db()
    assert (case.status, case.round) == ("in_handling", 2)
    second = reply_through(world, lead)
    assert second.round == 2
    rate(world, case, world.member_users[0], "satisfied")
    case.refresh_from_db()
    assert case.status == "closed" and case.close_reason
    assert ReplyVersion.objects.filter(reply__assignment=lead).count() == 2
    assert list(HandlingEvent.objects.filter(case=case, action="rate")
                .values_list("payload__overall", flat=True)) == ["unsatisfied", "satisfied"]


def test_return_and_reassign(world):
    case = assign(world, accepted(world))
    first = case.assignments.get()
    handler = fresh(world.unit_handlers[1])
    services.assignment_request_return(actor=handler, assignment_id=first.pk,
                                       reason="不属于我局职责，建议交生态环境局")
    services.assignment_decide_return(actor=fresh(world.office), assignment_id=first.pk,
                                      approve=True, new_unit_id=world.units[2].pk)
    first.refresh_from_db()
    assert first.status == "returned"
    second = case.assignments.exclude(pk=first.pk).get()
    assert (second.unit_id, second.role, second.status) == (world.units[2].pk, "single",
                                                            "pending_sign")
    reply_through(world, second)
    case.refresh_from_db()
    assert case.status == "replied"


def test_refused_return_means_the_unit_handles_it(world):
    case = assign(world, accepted(world))
    a = case.assignments.get()
    services.assignment_request_return(actor=fresh(world.unit_handlers[1]), assignment_id=a.pk,
                                       reason="职责不清")
    services.assignment_decide_return(actor=fresh(world.office), assignment_id=a.pk,
                                      approve=False, note="属于住建局职责，请办理")
    a.refresh_from_db()
    assert a.status == "handling" and a.due is not None


def test_split_proposal_counts_as_replied_only_when_every_unit_has_replied(world):
    case = assign(world, accepted(world), mode="split", units=[
        {"unit_id": world.units[1].pk, "role": "split"},
        {"unit_id": world.units[2].pk, "role": "split"}])
    a1, a2 = case.assignments.order_by("id")
    reply_through(world, a1)
    case.refresh_from_db()
    assert case.status == "in_handling"
    reply_through(world, a2)
    case.refresh_from_db()
    assert case.status == "replied"


def test_unit_user_reads_assigned_proposals_only(world):
    assigned = accepted(world)
    other = accepted(world, owner=world.member_users[1], title="关于改善农村饮水的建议")
    assign(world, assigned)
    handler = fresh(world.unit_handlers[1])
    assert selectors.proposal_detail(user=handler, proposal_id=assigned.pk).pk == assigned.pk
    with pytest.raises(NotFound):
        selectors.proposal_detail(user=handler, proposal_id=other.pk)
    stranger = fresh(world.unit_handlers[2])
    case = HandlingCase.objects.get(proposal=assigned)
    with pytest.raises(NotFound):
        services.assignment_sign_for(actor=stranger, assignment_id=case.assignments.get().pk)
