"""Every write to key and excellent proposals: candidacies, decisions, leaders, supervision."""

from collections.abc import Callable, Iterable
from datetime import date

from django.db import transaction
from django.db.models import Q

from xieshang.accounts.models import User
from xieshang.accounts.roles import Role
from xieshang.accounts.selectors import has_role
from xieshang.core import clock, workflow
from xieshang.core.errors import Conflict, PermissionDenied, ValidationError
from xieshang.core.text_input import clean_text as _text
from xieshang.notifications.services import notify
from xieshang.proposals.models import Proposal
from xieshang.proposals.workflow import Status as ProposalStatus

from . import permissions
from .models import (
    ActivityKind,
    ExcellentProposal,
    Instruction,
    KeyProposal,
    LeaderKind,
    MeetingDecision,
    RelatedProposal,
    SupervisingLeader,
    SupervisionActivity,
    SupervisionEvent,
)
from .workflow import (
    ACTIVE_EXCELLENT,
    ACTIVE_KEY,
    EXCELLENT,
    KEY,
    LEADERS_OPEN,
    SUPERVISED,
    ExcellentStatus,
    KeyStatus,
    Transition,
)

MAX_RELATED = 100
MAX_BATCH = 200
EARLIEST = date(1950, 1, 1)


# --- events and transitions ---------------------------------------------------------------


def record_event(*, actor: User | None, action: str, key_proposal: KeyProposal | None = None,
                 excellent: ExcellentProposal | None = None, frm: str = "", to: str = "",
                 **payload) -> SupervisionEvent:
    """Append one supervision event about a key proposal or an excellent-proposal candidacy."""
    subject = key_proposal or excellent
    return SupervisionEvent.objects.create(
        committee_id=subject.committee_id, key_proposal=key_proposal, excellent=excellent,
        actor=actor, action=action, from_status=frm, to_status=to, at=clock.now(),
        payload=payload,
    )


def _check(obj, transition: Transition, actor: User) -> None:
    workflow.check(obj, transition, actor, permissions)


def _apply(obj, transition: Transition, actor: User,
           mutate: Callable[[object], Iterable[str]] | None = None, **payload):
    """Move a locked row along its table and write the event; the caller holds the lock."""
    subject = {"key_proposal": obj} if isinstance(obj, KeyProposal) else {"excellent": obj}
    return workflow.move(obj, transition, actor, permissions, mutate=mutate, record=lambda frm, to:
                         record_event(actor=actor, action=transition.name, frm=frm, to=to,
                                      **subject, **payload))


def apply_transition(*, actor: User, key_proposal_id: int, name: str,
                     mutate: Callable[[KeyProposal], Iterable[str]] | None = None,
                     **payload) -> KeyProposal:
    """Lock the key proposal, check the edge and the actor, change state, and log the event."""
    key_proposal = permissions.access_key_proposal(actor, key_proposal_id, for_update=True)
    return _apply(key_proposal, KEY[name], actor, mutate, **payload)


def apply_excellent_transition(*, actor: User, excellent_id: int, name: str,
                               mutate: Callable[[ExcellentProposal], Iterable[str]] | None = None,
                               **payload) -> ExcellentProposal:
    """Lock the candidacy, check the edge and the actor, change state, and log the event."""
    excellent = permissions.access_excellent(actor, excellent_id, for_update=True)
    return _apply(excellent, EXCELLENT[name], actor, mutate, **payload)


# --- input --------------------------------------------------------------------------------




def _past_date(value: date | None, label: str, field: str) -> date:
    if value is None:
        raise ValidationError(f"请填写{label}。", field=field)
    if value < EARLIEST or value > clock.today():
        raise ValidationError(f"{label}不能晚于今天，也不能早于1950年。", field=field)
    return value


def _ids(values: Iterable[int] | None, label: str, field: str, limit: int) -> list[int]:
    ids = list(values or [])
    if len(set(ids)) != len(ids):
        raise ValidationError(f"{label}不能重复选择。", field=field)
    if len(ids) > limit:
        raise ValidationError(f"{label}最多选择{limit}件。", field=field)
    return ids


def _proposer_users(proposals: Iterable[Proposal]) -> list[User]:
    """Return the users who speak for the proposals: creators and confirmed member proposers."""
    ids = [p.pk for p in proposals]
    return list(User.objects.filter(
        Q(pk__in=Proposal.objects.filter(pk__in=ids).values("created_by"))
        | Q(member__proposer_rows__proposal_id__in=ids,
            member__proposer_rows__status="confirmed"),
        is_active=True,
    ).distinct())


# --- key proposals ------------------------------------------------------------------------


def _lock_accepted(committee_id: int, ids: list[int]) -> dict[int, Proposal]:
    return {p.pk: p for p in Proposal.objects.select_for_update(of=("self",)).filter(
        committee_id=committee_id, pk__in=ids)}


def _key_holding(committee_id: int, ids: list[int], exclude: int | None = None):
    qs = KeyProposal.objects.filter(committee_id=committee_id, status__in=ACTIVE_KEY).filter(
        Q(proposal_id__in=ids) | Q(related__proposal_id__in=ids))
    if exclude:
        qs = qs.exclude(pk=exclude)
    return qs.distinct().first()


@transaction.atomic
def key_proposal_propose(*, actor: User, proposal_id: int, reason: str, title: str = "",
                         related_proposal_ids: list[int] | None = None) -> KeyProposal:
    """Put an accepted proposal (with related ones supervised together) forward as a candidate."""
    if not permissions.can_propose(actor):
        raise PermissionDenied("只有提案委工作人员可以提出重点提案候选。")
    related_ids = _ids(related_proposal_ids, "相关提案", "related_proposal_ids", MAX_RELATED)
    if proposal_id in related_ids:
        raise ValidationError("主提案不能同时作为相关提案。", field="related_proposal_ids")
    reason = _text(reason, "推荐理由", "reason")
    title = _text(title, "重点提案名称", "title", required=False, max_len=200)
    found = _lock_accepted(actor.committee_id, [proposal_id, *related_ids])
    main = found.get(proposal_id)
    if main is None:
        raise ValidationError("所选提案不存在。", field="proposal_id")
    if main.status != ProposalStatus.ACCEPTED:
        raise ValidationError("只有已立案的提案可以列为重点提案候选。", field="proposal_id")
    for pid in related_ids:
        p = found.get(pid)
        if p is None:
            raise ValidationError("所选相关提案不存在。", field="related_proposal_ids")
        if p.status != ProposalStatus.ACCEPTED:
            raise ValidationError(f"相关提案《{p.title}》尚未立案，不能并入重点提案。",
                                  field="related_proposal_ids")
    holding = _key_holding(actor.committee_id, [proposal_id, *related_ids])
    if holding is not None:
        raise Conflict(f"所选提案已在重点提案「{holding.title}」中（候选或已确定），不能重复列入。")
    now = clock.now()
    key_proposal = KeyProposal.objects.create(
        committee_id=actor.committee_id, proposal=main, title=title or main.title, reason=reason,
        status=KeyStatus.CANDIDATE, proposed_by=actor, proposed_at=now, updated_at=now,
    )
    RelatedProposal.objects.bulk_create([
        RelatedProposal(committee_id=actor.committee_id, key_proposal=key_proposal,
                        proposal_id=pid, position=i)
        for i, pid in enumerate(related_ids, start=1)
    ])
    record_event(actor=actor, action="propose", key_proposal=key_proposal,
                 to=KeyStatus.CANDIDATE, proposal_id=main.pk, title=key_proposal.title,
                 related_proposal_ids=related_ids, reason=reason)
    return key_proposal


def _decision(actor: User, *, approve: bool, meeting: str, meeting_date: date | None,
              text: str) -> MeetingDecision:
    return MeetingDecision.objects.create(
        committee_id=actor.committee_id,
        meeting=_text(meeting, "会议名称", "meeting", max_len=100),
        meeting_date=_past_date(meeting_date, "会议日期", "meeting_date"),
        text=_text(text, "决定内容", "text"), approved=approve,
        recorded_by=actor, recorded_at=clock.now(),
    )


def _decision_payload(d: MeetingDecision) -> dict:
    return {"decision_id": d.pk, "meeting": d.meeting,
            "meeting_date": d.meeting_date.isoformat(), "text": d.text}


@transaction.atomic
def key_proposal_decide(*, actor: User, key_proposal_ids: list[int], approve: bool,
                        meeting: str, meeting_date: date | None, text: str) -> list[KeyProposal]:
    """Record a chair's-meeting decision approving (or not) one or more candidates."""
    ids = _ids(key_proposal_ids, "候选重点提案", "key_proposal_ids", MAX_BATCH)
    if not ids:
        raise ValidationError("请选择要决定的候选重点提案。", field="key_proposal_ids")
    transition = KEY["approve" if approve else "reject"]
    locked = [permissions.access_key_proposal(actor, i, for_update=True) for i in sorted(ids)]
    for key_proposal in locked:
        _check(key_proposal, transition, actor)
    decision = _decision(actor, approve=approve, meeting=meeting, meeting_date=meeting_date,
                         text=text)

    def attach(kp):
        kp.decision = decision
        return ["decision"]

    for key_proposal in locked:
        _apply(key_proposal, transition, actor, attach, **_decision_payload(decision))
    if approve:
        _notify_approved(locked)
    return locked


def _notify_approved(key_proposals: list[KeyProposal]) -> None:
    for kp in key_proposals:
        proposals = [kp.proposal, *(r.proposal for r in kp.related.select_related("proposal"))]
        notify(users=_proposer_users(proposals), kind="key_proposal",
               title=f"您的提案已列为重点提案：{kp.title}",
               body="经主席会议研究确定，将由领导领衔督办。", url=f"/supervision/{kp.pk}/")
        leaders = kp.leaders.filter(removed_at__isnull=True, user__isnull=False)
        notify(users=[row.user for row in leaders.select_related("user")], kind="key_proposal",
               title=f"请督办重点提案：{kp.title}", url=f"/supervision/{kp.pk}/")


@transaction.atomic
def key_proposal_complete(*, actor: User, key_proposal_id: int, summary: str) -> KeyProposal:
    """Close the supervision of an approved key proposal (督办办结) with a summary."""
    key_proposal = permissions.access_key_proposal(actor, key_proposal_id, for_update=True)
    transition = KEY["complete"]
    _check(key_proposal, transition, actor)
    summary = _text(summary, "督办办结情况", "summary", max_len=20000)

    def close(kp):
        kp.summary, kp.completed_at = summary, clock.now()
        return ["summary", "completed_at"]

    return _apply(key_proposal, transition, actor, close, summary=summary)


# --- supervising leaders ------------------------------------------------------------------


def _lock_open(actor: User, key_proposal_id: int, states: frozenset, what: str) -> KeyProposal:
    key_proposal = permissions.access_key_proposal(actor, key_proposal_id, for_update=True)
    if key_proposal.status not in states:
        raise Conflict(f"该重点提案当前状态为「{key_proposal.get_status_display()}」，"
                       f"不能{what}（可能已被他人处理，请刷新后查看）。", code="invalid_state")
    return key_proposal


def _leader_user(committee_id: int, user_id: int) -> User:
    user = User.objects.filter(pk=user_id, committee_id=committee_id, is_active=True).first()
    if user is None or not has_role(user, Role.LEADER):
        raise ValidationError("所选用户不是本会的领导用户。", field="user_id")
    return user


@transaction.atomic
def supervising_leader_add(*, actor: User, key_proposal_id: int, kind: str, name: str = "",
                           title: str, user_id: int | None = None,
                           is_lead: bool = False) -> SupervisingLeader:
    """Name a CPPCC, Party or government leader to supervise the key proposal."""
    key_proposal = _lock_open(actor, key_proposal_id, LEADERS_OPEN, "调整督办领导")
    if not permissions.can_manage_leaders(actor, key_proposal):
        raise PermissionDenied("只有提案委工作人员可以安排督办领导。")
    if kind not in LeaderKind.values:
        raise ValidationError("督办领导类别应为政协、党委或政府。", field="kind")
    user = _leader_user(actor.committee_id, user_id) if user_id is not None else None
    name = _text(name or (user.full_name if user else ""), "领导姓名", "name", max_len=50)
    title = _text(title, "领导职务", "title", max_len=100)
    current = key_proposal.leaders.filter(removed_at__isnull=True)
    if user is not None and current.filter(user=user).exists():
        raise ValidationError(f"{name}已是该重点提案的督办领导。", field="user_id")
    replaced = None
    if is_lead:
        replaced = current.filter(is_lead=True).first()
        if replaced is not None:
            replaced.is_lead = False
            replaced.save(update_fields=["is_lead"])
    leader = SupervisingLeader.objects.create(
        committee_id=key_proposal.committee_id, key_proposal=key_proposal, kind=kind, name=name,
        title=title, user=user, is_lead=is_lead, added_by=actor, added_at=clock.now(),
    )
    record_event(actor=actor, action="leader_add", key_proposal=key_proposal,
                 leader_id=leader.pk, kind=kind, name=name, title=title, is_lead=is_lead,
                 user_id=user.pk if user else None,
                 replaced_lead_id=replaced.pk if replaced else None)
    if user is not None and key_proposal.status == KeyStatus.APPROVED:
        notify(users=[user], kind="key_proposal", title=f"请督办重点提案：{key_proposal.title}",
               url=f"/supervision/{key_proposal.pk}/")
    return leader


@transaction.atomic
def supervising_leader_remove(*, actor: User, key_proposal_id: int,
                              leader_id: int) -> SupervisingLeader:
    """Take a leader off the key proposal; the row and its activities stay on record."""
    key_proposal = _lock_open(actor, key_proposal_id, LEADERS_OPEN, "调整督办领导")
    if not permissions.can_manage_leaders(actor, key_proposal):
        raise PermissionDenied("只有提案委工作人员可以安排督办领导。")
    leader = key_proposal.leaders.filter(pk=leader_id, removed_at__isnull=True).first()
    if leader is None:
        raise ValidationError("该督办领导不存在或已移除。", field="leader_id")
    leader.removed_at, leader.removed_by = clock.now(), actor
    leader.save(update_fields=["removed_at", "removed_by"])
    record_event(actor=actor, action="leader_remove", key_proposal=key_proposal,
                 leader_id=leader.pk, name=leader.name, title=leader.title)
    return leader


# --- supervision activities and instructions ----------------------------------------------


@transaction.atomic
def activity_record(*, actor: User, key_proposal_id: int, kind: str, held_on: date | None,
                    notes: str, place: str = "", participants: str = "",
                    leader_ids: list[int] | None = None) -> SupervisionActivity:
    """Record a supervision activity (座谈, 视察, 走访, 暗访, 督办会, 专题调研, 协商)."""
    key_proposal = _lock_open(actor, key_proposal_id, SUPERVISED, "记录督办活动")
    if not permissions.can_record_activity(actor, key_proposal):
        raise PermissionDenied("只有提案委工作人员或该提案的督办领导可以记录督办活动。")
    if kind not in ActivityKind.values:
        raise ValidationError("请选择督办活动形式。", field="kind")
    held_on = _past_date(held_on, "活动日期", "held_on")
    ids = _ids(leader_ids, "出席领导", "leader_ids", 50)
    leaders = list(key_proposal.leaders.filter(pk__in=ids, removed_at__isnull=True))
    if len(leaders) != len(ids):
        raise ValidationError("出席领导须为该重点提案的督办领导。", field="leader_ids")
    activity = SupervisionActivity.objects.create(
        committee_id=key_proposal.committee_id, key_proposal=key_proposal, kind=kind,
        held_on=held_on, place=_text(place, "地点", "place", required=False, max_len=200),
        participants=_text(participants, "参加人员", "participants", required=False,
                           max_len=2000),
        notes=_text(notes, "情况记录", "notes", max_len=20000),
        recorded_by=actor, recorded_at=clock.now(),
    )
    activity.leaders.set(leaders)
    record_event(actor=actor, action="activity", key_proposal=key_proposal,
                 activity_id=activity.pk, kind=kind, kind_label=activity.get_kind_display(),
                 held_on=held_on.isoformat(),
                 place=activity.place, leaders=[str(row) for row in leaders])
    return activity


@transaction.atomic
def instruction_record(*, actor: User, key_proposal_id: int, given_on: date | None, text: str,
                       leader_name: str = "", leader_title: str = "", leader_kind: str = "",
                       leader_id: int | None = None) -> Instruction:
    """Record a leader's written instruction (批示); a supervising leader records their own."""
    key_proposal = _lock_open(actor, key_proposal_id, SUPERVISED, "录入领导批示")
    if not permissions.can_record_instruction(actor, key_proposal):
        raise PermissionDenied("只有提案委工作人员或该提案的督办领导可以录入领导批示。")
    given_by = None
    if permissions.can_manage_leaders(actor, key_proposal):
        row = None
        if leader_id is not None:
            row = key_proposal.leaders.filter(pk=leader_id, removed_at__isnull=True).first()
            if row is None:
                raise ValidationError("所选督办领导不存在。", field="leader_id")
    else:
        row = permissions.supervising_leader_of(actor, key_proposal)
        if leader_id is not None and leader_id != row.pk:
            raise PermissionDenied("您只能录入本人的批示。")
        given_by = actor
    if row is not None:
        leader_name, leader_title, leader_kind = row.name, row.title, row.kind
    if leader_kind and leader_kind not in LeaderKind.values:
        raise ValidationError("领导类别应为政协、党委或政府。", field="leader_kind")
    instruction = Instruction.objects.create(
        committee_id=key_proposal.committee_id, key_proposal=key_proposal,
        leader_name=_text(leader_name, "批示领导姓名", "leader_name", max_len=50),
        leader_title=_text(leader_title, "批示领导职务", "leader_title", max_len=100),
        leader_kind=leader_kind or "", leader=row,
        given_on=_past_date(given_on, "批示日期", "given_on"),
        text=_text(text, "批示内容", "text"), given_by=given_by,
        recorded_by=actor, recorded_at=clock.now(),
    )
    record_event(actor=actor, action="instruction", key_proposal=key_proposal,
                 instruction_id=instruction.pk, leader_name=instruction.leader_name,
                 leader_title=instruction.leader_title,
                 given_on=instruction.given_on.isoformat())
    return instruction


# --- excellent proposals ------------------------------------------------------------------


@transaction.atomic
def excellent_proposal_propose(*, actor: User, proposal_id: int,
                               reason: str) -> ExcellentProposal:
    """Put an accepted proposal forward as a candidate for 优秀提案."""
    if not permissions.can_propose_excellent(actor):
        raise PermissionDenied("只有提案委工作人员可以推荐优秀提案候选。")
    reason = _text(reason, "推荐理由", "reason")
    proposal = _lock_accepted(actor.committee_id, [proposal_id]).get(proposal_id)
    if proposal is None:
        raise ValidationError("所选提案不存在。", field="proposal_id")
    if proposal.status != ProposalStatus.ACCEPTED:
        raise ValidationError("只有已立案的提案可以推荐为优秀提案。", field="proposal_id")
    if ExcellentProposal.objects.filter(proposal=proposal, status__in=ACTIVE_EXCELLENT).exists():
        raise Conflict("该提案已是优秀提案候选或已评为优秀提案。")
    now = clock.now()
    excellent = ExcellentProposal.objects.create(
        committee_id=actor.committee_id, proposal=proposal, reason=reason,
        status=ExcellentStatus.CANDIDATE, proposed_by=actor, proposed_at=now, updated_at=now,
    )
    record_event(actor=actor, action="propose", excellent=excellent,
                 to=ExcellentStatus.CANDIDATE, proposal_id=proposal.pk, reason=reason)
    return excellent


@transaction.atomic
def excellent_proposal_decide(*, actor: User, excellent_ids: list[int], approve: bool,
                              meeting: str, meeting_date: date | None,
                              text: str) -> list[ExcellentProposal]:
    """Record a chair's-meeting decision naming (or not) candidates as 优秀提案."""
    ids = _ids(excellent_ids, "优秀提案候选", "excellent_ids", MAX_BATCH)
    if not ids:
        raise ValidationError("请选择要决定的优秀提案候选。", field="excellent_ids")
    transition = EXCELLENT["approve" if approve else "reject"]
    locked = [permissions.access_excellent(actor, i, for_update=True) for i in sorted(ids)]
    for excellent in locked:
        _check(excellent, transition, actor)
    decision = _decision(actor, approve=approve, meeting=meeting, meeting_date=meeting_date,
                         text=text)

    def attach(ex):
        ex.decision = decision
        return ["decision"]

    for excellent in locked:
        _apply(excellent, transition, actor, attach, **_decision_payload(decision))
        if approve:
            notify(users=_proposer_users([excellent.proposal]), kind="excellent_proposal",
                   title=f"您的提案被评为优秀提案：{excellent.proposal.title}",
                   body=f"经{decision.meeting}研究确定。")
    return locked
