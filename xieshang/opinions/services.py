"""Every write to 社情民意: items, checks, edits, issues (期), adoptions and 批示."""

import re
from collections.abc import Callable, Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone

from xieshang.accounts.models import User
from xieshang.accounts.roles import Role
from xieshang.accounts.selectors import has_role
from xieshang.core import clock, workflow
from xieshang.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from xieshang.core.sequences import sequence_next
from xieshang.core.text_input import clean_text as _text
from xieshang.handling.models import HandlingCase
from xieshang.handling.services import case_open, suggestion_payload
from xieshang.notifications.services import notify
from xieshang.organization.models import Member, Party, Sector, SpecialCommittee
from xieshang.proposals.models import Category, Conversion, Proposal
from xieshang.textintel import normalize
from xieshang.textintel.draft_hints import item_length
from xieshang.textintel.normalize import only_layout_differs

from . import permissions
from .models import (
    Adoption,
    Author,
    Entry,
    EntrySource,
    Instruction,
    Issue,
    Level,
    Opinion,
    OpinionConfig,
    OpinionEvent,
    Recipient,
    Reporter,
    SourceKind,
    Version,
)
from .workflow import (
    COMPILABLE,
    ISSUE_TRANSITIONS,
    TRANSITIONS,
    IssueStatus,
    Status,
    Transition,
)

RAW_LIMIT = 200_000
MAX_AUTHORS = 20
# The office's edited version (编辑稿) of an item.
EDITED_TEXT_LIMIT = 20000
MAX_SOURCES = 50
MAX_RECIPIENTS = 50
EARLIEST = date(1950, 1, 1)
TITLE_RULES = {
    OpinionConfig.TitleRule.SUGGESTION: (re.compile(r"^关于.+的建议$"),
                                         "标题应写作“关于……的建议”。"),
    OpinionConfig.TitleRule.EITHER: (re.compile(r"^(关于.+的建议|.+的情况反映)$"),
                                     "标题应写作“关于……的建议”或“……的情况反映”。"),
}
BODY_KINDS = {SourceKind.PARTY: Party, SourceKind.SPECIAL_COMMITTEE: SpecialCommittee,
              SourceKind.SECTOR: Sector}


def opinion_config(committee) -> OpinionConfig:
    """Return the committee's 社情民意 parameters, creating the defaults on first use."""
    config, _ = OpinionConfig.objects.get_or_create(committee=committee)
    return config


def editorial_unit(committee) -> str:
    return opinion_config(committee).editorial_unit or f"{committee.name}办公室"


# --- events and transitions ---------------------------------------------------------------


def record_event(*, actor: User | None, action: str, opinion: Opinion | None = None,
                 issue: Issue | None = None, frm: str = "", to: str = "",
                 **payload) -> OpinionEvent:
    """Append one event about an item or an issue."""
    subject = opinion or issue
    return OpinionEvent.objects.create(
        committee_id=subject.committee_id, opinion=opinion, issue=issue, actor=actor,
        action=action, from_status=frm, to_status=to, at=clock.now(), payload=payload)


def _check(obj, transition: Transition, actor: User) -> None:
    workflow.check(obj, transition, actor, permissions)


def _apply(obj, transition: Transition, actor: User,
           mutate: Callable[[object], Iterable[str]] | None = None, **payload):
    """Move a locked row along its table and write the event; the caller holds the lock."""
    subject = {"opinion": obj} if isinstance(obj, Opinion) else {"issue": obj}
    return workflow.move(obj, transition, actor, permissions, mutate=mutate, record=lambda frm, to:
                         record_event(actor=actor, action=transition.name, frm=frm, to=to,
                                      **subject, **payload))


def apply_transition(*, actor: User, opinion_id: int, name: str,
                     mutate: Callable[[Opinion], Iterable[str]] | None = None,
                     **payload) -> Opinion:
    """Lock the item, check the edge and the actor, change state, and log the event."""
    opinion = permissions.access_opinion(actor, opinion_id, for_update=True)
    return _apply(opinion, TRANSITIONS[name], actor, mutate, **payload)


def apply_issue_transition(*, actor: User, issue_id: int, name: str,
                           mutate: Callable[[Issue], Iterable[str]] | None = None,
                           **payload) -> Issue:
    """Lock the issue, check the edge and the actor, change state, and log the event."""
    issue = permissions.access_issue(actor, issue_id, for_update=True)
    return _apply(issue, ISSUE_TRANSITIONS[name], actor, mutate, **payload)


# --- input --------------------------------------------------------------------------------




def _normalized(value: str | None, label: str, field: str, *, required: bool = True,
                max_len: int = 20000, one_line: bool = False) -> tuple[str, str]:
    """Return (cleaned text, raw input): markup, width and script variants, web noise out."""
    raw = (value or "").replace("\x00", "")
    if len(raw) > RAW_LIMIT:
        raise ValidationError(f"{label}内容过长（{len(raw)}字符），请删去无关内容。", field=field)
    clean = normalize(raw)
    if one_line:
        clean = re.sub(r"\s*\n\s*", "", clean)
    return _text(clean, label, field, required=required, max_len=max_len), raw


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
        raise ValidationError(f"{label}最多选择{limit}个。", field=field)
    return ids


def _check_title(title: str, config: OpinionConfig) -> None:
    rule = TITLE_RULES.get(config.title_rule)
    if rule and not rule[0].match(title):
        raise ValidationError(rule[1], field="title")
    if len(title) > config.title_max_length:
        raise ValidationError(f"标题不能超过{config.title_max_length}字（当前{len(title)}字）。",
                              field="title")


def _category(committee_id: int, category_id: int | None) -> Category | None:
    if category_id is None:
        return None
    category = Category.objects.filter(committee_id=committee_id, pk=category_id,
                                       is_active=True).first()
    if category is None:
        raise ValidationError("所选类别不存在。", field="category_id")
    return category


def _set_texts(opinion: Opinion, config: OpinionConfig, values: dict) -> list[str]:
    """Normalise the given text fields onto the item, keeping raw input that cleaning changed."""
    labels = {"title": "标题", "situation": "情况反映", "analysis": "原因分析",
              "suggestions": "意见建议"}
    original = dict(opinion.original or {})
    changed = []
    for field, value in values.items():
        if value is None:
            continue
        clean, raw = _normalized(value, labels[field], field, required=field == "title",
                                 max_len=200 if field == "title" else 20000,
                                 one_line=field == "title")
        if not only_layout_differs(raw, clean):
            original[field] = raw
        else:
            original.pop(field, None)
        if getattr(opinion, field) != clean:
            setattr(opinion, field, clean)
            changed.append(field)
    _check_title(opinion.title, config)
    body = item_length(opinion.situation, opinion.analysis, opinion.suggestions)
    if body > config.max_chars:
        raise ValidationError(f"正文（情况、分析、建议合计）不能超过{config.max_chars}字"
                              f"（当前{body}字），请一事一报、精简内容。", field="situation")
    if original != (opinion.original or {}):
        opinion.original = original
        changed.append("original")
    return changed


# --- reporters ----------------------------------------------------------------------------


@transaction.atomic
def reporter_authorise(*, actor: User, user_id: int, name: str = "",
                       organisation: str = "") -> Reporter:
    """Authorise a user of the committee as an invited information officer (特邀信息员)."""
    if not permissions.can_manage_reporters(actor):
        raise PermissionDenied("只有社情民意信息办可以聘任特邀信息员。")
    user = User.objects.filter(pk=user_id, committee_id=actor.committee_id,
                               is_active=True).first()
    if user is None:
        raise ValidationError("所选用户不存在。", field="user_id")
    existing = Reporter.objects.select_for_update(of=("self",)).filter(user=user).first()
    name = _text(name or user.full_name, "姓名", "name", max_len=50)
    organisation = _text(organisation, "工作单位", "organisation", required=False, max_len=100)
    now = clock.now()
    if existing is not None:
        if existing.is_active:
            raise Conflict(f"{existing.name}已是特邀信息员。")
        existing.is_active, existing.revoked_at = True, None
        existing.name, existing.organisation = name, organisation
        existing.authorised_by, existing.authorised_at = actor, now
        existing.save(update_fields=["is_active", "revoked_at", "name", "organisation",
                                     "authorised_by", "authorised_at"])
        return existing
    return Reporter.objects.create(committee_id=actor.committee_id, user=user, name=name,
                                   organisation=organisation, authorised_by=actor,
                                   authorised_at=now)


@transaction.atomic
def reporter_revoke(*, actor: User, reporter_id: int) -> Reporter:
    """End a reporter's authorisation; their items stay on record."""
    if not permissions.can_manage_reporters(actor):
        raise PermissionDenied("只有社情民意信息办可以解聘特邀信息员。")
    reporter = Reporter.objects.select_for_update(of=("self",)).filter(
        pk=reporter_id, committee_id=actor.committee_id, is_active=True).first()
    if reporter is None:
        raise NotFound()
    reporter.is_active, reporter.revoked_at = False, clock.now()
    reporter.save(update_fields=["is_active", "revoked_at"])
    return reporter


# --- drafting -----------------------------------------------------------------------------


def _co_authors(committee_id: int, ids: list[int], exclude: int | None) -> list[Member]:
    ids = _ids(ids, "联名作者", "co_author_ids", MAX_AUTHORS)
    if exclude is not None and exclude in ids:
        raise ValidationError("第一作者不能同时列为联名作者。", field="co_author_ids")
    found = {m.pk: m for m in Member.objects.filter(committee_id=committee_id, pk__in=ids)}
    if len(found) != len(ids):
        raise ValidationError("所选联名作者不存在。", field="co_author_ids")
    return [found[i] for i in ids]


def _set_authors(opinion: Opinion, lead: list[tuple[Member | None, Reporter | None, str]],
                 co: list[Member]) -> None:
    Author.objects.filter(opinion=opinion).delete()
    rows = [*lead, *((m, None, m.name) for m in co)]
    Author.objects.bulk_create([
        Author(opinion=opinion, position=i, member=m, reporter=r, name=name)
        for i, (m, r, name) in enumerate(rows)
    ])


def _submitter(actor: User, source_kind: str, body_id: int | None):
    """Return (body fields, lead author rows) for the actor submitting as `source_kind`."""
    if source_kind == SourceKind.MEMBER:
        member = permissions.member_of(actor)
        if member is None:
            raise PermissionDenied("只有委员可以以个人名义报送社情民意信息。")
        return {}, [(member, None, member.name)]
    if source_kind == SourceKind.REPORTER:
        reporter = permissions.reporter_of(actor)
        if reporter is None:
            raise PermissionDenied("您不是本会聘任的特邀信息员。")
        return {"reporter": reporter}, [(None, reporter, reporter.name)]
    model = BODY_KINDS.get(source_kind)
    if model is None:
        raise ValidationError("来源类型无效。", field="source_kind")
    body = model.objects.filter(committee_id=actor.committee_id, pk=body_id).first() \
        if body_id else None
    if body is None:
        raise ValidationError("请选择以其名义报送的党派团体、专委会或界别。", field="body_id")
    field = {SourceKind.PARTY: "party", SourceKind.SPECIAL_COMMITTEE: "special_committee",
             SourceKind.SECTOR: "sector"}[source_kind]
    if not permissions.acts_for_body(actor, **{f"{field}_id": body.pk}):
        raise PermissionDenied(f"您不是{body}的经办人，不能以其名义报送。")
    return {field: body}, [(None, None, str(body))]


@transaction.atomic
def opinion_create(*, actor: User, source_kind: str, title: str, situation: str = "",
                   analysis: str = "", suggestions: str = "", category_id: int | None = None,
                   consent_publication: bool = False, body_id: int | None = None,
                   co_author_ids: list[int] | None = None) -> Opinion:
    """Create a draft item in the actor's name, as a reporter, or for a body they act for."""
    if source_kind == SourceKind.CONVERTED_PROPOSAL:
        raise ValidationError("提案转来的社情民意由提案审查转入，不能直接起草。",
                              field="source_kind")
    body, lead = _submitter(actor, source_kind, body_id)
    lead_member = lead[0][0]
    co = _co_authors(actor.committee_id, list(co_author_ids or []),
                     lead_member.pk if lead_member else None)
    if source_kind == SourceKind.REPORTER and co:
        raise ValidationError("特邀信息员报送的信息不列联名作者。", field="co_author_ids")
    config = opinion_config(actor.committee)
    now = clock.now()
    opinion = Opinion(committee_id=actor.committee_id, source_kind=source_kind,
                      created_by=actor, category=_category(actor.committee_id, category_id),
                      consent_publication=consent_publication, created_at=now, updated_at=now,
                      **body)
    _set_texts(opinion, config, {"title": title, "situation": situation,
                                 "analysis": analysis, "suggestions": suggestions})
    opinion.save()
    _set_authors(opinion, lead, co)
    record_event(actor=actor, action="create", opinion=opinion, to=Status.DRAFT,
                 source_kind=source_kind, normalized=sorted(opinion.original))
    return opinion


@transaction.atomic
def opinion_update(*, actor: User, opinion_id: int, title: str | None = None,
                   situation: str | None = None, analysis: str | None = None,
                   suggestions: str | None = None, category_id: int | None = None,
                   consent_publication: bool | None = None,
                   co_author_ids: list[int] | None = None) -> Opinion:
    """Change a draft or returned item; only the fields given change."""
    opinion = permissions.access_opinion(actor, opinion_id, for_update=True)
    if not permissions.can_edit_draft(actor, opinion):
        raise PermissionDenied("只有草稿或退回修改的信息可以由报送人修改。")
    config = opinion_config(actor.committee)
    fields = _set_texts(opinion, config, {"title": title, "situation": situation,
                                          "analysis": analysis, "suggestions": suggestions})
    if category_id is not None:
        opinion.category = _category(actor.committee_id, category_id)
        fields.append("category")
    if consent_publication is not None:
        opinion.consent_publication = consent_publication
        fields.append("consent_publication")
    if co_author_ids is not None:
        if opinion.source_kind == SourceKind.REPORTER and co_author_ids:
            raise ValidationError("特邀信息员报送的信息不列联名作者。", field="co_author_ids")
        lead = list(opinion.authors.filter(position=0))
        lead_member = lead[0].member if lead else None
        co = _co_authors(opinion.committee_id, co_author_ids,
                         lead_member.pk if lead_member else None)
        _set_authors(opinion, [(r.member, r.reporter, r.name) for r in lead], co)
        fields.append("authors")
    opinion.updated_at = clock.now()
    opinion.save(update_fields=[f for f in {*fields, "updated_at"} if f != "authors"])
    record_event(actor=actor, action="update", opinion=opinion, fields=sorted(set(fields)))
    return opinion


@transaction.atomic
def opinion_submit(*, actor: User, opinion_id: int) -> Opinion:
    """Submit a draft, or resubmit a returned item, to the information office."""
    opinion = permissions.access_opinion(actor, opinion_id, for_update=True)
    name = "resubmit" if opinion.status == Status.RETURNED else "submit"

    def mutate(o: Opinion):
        if not (o.situation or o.suggestions):
            raise ValidationError("请至少填写情况反映或意见建议。", field="situation")
        o.submitted_at = clock.now()
        fields = ["submitted_at"]
        if o.first_submitted_at is None:
            o.first_submitted_at = o.submitted_at
            fields.append("first_submitted_at")
        return fields

    opinion = _apply(opinion, TRANSITIONS[name], actor, mutate)
    return opinion


# --- conversion from proposals ------------------------------------------------------------


def _proposal_authors(proposal: Proposal) -> list[tuple[Member | None, Reporter | None, str]]:
    body = proposal.party or proposal.special_committee or proposal.sector
    rows: list[tuple[Member | None, Reporter | None, str]] = []
    if body is not None:
        rows.append((None, None, str(body)))
    for p in proposal.proposers.filter(status="confirmed", member__isnull=False) \
            .select_related("member").order_by("position", "id"):
        rows.append((p.member, None, p.member.name))
    if not rows and proposal.lead_member is not None:
        rows.append((proposal.lead_member, None, proposal.lead_member.name))
    if not rows:
        rows.append((None, None, proposal.proposer_display or "提案者"))
    return rows


def _from_conversion(conversion: Conversion, actor: User | None) -> tuple[Opinion, bool]:
    """Create the item of a 转社情民意 conversion once; return (item, created)."""
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related(
        "party", "special_committee", "sector", "lead_member").get(pk=conversion.proposal_id)
    existing = Opinion.objects.filter(proposal=proposal).first()
    if existing is not None:
        return existing, False
    at = conversion.created_at
    opinion = Opinion.objects.create(
        committee_id=conversion.committee_id, status=Status.SUBMITTED,
        source_kind=SourceKind.CONVERTED_PROPOSAL, created_by=proposal.created_by,
        party=proposal.party, special_committee=proposal.special_committee,
        sector=proposal.sector, proposal=proposal, title=proposal.title,
        situation=proposal.reasons, suggestions=proposal.suggestions,
        category=proposal.category, consent_publication=proposal.consent_publication,
        original=dict(proposal.original or {}), created_at=clock.now(), updated_at=clock.now(),
        first_submitted_at=at, submitted_at=at,
    )
    _set_authors(opinion, _proposal_authors(proposal), [])
    record_event(actor=actor, action="convert_in", opinion=opinion, to=Status.SUBMITTED,
                 proposal_id=proposal.pk, conversion_id=conversion.pk,
                 consent_note=conversion.consent_note)
    return opinion, True


@transaction.atomic
def opinion_from_conversion(*, actor: User, conversion_id: int) -> Opinion:
    """Bring a proposal converted in review (转社情民意) in as a submitted item, once.

    Calling it again for the same conversion returns the item already made.
    """
    if not has_role(actor, Role.INFO_OFFICE, Role.PROPOSAL_STAFF, Role.PROPOSAL_CHIEF):
        raise PermissionDenied("只有提案委或社情民意信息办可以转入提案。")
    conversion = Conversion.objects.filter(pk=conversion_id,
                                           committee_id=actor.committee_id).first()
    if conversion is None:
        raise NotFound()
    if conversion.kind != Conversion.Kind.OPINION:
        raise ValidationError("该提案不是转为社情民意。", field="conversion_id")
    return _from_conversion(conversion, actor)[0]


def opinions_import_conversions(*, committee_id: int | None = None) -> int:
    """Create the items of every 转社情民意 conversion that has none yet; return how many."""
    qs = Conversion.objects.filter(kind=Conversion.Kind.OPINION, proposal__opinion__isnull=True)
    if committee_id is not None:
        qs = qs.filter(committee_id=committee_id)
    made = 0
    for conversion in qs.order_by("id"):
        with transaction.atomic():
            made += _from_conversion(conversion, None)[1]
    return made


# --- check and edit -----------------------------------------------------------------------


def _notify_authors(opinion: Opinion, title: str, body: str = "") -> None:
    users = [opinion.created_by]
    users += [a.member.user for a in opinion.authors.select_related("member__user")
              if a.member_id and a.member.user_id]
    users += [a.reporter.user for a in opinion.authors.select_related("reporter__user")
              if a.reporter_id]
    notify(users=users, kind="opinion", title=title, body=body, url=f"/opinions/{opinion.pk}/")


@transaction.atomic
def opinion_check(*, actor: User, opinion_id: int, outcome: str, note: str = "") -> Opinion:
    """Record the office's check: 录用 (use), 留存·未录用 (keep), or return for revision."""
    if outcome not in ("use", "keep", "return"):
        raise ValidationError("审核结果应为录用、留存或退回修改。", field="outcome")
    note = _text(note, "退回理由" if outcome == "return" else "审核意见", "note",
                 required=outcome == "return", max_len=2000)

    def mutate(o: Opinion):
        o.checked_by, o.checked_at = actor, clock.now()
        if outcome == "return":
            o.return_reason = note
            return ["checked_by", "checked_at", "return_reason"]
        o.check_note = note
        return ["checked_by", "checked_at", "check_note"]

    opinion = apply_transition(actor=actor, opinion_id=opinion_id, name=outcome, mutate=mutate,
                               note=note)
    label = {"use": "已录用", "keep": "留存·未录用", "return": "退回修改"}[outcome]
    _notify_authors(opinion, f"您报送的社情民意信息{label}：{opinion.title}", note)
    return opinion


def latest_version(opinion: Opinion) -> Version | None:
    rows = getattr(opinion, "_prefetched_objects_cache", {}).get("versions")
    if rows is not None:
        return rows[-1] if rows else None
    return opinion.versions.order_by("-number").first()


@transaction.atomic
def opinion_edit(*, actor: User, opinion_id: int, title: str, text: str,
                 note: str = "") -> Version:
    """Save the office's edited title and text as a new version; the author's text is kept."""
    title, _ = _normalized(title, "标题", "title", max_len=200, one_line=True)
    text, _ = _normalized(text, "正文", "text", max_len=EDITED_TEXT_LIMIT)
    note = _text(note, "编辑说明", "note", required=False, max_len=200)
    holder: dict = {}

    def mutate(o: Opinion):
        last = latest_version(o)
        holder["version"] = Version.objects.create(
            opinion=o, number=(last.number + 1) if last else 1, title=title, text=text,
            note=note, edited_by=actor, edited_at=clock.now())
        return []

    apply_transition(actor=actor, opinion_id=opinion_id, name="edit", mutate=mutate,
                     title=title, note=note)
    return holder["version"]


# --- issues -------------------------------------------------------------------------------


def _draft_issue(actor: User, issue_id: int) -> Issue:
    issue = permissions.access_issue(actor, issue_id, for_update=True)
    if not permissions.can_compile(actor, issue):
        raise PermissionDenied("只有社情民意信息办可以编辑期刊。")
    if issue.status != IssueStatus.DRAFT:
        raise Conflict(f"该期当前状态为「{issue.get_status_display()}」，不能再调整稿件或报送单位"
                       "（请先退回编辑）。", code="invalid_state")
    return issue


@transaction.atomic
def issue_create(*, actor: User, year: int | None = None) -> Issue:
    """Open the next issue (第N期) of 《社情民意》 for the year."""
    if not permissions.is_office(actor):
        raise PermissionDenied("只有社情民意信息办可以编发期刊。")
    this_year = clock.today().year
    year = year or this_year
    if year < 1950 or year > this_year:
        raise ValidationError("期刊年度不能晚于今年。", field="year")
    now = clock.now()
    number = sequence_next(committee=actor.committee, key=f"opinion_issue:{year}")
    issue = Issue.objects.create(committee_id=actor.committee_id, year=year, number=number,
                                 editorial_unit=editorial_unit(actor.committee),
                                 compiled_by=actor, compiled_at=now, updated_at=now)
    record_event(actor=actor, action="issue_create", issue=issue, to=IssueStatus.DRAFT,
                 year=year, number=number)
    return issue


@transaction.atomic
def entry_add(*, actor: User, issue_id: int, opinion_ids: list[int], title: str = "",
              text: str = "") -> Entry:
    """Put one item (单篇) or several combined into one article (综合) into a draft issue."""
    issue = _draft_issue(actor, issue_id)
    ids = _ids(opinion_ids, "来稿", "opinion_ids", MAX_SOURCES)
    if not ids:
        raise ValidationError("请选择要编入的信息。", field="opinion_ids")
    sources = [permissions.access_opinion(actor, i, for_update=True) for i in sorted(ids)]
    by_id = {o.pk: o for o in sources}
    sources = [by_id[i] for i in ids]
    for o in sources:
        if o.status not in COMPILABLE:
            raise Conflict(f"《{o.title}》当前状态为「{o.get_status_display()}」，不能编入期刊。",
                           code="invalid_transition")
    if len(sources) == 1 and not (title or "").strip():
        version = latest_version(sources[0])
        title = version.title if version else sources[0].title
        text = version.text if version else sources[0].text
    title, _ = _normalized(title, "稿件标题", "title", max_len=200, one_line=True)
    text, _ = _normalized(text, "稿件正文", "text", max_len=50000)
    position = (issue.entries.order_by("-position").values_list("position", flat=True)
                .first() or 0) + 1
    entry = Entry.objects.create(committee_id=issue.committee_id, issue=issue,
                                 position=position, title=title, text=text, created_by=actor,
                                 created_at=clock.now())
    EntrySource.objects.bulk_create([EntrySource(entry=entry, opinion=o, position=i)
                                     for i, o in enumerate(sources)])
    for o in sources:
        _apply(o, TRANSITIONS["compile"], actor, issue_id=issue.pk, entry_id=entry.pk,
               number=issue.number, year=issue.year)
    record_event(actor=actor, action="entry_add", issue=issue, entry_id=entry.pk,
                 title=title, opinion_ids=ids)
    return entry


@transaction.atomic
def entry_update(*, actor: User, entry_id: int, title: str, text: str) -> Entry:
    """Change an article's title and text while its issue is being edited."""
    entry = Entry.objects.filter(pk=entry_id, committee_id=actor.committee_id).first()
    if entry is None:
        raise NotFound()
    issue = _draft_issue(actor, entry.issue_id)
    entry.title, _ = _normalized(title, "稿件标题", "title", max_len=200, one_line=True)
    entry.text, _ = _normalized(text, "稿件正文", "text", max_len=50000)
    entry.save(update_fields=["title", "text"])
    record_event(actor=actor, action="entry_update", issue=issue, entry_id=entry.pk,
                 title=entry.title)
    return entry


@transaction.atomic
def entry_remove(*, actor: User, entry_id: int) -> Issue:
    """Take an article out of a draft issue; its source items go back to 已编辑."""
    entry = Entry.objects.filter(pk=entry_id, committee_id=actor.committee_id).first()
    if entry is None:
        raise NotFound()
    issue = _draft_issue(actor, entry.issue_id)
    sources = [permissions.access_opinion(actor, i, for_update=True)
               for i in sorted(entry.links.values_list("opinion_id", flat=True))]
    EntrySource.objects.filter(entry=entry).delete()
    for o in sources:
        _apply(o, TRANSITIONS["uncompile"], actor, issue_id=issue.pk)
    record_event(actor=actor, action="entry_remove", issue=issue, entry_id=entry.pk,
                 title=entry.title)
    entry.delete()
    return issue


@transaction.atomic
def issue_reorder(*, actor: User, issue_id: int, entry_ids: list[int]) -> Issue:
    """Put the issue's articles in the given order (every article exactly once)."""
    issue = _draft_issue(actor, issue_id)
    current = set(issue.entries.values_list("pk", flat=True))
    if len(entry_ids) != len(set(entry_ids)) or set(entry_ids) != current:
        raise ValidationError("请列出本期全部稿件且不重复。", field="entry_ids")
    for i, pk in enumerate(entry_ids, start=1):
        Entry.objects.filter(pk=pk).update(position=i)
    record_event(actor=actor, action="reorder", issue=issue, entry_ids=entry_ids)
    return issue


@transaction.atomic
def issue_set_recipients(*, actor: User, issue_id: int,
                         recipients: list[dict]) -> list[Recipient]:
    """Replace the issue's 报送 list: each {kind, name} (上级政协, 党委, 政府, 部门)."""
    issue = _draft_issue(actor, issue_id)
    if len(recipients) > MAX_RECIPIENTS:
        raise ValidationError(f"报送单位最多{MAX_RECIPIENTS}个。", field="recipients")
    rows, seen = [], set()
    for i, r in enumerate(recipients):
        kind = r.get("kind")
        if kind not in Recipient.Kind.values:
            raise ValidationError("报送单位类别应为上级政协、党委、政府或部门。", field="recipients")
        name = _text(r.get("name"), "报送单位名称", "recipients", max_len=100)
        if name in seen:
            raise ValidationError(f"报送单位“{name}”重复。", field="recipients")
        seen.add(name)
        rows.append(Recipient(committee_id=issue.committee_id, issue=issue, kind=kind,
                              name=name, position=i))
    Recipient.objects.filter(issue=issue).delete()
    Recipient.objects.bulk_create(rows)
    record_event(actor=actor, action="recipients", issue=issue,
                 recipients=[{"kind": r.kind, "name": r.name} for r in rows])
    return rows


@transaction.atomic
def issue_approve(*, actor: User, issue_id: int) -> Issue:
    """Approve (审核) a compiled issue; it needs at least one article."""
    def mutate(i: Issue):
        if not i.entries.exists():
            raise ValidationError("本期尚无稿件，不能送审。", field="entries")
        i.approved_by, i.approved_at = actor, clock.now()
        return ["approved_by", "approved_at"]

    return apply_issue_transition(actor=actor, issue_id=issue_id, name="approve", mutate=mutate)


@transaction.atomic
def issue_reopen(*, actor: User, issue_id: int, reason: str = "") -> Issue:
    """Send an approved or signed issue back to editing; approval and sign-off are cleared."""
    reason = _text(reason, "退回理由", "reason", required=False, max_len=2000)

    def mutate(i: Issue):
        i.approved_by = i.approved_at = i.signed_by = i.signed_at = None
        return ["approved_by", "approved_at", "signed_by", "signed_at"]

    return apply_issue_transition(actor=actor, issue_id=issue_id, name="reopen", mutate=mutate,
                                  reason=reason)


@transaction.atomic
def issue_sign(*, actor: User, issue_id: int) -> Issue:
    """Sign off (签发) an approved issue; by default the signer must not have edited it."""
    issue = permissions.access_issue(actor, issue_id, for_update=True)
    transition = ISSUE_TRANSITIONS["sign"]
    if (issue.status in transition.sources and permissions.is_office(actor)
            and not permissions.can_sign(actor, issue)):
        raise PermissionDenied("签发人不得为本期的编辑人（含编入稿件和编辑来稿的人员）。")

    def mutate(i: Issue):
        i.signed_by, i.signed_at = actor, clock.now()
        return ["signed_by", "signed_at"]

    return _apply(issue, transition, actor, mutate)


@transaction.atomic
def issue_send(*, actor: User, issue_id: int) -> Issue:
    """Send (报送) a signed issue to its recipients; every source item is marked 已报送."""
    issue = permissions.access_issue(actor, issue_id, for_update=True)
    _check(issue, ISSUE_TRANSITIONS["send"], actor)
    recipients = list(issue.recipients.all())
    if not recipients:
        raise ValidationError("请先填写报送单位。", field="recipients")

    def mutate(i: Issue):
        i.sent_by, i.sent_at = actor, clock.now()
        return ["sent_by", "sent_at"]

    _apply(issue, ISSUE_TRANSITIONS["send"], actor, mutate,
           recipients=[r.name for r in recipients])
    ids = sorted(EntrySource.objects.filter(entry__issue=issue)
                 .values_list("opinion_id", flat=True))
    for pk in ids:
        o = permissions.access_opinion(actor, pk, for_update=True)
        _apply(o, TRANSITIONS["publish"], actor, issue_id=issue.pk, number=issue.number,
               year=issue.year)
        _notify_authors(o, f"您的社情民意信息已编入{issue}报送：{o.title}",
                        "报送：" + "、".join(r.name for r in recipients))
    return issue


# --- adoptions and instructions -----------------------------------------------------------


def _sent_entry(actor: User, entry_id: int) -> Entry:
    entry = Entry.objects.filter(pk=entry_id, committee_id=actor.committee_id).first()
    if entry is None:
        raise NotFound()
    issue = permissions.access_issue(actor, entry.issue_id, for_update=True)
    if not permissions.can_record_adoption(actor, issue):
        raise PermissionDenied("只有社情民意信息办可以录入采用和批示情况。")
    if issue.status != IssueStatus.SENT:
        raise Conflict("该期尚未报送，不能录入采用或批示。", code="invalid_state")
    entry.issue = issue
    return entry


def _since_sent(value: date | None, entry: Entry, label: str, field: str) -> date:
    """A date of adoption or 批示: in the past, and not before the issue was sent, so that a
    record cannot land in a year (and a closed appraisal) before the article existed."""
    value = _past_date(value, label, field)
    sent = timezone.localdate(entry.issue.sent_at) if entry.issue.sent_at else None
    if sent and value < sent:
        raise ValidationError(f"{label}不能早于本期报送日期（{sent.year}年{sent.month}月{sent.day}日）。", field=field)
    return value


def _entry_sources(entry: Entry) -> list[Opinion]:
    return list(Opinion.objects.filter(entry_link__entry=entry).order_by("entry_link__position"))


@transaction.atomic
def adoption_record(*, actor: User, entry_id: int, level: str, kind: str,
                    adopted_on: date | None, body: str, reference: str = "") -> Adoption:
    """Record that a body at some level used (采用) a sent article, singly or in a combination."""
    entry = _sent_entry(actor, entry_id)
    if level not in Level.values:
        raise ValidationError("请选择采用层级。", field="level")
    if kind not in Adoption.Kind.values:
        raise ValidationError("采用方式应为单篇采用或综合采用。", field="kind")
    adoption = Adoption.objects.create(
        committee_id=entry.committee_id, entry=entry, level=level, kind=kind,
        adopted_on=_since_sent(adopted_on, entry, "采用日期", "adopted_on"),
        body=_text(body, "采用单位", "body", max_len=100),
        reference=_text(reference, "文件或刊物", "reference", required=False, max_len=200),
        recorded_by=actor, recorded_at=clock.now())
    for o in _entry_sources(entry):
        record_event(actor=actor, action="adoption", opinion=o, adoption_id=adoption.pk,
                     level=level, kind=kind, body=adoption.body)
        _notify_authors(o, f"您的社情民意信息被采用：{o.title}",
                        f"{adoption.get_level_display()} {adoption.body}"
                        f"{adoption.get_kind_display()}")
    return adoption


@transaction.atomic
def instruction_record(*, actor: User, entry_id: int, leader_name: str, level: str,
                       given_on: date | None, text: str, leader_title: str = "",
                       transfer_to: str = "") -> Instruction:
    """Record a leader's written instruction (批示) on a sent article, with any 转办 target."""
    entry = _sent_entry(actor, entry_id)
    if level not in Level.values:
        raise ValidationError("请选择批示领导层级。", field="level")
    instruction = Instruction.objects.create(
        committee_id=entry.committee_id, entry=entry, level=level,
        leader_name=_text(leader_name, "批示领导", "leader_name", max_len=50),
        leader_title=_text(leader_title, "领导职务", "leader_title", required=False,
                           max_len=100),
        given_on=_since_sent(given_on, entry, "批示日期", "given_on"),
        text=_text(text, "批示内容", "text"),
        transfer_to=_text(transfer_to, "转办单位", "transfer_to", required=False, max_len=100),
        recorded_by=actor, recorded_at=clock.now())
    for o in _entry_sources(entry):
        record_event(actor=actor, action="instruction", opinion=o,
                     instruction_id=instruction.pk, level=level,
                     leader_name=instruction.leader_name, transfer_to=instruction.transfer_to)
        _notify_authors(o, f"您的社情民意信息获领导批示：{o.title}",
                        f"{instruction.leader_title}{instruction.leader_name}："
                        f"{instruction.text}")
    return instruction


# --- transfer for handling (转办) ------------------------------------------------------------


MAX_TRANSFER_UNITS = 20


@transaction.atomic
def opinion_transfer(*, actor: User, opinion_id: int, unit_ids: list[int],
                     instruction_id: int | None = None, note: str = "",
                     suggested: list[dict] | None = None, suggestion_basis: str = ""):
    """Transfer a used item to one or more units for handling (转办), optionally on a 批示.

    One unit handles it alone (单办); several each reply (分办). The handling case, signing,
    deadlines, replies and the units' workbench are those of xieshang.handling; the office
    reviews the replies and closes the case. `suggested` is what the office was shown
    (opinions.transfer_routing, best first: {unit_id, unit, score}); the case's `create` event
    keeps it beside the units chosen.
    """
    opinion = permissions.access_opinion(actor, opinion_id, for_update=True)
    if not permissions.is_office(actor):
        raise PermissionDenied("只有社情民意信息办可以转办。")
    if not permissions.can_transfer(actor, opinion):
        raise Conflict("只有已录用的社情民意信息可以转办。")
    if HandlingCase.objects.filter(opinion=opinion).exists():
        raise Conflict("该信息已经转办（如需增加单位，请在转办情况中操作）。")
    ids = _ids(unit_ids, "承办单位", "unit_ids", MAX_TRANSFER_UNITS)
    if not ids:
        raise ValidationError("请选择承办单位。", field="unit_ids")
    instruction = None
    if instruction_id is not None:
        instruction = Instruction.objects.filter(
            pk=instruction_id, committee_id=opinion.committee_id,
            entry__links__opinion=opinion).first()
        if instruction is None:
            raise ValidationError("所选批示不是针对本篇信息的。", field="instruction_id")
    note = _text(note, "转办说明", "note", required=False, max_len=500)
    mode = "single" if len(ids) == 1 else "split"
    case = case_open(actor=actor, opinion=opinion, mode=mode,
                     units=[{"unit_id": u, "role": mode} for u in ids],
                     instruction_id=instruction.pk if instruction else None, note=note,
                     **suggestion_payload(suggested, suggestion_basis))
    record_event(actor=actor, action="transfer", opinion=opinion, case_id=case.pk,
                 unit_ids=ids, instruction_id=instruction.pk if instruction else None,
                 note=note)
    _notify_authors(opinion, f"您的社情民意信息已转有关单位办理：{opinion.title}", note)
    return case


# --- corrections --------------------------------------------------------------------------


@transaction.atomic
def author_add(*, actor: User, opinion_id: int, member_id: int, reason: str) -> Author:
    """Add a co-author missing from a submitted item (信息办 only, with a reason).

    For an author left off when the item was reported; the member is added after the
    existing authors, so the first author is unchanged. Items still editable by their
    authors (drafts, returned ones) are corrected by them; reporters' items list no
    co-authors.
    """
    opinion = permissions.access_opinion(actor, opinion_id, for_update=True)
    if not permissions.is_office(actor):
        raise PermissionDenied("只有社情民意信息办可以补列作者。")
    if opinion.status in (Status.DRAFT, Status.RETURNED):
        raise Conflict("该信息尚未报送或已退回修改，请由作者在修改时补列。",
                       code="invalid_transition")
    if opinion.source_kind == SourceKind.REPORTER:
        raise ValidationError("特邀信息员报送的信息不列联名作者。", field="member_id")
    reason = _text(reason, "更正理由", "reason", max_len=1000)
    member = Member.objects.filter(committee_id=opinion.committee_id, pk=member_id).first()
    if member is None:
        raise ValidationError("所选委员不存在。", field="member_id")
    authors = list(Author.objects.select_for_update().filter(opinion=opinion))
    if any(a.member_id == member.pk for a in authors):
        raise Conflict(f"{member.name}已是该信息的作者。")
    if len(authors) >= MAX_AUTHORS:
        raise ValidationError(f"作者最多{MAX_AUTHORS}位。", field="member_id")
    row = Author.objects.create(opinion=opinion, member=member, name=member.name,
                                position=max((a.position for a in authors), default=-1) + 1)
    record_event(actor=actor, action="author_add", opinion=opinion, member_id=member.pk,
                 member=member.name, reason=reason)
    return row
