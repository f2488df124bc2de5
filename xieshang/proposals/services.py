"""Every write to proposals: drafting, co-signing, submission, review decisions, numbering."""

import re
from collections.abc import Callable, Iterable
from functools import partial

from django.db import transaction

from xieshang.accounts.models import User
from xieshang.core import clock, workflow
from xieshang.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from xieshang.core.sequences import sequence_next
from xieshang.organization.models import Member, Party, Sector, SpecialCommittee, Unit
from xieshang.organization.selectors import current_term, membership_for, session_for_day
from xieshang.textintel import normalize
from xieshang.textintel.normalize import only_layout_differs

from . import permissions, similarity
from .models import (
    Category,
    Conversion,
    Proposal,
    ProposalConfig,
    ProposalEvent,
    Proposer,
    RefusalGround,
    SuggestedUnit,
)
from .workflow import TRANSITIONS, Status

TITLE_PATTERN = re.compile(r"^关于.+的建议$")
BODY_TYPES = {
    Proposal.ProposerType.PARTY,
    Proposal.ProposerType.GROUP,
    Proposal.ProposerType.SPECIAL_COMMITTEE,
    Proposal.ProposerType.SECTOR,
}
PLENARY_ONLY_TYPES = {Proposal.ProposerType.SECTOR, Proposal.ProposerType.MEMBER_GROUP}


def proposal_config(committee) -> ProposalConfig:
    """Return the committee's proposal parameters, creating the defaults on first use."""
    config, _ = ProposalConfig.objects.get_or_create(committee=committee)
    return config


def record_event(proposal: Proposal, actor: User | None, action: str, *, frm: str = "",
           to: str = "", **payload) -> ProposalEvent:
    return ProposalEvent.objects.create(
        committee_id=proposal.committee_id,
        proposal=proposal,
        actor=actor,
        action=action,
        from_status=frm,
        to_status=to,
        at=clock.now(),
        payload=payload,
    )


def lock_proposal(actor: User, proposal_id: int) -> Proposal:
    return permissions.access_proposal(actor, proposal_id, for_update=True)


def apply_transition(*, actor: User, proposal_id: int, name: str,
                     mutate: Callable[[Proposal], Iterable[str]] | None = None,
                     **payload) -> Proposal:
    """Lock the proposal, check the edge and the actor, change state, and log the event."""
    transition = TRANSITIONS[name]
    proposal = lock_proposal(actor, proposal_id)
    return workflow.move(proposal, transition, actor, permissions, mutate=mutate, noun="提案",
                         record=lambda frm, to:
                         record_event(proposal, actor, name, frm=frm, to=to, **payload))


# --- drafting -----------------------------------------------------------------------------


def _clean_text(value: str | None, label: str, *, required: bool = True, max_len: int = 20000):
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(f"请填写{label}。", field=label)
    if len(value) > max_len:
        raise ValidationError(f"{label}不能超过{max_len}字（当前{len(value)}字）。", field=label)
    return value


# Pasted web pages can be far longer than what they leave after cleaning, but not without end.
RAW_LIMIT = 200_000


def _normalized(value: str | None, label: str, *, required: bool = True, max_len: int = 20000,
                one_line: bool = False) -> tuple[str, str]:
    """Return (cleaned text, raw input): markup, width and script variants, web-page noise out."""
    raw = value or ""
    if len(raw) > RAW_LIMIT:
        raise ValidationError(f"{label}内容过长（{len(raw)}字符），请删去无关内容后再提交。",
                              field=label)
    clean = normalize(raw)
    if one_line:
        clean = re.sub(r"\s*\n\s*", "", clean)
    return _clean_text(clean, label, required=required, max_len=max_len), raw


def _keep_original(proposal: Proposal, field: str, raw: str, clean: str) -> bool:
    """Keep the raw input of a field when cleaning changed it; return whether `original` changed."""
    original = dict(proposal.original or {})
    if not only_layout_differs(raw, clean):
        original[field] = raw
    else:
        original.pop(field, None)
    if original == (proposal.original or {}):
        return False
    proposal.original = original
    return True


def _changed_text(proposal: Proposal) -> None:
    # The similarity index of this process re-reads the row once the change is committed.
    transaction.on_commit(partial(similarity.mark_changed, proposal.committee_id, proposal.pk))


def _check_title(title: str, config: ProposalConfig) -> None:
    if not TITLE_PATTERN.match(title):
        raise ValidationError("案由应写作“关于……的建议”。", field="title")
    if len(title) > config.title_max_length:
        raise ValidationError(
            f"案由不能超过{config.title_max_length}字（当前{len(title)}字）。", field="title"
        )


NOT_A_MEMBER = "只有委员可以起草提案。"
NOT_SITTING = "您不是本届在任委员，不能提出提案。"


def proposing_refusal(actor: User) -> str | None:
    """Return why the user may not draft a proposal now, or None when they may."""
    if permissions.member_of(actor) is None:
        return NOT_A_MEMBER
    if not permissions.is_sitting_member(actor):
        return NOT_SITTING
    return None


def _member_required(actor: User) -> Member:
    refusal = proposing_refusal(actor)
    if refusal is not None:
        raise PermissionDenied(refusal)
    return permissions.member_of(actor)


def _category(committee, category_id: int | None) -> Category | None:
    if category_id is None:
        return None
    category = Category.objects.filter(
        committee=committee, pk=category_id, is_active=True
    ).first()
    if category is None:
        raise ValidationError("所选提案类别不存在。", field="category_id")
    return category


def _set_units(proposal: Proposal, lead_unit_ids: list[int], co_unit_ids: list[int]) -> None:
    ids = [*lead_unit_ids, *co_unit_ids]
    if len(set(ids)) != len(ids):
        raise ValidationError("同一单位不能重复选择。", field="units")
    units = Unit.objects.filter(committee_id=proposal.committee_id, pk__in=ids, is_active=True)
    if units.count() != len(ids):
        raise ValidationError("所选建议承办单位不存在。", field="units")
    SuggestedUnit.objects.filter(proposal=proposal).delete()
    SuggestedUnit.objects.bulk_create(
        [SuggestedUnit(proposal=proposal, unit_id=u, role="lead") for u in lead_unit_ids]
        + [SuggestedUnit(proposal=proposal, unit_id=u, role="co") for u in co_unit_ids]
    )


def _body(committee, proposer_type: str, body_id: int | None):
    model = {
        Proposal.ProposerType.PARTY: Party,
        Proposal.ProposerType.GROUP: Party,
        Proposal.ProposerType.SPECIAL_COMMITTEE: SpecialCommittee,
        Proposal.ProposerType.SECTOR: Sector,
    }[proposer_type]
    body = model.objects.filter(committee=committee, pk=body_id).first() if body_id else None
    if body is None:
        raise ValidationError("请选择以其名义提出提案的党派、团体、专委会或界别。", field="body_id")
    if model is Party and body.kind != ("party" if proposer_type == "party" else "group"):
        raise ValidationError("所选组织与提案者类型不符。", field="body_id")
    return body


@transaction.atomic
def proposal_create(*, actor: User, proposer_type: str, title: str, reasons: str,
                    suggestions: str, category_id: int | None = None,
                    lead_unit_ids: list[int] | None = None, co_unit_ids: list[int] | None = None,
                    consent_publication: bool = True, body_id: int | None = None,
                    member_group_name: str = "") -> Proposal:
    """Create a draft proposal in the actor's name or in the name of a body they act for."""
    committee = actor.committee
    if proposer_type not in Proposal.ProposerType.values:
        raise ValidationError("提案者类型无效。", field="proposer_type")
    config = proposal_config(committee)
    texts = {
        "title": _normalized(title, "案由", max_len=200, one_line=True),
        "reasons": _normalized(reasons, "情况与分析", required=False),
        "suggestions": _normalized(suggestions, "具体建议", required=False),
    }
    title = texts["title"][0]
    _check_title(title, config)
    member = _member_required(actor)
    now = clock.now()
    proposal = Proposal(
        committee=committee,
        proposer_type=proposer_type,
        created_by=actor,
        lead_member=member,
        title=title,
        reasons=texts["reasons"][0],
        suggestions=texts["suggestions"][0],
        category=_category(committee, category_id),
        consent_publication=consent_publication,
        created_at=now,
        updated_at=now,
    )
    for field, (clean, raw) in texts.items():
        _keep_original(proposal, field, raw, clean)
    body = None
    if proposer_type in BODY_TYPES:
        body = _body(committee, proposer_type, body_id)
        field = {Party: "party", SpecialCommittee: "special_committee", Sector: "sector"}[
            type(body)
        ]
        setattr(proposal, field, body)
        if not permissions.is_body_agent(actor, proposal):
            raise PermissionDenied(f"您未获授权以「{body}」的名义提出提案。")
    if proposer_type == Proposal.ProposerType.MEMBER_GROUP:
        proposal.member_group_name = _clean_text(member_group_name, "委员小组名称", max_len=50)
    proposal.save()
    if body is not None:
        Proposer.objects.create(
            proposal=proposal, role="body", status="confirmed", **{field: body}, position=0
        )
    elif proposal.member_group_name:
        Proposer.objects.create(
            proposal=proposal, role="body", status="confirmed",
            group_name=proposal.member_group_name, position=0,
        )
    else:
        Proposer.objects.create(
            proposal=proposal, role="first", status="confirmed", member=member, position=0,
            responded_at=now,
        )
    _set_units(proposal, lead_unit_ids or [], co_unit_ids or [])
    record_event(proposal, actor, "create", to=Status.DRAFT, title=title,
                 normalized=sorted(proposal.original))
    return proposal


EDITABLE_FIELDS = ("title", "reasons", "suggestions", "category_id", "consent_publication")


@transaction.atomic
def proposal_update(*, actor: User, proposal_id: int, title: str | None = None,
                    reasons: str | None = None, suggestions: str | None = None,
                    category_id: int | None = None, consent_publication: bool | None = None,
                    lead_unit_ids: list[int] | None = None,
                    co_unit_ids: list[int] | None = None) -> Proposal:
    """Edit a draft or a proposal returned for revision."""
    proposal = lock_proposal(actor, proposal_id)
    if not permissions.can_edit(actor, proposal):
        raise PermissionDenied("只有草稿或退回修改的提案可由提案者修改。")
    config = proposal_config(proposal.committee)
    changed = []
    normalized = []
    original_changed = False
    for field, value, label, kwargs in (
        ("title", title, "案由", {"max_len": 200, "one_line": True}),
        ("reasons", reasons, "情况与分析", {"required": False}),
        ("suggestions", suggestions, "具体建议", {"required": False}),
    ):
        if value is None:
            continue
        clean, raw = _normalized(value, label, **kwargs)
        if clean == getattr(proposal, field):
            continue
        if field == "title":
            _check_title(clean, config)
        setattr(proposal, field, clean)
        changed.append(field)
        original_changed |= _keep_original(proposal, field, raw, clean)
        if raw.strip() != clean:
            normalized.append(field)
    if category_id is not None and category_id != proposal.category_id:
        proposal.category = _category(proposal.committee, category_id)
        changed.append("category")
    if consent_publication is not None and consent_publication != proposal.consent_publication:
        proposal.consent_publication = consent_publication
        changed.append("consent_publication")
    if lead_unit_ids is not None or co_unit_ids is not None:
        _set_units(proposal, lead_unit_ids or [], co_unit_ids or [])
        changed.append("suggested_units")
    if changed:
        proposal.updated_at = clock.now()
        fields = [f for f in changed if f != "suggested_units"] + ["updated_at"]
        proposal.save(update_fields=fields + (["original"] if original_changed else []))
        record_event(proposal, actor, "edit", fields=changed, normalized=normalized)
        _changed_text(proposal)
    return proposal


# --- co-signing (联名) ---------------------------------------------------------------------


def _invitation_open(proposal: Proposal) -> None:
    if proposal.status not in (Status.DRAFT, Status.RETURNED, Status.SUBMITTED,
                               Status.FIRST_REVIEWED):
        raise Conflict("该提案已审查完毕，联名已截止。")
    if proposal.session_id and proposal.kind == Proposal.Kind.PLENARY:
        if clock.today() > proposal.session.proposal_deadline:
            raise Conflict("已过本次会议提案截止日期，联名已截止。")


@transaction.atomic
def proposal_invite(*, actor: User, proposal_id: int, member_id: int) -> Proposer:
    """Invite a member to co-sign a joint proposal."""
    proposal = lock_proposal(actor, proposal_id)
    if proposal.proposer_type != Proposal.ProposerType.JOINT:
        raise ValidationError("只有委员联名提案可以邀请联名人。")
    if not permissions.is_owner(actor, proposal) or proposal.status not in (
        Status.DRAFT, Status.RETURNED
    ):
        raise PermissionDenied("只有第一提案人可在提交前邀请联名人。")
    _invitation_open(proposal)
    member = Member.objects.filter(committee_id=proposal.committee_id, pk=member_id).first()
    if member is None:
        raise ValidationError("所邀请的委员不存在。", field="member_id")
    if member.pk == proposal.lead_member_id:
        raise ValidationError("不能邀请自己联名。", field="member_id")
    term = current_term(committee=proposal.committee, day=clock.today())
    seat = membership_for(member=member, term=term) if term else None
    if seat is None or not seat.may_act:
        raise ValidationError(f"{member.name}不是本届在任委员，不能联名。", field="member_id")
    row = Proposer.objects.filter(proposal=proposal, member=member).first()
    now = clock.now()
    if row and row.status in ("invited", "confirmed"):
        raise ValidationError(f"已邀请{member.name}联名。", field="member_id")
    position = Proposer.objects.filter(proposal=proposal).count()
    if row:
        row.status, row.invited_at, row.responded_at = "invited", now, None
        row.save(update_fields=["status", "invited_at", "responded_at"])
    else:
        row = Proposer.objects.create(
            proposal=proposal, member=member, role="co", status="invited", invited_at=now,
            position=position,
        )
    record_event(proposal, actor, "invite", member_id=member.pk, member=member.name)
    return row


def _invitation_row(actor: User, proposer_id: int) -> tuple[Proposal, Proposer]:
    row = Proposer.objects.filter(pk=proposer_id, role="co").select_related("proposal").first()
    if row is None or row.proposal.committee_id != actor.committee_id:
        raise NotFound()
    proposal = lock_proposal(actor, row.proposal_id)
    row = Proposer.objects.select_for_update(of=("self",)).get(pk=proposer_id)
    return proposal, row


def _respond(actor: User, proposer_id: int, status: str, action: str) -> Proposer:
    proposal, row = _invitation_row(actor, proposer_id)
    if not permissions.can_respond_invitation(actor, row):
        raise NotFound()
    if row.status != "invited":
        raise Conflict("该联名邀请已处理或已被撤回。")
    _invitation_open(proposal)
    row.status, row.responded_at = status, clock.now()
    row.save(update_fields=["status", "responded_at"])
    record_event(proposal, actor, action, member_id=row.member_id)
    return row


@transaction.atomic
def invitation_confirm(*, actor: User, proposer_id: int) -> Proposer:
    """Confirm one's co-signature of a joint proposal."""
    return _respond(actor, proposer_id, "confirmed", "cosign_confirm")


@transaction.atomic
def invitation_decline(*, actor: User, proposer_id: int) -> Proposer:
    """Decline an invitation to co-sign."""
    return _respond(actor, proposer_id, "declined", "cosign_decline")


@transaction.atomic
def invitation_revoke(*, actor: User, proposer_id: int) -> Proposer:
    """Withdraw an invitation the co-signer has not yet confirmed."""
    proposal, row = _invitation_row(actor, proposer_id)
    if not permissions.is_owner(actor, proposal):
        raise PermissionDenied("只有第一提案人可以撤回联名邀请。")
    if row.status != "invited":
        raise Conflict("联名人已确认或已谢绝，不能撤回邀请。")
    row.status, row.responded_at = "revoked", clock.now()
    row.save(update_fields=["status", "responded_at"])
    record_event(proposal, actor, "invite_revoke", member_id=row.member_id)
    return row


# --- corrections of the proposer list after submission ---------------------------------------

# Proposals whose proposer list staff may correct: submitted and not merged away (a merged
# proposal's proposers live on in the main proposal, which is corrected instead).
CORRECTABLE = frozenset({Status.SUBMITTED, Status.FIRST_REVIEWED, Status.ACCEPTED,
                         Status.REFUSED, Status.CONVERTED})


def _correctable(actor: User, proposal_id: int, member_id: int,
                 reason: str) -> tuple[Proposal, Member, str]:
    proposal = lock_proposal(actor, proposal_id)
    if not permissions.can_first_review(actor, proposal):
        raise PermissionDenied("只有提案工作人员可以更正联名人。")
    if proposal.status not in CORRECTABLE:
        raise Conflict(f"该提案当前状态为「{Status(proposal.status).label}」，不能更正联名人"
                       "（未提交的由第一提案人修改，已并案的请更正主提案）。",
                       code="invalid_transition")
    if proposal.proposer_type != Proposal.ProposerType.JOINT:
        raise ValidationError("只有委员联名提案有联名人。", field="proposal_id")
    reason = _clean_text(reason, "更正理由", max_len=1000)
    member = Member.objects.filter(committee_id=proposal.committee_id, pk=member_id).first()
    if member is None:
        raise ValidationError("所选委员不存在。", field="member_id")
    return proposal, member, reason


@transaction.atomic
def cosigner_add(*, actor: User, proposal_id: int, member_id: int, reason: str) -> Proposer:
    """Add a co-signer who confirmed on paper but is missing from a submitted joint proposal.

    Proposal staff only, with a reason; the member must hold a seat in the proposal's term.
    The row is a confirmed co-signer; the event keeps who, why and that it was a correction.
    """
    proposal, member, reason = _correctable(actor, proposal_id, member_id, reason)
    if member.pk == proposal.lead_member_id:
        raise ValidationError("第一提案人不能同时列为联名人。", field="member_id")
    term = proposal.session.term if proposal.session_id else None
    if term is None or membership_for(member=member, term=term) is None:
        raise ValidationError(f"{member.name}不是该届委员，不能列为联名人。", field="member_id")
    row = Proposer.objects.select_for_update(of=("self",)).filter(proposal=proposal,
                                                                  member=member).first()
    if row is not None and row.status == "confirmed":
        raise Conflict(f"{member.name}已是该提案的提案人。")
    now = clock.now()
    if row is None:
        row = Proposer.objects.create(
            proposal=proposal, member=member, role="co", status="confirmed",
            position=Proposer.objects.filter(proposal=proposal).count(), responded_at=now)
        previous = ""
    else:
        if row.role != "co":
            raise Conflict(f"{member.name}在该提案中的身份不是联名人，不能在此更正。")
        previous = row.status
        row.status, row.responded_at = "confirmed", now
        row.save(update_fields=["status", "responded_at"])
    record_event(proposal, actor, "cosigner_add", member_id=member.pk, member=member.name,
                 previous=previous, reason=reason)
    return row


@transaction.atomic
def cosigner_remove(*, actor: User, proposal_id: int, member_id: int, reason: str) -> Proposer:
    """Take a wrongly listed co-signer off a submitted joint proposal (staff, with a reason).

    The row is kept as revoked, so the list's history stays; at least one confirmed
    co-signer must remain, as a joint proposal needs one.
    """
    proposal, member, reason = _correctable(actor, proposal_id, member_id, reason)
    row = Proposer.objects.select_for_update(of=("self",)).filter(
        proposal=proposal, member=member, role="co", status="confirmed").first()
    if row is None:
        raise ValidationError(f"{member.name}不是该提案已确认的联名人。", field="member_id")
    if not Proposer.objects.filter(proposal=proposal, role="co",
                                   status="confirmed").exclude(pk=row.pk).exists():
        raise Conflict("联名提案至少应保留一位联名人。")
    row.status, row.responded_at = "revoked", clock.now()
    row.save(update_fields=["status", "responded_at"])
    record_event(proposal, actor, "cosigner_remove", member_id=member.pk, member=member.name,
                 reason=reason)
    return row


# --- submission and review ------------------------------------------------------------------


def _check_complete(proposal: Proposal, config: ProposalConfig) -> None:
    _check_title(proposal.title, config)
    _clean_text(proposal.reasons, "情况与分析")
    _clean_text(proposal.suggestions, "具体建议")
    if proposal.category_id is None:
        raise ValidationError("请选择提案类别。", field="category_id")
    if config.require_suggested_unit and not proposal.suggestedunit_set.exists():
        raise ValidationError("请填写建议承办单位。", field="units")
    if proposal.proposer_type == Proposal.ProposerType.JOINT:
        if not proposal.proposers.filter(role="co", status="confirmed").exists():
            raise ValidationError("联名提案须至少有一位联名人确认后才能提交。")


@transaction.atomic
def proposal_submit(*, actor: User, proposal_id: int) -> Proposal:
    """Submit a draft (or resubmit a returned proposal); the first submission gets a 流水号."""
    config = proposal_config(actor.committee)

    def mutate(p: Proposal):
        _check_complete(p, config)
        if p.receipt_seq is not None:
            return ()
        session, kind = session_for_day(committee=p.committee, day=clock.today())
        if kind != "plenary" and p.proposer_type in PLENARY_ONLY_TYPES:
            raise ValidationError("界别提案和委员小组提案只能在全体会议期间提出。")
        seat = membership_for(member=p.lead_member, term=session.term) if p.lead_member else None
        if p.lead_member and (seat is None or not seat.may_act):
            raise PermissionDenied("第一提案人不是本届在任委员，不能提交。")
        p.session, p.kind = session, kind
        p.receipt_seq = sequence_next(committee=p.committee, key=f"receipt:{session.pk}")
        p.receipt_number = _format(config.receipt_format, session, p.receipt_seq)
        p.submitted_at = clock.now()
        return ("session", "kind", "receipt_seq", "receipt_number", "submitted_at")

    proposal = apply_transition(actor=actor, proposal_id=proposal_id, name="submit",
                                mutate=mutate)
    _changed_text(proposal)
    return proposal


def _format(pattern: str, session, seq: int) -> str:
    return pattern.format(year=session.year, term=session.term.number, session=session.number,
                          seq=seq)


@transaction.atomic
def proposal_first_review(*, actor: User, proposal_id: int, opinion: str) -> Proposal:
    """Record the first review (初审) opinion; only in two-stage review."""
    config = proposal_config(actor.committee)
    if not config.two_stage_review:
        raise ValidationError("本会未启用两级审查，请直接作出审查决定。")
    opinion = _clean_text(opinion, "初审意见", max_len=2000)

    def mutate(p: Proposal):
        p.first_reviewer = actor
        return ("first_reviewer",)

    return apply_transition(actor=actor, proposal_id=proposal_id, name="first_review",
                            mutate=mutate, opinion=opinion)


def _final_stage(actor: User, p: Proposal) -> None:
    config = proposal_config(p.committee)
    if config.two_stage_review and p.status == Status.SUBMITTED:
        raise Conflict("本会实行两级审查，该提案须先完成初审。")
    if p.status == Status.FIRST_REVIEWED and p.first_reviewer_id == actor.pk:
        raise PermissionDenied("复审须由初审以外的人员作出。")


def _decided(actor: User, p: Proposal, note: str) -> list[str]:
    _final_stage(actor, p)
    p.decided_at = clock.now()
    p.decision_note = note
    return ["decided_at", "decision_note"]


def _assign_official_number(p: Proposal) -> None:
    config = proposal_config(p.committee)
    p.official_seq = sequence_next(committee=p.committee, key=f"official:{p.session_id}")
    p.official_number = _format(config.number_format, p.session, p.official_seq)


@transaction.atomic
def proposal_accept(*, actor: User, proposal_id: int, category_id: int,
                    note: str = "") -> Proposal:
    """Accept (立案) a proposal, confirming its category; number it if numbering is on accept."""
    note = _clean_text(note, "审查意见", required=False, max_len=2000)

    def mutate(p: Proposal):
        fields = _decided(actor, p, note)
        p.category = _category(p.committee, category_id)
        if p.category is None:
            raise ValidationError("立案须确定提案类别。", field="category_id")
        fields.append("category")
        if proposal_config(p.committee).numbering == ProposalConfig.Numbering.ON_ACCEPT:
            _assign_official_number(p)
            fields += ["official_seq", "official_number"]
        return fields

    p = apply_transition(actor=actor, proposal_id=proposal_id, name="accept", mutate=mutate,
                         category_id=category_id, note=note)
    if p.official_number:
        record_event(p, actor, "number", number=p.official_number)
    return p


@transaction.atomic
def proposal_refuse(*, actor: User, proposal_id: int, ground_id: int,
                    explanation: str) -> Proposal:
    """Refuse (不予立案) with a ground from the administrable list and an explanation."""
    # The ground first: the form starts on 请选择, and a missing ground is the likelier slip.
    ground = RefusalGround.objects.filter(
        committee_id=actor.committee_id, pk=ground_id, is_active=True
    ).first() if ground_id else None
    if ground is None:
        raise ValidationError("请选择不予立案理由。", field="ground_id")
    explanation = _clean_text(explanation, "不予立案说明", max_len=2000)

    def mutate(p: Proposal):
        fields = _decided(actor, p, explanation)
        p.refusal_ground = ground
        return [*fields, "refusal_ground"]

    return apply_transition(actor=actor, proposal_id=proposal_id, name="refuse", mutate=mutate,
                            ground=ground.text, explanation=explanation)


@transaction.atomic
def proposal_convert(*, actor: User, proposal_id: int, kind: str, consent_note: str,
                     note: str = "") -> Proposal:
    """Pass a proposal on as 社情民意, 意见建议 or 委员来信, with the proposer's consent recorded."""
    if kind not in Conversion.Kind.values:
        raise ValidationError("转办类型无效。", field="kind")
    consent_note = _clean_text(consent_note, "提案者同意情况（须征得提案者同意）", max_len=200)
    note = _clean_text(note, "说明", required=False, max_len=2000)

    def mutate(p: Proposal):
        fields = _decided(actor, p, note)
        Conversion.objects.create(
            committee_id=p.committee_id, proposal=p, kind=kind, consent_note=consent_note,
            note=note, created_at=clock.now(),
        )
        return fields

    p = apply_transition(actor=actor, proposal_id=proposal_id, name="convert", mutate=mutate,
                         kind=kind, consent_note=consent_note)
    if kind == Conversion.Kind.OPINION:
        # The converted proposal arrives in the 社情民意 queue as a linked item, once.
        from xieshang.opinions.services import opinion_from_conversion

        opinion_from_conversion(actor=actor, conversion_id=p.conversion.pk)
    return p


def _copy_proposers(source: Proposal, main: Proposal) -> int:
    """Make every confirmed proposer of `source` a proposer of `main`; return how many were added."""
    existing = {r.identity for r in main.proposers.exclude(status__in=["declined", "revoked"])}
    position = main.proposers.count()
    added = 0
    for row in source.proposers.filter(status="confirmed"):
        if row.identity in existing:
            continue
        Proposer.objects.create(
            proposal=main, role="merged", status="confirmed", member_id=row.member_id,
            party_id=row.party_id, special_committee_id=row.special_committee_id,
            sector_id=row.sector_id, group_name=row.group_name, source_proposal=source,
            position=position + added, responded_at=clock.now(),
        )
        existing.add(row.identity)
        added += 1
    return added


@transaction.atomic
def proposal_merge(*, actor: User, proposal_id: int, main_id: int, note: str = "") -> Proposal:
    """Merge (并案) a proposal into a main one; its proposers all become proposers of the main."""
    if proposal_id == main_id:
        raise ValidationError("不能与自身并案。", field="main_id")
    note = _clean_text(note, "并案说明", required=False, max_len=2000)
    # Lock in id order so that two merges of the same pair cannot deadlock.
    first, second = sorted((proposal_id, main_id))
    lock_proposal(actor, first)
    lock_proposal(actor, second)
    main = Proposal.objects.get(pk=main_id)
    if main.status not in (Status.SUBMITTED, Status.FIRST_REVIEWED, Status.ACCEPTED):
        raise Conflict("主提案须为审查中或已立案的提案。")
    if main.session_id != Proposal.objects.get(pk=proposal_id).session_id:
        raise ValidationError("只能与同一次会议的提案并案。", field="main_id")

    def mutate(p: Proposal):
        fields = _decided(actor, p, note)
        p.merged_into = main
        _copy_proposers(p, main)
        for child in p.merged_children.select_for_update(of=("self",)):
            child.merged_into = main
            child.save(update_fields=["merged_into"])
            _copy_proposers(child, main)
            record_event(child, actor, "merge_repoint", main_id=main.pk)
        return [*fields, "merged_into"]

    p = apply_transition(actor=actor, proposal_id=proposal_id, name="merge", mutate=mutate,
                         main_id=main.pk, main_title=main.title)
    record_event(main, actor, "absorb", merged_id=p.pk, merged_title=p.title)
    return p


@transaction.atomic
def proposal_return(*, actor: User, proposal_id: int, reason: str) -> Proposal:
    """Return a proposal to its proposer for revision, with the reason."""
    reason = _clean_text(reason, "退回理由", max_len=2000)

    def mutate(p: Proposal):
        p.return_reason = reason
        p.first_reviewer = None
        return ("return_reason", "first_reviewer")

    return apply_transition(actor=actor, proposal_id=proposal_id, name="return", mutate=mutate,
                            reason=reason)


@transaction.atomic
def proposal_withdraw(*, actor: User, proposal_id: int, reason: str = "") -> Proposal:
    """Withdraw (撤案) a submitted proposal at the proposer's request."""
    reason = _clean_text(reason, "撤案理由", required=False, max_len=2000)
    return apply_transition(actor=actor, proposal_id=proposal_id, name="withdraw", reason=reason)


@transaction.atomic
def session_number_proposals(*, actor: User, session_id: int) -> int:
    """Number the session's accepted, unnumbered proposals in category order; return the count."""
    if not permissions.can_manage_numbers(actor):
        raise PermissionDenied("您无权为提案编号。")
    from xieshang.organization.models import Session

    session = Session.objects.filter(committee_id=actor.committee_id, pk=session_id).first()
    if session is None:
        raise NotFound()
    pending = (
        Proposal.objects.select_for_update(of=("self",))
        .filter(session=session, status=Status.ACCEPTED, official_seq__isnull=True)
        .order_by("category__order", "category_id", "decided_at", "id")
    )
    count = 0
    for p in pending:
        _assign_official_number(p)
        p.save(update_fields=["official_seq", "official_number"])
        record_event(p, actor, "number", number=p.official_number)
        count += 1
    return count
