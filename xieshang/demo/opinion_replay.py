"""What the yearly 社情民意 steps (`opinions_2020`, `opinions_2021`, `opinions_followup_2020`)
share: an item's text drawn from a matter (`item_texts`) and its submitter (`source`), the
office's check, return and edit queued on a timeline (`Desk`, `queue_check`, `queue_return`,
`queue_edit`), an issue's articles and recipients (`fill_issue`, `recipients`) and its sign-off
and sending (`queue_sign_send`), and the adopters and leaders of adoptions and 批示, all through
`xieshang.opinions.services` under `clock.at`."""

import random
from collections.abc import Callable, Sequence
from datetime import datetime

from django.utils import timezone

from xieshang.accounts.models import User
from xieshang.opinions import services
from xieshang.opinions.models import Opinion, SourceKind

from .context import DemoContext, DemoMember
from .members import PLACES
from .opinion_texts import EXTRA_RECIPIENTS, RECIPIENTS, Subject
from .timeline import Moments, Timeline
from .writing import numbered

RETURN_REASONS = ("情况反映部分数据来源不清，请补充调查的时间、范围和样本，建议部分再具体一些。",
                  "反映的问题较为笼统，请聚焦一个具体问题，一事一报，并补充典型事例。",
                  "建议缺乏针对性和可操作性，请结合我市实际修改后重新报送。")
KEEP_NOTES = ("所反映问题已有相关部门专项部署，暂不编发，留存备查。",
              "内容与近期已编发信息重复，留存参考。",
              "反映的问题属个别现象，留存，作为信息积累。")
# What the author adds before resubmitting a returned item.
REVISION = "（补充）经进一步走访核实，上述情况在其他乡镇（街道）也不同程度存在。"
EDIT_NOTE = "压缩篇幅，调整结构"
ADOPTERS = {
    "city": (("市委办公室", "《每日要情》"), ("市政府办公室", "《政务信息》")),
    "province": (("省政协办公厅", "《社情民意》"), ("省委办公厅", "《信息快报》")),
    "national": (("全国政协办公厅", "《社情民意信息专报》"),),
    "party_system": (("民盟省委", "《盟务信息》"), ("民建省委", "《建言》"), ("九三学社省委",
                                                                       "《社情民意》")),
    "media": (("示例日报社", "《内参》"), ("示例市广播电视台", "《民生热线》")),
}
LEADERS = (("city", "市委书记"), ("city", "市长"), ("city", "常务副市长"), ("city", "副市长"),
           ("city", "市政协主席"), ("province", "副省长"))
INSTRUCTION_TEXTS = ("请{unit}认真研究，提出具体措施，抓好落实。",
                     "此信息反映的问题具有普遍性，请{unit}牵头研究解决，结果报市政府办公室。",
                     "请{unit}阅研，结合工作实际吸纳有关建议。")


def local(moment: datetime) -> datetime:
    return timezone.localtime(moment).replace(tzinfo=None)


def leader_name(title: str) -> str:
    """Fictitious leaders' names, fixed per post."""
    surnames = "赵钱孙李周吴郑王冯陈"
    index = sum(map(ord, title)) % len(surnames)
    return f"{surnames[index]}某某"


def item_texts(subject: Subject, rng: random.Random) -> dict[str, str]:
    """Draw an item's title and three parts from a matter: a place, figures, 2–3 suggestions."""
    place = rng.choice(PLACES)
    # One draw for every matter (the 2020 replay depends on the sequence), scaled to its range.
    lo, hi = subject.n_range
    values = {"place": place, "n": lo + (rng.randint(12, 380) - 12) * (hi - lo) // 368,
              "m": rng.randint(18, 65)}
    if rng.random() < 0.55:
        title = f"关于{subject.suggest}的建议"
    else:
        title = subject.report.format(**values) + "的情况反映"
    points = rng.sample(subject.suggestions, k=rng.choice((2, 3, 3)))
    return {"title": title, "situation": subject.situation.format(**values),
            "analysis": subject.analysis, "suggestions": "建议：\n" + numbered(points)}


def source(ctx: DemoContext, kind: str, *, lead: DemoMember | None = None,
           co_authors: Sequence[DemoMember] = (), body: str = "",
           reporter: User | None = None) -> tuple[User, dict]:
    """Return who submits an item and its `opinion_create` source arguments: a member (with
    listed co-authors), a party or people's organisation or special committee through its
    agent, or an invited information officer."""
    if kind == "member":
        return lead.user, {"source_kind": SourceKind.MEMBER,
                           "co_author_ids": [m.member.pk for m in co_authors]}
    if kind in ("party", "group"):
        return ctx.agents[(kind, body)].user, {"source_kind": SourceKind.PARTY,
                                               "body_id": ctx.parties[body].pk}
    if kind == "special_committee":
        return ctx.agents[(kind, body)].user, {"source_kind": SourceKind.SPECIAL_COMMITTEE,
                                               "body_id": ctx.special_committees[body].pk}
    return reporter, {"source_kind": SourceKind.REPORTER}


def edited(opinion: Opinion) -> tuple[str, str]:
    """The office's edited version: a tighter title and the three parts as one article."""
    title = opinion.title.replace("关于进一步", "关于")
    text = "\n".join(p for p in (opinion.situation, opinion.analysis, opinion.suggestions) if p)
    return title, text


class Desk:
    """The information office's running state while a year is replayed."""

    def __init__(self):
        self.ready: list[tuple[int, str]] = []  # (opinion pk, subject key) edited, not compiled
        self.subject: dict[int, str] = {}
        self.issues: list[int] = []
        self.later = Timeline()  # sign-off and sending, queued as issues are compiled


def queue_return(timeline: Timeline, moments: Moments, rng: random.Random, editor: User,
                 actor: User, holder: dict, at: datetime, *,
                 resubmit: bool = True) -> datetime | None:
    """Queue the office's return of an item at `at` and, with `resubmit`, the author's revision
    and resubmission a day to four later; return the moment to check it again (None if the
    author has not resubmitted)."""
    reason = rng.choice(RETURN_REASONS)
    timeline.add(at, "opinion return", lambda: services.opinion_check(
        actor=editor, opinion_id=holder["pk"], outcome="return", note=reason))
    if not resubmit:
        return None
    again = moments.member_after(at, 20, 96)

    def revise():
        o = Opinion.objects.get(pk=holder["pk"])
        services.opinion_update(actor=actor, opinion_id=o.pk, situation=o.situation + REVISION)
        services.opinion_submit(actor=actor, opinion_id=o.pk)

    timeline.add(again, "opinion resubmit", revise)
    return moments.office_after(again, 1, 3)


def queue_check(timeline: Timeline, moments: Moments, desk: Desk, editor: User, holder: dict,
                at: datetime, outcome: str, rng: random.Random, *, edit: bool = True) -> None:
    """Queue the office's check (use or keep) and, for a used item with `edit`, its edit up to
    two working days later."""
    note = rng.choice(KEEP_NOTES) if outcome == "keep" else ""
    timeline.add(at, f"opinion {outcome}", lambda: services.opinion_check(
        actor=editor, opinion_id=holder["pk"], outcome=outcome, note=note))
    if outcome == "use" and edit:
        queue_edit(timeline, desk, editor, holder, moments.office_after(at, 0, 2))


def queue_edit(timeline: Timeline, desk: Desk, editor: User, holder: dict,
               at: datetime) -> None:
    """Queue the office's edited version of a used item; it then waits for an issue."""
    def edit():
        o = Opinion.objects.get(pk=holder["pk"])
        title, text = edited(o)
        services.opinion_edit(actor=editor, opinion_id=o.pk, title=title, text=text,
                              note=EDIT_NOTE)
        desk.ready.append((o.pk, desk.subject[o.pk]))

    timeline.add(at, "opinion edit", edit)


def fill_issue(editor: User, issue_id: int, batch: list[tuple[int, str]],
               subjects: dict[str, Subject],
               combined_title: Callable[[Subject], str]) -> list[str]:
    """Put a batch of (item, matter) into a draft issue: one article per item, or one combined
    article when several items raise the same matter; return the departments concerned."""
    by_subject: dict[str, list[int]] = {}
    for pk, key in batch:
        by_subject.setdefault(key, []).append(pk)
    departments = []
    for key, pks in by_subject.items():
        subject = subjects.get(key)
        if subject:
            departments.append(subject.recipient)
        if len(pks) > 1 and subject is not None:
            text = "\n".join(Opinion.objects.get(pk=pk).situation for pk in pks)
            text += "\n" + subject.analysis + "\n建议：\n" + numbered(list(subject.suggestions))
            services.entry_add(actor=editor, issue_id=issue_id, opinion_ids=pks,
                               title=combined_title(subject), text=text)
        else:
            for pk in pks:
                services.entry_add(actor=editor, issue_id=issue_id, opinion_ids=[pk])
    return departments


def recipients(departments: list[str], extra: bool) -> list[dict]:
    """The 报送 list: the city's Party and government offices and the provincial CPPCC, with
    `extra` the united-front department and the national CPPCC, then the departments."""
    rows = [{"kind": k, "name": n} for k, n in RECIPIENTS]
    if extra:
        rows += [{"kind": k, "name": n} for k, n in EXTRA_RECIPIENTS]
    for name in dict.fromkeys(departments):
        rows.append({"kind": "department", "name": name})
    return rows


def queue_sign_send(timeline: Timeline, moments: Moments, signer: User, editor: User,
                    issue_id: Callable[[], int], at: datetime) -> datetime:
    """Queue the sign-off (the head of the office, who did not edit it) within a working day of
    `at`, and the sending the same day or, when signed late, the next; return the sending."""
    signed = moments.office_after(at, 0, 1)
    sent = moments.office_after(signed, 0, 0) if signed.hour < 16 else \
        moments.office_after(signed, 1, 1)
    timeline.add(signed, "issue sign", lambda: services.issue_sign(actor=signer,
                                                                  issue_id=issue_id()))
    timeline.add(sent, "issue send", lambda: services.issue_send(actor=editor,
                                                                issue_id=issue_id()))
    return sent
