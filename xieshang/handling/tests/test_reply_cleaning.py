"""A reply pasted from Word or a web page is cleaned before it is stored; the raw input is kept
and shown to the reviewer, and typed text keeps no original."""

import pytest

from xieshang.core.errors import ValidationError
from xieshang.core.testing import fresh
from xieshang.handling import replies, services
from xieshang.handling.models import HandlingEvent

from .flow import accepted, assign, result_class

PASTED = ("<p>关于您提出的“加快老旧小区改造”的建议，现答复如下：</p>\r\n"
          "\uf0b7\t今年已统筹安排专项资金２．５亿元，完成改造率达９０％。\x0b"
          "主办单位：市住房城乡建设局")


def _save(world, a, body):
    return replies.reply_save(actor=fresh(world.unit_handlers[1]), assignment_id=a.pk,
                              body=body, result_class_id=result_class(world, "A").pk,
                              contact_person="王科长", contact_phone="0558-1234567",
                              signer="李局长")


@pytest.fixture
def assignment(world):
    a = assign(world, accepted(world)).assignments.get()
    services.assignment_sign_for(actor=fresh(world.unit_handlers[1]), assignment_id=a.pk)
    return a


def test_a_pasted_reply_is_cleaned_and_its_original_kept_for_the_reviewer(world, client,
                                                                          assignment):
    reply = _save(world, assignment, PASTED)
    assert reply.body == (
        "关于您提出的“加快老旧小区改造”的建议，现答复如下：\n"
        "• 今年已统筹安排专项资金2.5亿元，完成改造率达90%。\n"
        "主办单位：市住房城乡建设局"
    )
    assert reply.original == PASTED
    event = HandlingEvent.objects.filter(reply=reply, action="reply_draft").get()
    assert event.payload["normalized"] is True
    client.force_login(world.staff)
    html = client.get(f"/handling/cases/{assignment.case_id}/").content.decode()
    assert f'id="reply-original-{reply.pk}"' in html and "\uf0b7" in html


def test_a_typed_reply_keeps_no_original_and_an_overlong_one_is_refused(world, assignment):
    typed = "关于您提出的建议，现答复如下：\r\n一、已统筹安排专项资金。\r\n二、已出台加装电梯办法。"
    reply = _save(world, assignment, typed)
    assert reply.original == "" and "\r" not in reply.body
    with pytest.raises(ValidationError, match="答复正文不能超过50000字"):
        _save(world, assignment, "答" * 50001)
    reply.refresh_from_db()
    assert reply.body.startswith("关于您提出的建议") and reply.version == 1
