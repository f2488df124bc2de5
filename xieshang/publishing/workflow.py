"""The disclosure workflow of one passed reply, declared once: states and named transitions.

A passed reply without a decision is `awaiting` (it has no Publication row yet; the first
decision creates one). Staff publish it in full or as a summary, or record that it is not
published with a reason; a publication can be withdrawn (撤回公开) and decided again. Only
`services.apply_transition` changes a status.
"""

from django.db import models

from xieshang.core.workflow import Transition


class Status(models.TextChoices):
    AWAITING = "awaiting", "待决定"
    PUBLISHED = "published", "已公开"
    WITHHELD = "withheld", "不公开"
    WITHDRAWN = "withdrawn", "已撤回公开"


# `awaiting` is never stored: it is the state of a passed reply that has no row.
STORED = (Status.PUBLISHED, Status.WITHHELD, Status.WITHDRAWN)


class Mode(models.TextChoices):
    FULL = "full", "全文公开"
    SUMMARY = "summary", "摘要公开"
    NONE = "none", "不公开"


class WithholdReason(models.TextChoices):
    STATE_SECRET = "state_secret", "涉及国家秘密"
    WORK_SECRET = "work_secret", "涉及工作秘密"
    COMMERCIAL_SECRET = "commercial_secret", "涉及商业秘密"
    PRIVACY = "privacy", "涉及个人隐私"
    NO_CONSENT = "no_consent", "提案者不同意公开"
    OTHER = "other", "其他"


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition("publish", "公开", frozenset({Status.AWAITING, Status.WITHHELD,
                                               Status.WITHDRAWN}),
                   Status.PUBLISHED, "can_decide"),
        Transition("withhold", "决定不公开", frozenset({Status.AWAITING, Status.WITHDRAWN}),
                   Status.WITHHELD, "can_decide"),
        Transition("withdraw", "撤回公开", frozenset({Status.PUBLISHED}), Status.WITHDRAWN,
                   "can_decide"),
    )
}

# The events statistics read; the last one per reply is its current disclosure state.
DECISION_ACTIONS = ("publish", "withhold", "withdraw")
