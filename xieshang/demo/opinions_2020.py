"""Step: 社情民意 of 2020 — items written, checked, edited, compiled into 《社情民意》, signed off,
sent, adopted and instructed on, all through `xieshang.opinions.services`.

116 items are drafted and submitted through the year (members, some with co-authors; parties
and people's organisations; special committees; two invited information officers) and the 15
proposals converted in review arrive on their own. `demo-info` checks them (most 录用, some
留存·未录用, a few returned and resubmitted), edits the used ones and compiles them about twice
a month into 《社情民意》 (single articles, and combined ones where several items raise the same
matter); `demo-info2` signs every issue off (the editor may not) and `demo-info` sends it to the
市委办公室, 市政府办公室, 省政协办公厅 and the departments concerned. Adoptions at several levels
and leaders' 批示 follow in a second pass once the articles exist.
"""

from datetime import date, datetime, timedelta

from xieshang.core.calendar import WorkCalendar
from xieshang.opinions import services
from xieshang.opinions.models import Entry, Opinion, SourceKind

from .context import DemoContext, DemoMember
from .opinion_replay import (
    ADOPTERS,
    INSTRUCTION_TEXTS,
    LEADERS,
    Desk,
    fill_issue,
    item_texts,
    leader_name,
    local,
    queue_check,
    queue_return,
    queue_sign_send,
    recipients,
    source,
)
from .opinion_texts import SUBJECTS, Subject
from .opinions_followup_2020 import DraftFiles
from .timeline import Moments, Timeline

YEAR = 2020
# Who submits the 116 items of 2020.
SOURCES = (("member", 60), ("joint", 20), ("party", 16), ("group", 6),
           ("special_committee", 8), ("reporter", 6))
RETURNED, KEPT_SHARE = 6, 0.14
# Months in which a matter can come up (the epidemic early in the year, the flood in summer).
MONTHS = {"epidemic_small_business": (2, 3, 4), "online_teaching": (2, 3, 4),
          "mask_supply": (1, 2, 3), "farm_produce_sales": (2, 3, 4, 5),
          "elderly_smartphone": (3, 4, 5, 6, 9, 10, 11), "flood_relief": (7, 8, 9),
          "wild_swimming": (5, 6, 7, 8), "youth_mental": (5, 6, 9, 10, 11),
          "street_vendors": (6, 7, 8, 9)}
SUBJECT_BY_KEY = {s.key: s for s in SUBJECTS}


def _issue_days() -> list[date]:
    days = [date(YEAR, 1, 20)]
    for month in range(2, 13):
        days += [date(YEAR, month, 8), date(YEAR, month, 22)]
    return days + [date(YEAR, 12, 29)]


def _subjects_for(month: int) -> list[Subject]:
    return [s for s in SUBJECTS if month in MONTHS.get(s.key, range(1, 13))]


def load(ctx: DemoContext) -> None:
    rng = ctx.rng("opinions-2020")
    cal = WorkCalendar.for_committee(ctx.committee.pk)
    moments = Moments(rng, cal)
    timeline = Timeline()
    editor, signer = ctx.users["demo-info"], ctx.users["demo-info2"]
    desk = Desk()
    draft_files = DraftFiles(ctx)  # authors' survey files, on their own generator
    kinds = [k for k, n in SOURCES for _ in range(n)]
    rng.shuffle(kinds)
    returned = set(rng.sample(range(len(kinds)), RETURNED))
    weights = [m.activity for m in ctx.members]
    reporters = [ctx.users["demo-reporter1"], ctx.users["demo-reporter2"]]
    parties = [k for k in ctx.agents if k[0] == "party"]
    groups = [k for k in ctx.agents if k[0] == "group"]
    committees = [k for k in ctx.agents if k[0] == "special_committee"]
    # Submission days: spread over the year, somewhat more in spring (the epidemic).
    months = rng.choices(range(1, 12), weights=(6, 12, 12, 10, 9, 9, 10, 10, 9, 9, 8),
                         k=len(kinds))
    for n, (kind, month) in enumerate(zip(kinds, sorted(months), strict=True)):
        subject = rng.choice(_subjects_for(month))
        texts = item_texts(subject, rng)
        first = date(YEAR, month, 3 if month == 1 else 1)
        last = date(YEAR, month, 28)
        day = first + timedelta(days=rng.randint(0, (last - first).days))
        submitted = moments.member(day)
        created = submitted - timedelta(hours=rng.randint(2, 72))
        if kind in ("member", "joint"):
            lead: DemoMember = rng.choices(ctx.members, weights=weights)[0]
            co: list[DemoMember] = []
            if kind == "joint":
                peers = [m for m in ctx.members if m.sector == lead.sector and m is not lead]
                co = rng.sample(peers, k=min(len(peers), rng.randint(1, 3)))
            actor, args = source(ctx, "member", lead=lead, co_authors=co)
        elif kind in ("party", "group"):
            key = rng.choice(parties if kind == "party" else groups)
            actor, args = source(ctx, kind, body=key[1])
        elif kind == "special_committee":
            key = rng.choice(committees)
            actor, args = source(ctx, kind, body=key[1])
        else:
            actor, args = source(ctx, "reporter", reporter=reporters[n % 2])
        holder: dict = {}

        def create(actor=actor, args=args, texts=texts, subject=subject, holder=holder,
                   at=created):
            o = services.opinion_create(actor=actor, category_id=ctx.categories[
                subject.category].pk, consent_publication=rng.random() < 0.9, **args, **texts)
            holder["pk"] = o.pk
            draft_files(actor=actor, opinion=o, subject_key=subject.key, at=at)
            desk.subject[o.pk] = subject.key

        timeline.add(created, "opinion create", create)
        timeline.add(submitted, "opinion submit", lambda actor=actor, holder=holder:
                     services.opinion_submit(actor=actor, opinion_id=holder["pk"]))
        checked = moments.office_after(submitted, 1, 4)
        if n in returned:
            checked = queue_return(timeline, moments, rng, editor, actor, holder, checked)
        outcome = "keep" if rng.random() < KEPT_SHARE else "use"
        queue_check(timeline, moments, desk, editor, holder, checked, outcome, rng)

    # The 15 proposals converted to 社情民意 in review are already submitted items.
    converted = list(Opinion.objects.filter(committee=ctx.committee,
                                            source_kind=SourceKind.CONVERTED_PROPOSAL,
                                            first_submitted_at__year=YEAR).order_by("pk"))
    for o in converted:
        desk.subject[o.pk] = "converted"
        at = moments.office_after(local(o.submitted_at), 1, 5)
        outcome = "keep" if rng.random() < 0.3 else "use"
        queue_check(timeline, moments, desk, editor, {"pk": o.pk}, at, outcome, rng)

    for n, day in enumerate(_issue_days()):
        at = moments.office(day if cal.is_working_day(day) else cal.next_working_day(day))
        last = n == len(_issue_days()) - 1
        timeline.add(at, "issue", lambda at=at, last=last: _compile(
            ctx, rng, moments, desk, editor, signer, at, last))
    timeline.run()
    # Sign-off and sending were queued by the compiling closures on their own timeline.
    desk.later.run()
    followups = _adoptions(ctx, rng, moments, editor)
    stats = Opinion.objects.filter(committee=ctx.committee, first_submitted_at__year=YEAR)
    ctx.summary["opinions_2020"] = {"submitted": stats.count(), "issues": len(desk.issues),
                                    "author_files": draft_files.count, **followups}
    ctx.log(f"2020年社情民意：收到信息{stats.count()}篇（含提案转来15篇），编发《社情民意》"
            f"{len(desk.issues)}期，采用{followups['adoptions']}次，领导批示"
            f"{followups['instructions']}件")


def _compile(ctx, rng, moments, desk, editor, signer, at: datetime, last: bool) -> None:
    """Open an issue, put the waiting items in (combining items on one matter), approve it,
    and queue its sign-off and sending."""
    if not desk.ready:
        return
    take = len(desk.ready) if last else min(len(desk.ready), rng.randint(4, 6))
    batch, desk.ready = desk.ready[:take], desk.ready[take:]
    issue = services.issue_create(actor=editor, year=YEAR)
    departments = fill_issue(editor, issue.pk, batch, SUBJECT_BY_KEY,
                             lambda subject: f"多位委员反映：{subject.suggest}亟待加强")
    services.issue_set_recipients(actor=editor, issue_id=issue.pk,
                                  recipients=recipients(departments, rng.random() < 0.3))
    services.issue_approve(actor=editor, issue_id=issue.pk)
    desk.issues.append(issue.pk)
    queue_sign_send(desk.later, moments, signer, editor, lambda: issue.pk, at)


def _adoptions(ctx, rng, moments, editor) -> dict[str, int]:
    """Record adoptions (small numbers at higher levels) and leaders' 批示 on sent articles."""
    timeline = Timeline()
    entries = list(Entry.objects.filter(committee=ctx.committee, issue__year=YEAR)
                   .select_related("issue").prefetch_related("links__opinion").order_by("pk"))
    quota = {"city": 0.32, "province": 0.09, "national": 0.025, "media": 0.05}
    counts = {"adoptions": 0, "instructions": 0}
    end = datetime(YEAR, 12, 31, 17, 0)
    for entry in entries:
        sent = local(entry.issue.sent_at)
        kind = "combined" if entry.links.count() > 1 else "single"
        sources = [link.opinion for link in entry.links.all()]
        levels = [lv for lv, share in quota.items() if rng.random() < share]
        if any(o.source_kind == SourceKind.PARTY and o.party.kind == "party" for o in sources) \
                and rng.random() < 0.35:
            levels.append("party_system")
        for level in levels:
            body, reference = rng.choice(ADOPTERS[level])
            adopted = (sent + timedelta(days=rng.randint(4, 35))).date()
            recorded = moments.office_after(datetime.combine(adopted, sent.time()), 1, 4)
            if recorded > end:
                continue
            counts["adoptions"] += 1
            issue_no = rng.randint(10, 160)
            timeline.add(recorded, "adoption", lambda entry=entry, level=level, body=body,
                         adopted=adopted, kind=kind, ref=f"{reference}{YEAR}年第{issue_no}期":
                         services.adoption_record(actor=editor, entry_id=entry.pk, level=level,
                                                  kind=kind, adopted_on=adopted, body=body,
                                                  reference=ref))
        if "city" in levels and rng.random() < 0.45 or "province" in levels and \
                rng.random() < 0.5:
            level, title = rng.choice(LEADERS[:5] if "province" not in levels else LEADERS)
            given = (sent + timedelta(days=rng.randint(3, 20))).date()
            recorded = moments.office_after(datetime.combine(given, sent.time()), 1, 3)
            if recorded > end:
                continue
            subject_unit = next((s.recipient for s in SUBJECTS
                                 if s.suggest in entry.title or s.suggest in entry.text), "")
            unit = subject_unit or "有关部门"
            text = rng.choice(INSTRUCTION_TEXTS).format(unit=unit)
            name = leader_name(title)
            counts["instructions"] += 1
            timeline.add(recorded, "instruction", lambda entry=entry, level=level, title=title,
                         given=given, text=text, name=name, unit=subject_unit:
                         services.instruction_record(
                             actor=editor, entry_id=entry.pk, leader_name=name, level=level,
                             given_on=given, text=text, leader_title=title, transfer_to=unit))
    timeline.run()
    return counts
