"""API for the hot topics of a month, a quarter or a year: what the page shows, for a dashboard
or another system."""

from datetime import date, datetime

from ninja import Query, Router, Schema
from pydantic import Field

from xieshang.api.schemas import responses
from xieshang.core.errors import PermissionDenied, ValidationError

from . import periods, permissions
from . import topics as topic_reads

router = Router(tags=["热点话题"])


class HotTopicsQuery(Schema):
    period: str = Field("month", pattern="^(month|quarter|year)$",
                        description="month / quarter / year")
    month: str | None = Field(None, pattern=r"^\d{4}-(0[1-9]|1[0-2])$",
                              description="YYYY-MM：该月，或含该月的季度、年；缺省为本月")
    top: int = Field(10, ge=1, le=50)


class HotTopicMemberOut(Schema):
    kind: str
    id: int
    number: str
    title: str
    time: datetime | None
    # The member's page and status, when the caller may open it (else null and "").
    url: str | None
    status: str


class HotTopicEarlierOut(Schema):
    rank: int
    title: str
    size: int
    score: float


class HotTopicOut(Schema):
    rank: int
    title: str
    keywords: list[str]
    size: int
    proposals: int
    opinions: int
    authors: int
    votes: int
    score: float
    first: datetime | None
    last: datetime | None
    # None: not compared (nothing submitted in the period before); True: new; False: continues
    # `earlier`.
    is_new: bool | None
    earlier: HotTopicEarlierOut | None
    members: list[HotTopicMemberOut]


class HotTopicsOut(Schema):
    period: str
    label: str
    first: date
    end: date
    proposals: int
    opinions: int
    half_life_days: float
    topics: list[HotTopicOut]


def _period(query: HotTopicsQuery) -> periods.Period:
    if query.month and not periods.FIRST_YEAR <= int(query.month[:4]) <= periods.LAST_YEAR:
        raise ValidationError(f"月份须在 {periods.FIRST_YEAR} 年至 {periods.LAST_YEAR} 年之间。",
                              field="month")
    return periods.from_query(query.period, query.month)


def _topic(rank: int, t: topic_reads.TopicRow) -> dict:
    return {
        "rank": rank, "title": t.title, "keywords": t.keywords, "size": t.size,
        "proposals": t.proposals, "opinions": t.opinions, "authors": t.authors,
        "votes": t.votes, "score": round(t.score, 3), "first": t.first, "last": t.last,
        "is_new": t.is_new, "earlier": t.earlier.__dict__ if t.earlier else None,
        "members": [m.__dict__ for m in t.members],
    }


@router.get("/topics", response=responses(HotTopicsOut),
            summary="热点话题：某月、某季度或某年提交的提案和社情民意信息自动聚类")
def hot_topics(request, query: Query[HotTopicsQuery]):
    if not permissions.can_read_topics(request.user):
        raise PermissionDenied("您无权查看热点话题。")
    period = _period(query)
    read = topic_reads.period_topics(user=request.user, period=period, top=query.top)
    return {
        "period": period.kind, "label": period.label, "first": period.first, "end": period.end,
        "proposals": read.proposals, "opinions": read.opinions,
        "half_life_days": read.half_life_days,
        "topics": [_topic(i, t) for i, t in enumerate(read.topics, 1)],
    }
