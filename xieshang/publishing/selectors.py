"""Reads for disclosure: the decision queue, redaction previews, and the public portal."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from xieshang.accounts.models import User
from xieshang.core import clock
from xieshang.core.calendar import WorkCalendar
from xieshang.core.errors import NotFound
from xieshang.core.models import Committee
from xieshang.handling.deadlines import Urgency, config_for, urgency
from xieshang.handling.models import Reply, ReplyVersion
from xieshang.handling.workflow import ReplyStatus
from xieshang.organization.models import Session, Unit
from xieshang.proposals.models import Category, Proposal, Proposer

from . import permissions, redaction
from .deadlines import publication_due
from .models import Publication, PublicationEvent
from .workflow import Mode, Status

# --- what may be shown: contact values and redacted texts -----------------------------------


def contact_values(*, proposal: Proposal, reply: Reply) -> list[str]:
    """Return every phone number and e-mail address that must never appear in public text.

    The proposers' (merged proposals' proposers included) mobiles and e-mails, the drafting
    user's phone, the unit's contact phone, and the reply's contact phone in every saved
    version (an earlier number may still be quoted in the body).
    """
    values: list[str] = []
    rows = Proposer.objects.filter(proposal=proposal, member__isnull=False).values_list(
        "member__mobile", "member__email", "member__user__phone")
    for row in rows:
        values += [v for v in row if v]
    if proposal.lead_member_id:
        lead = proposal.lead_member
        values += [lead.mobile, lead.email]
    values.append(proposal.created_by.phone)
    values += [reply.contact_phone, reply.assignment.unit.contact_phone]
    values += list(ReplyVersion.objects.filter(reply=reply).values_list("contact_phone",
                                                                       flat=True))
    return sorted({v.strip() for v in values if v and v.strip()})


def public_proposer_names(proposal: Proposal) -> str:
    """Return the proposers' names as published: names are public, contact data never."""
    rows = Proposer.objects.filter(proposal=proposal, status=Proposer.Status.CONFIRMED) \
        .select_related("member", "party", "special_committee", "sector") \
        .order_by("position", "id")
    names: list[str] = []
    for row in rows:
        name = str(row)
        if name and name not in names:
            names.append(name)
    return "、".join(names) or proposal.proposer_display


@dataclass
class PublicTexts:
    title: str
    proposers: str
    reasons: str
    suggestions: str
    reply: str
    hits: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, str]:
        return {"title": self.title, "proposers": self.proposers, "reasons": self.reasons,
                "suggestions": self.suggestions, "reply": self.reply}


OVERRIDABLE = ("title", "reasons", "suggestions", "reply")


def public_texts(*, proposal: Proposal, reply: Reply, known: list[str], mode: str = Mode.FULL,
                 summary: str | None = None,
                 override: dict[str, str] | None = None) -> PublicTexts:
    """Return the texts to publish: the originals (or the staff's edits) with contacts removed.

    Staff edits are redacted again, so a number pasted back by hand still cannot go public.
    In summary mode the summary takes the place of the reply text (a `reply` edit is ignored).
    """
    override = dict(override or {})
    if mode == Mode.SUMMARY:
        override.pop("reply", None)  # the summary is the staff's own text for the reply
    reply_source = (summary or "") if mode == Mode.SUMMARY else reply.body
    sources = {
        "title": proposal.title,
        "reasons": proposal.reasons,
        "suggestions": proposal.suggestions,
        "reply": reply_source,
    }
    hits: dict[str, int] = {}
    out: dict[str, str] = {}
    for key, original in sources.items():
        text = override[key] if override.get(key) is not None else original
        result = redaction.redact(text.strip(), known=known)
        out[key] = result.text
        for kind, n in result.counts().items():
            hits[kind] = hits.get(kind, 0) + n
    names = redaction.redact(public_proposer_names(proposal), known=known).text
    return PublicTexts(title=out["title"], proposers=names, reasons=out["reasons"],
                       suggestions=out["suggestions"], reply=out["reply"], hits=hits)


@dataclass
class Preview:
    reply: Reply
    proposal: Proposal
    texts: PublicTexts
    removed: dict[str, int]
    removed_from_edits: int
    consent: bool
    due: date
    urgency: Urgency
    publication: Publication | None

    @property
    def hit_labels(self) -> list[tuple[str, int]]:
        """Return what was removed from the original texts, as (Chinese label, count)."""
        return [(redaction.KIND_LABELS.get(k, k), n) for k, n in self.removed.items()]


def publication_preview(*, user: User, reply_id: int, mode: str = Mode.FULL,
                        summary: str | None = None,
                        override: dict[str, str] | None = None) -> Preview:
    """Return what publishing the reply would show, with its deadline; NotFound if not allowed."""
    reply = permissions.access_reply(user, reply_id)
    proposal = (Proposal.objects.select_related("lead_member", "created_by", "category",
                                                "session")
                .get(pk=reply.assignment.case.proposal_id))
    known = contact_values(proposal=proposal, reply=reply)
    texts = public_texts(proposal=proposal, reply=reply, known=known, mode=mode,
                         summary=summary, override=override)
    # Staff edits start from the redacted text, so report what was removed from the originals.
    automatic = texts if not override else public_texts(
        proposal=proposal, reply=reply, known=known, mode=mode, summary=summary)
    cal = WorkCalendar.for_committee(reply.committee_id)
    config = config_for(reply.committee_id)
    due = publication_due(cal, config.publication_limit_days, reply.passed_at)
    return Preview(
        reply=reply, proposal=proposal, texts=texts, removed=automatic.hits,
        removed_from_edits=sum(texts.hits.values()) if override else 0,
        consent=permissions.proposer_consents(proposal), due=due,
        urgency=urgency(cal, config, due, clock.today()),
        publication=Publication.objects.filter(reply=reply).first(),
    )


# --- staff reads -----------------------------------------------------------------------------


@dataclass
class QueueItem:
    reply: Reply
    proposal: Proposal
    due: date
    urgency: Urgency
    consent: bool

    @property
    def days_over(self) -> int:
        return max(0, -self.urgency.working_days_left)


def decision_queue(*, user: User) -> list[QueueItem]:
    """Return passed replies awaiting a disclosure decision, earliest deadline (most overdue) first."""
    if not permissions.can_read(user):
        return []
    committee_id = user.committee_id
    refusing = Proposal.objects.filter(merged_into=OuterRef("assignment__case__proposal_id"),
                                       consent_publication=False)
    replies = (
        Reply.objects.filter(committee_id=committee_id, status=ReplyStatus.PASSED,
                             publication__isnull=True,
                             assignment__case__proposal__isnull=False)
        .select_related("assignment__unit", "assignment__case__proposal__session",
                        "assignment__case__proposal__category", "result_class")
        .annotate(refusing_children=Exists(refusing))
    )
    cal = WorkCalendar.for_committee(committee_id)
    config = config_for(committee_id)
    today = clock.today()
    items = []
    for reply in replies:
        proposal = reply.assignment.case.proposal
        due = publication_due(cal, config.publication_limit_days, reply.passed_at)
        items.append(QueueItem(
            reply=reply, proposal=proposal, due=due, urgency=urgency(cal, config, due, today),
            consent=permissions.proposer_consents(
                proposal, refusing_children=reply.refusing_children),
        ))
    items.sort(key=lambda i: (i.due, i.reply.passed_at, i.reply.pk))
    return items


def publication_list(*, user: User, status: str | None = None) -> QuerySet[Publication]:
    """Return the committee's disclosure decisions, newest first."""
    if not permissions.can_read(user):
        return Publication.objects.none()
    qs = (Publication.objects.filter(committee_id=user.committee_id)
          .select_related("proposal", "unit", "reply", "decided_by"))
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-decided_at", "-id")


def publication_timeline(*, publication: Publication) -> QuerySet[PublicationEvent]:
    """Return the decision's events, oldest first."""
    return publication.events.select_related("actor").order_by("at", "id")


# --- the public portal (no login) ------------------------------------------------------------


def public_committees() -> list[tuple[Committee, int]]:
    """Return every committee with the number of proposals it has published."""
    counts = dict(_published().values("committee_id")
                  .annotate(n=Count("proposal_id", distinct=True))
                  .values_list("committee_id", "n"))
    return [(c, counts.get(c.pk, 0)) for c in Committee.objects.order_by("id")]


def public_committee(slug: str) -> Committee:
    committee = Committee.objects.filter(slug=slug).first()
    if committee is None:
        raise NotFound("未找到该政协。")
    return committee


def _published() -> QuerySet[Publication]:
    return Publication.objects.filter(status=Status.PUBLISHED)


@dataclass
class PublicFilters:
    q: str | None = None
    unit_id: int | None = None
    category_id: int | None = None
    year: int | None = None
    session_id: int | None = None


def _public_base(committee_id: int) -> QuerySet[Proposal]:
    mine = _published().filter(committee_id=committee_id, proposal=OuterRef("pk"))
    items = (_published().filter(committee_id=committee_id)
             .select_related("unit", "reply__result_class")
             .order_by("-published_at", "-id"))
    return (
        Proposal.objects.filter(committee_id=committee_id)
        .filter(Exists(mine))
        .annotate(last_published=Subquery(mine.order_by("-published_at")
                                          .values("published_at")[:1]))
        .select_related("session", "category")
        .prefetch_related(Prefetch("publications", queryset=items, to_attr="public_items"))
    )


def public_proposal_list(*, committee_id: int,
                         filters: PublicFilters | None = None) -> QuerySet[Proposal]:
    """Return proposals with at least one published reply, most recently published first.

    Search reads only published fields (never the original texts), so a query cannot reveal
    what was redacted.
    """
    qs = _public_base(committee_id)
    f = filters or PublicFilters()
    mine = _published().filter(committee_id=committee_id, proposal=OuterRef("pk"))
    if f.q:
        qs = qs.filter(
            Q(official_number__icontains=f.q)
            | Q(category__name__icontains=f.q)
            | Exists(mine.filter(Q(public_title__icontains=f.q)
                                 | Q(public_proposers__icontains=f.q)
                                 | Q(unit__name__icontains=f.q)))
        )
    if f.unit_id:
        qs = qs.filter(Exists(mine.filter(unit_id=f.unit_id)))
    if f.category_id:
        qs = qs.filter(category_id=f.category_id)
    if f.year:
        qs = qs.filter(session__year=f.year)
    if f.session_id:
        qs = qs.filter(session_id=f.session_id)
    return qs.order_by("-last_published", "-id")


def public_units(proposal: Proposal) -> list[str]:
    """Return the names of the units whose published replies a proposal carries, in the
    official unit order."""
    units = {item.unit_id: item.unit for item in proposal.public_items}
    return [u.name for u in sorted(units.values(), key=lambda u: u.sort_key)]


def reply_date(reply: Reply) -> date:
    """Return the day a reply was given (答复日期): the date written at the foot of its letter,
    else the day the unit's leader signed it off; else, for a reply recorded without either,
    the day it passed review. The day it passed the committee's review is a later, separate
    date (Reply.passed_at), and the day it was published another."""
    from xieshang.textintel.replycheck import letter_date

    written = letter_date(reply.body)
    if written is not None:
        return written
    return timezone.localdate(reply.signed_off_at or reply.passed_at)


def public_proposal_detail(*, committee_id: int, proposal_id: int) -> Proposal:
    """Return a published proposal of the committee with its published replies, or NotFound.

    `public_replies` lists them by round, then in the official unit order, each with its
    `replied_on` (reply_date) and `passed_on` (the day it passed review)."""
    proposal = _public_base(committee_id).filter(pk=proposal_id).first()
    if proposal is None:
        raise NotFound("未找到该公开信息，或已撤回公开。")
    proposal.public_replies = sorted(proposal.public_items,
                                     key=lambda i: (i.reply.round, i.unit.sort_key))
    for item in proposal.public_replies:
        item.replied_on = reply_date(item.reply)
        item.passed_on = timezone.localdate(item.reply.passed_at)
    return proposal


@dataclass
class PublicChoices:
    units: list[Unit]
    categories: list[Category]
    sessions: list[Session]

    @property
    def years(self) -> list[int]:
        return sorted({s.year for s in self.sessions}, reverse=True)


def public_choices(*, committee_id: int) -> PublicChoices:
    """Return the search form's choices, each only where something is published: the units
    with published replies (in the official unit order), and the categories, sessions and
    years of the proposals published; a choice that can only find nothing is not offered."""
    published = _published().filter(committee_id=committee_id)
    proposals = Proposal.objects.filter(pk__in=published.values("proposal_id"))
    return PublicChoices(
        units=list(Unit.objects.filter(committee_id=committee_id,
                                       pk__in=published.values("unit_id"))),
        categories=list(Category.objects.filter(committee_id=committee_id,
                                                pk__in=proposals.values("category_id"))),
        sessions=list(Session.objects.filter(committee_id=committee_id,
                                             pk__in=proposals.values("session_id"))
                      .order_by("-opening_date")),
    )
