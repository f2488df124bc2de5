"""Deciding disclosure: publish in full or as a summary, withhold, withdraw; consent rules."""

import pytest

from xieshang.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from xieshang.core.testing import fresh
from xieshang.handling.tests.flow import accepted, assign
from xieshang.organization.models import Member
from xieshang.proposals import services as proposal_services
from xieshang.publishing import services
from xieshang.publishing.models import Publication, PublicationEvent

from .helpers import CONTACT_PHONE, MOBILE, SECRET_BODY, passed_reply, published, split_replies


def test_publish_in_full_removes_contact_data_and_keeps_the_originals(world):
    Member.objects.filter(pk=world.members[0].pk).update(mobile=MOBILE)
    reasons = f"我市2000年以前建成的老旧小区有300余个。提案人电话{MOBILE}。"
    reply = passed_reply(world, reasons=reasons, body=SECRET_BODY, contact_phone=CONTACT_PHONE)
    p = published(world, reply)

    assert (p.status, p.mode) == ("published", "full")
    assert p.published_at and p.first_published_at == p.published_at
    assert "300余个" in p.public_reasons and MOBILE not in p.public_reasons
    assert "3000万元" in p.public_reply and "424件" in p.public_reply
    assert "王科长" in p.public_reply  # the official's name stays
    for number in ("2223344", "1234 5678", MOBILE):
        assert number not in p.public_reply
    assert p.public_proposers == "委员0"
    reply.refresh_from_db()
    assert reply.body == SECRET_BODY and reply.contact_phone == CONTACT_PHONE
    event = PublicationEvent.objects.get(publication=p)
    assert (event.action, event.from_status, event.to_status) == ("publish", "awaiting",
                                                                  "published")
    assert event.actor_id == world.staff.pk and event.payload["on_time"] is True
    assert event.payload["texts"]["reply"] == p.public_reply
    assert sum(event.payload["redacted"].values()) >= 3


def test_summary_publication_shows_the_summary_not_the_reply(world):
    p = published(world, mode="summary", summary="我局已安排专项资金，联系电话0558-1234567。")
    assert p.mode == "summary"
    assert p.public_reply == "我局已安排专项资金，联系电话[已隐去]。"
    with pytest.raises(ValidationError) as exc:
        services.publication_decide(actor=fresh(world.staff), reply_id=passed_reply(world).pk,
                                    mode="summary", summary="")
    assert exc.value.field == "summary"


def test_withhold_needs_a_reason_from_the_list_and_text_for_other(world):
    reply = passed_reply(world)
    staff = fresh(world.staff)
    with pytest.raises(ValidationError):
        services.publication_decide(actor=staff, reply_id=reply.pk, mode="none")
    with pytest.raises(ValidationError):
        services.publication_decide(actor=staff, reply_id=reply.pk, mode="none",
                                    reason="because")
    with pytest.raises(ValidationError):
        services.publication_decide(actor=staff, reply_id=reply.pk, mode="none", reason="other")
    p = services.publication_decide(actor=staff, reply_id=reply.pk, mode="none",
                                    reason="state_secret", reason_text="涉及规划用地红线")
    assert (p.status, p.mode, p.reason) == ("withheld", "none", "state_secret")
    assert p.public_reply == "" and p.published_at is None
    with pytest.raises(Conflict):  # decided once; the row lock serialises the second
        services.publication_decide(actor=staff, reply_id=reply.pk, mode="none",
                                    reason="privacy")


def test_without_consent_only_withholding_for_that_reason_is_possible(world):
    reply = passed_reply(world, consent_publication=False)
    staff = fresh(world.staff)
    for mode in ("full", "summary"):
        with pytest.raises(ValidationError) as exc:
            services.publication_decide(actor=staff, reply_id=reply.pk, mode=mode,
                                        summary="答复摘要：已安排资金推进改造。")
        assert "不同意公开" in exc.value.message
    with pytest.raises(ValidationError):
        services.publication_decide(actor=staff, reply_id=reply.pk, mode="none",
                                    reason="privacy")
    p = services.publication_decide(actor=staff, reply_id=reply.pk, mode="none",
                                    reason="no_consent")
    assert p.status == "withheld"
    assert not Publication.objects.filter(status="published").exists()


def test_a_merged_proposal_without_consent_blocks_publication_of_the_main(world):
    staff = fresh(world.staff)
    from xieshang.proposals.tests.states import proposal_in

    main = proposal_in(world, "submitted", owner=world.member_users[1])
    child = proposal_in(world, "submitted", consent_publication=False)
    proposal_services.proposal_merge(actor=staff, proposal_id=child.pk, main_id=main.pk)
    proposal_services.proposal_accept(actor=staff, proposal_id=main.pk,
                                      category_id=world.categories[0].pk)
    case = assign(world, main)
    from .helpers import reply_for

    reply = reply_for(world, case.assignments.get())
    with pytest.raises(ValidationError):
        services.publication_decide(actor=staff, reply_id=reply.pk, mode="full")


def test_manual_edits_are_kept_but_redacted_again(world):
    reply = passed_reply(world)
    p = published(world, reply, public_text_override={
        "reply": "我局已安排专项资金。（此处涉及工作秘密的内容已删除）联系电话13912345678",
        "suggestions": "一是统筹资金。",
    })
    assert p.public_reply == "我局已安排专项资金。（此处涉及工作秘密的内容已删除）联系电话[已隐去]"
    assert p.public_suggestions == "一是统筹资金。"
    event = p.events.get()
    assert set(event.payload["edited"]) == {"reply", "suggestions"}
    with pytest.raises(ValidationError):
        published(world, public_text_override={"body": "x"})


def test_withdraw_then_decide_again_appends_history(world):
    p = published(world)
    staff = fresh(world.staff)
    with pytest.raises(ValidationError):
        services.publication_withdraw(actor=staff, publication_id=p.pk, reason=" ")
    p = services.publication_withdraw(actor=staff, publication_id=p.pk,
                                      reason="答复中含有未脱敏的个人信息")
    assert p.status == "withdrawn" and p.withdrawn_at
    with pytest.raises(Conflict):
        services.publication_withdraw(actor=staff, publication_id=p.pk, reason="再次撤回")
    first = p.first_published_at
    p = published(world, p.reply, public_text_override={"reply": "经重新审查后的答复全文。"})
    assert p.status == "published" and p.first_published_at == first
    assert p.withdraw_reason == ""
    assert list(p.events.values_list("action", flat=True)) == ["publish", "withdraw", "publish"]
    assert p.events.all()[1].payload["reason"] == "答复中含有未脱敏的个人信息"


def test_each_reply_of_a_split_proposal_is_decided_on_its_own(world):
    first, second = split_replies(world)
    a = published(world, first)
    b = services.publication_decide(actor=fresh(world.office), reply_id=second.pk, mode="none",
                                    reason="work_secret")
    assert a.proposal_id == b.proposal_id and a.unit_id != b.unit_id
    assert (a.status, b.status) == ("published", "withheld")


@pytest.mark.parametrize("who,error", [
    ("leader", PermissionDenied),  # reads the queue, does not decide
    ("unit_handler", NotFound),
    ("member", NotFound),
    ("sys_admin", NotFound),
])
def test_only_the_office_and_proposal_staff_decide(world, who, error):
    reply = passed_reply(world)
    user = world.member_users[0] if who == "member" else getattr(world, who)
    with pytest.raises(error):
        services.publication_decide(actor=fresh(user), reply_id=reply.pk, mode="full")
    p = published(world, reply)
    with pytest.raises(error):
        services.publication_withdraw(actor=fresh(user), publication_id=p.pk, reason="测试")
    services.publication_withdraw(actor=fresh(world.chief), publication_id=p.pk, reason="测试")


def test_a_reply_not_yet_passed_cannot_be_decided(world):
    case = assign(world, accepted(world))
    with pytest.raises(NotFound):
        services.publication_decide(actor=fresh(world.staff),
                                    reply_id=case.assignments.get().pk, mode="full")
