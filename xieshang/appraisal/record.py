"""The member's living record (一届一人一档), built each time from the other apps' rows.

Nothing here is typed in twice: attendance comes from `activities.selectors.member_attendance`,
proposals from their proposer rows, 社情民意 from their authors, adoptions and instructions with
the opinions app's credit shares, and so on. Each entry says what, when, in which role, and links
to the record it came from; `scoring.compute` reads the same entries.
"""

from datetime import UTC, date, datetime

from django.db.models import Count, Q
from django.urls import reverse

from xieshang.activities import selectors as activity_selectors
from xieshang.activities.models import (
    Activity,
    ActivityKind,
    LeaveRequest,
    Participant,
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


def _corrections(committee_id: int, member_id: int) -> dict[str, list[dict]]:
    """Return the answered questions that corrected a source record, by entry reference."""
    out: dict[str, list[dict]] = {}
    for q in Question.objects.filter(committee_id=committee_id, member_id=member_id,
                                     status="answered").exclude(correction={}):
        ref = q.correction.get("ref") or q.entry_ref
        out.setdefault(ref, []).append({
            "question_id": q.pk, "asked_on": _iso(q.asked_at),
            "answered_on": _iso(q.answered_at), "answer": q.answer,
            "summary": q.correction.get("summary", "")})
    return out


KIND_LABELS = dict(ActivityKind.choices)


def _attendance_entry(activity_id, title, type_name, kind, day: date, state: str,
                      url: str | None = None) -> dict:
    role = "participant" if state == "attended" else "expected"
    label = STATE_LABELS.get(state, state)
    return {
        "ref": f"attendance:{activity_id}", "source": "attendance", "date": day.isoformat(),
        "title": title, "type": type_name, "kind": kind,
        "kind_label": KIND_LABELS.get(kind, kind), "state": state,
        "state_label": label, "role": role,
        "role_label": f"{'参加者' if role == 'participant' else '应参加'}（{label}）",
        "url": url or reverse("activities:detail", args=[activity_id])}


def _attendance(committee_id: int, member: Member, start: date, end: date) -> list[dict]:
    rows = activity_selectors.member_attendance(committee_id=committee_id, member_id=member.pk)
    out = []
    for r in rows:
        day = _day(r["start"])
        if start <= day <= end:
            out.append(_attendance_entry(r["activity_id"], r["title"], r["type"], r["kind"],
                                         day, r["state"]))
    return out


def attendance_by_member(committee_id: int, start: date, end: date) -> dict[int, list[dict]]:
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
    expected = set(Participant.objects.filter(activity_id__in=acts)
                   .values_list("activity_id", "member_id"))
    signed = set(SignIn.objects.filter(activity_id__in=acts)
                 .values_list("activity_id", "member_id"))
    leaves = {(lv.activity_id, lv.member_id): lv for lv in LeaveRequest.objects.filter(
        activity_id__in=acts).exclude(status=LeaveStatus.WITHDRAWN)
        .order_by("requested_at", "id")}
    now = clock.now()
    urls = {pk: reverse("activities:detail", args=[pk]) for pk in acts}
    days = {pk: _day(a.start) for pk, a in acts.items()}
    out: dict[int, list[dict]] = {}
    for activity_id, member_id in sorted(expected | signed,
                                         key=lambda p: (acts[p[0]].start, p[0])):
        a = acts[activity_id]
        # The state rule is the activities app's own (sign-in, approved leave, ended).
        state = activity_selectors._state(now, a, (activity_id, member_id) in signed,
                                          leaves.get((activity_id, member_id)))
        out.setdefault(member_id, []).append(_attendance_entry(
            a.pk, a.title, a.type.name, a.type.kind, days[a.pk], state, urls[a.pk]))
    return out


def _proposals(committee_id: int, member: Member, start: date, end: date) -> list[dict]:
    rows = list(Proposer.objects.filter(member=member, status="confirmed",
                                        proposal__committee_id=committee_id)
                .exclude(proposal__status__in=["draft", "withdrawn"])
                .select_related("proposal"))
    ids = [r.proposal_id for r in rows]
    counts = dict(Proposer.objects.filter(proposal_id__in=ids, member__isnull=False,
                                          status="confirmed")
                  .values("proposal_id").annotate(n=Count("id")).values_list("proposal_id", "n"))
    out = []
    for r in rows:
        p = r.proposal
        moment = p.submitted_at or p.created_at
        day = _day(moment)
        if not start <= day <= end:
            continue
        outcome = ("accepted" if p.status == "accepted" else
                   "pending" if p.status in ("submitted", "first_reviewed", "returned") else
                   "not_accepted")
        entry = {
            "ref": f"proposal:{p.pk}:{r.role}", "source": "proposal", "date": day.isoformat(),
            "title": p.title, "number": p.official_number or p.receipt_number,
            "role": r.role, "role_label": PROPOSER_ROLES.get(r.role, r.role),
            "members": counts.get(p.pk, 1), "outcome": outcome,
            "outcome_label": p.get_status_display(),
            "url": reverse("proposals:detail", args=[p.pk])}
        if p.status == "converted":
            entry["excluded"] = "已转为社情民意等渠道，不重复计分"
        out.append(entry)
    return out


def _opinions(committee_id: int, member: Member, start: date, end: date) -> list[dict]:
    authors = list(Author.objects.filter(member=member, opinion__committee_id=committee_id)
                   .exclude(opinion__status="draft")
                   .select_related("opinion").annotate(n=Count("opinion__authors")))
    out = []
    for a in authors:
        o = a.opinion
        if o.first_submitted_at is None:
            continue
        day = _day(o.first_submitted_at)
        if not start <= day <= end:
            continue
        out.append({
            "ref": f"opinion:{o.pk}", "source": "opinion", "date": day.isoformat(),
            "title": o.title, "role": "first" if a.position == 0 else "co",
            "role_label": "作者" if a.n == 1 else ("第一作者" if a.position == 0 else "联名作者"),
            "members": a.n, "used": o.status in USED, "status_label": o.get_status_display(),
            "url": reverse("opinions:detail", args=[o.pk])})
    return out


def _credited(committee_id: int, member: Member, start: date, end: date) -> list[dict]:
    """Adoptions and instructions of the entries (单篇 or 综合) built from the member's items."""
    config = OpinionConfig.objects.filter(committee_id=committee_id).first()
    rule = config.credit_rule if config else OpinionConfig.CreditRule.EQUAL
    adoptions = list(Adoption.objects.filter(
        committee_id=committee_id, entry__links__opinion__authors__member=member,
        adopted_on__gte=start, adopted_on__lte=end).distinct()
        .select_related("entry").prefetch_related("entry__links__opinion__authors"))
    instructions = list(Instruction.objects.filter(
        committee_id=committee_id, entry__links__opinion__authors__member=member,
        given_on__gte=start, given_on__lte=end).distinct()
        .select_related("entry").prefetch_related("entry__links__opinion__authors"))
    out = []
    for row, source in [(a, "opinion_adoption") for a in adoptions] + \
                       [(i, "opinion_instruction") for i in instructions]:
        entry = row.entry
        credits = entry_credits(entry, rule)
        part = sum((c[3] for c in credits if c[1] == member.pk), start=0)
        combined = len(entry.links.all()) > 1
        role = "combined" if combined else "author"
        if source == "opinion_adoption":
            title = f"《{entry.title}》被{row.body}采用（{LEVEL_LABELS[row.level]}）"
            day = row.adopted_on
        else:
            title = f"《{entry.title}》获{row.leader_name}批示（{LEVEL_LABELS[row.level]}）"
            day = row.given_on
        out.append({
            "ref": f"{source}:{row.pk}", "source": source, "date": day.isoformat(),
            "title": title, "level": row.level, "role": role,
            "role_label": (f"综合稿作者（份额{part}）" if combined or part != 1
                           else "作者"),
            "share": str(part), "url": reverse("opinions:issue", args=[entry.issue_id])})
    return out


def _speeches_and_reports(committee_id: int, member: Member, start: date,
                          end: date) -> list[dict]:
    out = []
    for s in Speech.objects.filter(committee_id=committee_id, member=member):
        day = _day(s.submitted_at)
        if start <= day <= end:
            out.append({"ref": f"speech:{s.pk}", "source": "speech", "date": day.isoformat(),
                        "title": s.title, "status": s.status, "mode": s.mode,
                        "role": "speaker", "role_label": f"发言人（{s.get_status_display()}）",
                        "url": reverse("activities:speech", args=[s.pk])})
    reports = (ResearchReport.objects.filter(committee_id=committee_id)
               .filter(Q(authors=member) | Q(group_members=member)).distinct()
               .prefetch_related("authors"))
    authored = set()
    for r in reports:
        day = _day(r.submitted_at)
        if not start <= day <= end:
            continue
        is_author = any(a.pk == member.pk for a in r.authors.all())
        if is_author:
            authored.add(r.pk)
        out.append({"ref": f"research_report:{r.pk}", "source": "research_report",
                    "date": day.isoformat(), "title": r.title,
                    "role": "author" if is_author else "group",
                    "role_label": "执笔人" if is_author else "调研组成员",
                    "url": reverse("activities:report", args=[r.pk])})
    for i in ReportInstruction.objects.filter(report_id__in=authored, given_on__gte=start,
                                              given_on__lte=end).select_related("report"):
        out.append({"ref": f"report_instruction:{i.pk}", "source": "report_instruction",
                    "date": i.given_on.isoformat(),
                    "title": f"《{i.report.title}》获{i.leader_name}批示", "level": i.level,
                    "role": "author", "role_label": "执笔人",
                    "url": reverse("activities:report", args=[i.report_id])})
    return out


def _selections(committee_id: int, member: Member, start: date, end: date) -> list[dict]:
    """Key and excellent proposals among the member's proposals (by the decision date)."""
    from django.apps import apps

    if not apps.is_installed("xieshang.supervision"):
        return []
    from xieshang.supervision.models import ExcellentProposal, KeyProposal

    roles = dict(Proposer.objects.filter(member=member, status="confirmed",
                                         proposal__committee_id=committee_id)
                 .values_list("proposal_id", "role"))
    out = []
    for model, source, label, states in (
            (KeyProposal, "key_proposal", "列为重点提案", ("approved", "completed")),
            (ExcellentProposal, "excellent_proposal", "评为优秀提案", ("approved",))):
        for row in (model.objects.filter(committee_id=committee_id, proposal_id__in=roles,
                                         status__in=states)
                    .select_related("decision", "proposal")):
            day = row.decision.meeting_date if row.decision else _day(row.proposed_at)
            if not start <= day <= end:
                continue
            role = roles[row.proposal_id]
            out.append({"ref": f"{source}:{row.pk}", "source": source,
                        "date": day.isoformat(), "title": f"《{row.proposal.title}》{label}",
                        "role": role, "role_label": PROPOSER_ROLES.get(role, role),
                        "url": reverse("proposals:detail", args=[row.proposal_id])})
    return out


def _annual_reports(committee_id: int, member: Member, start: date, end: date) -> list[dict]:
    out = []
    for r in AnnualReport.objects.filter(committee_id=committee_id, member=member,
                                         status="accepted"):
        if start.year <= r.year <= end.year:
            out.append({"ref": f"annual_report:{r.pk}", "source": "annual_report",
                        "date": _iso(r.submitted_at or r.updated_at),
                        "title": f"{r.year}年度常委履职报告", "role": "author",
                        "role_label": "报告人",
                        "url": reverse("appraisal:annual_report", args=[r.pk])})
    return out


def present_members(committee_id: int) -> dict[str, set[int]]:
    """Return, per source, the members who have any row there at all, so that scoring a whole
    committee skips the queries that would find nothing."""
    from django.apps import apps

    proposers = set(Proposer.objects.filter(proposal__committee_id=committee_id,
                                            member__isnull=False, status="confirmed")
                    .values_list("member_id", flat=True))
    selected: set[int] = set()
    if apps.is_installed("xieshang.supervision"):
        from xieshang.supervision.models import ExcellentProposal, KeyProposal

        chosen = {*KeyProposal.objects.filter(committee_id=committee_id)
                  .values_list("proposal_id", flat=True),
                  *ExcellentProposal.objects.filter(committee_id=committee_id)
                  .values_list("proposal_id", flat=True)}
        selected = set(Proposer.objects.filter(proposal_id__in=chosen, member__isnull=False)
                       .values_list("member_id", flat=True))
    authors = set(Author.objects.filter(opinion__committee_id=committee_id,
                                        member__isnull=False)
                  .values_list("member_id", flat=True))
    credited = set(Author.objects.filter(opinion__committee_id=committee_id,
                                         member__isnull=False,
                                         opinion__entry_link__isnull=False)
                   .values_list("member_id", flat=True))
    speakers = set(Speech.objects.filter(committee_id=committee_id)
                   .values_list("member_id", flat=True))
    writers = {*ResearchReport.authors.through.objects.filter(
        researchreport__committee_id=committee_id).values_list("member_id", flat=True),
        *ResearchReport.group_members.through.objects.filter(
        researchreport__committee_id=committee_id).values_list("member_id", flat=True)}
    return {"proposals": proposers, "selections": selected, "opinions": authors,
            "credited": credited, "speeches": speakers | writers,
            "annual": set(AnnualReport.objects.filter(committee_id=committee_id)
                          .values_list("member_id", flat=True)),
            "questions": set(Question.objects.filter(committee_id=committee_id,
                                                     status="answered")
                             .values_list("member_id", flat=True))}


def member_entries(member: Member, start: date, end: date,
                   attendance: list[dict] | None = None,
                   present: dict[str, set[int]] | None = None) -> list[dict]:
    """Return every record entry of the member between two days, oldest first.

    `attendance`, when given, is the member's part of `attendance_by_member` for the days;
    `present`, from `present_members`, lets sources where the member has nothing be skipped.
    """
    cid = member.committee_id

    def has(source: str) -> bool:
        return present is None or member.pk in present[source]

    if attendance is None:
        attendance = _attendance(cid, member, start, end)
    entries = list(attendance)
    if has("proposals"):
        entries += _proposals(cid, member, start, end)
    if has("opinions"):
        entries += _opinions(cid, member, start, end)
    if has("credited"):
        entries += _credited(cid, member, start, end)
    if has("speeches"):
        entries += _speeches_and_reports(cid, member, start, end)
    if has("selections"):
        entries += _selections(cid, member, start, end)
    if has("annual"):
        entries += _annual_reports(cid, member, start, end)
    fixes = _corrections(cid, member.pk) if has("questions") else {}
    for e in entries:
        if e["ref"] in fixes:
            e["corrections"] = fixes[e["ref"]]
    entries.sort(key=lambda e: (e["date"], e["ref"]))
    return entries
