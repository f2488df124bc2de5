"""A body that became a proposer by 并案 rates the reply through its agent."""

from xieshang.core.testing import draft_kwargs, fresh
from xieshang.proposals import services as proposal_services

from .flow import assign, rate, reply_through


def test_body_merged_into_a_member_proposal_rates_through_its_agent(world):
    agent = fresh(world.party_agent)
    body = proposal_services.proposal_create(
        actor=agent, **draft_kwargs(world, proposer_type="party", body_id=world.party.pk))
    proposal_services.proposal_submit(actor=fresh(world.party_agent), proposal_id=body.pk)
    owner = fresh(world.member_users[0])
    main = proposal_services.proposal_create(actor=owner, **draft_kwargs(world))
    proposal_services.proposal_submit(actor=fresh(world.member_users[0]), proposal_id=main.pk)
    staff = fresh(world.staff)
    proposal_services.proposal_merge(actor=staff, proposal_id=body.pk, main_id=main.pk)
    proposal_services.proposal_accept(actor=fresh(world.staff), proposal_id=main.pk,
                                      category_id=world.categories[0].pk)
    case = assign(world, main)
    reply_through(world, case.assignments.get())
    rate(world, case, world.member_users[0])
    rate(world, case, world.party_agent)
    case.refresh_from_db()
    assert case.status == "closed"
