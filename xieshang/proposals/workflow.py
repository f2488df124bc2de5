"""The proposal intake workflow, declared once: states and named transitions.

Each transition names its source states, its target state and the permission predicate (in
permissions.py) that the actor must satisfy. Only `services.apply_transition` changes a status.
"""

from django.db import models

from xieshang.core.workflow import Transition


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审查"
    FIRST_REVIEWED = "first_reviewed", "初审完成，待复审"
    RETURNED = "returned", "退回修改"
    ACCEPTED = "accepted", "已立案"
    REFUSED = "refused", "不予立案"
    CONVERTED = "converted", "已转其他渠道"
    MERGED = "merged", "已并案"
    WITHDRAWN = "withdrawn", "已撤案"


IN_REVIEW = frozenset({Status.SUBMITTED, Status.FIRST_REVIEWED})
DECIDED = frozenset(
    {Status.ACCEPTED, Status.REFUSED, Status.CONVERTED, Status.MERGED, Status.WITHDRAWN}
)
EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition("submit", "提交", EDITABLE, Status.SUBMITTED, "can_submit"),
        Transition(
            "first_review", "初审", frozenset({Status.SUBMITTED}), Status.FIRST_REVIEWED,
            "can_first_review",
        ),
        Transition("accept", "立案", IN_REVIEW, Status.ACCEPTED, "can_decide"),
        Transition("refuse", "不予立案", IN_REVIEW, Status.REFUSED, "can_decide"),
        Transition("convert", "转其他渠道", IN_REVIEW, Status.CONVERTED, "can_decide"),
        Transition("merge", "并案", IN_REVIEW, Status.MERGED, "can_decide"),
        Transition("return", "退回修改", IN_REVIEW, Status.RETURNED, "can_return"),
        Transition(
            "withdraw", "撤案", IN_REVIEW | {Status.RETURNED}, Status.WITHDRAWN, "can_withdraw"
        ),
    )
}

# Decisions that end intake; statistics read the last of these per proposal.
DECISION_ACTIONS = ("accept", "refuse", "convert", "merge", "withdraw")
