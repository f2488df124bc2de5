"""Writes for replies: drafting with kept versions, co-signing, sign-off, committee review."""

import re
import unicodedata

from django.db import transaction

from xieshang.accounts.models import User
from xieshang.core import clock
from xieshang.core.errors import (
    Conflict,
    FieldErrors,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from xieshang.notifications.services import notify
from xieshang.textintel import normalize
from xieshang.textintel.normalize import only_layout_differs

from . import permissions, recipients
from .models import Assignment, Cosign, HandlingCase, Reply, ReplyVersion, ResultClass
from .transitions import apply, record
from .workflow import AssignmentStatus as A
from .workflow import CaseStatus as C
from .workflow import ReplyStatus as R


def _result_class(committee_id: int, result_class_id: int | None) -> ResultClass:
    rc = ResultClass.objects.filter(committee_id=committee_id, pk=result_class_id).first()
    if rc is None:
        raise ValidationError("请选择办理结果分类。", field="result_class_id")
    return rc


def _lock_reply(actor: User, reply_id: int) -> Reply:
    reply = (Reply.objects.select_for_update(of=("self",)).select_related("assignment")
             .filter(pk=reply_id, committee_id=actor.committee_id).first())
    if reply is None:
        raise NotFound()
    permissions.access_assignment(actor, reply.assignment_id)
    return reply


def _snapshot(reply: Reply, actor: User) -> None:
    ReplyVersion.objects.create(
        reply=reply, number=reply.version, body=reply.body,
        result_class_code=reply.result_class.code if reply.result_class else "",
        contact_person=reply.contact_person, contact_phone=reply.contact_phone,
        signer=reply.signer, saved_by=actor, saved_at=clock.now(),
    )


@transaction.atomic
def reply_save(*, actor: User, assignment_id: int, body: str, result_class_id: int,
               contact_person: str, contact_phone: str, signer: str) -> Reply:
    """Create or edit the current round's reply draft; every save is kept as a version."""
    assignment = permissions.access_assignment(actor, assignment_id, for_update=True)
    if not permissions.can_act_for_unit(actor, assignment):
        raise PermissionDenied("只有承办单位可以起草答复。")
    if not assignment.replies_to_proposer:
        raise ValidationError("会办单位不直接答复提案者，请提交会办意见。")
    if assignment.status != A.HANDLING:
        raise Conflict("签收后、答复通过前才能起草答复。")
    body, original, person, phone, signer, rc = _checked_fields(
        assignment.committee_id, body=body, result_class_id=result_class_id,
        contact_person=contact_person, contact_phone=contact_phone, signer=signer)
    case = assignment.case
    reply = Reply.objects.select_for_update(of=("self",)).filter(assignment=assignment,
                                                     round=case.round).first()
    if reply is None:
        reply = Reply.objects.create(
            committee_id=assignment.committee_id, assignment=assignment, round=case.round,
            body=body, original=original, result_class=rc, contact_person=person,
            contact_phone=phone, signer=signer, created_at=clock.now(),
        )
        action = "reply_draft"
    else:
        if reply.status not in (R.DRAFT, R.REVISING, R.COSIGNING):
            raise Conflict("答复已签发送审，不能再修改。")
        reply.body, reply.original, reply.result_class = body, original, rc
        reply.contact_person, reply.contact_phone, reply.signer = person, phone, signer
        reply.version += 1
        reply.save(update_fields=["body", "original", "result_class", "contact_person",
                                  "contact_phone", "signer", "version"])
        action = "reply_edit"
    _snapshot(reply, actor)
    record(case=case, actor=actor, action=action, assignment=assignment, reply=reply,
           version=reply.version, result_class=rc.code, normalized=bool(original))
    return reply


def _checked_fields(committee_id: int, *, body: str, result_class_id: int | None,
                    contact_person: str, contact_phone: str, signer: str) -> tuple:
    """Return (body, original, contact person, phone, signer, result class) cleaned, or refuse
    with every field at fault at once (FieldErrors)."""
    errors: dict[str, str] = {}
    try:
        body, original = _cleaned_body(body)
    except ValidationError as exc:
        body, original = "", ""
        errors["body"] = exc.message
    else:
        if len(body) < 20:
            errors["body"] = "答复正文过短，请逐条答复提案的建议。"
    rc = None
    if result_class_id is not None:
        rc = ResultClass.objects.filter(committee_id=committee_id, pk=result_class_id).first()
    if rc is None:
        errors["result_class_id"] = "请选择办理结果分类。"
    person = (contact_person or "").strip()
    phone, signer = (contact_phone or "").strip(), (signer or "").strip()
    if not person:
        errors["contact_person"] = "请填写联系人。"
    if not phone:
        errors["contact_phone"] = "请填写联系电话。"
    elif not is_phone(phone):
        errors["contact_phone"] = ("联系电话格式不正确：请填写11位手机号，或固定电话"
                                   "（如 0571-87001234、87001234，分机如 0571-87001234-801）。")
    if not signer:
        errors["signer"] = "请填写签发领导。"
    if errors:
        raise FieldErrors(errors)
    return body, original, person[:50], phone, signer[:50], rc


# A Chinese telephone number as a unit writes it (spaces or hyphens between groups): a mobile
# number (11 digits from 1, optionally +86), a landline with optional area code (0 and 2-3
# digits, optionally in brackets) and extension, or a 400/800 service number.
_MOBILE = re.compile(r"(?:\+?86)?1[3-9]\d{9}")
_LANDLINE = re.compile(
    r"(?:(?:\(0\d{2,3}\)|0\d{2,3})-?\d{3,4}-?\d{4}|[2-9]\d{2,3}-?\d{4})"
    r"(?:(?:-|转|分机|ext\.?)\d{1,6})?", re.IGNORECASE)
_SERVICE = re.compile(r"[48]00-?\d{3}-?\d{4}")


def is_phone(value: str) -> bool:
    """Say whether `value` is one Chinese telephone number (see _MOBILE, _LANDLINE, _SERVICE)."""
    text = (value or "").strip()
    if len(text) > 30:  # the column's width
        return False
    text = re.sub(r"\s*-\s*", "-", unicodedata.normalize("NFKC", text))  # ０５７１－ is 0571-
    if _MOBILE.fullmatch(re.sub(r"[\s-]", "", text)):
        return True
    text = re.sub(r"\s+", "-", text)
    return bool(_LANDLINE.fullmatch(text) or _SERVICE.fullmatch(text))


# A reply pasted from Word or a web page may be longer than what it leaves after cleaning, but
# not without end; the cleaned body is refused beyond BODY_LIMIT.
RAW_LIMIT = 200_000
BODY_LIMIT = 50_000


def _cleaned_body(value: str | None) -> tuple[str, str]:
    """Return (cleaned body, original): the body with pasted markup, width variants and Word's
    private bullets and line breaks cleaned (textintel.normalize; every line is kept: a reply
    letter's headings such as 主办单位： are not a web page's frame), and the raw input when
    cleaning changed more than its layout, else ""."""
    raw = (value or "").replace("\x00", "")
    if len(raw) > RAW_LIMIT:
        raise ValidationError(f"答复正文内容过长（{len(raw)}字符），请删去无关内容。", field="body")
    body = normalize(raw, drop_noise=False).strip()
    if len(body) > BODY_LIMIT:
        raise ValidationError(f"答复正文不能超过{BODY_LIMIT}字（当前{len(body)}字）。", field="body")
    return body, "" if only_layout_differs(raw, body) else raw


@transaction.atomic
def reply_request_cosign(*, actor: User, reply_id: int) -> Reply:
    """Send the lead unit's draft to every co-handling unit for co-signing (会签)."""
    reply = _lock_reply(actor, reply_id)
    if reply.assignment.role != "lead":
        raise ValidationError("只有主办单位的答复需要会签。")
    co = list(reply.assignment.case.assignments.filter(role="co").exclude(status=A.RETURNED))
    if not co:
        raise ValidationError("没有会办单位，无需会签。")

    def mutate(r: Reply):
        Cosign.objects.bulk_create(Cosign(reply=r, assignment=a, version=r.version) for a in co)
        return []

    apply(reply, "request_cosign", actor=actor, mutate=mutate, version=reply.version)
    for a in co:
        notify(users=recipients.unit_users(a.unit_id), kind="cosign",
               title=f"请会签答复：{reply.assignment.case.subject_title}",
               url=f"/handling/assignments/{a.pk}/")
    return reply


@transaction.atomic
def cosign_answer(*, actor: User, cosign_id: int, agree: bool, comment: str = "") -> Cosign:
    """Agree to the lead unit's draft, or send comments on it."""
    cosign = (Cosign.objects.select_for_update(of=("self",)).select_related("assignment", "reply")
              .filter(pk=cosign_id, assignment__committee_id=actor.committee_id).first())
    if cosign is None or not permissions.can_act_for_unit(actor, cosign.assignment):
        raise NotFound()
    if cosign.status != Cosign.Status.PENDING or cosign.version != cosign.reply.version:
        raise Conflict("该会签已处理，或答复已经修改。")
    comment = (comment or "").strip()
    if not agree and not comment:
        raise ValidationError("请填写修改意见。", field="comment")
    cosign.status = Cosign.Status.AGREED if agree else Cosign.Status.COMMENTED
    cosign.comment, cosign.answered_by, cosign.answered_at = comment[:5000], actor, clock.now()
    cosign.save(update_fields=["status", "comment", "answered_by", "answered_at"])
    record(case=cosign.assignment.case, actor=actor, action="cosign",
           assignment=cosign.assignment, reply=cosign.reply, agree=agree, comment=comment[:500])
    notify(users=recipients.unit_users(cosign.reply.assignment.unit_id), kind="cosign_answer",
           title=f"{cosign.assignment.unit.name}{'同意' if agree else '对答复提出修改意见'}",
           body=comment[:500], url=f"/handling/assignments/{cosign.reply.assignment_id}/")
    return cosign


@transaction.atomic
def reply_sign_off(*, actor: User, reply_id: int) -> Reply:
    """The unit leader signs the reply off and sends it for review (proposal committee or office)."""
    reply = _lock_reply(actor, reply_id)
    if reply.assignment.role == "lead":
        case = reply.assignment.case
        co = case.assignments.filter(role="co").exclude(status=A.RETURNED)
        missing = [a.unit.name for a in co if a.status != A.OPINION_GIVEN]
        if missing:
            raise Conflict(f"会办单位尚未提交会办意见：{'、'.join(missing)}。")
        pending = reply.cosigns.filter(version=reply.version, status=Cosign.Status.PENDING)
        if reply.status == R.COSIGNING and pending.exists():
            raise Conflict("还有会办单位未会签。")

    def mutate(r: Reply):
        r.signed_off_by, r.signed_off_at = actor, clock.now()
        return ["signed_off_by", "signed_off_at"]

    apply(reply, "sign_off", actor=actor, mutate=mutate, version=reply.version)
    notify(users=recipients.reviewers(reply.assignment.case),
           kind="reply_review", title=f"答复待审核：{reply.assignment.case.subject_title}",
           url=f"/handling/cases/{reply.assignment.case_id}/")
    return reply


@transaction.atomic
def reply_send_back(*, actor: User, reply_id: int, reason: str) -> Reply:
    """Return a reply to the unit for revision, with the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请说明退回修改的理由。", field="reason")
    reply = _lock_reply(actor, reply_id)

    def mutate(r: Reply):
        r.review_note = reason[:2000]
        return ["review_note"]

    apply(reply, "send_back", actor=actor, mutate=mutate, reason=reason[:2000])
    notify(users=recipients.unit_users(reply.assignment.unit_id), kind="reply_returned",
           title=f"答复被退回修改：{reply.assignment.case.subject_title}", body=reason[:500],
           url=f"/handling/assignments/{reply.assignment_id}/")
    return reply


@transaction.atomic
def reply_pass(*, actor: User, reply_id: int, result_class_id: int | None = None,
               note: str = "") -> Reply:
    """Pass a reply; when every replying unit has passed, proposers are asked to rate."""
    reply = _lock_reply(actor, reply_id)
    changed_class = None
    if result_class_id and result_class_id != reply.result_class_id:
        changed_class = _result_class(reply.committee_id, result_class_id)

    def mutate(r: Reply):
        fields = ["passed_at", "review_note"]
        r.passed_at, r.review_note = clock.now(), (note or "").strip()[:2000]
        if changed_class is not None:
            r.result_class = changed_class
            fields.append("result_class")
        return fields

    apply(reply, "pass", actor=actor, mutate=mutate,
          result_class=(changed_class or reply.result_class).code,
          class_changed=changed_class is not None)
    assignment = Assignment.objects.select_for_update(of=("self",)).get(pk=reply.assignment_id)

    def finish(a: Assignment):
        a.finished_at = clock.now()
        return ["finished_at"]

    apply(assignment, "replied", actor=actor, system=True, mutate=finish,
          round=assignment.case.round, due=assignment.due.isoformat() if assignment.due else None,
          result_class=(changed_class or reply.result_class).code)
    case = HandlingCase.objects.select_for_update(of=("self",)).get(pk=assignment.case_id)
    replying = case.assignments.exclude(status=A.RETURNED).exclude(role="co")
    if case.status == C.IN_HANDLING and not replying.exclude(status=A.REPLIED).exists():
        def replied(c: HandlingCase):
            c.replied_at = clock.now()
            return ["replied_at"]

        apply(case, "reply", actor=actor, system=True, mutate=replied, round=case.round)
        if case.opinion_id is not None:
            # 社情民意 items are not rated: the authors are told, the office closes the case.
            notify(users=recipients.subject_users(case), kind="transfer_replied",
                   title=f"您的社情民意信息已获承办单位答复：{case.subject_title}",
                   url=case.subject_url)
            notify(users=recipients.office_users(case), kind="transfer_replied",
                   title=f"转办答复已全部通过，请办结：{case.subject_title}",
                   url=case.subject_url)
        else:
            notify(users=recipients.proposer_users(case.proposal), kind="rate",
                   title=f"提案已答复，请评价：{case.proposal.title}",
                   body="请在收到答复后及时填写征询意见表。", url=f"/handling/cases/{case.pk}/")
    return reply
