"""Reads: rule versions, appraisals and results, a member's record page, flags, questions,
annual reports, and the preview of a rule change."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Min, Q

from xieshang.core import clock
from xieshang.organization.models import Member, Membership, Term

from . import explain, record, scoring
from .models import (
    CORRECTION_SOURCE,
    AnnualReport,
    Appraisal,
    AppraisalEvent,
    AppraisalSettings,
    Confirmation,
    CorrectionKind,
    Question,
    Result,
    RuleSet,
    Scope,
    StatusDecision,
)
from .rules import SOURCE_LABELS
from .workflow import AppraisalStatus


def appraisal_settings(committee_id: int) -> AppraisalSettings:
    """Return the committee's settings, the defaults (no ranking) if none were saved."""
    row = AppraisalSettings.objects.filter(committee_id=committee_id).first()
    return row or AppraisalSettings(committee_id=committee_id)


def year_choices(*, committee_id: int, member: Member | None = None,
                 shown: int | None = None) -> list[int]:
    """Return the years a page offers, newest first: from the committee's earliest term (or
    the member's first seat) to this year, and the year shown if it lies outside."""
    this_year = clock.today().year
    if member is not None:
        first = (Membership.objects.filter(member=member)
                 .aggregate(d=Min("term__start_date"))["d"])
    else:
        first = Term.objects.filter(committee_id=committee_id).aggregate(
            d=Min("start_date"))["d"]
    start = min(first.year, this_year) if first else this_year
    years = list(range(this_year, start - 1, -1))
    if shown is not None and shown not in years:
        years = sorted({*years, shown}, reverse=True)
    return years


def rule_sets(*, committee_id: int, year: int | None = None):
    qs = RuleSet.objects.filter(committee_id=committee_id).select_related("created_by")
    return qs.filter(year=year) if year else qs


def current_rule_set(*, committee_id: int, year: int) -> RuleSet | None:
    """Return the latest version of the year's rules, or None."""
    return rule_sets(committee_id=committee_id, year=year).order_by("-version").first()


def earlier_rule_set(*, committee_id: int, year: int) -> RuleSet | None:
    """Return the latest version of the nearest earlier year's rules: where a new year's
    rules start from."""
    return (RuleSet.objects.filter(committee_id=committee_id, year__lt=year)
            .order_by("-year", "-version").first())


def published_for_year(*, committee_id: int, year: int) -> Appraisal | None:
    """Return the published appraisal of the year (the year appraisal first, else a term
    appraisal to the year's end), or None: the year's rules are then closed."""
    return (Appraisal.objects.filter(committee_id=committee_id, year=year,
                                     status=AppraisalStatus.PUBLISHED)
            .select_related("rule_set").order_by("-scope").first())


def appraisal_list(*, committee_id: int, year: int | None = None):
    qs = Appraisal.objects.filter(committee_id=committee_id).select_related("rule_set", "term")
    return qs.filter(year=year) if year else qs


def published(*, committee_id: int, year: int, scope: str = Scope.YEAR) -> Appraisal | None:
    """Return the published (not superseded) appraisal of the period, or None."""
    return (Appraisal.objects.filter(committee_id=committee_id, year=year, scope=scope,
                                     status=AppraisalStatus.PUBLISHED)
            .select_related("rule_set", "term").first())


def latest_published_year(*, committee_id: int, scope: str = Scope.YEAR) -> int | None:
    """Return the latest year with a published appraisal of the scope, or None."""
    return (Appraisal.objects.filter(committee_id=committee_id, scope=scope,
                                     status=AppraisalStatus.PUBLISHED)
            .order_by("-year").values_list("year", flat=True).first())


def draft(*, committee_id: int, year: int, scope: str = Scope.YEAR) -> Appraisal | None:
    return (Appraisal.objects.filter(committee_id=committee_id, year=year, scope=scope,
                                     status=AppraisalStatus.DRAFT)
            .select_related("rule_set", "term").first())


def results(*, appraisal: Appraisal, ranked: bool | None = None) -> list[Result]:
    """Return the appraisal's results in 姓氏笔画 order, or — when the committee shows
    rankings — highest score first with `rank` (an order by score is itself a ranking)."""
    if ranked is None:
        ranked = appraisal_settings(appraisal.committee_id).show_ranking
    order = (("-score", "member__name_key", "member__code") if ranked
             else ("member__name_key", "member__code"))
    rows = list(appraisal.results.select_related("member", "membership__sector")
                .order_by(*order))
    last, rank = None, 0
    for n, r in enumerate(rows, 1):
        if r.score != last:
            rank, last = n, r.score
        r.rank = rank if ranked else None
    return rows


def grade_counts(rows: list[Result], rules: dict) -> list[tuple[str, int]]:
    return [(g["label"], sum(1 for r in rows if r.grade == g["key"])) for g in rules["grades"]]


def flagged(*, appraisal: Appraisal) -> list[dict]:
    """Return the results reaching an absence threshold or the low-score line, with the
    decisions already recorded on each member."""
    rows = [r for r in results(appraisal=appraisal, ranked=False) if r.flags]
    decisions: dict[int, list] = {}
    for d in StatusDecision.objects.filter(committee_id=appraisal.committee_id,
                                           member_id__in=[r.member_id for r in rows]):
        decisions.setdefault(d.member_id, []).append(d)
    return [{"result": r, "decisions": decisions.get(r.member_id, []),
             "suggested": _most_severe(r.flags)} for r in rows]


SEVERITY = {"talk": 1, "persuade": 2, "revoke": 3}


def _most_severe(flags: list[dict]) -> str:
    return max((f["action"] for f in flags), key=lambda a: SEVERITY[a], default="talk")


def decisions_by_member(*, appraisal: Appraisal) -> dict[int, list[StatusDecision]]:
    """Return, by member, the decisions taken on the appraised seats for this period: those
    citing an appraisal of the year (any revision or scope), and those citing none that were
    decided in the year or the next."""
    rows = (StatusDecision.objects.filter(
        committee_id=appraisal.committee_id, membership__term_id=appraisal.term_id)
        .filter(Q(appraisal__year=appraisal.year)
                | Q(appraisal__isnull=True,
                    decided_on__year__in=[appraisal.year, appraisal.year + 1]))
        .order_by("decided_on", "id"))
    out: dict[int, list[StatusDecision]] = {}
    for d in rows:
        out.setdefault(d.member_id, []).append(d)
    return out


def open_questions(*, committee_id: int):
    return (Question.objects.filter(committee_id=committee_id, status="open")
            .select_related("member").order_by("asked_at", "id"))


# The input naming the source row to correct, per record source.
TARGET_FIELDS = {"attendance": ("activity_id", "活动编号"), "proposal": ("proposal_id", "提案编号"),
                 "opinion": ("opinion_id", "社情民意编号")}


def answer_options(question: Question) -> dict:
    """Return the corrections offered when answering a question: those of the questioned
    entry's source (its record prefilled by default), all of them for a question that points
    at no entry, none for sources without a correction service."""
    source, _, rest = question.entry_ref.partition(":")
    if question.entry_ref and source not in TARGET_FIELDS:
        return {"kinds": [], "fields": []}
    sources = [source] if question.entry_ref else list(TARGET_FIELDS)
    default = rest.split(":")[0] if question.entry_ref else ""
    return {"kinds": [(k, label) for k, label in CorrectionKind.choices
                      if CORRECTION_SOURCE[k] in sources],
            "fields": [(*TARGET_FIELDS[s], default) for s in sources]}


def open_questions_with_options(*, committee_id: int) -> list[tuple[Question, dict]]:
    return [(q, answer_options(q)) for q in open_questions(committee_id=committee_id)]


def question_list(*, committee_id: int, year: int | None = None):
    qs = Question.objects.filter(committee_id=committee_id).select_related("member",
                                                                            "answered_by")
    return qs.filter(year=year) if year else qs


def annual_reports(*, committee_id: int, year: int | None = None, status: str | None = None):
    qs = AnnualReport.objects.filter(committee_id=committee_id).select_related("member")
    if year:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    return qs


def decisions(*, committee_id: int, year: int | None = None):
    qs = StatusDecision.objects.filter(committee_id=committee_id).select_related(
        "member", "membership__term")
    return qs.filter(decided_on__year=year) if year else qs


@dataclass
class MemberRecord:
    member: Member
    membership: Membership | None
    year: int
    scope: str
    entries: list[dict]
    sections: list[tuple[str, list[dict]]]
    live: dict | None = None
    rule_set: RuleSet | None = None
    result: Result | None = None
    appraisal: Appraisal | None = None
    questions: list = field(default_factory=list)
    confirmations: list = field(default_factory=list)
    decisions: list = field(default_factory=list)
    annual_report: AnnualReport | None = None
    timeline: list = field(default_factory=list)
    # Whether the live trial is shown beside the published result, and how it is labelled.
    live_shown: bool = False
    live_note: str = ""
    # From when the member may confirm the period's record, and whether that day has come.
    confirm_opens: date | None = None
    can_confirm: bool = False
    pending: int = 0


def standing_years(member: Member, today_year: int, span: int = 8) -> list[int]:
    """The years, newest first, among the last `span` up to today's, in which the member held a
    常委 seat: those for which an annual report is due."""
    seats = (Membership.objects.filter(member=member, is_standing=True,
                                       term__start_date__year__lte=today_year)
             .select_related("term"))
    candidates = set()
    for seat in seats:
        last = min(today_year, seat.term.end_date.year if seat.term.end_date else today_year)
        candidates.update(range(max(seat.term.start_date.year, today_year - span + 1), last + 1))
    # A year shared by two terms belongs to the one term_of_year gives it.
    return [year for year in sorted(candidates, reverse=True)
            if (seat := record.membership_of(member, year)) is not None and seat.is_standing]


def record_year(member: Member, today_year: int) -> int:
    """Return the year a record page opens on: this year, or the last year of the latest seat.

    A member whose term has ended (or whose only seat is in the past) would otherwise open on an
    empty year.
    """
    if record.membership_of(member, today_year) is not None:
        return today_year
    latest = (Membership.objects.filter(member=member, term__start_date__year__lte=today_year)
              .select_related("term").order_by("-term__start_date").first())
    if latest is None:
        return today_year
    end = latest.term.end_date
    return min(today_year, end.year) if end else today_year


def confirmation_opens(*, committee_id: int, term: Term, year: int) -> date:
    """Return the first day a member may confirm the year's record: the day after the year
    (or the term, if it ends earlier) ends, brought forward by the committee's setting."""
    _, end = record.period_bounds(term, year)
    days = appraisal_settings(committee_id).confirm_days_before_end
    return end + timedelta(days=1) - timedelta(days=days)


def _live_label(rule_set: RuleSet, published_with: Appraisal | None) -> str:
    """Say what the live trial is: a running estimate, or how it differs from the result
    published with `published_with`."""
    if published_with is None:
        return (f"《{rule_set.name}》第{rule_set.version}版，随记录实时更新，仅供参考")
    if rule_set.pk != published_with.rule_set_id:
        return f"公布后考评办法已修改，以下为按第{rule_set.version}版试算，不影响已公布结果"
    return f"公布后档案记录有变化，以下为按现行第{rule_set.version}版试算，不影响已公布结果"


def member_record(*, member: Member, year: int, scope: str = Scope.YEAR) -> MemberRecord:
    """Return the member's record for the year (or the term to the year's end): entries by
    source, the live score under the year's current rules, the published result if any, and
    the questions, confirmations, decisions and annual report of the member."""
    seat = record.membership_of(member, year)
    cid = member.committee_id
    if seat is None:
        return MemberRecord(member, None, year, scope, [], [])
    start, end = record.period_bounds(seat.term, year, scope)
    term_start, _ = record.period_bounds(seat.term, year, "term")
    term_entries = record.member_entries(member, term_start, end)
    entries = [e for e in term_entries if start.isoformat() <= e["date"] <= end.isoformat()]
    sections = [(label, [e for e in entries if e["source"] == source])
                for source, label in SOURCE_LABELS.items()]
    rule_set = current_rule_set(committee_id=cid, year=year)
    live = (scoring.compute(rule_set.rules, entries, is_standing=seat.is_standing,
                            term_entries=term_entries) if rule_set else None)
    appraisal = published(committee_id=cid, year=year, scope=scope)
    result = appraisal.results.filter(member=member).first() if appraisal else None
    if result is not None:  # read only: a published result is never saved again
        result.breakdown = explain.complete(result.breakdown, appraisal.rule_set.rules)
    # Beside a published result the trial shows only what differs from it.
    live_shown = bool(live) and (result is None
                                 or not explain.same_result(result.breakdown, live))
    opens = confirmation_opens(committee_id=cid, term=seat.term, year=year)
    return MemberRecord(
        member=member, membership=seat, year=year, scope=scope, entries=entries,
        sections=[s for s in sections if s[1]], live=live, rule_set=rule_set, result=result,
        appraisal=appraisal,
        questions=list(Question.objects.filter(member=member, year=year)
                       .select_related("answered_by")),
        confirmations=list(Confirmation.objects.filter(member=member, year=year)),
        decisions=list(StatusDecision.objects.filter(member=member)),
        annual_report=AnnualReport.objects.filter(member=member, year=year).first(),
        timeline=list(AppraisalEvent.objects.filter(committee_id=cid, member=member)
                      .select_related("actor")),
        live_shown=live_shown,
        live_note=_live_label(rule_set, appraisal if result else None) if live_shown else "",
        confirm_opens=opens, can_confirm=clock.today() >= opens,
        pending=sum(1 for e in entries if e.get("state") == "pending"))


@dataclass
class PreviewRow:
    member: Member
    before: Decimal | None
    after: Decimal
    grade_before: str
    grade_after: str

    @property
    def delta(self) -> Decimal | None:
        return None if self.before is None else self.after - self.before


def preview_summary(rows: list[PreviewRow], grade_labels: list[str]) -> dict:
    """Return how a rule change moves the year: members changed and counts per grade."""
    labels = list(dict.fromkeys([*grade_labels, *(r.grade_before for r in rows
                                                 if r.grade_before)]))
    return {"members": len(rows), "changed": [r for r in rows if r.delta],
            "grades": [(g, sum(1 for r in rows if r.grade_before == g),
                        sum(1 for r in rows if r.grade_after == g)) for g in labels]}


def preview(*, committee_id: int, year: int, rules: dict) -> list[PreviewRow]:
    """Return every appraised member's score under the given (edited) rules beside the score
    under the year's current rules; nothing is saved."""
    from .services import appraised_memberships, period_entries

    term = record.term_of_year(committee_id, year)
    if term is None:
        return []
    current = current_rule_set(committee_id=committee_id, year=year)
    term_start, end = record.period_bounds(term, year, "term")
    batch = record.entries_by_member(committee_id, term_start, end)
    rows = []
    for seat in appraised_memberships(committee_id, term, year):
        entries, term_entries = period_entries(membership=seat, year=year, batch=batch)
        after = scoring.compute(rules, entries, is_standing=seat.is_standing,
                                term_entries=term_entries)
        before = (scoring.compute(current.rules, entries, is_standing=seat.is_standing,
                                  term_entries=term_entries) if current else None)
        rows.append(PreviewRow(seat.member, Decimal(before["score"]) if before else None,
                               Decimal(after["score"]),
                               before["grade_label"] if before else "",
                               after["grade_label"]))
    rows.sort(key=lambda r: (-(abs(r.delta) if r.delta is not None else 0), r.member.code))
    return rows
