"""Every write: plans and topics, activities, invitations, sign-in, leave, groups, speeches,
research reports. Each runs in one transaction and writes an ActivityEvent."""

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from xieshang.accounts.models import User
from xieshang.accounts.roles import Role
from xieshang.accounts.selectors import has_role
from xieshang.core import clock, workflow
from xieshang.core.errors import (
    Conflict,
    FieldErrors,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from xieshang.core.text_input import clean_text as _text
from xieshang.notifications.services import notify
from xieshang.opinions.models import Opinion
from xieshang.opinions.workflow import Status as OpinionStatus
from xieshang.organization.models import Member, Party, Sector, Session, SpecialCommittee, Unit
from xieshang.proposals.models import Proposal

from . import permissions, selectors
from .models import (
    Activity,
    ActivityEvent,
    ActivityOrganiser,
    ActivitySettings,
    ActivityType,
    ConsultationForm,
    ConsultationPlan,
    ConsultationTopic,
    FollowUpKind,
    LeaderLevel,
    LeaveApprover,
    LeaveRequest,
    OrganiserKind,
    OutputKind,
    OversightGroup,
    OversightNote,
    Participant,
    ParticipantRole,
    ReportInstruction,
    ResearchReport,
    SignIn,
    Speech,
    TopicOpinion,
    TopicOutput,
    TopicProposal,
)
from .workflow import (
    ACTIVITY,
    HELD_ACTIVITY,
    LEAVE,
    PLAN,
    REPORT,
    SPEECH,
    TOPIC,
    ActivityStatus,
    LeaveStatus,
    Transition,
)

EARLIEST = date(1950, 1, 1)
MAX_INVITES = 2000
SUBJECTS = {Activity: "activity", ConsultationPlan: "plan", ConsultationTopic: "topic",
            LeaveRequest: "leave", Speech: "speech", ResearchReport: "report",
            OversightGroup: "group", TopicOutput: "output"}


# --- events and transitions ---------------------------------------------------------------


def record_event(*, actor: User | None, subject, action: str, frm: str = "", to: str = "",
                 activity: Activity | None = None, **payload) -> ActivityEvent:
    """Append one event about a row of this app."""
    if activity is None and isinstance(subject, Activity):
        activity = subject
    return ActivityEvent.objects.create(
        committee_id=subject.committee_id, subject=SUBJECTS[type(subject)],
        subject_id=subject.pk, activity=activity, actor=actor, action=action, from_status=frm,
        to_status=to, at=clock.now(), payload=payload)


def _check(obj, transition: Transition, actor: User) -> None:
    workflow.check(obj, transition, actor, permissions)


def _apply(obj, transition: Transition, actor: User,
           mutate: Callable[[object], Iterable[str]] | None = None, *,
           activity: Activity | None = None, **payload):
    """Move a locked row along its table and write the event; the caller holds the lock."""
    return workflow.move(obj, transition, actor, permissions, mutate=mutate, record=lambda frm, to:
                         record_event(actor=actor, subject=obj, action=transition.name, frm=frm,
                                      to=to, activity=activity, **payload))


# --- input --------------------------------------------------------------------------------




def _date(value: date | None, label: str, field: str, *, past: bool = True) -> date:
    if value is None:
        raise ValidationError(f"请填写{label}。", field=field)
    if value < EARLIEST or (past and value > clock.today()) or value.year > 2100:
        raise ValidationError(f"{label}不在有效范围内（不能早于1950年，不能晚于今天）。",
                              field=field)
    return value


def _aware(value: datetime | None, label: str, field: str) -> datetime:
    if value is None:
        raise ValidationError(f"请填写{label}。", field=field)
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value.year < 1950 or value.year > 2100:
        raise ValidationError(f"{label}不在有效范围内。", field=field)
    return value


def _row(model, committee_id: int, pk: int | None, label: str, field: str):
    if pk is None:
        return None
    row = model.objects.filter(pk=pk, committee_id=committee_id).first()
    if row is None:
        raise ValidationError(f"所选{label}不存在。", field=field)
    return row


def _member_of(actor: User) -> Member:
    member = permissions.member_of(actor)
    if member is None:
        raise PermissionDenied("只有委员本人可以执行该操作。")
    return member


# --- settings and types -------------------------------------------------------------------


@transaction.atomic
def activity_settings_update(*, actor: User, leave_approver: str, leave_approver_role: str = "",
                             signin_margin_minutes: int = 30) -> ActivitySettings:
    """Set who approves leave and how early sign-in opens."""
    if not (permissions.is_general_office(actor) or
            has_role(actor, Role.SYS_ADMIN)):
        raise PermissionDenied("只有政协办公室工作人员或系统管理员可以修改活动设置。")
    if leave_approver not in LeaveApprover.values:
        raise ValidationError("请假审批人应为活动组织方或指定角色。", field="leave_approver")
    if leave_approver == "role" and leave_approver_role not in Role.values:
        raise ValidationError("请选择审批请假的角色。", field="leave_approver_role")
    if not 0 <= signin_margin_minutes <= 720:
        raise ValidationError("提前签到分钟数应在0至720之间。", field="signin_margin_minutes")
    row, _ = ActivitySettings.objects.select_for_update(of=("self",)).get_or_create(
        committee_id=actor.committee_id)
    row.leave_approver = leave_approver
    row.leave_approver_role = leave_approver_role if leave_approver == "role" else ""
    row.signin_margin_minutes = signin_margin_minutes
    row.save()
    return row


@transaction.atomic
def activity_type_create(*, actor: User, name: str, kind: str) -> ActivityType:
    """Add an activity type to the committee's list."""
    if not permissions.is_general_office(actor):
        raise PermissionDenied("只有政协办公室工作人员可以维护活动类型。")
    name = _text(name, "类型名称", "name", max_len=30)
    from .models import ActivityKind

    if kind not in ActivityKind.values:
        raise ValidationError("请选择统计类别。", field="kind")
    selectors.activity_types(committee_id=actor.committee_id)
    if ActivityType.objects.filter(committee_id=actor.committee_id, name=name).exists():
        raise ValidationError("已有同名活动类型。", field="name")
    return ActivityType.objects.create(committee_id=actor.committee_id, name=name, kind=kind,
                                       order=100)


# --- consultation plan --------------------------------------------------------------------


@transaction.atomic
def plan_create(*, actor: User, year: int, title: str = "") -> ConsultationPlan:
    """Start drafting the annual consultation plan (年度协商计划) of a year."""
    if not permissions.can_manage_plan(actor):
        raise PermissionDenied("只有政协办公室工作人员可以拟订年度协商计划。")
    if not 1950 <= year <= 2100:
        raise ValidationError("年度不在有效范围内。", field="year")
    if ConsultationPlan.objects.filter(committee_id=actor.committee_id, year=year).exists():
        raise Conflict(f"{year}年度协商计划已存在。")
    now = clock.now()
    plan = ConsultationPlan.objects.create(
        committee_id=actor.committee_id, year=year,
        title=_text(title, "名称", "title", required=False, max_len=100)
        or f"{year}年度协商计划", created_by=actor, created_at=now, updated_at=now)
    record_event(actor=actor, subject=plan, action="create", to=plan.status, year=year)
    return plan


@transaction.atomic
def plan_adopt(*, actor: User, plan_id: int, meeting: str, meeting_date: date | None,
               text: str) -> ConsultationPlan:
    """Record the meeting decision adopting the plan."""
    plan = permissions.access(ConsultationPlan, actor, plan_id, for_update=True)
    transition = PLAN["adopt"]
    _check(plan, transition, actor)
    meeting = _text(meeting, "会议名称", "meeting", max_len=100)
    meeting_date = _date(meeting_date, "会议日期", "meeting_date")
    text = _text(text, "决定内容", "text")

    def adopt(p):
        p.meeting, p.meeting_date, p.decision_text = meeting, meeting_date, text
        return ["meeting", "meeting_date", "decision_text"]

    return _apply(plan, transition, actor, adopt, meeting=meeting,
                  meeting_date=meeting_date.isoformat(), text=text)


@transaction.atomic
def topic_create(*, actor: User, plan_id: int, title: str, form: str, planned_month: int,
                 host_special_committee_id: int | None = None, host_party_id: int | None = None,
                 unit_id: int | None = None, description: str = "") -> ConsultationTopic:
    """Add a topic to the plan with its form, host body (承办) and linked department."""
    plan = permissions.access(ConsultationPlan, actor, plan_id, for_update=True)
    if not permissions.can_manage_plan(actor, plan):
        raise PermissionDenied("只有政协办公室工作人员可以编排协商议题。")
    if form not in ConsultationForm.values:
        raise ValidationError("请选择协商形式。", field="form")
    if not 1 <= planned_month <= 12:
        raise ValidationError("计划月份应为1至12。", field="planned_month")
    if host_special_committee_id and host_party_id:
        raise ValidationError("承办单位只能选择一个专委会或一个党派团体。", field="host_party_id")
    cid = actor.committee_id
    topic = ConsultationTopic.objects.create(
        committee_id=cid, plan=plan, title=_text(title, "协商议题", "title", max_len=200),
        form=form, planned_month=planned_month,
        host_special_committee=_row(SpecialCommittee, cid, host_special_committee_id, "专委会",
                                    "host_special_committee_id"),
        host_party=_row(Party, cid, host_party_id, "党派团体", "host_party_id"),
        unit=_row(Unit, cid, unit_id, "政府部门", "unit_id"),
        description=_text(description, "说明", "description", required=False),
        updated_at=clock.now())
    record_event(actor=actor, subject=topic, action="create", to=topic.status, plan_id=plan.pk,
                 title=topic.title, form=form)
    return topic


@transaction.atomic
def topic_transition(*, actor: User, topic_id: int, name: str,
                     reason: str = "") -> ConsultationTopic:
    """Move a topic: start, hold, close, or cancel with a reason."""
    topic = permissions.access(ConsultationTopic, actor, topic_id, for_update=True)
    if name not in TOPIC:
        raise ValidationError("不支持的操作。", field="name")
    transition = TOPIC[name]
    _check(topic, transition, actor)
    if name == "cancel":
        reason = _text(reason, "取消原因", "reason")

        def cancel(t):
            t.cancel_reason = reason
            return ["cancel_reason"]

        return _apply(topic, transition, actor, cancel, reason=reason)
    return _apply(topic, transition, actor)


@transaction.atomic
def topic_output_record(*, actor: User, topic_id: int, kind: str, title: str, text: str = "",
                        reference: str = "") -> TopicOutput:
    """Record a 纪要, 建议案 or report produced by the topic (text or a reference)."""
    topic = permissions.access(ConsultationTopic, actor, topic_id, for_update=True)
    if not permissions.can_manage_topic(actor, topic):
        raise PermissionDenied("只有承办方或政协办公室工作人员可以录入协商成果。")
    if kind not in OutputKind.values:
        raise ValidationError("请选择成果类型。", field="kind")
    text = _text(text, "内容", "text", required=False, max_len=50000)
    reference = _text(reference, "文号或出处", "reference", required=False, max_len=200)
    if not text and not reference:
        raise ValidationError("请填写成果内容或文号出处。", field="text")
    out = TopicOutput.objects.create(
        committee_id=topic.committee_id, topic=topic, kind=kind,
        title=_text(title, "标题", "title", max_len=200), text=text, reference=reference,
        recorded_by=actor, recorded_at=clock.now())
    record_event(actor=actor, subject=topic, action="output", output_id=out.pk, kind=kind,
                 title=out.title)
    return out


@transaction.atomic
def topic_output_adopt(*, actor: User, output_id: int, adopted_by: str,
                       adopted_on: date | None, note: str = "") -> TopicOutput:
    """Record that an output was adopted (采纳): by whom, when, and how."""
    out = permissions.access(TopicOutput, actor, output_id, for_update=True)
    topic = out.topic
    if not permissions.can_manage_topic(actor, topic):
        raise PermissionDenied("只有承办方或政协办公室工作人员可以录入采纳情况。")
    if out.adopted_on is not None:
        raise Conflict("该成果已录入采纳情况。")
    out.adopted_by = _text(adopted_by, "采纳单位或领导", "adopted_by", max_len=100)
    out.adopted_on = _date(adopted_on, "采纳日期", "adopted_on")
    out.adoption_note = _text(note, "采纳情况", "note", required=False)
    out.save(update_fields=["adopted_by", "adopted_on", "adoption_note"])
    record_event(actor=actor, subject=topic, action="output_adopt", output_id=out.pk,
                 adopted_by=out.adopted_by, adopted_on=out.adopted_on.isoformat())
    return out


def _topic_link(actor: User, topic_id: int, link_model, field: str, target_model, target_id: int,
                label: str, check=None):
    """Link a proposal or a 社情民意 item derived from a topic, once, with an event."""
    topic = permissions.access(ConsultationTopic, actor, topic_id, for_update=True)
    if not permissions.can_manage_topic(actor, topic):
        raise PermissionDenied(f"只有承办方或政协办公室工作人员可以关联{label}。")
    target = _row(target_model, topic.committee_id, target_id, label, f"{field}_id")
    if check:
        check(target)
    if link_model.objects.filter(topic=topic, **{field: target}).exists():
        raise Conflict(f"该{label}已关联到本议题。")
    link = link_model.objects.create(committee_id=topic.committee_id, topic=topic,
                                     linked_by=actor, linked_at=clock.now(), **{field: target})
    record_event(actor=actor, subject=topic, action=f"link_{field}",
                 **{f"{field}_id": target.pk})
    return link


@transaction.atomic
def topic_proposal_link(*, actor: User, topic_id: int, proposal_id: int) -> TopicProposal:
    """Link a proposal derived from the topic."""
    return _topic_link(actor, topic_id, TopicProposal, "proposal", Proposal, proposal_id, "提案")


def _submitted(opinion: Opinion) -> None:
    if opinion.status in (OpinionStatus.DRAFT, OpinionStatus.RETURNED):
        raise ValidationError("该社情民意尚未报送，不能关联。", field="opinion_id")


@transaction.atomic
def topic_opinion_link(*, actor: User, topic_id: int, opinion_id: int) -> TopicOpinion:
    """Link a 社情民意 item derived from the topic; drafts and returned items are not linked."""
    return _topic_link(actor, topic_id, TopicOpinion, "opinion", Opinion, opinion_id, "社情民意",
                       check=_submitted)


# --- activities ---------------------------------------------------------------------------


def _organisers(actor: User, organisers: list[dict]) -> list[ActivityOrganiser]:
    if not organisers:
        raise ValidationError("请至少选择一个组织单位。", field="organisers")
    if len(organisers) > 20:
        raise ValidationError("组织单位最多20个。", field="organisers")
    cid, rows, seen = actor.committee_id, [], set()
    models_by_kind = {"special_committee": (SpecialCommittee, "专委会"),
                      "party": (Party, "党派团体"), "sector": (Sector, "界别")}
    for o in organisers:
        kind, body_id = o.get("kind"), o.get("id")
        if kind not in OrganiserKind.values:
            raise ValidationError("组织单位类型应为专委会、党派团体、界别或办公室。",
                                  field="organisers")
        if (kind, body_id if kind != "general_office" else None) in seen:
            raise ValidationError("组织单位不能重复。", field="organisers")
        seen.add((kind, body_id if kind != "general_office" else None))
        row = ActivityOrganiser(committee_id=cid, kind=kind)
        if kind != "general_office":
            model, label = models_by_kind[kind]
            setattr(row, kind, _row(model, cid, body_id, label, "organisers")
                    if body_id is not None else None)
            if getattr(row, kind) is None:
                raise ValidationError(f"请选择组织的{label}。", field="organisers")
        rows.append(row)
    if not any(permissions.may_organise(actor, r.kind, r.special_committee_id or r.party_id
                                        or r.sector_id) for r in rows):
        raise PermissionDenied("您只能为本单位（本专委会、党派团体或界别）组织活动。")
    return rows


def _new_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def _gather(errors: dict[str, str], fn, /, *args, **kwargs):
    """Call a check; on a refusal keep its message under its field (the first per field) and
    return None, so that one pass reports every field at fault."""
    try:
        return fn(*args, **kwargs)
    except FieldErrors as exc:
        for name, message in exc.errors.items():
            errors.setdefault(name, message)
    except ValidationError as exc:
        errors.setdefault(exc.field or "", exc.message)
    return None


def _schedule(start: datetime | None, end: datetime | None, mode: str,
              signup_deadline: datetime | None, capacity: int | None) -> tuple:
    """Check an activity's time window and sign-up terms; return them normalised, or refuse
    with every field at fault at once (FieldErrors)."""
    errors: dict[str, str] = {}
    start = _gather(errors, _aware, start, "开始时间", "start")
    end = _gather(errors, _aware, end, "结束时间", "end")
    if start and end:
        if end <= start:
            errors["end"] = "结束时间应晚于开始时间。"
        elif end - start > timedelta(days=31):
            errors["end"] = "一次活动不能超过31天。"
    if mode not in ("compulsory", "signup"):
        errors["mode"] = "参加方式应为必须参加或报名参加。"
    elif mode == "signup":
        if signup_deadline:
            signup_deadline = _gather(errors, _aware, signup_deadline, "报名截止时间",
                                      "signup_deadline")
            if signup_deadline and start and signup_deadline > start:
                errors["signup_deadline"] = "报名截止时间不能晚于活动开始时间。"
        else:
            signup_deadline = start
        if capacity is not None and capacity < 1:
            errors["capacity"] = "名额至少为1人。"
    else:
        signup_deadline, capacity = None, None
    if errors:
        raise FieldErrors(errors)
    return start, end, signup_deadline, capacity


@dataclass
class ActivityFields:
    """An activity's fields as activity_create writes them, every one checked."""

    type: ActivityType
    title: str
    description: str
    place: str
    start: datetime
    end: datetime
    mode: str
    signup_deadline: datetime | None
    capacity: int | None
    organisers: list[ActivityOrganiser]
    topic: ConsultationTopic | None
    group: OversightGroup | None
    unit: Unit | None
    session: Session | None


def activity_check(*, actor: User, type_id: int | None, title: str, start: datetime | None,
                   end: datetime | None, mode: str, organisers: list[dict], place: str = "",
                   description: str = "", signup_deadline: datetime | None = None,
                   capacity: int | None = None, topic_id: int | None = None,
                   group_id: int | None = None, unit_id: int | None = None,
                   session_id: int | None = None) -> ActivityFields:
    """Return a new activity's fields checked, or refuse with every field at fault at once
    (FieldErrors); nothing is written. A form whose own parsing failed calls it to show the
    other fields' errors with its own."""
    if not permissions.can_create_activity(actor):
        raise PermissionDenied("只有专委会或联络工作人员可以组织活动。")
    cid = actor.committee_id
    errors: dict[str, str] = {}
    selectors.activity_types(committee_id=cid)  # creates the default types on first use
    if type_id:
        atype = _gather(errors, _row, ActivityType, cid, type_id, "活动类型", "type_id")
    else:
        atype, errors["type_id"] = None, "请选择活动类型。"
    title = _gather(errors, _text, title, "活动名称", "title", max_len=200)
    schedule = _gather(errors, _schedule, start, end, mode, signup_deadline, capacity)
    place = _gather(errors, _text, place, "地点", "place", required=False, max_len=200)
    try:
        rows = _gather(errors, _organisers, actor, organisers)
    except PermissionDenied as exc:
        # Organising in another body's name: named with the other faults when there are some.
        rows, denied = None, exc
    else:
        denied = None
    topic = _gather(errors, _row, ConsultationTopic, cid, topic_id, "协商议题", "topic_id")
    group = _gather(errors, _row, OversightGroup, cid, group_id, "民主监督小组", "group_id")
    unit = _gather(errors, _row, Unit, cid, unit_id, "政府部门", "unit_id")
    session = _gather(errors, _row, Session, cid, session_id, "会议", "session_id")
    description = _gather(errors, _text, description, "活动内容", "description",
                          required=False, max_len=20000)
    if errors:
        if denied is not None:
            errors.setdefault("organisers", denied.message)
        raise FieldErrors(errors)
    if denied is not None:
        raise denied
    start, end, signup_deadline, capacity = schedule
    return ActivityFields(atype, title, description, place, start, end, mode, signup_deadline,
                          capacity, rows, topic, group, unit, session)


@transaction.atomic
def activity_create(*, actor: User, type_id: int | None, title: str, start: datetime | None,
                    end: datetime | None, mode: str, organisers: list[dict], place: str = "",
                    description: str = "", signup_deadline: datetime | None = None,
                    capacity: int | None = None, topic_id: int | None = None,
                    group_id: int | None = None, unit_id: int | None = None,
                    session_id: int | None = None) -> Activity:
    """Set up an activity (draft) with its organisers; publish it to notify members.

    Every field at fault is reported at once (FieldErrors, activity_check)."""
    f = activity_check(actor=actor, type_id=type_id, title=title, start=start, end=end,
                       mode=mode, organisers=organisers, place=place, description=description,
                       signup_deadline=signup_deadline, capacity=capacity, topic_id=topic_id,
                       group_id=group_id, unit_id=unit_id, session_id=session_id)
    now = clock.now()
    activity = Activity.objects.create(
        committee_id=actor.committee_id, type=f.type, title=f.title,
        description=f.description, place=f.place, start=f.start, end=f.end, mode=f.mode,
        signup_deadline=f.signup_deadline, capacity=f.capacity, code=_new_code(),
        topic=f.topic, group=f.group, unit=f.unit, session=f.session,
        created_by=actor, created_at=now, updated_at=now)
    for r in f.organisers:
        r.activity = activity
    ActivityOrganiser.objects.bulk_create(f.organisers)
    record_event(actor=actor, subject=activity, action="create", to=activity.status,
                 title=activity.title, type=f.type.name, mode=f.mode,
                 organisers=[str(r) for r in f.organisers])
    return activity


def _manageable(actor: User, activity_id: int) -> Activity:
    activity = permissions.access_activity(actor, activity_id, for_update=True)
    if not permissions.can_manage_activity(actor, activity):
        raise PermissionDenied("只有活动组织方的工作人员可以执行该操作（谁组织谁记录）。")
    return activity


@transaction.atomic
def activity_invite(*, actor: User, activity_id: int, member_ids: list[int] | None = None,
                    special_committee_id: int | None = None, sector_id: int | None = None,
                    party_id: int | None = None, standing: bool = False,
                    all_members: bool = False) -> int:
    """Invite members individually, by special committee, sector, party, standing or all.

    Groups are resolved against the active seats of the term in force at the activity's start.
    Returns how many members were newly invited; invitees of a published activity are notified.
    """
    activity = _manageable(actor, activity_id)
    if activity.status not in (ActivityStatus.DRAFT, ActivityStatus.PUBLISHED):
        raise Conflict(f"活动当前状态为「{activity.get_status_display()}」，不能邀请委员。")
    cid = activity.committee_id
    ids: set[int] = set()
    member_ids = list(member_ids or [])
    if len(member_ids) > MAX_INVITES:
        raise ValidationError(f"一次最多邀请{MAX_INVITES}人。", field="member_ids")
    if member_ids:
        found = set(Member.objects.filter(committee_id=cid, pk__in=member_ids)
                    .values_list("pk", flat=True))
        if len(found) != len(set(member_ids)):
            raise ValidationError("所选委员不存在。", field="member_ids")
        ids |= found
    seats = selectors.active_memberships(cid, activity.start)
    groups = []
    if special_committee_id is not None:
        _row(SpecialCommittee, cid, special_committee_id, "专委会", "special_committee_id")
        groups.append(seats.filter(special_committees=special_committee_id))
    if sector_id is not None:
        _row(Sector, cid, sector_id, "界别", "sector_id")
        groups.append(seats.filter(sector_id=sector_id))
    if party_id is not None:
        _row(Party, cid, party_id, "党派团体", "party_id")
        groups.append(seats.filter(party_id=party_id))
    if standing:
        groups.append(seats.filter(is_standing=True))
    if all_members:
        groups.append(seats)
    for qs in groups:
        ids |= set(qs.values_list("member_id", flat=True))
    if not ids and not groups:
        raise ValidationError("请选择要邀请的委员。", field="member_ids")
    existing = set(Participant.objects.filter(activity=activity).values_list("member_id",
                                                                              flat=True))
    new = sorted(ids - existing)
    # Sign-up counts invitees against the 名额 too: inviting past it would close sign-up silently.
    if activity.capacity and len(existing) + len(new) > activity.capacity:
        raise ValidationError(
            f"本活动名额{activity.capacity}人，已有{len(existing)}人，本次新增{len(new)}人将超出名额。"
            "请减少邀请人数，或先修改活动的名额。", field="member_ids")
    now = clock.now()
    Participant.objects.bulk_create([
        Participant(committee_id=cid, activity=activity, member_id=m, source="invited",
                    added_by=actor, added_at=now) for m in new])
    record_event(actor=actor, subject=activity, action="invite", member_ids=new,
                 special_committee_id=special_committee_id, sector_id=sector_id,
                 party_id=party_id, standing=standing, all_members=all_members)
    if activity.status == ActivityStatus.PUBLISHED and new:
        _notify_members(activity, new)
    return len(new)


@transaction.atomic
def activity_update(*, actor: User, activity_id: int, title: str, start: datetime | None,
                    end: datetime | None, place: str = "", description: str = "",
                    signup_deadline: datetime | None = None,
                    capacity: int | None = None) -> Activity:
    """Change the notice of a draft, or of a published activity that has not started.

    The event keeps every changed field with its old and new value; when the time or the
    place of a published activity changes, the expected members are told.
    """
    activity = _manageable(actor, activity_id)
    if activity.status not in (ActivityStatus.DRAFT, ActivityStatus.PUBLISHED):
        raise Conflict(f"活动当前状态为「{activity.get_status_display()}」，不能修改。")
    published = activity.status == ActivityStatus.PUBLISHED
    now = clock.now()
    if published and now >= activity.start:
        raise Conflict("活动已经开始，不能再修改通知内容。")
    start, end, signup_deadline, capacity = _schedule(start, end, activity.mode,
                                                      signup_deadline, capacity)
    if published and start <= now:
        raise ValidationError("已发布的活动只能改到以后的时间。", field="start")
    if capacity is not None and capacity < activity.participants.count():
        raise ValidationError("名额不能少于已报名人数。", field="capacity")
    new = {"title": _text(title, "活动名称", "title", max_len=200),
           "description": _text(description, "活动内容", "description", required=False,
                                max_len=20000),
           "place": _text(place, "地点", "place", required=False, max_len=200),
           "start": start, "end": end, "signup_deadline": signup_deadline,
           "capacity": capacity}
    changes = {k: [_plain(getattr(activity, k)), _plain(v)] for k, v in new.items()
               if getattr(activity, k) != v}
    if not changes:
        raise ValidationError("没有修改任何内容。", field="title")
    for field in changes:
        setattr(activity, field, new[field])
    activity.updated_at = now
    activity.save(update_fields=[*changes, "updated_at"])
    record_event(actor=actor, subject=activity, action="update", changes=changes)
    if published and changes.keys() & {"start", "end", "place"}:
        ids = list(activity.participants.values_list("member_id", flat=True))
        users = User.objects.filter(member__pk__in=ids, is_active=True)
        begin = timezone.localtime(activity.start)
        notify(users=users, kind="activity", title=f"活动变更：{activity.title}",
               body=f"时间改为：{begin:%Y-%m-%d %H:%M}；地点：{activity.place or '另行通知'}。",
               url=f"/activities/{activity.pk}/")
    return activity


def _plain(value):
    """A value as it is kept in an event's payload (JSON)."""
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="minutes")
    return value


@transaction.atomic
def activity_uninvite(*, actor: User, activity_id: int, member_id: int,
                      reason: str = "") -> Activity:
    """Take a member off the list of a draft or not-yet-started activity (撤回邀请).

    An open leave request of that member is withdrawn with it; once the activity has started
    the list is fixed, so attendance cannot be changed by editing who was expected.
    """
    activity = _manageable(actor, activity_id)
    if activity.status not in (ActivityStatus.DRAFT, ActivityStatus.PUBLISHED):
        raise Conflict(f"活动当前状态为「{activity.get_status_display()}」，不能撤回邀请。")
    published = activity.status == ActivityStatus.PUBLISHED
    if published and clock.now() >= activity.start:
        raise Conflict("活动已经开始，不能撤回邀请；未到会的按考勤规则计算。")
    row = Participant.objects.filter(activity=activity, member_id=member_id).first()
    if row is None:
        raise ValidationError("该委员不在本活动的名单中。", field="member_id")
    reason = _text(reason, "撤回原因", "reason", required=published, max_len=500)
    leaves = list(LeaveRequest.objects.select_for_update(of=("self",)).filter(
        activity=activity, member_id=member_id, status__in=LEAVE["void"].sources))
    for lv in leaves:
        _apply(lv, LEAVE["void"], actor, activity=activity, reason=reason)
    row.delete()
    record_event(actor=actor, subject=activity, action="uninvite", member_id=member_id,
                 source=row.source, reason=reason, leaves_withdrawn=[lv.pk for lv in leaves])
    if published:
        notify(users=User.objects.filter(member__pk=member_id, is_active=True),
               kind="activity", title=f"活动邀请已撤回：{activity.title}", body=reason,
               url=f"/activities/{activity.pk}/")
    return activity


def _notify_members(activity: Activity, member_ids: list[int]) -> None:
    users = User.objects.filter(member__pk__in=member_ids, is_active=True)
    start = timezone.localtime(activity.start)
    mode = "请准时参加" if activity.mode == "compulsory" else "欢迎报名参加"
    notify(users=users, kind="activity", title=f"活动通知：{activity.title}",
           body=f"时间：{start:%Y-%m-%d %H:%M}；地点：{activity.place or '另行通知'}。{mode}，"
                "如不能参加请在活动开始前请假。",
           url=f"/activities/{activity.pk}/")


@transaction.atomic
def activity_publish(*, actor: User, activity_id: int) -> Activity:
    """Publish the notice: invited members (or, for sign-up, every active member) are notified."""
    activity = _manageable(actor, activity_id)
    transition = ACTIVITY["publish"]
    _check(activity, transition, actor)
    ids = list(Participant.objects.filter(activity=activity).values_list("member_id", flat=True))
    if activity.mode == "compulsory" and not ids:
        raise ValidationError("必须参加的活动请先邀请参加委员。", field="member_ids")

    def publish(a):
        a.published_at = clock.now()
        return ["published_at"]

    _apply(activity, transition, actor, publish, invited=len(ids))
    if activity.mode == "signup" and not ids:
        ids = list(selectors.active_memberships(activity.committee_id, activity.start)
                   .values_list("member_id", flat=True))
    _notify_members(activity, ids)
    return activity


@transaction.atomic
def activity_cancel(*, actor: User, activity_id: int, reason: str) -> Activity:
    """Cancel an activity with a reason; expected members are told."""
    activity = _manageable(actor, activity_id)
    transition = ACTIVITY["cancel"]
    _check(activity, transition, actor)
    reason = _text(reason, "取消原因", "reason")
    was_published = activity.status == ActivityStatus.PUBLISHED

    def cancel(a):
        a.cancel_reason = reason
        return ["cancel_reason"]

    _apply(activity, transition, actor, cancel, reason=reason)
    if was_published:
        users = User.objects.filter(member__pk__in=Participant.objects.filter(
            activity=activity).values("member_id"), is_active=True)
        notify(users=users, kind="activity", title=f"活动取消：{activity.title}", body=reason,
               url=f"/activities/{activity.pk}/")
    return activity


@transaction.atomic
def activity_close(*, actor: User, activity_id: int) -> Activity:
    """Close an ended activity (履职关闭); attendance stays computed from the records."""
    activity = _manageable(actor, activity_id)
    transition = ACTIVITY["close"]
    _check(activity, transition, actor)
    if clock.now() <= activity.end:
        raise ValidationError("活动尚未结束，不能关闭。", field="end")
    return _apply(activity, transition, actor)


@transaction.atomic
def activity_signup(*, actor: User, activity_id: int) -> Participant:
    """Sign up the member for an open activity before its deadline and within capacity."""
    member = _member_of(actor)
    activity = permissions.access_activity(actor, activity_id, for_update=True)
    if activity.status != ActivityStatus.PUBLISHED:
        raise Conflict("该活动尚未发布或已结束，不能报名。")
    if activity.mode != "signup":
        raise ValidationError("该活动为必须参加的活动，无需报名。", field="activity_id")
    if clock.now() > (activity.signup_deadline or activity.start):
        raise ValidationError("报名已截止。", field="activity_id")
    if Participant.objects.filter(activity=activity, member=member).exists():
        raise Conflict("您已报名该活动。")
    if activity.capacity and Participant.objects.filter(activity=activity).count() \
            >= activity.capacity:
        raise Conflict("报名人数已满。")
    row = Participant.objects.create(committee_id=activity.committee_id, activity=activity,
                                     member=member, source="signed_up", added_by=actor,
                                     added_at=clock.now())
    record_event(actor=actor, subject=activity, action="signup", member_id=member.pk)
    return row


def signin_window(activity: Activity) -> tuple[datetime, datetime]:
    """Return when code sign-in opens (start minus the configured margin) and closes (end)."""
    margin = selectors.activity_settings(activity.committee_id).signin_margin_minutes
    return activity.start - timedelta(minutes=margin), activity.end


@transaction.atomic
def activity_sign_in(*, actor: User, activity_id: int, code: str) -> SignIn:
    """Sign the member in with the activity's code, only inside the sign-in window."""
    member = _member_of(actor)
    activity = permissions.access_activity(actor, activity_id, for_update=True)
    if activity.status != ActivityStatus.PUBLISHED:
        raise Conflict("该活动未发布或已关闭，不能签到。")
    opens, closes = signin_window(activity)
    now = clock.now()
    if now < opens:
        raise ValidationError(
            f"签到尚未开始，请于{timezone.localtime(opens):%m月%d日 %H:%M}以后签到。",
            field="code", code="signin_not_open")
    if now > closes:
        raise ValidationError("活动已结束，签到已关闭。如确实出席，请联系组织方工作人员登记。",
                              field="code", code="signin_closed")
    if not secrets.compare_digest((code or "").strip(), activity.code):
        raise ValidationError("签到码不正确。", field="code", code="wrong_code")
    expected = Participant.objects.filter(activity=activity, member=member).exists()
    if activity.mode == "compulsory" and not expected:
        raise PermissionDenied("您不在本次活动的参加名单中，不能签到。如有疑问请联系组织方。",
                               code="not_invited")
    if SignIn.objects.filter(activity=activity, member=member).exists():
        raise Conflict("您已签到。", code="already_signed_in")
    if not expected:
        Participant.objects.create(committee_id=activity.committee_id, activity=activity,
                                   member=member, source="signed_up", added_by=actor,
                                   added_at=now)
    row = SignIn.objects.create(committee_id=activity.committee_id, activity=activity,
                                member=member, method="code", at=now, recorded_by=actor)
    record_event(actor=actor, subject=activity, action="sign_in", member_id=member.pk,
                 method="code")
    return row


@transaction.atomic
def attendance_record(*, actor: User, activity_id: int, member_id: int) -> SignIn:
    """Record on the attendance sheet that a member attended (organiser staff only)."""
    activity = _manageable(actor, activity_id)
    if activity.status not in (ActivityStatus.PUBLISHED, ActivityStatus.CLOSED):
        raise Conflict("活动未发布，不能登记出席。")
    if clock.now() < signin_window(activity)[0]:
        raise ValidationError("活动尚未开始，不能登记出席。", field="member_id")
    member = _row(Member, activity.committee_id, member_id, "委员", "member_id")
    if SignIn.objects.filter(activity=activity, member=member).exists():
        raise Conflict(f"{member.name}已签到。")
    now = clock.now()
    if not Participant.objects.filter(activity=activity, member=member).exists():
        Participant.objects.create(committee_id=activity.committee_id, activity=activity,
                                   member=member, source="invited", added_by=actor,
                                   added_at=now)
    row = SignIn.objects.create(committee_id=activity.committee_id, activity=activity,
                                member=member, method="staff", at=now, recorded_by=actor)
    record_event(actor=actor, subject=activity, action="sign_in", member_id=member.pk,
                 method="staff")
    return row


@transaction.atomic
def participant_role_set(*, actor: User, activity_id: int, member_id: int,
                         role: str) -> Participant:
    """Record a listed member's role: participant, or the one who led (牵头组织、带队) it.

    Organiser staff only (谁组织谁记录), at any time before the activity is cancelled, so that
    the record can be corrected after the event.
    """
    activity = _manageable(actor, activity_id)
    if activity.status == ActivityStatus.CANCELLED:
        raise Conflict("活动已取消，不能设定委员角色。")
    if role not in ParticipantRole.values:
        raise ValidationError("角色应为参加或牵头组织（带队）。", field="role")
    row = (Participant.objects.select_for_update(of=("self",))
           .filter(activity=activity, member_id=member_id).select_related("member").first())
    if row is None:
        raise ValidationError("该委员不在本活动的名单中。", field="member_id")
    if row.role == role:
        raise Conflict(f"{row.member.name}的角色已是「{row.get_role_display()}」。")
    previous = row.role
    row.role = role
    row.save(update_fields=["role"])
    record_event(actor=actor, subject=activity, action="role_set", member_id=row.member_id,
                 role_from=previous, role_to=role)
    return row


# --- leave --------------------------------------------------------------------------------


@transaction.atomic
def leave_request(*, actor: User, activity_id: int, reason: str) -> LeaveRequest:
    """Ask for leave from an activity the member is expected at, before it starts."""
    member = _member_of(actor)
    activity = permissions.access_activity(actor, activity_id, for_update=True)
    if activity.status != ActivityStatus.PUBLISHED:
        raise Conflict("该活动未发布或已关闭，不能请假。")
    if clock.now() >= activity.start:
        raise ValidationError("请假须在活动开始前提出。", field="reason", code="too_late")
    if not Participant.objects.filter(activity=activity, member=member).exists():
        raise ValidationError("您不在本次活动的参加名单中，无需请假。", field="activity_id")
    reason = _text(reason, "请假事由", "reason", max_len=1000)
    if LeaveRequest.objects.filter(activity=activity, member=member,
                                   status__in=["pending", "approved"]).exists():
        raise Conflict("您已提交请假，无需重复提交。")
    now = clock.now()
    leave = LeaveRequest.objects.create(committee_id=activity.committee_id, activity=activity,
                                        member=member, reason=reason, requested_at=now,
                                        updated_at=now)
    record_event(actor=actor, subject=leave, action="request", to=leave.status,
                 activity=activity, member_id=member.pk, reason=reason)
    return leave


@transaction.atomic
def leave_decide(*, actor: User, leave_id: int, approve: bool, note: str = "") -> LeaveRequest:
    """Approve or reject a pending leave request (the committee's configured approver)."""
    leave = permissions.access(LeaveRequest, actor, leave_id, for_update=True)
    transition = LEAVE["approve" if approve else "reject"]
    note = _text(note, "审批意见", "note", required=False, max_len=1000)

    def decide(lv):
        lv.decided_by, lv.decided_at, lv.note = actor, clock.now(), note
        return ["decided_by", "decided_at", "note"]

    _apply(leave, transition, actor, decide, activity=leave.activity, note=note,
           member_id=leave.member_id)
    if leave.member.user_id:
        notify(users=[leave.member.user], kind="activity",
               title=f"请假{'已批准' if approve else '未批准'}：{leave.activity.title}",
               body=note, url=f"/activities/{leave.activity_id}/")
    return leave


@transaction.atomic
def leave_record(*, actor: User, activity_id: int, member_id: int, reason: str) -> LeaveRequest:
    """Record after the fact (补登请假) that a listed member had approved leave.

    For leave given in writing or by telephone that never reached the system: organiser staff
    only, for a held activity, a member on the list who did not sign in and has no open
    request. The row is created approved, decided by the actor, and the event says it was
    recorded late.
    """
    activity = _manageable(actor, activity_id)
    if activity.status not in HELD_ACTIVITY:
        raise Conflict("活动未发布或已取消，不能补登请假。")
    reason = _text(reason, "请假事由", "reason", max_len=1000)
    if not Participant.objects.filter(activity=activity, member_id=member_id).exists():
        raise ValidationError("该委员不在本活动的名单中。", field="member_id")
    if SignIn.objects.filter(activity=activity, member_id=member_id).exists():
        raise Conflict("该委员已签到出席，无需补登请假。")
    if LeaveRequest.objects.filter(activity=activity, member_id=member_id,
                                   status__in=[LeaveStatus.PENDING, LeaveStatus.APPROVED]
                                   ).exists():
        raise Conflict("该委员已有待审批或已批准的请假，请直接审批。")
    now = clock.now()
    leave = LeaveRequest.objects.create(
        committee_id=activity.committee_id, activity=activity, member_id=member_id,
        reason=reason, status=LeaveStatus.APPROVED, requested_at=now, decided_by=actor,
        decided_at=now, note="工作人员补登", updated_at=now)
    record_event(actor=actor, subject=leave, action="leave_record", to=leave.status,
                 activity=activity, member_id=member_id, reason=reason)
    return leave


@transaction.atomic
def leave_withdraw(*, actor: User, leave_id: int) -> LeaveRequest:
    """Withdraw one's own pending leave request."""
    leave = permissions.access(LeaveRequest, actor, leave_id, for_update=True)
    return _apply(leave, LEAVE["withdraw"], actor, activity=leave.activity)


# --- democratic-supervision groups --------------------------------------------------------


@transaction.atomic
def group_create(*, actor: User, name: str, topic: str, year: int,
                 unit_id: int | None = None, leader_id: int | None = None,
                 member_ids: list[int] | None = None) -> OversightGroup:
    """Form a democratic-supervision group (民主监督小组) on a department and topic."""
    if not permissions.can_manage_groups(actor):
        raise PermissionDenied("只有专委会或联络工作人员可以组建民主监督小组。")
    if not 1950 <= year <= 2100:
        raise ValidationError("年度不在有效范围内。", field="year")
    cid = actor.committee_id
    ids = sorted(set(member_ids or []) | ({leader_id} if leader_id else set()))
    members = list(Member.objects.filter(committee_id=cid, pk__in=ids))
    if len(members) != len(ids):
        raise ValidationError("所选委员不存在。", field="member_ids")
    group = OversightGroup.objects.create(
        committee_id=cid, name=_text(name, "小组名称", "name", max_len=100),
        topic=_text(topic, "监督议题", "topic", max_len=200), year=year,
        unit=_row(Unit, cid, unit_id, "政府部门", "unit_id"),
        leader=_row(Member, cid, leader_id, "组长", "leader_id"),
        created_by=actor, created_at=clock.now())
    group.members.set(members)
    record_event(actor=actor, subject=group, action="create", name=group.name,
                 member_ids=ids, leader_id=leader_id)
    return group


@transaction.atomic
def group_note_record(*, actor: User, group_id: int, kind: str, noted_on: date | None,
                      text: str) -> OversightNote:
    """Record a finding, a department's feedback or a tracking note of the group."""
    group = permissions.access(OversightGroup, actor, group_id, for_update=True)
    if not permissions.can_manage_groups(actor):
        raise PermissionDenied("只有专委会或联络工作人员可以记录监督情况。")
    if kind not in FollowUpKind.values:
        raise ValidationError("请选择记录类型。", field="kind")
    note = OversightNote.objects.create(
        committee_id=group.committee_id, group=group, kind=kind,
        noted_on=_date(noted_on, "日期", "noted_on"), text=_text(text, "内容", "text"),
        recorded_by=actor, recorded_at=clock.now())
    record_event(actor=actor, subject=group, action="note", note_id=note.pk, kind=kind)
    return note


# --- plenary speeches ---------------------------------------------------------------------


@transaction.atomic
def speech_submit(*, actor: User, session_id: int, title: str, body: str,
                  mode: str = "written") -> Speech:
    """Submit a 大会发言 for a plenary session."""
    member = _member_of(actor)
    session = _row(Session, actor.committee_id, session_id, "会议", "session_id")
    if mode not in ("written", "oral"):
        raise ValidationError("申请方式应为书面或口头发言。", field="mode")
    now = clock.now()
    speech = Speech.objects.create(
        committee_id=actor.committee_id, session=session, member=member,
        title=_text(title, "题目", "title", max_len=200),
        body=_text(body, "发言内容", "body", max_len=50000), mode=mode,
        submitted_by=actor, submitted_at=now, updated_at=now)
    record_event(actor=actor, subject=speech, action="submit", to=speech.status,
                 member_id=member.pk, mode=mode)
    return speech


@transaction.atomic
def speech_decide(*, actor: User, speech_id: int, name: str, note: str = "") -> Speech:
    """Select a speech for oral delivery or printing, leave it out, or turn it to 社情民意."""
    speech = permissions.access(Speech, actor, speech_id, for_update=True)
    if name not in SPEECH:
        raise ValidationError("不支持的操作。", field="name")
    note = _text(note, "处理意见", "note", required=False, max_len=2000)

    def annotate(s):
        s.note = note or s.note
        return ["note"]

    return _apply(speech, SPEECH[name], actor, annotate, note=note)


@transaction.atomic
def speech_opinion_link(*, actor: User | None, speech_id: int, opinion_id: int) -> Speech:
    """Hook for the opinions app: record the 社情民意 created from a "转社情民意" speech."""
    speech = Speech.objects.select_for_update(of=("self",)).filter(pk=speech_id).first()
    if speech is None:
        raise NotFound()
    if speech.status != "to_opinion" or speech.opinion_id is not None:
        raise Conflict("该发言未决定转社情民意，或已转成社情民意。")
    speech.opinion_id = opinion_id
    speech.updated_at = clock.now()
    speech.save(update_fields=["opinion_id", "updated_at"])
    record_event(actor=actor, subject=speech, action="opinion_linked", opinion_id=opinion_id)
    return speech


# --- research reports ---------------------------------------------------------------------


@transaction.atomic
def report_submit(*, actor: User, title: str, body: str, author_ids: list[int],
                  group_member_ids: list[int] | None = None, activity_id: int | None = None,
                  topic_id: int | None = None, is_recommendation: bool = False) -> ResearchReport:
    """Record a research report (调研报告) with its authors and research group."""
    if not permissions.can_manage_report(actor):
        raise PermissionDenied("只有专委会或联络工作人员可以报送调研报告。")
    cid = actor.committee_id
    author_ids = sorted(set(author_ids or []))
    group_ids = sorted(set(group_member_ids or []))
    if not author_ids:
        raise ValidationError("请选择执笔人。", field="author_ids")
    if len(author_ids) > 50 or len(group_ids) > 500:
        raise ValidationError("执笔人或课题组成员过多。", field="group_member_ids")
    authors = list(Member.objects.filter(committee_id=cid, pk__in=author_ids))
    group = list(Member.objects.filter(committee_id=cid, pk__in=group_ids))
    if len(authors) != len(author_ids) or len(group) != len(group_ids):
        raise ValidationError("所选委员不存在。", field="author_ids")
    now = clock.now()
    report = ResearchReport.objects.create(
        committee_id=cid, title=_text(title, "标题", "title", max_len=200),
        body=_text(body, "正文", "body", max_len=100000), is_recommendation=is_recommendation,
        activity=_row(Activity, cid, activity_id, "调研活动", "activity_id"),
        topic=_row(ConsultationTopic, cid, topic_id, "协商议题", "topic_id"),
        submitted_by=actor, submitted_at=now, updated_at=now)
    report.authors.set(authors)
    report.group_members.set(group)
    record_event(actor=actor, subject=report, action="submit", to=report.status,
                 activity=report.activity, author_ids=author_ids, group_member_ids=group_ids)
    return report


@transaction.atomic
def report_adopt(*, actor: User, report_id: int, adopted_by: str, adopted_on: date | None,
                 note: str = "") -> ResearchReport:
    """Record that the report was adopted (采纳)."""
    report = permissions.access(ResearchReport, actor, report_id, for_update=True)
    _check(report, REPORT["adopt"], actor)
    by = _text(adopted_by, "采纳单位或领导", "adopted_by", max_len=100)
    on = _date(adopted_on, "采纳日期", "adopted_on")
    note = _text(note, "采纳情况", "note", required=False)

    def adopt(r):
        r.adopted_by, r.adopted_on, r.adoption_note = by, on, note
        return ["adopted_by", "adopted_on", "adoption_note"]

    return _apply(report, REPORT["adopt"], actor, adopt, adopted_by=by,
                  adopted_on=on.isoformat())


@transaction.atomic
def report_reject(*, actor: User, report_id: int, note: str = "") -> ResearchReport:
    """Record that the report was not adopted."""
    report = permissions.access(ResearchReport, actor, report_id, for_update=True)
    note = _text(note, "说明", "note", required=False)

    def reject(r):
        r.adoption_note = note
        return ["adoption_note"]

    return _apply(report, REPORT["reject"], actor, reject, note=note)


@transaction.atomic
def report_convert(*, actor: User, report_id: int, converted_on: date | None,
                   note: str) -> ResearchReport:
    """Record that an adopted report was turned into policy (转化)."""
    report = permissions.access(ResearchReport, actor, report_id, for_update=True)
    _check(report, REPORT["convert"], actor)
    on = _date(converted_on, "转化日期", "converted_on")
    note = _text(note, "转化情况", "note")

    def convert(r):
        r.converted_on, r.conversion_note = on, note
        return ["converted_on", "conversion_note"]

    return _apply(report, REPORT["convert"], actor, convert, converted_on=on.isoformat(),
                  note=note)


@transaction.atomic
def report_instruction_record(*, actor: User, report_id: int, leader_name: str, level: str,
                              given_on: date | None, text: str) -> ReportInstruction:
    """Record a leader's instruction (批示) on a report."""
    report = permissions.access(ResearchReport, actor, report_id, for_update=True)
    if not permissions.can_manage_report(actor, report):
        raise PermissionDenied("只有专委会或联络工作人员可以录入领导批示。")
    if level not in LeaderLevel.values:
        raise ValidationError("请选择批示领导级别。", field="level")
    row = ReportInstruction.objects.create(
        committee_id=report.committee_id, report=report,
        leader_name=_text(leader_name, "批示领导", "leader_name", max_len=50), level=level,
        given_on=_date(given_on, "批示日期", "given_on"), text=_text(text, "批示内容", "text"),
        recorded_by=actor, recorded_at=clock.now())
    record_event(actor=actor, subject=report, action="instruction", instruction_id=row.pk,
                 leader_name=row.leader_name, level=level)
    return row
