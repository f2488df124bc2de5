"""The member's living record (一届一人一档), built each time from the other apps' rows.

Nothing here is typed in twice: attendance comes from `activities.selectors.member_attendance`,
proposals from their proposer rows, 社情民意 from their authors, adoptions and instructions with
the opinions app's credit shares, and so on. Each entry says what, when, in which role, and links
to the record it came from; `scoring.compute` reads the same entries.
"""

from datetime import UTC, date, datetime

from django.db.models import Count, Prefetch, Q
from django.urls import reverse

from xieshang.activities import selectors as activity_selectors
from xieshang.activities.models import (
    Activity,
    ActivityKind,
    LeaveRequest,
    Participant,
    ParticipantRole,
    ReportInstruction,
    ResearchReport,
    SignIn,
    Speech,
)
from xieshang.activities.workflow import HELD_ACTIVITY, LeaveStatus
from xieshang.core import clock
from xieshang.opinions.models import Adoption, Author, Instruction, OpinionConfig
from xieshang.opinions.selectors import entry_credits
from xieshang.organization.models import Member, Membership, Term
from xieshang.proposals.models import Proposer

from .models import AnnualReport, Question

STATE_LABELS = {"attended": "出席", "on_leave": "请假", "absent": "无故缺席",
                "pending": "未开始或未签到"}
PROPOSER_ROLES = {"first": "第一提案人", "co": "联名提案人", "merged": "并案提案人"}
USED = ("used", "edited", "compiled", "sent")
LEVEL_LABELS = {"county": "县（区）级", "city": "市级", "province": "省级", "national": "全国",
                "party_system": "党派系统", "media": "媒体"}


def _day(value) -> date:
    if isinstance(value, datetime):
        return clock.localdate(value)
    return value


def _iso(value) -> str:
    return _day(value).isoformat()


def period_bounds(term: Term, year: int, scope: str = "year") -> tuple[date, date]:
    """Return the first and last day of the appraised period (a year, or the term to year end)."""
    end = date(year, 12, 31)
    if term.end_date and term.end_date < end:
        end = term.end_date
    if scope == "term":
        return term.start_date, end
    return max(date(year, 1, 1), term.start_date), end


def term_of_year(committee_id: int, year: int) -> Term | None:
    """Return the term in force during the year (the latest one that started by its end)."""
    return (Term.objects.filter(committee_id=committee_id, start_date__lte=date(year, 12, 31))
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=date(year, 1, 1)))
            .order_by("-start_date").first())


def membership_of(member: Member, year: int) -> Membership | None:
    term = term_of_year(member.committee_id, year)
    if term is None:
        return None
    return Membership.objects.filter(member=member, term=term).select_related("term").first()


# Entries by member id: what every source below returns, for one member or a whole committee.
Batch = dict[int, list[dict]]


def _only(qs, field: str, member_ids: set[int] | None):
    """Restrict a query to some members, or leave it committee-wide (None)."""
    return qs if member_ids is None else qs.filter(**{f"{field}__in": sorted(member_ids)})


def _add(out: Batch, member_id: int, entry: dict) -> None:
    out.setdefault(member_id, []).append(entry)


def _corrections(committee_id: int, member_ids: set[int] | None) -> dict[int, dict]:
    """Return, by member and entry reference, the answered questions that corrected a source
    record."""
    out: dict[int, dict[str, list[dict]]] = {}
    qs = _only(Question.objects.filter(committee_id=committee_id, status="answered")
               .exclude(correction={}), "member_id", member_ids)
    for q in qs:
        ref = q.correction.get("ref") or q.entry_ref
        out.setdefault(q.member_id, {}).setdefault(ref, []).append({
            "question_id": q.pk, "asked_on": _iso(q.asked_at),
            "answered_on": _iso(q.answered_at), "answer": q.answer,
            "summary": q.correction.get("summary", "")})
    return out


KIND_LABELS = dict(ActivityKind.choices)
LEADER = ParticipantRole.LEADER


def _attendance_entry(activity_id, title, type_name, kind, day: date, state: str,
                      role: str = ParticipantRole.PARTICIPANT, url: str | None = None) -> dict:
    label = STATE_LABELS.get(state, state)
    if role == LEADER:
        role_label = "组织者（带队）" + ("" if state == "attended" else f"·{label}")
    else:
        role_label = f"{'参加者' if state == 'attended' else '应参加'}（{label}）"
    return {
        "ref": f"attendance:{activity_id}", "source": "attendance", "date": day.isoformat(),
        "title": title, "type": type_name, "kind": kind,
        "kind_label": KIND_LABELS.get(kind, kind), "state": state,
        "state_label": label, "role": role, "role_label": role_label,
        "url": url or reverse("activities:detail", args=[activity_id])}


def _attendance(committee_id: int, member: Member, start: date, end: date) -> list[dict]:
    rows = activity_selectors.member_attendance(committee_id=committee_id, member_id=member.pk)
    out = []
    for r in rows:
        day = _day(r["start"])
        if start <= day <= end:
            out.append(_attendance_entry(r["activity_id"], r["title"], r["type"], r["kind"],
                                         day, r["state"], r["role"]))
    return out


def attendance_by_member(committee_id: int, start: date, end: date) -> Batch:
    """Return every member's attendance entries between two days, in a constant number of
    queries (for computing a whole appraisal); the same rows `member_attendance` gives."""
    from datetime import timedelta

    acts = {a.pk: a for a in Activity.objects.filter(
        committee_id=committee_id, status__in=HELD_ACTIVITY,
        start__gte=datetime.combine(start - timedelta(days=1), datetime.min.time(),
                                    tzinfo=UTC),
        start__lte=datetime.combine(end + timedelta(days=1), datetime.max.time(),
                                    tzinfo=UTC)).select_related("type")}
    acts = {pk: a for pk, a in acts.items() if start <= _day(a.start) <= end}
    roles = {(a, m): role for a, m, role in Participant.objects.filter(
        activity_id__in=acts).values_list("activity_id", "member_id", "role")}
    signed = set(SignIn.objects.filter(activity_id__in=acts)
                 .values_list("activity_id", "member_id"))
    leaves = {(lv.activity_id, lv.member_id): lv for lv in LeaveRequest.objects.filter(
        activity_id__in=acts).exclude(status=LeaveStatus.WITHDRAWN)
        .order_by("requested_at", "id")}
    now = clock.now()
    urls = {pk: reverse("activities:detail", args=[pk]) for pk in acts}
    days = {pk: _day(a.start) for pk, a in acts.items()}
    out: Batch = {}
    for activity_id, member_id in sorted(roles.keys() | signed,
                                         key=lambda p: (acts[p[0]].start, p[0])):
        a = acts[activity_id]
        # The state rule is the activities app's own (sign-in, approved leave, ended).
        state = activity_selectors._state(now, a, (activity_id, member_id) in signed,
                                          leaves.get((activity_id, member_id)))
        _add(out, member_id, _attendance_entry(
            a.pk, a.title, a.type.name, a.type.kind, days[a.pk], state,
            roles.get((activity_id, member_id), ParticipantRole.PARTICIPANT), urls[a.pk]))
    return out


def _proposals(committee_id: int, member_ids: set[int] | None, start: date,
               end: date) -> Batch:
    rows = list(_only(Proposer.objects.filter(member__isnull=False, status="confirmed",
                                              proposal__committee_id=committee_id)
                      .exclude(proposal__status__in=["draft", "withdrawn"])
                      .select_related("proposal")
                      .only("role", "member_id", "proposal_id", "proposal__title",
                            "proposal__status", "proposal__official_number",
                            "proposal__receipt_number", "proposal__submitted_at",
                            "proposal__created_at"), "member_id", member_ids))
    rows = [r for r in rows
            if start <= _day(r.proposal.submitted_at or r.proposal.created_at) <= end]
    counted = Proposer.objects.filter(member__isnull=False, status="confirmed")
    counted = (counted.filter(proposal__committee_id=committee_id) if member_ids is None
               else counted.filter(proposal_id__in={r.proposal_id for r in rows}))
    counts = dict(counted.values("proposal_id").annotate(n=Count("id"))
                  .values_list("proposal_id", "n"))
    out: Batch = {}
    for r in rows:
        p = r.proposal
        outcome = ("accepted" if p.status == "accepted" else
                   "pending" if p.status in ("submitted", "first_reviewed", "returned") else
                   "not_accepted")
        entry = {
            "ref": f"proposal:{p.pk}:{r.role}", "source": "proposal",
            "date": _iso(p.submitted_at or p.created_at),
            "title": p.title, "number": p.official_number or p.receipt_number,
            "role": r.role, "role_label": PROPOSER_ROLES.get(r.role, r.role),
            "members": counts.get(p.pk, 1), "outcome": outcome,
            "outcome_label": p.get_status_display(),
            "url": reverse("proposals:detail", args=[p.pk])}
        if p.status == "converted":
            entry["excluded"] = "已转为社情民意等渠道，不重复计分"
        _add(out, r.member_id, entry)
    return out


def _opinions(committee_id: int, member_ids: set[int] | None, start: date, end: date) -> Batch:
    authors = _only(Author.objects.filter(member__isnull=False,
                                          opinion__committee_id=committee_id)
                    .exclude(opinion__status="draft")
                    .select_related("opinion")
                    .only("position", "member_id", "opinion_id", "opinion__title",
                          "opinion__status", "opinion__first_submitted_at")
                    .annotate(n=Count("opinion__authors")), "member_id", member_ids)
    out: Batch = {}
    for a in authors:
        o = a.opinion
        if o.first_submitted_at is None:
            continue
        day = _day(o.first_submitted_at)
        if not start <= day <= end:
            continue
        _add(out, a.member_id, {
            "ref": f"opinion:{o.pk}", "source": "opinion", "date": day.isoformat(),
            "title": o.title, "role": "first" if a.position == 0 else "co",
            "role_label": "作者" if a.n == 1 else ("第一作者" if a.position == 0 else "联名作者"),
            "members": a.n, "used": o.status in USED, "status_label": o.get_status_display(),
            "url": reverse("opinions:detail", args=[o.pk])})
    return out


def _credited(committee_id: int, member_ids: set[int] | None, start: date, end: date) -> Batch:
    """Adoptions and instructions of the entries (单篇 or 综合) built from members' items."""
    config = OpinionConfig.objects.filter(committee_id=committee_id).first()
    rule = config.credit_rule if config else OpinionConfig.CreditRule.EQUAL
    found = []
    for model, day_field, source in ((Adoption, "adopted_on", "opinion_adoption"),
                                     (Instruction, "given_on", "opinion_instruction")):
        qs = model.objects.filter(committee_id=committee_id, **{f"{day_field}__gte": start,
                                                                f"{day_field}__lte": end})
        if member_ids is not None:
            qs = qs.filter(entry__links__opinion__authors__member_id__in=sorted(member_ids))
        found += [(row, source) for row in qs.distinct().select_related("entry")
                  .prefetch_related("entry__links__opinion__authors")]
    out: Batch = {}
    for row, source in found:
        entry = row.entry
        links = entry.links.all()
        credits = entry_credits(entry, rule)
        combined = len(links) > 1
        members = {a.member_id for link in links for a in link.opinion.authors.all()
                   if a.member_id is not None}
        if source == "opinion_adoption":
            title = f"《{entry.title}》被{row.body}采用（{LEVEL_LABELS[row.level]}）"
            day = row.adopted_on
        else:
            title = f"《{entry.title}》获{row.leader_name}批示（{LEVEL_LABELS[row.level]}）"
            day = row.given_on
        for member_id in members if member_ids is None else members & member_ids:
            part = sum((c[3] for c in credits if c[1] == member_id), start=0)
            # The member's own item, which shows the adoption: the issue page is the office's.
            own = next(link.opinion_id for link in links
                       if any(a.member_id == member_id for a in link.opinion.authors.all()))
            _add(out, member_id, {
                "ref": f"{source}:{row.pk}", "source": source, "date": day.isoformat(),
                "title": title, "level": row.level, "role": "combined" if combined else "author",
                "role_label": (f"综合稿作者（份额{part}）" if combined or part != 1
                               else "作者"),
                "share": str(part), "url": reverse("opinions:detail", args=[own])})
    return out


def _speeches_and_reports(committee_id: int, member_ids: set[int] | None, start: date,
                          end: date) -> Batch:
    out: Batch = {}
    for s in _only(Speech.objects.filter(committee_id=committee_id).defer("body"),
                   "member_id", member_ids):
        day = _day(s.submitted_at)
        if start <= day <= end:
            _add(out, s.member_id, {
                "ref": f"speech:{s.pk}", "source": "speech", "date": day.isoformat(),
                "title": s.title, "status": s.status, "mode": s.mode, "role": "speaker",
                "role_label": f"发言人（{s.get_status_display()}）",
                "url": reverse("activities:speech", args=[s.pk])})
    reports = ResearchReport.objects.filter(committee_id=committee_id).defer("body")
    if member_ids is not None:
        ids = sorted(member_ids)
        reports = reports.filter(Q(authors__in=ids) | Q(group_members__in=ids)).distinct()
    ids_only = Member.objects.only("id")
    reports = reports.prefetch_related(Prefetch("authors", queryset=ids_only),
                                       Prefetch("group_members", queryset=ids_only))
    authored: dict[int, set[int]] = {}
    for r in reports:
        day = _day(r.submitted_at)
        if not start <= day <= end:
            continue
        writers = {a.pk for a in r.authors.all()}
        authored[r.pk] = writers
        people = writers | {g.pk for g in r.group_members.all()}
        for member_id in people if member_ids is None else people & member_ids:
            is_author = member_id in writers
            _add(out, member_id, {
                "ref": f"research_report:{r.pk}", "source": "research_report",
                "date": day.isoformat(), "title": r.title,
                "role": "author" if is_author else "group",
                "role_label": "执笔人" if is_author else "调研组成员",
                "url": reverse("activities:report", args=[r.pk])})
    if authored:
        for i in ReportInstruction.objects.filter(
                report__committee_id=committee_id, given_on__gte=start,
                given_on__lte=end).select_related("report").defer("report__body"):
            writers = authored.get(i.report_id, set())
            for member_id in writers if member_ids is None else writers & member_ids:
                _add(out, member_id, {
                    "ref": f"report_instruction:{i.pk}", "source": "report_instruction",
                    "date": i.given_on.isoformat(),
                    "title": f"《{i.report.title}》获{i.leader_name}批示", "level": i.level,
                    "role": "author", "role_label": "执笔人",
                    "url": reverse("activities:report", args=[i.report_id])})
    return out


def _selections(committee_id: int, member_ids: set[int] | None, start: date,
                end: date) -> Batch:
    """Key and excellent proposals among members' proposals (by the decision date)."""
    from django.apps import apps

    if not apps.is_installed("xieshang.supervision"):
        return {}
    from xieshang.supervision.models import ExcellentProposal, KeyProposal

    roles: dict[int, list[tuple[int, str]]] = {}
    for proposal_id, member_id, role in _only(
            Proposer.objects.filter(member__isnull=False, status="confirmed",
                                    proposal__committee_id=committee_id),
            "member_id", member_ids).values_list("proposal_id", "member_id", "role"):
        roles.setdefault(proposal_id, []).append((member_id, role))
    out: Batch = {}
    for model, source, label, states in (
            (KeyProposal, "key_proposal", "列为重点提案", ("approved", "completed")),
            (ExcellentProposal, "excellent_proposal", "评为优秀提案", ("approved",))):
        qs = model.objects.filter(committee_id=committee_id, status__in=states)
        if member_ids is not None:
            qs = qs.filter(proposal_id__in=sorted(roles))
        for row in qs.select_related("decision", "proposal").only(
                "proposal_id", "proposed_at", "decision__meeting_date", "proposal__title"):
            day = row.decision.meeting_date if row.decision else _day(row.proposed_at)
            if not start <= day <= end:
                continue
            for member_id, role in roles.get(row.proposal_id, []):
                _add(out, member_id, {
                    "ref": f"{source}:{row.pk}", "source": source, "date": day.isoformat(),
                    "title": f"《{row.proposal.title}》{label}", "role": role,
                    "role_label": PROPOSER_ROLES.get(role, role),
                    "url": reverse("proposals:detail", args=[row.proposal_id])})
    return out


def _annual_reports(committee_id: int, member_ids: set[int] | None, start: date,
                    end: date) -> Batch:
    out: Batch = {}
    for r in _only(AnnualReport.objects.filter(committee_id=committee_id, status="accepted")
                   .defer("text"), "member_id", member_ids):
        if start.year <= r.year <= end.year:
            _add(out, r.member_id, {
                "ref": f"annual_report:{r.pk}", "source": "annual_report",
                "date": _iso(r.submitted_at or r.updated_at),
                "title": f"{r.year}年度常委履职报告", "role": "author", "role_label": "报告人",
                "url": reverse("appraisal:annual_report", args=[r.pk])})
    return out


SOURCES = (_proposals, _opinions, _credited, _speeches_and_reports, _selections,
           _annual_reports)


def _finish(entries: list[dict], fixes: dict[str, list[dict]]) -> list[dict]:
    for e in entries:
        if e["ref"] in fixes:
            e["corrections"] = fixes[e["ref"]]
    entries.sort(key=lambda e: (e["date"], e["ref"]))
    return entries


def entries_by_member(committee_id: int, start: date, end: date) -> Batch:
    """Return every member's record entries between two days, oldest first, in a number of
    queries that does not grow with the number of members (for computing an appraisal).

    The same entries `member_entries` gives for each member: both run the same source
    functions, one for all members, the other restricted to one.
    """
    out = attendance_by_member(committee_id, start, end)
    for source in SOURCES:
        for member_id, entries in source(committee_id, None, start, end).items():
            out.setdefault(member_id, []).extend(entries)
    fixes = _corrections(committee_id, None)
    return {member_id: _finish(entries, fixes.get(member_id, {}))
            for member_id, entries in out.items()}


def member_entries(member: Member, start: date, end: date) -> list[dict]:
    """Return every record entry of the member between two days, oldest first."""
    cid, only = member.committee_id, {member.pk}
    entries = _attendance(cid, member, start, end)
    for source in SOURCES:
        entries += source(cid, only, start, end).get(member.pk, [])
    return _finish(entries, _corrections(cid, only).get(member.pk, {}))
