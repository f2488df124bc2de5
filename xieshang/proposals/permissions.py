"""Who may do what to a proposal: plain predicates, plus `access_proposal`."""

from xieshang.accounts.models import User
from xieshang.accounts.roles import Role
from xieshang.accounts.selectors import has_role, unit_ids, user_grants
from xieshang.core import clock
from xieshang.core.errors import NotFound
from xieshang.organization.models import Member
from xieshang.organization.selectors import current_term, membership_for

from .workflow import Status

REVIEWERS = (Role.PROPOSAL_STAFF, Role.PROPOSAL_CHIEF)
READERS = (*REVIEWERS, Role.ASSIGN_OFFICE, Role.LEADER)


def member_of(user: User) -> Member | None:
    """Return the member record linked to the user, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.member
    except Member.DoesNotExist:
        return None


def is_sitting_member(user: User) -> bool:
    """Say whether the user holds a seat in the current term that allows proposing (在任委员)."""
    member = member_of(user)
    if member is None:
        return False
    term = current_term(committee=user.committee, day=clock.today())
    seat = membership_for(member=member, term=term) if term else None
    return seat is not None and seat.may_act


def _same_committee(user: User, proposal) -> bool:
    return bool(user.committee_id) and user.committee_id == proposal.committee_id


def is_body_agent(user: User, proposal) -> bool:
    """Say whether the user may act for the body in whose name the proposal is made."""
    for g in user_grants(user):
        if g.role != Role.BODY_AGENT:
            continue
        if proposal.party_id and g.party_id == proposal.party_id:
            return True
        if proposal.special_committee_id and g.special_committee_id == proposal.special_committee_id:
            return True
        if proposal.sector_id and g.sector_id == proposal.sector_id:
            return True
    return False


def is_owner(user: User, proposal) -> bool:
    """Say whether the user drafts and submits this proposal (its creator or body agent)."""
    if not _same_committee(user, proposal):
        return False
    if proposal.party_id or proposal.special_committee_id or proposal.sector_id:
        return proposal.created_by_id == user.pk or is_body_agent(user, proposal)
    return proposal.created_by_id == user.pk


def _agent_scopes(user: User) -> tuple[set, set, set]:
    grants = [g for g in user_grants(user) if g.role == Role.BODY_AGENT]
    return ({g.party_id for g in grants if g.party_id},
            {g.special_committee_id for g in grants if g.special_committee_id},
            {g.sector_id for g in grants if g.sector_id})


def is_proposer(user: User, proposal) -> bool:
    """Say whether the user is among the proposal's proposers, or speaks for a body among them.

    Invited co-signers count; so does the agent of a body that became a proposer by 并案.
    """
    member = member_of(user)
    parties, committees, sectors = _agent_scopes(user)
    if member is None and not (parties or committees or sectors):
        return False
    rows = getattr(proposal, "_prefetched_objects_cache", {}).get("proposers")
    if rows is None:
        rows = list(proposal.proposers.exclude(status="revoked"))
    for r in rows:
        if r.status == "revoked":
            continue
        if member is not None and r.member_id == member.pk:
            return True
        if r.status == "confirmed" and (r.party_id in parties or r.special_committee_id
                                        in committees or r.sector_id in sectors):
            return True
    return False


def speaks_for(user: User, proposer_row) -> bool:
    """Say whether a proposer row is the user's own, or a body's the user acts for (经办人)."""
    member = member_of(user)
    if member is not None and proposer_row.member_id == member.pk:
        return True
    if proposer_row.member_id:
        return False
    parties, committees, sectors = _agent_scopes(user)
    return bool((proposer_row.party_id and proposer_row.party_id in parties)
                or (proposer_row.special_committee_id
                    and proposer_row.special_committee_id in committees)
                or (proposer_row.sector_id and proposer_row.sector_id in sectors))


def is_handling_unit(user: User, proposal) -> bool:
    """Say whether one of the user's units was assigned the proposal (returned ones included)."""
    units = unit_ids(user)
    if not units or proposal.status != Status.ACCEPTED:
        return False
    from django.apps import apps

    assignment = apps.get_model("handling", "Assignment")
    return assignment.objects.filter(case__proposal_id=proposal.pk, unit_id__in=units).exists()


def can_view(user: User, proposal) -> bool:
    if not _same_committee(user, proposal):
        return False
    if is_owner(user, proposal) or is_proposer(user, proposal):
        return True
    if proposal.status == Status.DRAFT:
        return False
    return has_role(user, *READERS) or is_handling_unit(user, proposal)


def openable_ids(user: User, proposals) -> set[int]:
    """The ids of those proposals whose page the user may open, for pages of other apps that
    name proposals: they link these and name the others without a link. A reader's rows cost
    no query (can_view would look up each proposal's proposers first)."""
    reader = has_role(user, *READERS)
    return {p.pk for p in proposals
            if (reader and p.status != Status.DRAFT and _same_committee(user, p))
            or can_view(user, p)}


def can_edit(user: User, proposal) -> bool:
    return proposal.status in (Status.DRAFT, Status.RETURNED) and is_owner(user, proposal)


def can_submit(user: User, proposal) -> bool:
    return is_owner(user, proposal)


def can_withdraw(user: User, proposal) -> bool:
    return is_owner(user, proposal)


def can_first_review(user: User, proposal) -> bool:
    return _same_committee(user, proposal) and has_role(user, *REVIEWERS)


def can_return(user: User, proposal) -> bool:
    return _same_committee(user, proposal) and has_role(user, *REVIEWERS)


def can_decide(user: User, proposal) -> bool:
    """Decide at the final stage: staff in one-stage review, the chief after a first review."""
    if not _same_committee(user, proposal):
        return False
    if proposal.status == Status.FIRST_REVIEWED:
        return has_role(user, Role.PROPOSAL_CHIEF)
    return has_role(user, *REVIEWERS)


def can_review_queue(user: User) -> bool:
    return has_role(user, *REVIEWERS)


def can_read_all(user: User) -> bool:
    return has_role(user, *READERS)


def can_search_similar(user: User) -> bool:
    """Say whether the user may ask which earlier proposals and items are like a draft."""
    return member_of(user) is not None or can_read_all(user)


def can_manage_numbers(user: User) -> bool:
    return has_role(user, Role.PROPOSAL_CHIEF, Role.PROPOSAL_STAFF)


def can_respond_invitation(user: User, proposer_row) -> bool:
    member = member_of(user)
    return member is not None and proposer_row.member_id == member.pk


def access_proposal(user: User, proposal_id: int, *, for_update: bool = False):
    """Return the proposal if the user may see it; the same NotFound for missing and not yours."""
    from .models import Proposal

    qs = Proposal.objects.filter(pk=proposal_id, committee_id=user.committee_id)
    if for_update:
        qs = qs.select_for_update(of=("self",))
    proposal = qs.first()
    if proposal is None or not can_view(user, proposal):
        raise NotFound()
    return proposal
