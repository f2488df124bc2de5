"""Who is told about a handling step."""

from xieshang.accounts.models import RoleAssignment, User
from xieshang.accounts.roles import Role
from xieshang.proposals.models import Proposal


def unit_users(unit_id: int, *, leaders_only: bool = False) -> list[User]:
    roles = [Role.UNIT_LEADER] if leaders_only else [Role.UNIT_HANDLER, Role.UNIT_LEADER]
    return list(User.objects.filter(role_assignments__unit_id=unit_id,
                                    role_assignments__role__in=roles, is_active=True).distinct())


def role_users(committee_id: int, *roles: str) -> list[User]:
    return list(User.objects.filter(role_assignments__committee_id=committee_id,
                                    role_assignments__role__in=roles, is_active=True).distinct())


def proposer_users(proposal: Proposal) -> list[User]:
    """Users who speak for the proposal's confirmed proposers (members, or bodies' agents)."""
    users: list[User] = []
    for row in proposal.proposers.filter(status="confirmed").select_related("member__user"):
        if row.member_id and row.member.user_id:
            users.append(row.member.user)
        elif row.party_id or row.special_committee_id or row.sector_id:
            scope = {k: v for k, v in (("party_id", row.party_id),
                                       ("special_committee_id", row.special_committee_id),
                                       ("sector_id", row.sector_id)) if v}
            agents = RoleAssignment.objects.filter(role=Role.BODY_AGENT, **scope)
            users.extend(User.objects.filter(pk__in=agents.values("user_id"), is_active=True))
    return users


def office_users(case) -> list[User]:
    """Users of the office that runs the case: the assigning office, or the information office."""
    return role_users(case.committee_id, "info_office" if case.opinion_id else "assign_office")


def reviewers(case) -> list[User]:
    """Users who review the case's replies: the proposal committee, or the information office."""
    if case.opinion_id:
        return role_users(case.committee_id, "info_office")
    return role_users(case.committee_id, "proposal_staff", "proposal_chief")


def subject_users(case) -> list[User]:
    """Users told of the outcome: the proposers, or the 社情民意 item's creator and authors."""
    if case.opinion_id is None:
        return proposer_users(case.proposal)
    opinion = case.opinion
    users = [opinion.created_by]
    for a in opinion.authors.select_related("member__user", "reporter__user"):
        if a.member_id and a.member.user_id:
            users.append(a.member.user)
        elif a.reporter_id:
            users.append(a.reporter.user)
    return [u for u in dict.fromkeys(users) if u.is_active]
