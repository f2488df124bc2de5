"""Key-proposal and excellent-proposal selection, declared once: states and named transitions.

A key proposal (重点提案) is put forward by the proposal committee as a candidate, approved or
rejected by a recorded chair's-meeting decision, and, once approved, supervised until its
supervision is completed (督办办结). An excellent proposal (优秀提案) is a candidate approved or
rejected the same way. Only `services.apply_transition` changes a status.
"""

from django.db import models

from xieshang.core.workflow import Transition
from xieshang.core.workflow import table as _table


class KeyStatus(models.TextChoices):
    CANDIDATE = "candidate", "候选"
    APPROVED = "approved", "已确定（督办中）"
    REJECTED = "rejected", "未通过"
    COMPLETED = "completed", "督办办结"


class ExcellentStatus(models.TextChoices):
    CANDIDATE = "candidate", "候选"
    APPROVED = "approved", "已评为优秀提案"
    REJECTED = "rejected", "未评选"


K, E = KeyStatus, ExcellentStatus

KEY = _table(
    Transition("approve", "确定为重点提案", frozenset({K.CANDIDATE}), K.APPROVED, "can_decide"),
    Transition("reject", "不列为重点提案", frozenset({K.CANDIDATE}), K.REJECTED, "can_decide"),
    Transition("complete", "督办办结", frozenset({K.APPROVED}), K.COMPLETED, "can_complete"),
)

EXCELLENT = _table(
    Transition("approve", "评为优秀提案", frozenset({E.CANDIDATE}), E.APPROVED,
               "can_decide_excellent"),
    Transition("reject", "不评为优秀提案", frozenset({E.CANDIDATE}), E.REJECTED,
               "can_decide_excellent"),
)

# Key proposals that hold their proposals: a proposal is in at most one of these at a time.
ACTIVE_KEY = frozenset({K.CANDIDATE, K.APPROVED, K.COMPLETED})
# Key proposals being supervised: activities, instructions and leaders are recorded on these.
SUPERVISED = frozenset({K.APPROVED})
# Key proposals whose supervising leaders may still be arranged.
LEADERS_OPEN = frozenset({K.CANDIDATE, K.APPROVED})
# Key proposals known outside the proposal committee (members see these for their proposals).
PUBLISHED_KEY = frozenset({K.APPROVED, K.COMPLETED})
ACTIVE_EXCELLENT = frozenset({E.CANDIDATE, E.APPROVED})
