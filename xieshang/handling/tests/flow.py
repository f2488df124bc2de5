"""Drive a proposal through handling for tests."""

from xieshang.core.testing import World, fresh
from xieshang.handling import feedback, replies, services
from xieshang.handling.models import ResultClass
from xieshang.proposals.tests.states import proposal_in

REPLY_TEXT = "关于您提出的建议，我局高度重视，逐条答复如下：一、已安排专项资金；二、已出台政策。"


def accepted(world: World, owner=None, **kw):
    return proposal_in(world, "accepted", owner=owner, **kw)


def result_class(world: World, code: str = "A") -> ResultClass:
    return ResultClass.objects.get(committee=world.committee, code=code)


def assign(world: World, proposal, mode="single", units=None):
    units = units or [{"unit_id": world.units[1].pk, "role": "single"}]
    return services.case_assign(actor=fresh(world.office), proposal_id=proposal.pk, mode=mode,
                                units=units)


def reply_through(world: World, assignment, code="A"):
    """Sign for (if needed), draft, sign off and pass the assignment's reply."""
    i = [u.pk for u in world.units].index(assignment.unit_id)
    handler, leader = fresh(world.unit_handlers[i]), fresh(world.unit_leaders[i])
    assignment.refresh_from_db()
    if assignment.status == "pending_sign":
        services.assignment_sign_for(actor=handler, assignment_id=assignment.pk)
    reply = replies.reply_save(actor=handler, assignment_id=assignment.pk, body=REPLY_TEXT,
                               result_class_id=result_class(world, code).pk,
                               contact_person="王科长", contact_phone="0558-1234567",
                               signer="李局长")
    replies.reply_sign_off(actor=leader, reply_id=reply.pk)
    return replies.reply_pass(actor=fresh(world.staff), reply_id=reply.pk)


def rate(world: World, case, member_user, level="satisfied"):
    return feedback.feedback_submit(
        actor=fresh(member_user), case_id=case.pk, overall=level, contact=level,
        attitude=level, result=level, answered="yes")
