"""Who may decide on disclosure, and the rules that decide whether a text may go public."""

from xieshang.accounts.models import User
from xieshang.accounts.roles import Role
from xieshang.accounts.selectors import has_role
from xieshang.core.errors import NotFound
from xieshang.handling.workflow import ReplyStatus

from .workflow import Status

# The assigning office and the proposal committee decide (domain.md §1.12); leaders read.
DECIDERS = (Role.ASSIGN_OFFICE, Role.PROPOSAL_STAFF, Role.PROPOSAL_CHIEF)
READERS = (*DECIDERS, Role.LEADER)


def _same(user: User, obj) -> bool:
    return bool(getattr(user, "committee_id", None)) and user.committee_id == obj.committee_id


def can_read(user: User) -> bool:
    """Say whether the user may see the disclosure queue and decisions of their committee."""
    return has_role(user, *READERS)


def can_decide(user: User, obj=None) -> bool:
    """Say whether the user may publish, withhold or withdraw (obj: a reply or publication)."""
    return has_role(user, *DECIDERS) and (obj is None or _same(user, obj))


def proposer_consents(proposal, *, refusing_children: bool | None = None) -> bool:
    """Say whether the proposers agreed to publication.

    `consent_publication` is one flag per proposal, set by its first proposer (or the body's
    agent); co-signers confirm the proposal as drafted, flag included. A proposal that absorbed
    others by 并案 also needs the consent of every merged proposal's proposers.
    `refusing_children` lets a list pass a precomputed answer for the merged proposals.
    """
    if not proposal.consent_publication:
        return False
    if refusing_children is None:
        refusing_children = proposal.merged_children.filter(consent_publication=False).exists()
    return not refusing_children


def is_public(publication) -> bool:
    return publication.status == Status.PUBLISHED


def access_reply(user: User, reply_id: int, *, for_update: bool = False):
    """Return a passed reply of the user's committee for a disclosure reader; else NotFound."""
    from xieshang.handling.models import Reply

    if not can_read(user):
        raise NotFound()
    # Replies to transferred 社情民意 items are not disclosed here.
    qs = Reply.objects.filter(pk=reply_id, committee_id=user.committee_id,
                              status=ReplyStatus.PASSED,
                              assignment__case__proposal__isnull=False)
    if for_update:
        qs = qs.select_for_update(of=("self",))
    reply = qs.select_related("assignment__unit", "assignment__case__proposal").first()
    if reply is None:
        raise NotFound()
    return reply


def access_publication(user: User, publication_id: int, *, for_update: bool = False):
    """Return a decision of the user's committee for a disclosure reader; else NotFound."""
    from .models import Publication

    if not can_read(user):
        raise NotFound()
    qs = Publication.objects.filter(pk=publication_id, committee_id=user.committee_id)
    if for_update:
        qs = qs.select_for_update(of=("self",))
    publication = qs.first()
    if publication is None:
        raise NotFound()
    return publication
