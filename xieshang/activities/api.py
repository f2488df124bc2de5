"""API for consultation plans, activities, attendance, leave, groups, speeches and reports."""

from datetime import date, datetime

from ninja import Query, Router, Schema, Status
from pydantic import Field

from xieshang.api.schemas import EventOut, StatsQuery, YearQuery, event_row, responses
from xieshang.core.errors import PermissionDenied, ValidationError

from . import permissions, selectors, services, stats
from .models import (
    ConsultationPlan,
    OversightGroup,
    ResearchReport,
)

router = Router(tags=["协商计划与履职活动"])

FORMS = "^(plenary|standing|thematic|counterpart|sector|proposal|online|remote|symposium)$"
KINDS = "^(plenary|standing|special_committee|training|other)$"


# --- output -------------------------------------------------------------------------------


class TypeOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str


class OrganiserOut(Schema):
    kind: str
    id: int | None
    name: str


class ActivityOut(Schema):
    id: int
    title: str
    type: TypeOut
    status: str
    status_label: str
    mode: str
    start: datetime
    end: datetime
    place: str
    description: str
    signup_deadline: datetime | None
    capacity: int | None
    organisers: list[OrganiserOut]
    topic_id: int | None
    group_id: int | None
    unit_id: int | None
    session_id: int | None
    cancel_reason: str


class ActivityRow(ActivityOut):
    invited_count: int
    signin_count: int


class ActivityDetailOut(ActivityOut):
    code: str | None = Field(None, description="签到码；仅组织方工作人员可见")
    can_manage: bool


class ActivityPageOut(Schema):
    count: int
    items: list[ActivityRow]


def _type(t) -> dict:
    return {"id": t.pk, "name": t.name, "kind": t.kind, "kind_label": t.get_kind_display()}


def _activity(a) -> dict:
    return {
        "id": a.pk, "title": a.title, "type": _type(a.type), "status": a.status,
        "status_label": a.get_status_display(), "mode": a.mode, "start": a.start, "end": a.end,
        "place": a.place, "description": a.description, "signup_deadline": a.signup_deadline,
        "capacity": a.capacity,
        "organisers": [{"kind": o.kind, "id": o.special_committee_id or o.party_id
                        or o.sector_id, "name": str(o)} for o in a.organisers.all()],
        "topic_id": a.topic_id, "group_id": a.group_id, "unit_id": a.unit_id,
        "session_id": a.session_id, "cancel_reason": a.cancel_reason,
    }


def _detail(request, activity_id: int) -> dict:
    a = permissions.access_activity(request.user, activity_id)
    manage = permissions.can_manage_activity(request.user, a)
    return {**_activity(a), "code": a.code if manage else None, "can_manage": manage}


class ActivityEventOut(EventOut):
    subject: str
    subject_id: int


# --- types and settings -------------------------------------------------------------------


@router.get("/types", response=responses(list[TypeOut]), summary="活动类型")
def type_list(request):
    return [_type(t) for t in selectors.activity_types(committee_id=request.user.committee_id)]


class TypeIn(Schema):
    name: str = Field(..., max_length=30)
    kind: str = Field(..., pattern=KINDS)


@router.post("/types", response=responses(TypeOut, 201), summary="增加活动类型")
def type_create(request, payload: TypeIn):
    return Status(201, _type(services.activity_type_create(actor=request.user, **payload.dict())))


class SettingsOut(Schema):
    leave_approver: str
    leave_approver_role: str
    signin_margin_minutes: int


def _settings(s) -> dict:
    return {"leave_approver": s.leave_approver, "leave_approver_role": s.leave_approver_role,
            "signin_margin_minutes": s.signin_margin_minutes}


@router.get("/settings", response=responses(SettingsOut), summary="活动设置")
def settings_get(request):
    return _settings(selectors.activity_settings(request.user.committee_id))


class SettingsIn(Schema):
    leave_approver: str = Field(..., pattern="^(organiser|role)$")
    leave_approver_role: str = Field("", max_length=30)
    signin_margin_minutes: int = Field(30, ge=0, le=720)


@router.put("/settings", response=responses(SettingsOut), summary="修改活动设置")
def settings_put(request, payload: SettingsIn):
    return _settings(services.activity_settings_update(actor=request.user, **payload.dict()))


# --- activities ---------------------------------------------------------------------------


class ActivityListQuery(Schema):
    status: str | None = Field(None, pattern="^(draft|published|closed|cancelled)$")
    year: int | None = Field(None, ge=1950, le=2100)
    type_id: int | None = None
    q: str | None = Field(None, max_length=100)
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0)


@router.get("/activities", response=responses(ActivityPageOut), summary="活动列表")
def activity_list(request, query: Query[ActivityListQuery]):
    qs = selectors.activity_list(user=request.user, status=query.status, year=query.year,
                                 type_id=query.type_id, q=query.q)
    items = list(qs[query.offset: query.offset + query.limit])
    return {"count": qs.count(),
            "items": [{**_activity(a), "invited_count": a.invited_count,
                       "signin_count": a.signin_count} for a in items]}


class OrganiserIn(Schema):
    kind: str = Field(..., pattern="^(special_committee|party|sector|general_office)$")
    id: int | None = None


class ActivityIn(Schema):
    type_id: int
    title: str = Field(..., max_length=200)
    start: datetime
    end: datetime
    mode: str = Field(..., pattern="^(compulsory|signup)$",
                      description="compulsory 必须参加 / signup 报名参加")
    organisers: list[OrganiserIn] = Field(..., min_length=1, max_length=20)
    place: str = Field("", max_length=200)
    description: str = Field("", max_length=20000)
    signup_deadline: datetime | None = None
    capacity: int | None = Field(None, ge=1, le=100000)
    topic_id: int | None = None
    group_id: int | None = None
    unit_id: int | None = None
    session_id: int | None = None


@router.post("/activities", response=responses(ActivityDetailOut, 201), summary="创建活动（草稿）")
def activity_create(request, payload: ActivityIn):
    data = payload.dict()
    a = services.activity_create(actor=request.user, **data)
    return Status(201, _detail(request, a.pk))


@router.get("/activities/{activity_id}", response=responses(ActivityDetailOut),
            summary="活动详情")
def activity_get(request, activity_id: int):
    return _detail(request, activity_id)


class ActivityUpdateIn(Schema):
    title: str = Field(..., max_length=200)
    start: datetime
    end: datetime
    place: str = Field("", max_length=200)
    description: str = Field("", max_length=20000)
    signup_deadline: datetime | None = None
    capacity: int | None = Field(None, ge=1, le=100000)


@router.put("/activities/{activity_id}", response=responses(ActivityDetailOut),
            summary="修改活动通知（开始前）")
def activity_update(request, activity_id: int, payload: ActivityUpdateIn):
    services.activity_update(actor=request.user, activity_id=activity_id, **payload.dict())
    return _detail(request, activity_id)


class UninviteIn(Schema):
    reason: str = Field("", max_length=500, description="已发布的活动须填写")


@router.post("/activities/{activity_id}/participants/{member_id}/withdraw",
             response=responses(ActivityDetailOut), summary="撤回对某位委员的邀请（开始前）")
def activity_uninvite(request, activity_id: int, member_id: int, payload: UninviteIn):
    services.activity_uninvite(actor=request.user, activity_id=activity_id,
                               member_id=member_id, reason=payload.reason)
    return _detail(request, activity_id)


class ActivityInviteIn(Schema):
    member_ids: list[int] = Field(default_factory=list, max_length=2000)
    special_committee_id: int | None = None
    sector_id: int | None = None
    party_id: int | None = None
    standing: bool = Field(False, description="全体常委")
    all_members: bool = Field(False, description="全体委员")


class CountOut(Schema):
    added: int


@router.post("/activities/{activity_id}/invite", response=responses(CountOut),
             summary="邀请委员（按专委会、界别、党派、常委或逐个）")
def activity_invite(request, activity_id: int, payload: ActivityInviteIn):
    return {"added": services.activity_invite(actor=request.user, activity_id=activity_id,
                                              **payload.dict())}


@router.post("/activities/{activity_id}/publish", response=responses(ActivityDetailOut),
             summary="发布活动通知")
def activity_publish(request, activity_id: int):
    services.activity_publish(actor=request.user, activity_id=activity_id)
    return _detail(request, activity_id)


class ActivityReasonIn(Schema):
    reason: str = Field(..., max_length=5000)


@router.post("/activities/{activity_id}/cancel", response=responses(ActivityDetailOut),
             summary="取消活动")
def activity_cancel(request, activity_id: int, payload: ActivityReasonIn):
    services.activity_cancel(actor=request.user, activity_id=activity_id, reason=payload.reason)
    return _detail(request, activity_id)


@router.post("/activities/{activity_id}/close", response=responses(ActivityDetailOut),
             summary="关闭已结束的活动")
def activity_close(request, activity_id: int):
    services.activity_close(actor=request.user, activity_id=activity_id)
    return _detail(request, activity_id)


class OkOut(Schema):
    ok: bool
    id: int


@router.post("/activities/{activity_id}/signup", response=responses(OkOut, 201),
             summary="委员报名")
def activity_signup(request, activity_id: int):
    row = services.activity_signup(actor=request.user, activity_id=activity_id)
    return Status(201, {"ok": True, "id": row.pk})


class CodeIn(Schema):
    code: str = Field(..., max_length=20)


@router.post("/activities/{activity_id}/sign-in", response=responses(OkOut, 201),
             summary="委员凭签到码签到（仅在活动时间内）")
def activity_sign_in(request, activity_id: int, payload: CodeIn):
    row = services.activity_sign_in(actor=request.user, activity_id=activity_id,
                                    code=payload.code)
    return Status(201, {"ok": True, "id": row.pk})


class AttendanceIn(Schema):
    member_id: int


@router.post("/activities/{activity_id}/attendance", response=responses(OkOut, 201),
             summary="工作人员登记出席")
def attendance_record(request, activity_id: int, payload: AttendanceIn):
    row = services.attendance_record(actor=request.user, activity_id=activity_id,
                                     member_id=payload.member_id)
    return Status(201, {"ok": True, "id": row.pk})


class RoleIn(Schema):
    role: str = Field(..., pattern="^(participant|leader)$",
                      description="participant 参加；leader 牵头组织（带队）")


class RoleOut(Schema):
    activity_id: int
    member_id: int
    role: str
    role_label: str


@router.put("/activities/{activity_id}/participants/{member_id}/role",
            response=responses(RoleOut), summary="设定委员在活动中的角色（参加或牵头组织、带队）")
def participant_role_set(request, activity_id: int, member_id: int, payload: RoleIn):
    row = services.participant_role_set(actor=request.user, activity_id=activity_id,
                                        member_id=member_id, role=payload.role)
    return {"activity_id": row.activity_id, "member_id": row.member_id, "role": row.role,
            "role_label": row.get_role_display()}


class LeaveRecordIn(Schema):
    member_id: int
    reason: str = Field(..., max_length=1000)


class SheetRowOut(Schema):
    member_id: int
    member: str
    source: str
    role: str
    role_label: str
    state: str
    state_label: str
    signed_in_at: datetime | None
    signed_in_by: str | None
    leave_id: int | None
    leave_status: str | None


class SheetOut(Schema):
    activity_id: int
    totals: dict[str, int]
    rows: list[SheetRowOut]


@router.get("/activities/{activity_id}/sheet", response=responses(SheetOut),
            summary="考勤表（出席/请假/缺席/未签到）")
def attendance_sheet(request, activity_id: int):
    a = permissions.access_activity(request.user, activity_id)
    if not (permissions.can_manage_activity(request.user, a)
            or permissions.can_read_all(request.user)):
        raise PermissionDenied("只有组织方工作人员可以查看考勤表。")
    sheet = selectors.attendance_sheet(activity=a)
    return {"activity_id": a.pk, "totals": sheet.totals, "rows": [
        {"member_id": r.member.pk, "member": r.member.name, "source": r.source,
         "role": r.role, "role_label": r.role_label,
         "state": r.state, "state_label": r.state_label,
         "signed_in_at": r.signin.at if r.signin else None,
         "signed_in_by": str(r.signin.recorded_by) if r.signin else None,
         "leave_id": r.leave.pk if r.leave else None,
         "leave_status": r.leave.status if r.leave else None} for r in sheet.rows]}


@router.get("/activities/{activity_id}/events", response=responses(list[ActivityEventOut]),
            summary="活动轨迹")
def activity_events(request, activity_id: int):
    a = permissions.access_activity(request.user, activity_id)
    if not permissions.can_manage_activity(request.user, a):
        raise PermissionDenied("只有组织方工作人员可以查看活动轨迹。")
    return [event_row(e, subject=e.subject, subject_id=e.subject_id)
            for e in selectors.activity_timeline(activity=a)]


class LeaveOut(Schema):
    id: int
    activity_id: int
    member_id: int
    reason: str
    status: str
    status_label: str
    note: str
    requested_at: datetime
    decided_at: datetime | None


def _leave(lv) -> dict:
    return {"id": lv.pk, "activity_id": lv.activity_id, "member_id": lv.member_id,
            "reason": lv.reason, "status": lv.status, "status_label": lv.get_status_display(),
            "note": lv.note, "requested_at": lv.requested_at, "decided_at": lv.decided_at}


class LeaveIn(Schema):
    reason: str = Field(..., max_length=1000)


@router.post("/activities/{activity_id}/leaves", response=responses(LeaveOut, 201),
             summary="请假（活动开始前）")
def leave_request(request, activity_id: int, payload: LeaveIn):
    lv = services.leave_request(actor=request.user, activity_id=activity_id,
                                reason=payload.reason)
    return Status(201, _leave(lv))


class LeaveDecisionIn(Schema):
    approve: bool
    note: str = Field("", max_length=1000)


@router.post("/activities/{activity_id}/leaves/recorded", response=responses(LeaveOut, 201),
             summary="工作人员补登请假（已获批准的书面或电话请假）")
def leave_record(request, activity_id: int, payload: LeaveRecordIn):
    lv = services.leave_record(actor=request.user, activity_id=activity_id,
                               member_id=payload.member_id, reason=payload.reason)
    return Status(201, _leave(lv))


@router.post("/leaves/{leave_id}/decide", response=responses(LeaveOut), summary="审批请假")
def leave_decide(request, leave_id: int, payload: LeaveDecisionIn):
    return _leave(services.leave_decide(actor=request.user, leave_id=leave_id, **payload.dict()))


@router.post("/leaves/{leave_id}/withdraw", response=responses(LeaveOut), summary="撤回请假")
def leave_withdraw(request, leave_id: int):
    return _leave(services.leave_withdraw(actor=request.user, leave_id=leave_id))


class AttendanceRowOut(Schema):
    activity_id: int
    title: str
    type: str
    kind: str
    start: datetime
    end: datetime
    source: str
    role: str
    state: str
    signed_in_at: datetime | None


@router.get("/my-attendance", response=responses(list[AttendanceRowOut]),
            summary="我的出勤记录")
def my_attendance(request, query: Query[YearQuery]):
    member = permissions.member_of(request.user)
    if member is None:
        raise PermissionDenied("只有委员可以查看本人出勤记录。")
    return selectors.member_attendance(committee_id=request.user.committee_id,
                                       member_id=member.pk, year=query.year)


# --- consultation plan --------------------------------------------------------------------


class OutputOut(Schema):
    id: int
    kind: str
    title: str
    text: str
    reference: str
    adopted_by: str
    adopted_on: date | None
    adoption_note: str


class TopicOut(Schema):
    id: int
    plan_id: int
    title: str
    form: str
    form_label: str
    host: str
    host_special_committee_id: int | None
    host_party_id: int | None
    unit_id: int | None
    planned_month: int
    status: str
    status_label: str
    cancel_reason: str
    outputs: list[OutputOut]
    proposal_ids: list[int]
    opinion_ids: list[int]


class PlanOut(Schema):
    id: int
    year: int
    title: str
    status: str
    meeting: str
    meeting_date: date | None
    decision_text: str
    topics: list[TopicOut]


def _output(o) -> dict:
    return {"id": o.pk, "kind": o.kind, "title": o.title, "text": o.text,
            "reference": o.reference, "adopted_by": o.adopted_by, "adopted_on": o.adopted_on,
            "adoption_note": o.adoption_note}


def _topic(t) -> dict:
    return {"id": t.pk, "plan_id": t.plan_id, "title": t.title, "form": t.form,
            "form_label": t.get_form_display(), "host": t.host_name,
            "host_special_committee_id": t.host_special_committee_id,
            "host_party_id": t.host_party_id, "unit_id": t.unit_id,
            "planned_month": t.planned_month, "status": t.status,
            "status_label": t.get_status_display(), "cancel_reason": t.cancel_reason,
            "outputs": [_output(o) for o in t.outputs.all()],
            "proposal_ids": [link.proposal_id for link in t.proposal_links.all()],
            "opinion_ids": [link.opinion_id for link in t.opinion_links.all()]}


def _plan(request, plan_id: int) -> dict:
    plan = permissions.access(ConsultationPlan, request.user, plan_id)
    return {"id": plan.pk, "year": plan.year, "title": plan.title, "status": plan.status,
            "meeting": plan.meeting, "meeting_date": plan.meeting_date,
            "decision_text": plan.decision_text,
            "topics": [_topic(t) for t in selectors.plan_detail(plan=plan)]}


class PlanRow(Schema):
    id: int
    year: int
    title: str
    status: str
    meeting_date: date | None
    topic_count: int


@router.get("/plans", response=responses(list[PlanRow]), summary="年度协商计划")
def plan_list(request):
    return [{"id": p.pk, "year": p.year, "title": p.title, "status": p.status,
             "meeting_date": p.meeting_date, "topic_count": p.topic_count}
            for p in selectors.plan_list(committee_id=request.user.committee_id)[:100]]


class PlanIn(Schema):
    year: int = Field(..., ge=1950, le=2100)
    title: str = Field("", max_length=100)


@router.post("/plans", response=responses(PlanOut, 201), summary="拟订年度协商计划")
def plan_create(request, payload: PlanIn):
    plan = services.plan_create(actor=request.user, **payload.dict())
    return Status(201, _plan(request, plan.pk))


@router.get("/plans/{plan_id}", response=responses(PlanOut), summary="年度协商计划详情")
def plan_get(request, plan_id: int):
    return _plan(request, plan_id)


class ActivityDecisionIn(Schema):
    meeting: str = Field(..., max_length=100)
    meeting_date: date
    text: str = Field(..., max_length=5000)


@router.post("/plans/{plan_id}/adopt", response=responses(PlanOut), summary="记录计划通过的会议决定")
def plan_adopt(request, plan_id: int, payload: ActivityDecisionIn):
    services.plan_adopt(actor=request.user, plan_id=plan_id, **payload.dict())
    return _plan(request, plan_id)


class TopicIn(Schema):
    title: str = Field(..., max_length=200)
    form: str = Field(..., pattern=FORMS)
    planned_month: int = Field(..., ge=1, le=12)
    host_special_committee_id: int | None = None
    host_party_id: int | None = None
    unit_id: int | None = None
    description: str = Field("", max_length=5000)


@router.post("/plans/{plan_id}/topics", response=responses(TopicOut, 201), summary="增加协商议题")
def topic_create(request, plan_id: int, payload: TopicIn):
    t = services.topic_create(actor=request.user, plan_id=plan_id, **payload.dict())
    return Status(201, _topic(t))


class TopicTransitionIn(Schema):
    name: str = Field(..., pattern="^(start|hold|close|cancel)$")
    reason: str = Field("", max_length=5000)


@router.post("/topics/{topic_id}/transition", response=responses(TopicOut),
             summary="协商议题状态变更（筹备、举行、办结、取消）")
def topic_transition(request, topic_id: int, payload: TopicTransitionIn):
    t = services.topic_transition(actor=request.user, topic_id=topic_id, **payload.dict())
    return _topic(t)


class OutputIn(Schema):
    kind: str = Field(..., pattern="^(minutes|recommendation|report|other)$")
    title: str = Field(..., max_length=200)
    text: str = Field("", max_length=50000)
    reference: str = Field("", max_length=200)


@router.post("/topics/{topic_id}/outputs", response=responses(OutputOut, 201),
             summary="录入协商成果（纪要、建议案、报告）")
def topic_output(request, topic_id: int, payload: OutputIn):
    o = services.topic_output_record(actor=request.user, topic_id=topic_id, **payload.dict())
    return Status(201, _output(o))


class AdoptIn(Schema):
    adopted_by: str = Field(..., max_length=100)
    adopted_on: date
    note: str = Field("", max_length=5000)


@router.post("/outputs/{output_id}/adopt", response=responses(OutputOut), summary="录入成果采纳情况")
def output_adopt(request, output_id: int, payload: AdoptIn):
    return _output(services.topic_output_adopt(actor=request.user, output_id=output_id,
                                               **payload.dict()))


class ProposalLinkIn(Schema):
    proposal_id: int


@router.post("/topics/{topic_id}/proposals", response=responses(OkOut, 201),
             summary="关联由议题形成的提案")
def topic_proposal(request, topic_id: int, payload: ProposalLinkIn):
    link = services.topic_proposal_link(actor=request.user, topic_id=topic_id,
                                        proposal_id=payload.proposal_id)
    return Status(201, {"ok": True, "id": link.pk})


class OpinionLinkIn(Schema):
    opinion_id: int


@router.post("/topics/{topic_id}/opinions", response=responses(OkOut, 201),
             summary="关联由议题形成的社情民意")
def topic_opinion(request, topic_id: int, payload: OpinionLinkIn):
    link = services.topic_opinion_link(actor=request.user, topic_id=topic_id,
                                       opinion_id=payload.opinion_id)
    return Status(201, {"ok": True, "id": link.pk})


# --- supervision groups -------------------------------------------------------------------


class NoteOut(Schema):
    id: int
    kind: str
    noted_on: date
    text: str


class GroupOut(Schema):
    id: int
    name: str
    topic: str
    year: int
    unit_id: int | None
    leader_id: int | None
    member_ids: list[int]


def _group(g) -> dict:
    return {"id": g.pk, "name": g.name, "topic": g.topic, "year": g.year, "unit_id": g.unit_id,
            "leader_id": g.leader_id, "member_ids": [m.pk for m in g.members.all()]}


@router.get("/groups", response=responses(list[GroupOut]), summary="民主监督小组")
def group_list(request):
    return [_group(g) for g in selectors.group_list(committee_id=request.user.committee_id)]


class GroupIn(Schema):
    name: str = Field(..., max_length=100)
    topic: str = Field(..., max_length=200)
    year: int = Field(..., ge=1950, le=2100)
    unit_id: int | None = None
    leader_id: int | None = None
    member_ids: list[int] = Field(default_factory=list, max_length=200)


@router.post("/groups", response=responses(GroupOut, 201), summary="组建民主监督小组")
def group_create(request, payload: GroupIn):
    g = services.group_create(actor=request.user, **payload.dict())
    return Status(201, _group(OversightGroup.objects.prefetch_related("members").get(pk=g.pk)))


class NoteIn(Schema):
    kind: str = Field(..., pattern="^(finding|feedback|note)$")
    noted_on: date
    text: str = Field(..., max_length=5000)


@router.post("/groups/{group_id}/notes", response=responses(NoteOut, 201),
             summary="记录监督发现、部门反馈或跟踪情况")
def group_note(request, group_id: int, payload: NoteIn):
    n = services.group_note_record(actor=request.user, group_id=group_id, **payload.dict())
    return Status(201, {"id": n.pk, "kind": n.kind, "noted_on": n.noted_on, "text": n.text})


# --- speeches -----------------------------------------------------------------------------


class SpeechOut(Schema):
    id: int
    session_id: int
    member_id: int
    member: str
    title: str
    mode: str
    status: str
    status_label: str
    note: str
    opinion_id: int | None


def _speech(s) -> dict:
    return {"id": s.pk, "session_id": s.session_id, "member_id": s.member_id,
            "member": s.member.name, "title": s.title, "mode": s.mode, "status": s.status,
            "status_label": s.get_status_display(), "note": s.note, "opinion_id": s.opinion_id}


class SpeechQuery(Schema):
    session_id: int | None = None
    status: str | None = Field(None, pattern="^(submitted|oral|printed|not_selected|to_opinion)$")


@router.get("/speeches", response=responses(list[SpeechOut]), summary="大会发言")
def speech_list(request, query: Query[SpeechQuery]):
    return [_speech(s) for s in selectors.speech_list(user=request.user, **query.dict())[:500]]


class SpeechIn(Schema):
    session_id: int
    title: str = Field(..., max_length=200)
    body: str = Field(..., max_length=50000)
    mode: str = Field("written", pattern="^(written|oral)$")


@router.post("/speeches", response=responses(SpeechOut, 201), summary="提交大会发言")
def speech_submit(request, payload: SpeechIn):
    return Status(201, _speech(services.speech_submit(actor=request.user, **payload.dict())))


class SpeechDecisionIn(Schema):
    name: str = Field(..., pattern="^(select_oral|select_print|reject|to_opinion)$")
    note: str = Field("", max_length=2000)


@router.post("/speeches/{speech_id}/decide", response=responses(SpeechOut),
             summary="遴选大会发言（口头、书面、不选用、转社情民意）")
def speech_decide(request, speech_id: int, payload: SpeechDecisionIn):
    return _speech(services.speech_decide(actor=request.user, speech_id=speech_id,
                                          **payload.dict()))


# --- research reports ---------------------------------------------------------------------


class ReportInstructionOut(Schema):
    id: int
    leader_name: str
    level: str
    given_on: date
    text: str


class ResearchReportOut(Schema):
    id: int
    title: str
    status: str
    status_label: str
    is_recommendation: bool
    activity_id: int | None
    topic_id: int | None
    author_ids: list[int]
    group_member_ids: list[int]
    adopted_by: str
    adopted_on: date | None
    converted_on: date | None
    conversion_note: str
    instructions: list[ReportInstructionOut]


def _instruction(i) -> dict:
    return {"id": i.pk, "leader_name": i.leader_name, "level": i.level, "given_on": i.given_on,
            "text": i.text}


def _report_out(request, report_id: int) -> dict:
    r = selectors.report_list(committee_id=request.user.committee_id).filter(
        pk=report_id).first()
    if r is None:
        permissions.access(ResearchReport, request.user, report_id)
    return _report(r)


def _report(r) -> dict:
    return {"id": r.pk, "title": r.title, "status": r.status,
            "status_label": r.get_status_display(), "is_recommendation": r.is_recommendation,
            "activity_id": r.activity_id, "topic_id": r.topic_id,
            "author_ids": [m.pk for m in r.authors.all()],
            "group_member_ids": [m.pk for m in r.group_members.all()],
            "adopted_by": r.adopted_by, "adopted_on": r.adopted_on,
            "converted_on": r.converted_on, "conversion_note": r.conversion_note,
            "instructions": [_instruction(i) for i in r.instructions.all()]}


@router.get("/reports", response=responses(list[ResearchReportOut]), summary="调研报告")
def report_list(request):
    return [_report(r) for r in selectors.report_list(
        committee_id=request.user.committee_id)[:500]]


class ResearchReportIn(Schema):
    title: str = Field(..., max_length=200)
    body: str = Field(..., max_length=100000)
    author_ids: list[int] = Field(..., min_length=1, max_length=50)
    group_member_ids: list[int] = Field(default_factory=list, max_length=500)
    activity_id: int | None = None
    topic_id: int | None = None
    is_recommendation: bool = False


@router.post("/reports", response=responses(ResearchReportOut, 201), summary="报送调研报告")
def report_submit(request, payload: ResearchReportIn):
    r = services.report_submit(actor=request.user, **payload.dict())
    return Status(201, _report_out(request, r.pk))


@router.post("/reports/{report_id}/adopt", response=responses(ResearchReportOut), summary="录入采纳")
def report_adopt(request, report_id: int, payload: AdoptIn):
    services.report_adopt(actor=request.user, report_id=report_id, **payload.dict())
    return _report_out(request, report_id)


class NoteOnlyIn(Schema):
    note: str = Field("", max_length=5000)


@router.post("/reports/{report_id}/reject", response=responses(ResearchReportOut), summary="记为未采纳")
def report_reject(request, report_id: int, payload: NoteOnlyIn):
    services.report_reject(actor=request.user, report_id=report_id, note=payload.note)
    return _report_out(request, report_id)


class ActivityConvertIn(Schema):
    converted_on: date
    note: str = Field(..., max_length=5000)


@router.post("/reports/{report_id}/convert", response=responses(ResearchReportOut),
             summary="录入转化（形成政策）")
def report_convert(request, report_id: int, payload: ActivityConvertIn):
    services.report_convert(actor=request.user, report_id=report_id, **payload.dict())
    return _report_out(request, report_id)


class ReportInstructionIn(Schema):
    leader_name: str = Field(..., max_length=50)
    level: str = Field(..., pattern="^(national|province|city|county)$")
    given_on: date
    text: str = Field(..., max_length=5000)


@router.post("/reports/{report_id}/instructions", response=responses(ReportInstructionOut, 201),
             summary="录入领导批示")
def report_instruction(request, report_id: int, payload: ReportInstructionIn):
    i = services.report_instruction_record(actor=request.user, report_id=report_id,
                                           **payload.dict())
    return Status(201, _instruction(i))


# --- statistics ---------------------------------------------------------------------------


@router.get("/stats", response=responses(dict),
            summary="履职活动统计（定义见 docs/workflows/activities.md）")
def activity_stats(request, query: Query[StatsQuery]):
    if not permissions.can_read_all(request.user):
        raise PermissionDenied("您无权查看统计。")
    if query.year is None and query.session_id is None:
        raise ValidationError("请指定年度或会议。", field="year")
    return stats.activity_stats(request.user.committee_id, year=query.year,
                                session_id=query.session_id)

