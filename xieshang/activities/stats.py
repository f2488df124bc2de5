"""Activity and consultation figures; each function states its numerator and denominator.

Period: `year` selects activities starting in that calendar year; `session_id` selects the
year of that session (activities are annual work, a session is the year's plenary). An activity
counts when it was published or closed (drafts and cancelled activities were not held).
"""

from collections import defaultdict

from django.db.models import Count, Exists, OuterRef

from xieshang.core import clock
from xieshang.organization.models import Session

from .models import (
    Activity,
    ActivityOrganiser,
    ConsultationTopic,
    LeaveRequest,
    Participant,
    SignIn,
)
from .workflow import HELD_ACTIVITY, HELD_TOPIC, LeaveStatus, TopicStatus

ORGANISER_KINDS = ("special_committee", "party", "sector", "general_office")


def _year(committee_id: int, year: int | None, session_id: int | None) -> int | None:
    if session_id is not None:
        session = Session.objects.filter(pk=session_id, committee_id=committee_id).first()
        return session.year if session else -1
    return year


def held_activities(committee_id: int, year: int | None = None, session_id: int | None = None):
    """Return the activities that count: published or closed, starting in the period."""
    qs = Activity.objects.filter(committee_id=committee_id, status__in=HELD_ACTIVITY)
    y = _year(committee_id, year, session_id)
    if y is not None:
        qs = qs.filter(start__year=y)
    return qs


def activity_stats(committee_id: int, year: int | None = None,
                   session_id: int | None = None) -> dict:
    """Return the activity figures of the period.

    - count: activities held (published or closed, start in the period); no denominator.
    - participations (人次): sign-ins (by code or recorded by staff) at those activities;
      one member at one activity counts once.
    - by_type: {type name: {count, participations}} over the same activities.
    - by_organiser_kind: for special_committee / party / sector / general_office,
      count = activities having at least one organiser of that kind (a joint activity of two
      special committees counts once under special_committee; an activity with organisers of
      two kinds counts under both), participations = sign-ins at those activities.
    - leave: approved leave requests at those activities.
    - absence: expected members (invited or signed up) of those activities that have ended,
      with no sign-in and no approved leave; computed, never typed.
    - expected: invited or signed-up members of those activities (the denominator of an
      attendance rate attended/expected).
    - consultation_topics: {planned: topics of the year's consultation plan not cancelled,
      held: those held or closed, cancelled: those cancelled}.
    """
    acts = held_activities(committee_id, year, session_id)
    rows = list(acts.values("pk", "type__name", "end")
                .annotate(signins=Count("signins", distinct=True)))
    by_pk = {r["pk"]: r for r in rows}
    by_type: dict = defaultdict(lambda: {"count": 0, "participations": 0})
    for r in rows:
        t = by_type[r["type__name"]]
        t["count"] += 1
        t["participations"] += r["signins"]
    by_kind = {k: {"count": 0, "participations": 0} for k in ORGANISER_KINDS}
    pairs = set(ActivityOrganiser.objects.filter(activity__in=acts)
                .values_list("activity_id", "kind"))
    for activity_id, kind in pairs:
        by_kind[kind]["count"] += 1
        by_kind[kind]["participations"] += by_pk[activity_id]["signins"]
    leave = LeaveRequest.objects.filter(activity__in=acts, status=LeaveStatus.APPROVED).count()
    ended = acts.filter(end__lt=clock.now())
    expected_all = Participant.objects.filter(activity__in=acts).count()
    absence = (Participant.objects.filter(activity__in=ended)
               .exclude(Exists(SignIn.objects.filter(activity_id=OuterRef("activity_id"),
                                                     member_id=OuterRef("member_id"))))
               .exclude(Exists(LeaveRequest.objects.filter(
                   activity_id=OuterRef("activity_id"), member_id=OuterRef("member_id"),
                   status=LeaveStatus.APPROVED)))
               .count())
    return {
        "count": len(rows),
        "participations": sum(r["signins"] for r in rows),
        "expected": expected_all,
        "by_type": dict(by_type),
        "by_organiser_kind": by_kind,
        "leave": leave,
        "absence": absence,
        "consultation_topics": topic_stats(committee_id, _year(committee_id, year, session_id)),
    }


def topic_stats(committee_id: int, year: int | None) -> dict:
    """Count the topics of the year's consultation plan.

    planned = topics not cancelled; held = topics held or closed (numerator of the plan's
    completion rate held/planned); cancelled = topics cancelled.
    """
    qs = ConsultationTopic.objects.filter(committee_id=committee_id)
    if year is not None:
        qs = qs.filter(plan__year=year)
    return {
        "planned": qs.exclude(status=TopicStatus.CANCELLED).count(),
        "held": qs.filter(status__in=HELD_TOPIC).count(),
        "cancelled": qs.filter(status=TopicStatus.CANCELLED).count(),
    }
