"""Who may do what with 社情民意 items and issues: plain predicates, plus `access_*`."""

from django.db.models import Q

from xieshang.accounts.models import User
from xieshang.accounts.roles import Role
from xieshang.accounts.selectors import has_role, user_grants
from xieshang.core.errors import NotFound
from xieshang.proposals.permissions import member_of

from .workflow import USED_STATES, Status

OFFICE = (Role.INFO_OFFICE,)
READERS = (Role.INFO_OFFICE, Role.LEADER)


def _same(user: User, obj) -> bool:
    return bool(getattr(user, "committee_id", None)) and user.committee_id == obj.committee_id


def is_office(user: User) -> bool:
    """Say whether the user works in the 社情民意信息办 (checks, edits, compiles, signs, sends)."""
    return has_role(user, *OFFICE)


def can_read_all(user: User) -> bool:
    return has_role(user, *READERS)


def reporter_of(user: User):
    """Return the user's active reporter (特邀信息员) row, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    from .models import Reporter

    return Reporter.objects.filter(user=user, committee_id=user.committee_id,
                                   is_active=True).first()


def can_search_similar(user: User) -> bool:
    """Say whether the user may ask which earlier items and proposals are like a draft item:
    whoever may write one (a member, a reporter, a body's agent) and the office."""
    return (is_office(user) or member_of(user) is not None or reporter_of(user) is not None
            or any(g.role == Role.BODY_AGENT for g in user_grants(user)))


def similar_kinds(user: User) -> tuple[str, ...]:
    """Return what a draft item is compared with for the user: an invited reporter is not a
    member, and proposals are members' business."""
    from xieshang.proposals import permissions as proposal_permissions
    from xieshang.proposals.similarity import EVERYTHING

    if member_of(user) is not None or proposal_permissions.can_read_all(user):
        return EVERYTHING
    return ("opinion",)


def acts_for_body(user: User, *, party_id=None, special_committee_id=None,
                  sector_id=None) -> bool:
    """Say whether the user holds body_agent for the given party, special committee or sector."""
    for g in user_grants(user):
        if g.role != Role.BODY_AGENT:
            continue
        if party_id and g.party_id == party_id:
            return True
        if special_committee_id and g.special_committee_id == special_committee_id:
            return True
        if sector_id and g.sector_id == sector_id:
            return True
    return False


def is_owner(user: User, opinion) -> bool:
    """Say whether the user drafts and submits the item (its creator or the body's agent)."""
    if not _same(user, opinion) or opinion.source_kind == "converted_proposal":
        return False
    if opinion.created_by_id == user.pk:
        return True
    return acts_for_body(user, party_id=opinion.party_id,
                         special_committee_id=opinion.special_committee_id,
                         sector_id=opinion.sector_id)


def is_author(user: User, opinion) -> bool:
    """Say whether the user is a listed author (member or reporter) of the item."""
    if not getattr(user, "is_authenticated", False):
        return False
    member = member_of(user)
    rows = getattr(opinion, "_prefetched_objects_cache", {}).get("authors")
    if rows is None:
        rows = list(opinion.authors.all())
    return any((member is not None and r.member_id == member.pk)
               or (r.reporter_id and r.reporter.user_id == user.pk) for r in rows)


def is_proposal_author(user: User, opinion) -> bool:
    if not opinion.proposal_id:
        return False
    from xieshang.supervision.permissions import is_own_proposal

    return is_own_proposal(user, [opinion.proposal_id])


def can_view(user: User, opinion) -> bool:
    if not _same(user, opinion):
        return False
    if is_owner(user, opinion) or is_author(user, opinion) or is_proposal_author(user, opinion):
        return True
    return opinion.status != Status.DRAFT and can_read_all(user)


def openable_ids(user: User, opinions) -> set[int]:
    """The ids of those items whose page the user may open, for pages of other apps that name
    社情民意 items: they link these and name the others without a link. A reader's rows cost
    no query."""
    reader = can_read_all(user)
    return {o.pk for o in opinions
            if (reader and o.status != Status.DRAFT and _same(user, o)) or can_view(user, o)}


def can_edit_draft(user: User, opinion) -> bool:
    return opinion.status in (Status.DRAFT, Status.RETURNED) and is_owner(user, opinion)


def can_submit(user: User, opinion) -> bool:
    return is_owner(user, opinion)


def can_check(user: User, opinion) -> bool:
    return _same(user, opinion) and is_office(user)


def can_edit_office(user: User, opinion) -> bool:
    return _same(user, opinion) and is_office(user)


def can_compile(user: User, obj) -> bool:
    return _same(user, obj) and is_office(user)


def can_send_item(user: User, opinion) -> bool:
    return _same(user, opinion) and is_office(user)


def can_attach(user: User, opinion) -> bool:
    """Add files: the owner while the item is editable, the office once it is submitted."""
    return can_edit_draft(user, opinion) or (
        opinion.status != Status.DRAFT and _same(user, opinion) and is_office(user))


def can_detach(user: User, opinion, attachment) -> bool:
    """Remove a file: the owner removes the author's files while editable, the office its own."""
    if attachment.by_office:
        return opinion.status != Status.DRAFT and _same(user, opinion) and is_office(user)
    return can_edit_draft(user, opinion)


def can_transfer(user: User, opinion) -> bool:
    """Transfer a used item to units for handling (转办): the information office."""
    return _same(user, opinion) and is_office(user) and opinion.status in USED_STATES


def can_manage_reporters(user: User) -> bool:
    return is_office(user)


def can_approve(user: User, issue) -> bool:
    return _same(user, issue) and is_office(user)


def issue_editor_ids(issue) -> set[int]:
    """Return the users who compiled the issue or edited any of its source items."""
    from .models import Version

    ids = set(Version.objects.filter(opinion__entry_link__entry__issue=issue)
              .values_list("edited_by_id", flat=True))
    ids.add(issue.compiled_by_id)
    return ids


def can_sign(user: User, issue) -> bool:
    """Sign off: the office; when the committee requires it, not someone who edited the issue."""
    if not (_same(user, issue) and is_office(user)):
        return False
    from .services import opinion_config

    if opinion_config(issue.committee).signer_not_editor:
        return user.pk not in issue_editor_ids(issue)
    return True


def can_send(user: User, issue) -> bool:
    return _same(user, issue) and is_office(user)


def can_record_adoption(user: User, issue) -> bool:
    return _same(user, issue) and is_office(user)


def own_q(user: User, prefix: str = "") -> Q | None:
    """Return a filter on the items the user created, authored, or acts for as a body agent."""
    if not getattr(user, "is_authenticated", False):
        return None
    q = Q(**{f"{prefix}created_by": user}) & ~Q(**{f"{prefix}source_kind": "converted_proposal"})
    member = member_of(user)
    if member is not None:
        q |= Q(**{f"{prefix}authors__member": member})
        q |= Q(**{f"{prefix}proposal__created_by": user})
        q |= Q(**{f"{prefix}proposal__proposers__member": member,
                  f"{prefix}proposal__proposers__status": "confirmed"})
    q |= Q(**{f"{prefix}authors__reporter__user": user})
    for g in user_grants(user):
        if g.role != Role.BODY_AGENT:
            continue
        if g.party_id:
            q |= Q(**{f"{prefix}party_id": g.party_id})
        if g.special_committee_id:
            q |= Q(**{f"{prefix}special_committee_id": g.special_committee_id})
        if g.sector_id:
            q |= Q(**{f"{prefix}sector_id": g.sector_id})
    return q


def access_opinion(user: User, opinion_id: int, *, for_update: bool = False):
    """Return the item if the user may see it; the same NotFound for missing and not yours."""
    from .models import Opinion

    qs = Opinion.objects.filter(pk=opinion_id, committee_id=getattr(user, "committee_id", None))
    if for_update:
        qs = qs.select_for_update(of=("self",))
    opinion = qs.first()
    if opinion is None or not can_view(user, opinion):
        raise NotFound()
    return opinion


def can_view_issue(user: User, issue) -> bool:
    return _same(user, issue) and can_read_all(user)


def access_issue(user: User, issue_id: int, *, for_update: bool = False):
    """Return the issue if the user may see it (the office and leaders), or the same NotFound."""
    from .models import Issue

    qs = Issue.objects.filter(pk=issue_id, committee_id=getattr(user, "committee_id", None))
    if for_update:
        qs = qs.select_for_update(of=("self",))
    issue = qs.first()
    if issue is None or not can_view_issue(user, issue):
        raise NotFound()
    return issue
