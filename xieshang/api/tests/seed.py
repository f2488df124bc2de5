"""Records in several states, so that fuzzed ids sometimes hit real rows."""

from xieshang.core.testing import World, draft_kwargs, fresh
from xieshang.handling.tests.flow import accepted, assign
from xieshang.proposals import services


def seed(world: World) -> None:
    owner = world.member_users[0]
    for title in ("关于加快老旧小区改造的建议", "关于治理黑臭水体的建议"):
        p = services.proposal_create(actor=fresh(owner), **draft_kwargs(world, title=title))
        services.proposal_submit(actor=fresh(owner), proposal_id=p.pk)
    services.proposal_create(actor=fresh(owner), **draft_kwargs(world))
    assign(world, accepted(world, owner=world.member_users[1], title="关于建设口袋公园的建议"))
