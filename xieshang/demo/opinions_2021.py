"""Step: 社情民意 of January to mid-March 2021, up to the demo's "today" (Friday 19 March 2021,
17:40), through `xieshang.opinions.services` under `clock.at`; nothing after `TODAY` is done.

30 items are drafted and submitted by members (`demo-member` two of them), parties and people's
organisations through their agents (`demo-party` for 民盟), special committees and the two
invited information officers, on the matters of that winter (texts in `opinion_texts_2021.py`);
the two proposals of the 2021 session converted to 社情民意 in review arrive on their own.
`demo-info` checks them (录用, 留存, two returned: one revised and resubmitted, one still with its
author), edits the used ones and compiles them into 《社情民意》2021年第1–3期 (22 January, 8
February, 5 March), which `demo-info2` signs off and `demo-info` sends; two articles are adopted
in March and one gets the 市长's 批示. On "today" the office has work waiting: items to check,
one used item to edit and an edited one for the next issue, and 第4期, compiled on 18 March and
approved on the 19th, waiting for `demo-info2`'s sign-off.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from xieshang.core.calendar import WorkCalendar
from xieshang.opinions import services
from xieshang.opinions.models import Issue, Opinion, SourceKind
from xieshang.organization.models import Membership

from . import session_2021
from .context import DemoContext, DemoMember
from .opinion_replay import (
    INSTRUCTION_TEXTS,
    Desk,
    fill_issue,
    item_texts,
    leader_name,
    local,
    queue_check,
    queue_edit,
    queue_return,
    queue_sign_send,
    recipients,
    source,
)
from .opinion_texts_2021 import COMBINED, SUBJECT_BY_KEY
from .timeline import Moments, Timeline

YEAR = 2021
TODAY = session_2021.TODAY
# Logins whose pages the demo describes: none of them is drawn as a random author.
NAMED = ("demo-member", "demo-member2", "demo-party")

# Submission windows of the items of each issue: late enough before its compiling day for the
# check (1–3 working days) and the edit (0–2 more) to be done.
W1 = (date(2021, 1, 4), date(2021, 1, 14))
W2 = (date(2021, 1, 16), date(2021, 1, 29))
W3 = (date(2021, 2, 1), date(2021, 2, 25))
W4 = (date(2021, 3, 1), date(2021, 3, 10))
# Issue number -> compiling day. 第1–3期 are signed off and sent; 第4期 is compiled on 18 March,
# approved on the morning of "today" and waits for the sign-off.
ISSUES = {1: date(2021, 1, 22), 2: date(2021, 2, 8), 3: date(2021, 3, 5), 4: date(2021, 3, 18)}
LAST_APPROVED = datetime(2021, 3, 19, 9, 35)
EXTRA_RECIPIENTS = (2,)  # also sent to 市委统战部 and 全国政协办公厅信息局 (a 民盟 article)
# The office's queue on "today": an item checked on the 17th and edited on the 19th, too late
# for 第4期; one checked on the 19th and not yet edited.
EDIT_WAIT = (date(2021, 3, 17), date(2021, 3, 19))
USE_WAIT = date(2021, 3, 19)


@dataclass(frozen=True)
class Item:
    """One item: its matter, who submits it, when, what the office makes of it, and its issue.

    source: member, joint (a member with one or two co-authors of the same sector),
    demo-member, reporter1, reporter2, or kind:body with kind party, group or
    special_committee. outcome: use, keep, return (revised, resubmitted and used),
    open_return (still with the author), edit_wait, use_wait, or pending (not yet checked).
    """

    subject: str
    source: str
    window: tuple[date, date]
    outcome: str = "use"
    issue: int = 0
    name: str = ""  # named by ADOPTIONS and INSTRUCTION


PLAN = (
    # 第1期: written around the plenary (5–8 January) — the cold wave, 就地过年, wages.
    Item("winter_gas", "member", W1, issue=1),
    Item("winter_gas", "party:民建", W1, issue=1),
    Item("migrant_new_year", "joint", W1, issue=1),
    Item("cold_chain", "reporter1", W1, issue=1),
    Item("wage_arrears", "group:总工会", W1, issue=1),
    Item("rural_revival", "member", W1, "keep"),
    # 第2期: before the Spring Festival (11–17 February).
    Item("tutoring", "demo-member", W2, issue=2, name="demo-member"),
    Item("spring_travel", "member", (date(2021, 1, 16), date(2021, 1, 18)), "return", issue=2),
    Item("spring_travel", "reporter1", W2, issue=2),
    Item("vaccination", "member", W2, issue=2),
    Item("elderly_digital", "party:民盟", W2, issue=2),
    Item("migrant_new_year", "special_committee:社会和法制委员会", W2, issue=2),
    Item("cold_chain", "member", W2, "keep"),
    # 第3期: after the festival.
    Item("spring_farming", "special_committee:农业和农村委员会", W3, issue=3),
    Item("vaccination", "reporter2", W3, issue=3),
    Item("vaccination", "joint", W3, issue=3),
    Item("plan_14th", "party:九三学社", W3, issue=3),
    Item("elderly_digital", "member", W3, issue=3),
    Item("rural_revival", "party:农工党", W3, issue=3, name="rural"),
    Item("plan_14th", "member", W3, "keep"),
    # 第4期 (approved, not yet signed off on "today").
    Item("spring_farming", "joint", W4, issue=4),
    Item("tutoring", "member", W4, issue=4),
    Item("student_phone", "party:民进", W4, issue=4),
    Item("plan_14th", "special_committee:经济委员会", W4, issue=4),
    Item("elderly_digital", "reporter2", (date(2021, 3, 1), date(2021, 3, 4)), "open_return"),
    # The office's queue on "today".
    Item("vaccination", "member", (date(2021, 3, 11), date(2021, 3, 13)), "edit_wait"),
    Item("student_phone", "group:妇联", (date(2021, 3, 14), date(2021, 3, 16)), "use_wait"),
    Item("student_phone", "demo-member", (date(2021, 3, 17), date(2021, 3, 18)), "pending"),
    Item("tutoring", "member", (date(2021, 3, 17), date(2021, 3, 18)), "pending"),
    Item("vaccination", "party:民革", (date(2021, 3, 19), date(2021, 3, 19)), "pending"),
)
# Adoptions in March: (item, level, body, publication, adopted on).
ADOPTIONS = (("demo-member", "province", "省政协办公厅", "《社情民意》2021年第31期",
              date(2021, 3, 2)),
             ("rural", "city", "市委办公室", "《每日要情》2021年第46期", date(2021, 3, 10)))
# The 市长's 批示 on the adopted 乡村振兴 article, naming the department; recorded two days
# before "today", it is not yet transferred (转办).
INSTRUCTION = ("rural", "市长", date(2021, 3, 16), "市农业农村局")


def open_work(committee) -> dict[str, int]:
    """Count the 2021 items by state and the issues waiting for sign-off on TODAY."""
    items = Opinion.objects.filter(committee=committee, first_submitted_at__year=YEAR)
    counts = {status: items.filter(status=status).count() for status in (
        "submitted", "returned", "used", "kept", "edited", "compiled", "sent")}
    issues = Issue.objects.filter(committee=committee, year=YEAR)
    counts["issues_sent"] = issues.filter(status="sent").count()
    counts["issues_to_sign"] = issues.filter(status="approved").count()
    return counts


def _authors(ctx: DemoContext):
    """Return a function drawing a member author (and co-authors) among the active seats."""
    rng = ctx.rng("opinions-2021-authors")
    active = set(Membership.objects.filter(committee=ctx.committee, status="active")
                 .values_list("member_id", flat=True))
    named = {ctx.member_by_user(u).member.pk for u in NAMED}
    pool = [m for m in ctx.members if m.member.pk in active and m.member.pk not in named]
    weights = [m.activity for m in pool]

    def draw(joint: bool) -> tuple[DemoMember, list[DemoMember]]:
        lead = rng.choices(pool, weights=weights)[0]
        if not joint:
            return lead, []
        peers = [m for m in pool if m.sector == lead.sector and m is not lead]
        return lead, rng.sample(peers, k=min(len(peers), rng.randint(1, 2)))

    return draw


def _submitter(ctx: DemoContext, draw, spec: str):
    """Return who submits an item of `Item.source` and its source arguments."""
    if spec in ("member", "joint"):
        lead, co = draw(spec == "joint")
        return source(ctx, "member", lead=lead, co_authors=co)
    if spec == "demo-member":
        return source(ctx, "member", lead=ctx.member_by_user(spec))
    if spec.startswith("reporter"):
        return source(ctx, "reporter", reporter=ctx.users[f"demo-{spec}"])
    kind, body = spec.split(":")
    return source(ctx, kind, body=body)


def load(ctx: DemoContext) -> None:
    rng = ctx.rng("opinions-2021")
    cal = WorkCalendar.for_committee(ctx.committee.pk)
    moments = Moments(rng, cal)
    timeline = Timeline()
    editor, signer = ctx.users["demo-info"], ctx.users["demo-info2"]
    desk = Desk()  # its item -> matter map; the issues' batches are planned, not drawn
    draw = _authors(ctx)
    holders: dict[str, dict] = {}
    batches: dict[int, list[tuple[datetime, dict, str]]] = {n: [] for n in ISSUES}
    for n, item in enumerate(PLAN):
        subject = SUBJECT_BY_KEY[item.subject]
        texts = item_texts(subject, rng)
        first, last = item.window
        day = first + timedelta(days=rng.randint(0, (last - first).days))
        # Members write any day; on "today" itself only during its office hours.
        submitted = moments.office(day) if day == TODAY.date() else moments.member(day)
        created = submitted - timedelta(hours=rng.randint(2, 72))
        actor, args = _submitter(ctx, draw, item.source)
        consent = rng.random() < 0.9
        holder: dict = {}
        holders[item.name or str(n)] = holder

        def create(actor=actor, args=args, texts=texts, subject=subject, holder=holder,
                   consent=consent):
            o = services.opinion_create(actor=actor, category_id=ctx.categories[
                subject.category].pk, consent_publication=consent, **args, **texts)
            holder["pk"] = o.pk
            desk.subject[o.pk] = subject.key

        timeline.add(created, "opinion create", create)
        timeline.add(submitted, "opinion submit", lambda actor=actor, holder=holder:
                     services.opinion_submit(actor=actor, opinion_id=holder["pk"]))
        if item.outcome == "pending":
            continue
        checked = moments.office_after(submitted, 1, 3)
        if item.outcome in ("return", "open_return"):
            checked = queue_return(timeline, moments, rng, editor, actor, holder, checked,
                                   resubmit=item.outcome == "return")
        elif item.outcome == "edit_wait":
            checked = moments.office(EDIT_WAIT[0])
            queue_edit(timeline, desk, editor, holder, moments.office(EDIT_WAIT[1]))
        elif item.outcome == "use_wait":
            checked = moments.office(USE_WAIT)
        if checked is None:
            continue
        outcome = "keep" if item.outcome == "keep" else "use"
        queue_check(timeline, moments, desk, editor, holder, checked, outcome, rng,
                    edit=item.outcome in ("use", "return"))
        if item.issue:
            batches[item.issue].append((submitted, holder, subject.key))

    # The proposals converted to 社情民意 in review: the first is used (第2期), the others kept.
    converted = Opinion.objects.filter(committee=ctx.committee, first_submitted_at__year=YEAR,
                                       source_kind=SourceKind.CONVERTED_PROPOSAL).order_by("pk")
    for k, o in enumerate(converted):
        desk.subject[o.pk] = "converted"
        at = moments.office_after(local(o.submitted_at), 1, 3)
        holder = {"pk": o.pk}
        queue_check(timeline, moments, desk, editor, holder, at, "keep" if k else "use", rng)
        if not k:
            batches[2].append((local(o.submitted_at), holder, "converted"))

    sent_at = _issues(timeline, moments, cal, editor, signer, batches)
    follow = _adoptions(timeline, moments, editor, holders, sent_at)
    done = timeline.run(until=TODAY)
    assert done == len(timeline), (done, len(timeline))  # everything planned is before TODAY
    work = open_work(ctx.committee)
    ctx.summary["opinions_2021"] = {**work, **follow}
    received = sum(n for key, n in work.items() if not key.startswith("issues"))
    ctx.log(f"2021年社情民意（至{TODAY:%m月%d日}）：收到信息{received}篇"
            f"（含提案转来{converted.count()}篇），编发《社情民意》{work['issues_sent']}期，"
            f"采用{follow['adoptions']}次，领导批示{follow['instructions']}件；待审核"
            f"{work['submitted']}篇，退回修改中{work['returned']}篇，待编辑{work['used']}篇，"
            f"待编入期刊{work['edited']}篇，待签发{work['issues_to_sign']}期")


def _issues(timeline, moments, cal, editor, signer, batches) -> dict[int, datetime]:
    """Queue the compiling of each issue, its approval, sign-off and sending (the last only
    compiled and approved); return when each sent issue goes out."""
    pks: dict[int, int] = {}
    sent_at: dict[int, datetime] = {}
    for number, day in ISSUES.items():
        at = moments.office(cal.next_working_day(day))
        last = number == max(ISSUES)
        batch = sorted(batches[number], key=lambda row: row[0])

        def compile_issue(number=number, batch=batch, last=last):
            issue = services.issue_create(actor=editor, year=YEAR)
            assert issue.number == number, (issue.number, number)
            pks[number] = issue.pk
            departments = fill_issue(editor, issue.pk, [(h["pk"], key) for _, h, key in batch],
                                     SUBJECT_BY_KEY, lambda s: COMBINED[s.key])
            services.issue_set_recipients(actor=editor, issue_id=issue.pk, recipients=recipients(
                departments, number in EXTRA_RECIPIENTS))
            if not last:
                services.issue_approve(actor=editor, issue_id=issue.pk)

        timeline.add(at, "issue compile", compile_issue)
        if last:
            timeline.add(LAST_APPROVED, "issue approve", lambda number=number:
                         services.issue_approve(actor=editor, issue_id=pks[number]))
            continue
        sent_at[number] = queue_sign_send(timeline, moments, signer, editor,
                                          lambda number=number: pks[number], at)
    return sent_at


def _adoptions(timeline, moments, editor, holders, sent_at) -> dict[str, int]:
    """Queue the March adoptions and the 批示, recorded a working day or two after the fact."""
    issue_of = {item.name: item.issue for item in PLAN if item.name}

    def entry_id(name: str) -> int:
        return Opinion.objects.get(pk=holders[name]["pk"]).entry_link.entry_id

    for name, level, body, reference, adopted in ADOPTIONS:
        assert adopted >= sent_at[issue_of[name]].date(), name
        recorded = moments.office_after(datetime.combine(adopted, time(12)), 1, 2)

        def adopt(name=name, level=level, body=body, reference=reference, adopted=adopted):
            entry = entry_id(name)
            single = Opinion.objects.filter(entry_link__entry_id=entry).count() == 1
            services.adoption_record(actor=editor, entry_id=entry, level=level,
                                     kind="single" if single else "combined", adopted_on=adopted,
                                     body=body, reference=reference)

        timeline.add(recorded, "adoption", adopt)
    name, title, given, unit = INSTRUCTION
    recorded = moments.office_after(datetime.combine(given, time(12)), 1, 2)
    assert recorded < TODAY
    timeline.add(recorded, "instruction", lambda: services.instruction_record(
        actor=editor, entry_id=entry_id(name), leader_name=leader_name(title), level="city",
        given_on=given, text=INSTRUCTION_TEXTS[1].format(unit=unit), leader_title=title,
        transfer_to=unit))
    return {"adoptions": len(ADOPTIONS), "instructions": 1}
