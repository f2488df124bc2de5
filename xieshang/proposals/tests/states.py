"""Build proposals in each workflow state for tests."""

from xieshang.accounts.models import User
from xieshang.core.testing import World, draft_kwargs, fresh
from xieshang.proposals import services
from xieshang.proposals.models import Proposal, ProposalConfig, Proposer


def set_two_stage(world: World, on: bool) -> None:
    ProposalConfig.objects.filter(committee=world.committee).update(two_stage_review=on)


def proposal_in(world: World, state: str, owner=None, **overrides) -> Proposal:
    """Return a proposal of `owner` (default: the first member) in the named scenario state."""
    owner = owner or world.member_users[0]
    set_two_stage(world, state in ("submitted_2stage", "first_reviewed"))
    p = services.proposal_create(actor=fresh(owner), **draft_kwargs(world, **overrides))
    if state == "draft":
        return p
    p = services.proposal_submit(actor=fresh(owner), proposal_id=p.pk)
    staff = chief = fresh(world.staff)  # one-stage decisions are the staff's
    if state in ("submitted", "submitted_2stage"):
        return p
    if state == "first_reviewed":
        return services.proposal_first_review(actor=staff, proposal_id=p.pk, opinion="同意立案")
    if state == "returned":
        return services.proposal_return(actor=staff, proposal_id=p.pk, reason="请补充数据")
    if state == "withdrawn":
        return services.proposal_withdraw(actor=fresh(owner), proposal_id=p.pk)
    if state == "accepted":
        return services.proposal_accept(actor=chief, proposal_id=p.pk,
                                        category_id=world.categories[0].pk)
    if state == "refused":
        return services.proposal_refuse(actor=chief, proposal_id=p.pk,
                                        ground_id=world.grounds[-1].pk, explanation="内容空泛")
    if state == "converted":
        return services.proposal_convert(actor=chief, proposal_id=p.pk, kind="opinion",
                                         consent_note="已电话征得同意")
    if state == "merged":
        main = proposal_in(world, "submitted", owner=world.member_users[1])
        return services.proposal_merge(actor=chief, proposal_id=p.pk, main_id=main.pk)
    raise ValueError(state)


def joint_with_a_declined_co_signer(world: World) -> tuple[Proposal, User, User]:
    """Submit a joint proposal of member 0 whose first invitee (member 1) confirmed and whose
    last (member 2) declined; return it with the confirmed and the declining users."""
    lead, co, declined = world.member_users[:3]
    p = proposal_in(world, "draft", proposer_type="joint")
    for user in (co, declined):
        services.proposal_invite(actor=fresh(lead), proposal_id=p.pk, member_id=user.member.pk)
    rows = {r.member_id: r for r in Proposer.objects.filter(proposal=p, role="co")}
    services.invitation_confirm(actor=fresh(co), proposer_id=rows[co.member.pk].pk)
    services.invitation_decline(actor=fresh(declined), proposer_id=rows[declined.member.pk].pk)
    return services.proposal_submit(actor=fresh(lead), proposal_id=p.pk), co, declined
