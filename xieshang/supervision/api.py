"""API for key proposals, their supervision, and excellent proposals: the same services."""

from datetime import date, datetime

from ninja import Query, Router, Schema, Status
from pydantic import Field

from xieshang.api.schemas import EventOut, StatsQuery, event_row, responses
from xieshang.core.errors import PermissionDenied, ValidationError

from . import permissions, selectors, services, stats
from .models import ExcellentProposal, KeyProposal

router = Router(tags=["重点提案与优秀提案"])

KEY_STATUSES = "^(candidate|approved|rejected|completed)$"
EXCELLENT_STATUSES = "^(candidate|approved|rejected)$"
LEADER_KINDS = "^(cppcc|party|government)$"


class ProposalRef(Schema):
    id: int
    title: str
    official_number: str
    proposer: str
    session_id: int | None
    status: str


class SupervisionDecisionOut(Schema):
    id: int
    meeting: str
    meeting_date: date
    text: str
    approved: bool


class LeaderOut(Schema):
    id: int
    kind: str
    kind_label: str
    name: str
    title: str
    user_id: int | None
    is_lead: bool


class KeyProposalOut(Schema):
    id: int
    status: str
    status_label: str
    title: str
    reason: str
    proposal: ProposalRef
    decision: SupervisionDecisionOut | None
    leaders: list[LeaderOut]
    proposed_at: datetime
    completed_at: datetime | None
    summary: str


class KeyProposalRow(KeyProposalOut):
    related_count: int
    activity_count: int
    instruction_count: int


class KeyPageOut(Schema):
    count: int
    items: list[KeyProposalRow]


class SupervisionActivityOut(Schema):
    id: int
    kind: str
    kind_label: str
    held_on: date
    place: str
    participants: str
    leaders: list[str]
    notes: str
    recorded_by: str
    recorded_at: datetime


class SupervisionInstructionOut(Schema):
    id: int
    leader_name: str
    leader_title: str
    leader_kind: str
    leader_id: int | None
    given_on: date
    text: str
    by_leader_user: bool
    recorded_at: datetime


class SupervisionReplyOut(Schema):
    round: int
    result_class: str | None
    passed_at: datetime | None


class SupervisionAssignmentOut(Schema):
    unit: str
    role: str
    role_label: str
    status: str
    status_label: str
    sign_due: date
    due: date | None
    signed_at: datetime | None
    finished_at: datetime | None
    replies: list[SupervisionReplyOut]


class RatingOut(Schema):
    round: int
    member: str
    overall: str
    overall_label: str


class HandlingOut(Schema):
    proposal_id: int
    status: str
    status_label: str
    mode: str
    round: int
    cutoff: date | None
    assignments: list[SupervisionAssignmentOut]
    ratings: list[RatingOut]


class ProgressOut(KeyProposalOut):
    related: list[ProposalRef]
    activities: list[SupervisionActivityOut]
    instructions: list[SupervisionInstructionOut]
    handling: list[HandlingOut]
    events: list[EventOut]


def _ref(p) -> dict:
    return {"id": p.pk, "title": p.title, "official_number": p.official_number,
            "proposer": p.proposer_display, "session_id": p.session_id, "status": p.status}


def _decision(d) -> dict | None:
    if d is None:
        return None
    return {"id": d.pk, "meeting": d.meeting, "meeting_date": d.meeting_date, "text": d.text,
            "approved": d.approved}


def _leader(r) -> dict:
    return {"id": r.pk, "kind": r.kind, "kind_label": r.get_kind_display(), "name": r.name,
            "title": r.title, "user_id": r.user_id, "is_lead": r.is_lead}


def _key(kp: KeyProposal) -> dict:
    return {
        "id": kp.pk, "status": kp.status, "status_label": kp.get_status_display(),
        "title": kp.title, "reason": kp.reason, "proposal": _ref(kp.proposal),
        "decision": _decision(kp.decision),
        "leaders": [_leader(r) for r in kp.current_leaders()],
        "proposed_at": kp.proposed_at, "completed_at": kp.completed_at, "summary": kp.summary,
    }


def _row(kp: KeyProposal) -> dict:
    return {**_key(kp), "related_count": kp.related_count, "activity_count": kp.activity_count,
            "instruction_count": kp.instruction_count}


def _activity(a) -> dict:
    return {"id": a.pk, "kind": a.kind, "kind_label": a.get_kind_display(),
            "held_on": a.held_on, "place": a.place, "participants": a.participants,
            "leaders": [str(r) for r in a.leaders.all()], "notes": a.notes,
            "recorded_by": str(a.recorded_by), "recorded_at": a.recorded_at}


def _instruction(i) -> dict:
    return {"id": i.pk, "leader_name": i.leader_name, "leader_title": i.leader_title,
            "leader_kind": i.leader_kind, "leader_id": i.leader_id, "given_on": i.given_on,
            "text": i.text, "by_leader_user": i.given_by_id is not None,
            "recorded_at": i.recorded_at}


def _handling(case) -> dict:
    return {
        "proposal_id": case.proposal_id, "status": case.status,
        "status_label": case.get_status_display(), "mode": case.mode, "round": case.round,
        "cutoff": case.cutoff,
        "assignments": [
            {"unit": a.unit.name, "role": a.role, "role_label": a.get_role_display(),
             "status": a.status, "status_label": a.get_status_display(),
             "sign_due": a.sign_due, "due": a.due, "signed_at": a.signed_at,
             "finished_at": a.finished_at,
             "replies": [{"round": r.round, "result_class": r.result_class.code
                          if r.result_class else None, "passed_at": r.passed_at}
                         for r in a.passed_replies]}
            for a in case.assignments.all()
        ],
        "ratings": [{"round": f.round, "member": f.member.name, "overall": f.overall,
                     "overall_label": f.get_overall_display()} for f in case.feedback.all()],
    }


def _progress(request, key_proposal_id: int) -> dict:
    kp = selectors.key_proposal_detail(user=request.user, key_proposal_id=key_proposal_id)
    related = [r.proposal for r in kp.related.all()]
    cases = selectors.handling_overview(committee_id=kp.committee_id,
                                        proposal_ids=[kp.proposal_id, *(p.pk for p in related)])
    order = [kp.proposal_id, *(p.pk for p in related)]
    return {
        **_key(kp),
        "related": [_ref(p) for p in related],
        "activities": [_activity(a) for a in kp.activities.all()],
        "instructions": [_instruction(i) for i in kp.instructions.all()],
        "handling": [_handling(cases[pid]) for pid in order if pid in cases],
        "events": [event_row(e) for e in selectors.key_proposal_timeline(key_proposal=kp)],
    }


class KeyListQuery(Schema):
    year: int | None = Field(None, ge=1950, le=2100, description="主提案所属会议的年度")
    session_id: int | None = None
    status: str | None = Field(None, pattern=KEY_STATUSES)
    q: str | None = Field(None, max_length=100)
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0)


@router.get("/key-proposals", response=responses(KeyPageOut), summary="重点提案列表（含候选）")
def key_proposal_list(request, query: Query[KeyListQuery]):
    qs = selectors.key_proposal_list(user=request.user, year=query.year,
                                     session_id=query.session_id, status=query.status,
                                     q=query.q)
    items = list(qs[query.offset: query.offset + query.limit])
    return {"count": qs.count(), "items": [_row(kp) for kp in items]}


class ProposeIn(Schema):
    proposal_id: int
    reason: str = Field(..., max_length=5000)
    title: str = Field("", max_length=200)
    related_proposal_ids: list[int] = Field(default_factory=list, max_length=100)


@router.post("/key-proposals", response=responses(ProgressOut, 201), summary="提出重点提案候选")
def key_proposal_propose(request, payload: ProposeIn):
    kp = services.key_proposal_propose(actor=request.user, **payload.dict())
    return Status(201, _progress(request, kp.pk))


class SupervisionDecisionIn(Schema):
    approve: bool
    meeting: str = Field(..., max_length=100, description="如：五届第二十三次主席会议")
    meeting_date: date
    text: str = Field(..., max_length=5000)


class BatchDecisionIn(SupervisionDecisionIn):
    key_proposal_ids: list[int] = Field(..., min_length=1, max_length=200)


@router.post("/key-proposals/decisions", response=responses(list[KeyProposalOut]),
             summary="记录主席会议决定（一次决定多件候选）")
def key_proposal_decide_many(request, payload: BatchDecisionIn):
    decided = services.key_proposal_decide(actor=request.user, **payload.dict())
    rows = selectors.key_proposal_list(user=request.user).filter(pk__in=[kp.pk for kp in decided])
    return [_key(kp) for kp in rows]


@router.get("/key-proposals/{key_proposal_id}", response=responses(ProgressOut),
            summary="重点提案督办进度")
def key_proposal_get(request, key_proposal_id: int):
    return _progress(request, key_proposal_id)


@router.post("/key-proposals/{key_proposal_id}/decide", response=responses(ProgressOut),
             summary="记录主席会议决定")
def key_proposal_decide(request, key_proposal_id: int, payload: SupervisionDecisionIn):
    services.key_proposal_decide(actor=request.user, key_proposal_ids=[key_proposal_id],
                                 **payload.dict())
    return _progress(request, key_proposal_id)


class CompleteIn(Schema):
    summary: str = Field(..., max_length=20000)


@router.post("/key-proposals/{key_proposal_id}/complete", response=responses(ProgressOut),
             summary="督办办结")
def key_proposal_complete(request, key_proposal_id: int, payload: CompleteIn):
    services.key_proposal_complete(actor=request.user, key_proposal_id=key_proposal_id,
                                   summary=payload.summary)
    return _progress(request, key_proposal_id)


class LeaderIn(Schema):
    kind: str = Field(..., pattern=LEADER_KINDS, description="cppcc 政协 / party 党委 / government 政府")
    name: str = Field("", max_length=50, description="关联用户时可不填，取用户姓名")
    title: str = Field(..., max_length=100)
    user_id: int | None = None
    is_lead: bool = False


@router.post("/key-proposals/{key_proposal_id}/leaders", response=responses(LeaderOut, 201),
             summary="增加督办领导")
def leader_add(request, key_proposal_id: int, payload: LeaderIn):
    row = services.supervising_leader_add(actor=request.user, key_proposal_id=key_proposal_id,
                                          **payload.dict())
    return Status(201, _leader(row))


@router.delete("/key-proposals/{key_proposal_id}/leaders/{leader_id}",
               response=responses(LeaderOut), summary="移除督办领导")
def leader_remove(request, key_proposal_id: int, leader_id: int):
    row = services.supervising_leader_remove(actor=request.user,
                                             key_proposal_id=key_proposal_id,
                                             leader_id=leader_id)
    return _leader(row)


class SupervisionActivityIn(Schema):
    kind: str = Field(..., pattern="^(forum|inspection|visit|unannounced|meeting|research|"
                                   "consultation)$",
                      description="forum 座谈 / inspection 视察 / visit 走访 / unannounced 暗访 / "
                                  "meeting 督办会 / research 专题调研 / consultation 协商")
    held_on: date
    place: str = Field("", max_length=200)
    participants: str = Field("", max_length=2000)
    leader_ids: list[int] = Field(default_factory=list, max_length=50)
    notes: str = Field(..., max_length=20000)


@router.post("/key-proposals/{key_proposal_id}/activities", response=responses(SupervisionActivityOut, 201),
             summary="记录督办活动")
def activity_record(request, key_proposal_id: int, payload: SupervisionActivityIn):
    activity = services.activity_record(actor=request.user, key_proposal_id=key_proposal_id,
                                        **payload.dict())
    return Status(201, _activity(activity))


class SupervisionInstructionIn(Schema):
    given_on: date
    text: str = Field(..., max_length=5000)
    leader_id: int | None = Field(None, description="督办领导；领导本人录入时可不填")
    leader_name: str = Field("", max_length=50)
    leader_title: str = Field("", max_length=100)
    leader_kind: str = Field("", pattern="^(|cppcc|party|government)$")


@router.post("/key-proposals/{key_proposal_id}/instructions",
             response=responses(SupervisionInstructionOut, 201), summary="录入领导批示")
def instruction_record(request, key_proposal_id: int, payload: SupervisionInstructionIn):
    instruction = services.instruction_record(actor=request.user,
                                              key_proposal_id=key_proposal_id, **payload.dict())
    return Status(201, _instruction(instruction))


@router.get("/key-proposals/{key_proposal_id}/events", response=responses(list[EventOut]),
            summary="重点提案督办轨迹")
def key_proposal_events(request, key_proposal_id: int):
    kp = permissions.access_key_proposal(request.user, key_proposal_id)
    return [event_row(e) for e in selectors.key_proposal_timeline(key_proposal=kp)]


class AcceptedQuery(Schema):
    q: str | None = Field(None, max_length=100, description="提案号、流水号或案由关键词")
    session_id: int | None = None


class CandidateOut(ProposalRef):
    in_key_proposal: bool
    in_excellent: bool


@router.get("/accepted-proposals", response=responses(list[CandidateOut]),
            summary="可推荐的已立案提案（按提案号或案由查找，最多50件）")
def accepted_proposals(request, query: Query[AcceptedQuery]):
    if not (permissions.can_propose(request.user)
            or permissions.can_propose_excellent(request.user)):
        raise PermissionDenied("只有提案委工作人员可以推荐重点提案和优秀提案。")
    rows = selectors.accepted_proposals(committee_id=request.user.committee_id, q=query.q,
                                        session_id=query.session_id)[:50]
    return [{**_ref(p), "in_key_proposal": p.in_key or p.in_related,
             "in_excellent": p.in_excellent} for p in rows]


@router.get("/stats", response=responses(dict),
            summary="重点提案与优秀提案统计（定义见 docs/workflows/key-proposals.md）")
def supervision_stats(request, query: Query[StatsQuery]):
    if not permissions.can_read_all(request.user):
        raise PermissionDenied("您无权查看统计。")
    if query.year is None and query.session_id is None:
        raise ValidationError("请指定年度或会议。", field="year")
    committee_id = request.user.committee_id
    return {
        **stats.key_proposal_stats(committee_id, year=query.year, session_id=query.session_id),
        "excellent": stats.excellent_proposal_stats(committee_id, year=query.year,
                                                    session_id=query.session_id),
    }


class ExcellentOut(Schema):
    id: int
    status: str
    status_label: str
    reason: str
    proposal: ProposalRef
    decision: SupervisionDecisionOut | None
    proposed_at: datetime


class ExcellentPageOut(Schema):
    count: int
    items: list[ExcellentOut]


def _excellent(e: ExcellentProposal) -> dict:
    return {"id": e.pk, "status": e.status, "status_label": e.get_status_display(),
            "reason": e.reason, "proposal": _ref(e.proposal), "decision": _decision(e.decision),
            "proposed_at": e.proposed_at}


class ExcellentListQuery(Schema):
    year: int | None = Field(None, ge=1950, le=2100, description="提案所属会议的年度")
    session_id: int | None = None
    status: str | None = Field(None, pattern=EXCELLENT_STATUSES)
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0)


@router.get("/excellent", response=responses(ExcellentPageOut), summary="优秀提案列表（含候选）")
def excellent_list(request, query: Query[ExcellentListQuery]):
    qs = selectors.excellent_list(user=request.user, year=query.year,
                                  session_id=query.session_id, status=query.status)
    items = list(qs[query.offset: query.offset + query.limit])
    return {"count": qs.count(), "items": [_excellent(e) for e in items]}


class ExcellentIn(Schema):
    proposal_id: int
    reason: str = Field(..., max_length=5000)


def _excellent_out(request, excellent_id: int) -> dict:
    row = selectors.excellent_list(user=request.user).get(pk=excellent_id)
    return _excellent(row)


@router.post("/excellent", response=responses(ExcellentOut, 201), summary="推荐优秀提案候选")
def excellent_propose(request, payload: ExcellentIn):
    e = services.excellent_proposal_propose(actor=request.user, **payload.dict())
    return Status(201, _excellent_out(request, e.pk))


class ExcellentBatchIn(SupervisionDecisionIn):
    excellent_ids: list[int] = Field(..., min_length=1, max_length=200)


@router.post("/excellent/decisions", response=responses(list[ExcellentOut]),
             summary="记录主席会议评选决定（一次决定多件候选）")
def excellent_decide_many(request, payload: ExcellentBatchIn):
    decided = services.excellent_proposal_decide(actor=request.user, **payload.dict())
    rows = selectors.excellent_list(user=request.user).filter(pk__in=[e.pk for e in decided])
    return [_excellent(e) for e in rows]


@router.post("/excellent/{excellent_id}/decide", response=responses(ExcellentOut),
             summary="记录主席会议评选决定")
def excellent_decide(request, excellent_id: int, payload: SupervisionDecisionIn):
    services.excellent_proposal_decide(actor=request.user, excellent_ids=[excellent_id],
                                       **payload.dict())
    return _excellent_out(request, excellent_id)
