"""Reads of 社情民意: lists with constant query counts, item and issue pages, author credits."""

from collections import OrderedDict
from fractions import Fraction

from django.db.models import Count, Prefetch, QuerySet

from xieshang.accounts.models import User
from xieshang.textintel.strokes import name_key

from . import permissions
from .models import (
    Adoption,
    Attachment,
    Author,
    Entry,
    EntrySource,
    Instruction,
    Issue,
    Opinion,
    OpinionConfig,
    OpinionEvent,
    Reporter,
    Version,
)
from .workflow import COMPILABLE, Status

LIST_RELATED = ("party", "special_committee", "sector", "category", "reporter", "proposal",
                "entry_link__entry__issue")


def _with_list_data(qs: QuerySet[Opinion]) -> QuerySet[Opinion]:
    return (qs.select_related(*LIST_RELATED)
            .prefetch_related(Prefetch("authors", queryset=Author.objects.select_related(
                "reporter").order_by("position", "id")))
            .annotate(adoption_count=Count("entry_link__entry__adoptions", distinct=True),
                      instruction_count=Count("entry_link__entry__instructions",
                                              distinct=True)))


def opinion_list(*, user: User, status: str | None = None, source_kind: str | None = None,
                 year: int | None = None, q: str | None = None,
                 mine: bool = False) -> QuerySet[Opinion]:
    """Return the items the user may see: the office and leaders see all submitted ones.

    With `mine`, only the user's own items (created, authored, or their body's), drafts included.
    """
    qs = Opinion.objects.filter(committee_id=user.committee_id)
    own = permissions.own_q(user)
    if mine or not permissions.can_read_all(user):
        if own is None:
            return Opinion.objects.none()
        qs = qs.filter(pk__in=Opinion.objects.filter(own).values("pk"))
    else:
        qs = qs.exclude(status=Status.DRAFT)
    if status:
        qs = qs.filter(status=status)
    if source_kind:
        qs = qs.filter(source_kind=source_kind)
    if year:
        qs = qs.filter(first_submitted_at__year=year)
    if q:
        qs = qs.filter(title__icontains=q)
    return _with_list_data(qs).order_by("-updated_at", "-id")


def compilable(*, user: User) -> QuerySet[Opinion]:
    """Return the used or edited items waiting for an issue, oldest submission first."""
    if not permissions.is_office(user):
        return Opinion.objects.none()
    qs = Opinion.objects.filter(committee_id=user.committee_id, status__in=COMPILABLE)
    return (_with_list_data(qs).prefetch_related(
        Prefetch("versions", queryset=Version.objects.order_by("number")))
        .order_by("submitted_at", "id"))


def opinion_detail(*, user: User, opinion_id: int) -> Opinion:
    """Return one item with its authors, versions, article, adoptions and 批示, or NotFound."""
    permissions.access_opinion(user, opinion_id)
    return (Opinion.objects.select_related(
        "party", "special_committee", "sector", "category", "reporter", "proposal",
        "created_by", "checked_by", "entry_link__entry__issue")
        .prefetch_related(
            Prefetch("authors", queryset=Author.objects.select_related("member", "reporter")),
            Prefetch("attachments", queryset=Attachment.objects.filter(removed_at__isnull=True)
                     .order_by("uploaded_at", "id")),
            Prefetch("versions", queryset=Version.objects.select_related("edited_by")
                     .order_by("number")),
            Prefetch("entry_link__entry__adoptions",
                     queryset=Adoption.objects.order_by("adopted_on", "id")),
            Prefetch("entry_link__entry__instructions",
                     queryset=Instruction.objects.order_by("given_on", "id")),
            Prefetch("entry_link__entry__links",
                     queryset=EntrySource.objects.select_related("opinion")),
        ).get(pk=opinion_id))


def opinion_timeline(*, opinion: Opinion) -> QuerySet[OpinionEvent]:
    return opinion.events.select_related("actor").order_by("at", "id")


def issue_list(*, user: User, year: int | None = None,
               status: str | None = None) -> QuerySet[Issue]:
    """Return the issues the office and leaders may see, newest first, with article counts."""
    if not permissions.can_read_all(user):
        return Issue.objects.none()
    qs = Issue.objects.filter(committee_id=user.committee_id)
    if year:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    return (qs.select_related("compiled_by", "signed_by")
            .annotate(entry_count=Count("entries", distinct=True))
            .order_by("-year", "-number"))


def issue_detail(*, user: User, issue_id: int) -> Issue:
    """Return one issue with its articles (sources and authors), recipients and records."""
    permissions.access_issue(user, issue_id)
    return (Issue.objects.select_related("compiled_by", "approved_by", "signed_by", "sent_by")
            .prefetch_related(
                Prefetch("entries", queryset=Entry.objects.order_by("position", "id")
                         .prefetch_related(
                             Prefetch("links", queryset=EntrySource.objects.select_related(
                                 "opinion").prefetch_related(
                                 Prefetch("opinion__authors",
                                          queryset=Author.objects.select_related("member")))),
                             Prefetch("adoptions", queryset=Adoption.objects.order_by(
                                 "adopted_on", "id")),
                             Prefetch("instructions", queryset=Instruction.objects.order_by(
                                 "given_on", "id")))),
                "recipients")
            .get(pk=issue_id))


def issue_timeline(*, issue: Issue) -> QuerySet[OpinionEvent]:
    return issue.events.select_related("actor").order_by("at", "id")


def reporter_list(*, user: User) -> list[Reporter]:
    """The 特邀信息员, serving ones first, each group in 姓氏笔画 order."""
    if not permissions.is_office(user):
        return []
    reporters = Reporter.objects.filter(committee_id=user.committee_id).select_related(
        "user", "authorised_by")
    return sorted(reporters, key=lambda r: (not r.is_active, name_key(r.name), r.pk))


def reporter_candidates(*, committee_id: int) -> list[User]:
    """Active users who are not yet 特邀信息员, in 姓氏笔画 order of their names."""
    users = User.objects.filter(committee_id=committee_id, is_active=True,
                                opinion_reporter__isnull=True)
    return sorted(users, key=lambda u: (name_key(u.full_name or u.username), u.username))


def entry_credits(entry: Entry, rule: str = OpinionConfig.CreditRule.EQUAL) -> list[tuple]:
    """Return [(author name, member id, reporter id, share)] for every author of every source.

    `equal` gives each distinct author the same share; `by_item` gives each source item an
    equal share, split equally among its authors (an author of two items gets both parts).
    Shares are Fractions summing to 1.
    """
    sources = [link.opinion for link in entry.links.all()]
    shares: OrderedDict[tuple, list] = OrderedDict()
    for o in sources:
        authors = list(o.authors.all())
        for a in authors:
            key = a.identity
            if key not in shares:
                shares[key] = [a.name, a.member_id, a.reporter_id, Fraction(0)]
            if rule == OpinionConfig.CreditRule.BY_ITEM:
                shares[key][3] += Fraction(1, len(sources) * len(authors))
    if rule != OpinionConfig.CreditRule.BY_ITEM and shares:
        for row in shares.values():
            row[3] = Fraction(1, len(shares))
    return [tuple(row) for row in shares.values()]


def member_options(*, committee_id: int) -> QuerySet:
    from xieshang.organization.models import Member

    return Member.objects.filter(committee_id=committee_id).order_by("name_key", "code", "id")


def years(*, committee_id: int) -> list[int]:
    found = (Opinion.objects.filter(committee_id=committee_id, first_submitted_at__isnull=False)
             .dates("first_submitted_at", "year", order="DESC"))
    return [d.year for d in found]


def user_has_items(user: User) -> bool:
    own = permissions.own_q(user)
    return own is not None and Opinion.objects.filter(own, committee_id=user.committee_id).exists()

