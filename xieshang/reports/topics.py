"""Reads for the hot-topics page: a period's proposals and 社情民意 items clustered into topics,
each marked new or continuing a topic of the period before."""

from dataclasses import dataclass
from datetime import datetime, time

from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone

from xieshang.accounts.models import User
from xieshang.proposals import permissions
from xieshang.proposals.models import Proposal
from xieshang.proposals.workflow import Status

# How many topics of the period before are compared: a topic that ranked low then and rises
# now is a continuation, not new.
EARLIER_TOPICS = 100


@dataclass
class TopicMember:
    kind: str
    id: int
    title: str
    number: str
    time: datetime | None
    url: str | None
    # Empty for an item the reader may not open.
    status: str = ""
    # A proposal's two numbers apart: its 提案号 once accepted and numbered, and its 流水号.
    official_number: str = ""
    receipt_number: str = ""

    @property
    def cited_number(self) -> str:
        """The number a list cites: 第085号 once numbered, else 流水号2020-0312, so that the two
        kinds are never mistaken for each other ("" for a 社情民意 item)."""
        if self.official_number:
            return f"第{self.official_number}号"
        return f"流水号{self.receipt_number}" if self.receipt_number else ""


@dataclass
class EarlierTopic:
    """The topic of the period before that a topic continues."""

    rank: int
    title: str
    size: int
    score: float
    # The earlier member closest to the topic, when it is not the one that titles that topic.
    closest: str = ""


@dataclass
class TopicRow:
    keywords: list[str]
    title: str
    score: float
    size: int
    authors: int
    first: datetime | None
    last: datetime | None
    members: list[TopicMember]
    # Supports: confirmed co-signers of the proposals, further authors of the 社情民意 items.
    votes: int = 0
    # None: not compared (no period before, or nothing submitted in it); False: continues
    # `earlier`; True: no topic of the period before says nearly the same.
    is_new: bool | None = None
    earlier: EarlierTopic | None = None
    # `authors` split: members and other persons, and bodies (党派团体、专委会、界别) in whose
    # name an item was put forward.
    persons: int = 0
    bodies: int = 0

    @property
    def proposers(self) -> str:
        """Who put the topic forward: persons counted in 人, bodies in 个, never mixed in one
        figure."""
        if self.persons and self.bodies:
            return f"个人提出者{self.persons}人、集体提出者{self.bodies}个"
        if self.bodies:
            return f"集体提出者{self.bodies}个"
        return f"提出者{self.persons}人"

    @property
    def proposals(self) -> int:
        return sum(1 for m in self.members if m.kind == "proposal")

    @property
    def opinions(self) -> int:
        return sum(1 for m in self.members if m.kind == "opinion")

    @property
    def to_compile(self) -> list[int]:
        """The topic's 社情民意 items used and not yet in an issue: a 综合稿 can join them."""
        from xieshang.opinions.workflow import COMPILABLE

        return sorted(m.id for m in self.members
                      if m.kind == "opinion" and m.status in COMPILABLE)

    @property
    def compose_title(self) -> str:
        """A first title for a 综合稿 of the topic's items, for the office to edit."""
        from xieshang.proposals.similarity_sources import opinion_title_core

        first = next((m.title for m in self.members if m.kind == "opinion"), self.title)
        return f"综合反映：{opinion_title_core(first)}"


_TOPIC_CACHE: dict[tuple, object] = {}
_TOPIC_CACHE_SIZE = 32


def _cached(key: tuple, compute):
    value = _TOPIC_CACHE.get(key)
    if value is None:
        value = compute()
        if len(_TOPIC_CACHE) >= _TOPIC_CACHE_SIZE:
            _TOPIC_CACHE.pop(next(iter(_TOPIC_CACHE)))
        _TOPIC_CACHE[key] = value
    return value


def _topic_opinions(committee_id: int, start: datetime | None, end: datetime):
    """Return the 社情民意 items first submitted in the window (converted proposals excluded);
    without a start, every item before the end."""
    from xieshang.opinions.models import Opinion

    qs = Opinion.objects.filter(committee_id=committee_id, first_submitted_at__lt=end)
    if start is not None:
        qs = qs.filter(first_submitted_at__gte=start)
    return qs.exclude(status="draft").exclude(source_kind="converted_proposal")


def _topic_items(committee_id: int, start: datetime, end: datetime):
    """Return the window's submitted proposals and 社情民意 items as topic items, by item id."""
    from xieshang.textintel.topics import Item

    rows = {
        f"proposal:{p.pk}": p
        for p in Proposal.objects.filter(committee_id=committee_id, submitted_at__gte=start,
                                         submitted_at__lt=end)
        .exclude(status=Status.DRAFT)
        .select_related("party", "special_committee", "sector")
        .prefetch_related("proposers")
    }
    items = []
    for key, p in rows.items():
        body = p.party_id or p.special_committee_id or p.sector_id
        author = f"body:{p.proposer_type}:{body}" if body else f"member:{p.lead_member_id}"
        # Co-signers who confirmed are support, as votes are for a citizen's message.
        support = sum(1 for r in p.proposers.all() if r.role == "co" and r.status == "confirmed")
        items.append(Item(id=key, title=p.title, text=f"{p.reasons}\n{p.suggestions}",
                          time=p.submitted_at, votes=support, author=author))
    for o in _topic_opinions(committee_id, start, end).prefetch_related("authors"):
        key = f"opinion:{o.pk}"
        rows[key] = o
        authors = list(o.authors.all())
        body = o.party_id or o.special_committee_id or o.sector_id
        if body:
            author = f"body:{o.source_kind}:{body}"
        elif authors and authors[0].member_id:
            author = f"member:{authors[0].member_id}"
        else:
            author = f"opinion-user:{o.created_by_id}"
        items.append(Item(id=key, title=o.title,
                          text="\n".join((o.situation, o.analysis, o.suggestions)),
                          time=o.first_submitted_at, votes=max(0, len(authors) - 1),
                          author=author))
    return items, rows


def _window_stamps(committee_id: int, start: datetime, end: datetime) -> tuple[dict, dict]:
    """Return the count and highest id of the window's proposals and of its 社情民意 items."""
    proposals = (Proposal.objects.filter(committee_id=committee_id, submitted_at__gte=start,
                                         submitted_at__lt=end)
                 .exclude(status=Status.DRAFT)
                 .aggregate(n=Count("id"), top=Max("id")))
    opinions = _topic_opinions(committee_id, start, end).aggregate(n=Count("id"), top=Max("id"))
    return proposals, opinions


def _window_key(committee_id: int, start: datetime, end: datetime) -> tuple:
    """What a window's topics depend on: clustering (seconds for a plenary month) is redone when
    the window gains or loses an item, not on every status change of one."""
    proposals, opinions = _window_stamps(committee_id, start, end)
    return (committee_id, start, end, proposals["n"], proposals["top"], opinions["n"],
            opinions["top"])


def _clustered(committee_id: int, start: datetime, end: datetime, top: int):
    """Return the window's items, their rows by item id, and its topics (cached)."""
    from xieshang.textintel.topics import hot_topics as cluster

    items, rows = _topic_items(committee_id, start, end)
    key = ("topics", top, *_window_key(committee_id, start, end))
    topics = _cached(key, lambda: cluster(items, start=start, end=end, top=top))
    return items, rows, topics, key


def latest_topic_time(*, committee_id: int, before: datetime) -> datetime | None:
    """Return when the last proposal or 社情民意 item before `before` was submitted, or None.

    The hot-topics page offers that period when the one asked for has nothing to cluster.
    """
    proposal = (Proposal.objects.filter(committee_id=committee_id, submitted_at__lt=before)
                .exclude(status=Status.DRAFT).aggregate(t=Max("submitted_at"))["t"])
    opinion = _topic_opinions(committee_id, None, before).aggregate(
        t=Max("first_submitted_at"))["t"]
    times = [t for t in (proposal, opinion) if t is not None]
    return max(times) if times else None


@dataclass
class PeriodTopics:
    """A calendar period's hot topics, with the window they were read from, the counts of
    proposals and 社情民意 items clustered, and the half-life their heat was computed with
    (score = Σ over authors 0.5 ** (days before the end / half_life_days)
    + VOTES_WEIGHT × ln(1 + votes), textintel.topics)."""

    start: datetime
    end: datetime
    topics: list[TopicRow]
    proposals: int
    opinions: int
    half_life_days: float
    # 社情民意 items made from proposals converted in review, by the day of the conversion:
    # not clustered (their proposals are), but counted by the 社情民意 statistics.
    converted_opinions: int = 0


def period_topics(*, user: User, period, top: int = 10) -> PeriodTopics:
    """Return the hot topics of a reports.periods.Period in the committee's time zone, each
    compared with the period before."""
    from xieshang.textintel.topics import default_half_life

    zone = timezone.get_current_timezone()

    def moment(day):
        return timezone.make_aware(datetime.combine(day, time.min), zone)

    start, end = moment(period.first), moment(period.end)
    topics = hot_topics(user=user, start=start, end=end, top=top,
                        earlier_start=moment(period.previous().first))
    proposals, opinions = _window_stamps(user.committee_id, start, end)
    return PeriodTopics(start, end, topics, proposals["n"], opinions["n"],
                        default_half_life(start, end),
                        _converted_opinions(user.committee_id, start, end))


def _converted_opinions(committee_id: int, start: datetime, end: datetime) -> int:
    """Return how many 社情民意 items came from proposals converted in the window."""
    from xieshang.opinions.models import Opinion

    return Opinion.objects.filter(committee_id=committee_id, source_kind="converted_proposal",
                                  first_submitted_at__gte=start,
                                  first_submitted_at__lt=end).count()


def hot_topics(*, user: User, start: datetime, end: datetime, top: int = 10,
               earlier_start: datetime | None = None) -> list[TopicRow]:
    """Return the window's hot topics across proposals and 社情民意 items, hottest first.

    Items are clustered by textintel.topics; links go to the items the user may open. With
    `earlier_start`, each topic is compared with the topics of [earlier_start, start)
    (textintel.topic_follow) and marked new or continuing one of them.
    """
    from xieshang.opinions import permissions as opinion_permissions

    committee_id = user.committee_id
    items, rows, topics, key = _clustered(committee_id, start, end, top)
    follows = [None] * len(topics)
    earlier_topics, erows = [], {}
    # Compared only when the period before had submissions: with none, "new" would say nothing.
    compared = False
    if earlier_start is not None and topics:
        earlier_items, erows, earlier_topics, earlier_key = _clustered(
            committee_id, earlier_start, start, EARLIER_TOPICS)
        if earlier_items:
            from xieshang.textintel.topic_follow import continuations

            compared = True
            follows = _cached(("follow", key, earlier_key), lambda: continuations(
                topics, earlier_topics, background=[*earlier_items, *items]))
    out = []
    for t, follow in zip(topics, follows, strict=True):
        members = []
        for m in t.members:
            p = rows.get(m.id)
            if p is None:
                continue
            # The page and status of an item only for readers who may open it.
            if m.id.startswith("opinion:"):
                seen = opinion_permissions.can_view(user, p)
                members.append(TopicMember(
                    "opinion", p.pk, p.title, "", m.time,
                    reverse("opinions:detail", args=[p.pk]) if seen else None,
                    p.status if seen else ""))
                continue
            seen = permissions.can_view(user, p)
            members.append(TopicMember(
                "proposal", p.pk, p.title, p.official_number or p.receipt_number, m.time,
                reverse("proposals:detail", args=[p.pk]) if seen else None,
                p.status if seen else "", official_number=p.official_number,
                receipt_number=p.receipt_number))
        lead = rows.get(t.representative)
        earlier = None
        if follow is not None:
            e = earlier_topics[follow.index]
            near_row = erows.get(e.members[follow.member].id)
            e_row = erows.get(e.representative)
            title = e_row.title if e_row else e.title
            closest = near_row.title if near_row is not None else ""
            earlier = EarlierTopic(follow.index + 1, title, e.size, follow.score,
                                   closest if closest != title else "")
        # Every item here has an author (_topic_items): member:, opinion-user: or body:.
        authors = {m.author for m in t.members}
        bodies = sum(1 for a in authors if a and a.startswith("body:"))
        out.append(TopicRow(t.keywords, lead.title if lead else t.title, t.score, t.size,
                            t.authors, t.first, t.last, members, votes=t.votes,
                            is_new=(earlier is None) if compared else None, earlier=earlier,
                            persons=len(authors) - bodies, bodies=bodies))
    return out
