"""A few proposals in different states, so that fuzzed ids sometimes hit real rows."""

from xieshang.core.testing import World, draft_kwargs, fresh
from xieshang.proposals import services


def seed_proposals(world: World) -> None:
    owner = world.member_users[0]
    for title in ("关于加快老旧小区改造的建议", "关于治理黑臭水体的建议"):
        p = services.proposal_create(actor=fresh(owner), **draft_kwargs(world, title=title))
        services.proposal_submit(actor=fresh(owner), proposal_id=p.pk)
    services.proposal_create(actor=fresh(owner), **draft_kwargs(world))
