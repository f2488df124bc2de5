"""Every write: rule versions, appraisals (compute, publish), questions and their answers,
confirmations, status decisions and 常委 annual reports. Each runs in one transaction and
writes an AppraisalEvent."""

from collections.abc import Callable, Iterable
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.urls import reverse

from xieshang.accounts.models import User
from xieshang.activities import services as activity_services
from xieshang.activities.models import Activity
from xieshang.core import clock, workflow
from xieshang.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from xieshang.core.text_input import clean_text as _text
from xieshang.notifications.services import notify
from xieshang.organization.models import Member, Membership

from . import permissions, record, scoring, selectors
from .models import (
    CORRECTION_SOURCE,
    DECISION_STATUS,
    AnnualReport,
    Appraisal,
    AppraisalEvent,
    AppraisalSettings,
    Confirmation,
    CorrectionKind,
    DecisionKind,
    Question,
    QuestionKind,
    Result,
    RuleSet,
    Scope,
    StatusDecision,
)
from .presets import PRESET_LABELS, preset
from .rules import validate_rules
from .workflow import APPRAISAL, QUESTION, REPORT, AppraisalStatus, Transition

SUBJECTS = {Appraisal: "appraisal", RuleSet: "rule_set", Question: "question",
            Confirmation: "confirmation", StatusDecision: "decision",
            AnnualReport: "annual_report", AppraisalSettings: "settings"}


# --- events and transitions ---------------------------------------------------------------


def record_event(*, actor: User | None, subject, action: str, frm: str = "", to: str = "",
                 member_id: int | None = None, **payload) -> AppraisalEvent:
    """Append one event about a row of this app."""
    return AppraisalEvent.objects.create(
        committee_id=subject.committee_id, subject=SUBJECTS[type(subject)],
        subject_id=subject.pk, member_id=member_id, actor=actor, action=action,
        from_status=frm, to_status=to, at=clock.now(), payload=payload)


def _apply(obj, transition: Transition, actor: User,
           mutate: Callable[[object], Iterable[str]] | None = None, **payload):
    """Move a locked row along its table and write the event; the caller holds the lock."""
    return workflow.move(obj, transition, actor, permissions, mutate=mutate, record=lambda frm, to:
                         record_event(actor=actor, subject=obj, action=transition.name, frm=frm,
                                      to=to, member_id=getattr(obj, "member_id", None),
                                      **payload))


def _manager(actor: User) -> None:
    if not permissions.can_manage(actor):
        raise PermissionDenied("只有委员联络工作人员（办公室）可以执行该操作。")


def _year(year, field: str = "year") -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not 1950 <= year <= 2100:
        raise ValidationError("年度不在有效范围内。", field=field)
    return year


def _member_of(actor: User) -> Member:
    member = permissions.member_of(actor)
    if member is None:
        raise PermissionDenied("只有委员本人可以执行该操作。")
    return member


# --- settings and rules -------------------------------------------------------------------


CONFIRM_DAYS_MAX = 90


@transaction.atomic
def settings_update(*, actor: User, show_ranking: bool,
                    confirm_days_before_end: int | None = None) -> AppraisalSettings:
    """Choose whether published results show each member's rank (off by default), and how
    many days before a year ends members may confirm its record (0: once it has ended)."""
    _manager(actor)
    if confirm_days_before_end is not None and (
            isinstance(confirm_days_before_end, bool)
            or not isinstance(confirm_days_before_end, int)
            or not 0 <= confirm_days_before_end <= CONFIRM_DAYS_MAX):
        raise ValidationError(f"可确认档案的提前天数应为0到{CONFIRM_DAYS_MAX}之间的整数。",
                              field="confirm_days_before_end")
    row, _ = AppraisalSettings.objects.select_for_update().get_or_create(
        committee_id=actor.committee_id)
    row.show_ranking = bool(show_ranking)
    if confirm_days_before_end is not None:
        row.confirm_days_before_end = confirm_days_before_end
    row.save(update_fields=["show_ranking", "confirm_days_before_end"])
    record_event(actor=actor, subject=row, action="update", show_ranking=row.show_ranking,
                 confirm_days_before_end=row.confirm_days_before_end)
    return row


def _save_version(*, actor: User, year: int, rules: dict, note: str, preset_key: str = "",
                  confirm_published: bool, action: str, **payload) -> RuleSet:
    """Append the year's next rule version, refusing a copy of the current one and, for a year
    whose appraisal is published, a change not explicitly confirmed."""
    clean = validate_rules(rules)
    versions = RuleSet.objects.select_for_update().filter(committee_id=actor.committee_id,
                                                          year=year)
    current = versions.order_by("-version").first()
    if current is not None and validate_rules(current.rules) == clean:
        raise ValidationError(f"与{year}年度现行的第{current.version}版考评办法完全相同，"
                              "未保存新版本。", code="unchanged", field="rules")
    published = selectors.published_for_year(committee_id=actor.committee_id, year=year)
    if published is not None and not confirm_published:
        raise ValidationError(
            f"{year}年度考评结果已公布（按第{published.rule_set.version}版）。修改考评办法须勾选"
            "「确认修改已公布年度的考评办法」；已公布的结果仍按原版本，不会改变。",
            code="confirm_published", field="confirm_published")
    row = RuleSet.objects.create(
        committee_id=actor.committee_id, year=year,
        version=(versions.aggregate(v=Max("version"))["v"] or 0) + 1, name=clean["name"],
        preset=preset_key, rules=clean, note=note, created_by=actor, created_at=clock.now())
    record_event(actor=actor, subject=row, action=action, version=row.version,
                 preset=row.preset, note=row.note,
                 previous_version=current.version if current else None,
                 after_publication=published is not None, **payload)
    return row


@transaction.atomic
def rule_set_create(*, actor: User, year: int, preset_key: str | None = None,
                    rules: dict | None = None, note: str = "",
                    confirm_published: bool = False) -> RuleSet:
    """Save the next version of the year's rules: from a preset, or edited rules as given.

    Refused when nothing changed, and for a year already published unless
    `confirm_published` (its published results keep their version either way).
    """
    _manager(actor)
    year = _year(year)
    if rules is None:
        if preset_key not in PRESET_LABELS:
            raise ValidationError("请选择考评办法模板，或提交编辑后的规则。", field="preset")
        rules = preset(preset_key)
    note = _text(note, "修改说明", "note", required=False, max_len=200)
    key = preset_key if preset_key in PRESET_LABELS else ""
    return _save_version(actor=actor, year=year, rules=rules, preset_key=key,
                         note=note or (f"采用模板：{PRESET_LABELS[key]}" if key else ""),
                         confirm_published=confirm_published, action="create")


@transaction.atomic
def rule_set_restore(*, actor: User, rule_set_id: int, year: int | None = None,
                     note: str = "", confirm_published: bool = False) -> RuleSet:
    """Save an earlier version's rules as the year's next version: to go back to it in its own
    year, or to carry it into a later year (by default its own). History is never rewritten.
    """
    _manager(actor)
    source = permissions.access(RuleSet, actor, rule_set_id)
    year = source.year if year is None else _year(year)
    if source.year > year:
        raise ValidationError("只能恢复本年度的旧版本，或沿用以前年度的考评办法。",
                              field="rule_set_id")
    note = _text(note, "修改说明", "note", required=False, max_len=200)
    default = (f"恢复为第{source.version}版" if source.year == year
               else f"沿用{source.year}年度第{source.version}版")
    return _save_version(actor=actor, year=year, rules=source.rules, preset_key=source.preset,
                         note=note or default, confirm_published=confirm_published,
                         action="restore" if source.year == year else "carry_over",
                         from_rule_set_id=source.pk, from_year=source.year,
                         from_version=source.version)


# --- appraisal ----------------------------------------------------------------------------


def period_entries(*, membership: Membership, year: int, scope: str = Scope.YEAR,
                   batch: dict[int, list[dict]] | None = None
                   ) -> tuple[list[dict], list[dict]]:
    """Return the seat's record entries of the period and of the term up to its end.

    `batch` is `record.entries_by_member` over the term to the period's end, when many seats
    are scored at once.
    """
    start, end = record.period_bounds(membership.term, year, scope)
    term_start, _ = record.period_bounds(membership.term, year, "term")
    if batch is None:
        term_entries = record.member_entries(membership.member, term_start, end)
    else:
        term_entries = batch.get(membership.member_id, [])
    entries = [e for e in term_entries if start.isoformat() <= e["date"] <= end.isoformat()]
    return entries, term_entries


def member_score(*, membership: Membership, rules: dict, year: int, scope: str = Scope.YEAR,
                 batch: dict[int, list[dict]] | None = None) -> dict:
    """Return the explained score of one membership for the period under the rules."""
    entries, term_entries = period_entries(membership=membership, year=year, scope=scope,
                                           batch=batch)
    return scoring.compute(rules, entries, is_standing=membership.is_standing,
                           term_entries=term_entries)


def appraised_memberships(committee_id: int, term, year: int):
    """Return the seats appraised for the year: the term's, less those ended by an earlier
    persuade or revoke decision."""
    gone = StatusDecision.objects.filter(
        committee_id=committee_id, kind__in=[DecisionKind.PERSUADE, DecisionKind.REVOKE],
        decided_on__lt=date(year, 1, 1)).values("membership_id")
    return (Membership.objects.filter(committee_id=committee_id, term=term)
            .exclude(pk__in=gone).select_related("member", "term")
            .order_by("member__name_key", "member__code"))


def _fill(appraisal: Appraisal) -> int:
    rules = appraisal.rule_set.rules
    term_start, end = record.period_bounds(appraisal.term, appraisal.year, "term")
    batch = record.entries_by_member(appraisal.committee_id, term_start, end)
    rows = [Result(appraisal=appraisal, membership=m, member=m.member, score=r["score"],
                   grade=r["grade"], grade_label=r["grade_label"], breakdown=r,
                   flags=r["flags"])
            for m in appraised_memberships(appraisal.committee_id, appraisal.term,
                                           appraisal.year)
            for r in [member_score(membership=m, rules=rules, year=appraisal.year,
                                   scope=appraisal.scope, batch=batch)]]
    Result.objects.bulk_create(rows)
    return len(rows)


def _rule_set(actor: User, year: int, rule_set_id: int | None) -> RuleSet:
    qs = RuleSet.objects.filter(committee_id=actor.committee_id)
    if rule_set_id is not None:
        row = qs.filter(pk=rule_set_id).first()
        if row is None:
            raise ValidationError("所选考评办法不存在。", field="rule_set_id")
        return row
    row = qs.filter(year=year).order_by("-version").first()
    if row is None:
        raise ValidationError(f"尚未制定{year}年度考评办法，请先从模板创建。",
                              field="rule_set_id")
    return row


@transaction.atomic
def appraisal_compute(*, actor: User, year: int, scope: str = Scope.YEAR,
                      rule_set_id: int | None = None) -> Appraisal:
    """Compute (or recompute) the draft appraisal of a period: the preview before publishing.

    A published appraisal is never recomputed: a new revision is drafted beside it.
    """
    _manager(actor)
    year = _year(year)
    if scope not in Scope.values:
        raise ValidationError("考评范围应为年度或届期。", field="scope")
    term = record.term_of_year(actor.committee_id, year)
    if term is None:
        raise ValidationError(f"{year}年没有在任的届次。", field="year")
    rule_set = _rule_set(actor, year, rule_set_id)
    now = clock.now()
    base = Appraisal.objects.select_for_update().filter(committee_id=actor.committee_id,
                                                        scope=scope, year=year)
    draft = base.filter(status=AppraisalStatus.DRAFT).first()
    if draft is not None:
        draft.results.all().delete()
        previous = draft.rule_set_id

        def mutate(a):
            a.rule_set, a.computed_at, a.computed_by, a.term = rule_set, now, actor, term
            return ["rule_set", "computed_at", "computed_by", "term"]

        _apply(draft, APPRAISAL["recompute"], actor, mutate, rule_set_id=rule_set.pk,
               previous_rule_set_id=previous)
        count = _fill(draft)
        draft.count = count
        return draft
    revision = (base.aggregate(r=Max("revision"))["r"] or 0) + 1
    appraisal = Appraisal.objects.create(
        committee_id=actor.committee_id, scope=scope, year=year, term=term, revision=revision,
        rule_set=rule_set, computed_at=now, computed_by=actor, updated_at=now)
    count = _fill(appraisal)
    record_event(actor=actor, subject=appraisal, action="compute", to=appraisal.status,
                 rule_set_id=rule_set.pk, version=rule_set.version, results=count)
    appraisal.count = count
    return appraisal


@transaction.atomic
def appraisal_publish(*, actor: User, appraisal_id: int) -> Appraisal:
    """Publish a draft appraisal; an earlier published revision of the period is superseded,
    its results kept as they were. Members are notified."""
    appraisal = permissions.access(Appraisal, actor, appraisal_id, for_update=True)
    earlier = list(Appraisal.objects.select_for_update().filter(
        committee_id=appraisal.committee_id, scope=appraisal.scope, year=appraisal.year,
        status=AppraisalStatus.PUBLISHED).exclude(pk=appraisal.pk))

    def mutate(a):
        a.published_at, a.published_by = clock.now(), actor
        return ["published_at", "published_by"]

    _apply(appraisal, APPRAISAL["publish"], actor, mutate,
           rule_set_id=appraisal.rule_set_id, revision=appraisal.revision)
    for old in earlier:
        _apply(old, APPRAISAL["supersede"], actor, by_appraisal_id=appraisal.pk)
    users = [r.member.user for r in appraisal.results.select_related("member__user")
             if r.member.user_id]
    notify(users=users, kind="appraisal", title=f"{appraisal}结果已发布",
           body="请查看您的履职档案和得分明细；如有疑问，可在档案页面提出。",
           url=reverse("appraisal:mine") + f"?year={appraisal.year}")
    return appraisal


# --- questions and confirmations ----------------------------------------------------------


@transaction.atomic
def question_ask(*, actor: User, year: int, kind: str, text: str, entry_ref: str = "",
                 entry_title: str = "") -> Question:
    """Let a member question the year's record: a missing entry, a wrong one, or other."""
    member = _member_of(actor)
    year = _year(year)
    if kind not in QuestionKind.values:
        raise ValidationError("请选择疑问类型。", field="kind")
    text = _text(text, "疑问内容", "text", max_len=2000)
    entry_ref = _text(entry_ref, "所涉记录", "entry_ref", required=False, max_len=60)
    entry_title = _text(entry_title, "所涉记录名称", "entry_title", required=False,
                        max_len=200)
    now = clock.now()
    q = Question.objects.create(committee_id=actor.committee_id, member=member, year=year,
                                kind=kind, entry_ref=entry_ref, entry_title=entry_title,
                                text=text, asked_by=actor, asked_at=now, updated_at=now)
    record_event(actor=actor, subject=q, action="ask", to=q.status, member_id=member.pk,
                 kind=kind, entry_ref=entry_ref, text=text)
    return q


def _target(q: Question, kind: str, target_id: int | None) -> int:
    """Return the id of the source row to correct: as given, or the questioned entry's."""
    if target_id is not None:
        return target_id
    source, _, rest = q.entry_ref.partition(":")
    if source == CORRECTION_SOURCE[kind] and rest.split(":")[0].isdigit():
        return int(rest.split(":")[0])
    raise ValidationError("请填写要更正的记录编号（活动、提案或社情民意编号）。",
                          field="target_id")


def _correct(actor: User, q: Question, kind: str, target_id: int | None,
             answer: str) -> dict:
    """Fix the source record through the owning app's service; return what was changed."""
    from xieshang.opinions import services as opinion_services
    from xieshang.opinions.models import Opinion
    from xieshang.proposals import services as proposal_services
    from xieshang.proposals.models import Proposal

    pk = _target(q, kind, target_id)
    reason = f"履职档案第{q.pk}号疑问的答复：{answer}"[:1000]
    member_id = q.member_id
    if CORRECTION_SOURCE[kind] == "attendance":
        activity = Activity.objects.filter(pk=pk, committee_id=q.committee_id).first()
        if activity is None:
            raise ValidationError("所选活动不存在。", field="target_id")
        done = {"activity_id": activity.pk, "ref": f"attendance:{activity.pk}",
                "summary": f"{CorrectionKind(kind).label}：{activity.title}"}
        if kind == CorrectionKind.ATTENDANCE:
            row = activity_services.attendance_record(actor=actor, activity_id=activity.pk,
                                                      member_id=member_id)
            return {"service": "activities.attendance_record", "signin_id": row.pk, **done}
        if kind == CorrectionKind.LEAVE:
            row = activity_services.leave_record(actor=actor, activity_id=activity.pk,
                                                 member_id=member_id, reason=reason)
            return {"service": "activities.leave_record", "leave_id": row.pk, **done}
        row = activity_services.participant_role_set(actor=actor, activity_id=activity.pk,
                                                     member_id=member_id, role="leader")
        return {"service": "activities.participant_role_set", "participant_id": row.pk,
                "role": row.role, **done}
    if CORRECTION_SOURCE[kind] == "proposal":
        proposal = Proposal.objects.filter(pk=pk, committee_id=q.committee_id).first()
        if proposal is None:
            raise ValidationError("所选提案不存在。", field="target_id")
        fn = (proposal_services.cosigner_add if kind == CorrectionKind.COSIGNER_ADD
              else proposal_services.cosigner_remove)
        try:
            row = fn(actor=actor, proposal_id=proposal.pk, member_id=member_id, reason=reason)
        except NotFound as exc:  # the proposals app hides what the actor may not read
            raise PermissionDenied("更正联名人须由提案工作人员办理，您无权更正该提案。") from exc
        return {"service": f"proposals.{fn.__name__}", "proposal_id": proposal.pk,
                "proposer_id": row.pk, "ref": f"proposal:{proposal.pk}:co",
                "summary": f"{CorrectionKind(kind).label}：《{proposal.title}》"}
    opinion = Opinion.objects.filter(pk=pk, committee_id=q.committee_id).first()
    if opinion is None:
        raise ValidationError("所选社情民意信息不存在。", field="target_id")
    try:
        row = opinion_services.author_add(actor=actor, opinion_id=opinion.pk,
                                          member_id=member_id, reason=reason)
    except NotFound as exc:  # the opinions app hides what the actor may not read
        raise PermissionDenied("补列作者须由社情民意信息办办理，您无权更正该信息。") from exc
    return {"service": "opinions.author_add", "opinion_id": opinion.pk, "author_id": row.pk,
            "ref": f"opinion:{opinion.pk}",
            "summary": f"{CorrectionKind(kind).label}：《{opinion.title}》"}


@transaction.atomic
def question_answer(*, actor: User, question_id: int, answer: str, correction: str = "",
                    target_id: int | None = None,
                    attendance_activity_id: int | None = None) -> Question:
    """Answer a member's question, and with a correction first fix the source record through
    the owning app's service (the record is fixed, never the score).

    Corrections (`CorrectionKind`): attendance, leave recorded late and the leader role in
    activities; a co-signer added or removed in proposals; a co-author added in 社情民意.
    `target_id` is the activity, proposal or item; by default the questioned entry's.
    `attendance_activity_id` is the older spelling of an attendance correction.
    """
    q = permissions.access(Question, actor, question_id, for_update=True)
    answer = _text(answer, "答复", "answer", max_len=2000)
    if attendance_activity_id is not None and not correction:
        correction, target_id = CorrectionKind.ATTENDANCE, attendance_activity_id
    fixed: dict = {}
    if correction:
        _manager(actor)
        if correction not in CorrectionKind.values:
            raise ValidationError("请选择更正方式。", field="correction")
        if q.status != "open":
            raise Conflict("该疑问已答复。", code="invalid_transition")
        fixed = _correct(actor, q, correction, target_id, answer)

    def mutate(row):
        row.answer, row.answered_by, row.answered_at = answer, actor, clock.now()
        row.correction = fixed
        return ["answer", "answered_by", "answered_at", "correction"]

    _apply(q, QUESTION["answer"], actor, mutate, answer=answer, correction=fixed)
    member = Member.objects.select_related("user").get(pk=q.member_id)
    if member.user_id:
        notify(users=[member.user], kind="appraisal", title="您对履职档案的疑问已答复",
               body=answer, url=reverse("appraisal:mine") + f"?year={q.year}")
    return q


@transaction.atomic
def record_confirm(*, actor: User, year: int) -> Confirmation:
    """Let a member confirm the year's record as it now stands."""
    member = _member_of(actor)
    year = _year(year)
    seat = record.membership_of(member, year)
    if seat is None:
        raise ValidationError(f"您在{year}年没有委员任职记录。", field="year")
    opens = selectors.confirmation_opens(committee_id=actor.committee_id, term=seat.term,
                                         year=year)
    if clock.today() < opens:
        raise ValidationError(f"{year}年度尚未结束，档案可能还会增加记录；"
                              f"自{opens.year}年{opens.month}月{opens.day}日起可以确认。", field="year")
    start, end = date(year, 1, 1), date(year, 12, 31)
    count = len(record.member_entries(member, start, end))
    row = Confirmation.objects.create(committee_id=actor.committee_id, member=member,
                                      year=year, entries=count, confirmed_by=actor,
                                      confirmed_at=clock.now())
    record_event(actor=actor, subject=row, action="confirm", member_id=member.pk, year=year,
                 entries=count)
    return row


# --- status decisions ---------------------------------------------------------------------


@transaction.atomic
def decision_record(*, actor: User, member_id: int, kind: str, decided_on: date | None,
                    meeting: str, reason: str, appraisal_id: int | None = None) -> StatusDecision:
    """Record the committee's 谈话提醒, 劝辞 or 撤销资格 decision on a member.

    劝辞 and 撤销资格 change the seat's status from the decision date; the member's history
    stays. The evidence is the flags of the member's result in the appraisal, if given.
    """
    _manager(actor)
    if kind not in DecisionKind.values:
        raise ValidationError("请选择处理决定。", field="kind")
    if decided_on is None or decided_on.year < 1950 or decided_on > clock.today():
        raise ValidationError("决定日期不在有效范围内（不能晚于今天）。", field="decided_on")
    meeting = _text(meeting, "决定会议", "meeting", max_len=100)
    reason = _text(reason, "事由", "reason", max_len=2000)
    member = Member.objects.filter(pk=member_id, committee_id=actor.committee_id).first()
    if member is None:
        raise ValidationError("所选委员不存在。", field="member_id")
    evidence: list = []
    appraisal = None
    if appraisal_id is not None:
        appraisal = Appraisal.objects.filter(pk=appraisal_id,
                                             committee_id=actor.committee_id).first()
        if appraisal is None:
            raise ValidationError("所选考评不存在。", field="appraisal_id")
        result = appraisal.results.filter(member=member).first()
        if result is None:
            raise ValidationError("该委员不在所选考评中。", field="member_id")
        evidence = [{**f, "appraisal_id": appraisal.pk, "score": str(result.score),
                     "grade_label": result.grade_label} for f in result.flags] or [
            {"key": "score", "label": f"{appraisal}得分{result.score}（{result.grade_label}）",
             "appraisal_id": appraisal.pk, "records": []}]
        term = appraisal.term
    else:
        term = record.term_of_year(actor.committee_id, decided_on.year)
    seat = Membership.objects.select_for_update().filter(member=member, term=term).first()
    if seat is None:
        raise ValidationError("该委员在该届没有任职记录。", field="member_id")
    target = DECISION_STATUS[kind]
    if target and seat.status not in ("active", "on_leave"):
        raise Conflict(f"该委员当前状态为「{seat.get_status_display()}」，不能再作此决定。")
    previous = seat.status
    if target:
        seat.status = target
        seat.save(update_fields=["status"])
    row = StatusDecision.objects.create(
        committee_id=actor.committee_id, membership=seat, member=member, kind=kind,
        decided_on=decided_on, meeting=meeting, reason=reason, evidence=evidence,
        appraisal=appraisal, from_status=previous, to_status=seat.status, recorded_by=actor,
        recorded_at=clock.now())
    record_event(actor=actor, subject=row, action=kind, frm=previous, to=seat.status,
                 member_id=member.pk, decided_on=decided_on.isoformat(), meeting=meeting,
                 reason=reason, evidence=[e.get("key") for e in evidence])
    return row


# --- annual reports of standing members ---------------------------------------------------


@transaction.atomic
def annual_report_save(*, actor: User, year: int, text: str) -> AnnualReport:
    """Write (or revise) the 常委's annual performance report as a draft."""
    member = _member_of(actor)
    year = _year(year)
    seat = record.membership_of(member, year)
    if seat is None or not seat.is_standing:
        raise PermissionDenied("只有该年度的常委需要提交年度履职报告。")
    text = _text(text, "报告正文", "text", max_len=20000)
    now = clock.now()
    report = AnnualReport.objects.select_for_update().filter(member=member, year=year).first()
    if report is None:
        report = AnnualReport.objects.create(committee_id=actor.committee_id, member=member,
                                             membership=seat, year=year, text=text,
                                             created_at=now, updated_at=now)
        record_event(actor=actor, subject=report, action="create", to=report.status,
                     member_id=member.pk, year=year)
        return report
    if report.status not in ("draft", "returned"):
        raise Conflict("报告已提交，不能再修改。", code="invalid_transition")
    report.text, report.updated_at = text, now
    report.save(update_fields=["text", "updated_at"])
    record_event(actor=actor, subject=report, action="edit", member_id=member.pk)
    return report


@transaction.atomic
def annual_report_submit(*, actor: User, report_id: int) -> AnnualReport:
    report = permissions.access(AnnualReport, actor, report_id, for_update=True)
    if not permissions.can_view_report(actor, report):
        raise NotFound()

    def mutate(r):
        r.submitted_at = clock.now()
        return ["submitted_at"]

    return _apply(report, REPORT["submit"], actor, mutate)


@transaction.atomic
def annual_report_review(*, actor: User, report_id: int, accept: bool,
                         note: str = "") -> AnnualReport:
    """Accept a submitted report into the record, or return it for revision with a note."""
    report = permissions.access(AnnualReport, actor, report_id, for_update=True)
    note = _text(note, "审核意见", "note", required=not accept, max_len=2000)

    def mutate(r):
        r.review_note, r.reviewed_by, r.reviewed_at = note, actor, clock.now()
        return ["review_note", "reviewed_by", "reviewed_at"]

    _apply(report, REPORT["accept" if accept else "return"], actor, mutate, note=note)
    member = Member.objects.select_related("user").get(pk=report.member_id)
    if member.user_id:
        notify(users=[member.user], kind="appraisal",
               title=f"{report.year}年度履职报告{'已归档' if accept else '被退回修改'}",
               body=note, url=reverse("appraisal:annual_report", args=[report.pk]))
    return report
