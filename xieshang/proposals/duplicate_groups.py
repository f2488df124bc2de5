"""疑似重复汇总: a session's proposals that say nearly the same thing, gathered into groups.

During a plenary hundreds of proposals arrive in a few days, and the proposal committee sorts
out the repeats before 立案: which ones to merge (并案) and into which. The per-proposal panel
(`similar_rows.duplicates_for_review`) answers for one proposal; this answers for the session.

Each proposal of the session that is in review or accepted is compared with the committee's
index (`similarity.search_many`); two of them are linked when their score, either way, reaches
`min_score`. Groups are built around a main proposal (主提案), since a 并案 merges each member
into it: an accepted proposal first (it cannot be merged away), else the one most others are
like, takes every unassigned proposal linked to it; repeat while links are left. Linking all
that chain together instead (A like B, B like C) ran distinct matters into one group on the
demo (人才引进 with 留住高校毕业生). Groups with nothing left in review are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from xieshang.accounts.models import User

from . import permissions, similarity
from .models import Proposal, Proposer
from .workflow import IN_REVIEW, Status

# Two proposals scoring this much or more are listed as likely repeats. The per-proposal panel
# lists candidates from 0.15 (text) or 0.4 (title) up, for a reviewer to judge one at a time;
# a session-wide list needs pairs that are mostly the same matter.
MIN_SCORE = 0.6
# The page lets a reviewer widen the cut down to this many percent, no further: below it almost
# every proposal of a session is linked to another through shared phrases.
LOWEST_PERCENT = 40
NEIGHBOURS = 8
GROUPABLE = (*IN_REVIEW, Status.ACCEPTED)


@dataclass
class GroupMember:
    """A proposal like its group's main one: how much, in what, and whether the user may merge
    it into the main one now."""

    proposal: Proposal
    score: float
    reasons: list[str]
    mergeable: bool

    @property
    def percent(self) -> int:
        return round(self.score * 100)


@dataclass
class DuplicateGroup:
    """A suggested main proposal (主提案) and the proposals like it."""

    main: Proposal
    members: list[GroupMember] = field(default_factory=list)  # best match first

    @property
    def best(self) -> float:
        return max((m.score for m in self.members), default=0.0)


def duplicate_groups(*, user: User, session_id: int, min_score: float = MIN_SCORE
                     ) -> list[DuplicateGroup]:
    """Return the session's groups of likely repeated proposals with work left (a member still
    in review), largest first."""
    if not permissions.can_review_queue(user):
        return []
    proposals = {p.pk: p for p in Proposal.objects
                 .filter(committee_id=user.committee_id, session_id=session_id,
                         status__in=GROUPABLE)
                 .select_related("session")
                 .prefetch_related(Prefetch("proposers", queryset=Proposer.objects.select_related(
                     "member", "party", "special_committee", "sector")))}
    links: dict[int, dict[int, similarity.Hit]] = {pid: {} for pid in proposals}
    for pid, found in similarity.search_many(user.committee_id, sorted(proposals),
                                             top=NEIGHBOURS).items():
        for hit in found:
            kind, other = hit.ref
            if kind != "proposal" or other not in proposals or hit.score < min_score:
                continue
            back = similarity.Hit(("proposal", pid), hit.score, hit.text_score,
                                  hit.title_score, hit.reply_score)
            for one, two, link in ((pid, other, hit), (other, pid, back)):  # not symmetric
                if two not in links[one] or link.score > links[one][two].score:
                    links[one][two] = link
    groups = []
    left = {pid for pid, near in links.items() if near}
    while left:
        main = min(left, key=lambda pid: _main_first(proposals[pid], len(links[pid].keys() & left)))
        near = sorted(links[main].keys() & left, key=lambda pid: -links[main][pid].score)
        left -= {main, *near}
        if near and any(proposals[pid].status in IN_REVIEW for pid in (main, *near)):
            groups.append(_group(user, proposals[main],
                                 [(proposals[pid], links[main][pid]) for pid in near]))
    groups.sort(key=lambda g: (-len(g.members), -g.best, g.main.receipt_seq or 0))
    return groups


def _main_first(p: Proposal, neighbours: int) -> tuple:
    """An accepted proposal leads its group (it cannot be merged away), then the one most
    others are like, then the first numbered or received."""
    return (p.status != Status.ACCEPTED, -neighbours, p.official_seq or 0, p.receipt_seq or 0,
            p.pk)


def _group(user: User, main: Proposal, near: list[tuple[Proposal, similarity.Hit]]
           ) -> DuplicateGroup:
    group = DuplicateGroup(main)
    for p, hit in near:
        group.members.append(GroupMember(
            proposal=p, score=hit.score, reasons=hit.reasons,
            mergeable=p.status in IN_REVIEW and permissions.can_decide(user, p)))
    return group
