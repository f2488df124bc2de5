"""Step: disclosure of replies (办理结果公开) for 2020 and, up to its "today", 2021.

国办发〔2014〕46号 asks for replies on matters of public interest to be published in full, complex
ones as a summary, within 20 working days after replying (domain.md §1.12). The 交办督查室
(`demo-office`) decides each passed reply 2–18 working days after it passed: replies whose
proposers did not consent are not published (提案者不同意公开); of the others most go out in full,
some as a summary written from the reply, and a few are withheld with a reason (工作秘密, 个人
隐私, or a policy still being drafted). About one 2020 reply in twelve was never decided (the
queue shows them overdue); 2021 replies are decided up to 19 March 2021, so the newest wait.
"""

from django.utils import timezone

from xieshang.core.calendar import WorkCalendar
from xieshang.handling.models import Reply
from xieshang.handling.workflow import ReplyStatus
from xieshang.publishing import services
from xieshang.publishing.models import Publication
from xieshang.publishing.permissions import proposer_consents
from xieshang.publishing.workflow import Mode, WithholdReason

from . import handling_texts as texts
from .context import DemoContext
from .session_2021 import TODAY
from .timeline import Moments, Timeline

UNDECIDED_2020 = 0.08
SUMMARY, WITHHELD = 0.14, 0.04
WITHHOLD = (
    (WithholdReason.WORK_SECRET, "答复涉及尚未公布的项目安排和资金数额，属于工作秘密。"),
    (WithholdReason.PRIVACY, "答复涉及具体住户和个人的有关信息。"),
    (WithholdReason.OTHER, "答复所涉政策正在研究制定，待政策文件出台后统一公开。"),
)
RESULT = {"A": "已经解决或基本解决", "B": "部分已落实，其余已列入计划逐步解决",
          "C": "因条件限制暂难实施，作为今后工作的参考"}


def summary_text(reply: Reply, points: list[str]) -> str:
    """Write the published summary of a reply: what each point came to, with its class."""
    phrases = "、".join(f"“{texts.point_phrase(p)}”" for p in points[:3])
    more = "等" if len(points) > 3 else ""
    code = reply.result_class.code if reply.result_class_id else "B"
    return (f"{reply.assignment.unit.name}对提案所提{phrases}{more}{len(points)}条建议逐条作出"
            f"答复。办理结果：{code}类，{RESULT.get(code, '')}。")


def load(ctx: DemoContext) -> None:
    """Decide the disclosure of the passed replies, each within 20 working days."""
    rng = ctx.rng("publishing")
    office = ctx.users["demo-office"]
    moments = Moments(rng, WorkCalendar.for_committee(ctx.committee.pk))
    timeline = Timeline()
    replies = list(Reply.objects.filter(committee=ctx.committee, status=ReplyStatus.PASSED)
                   .select_related("assignment__unit", "assignment__case__proposal",
                                   "result_class")
                   .order_by("passed_at", "id"))
    counts = {"full": 0, "summary": 0, "none": 0, "undecided": 0}
    for reply in replies:
        proposal = reply.assignment.case.proposal
        passed = timezone.localtime(reply.passed_at).replace(tzinfo=None)
        if passed.year == 2020 and rng.random() < UNDECIDED_2020:
            counts["undecided"] += 1
            continue
        at = moments.office_after(passed, 2, 18)
        if not proposer_consents(proposal):
            mode, reason = Mode.NONE, (WithholdReason.NO_CONSENT, "")
        else:
            roll = rng.random()
            mode = Mode.SUMMARY if roll < SUMMARY else Mode.NONE \
                if roll < SUMMARY + WITHHELD else Mode.FULL
            reason = rng.choice(WITHHOLD) if mode == Mode.NONE else None
        timeline.add(at, f"publish_{mode}", _decide(office, reply, proposal, mode, reason))
        if at <= TODAY:
            counts[str(mode)] += 1
    timeline.run(until=TODAY)
    decided = Publication.objects.filter(committee=ctx.committee).count()
    ctx.summary["publishing"] = {**counts, "decided": decided, "replies": len(replies)}
    ctx.log(f"答复公开：已通过答复{len(replies)}份，决定{decided}份（全文公开{counts['full']}、"
            f"摘要公开{counts['summary']}、不公开{counts['none']}），其余待决定")


def _decide(office, reply: Reply, proposal, mode: str, reason):
    def run():
        if mode == Mode.NONE:
            services.publication_decide(actor=office, reply_id=reply.pk, mode=mode,
                                        reason=reason[0], reason_text=reason[1])
            return
        summary = None
        if mode == Mode.SUMMARY:
            summary = summary_text(reply, texts.suggestion_points(proposal.suggestions))
        services.publication_decide(actor=office, reply_id=reply.pk, mode=mode, summary=summary)

    return run
