"""Reads: settings, types, lists with constant query counts, attendance sheets and rows."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from xieshang.accounts.models import User
from xieshang.core import clock
from xieshang.opinions.models import Opinion
from xieshang.organization.models import Member, Membership, Term

from . import permissions
from .models import (
    Activity,
    ActivityEvent,
    ActivitySettings,
    ActivityType,
    ConsultationPlan,
    ConsultationTopic,
    LeaveRequest,
    OversightGroup,
    Participant,
    ParticipantRole,
    ResearchReport,
    SignIn,
    Speech,
)
from .workflow import ActivityStatus, LeaveStatus

DEFAULT_TYPES = [
    ("调研", "other"), ("视察", "other"), ("考察", "other"), ("座谈", "other"),
    ("培训", "training"), ("协商会", "other"), ("民主监督", "other"),
    ("委员接待日", "other"), ("大会", "plenary"), ("常委会议", "standing"),
    ("专委会会议", "special_committee"), ("督查调研", "other"), ("常态跟踪", "other"),
]


def activity_settings(committee_id: int) -> ActivitySettings:
    """Return the committee's activity settings, the defaults if none were saved."""
    row = ActivitySettings.objects.filter(committee_id=committee_id).first()
    return row or ActivitySettings(committee_id=committee_id)


def activity_types(*, committee_id: int, active_only: bool = True):
    """Return the committee's activity types, creating the default list the first time."""
    qs = ActivityType.objects.filter(committee_id=committee_id)
    if not qs.exists():
        ActivityType.objects.bulk_create(
            [ActivityType(committee_id=committee_id, name=n, kind=k, order=i)
             for i, (n, k) in enumerate(DEFAULT_TYPES)], ignore_conflicts=True)
    return qs.filter(is_active=True) if active_only else qs


def current_term(committee_id: int, on: datetime | None = None) -> Term | None:
    """Return the term in force on the day (the latest started one)."""
    day = clock.localdate(on or clock.now())
    return (Term.objects.filter(committee_id=committee_id, start_date__lte=day)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
            .order_by("-start_date").first())


def active_memberships(committee_id: int, on: datetime | None = None):
    term = current_term(committee_id, on)
    return Membership.objects.filter(committee_id=committee_id, term=term, status="active")


def _count_of(model) -> Coalesce:
    """How many rows of `model` an activity has, as a subquery: counting through joins would
    multiply the participants by the sign-ins (455 × 437 rows for one plenary)."""
    rows = (model.objects.filter(activity=OuterRef("pk")).order_by().values("activity")
            .annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(rows), 0)


def _list_qs(committee_id: int):
    """The committee's activities, newest first, with organisers and their counts."""
    return (Activity.objects.filter(committee_id=committee_id)
            .select_related("type", "topic", "group")
            .prefetch_related("organisers__special_committee", "organisers__party",
                              "organisers__sector")
            .annotate(invited_count=_count_of(Participant), signin_count=_count_of(SignIn))
            .order_by("-start", "-id"))


def _open_to(member):
    """Activities a member is listed on, or may sign up for."""
    return Q(mode="signup") | Exists(Participant.objects.filter(activity=OuterRef("pk"),
                                                                 member=member))


def activity_list(*, user: User, status: str | None = None, year: int | None = None,
                  type_id: int | None = None, q: str | None = None):
    """Return the activities the user may see, newest first, with organisers and counts."""
    qs = _list_qs(user.committee_id)
    if not permissions.can_read_all(user) and not permissions.is_liaison(user):
        member = permissions.member_of(user)
        qs = qs.exclude(status=ActivityStatus.DRAFT).filter(_open_to(member)) \
            if member else qs.none()
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(start__year=year)
    if type_id:
        qs = qs.filter(type_id=type_id)
    if q:
        qs = qs.filter(title__icontains=q)
    return qs


def my_activities(*, user: User):
    """Return published activities for the member (invited, signed up, or open for sign-up),
    each one's state by id and its label as the member reads it by id."""
    member = permissions.member_of(user)
    if member is None:
        return Activity.objects.none(), {}, {}
    qs = _list_qs(user.committee_id).filter(status__in=["published", "closed"]).filter(
        _open_to(member))
    rows = list(qs[:200])
    ids = [a.pk for a in rows]
    mine = set(Participant.objects.filter(activity_id__in=ids, member=member)
               .values_list("activity_id", flat=True))
    signed = set(SignIn.objects.filter(activity_id__in=ids, member=member)
                 .values_list("activity_id", flat=True))
    leaves = {lv.activity_id: lv for lv in LeaveRequest.objects.filter(
        activity_id__in=ids, member=member).exclude(status=LeaveStatus.WITHDRAWN)
        .order_by("requested_at")}
    now = clock.now()
    state, labels = {}, {}
    for a in rows:
        state[a.pk] = _state(now, a, a.pk in signed, leaves.get(a.pk), a.pk in mine)
        labels[a.pk] = _my_label(now, a, state[a.pk], leaves.get(a.pk))
    return rows, state, labels


def _my_label(now, activity, state: str, leave) -> str:
    """How 我的活动 words a state for the member: the sheet's 未签到 only once it has begun."""
    if state == "open":
        if activity.status == "closed" or now >= activity.end:
            return "未报名"
        if activity.signup_deadline and now > activity.signup_deadline:
            return "报名已截止"
        return "可报名"
    if state == "pending":
        if leave is not None and leave.status == LeaveStatus.PENDING:
            return "请假待批"
        if now < activity.start:
            return "待参加"
    return STATE_LABELS[state]


def _state(now, activity, signed: bool, leave, expected: bool = True) -> str:
    if signed:
        return "attended"
    if leave is not None and leave.status == LeaveStatus.APPROVED:
        return "on_leave"
    if not expected:
        return "open"
    if now > activity.end and activity.status in ("published", "closed"):
        return "absent"
    return "pending"


STATE_LABELS = {"attended": "已出席", "on_leave": "请假", "absent": "缺席", "pending": "未签到",
                "open": "可报名"}


ROLE_LABELS = dict(ParticipantRole.choices)


@dataclass
class SheetRow:
    member: Member
    source: str
    state: str
    signin: SignIn | None
    leave: LeaveRequest | None
    role: str = ParticipantRole.PARTICIPANT

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


@dataclass
class Sheet:
    activity: Activity
    rows: list[SheetRow]
    totals: dict = field(default_factory=dict)
    walk_ins: list[SignIn] = field(default_factory=list)


def attendance_sheet(*, activity: Activity) -> Sheet:
    """Return each expected member's state (attended / on leave / absent / not yet) with totals.

    Absence is computed: an expected member with no sign-in and no approved leave once the
    activity has ended.
    """
    now = clock.now()
    parts = list(Participant.objects.filter(activity=activity).select_related("member"))
    signins = {s.member_id: s for s in SignIn.objects.filter(activity=activity)
               .select_related("member", "recorded_by")}
    leaves: dict[int, LeaveRequest] = {}
    for lv in (LeaveRequest.objects.filter(activity=activity)
               .exclude(status=LeaveStatus.WITHDRAWN).order_by("requested_at", "id")):
        leaves[lv.member_id] = lv
    rows = [SheetRow(p.member, p.source, _state(now, activity, p.member_id in signins,
                                                leaves.get(p.member_id)),
                     signins.get(p.member_id), leaves.get(p.member_id), p.role) for p in parts]
    expected = {p.member_id for p in parts}
    totals = {k: sum(1 for r in rows if r.state == k)
              for k in ("attended", "on_leave", "absent", "pending")}
    totals["expected"] = len(rows)
    totals["signins"] = len(signins)
    return Sheet(activity, rows, totals,
                 [s for mid, s in signins.items() if mid not in expected])


def pending_leaves(*, activity: Activity):
    return (LeaveRequest.objects.filter(activity=activity, status=LeaveStatus.PENDING)
            .select_related("member"))


def activity_timeline(*, activity: Activity):
    return ActivityEvent.objects.filter(activity=activity).select_related("actor")


def member_attendance(*, committee_id: int, member_id: int, year: int | None = None) -> list[dict]:
    """Return one row per activity the member was expected at or signed in to, oldest first.

    Each row: activity id, title, type, type kind, start, end, source, role (participant or
    leader; a walk-in is a participant), state (attended / on_leave / absent / pending),
    signed-in time. For member performance records.
    """
    acts = (Activity.objects.filter(committee_id=committee_id,
                                    status__in=["published", "closed"])
            .filter(Q(participants__member_id=member_id) | Q(signins__member_id=member_id))
            .distinct().select_related("type").order_by("start", "id"))
    if year:
        acts = acts.filter(start__year=year)
    acts = list(acts)
    ids = [a.pk for a in acts]
    parts = {pk: (source, role) for pk, source, role in Participant.objects.filter(
        activity_id__in=ids, member_id=member_id).values_list("activity_id", "source", "role")}
    signins = dict(SignIn.objects.filter(activity_id__in=ids, member_id=member_id)
                   .values_list("activity_id", "at"))
    leaves = {lv.activity_id: lv for lv in LeaveRequest.objects.filter(
        activity_id__in=ids, member_id=member_id).exclude(status=LeaveStatus.WITHDRAWN)
        .order_by("requested_at", "id")}
    now = clock.now()
    return [{"activity_id": a.pk, "title": a.title, "type": a.type.name, "kind": a.type.kind,
             "start": a.start, "end": a.end,
             "source": parts.get(a.pk, ("walk_in",))[0],
             "role": parts.get(a.pk, ("", ParticipantRole.PARTICIPANT))[1],
             "state": _state(now, a, a.pk in signins, leaves.get(a.pk)),
             "signed_in_at": signins.get(a.pk)} for a in acts]


def plan_list(*, committee_id: int):
    return ConsultationPlan.objects.filter(committee_id=committee_id).annotate(
        topic_count=Count("topics"))


def plan_detail(*, plan: ConsultationPlan):
    return (ConsultationTopic.objects.filter(plan=plan)
            .select_related("host_special_committee", "host_party", "unit")
            .prefetch_related("outputs", "proposal_links__proposal__proposers",
                              "opinion_links__opinion",
                              Prefetch("activities", queryset=Activity.objects.only(
                                  "id", "title", "topic_id", "start"))))


def group_list(*, committee_id: int):
    return (OversightGroup.objects.filter(committee_id=committee_id)
            .select_related("unit", "leader").prefetch_related("members")
            .annotate(activity_count=Count("activities", distinct=True),
                      note_count=Count("notes", distinct=True)))


def speech_list(*, user: User, session_id: int | None = None, status: str | None = None):
    qs = Speech.objects.filter(committee_id=user.committee_id).select_related("member",
                                                                               "session")
    if not permissions.can_read_all(user):
        member = permissions.member_of(user)
        qs = qs.filter(member=member) if member else qs.none()
    if session_id:
        qs = qs.filter(session_id=session_id)
    if status:
        qs = qs.filter(status=status)
    return qs


def speeches_for_opinions(*, committee_id: int):
    """Hook for the opinions app: speeches decided "转社情民意" and not yet turned into one.

    The opinions app creates its record from each row, then calls
    `services.speech_opinion_link(speech_id=..., opinion_id=...)`.
    """
    return (Speech.objects.filter(committee_id=committee_id, status="to_opinion",
                                  opinion_id__isnull=True).select_related("member", "session"))


def speech_opinion(*, speech: Speech):
    """The 社情民意 item a speech became, if it still exists in the speech's committee."""
    if speech.opinion_id is None:
        return None
    return Opinion.objects.filter(pk=speech.opinion_id, committee_id=speech.committee_id).first()


def subject_timeline(*, subject: str, subject_id: int, committee_id: int):
    """The events of one speech, report or other row of this app, oldest first."""
    return (ActivityEvent.objects.filter(committee_id=committee_id, subject=subject,
                                         subject_id=subject_id)
            .select_related("actor").order_by("at", "id"))


def report_list(*, committee_id: int):
    return (ResearchReport.objects.filter(committee_id=committee_id)
            .select_related("activity", "topic")
            .prefetch_related("authors", "group_members", "instructions"))
