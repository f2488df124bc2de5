"""Produce passed replies and publications for disclosure tests."""

from xieshang.core.testing import World, fresh
from xieshang.handling import replies, services
from xieshang.handling.models import Reply
from xieshang.handling.tests.flow import REPLY_TEXT, accepted, assign, result_class
from xieshang.publishing import services as publishing

MOBILE = "13912345678"
CONTACT_PHONE = "0558-2223344"
SECRET_BODY = ("关于您提出的建议，我局高度重视，2020年已投入3000万元，办理424件，完成率95.5%。"
               "联系人：王科长，联系电话：0558-2223344。如有疑问可拨打手机139 1234 5678。")


def reply_for(world: World, assignment, *, body: str = REPLY_TEXT,
              contact_phone: str = "0558-1234567", code: str = "A") -> Reply:
    """Sign for, draft, sign off and pass the assignment's reply with the given texts."""
    i = [u.pk for u in world.units].index(assignment.unit_id)
    handler, leader = fresh(world.unit_handlers[i]), fresh(world.unit_leaders[i])
    assignment.refresh_from_db()
    if assignment.status == "pending_sign":
        services.assignment_sign_for(actor=handler, assignment_id=assignment.pk)
    reply = replies.reply_save(actor=handler, assignment_id=assignment.pk, body=body,
                               result_class_id=result_class(world, code).pk,
                               contact_person="王科长", contact_phone=contact_phone,
                               signer="李局长")
    replies.reply_sign_off(actor=leader, reply_id=reply.pk)
    return replies.reply_pass(actor=fresh(world.staff), reply_id=reply.pk)


def passed_reply(world: World, *, body: str = REPLY_TEXT, contact_phone: str = "0558-1234567",
                 **proposal) -> Reply:
    """Return a passed reply to a new accepted proposal handled by one unit."""
    case = assign(world, accepted(world, **proposal))
    return reply_for(world, case.assignments.get(), body=body, contact_phone=contact_phone)


def split_replies(world: World, **proposal) -> list[Reply]:
    """Return the two passed replies of a proposal split between two units (分办)."""
    case = assign(world, accepted(world, **proposal), mode="split", units=[
        {"unit_id": world.units[1].pk, "role": "split"},
        {"unit_id": world.units[2].pk, "role": "split"}])
    return [reply_for(world, a) for a in case.assignments.order_by("unit_id")]


def published(world: World, reply: Reply | None = None, mode: str = "full", **kwargs):
    """Publish a reply (a new one by default) as the proposal staff."""
    reply = reply or passed_reply(world)
    if mode == "summary":
        kwargs.setdefault("summary", "我局已安排专项资金推进老旧小区改造，年内完成改造任务。")
    return publishing.publication_decide(actor=fresh(world.staff), reply_id=reply.pk, mode=mode,
                                         **kwargs)
