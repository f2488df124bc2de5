"""Writes for disclosure: decide (publish in full, as a summary, or not) and withdraw."""

from collections.abc import Callable, Iterable

from django.db import transaction

from xieshang.accounts.models import User
from xieshang.core import clock, workflow
from xieshang.core.calendar import WorkCalendar
from xieshang.core.errors import PermissionDenied, ValidationError
from xieshang.handling.deadlines import config_for
from xieshang.handling.models import Reply
from xieshang.proposals.models import Proposal

from . import deadlines, permissions, selectors
from .models import Publication, PublicationEvent
from .workflow import TRANSITIONS, Mode, Status, WithholdReason

MAX_TEXT = 50000
MIN_SUMMARY = 10


def record_event(publication: Publication, actor: User | None, action: str, *, frm: str = "",
                 to: str = "", **payload) -> PublicationEvent:
    """Append one disclosure event."""
    return PublicationEvent.objects.create(
        committee_id=publication.committee_id, publication=publication,
        reply_id=publication.reply_id, actor=actor, action=action, from_status=frm,
        to_status=to, at=clock.now(), payload=payload,
    )


def _lock(actor: User, reply_id: int) -> tuple[Reply, Publication | None]:
    """Lock the reply (serialising the first decision, which creates the row) and its decision."""
    reply = permissions.access_reply(actor, reply_id, for_update=True)
    publication = Publication.objects.select_for_update(of=("self",)).filter(reply=reply).first()
    return reply, publication


def apply_transition(*, actor: User, reply: Reply, publication: Publication | None, name: str,
                     mutate: Callable[[Publication], Iterable[str]], **payload) -> Publication:
    """Check the edge and the actor, change the state (creating the row), and log the event."""
    if publication is None:
        # A passed reply without a decision is `awaiting`; the first decision creates the row.
        publication = Publication(committee_id=reply.committee_id, reply=reply,
                                  proposal_id=reply.assignment.case.proposal_id,
                                  unit_id=reply.assignment.unit_id, status=Status.AWAITING)
    return workflow.move(publication, TRANSITIONS[name], actor, permissions, mutate=mutate,
                         noun="答复公开", stamp=False, record=lambda frm, to:
                         record_event(publication, actor, name, frm=frm, to=to, **payload))


def _clean_override(override: dict[str, str] | None) -> dict[str, str]:
    override = dict(override or {})
    unknown = set(override) - set(selectors.OVERRIDABLE)
    if unknown:
        raise ValidationError(f"不能修改的公开内容：{'、'.join(sorted(unknown))}。",
                              field="public_text_override")
    for key, value in override.items():
        if value is not None and not isinstance(value, str):
            raise ValidationError("公开内容须为文本。", field=key)
        if value is not None and len(value) > MAX_TEXT:
            raise ValidationError(f"公开内容不能超过{MAX_TEXT}字。", field=key)
    return {k: v for k, v in override.items() if v is not None}


def _due(reply: Reply):
    cal = WorkCalendar.for_committee(reply.committee_id)
    limit = config_for(reply.committee_id).publication_limit_days
    return deadlines.publication_due(cal, limit, reply.passed_at), limit


@transaction.atomic
def publication_decide(*, actor: User, reply_id: int, mode: str, summary: str | None = None,
                       reason: str | None = None, reason_text: str = "",
                       public_text_override: dict[str, str] | None = None) -> Publication:
    """Decide the disclosure of a passed reply: publish in full, as a summary, or not.

    `public_text_override` holds the staff's hand-redacted versions of `title`, `reasons`,
    `suggestions` or `reply`; they are redacted again automatically before they are stored.
    """
    if mode not in Mode.values:
        raise ValidationError("请选择公开方式：全文公开、摘要公开或不公开。", field="mode")
    override = _clean_override(public_text_override)
    reply, publication = _lock(actor, reply_id)
    if not permissions.can_decide(actor, reply):
        raise PermissionDenied("您无权决定答复是否公开。")
    proposal = (Proposal.objects.select_related("lead_member", "created_by")
                .get(pk=reply.assignment.case.proposal_id))
    consent = permissions.proposer_consents(proposal)
    due, limit = _due(reply)
    now = clock.now()

    if mode == Mode.NONE:
        reason = (reason or "").strip()
        text = (reason_text or "").strip()[:500]
        if reason not in WithholdReason.values:
            raise ValidationError("请选择不公开的理由。", field="reason")
        if not consent and reason != WithholdReason.NO_CONSENT:
            raise ValidationError("提案者未同意公开，不公开的理由只能是「提案者不同意公开」。",
                                  field="reason")
        if reason == WithholdReason.OTHER and not text:
            raise ValidationError("选择「其他」时请说明不公开的理由。", field="reason_text")

        def withhold(p: Publication):
            p.mode, p.reason, p.reason_text = Mode.NONE, reason, text
            p.public_title = p.public_proposers = p.public_reasons = ""
            p.public_suggestions = p.public_reply = ""
            p.due_on, p.decided_by, p.decided_at = due, actor, now
            p.published_at = None
            return ["mode", "reason", "reason_text", "public_title", "public_proposers",
                    "public_reasons", "public_suggestions", "public_reply", "due_on",
                    "decided_by", "decided_at", "published_at"]

        return apply_transition(actor=actor, reply=reply, publication=publication,
                                name="withhold", mutate=withhold, mode=Mode.NONE,
                                reason=reason, reason_text=text, due=due.isoformat(),
                                limit_days=limit, consent=consent)

    if not consent:
        raise ValidationError("提案者不同意公开，只能选择不公开（理由：提案者不同意公开）。",
                              field="mode")
    summary = (summary or "").strip()
    if mode == Mode.SUMMARY and len(summary) < MIN_SUMMARY:
        raise ValidationError(f"摘要公开须填写答复摘要（不少于{MIN_SUMMARY}字）。",
                              field="summary")
    if len(summary) > MAX_TEXT:
        raise ValidationError(f"摘要不能超过{MAX_TEXT}字。", field="summary")
    known = selectors.contact_values(proposal=proposal, reply=reply)
    automatic = selectors.public_texts(proposal=proposal, reply=reply, known=known, mode=mode,
                                       summary=summary)
    texts = selectors.public_texts(proposal=proposal, reply=reply, known=known, mode=mode,
                                   summary=summary, override=override)
    if not texts.title:
        raise ValidationError("公开的案由不能为空。", field="title")
    if not texts.reply:
        raise ValidationError("公开的答复内容不能为空。", field="reply")
    edited = [k for k in selectors.OVERRIDABLE
              if getattr(texts, k) != getattr(automatic, k)]
    timely = deadlines.on_time(due, now)

    def publish(p: Publication):
        p.mode, p.reason, p.reason_text = mode, "", ""
        p.public_title, p.public_proposers = texts.title[:200], texts.proposers[:500]
        p.public_reasons, p.public_suggestions = texts.reasons, texts.suggestions
        p.public_reply = texts.reply
        p.due_on, p.decided_by, p.decided_at = due, actor, now
        p.published_at = now
        p.first_published_at = p.first_published_at or now
        p.withdrawn_at, p.withdraw_reason = None, ""
        return ["mode", "reason", "reason_text", "public_title", "public_proposers",
                "public_reasons", "public_suggestions", "public_reply", "due_on",
                "decided_by", "decided_at", "published_at", "first_published_at",
                "withdrawn_at", "withdraw_reason"]

    return apply_transition(actor=actor, reply=reply, publication=publication, name="publish",
                            mutate=publish, mode=mode, due=due.isoformat(), limit_days=limit,
                            on_time=timely, edited=edited, redacted=texts.hits,
                            texts=texts.as_dict())


@transaction.atomic
def publication_withdraw(*, actor: User, publication_id: int, reason: str) -> Publication:
    """Withdraw a publication (撤回公开) with the reason; the public pages stop showing it."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请说明撤回公开的理由。", field="reason")
    found = permissions.access_publication(actor, publication_id)
    if not permissions.can_decide(actor, found):
        raise PermissionDenied("您无权撤回公开。")
    reply, publication = _lock(actor, found.reply_id)
    now = clock.now()

    def withdraw(p: Publication):
        p.withdrawn_at, p.withdraw_reason = now, reason[:500]
        return ["withdrawn_at", "withdraw_reason"]

    return apply_transition(actor=actor, reply=reply, publication=publication, name="withdraw",
                            mutate=withdraw, reason=reason[:500])
