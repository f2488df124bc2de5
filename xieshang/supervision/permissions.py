"""Who may do what with key and excellent proposals: plain predicates, plus `access_*`."""

from django.db.models import Q

from xieshang.accounts.models import User
from xieshang.accounts.roles import Role
from xieshang.accounts.selectors import has_role
from xieshang.core.errors import NotFound
from xieshang.proposals.permissions import member_of

from .workflow import PUBLISHED_KEY, ExcellentStatus

STAFF = (Role.PROPOSAL_STAFF, Role.PROPOSAL_CHIEF)
READERS = (*STAFF, Role.ASSIGN_OFFICE, Role.LEADER)


def _same(user: User, obj) -> bool:
    return bool(getattr(user, "committee_id", None)) and user.committee_id == obj.committee_id


def can_read_all(user: User) -> bool:
    """Say whether the user reads every key and excellent proposal of the committee."""
    return has_role(user, *READERS)


def can_propose(user: User) -> bool:
    return has_role(user, *STAFF)


def can_decide(user: User, key_proposal) -> bool:
    """Record the chair's-meeting decision on a candidate (proposal committee staff or chief)."""
    return _same(user, key_proposal) and has_role(user, *STAFF)


def can_complete(user: User, key_proposal) -> bool:
    return _same(user, key_proposal) and has_role(user, *STAFF)


def can_manage_leaders(user: User, key_proposal) -> bool:
    return _same(user, key_proposal) and has_role(user, *STAFF)


def supervising_leader_of(user: User, key_proposal):
    """Return the user's current supervising-leader row on the key proposal, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    rows = getattr(key_proposal, "_prefetched_objects_cache", {}).get("leaders")
    if rows is not None:
        return next((r for r in rows if r.user_id == user.pk and r.removed_at is None), None)
    return key_proposal.leaders.filter(user=user, removed_at__isnull=True).first()


def is_supervising_leader(user: User, key_proposal) -> bool:
    """Say whether the user, holding the leader role, supervises this key proposal."""
    return (_same(user, key_proposal) and has_role(user, Role.LEADER)
            and supervising_leader_of(user, key_proposal) is not None)


def can_record_activity(user: User, key_proposal) -> bool:
    return can_manage_leaders(user, key_proposal) or is_supervising_leader(user, key_proposal)


def can_record_instruction(user: User, key_proposal) -> bool:
    return can_manage_leaders(user, key_proposal) or is_supervising_leader(user, key_proposal)


def own_proposals_q(user: User, prefix: str = "") -> Q | None:
    """Return a filter on proposals the user created or confirmed as a proposer, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    member = member_of(user)
    q = Q(**{f"{prefix}created_by": user})
    if member is not None:
        q |= Q(**{f"{prefix}proposers__member": member, f"{prefix}proposers__status": "confirmed"})
    return q


def is_own_proposal(user: User, proposal_ids: list[int]) -> bool:
    from xieshang.proposals.models import Proposal

    q = own_proposals_q(user)
    return q is not None and Proposal.objects.filter(q, pk__in=proposal_ids).exists()


def can_view(user: User, key_proposal) -> bool:
    """Readers see every key proposal; proposers see the approved ones holding their proposal."""
    if not _same(user, key_proposal):
        return False
    if can_read_all(user):
        return True
    if key_proposal.status not in PUBLISHED_KEY:
        return False
    ids = [key_proposal.proposal_id,
           *key_proposal.related.values_list("proposal_id", flat=True)]
    return is_own_proposal(user, ids)


def access_key_proposal(user: User, key_proposal_id: int, *, for_update: bool = False):
    """Return the key proposal if the user may see it; the same NotFound for missing and not yours."""
    from .models import KeyProposal

    qs = KeyProposal.objects.filter(pk=key_proposal_id, committee_id=user.committee_id)
    if for_update:
        qs = qs.select_for_update(of=("self",))
    key_proposal = qs.first()
    if key_proposal is None or not can_view(user, key_proposal):
        raise NotFound()
    return key_proposal


def can_propose_excellent(user: User) -> bool:
    return has_role(user, *STAFF)


def can_decide_excellent(user: User, excellent) -> bool:
    return _same(user, excellent) and has_role(user, *STAFF)


def can_view_excellent(user: User, excellent) -> bool:
    if not _same(user, excellent):
        return False
    if can_read_all(user):
        return True
    return excellent.status == ExcellentStatus.APPROVED and is_own_proposal(
        user, [excellent.proposal_id])


def access_excellent(user: User, excellent_id: int, *, for_update: bool = False):
    """Return the excellent-proposal candidacy, or the same NotFound for missing and not yours."""
    from .models import ExcellentProposal

    qs = ExcellentProposal.objects.filter(pk=excellent_id, committee_id=user.committee_id)
    if for_update:
        qs = qs.select_for_update(of=("self",))
    excellent = qs.first()
    if excellent is None or not can_view_excellent(user, excellent):
        raise NotFound()
    return excellent
