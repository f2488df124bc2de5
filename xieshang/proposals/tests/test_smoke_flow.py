from xieshang.core.testing import draft_kwargs, fresh
from xieshang.proposals import services
from xieshang.proposals.workflow import Status


def test_member_drafts_submits_and_staff_accepts_with_official_number(world):
    member = world.member_users[0]
    p = services.proposal_create(actor=member, **draft_kwargs(world))
    p = services.proposal_submit(actor=fresh(member), proposal_id=p.pk)
    assert p.status == Status.SUBMITTED
    assert p.receipt_number == f"{world.session.year}-0001"
    p = services.proposal_accept(actor=fresh(world.staff), proposal_id=p.pk,
                                 category_id=world.categories[0].pk)
    assert p.status == Status.ACCEPTED
    assert p.official_number == "001"
    assert [e.action for e in p.events.all()] == ["create", "submit", "accept", "number"]
