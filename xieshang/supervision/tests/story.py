"""Build key and excellent proposals in each state for tests."""

from datetime import timedelta

from xieshang.accounts.roles import Role
from xieshang.accounts.services import user_create
from xieshang.core import clock
from xieshang.core.testing import PASSWORD, World, fresh
from xieshang.proposals.tests.states import proposal_in
from xieshang.supervision import services

MEETING = "五届第二十三次主席会议"


def accepted(world: World, n: int = 0, owner=None):
    """Return an accepted proposal with a distinct title."""
    return proposal_in(world, "accepted", owner=owner, title=f"关于第{n}项民生工作的建议")


def other_leader(world: World):
    """Return a second leader user who supervises nothing unless named."""
    username = f"{world.committee.slug}-leader2"
    existing = world.users.get(username)
    if existing is not None:
        return existing
    user = user_create(committee=world.committee, username=username, full_name="另一位领导",
                       password=PASSWORD, roles=[{"role": Role.LEADER}],
                       must_change_password=False)
    world.users[username] = user
    return user


def decision(approve: bool = True, **overrides) -> dict:
    values = {"approve": approve, "meeting": MEETING,
              "meeting_date": clock.today() - timedelta(days=1),
              "text": "同意将该提案列为本年度重点提案，由主席会议成员领衔督办。"}
    values.update(overrides)
    return values


def candidate(world: World, proposal=None, related=(), **kw):
    proposal = proposal or accepted(world)
    return services.key_proposal_propose(
        actor=fresh(world.staff), proposal_id=proposal.pk,
        reason=kw.pop("reason", "事关群众切身利益，建议重点督办。"),
        related_proposal_ids=[p.pk for p in related], **kw)


def key_in(world: World, state: str, proposal=None, related=(), leader=True):
    """Return a key proposal in the named state, supervised by world.leader when `leader`."""
    kp = candidate(world, proposal, related)
    if leader:
        services.supervising_leader_add(actor=fresh(world.staff), key_proposal_id=kp.pk,
                                        kind="cppcc", title="市政协副主席",
                                        user_id=world.leader.pk, is_lead=True)
    if state == "candidate":
        return kp
    kp = services.key_proposal_decide(actor=fresh(world.chief), key_proposal_ids=[kp.pk],
                                      **decision(state != "rejected"))[0]
    if state in ("approved", "rejected"):
        return kp
    if state == "completed":
        return services.key_proposal_complete(actor=fresh(world.staff), key_proposal_id=kp.pk,
                                              summary="承办单位已落实专项资金，督办办结。")
    raise ValueError(state)


def excellent_in(world: World, state: str, proposal=None):
    proposal = proposal or accepted(world)
    e = services.excellent_proposal_propose(actor=fresh(world.staff), proposal_id=proposal.pk,
                                            reason="选题精准，建议具体，办理成效明显。")
    if state == "candidate":
        return e
    return services.excellent_proposal_decide(actor=fresh(world.chief), excellent_ids=[e.pk],
                                              **decision(state == "approved"))[0]
