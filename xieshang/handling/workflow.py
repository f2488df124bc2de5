"""The handling workflows, declared once: the case, each unit's assignment, and each reply.

A case (one per accepted proposal) moves assigned → in_handling → replied → rated → closed,
and back to in_handling for a new round when the office orders re-handling. Each unit's
assignment and each reply has its own small table. Only services.apply_* change a status.
"""

from django.db import models

from xieshang.core.workflow import Transition
from xieshang.core.workflow import table as _table


class CaseStatus(models.TextChoices):
    ASSIGNED = "assigned", "已交办"
    IN_HANDLING = "in_handling", "办理中"
    REPLIED = "replied", "已答复"
    RATED = "rated", "已评价，待决定"
    CLOSED = "closed", "已办结"


class AssignmentStatus(models.TextChoices):
    PENDING_SIGN = "pending_sign", "待签收"
    HANDLING = "handling", "办理中"
    RETURN_REQUESTED = "return_requested", "申请退回"
    RETURNED = "returned", "已退回"
    OPINION_GIVEN = "opinion_given", "已提交会办意见"
    REPLIED = "replied", "已答复"


class ReplyStatus(models.TextChoices):
    DRAFT = "draft", "草拟中"
    COSIGNING = "cosigning", "会签中"
    UNDER_REVIEW = "under_review", "待提案委审核"
    REVISING = "revising", "退回修改"
    PASSED = "passed", "已通过"


C, A, R = CaseStatus, AssignmentStatus, ReplyStatus

CASE = _table(
    Transition("start", "开始办理", frozenset({C.ASSIGNED}), C.IN_HANDLING, "system"),
    Transition("reply", "全部答复", frozenset({C.IN_HANDLING}), C.REPLIED, "system"),
    Transition("rated", "评价完毕", frozenset({C.REPLIED}), C.RATED, "system"),
    Transition("close", "办结", frozenset({C.REPLIED, C.RATED}), C.CLOSED, "can_decide_case"),
    Transition("rehandle", "重新办理", frozenset({C.REPLIED, C.RATED}), C.IN_HANDLING,
               "can_decide_case"),
)

ASSIGNMENT = _table(
    Transition("sign_for", "签收", frozenset({A.PENDING_SIGN}), A.HANDLING, "can_act_for_unit"),
    Transition("request_return", "申请退回", frozenset({A.PENDING_SIGN, A.HANDLING}),
               A.RETURN_REQUESTED, "can_act_for_unit"),
    Transition("approve_return", "同意退回", frozenset({A.RETURN_REQUESTED}), A.RETURNED,
               "can_assign"),
    Transition("refuse_return", "不同意退回", frozenset({A.RETURN_REQUESTED}), A.HANDLING,
               "can_assign"),
    Transition("give_opinion", "提交会办意见", frozenset({A.HANDLING}), A.OPINION_GIVEN,
               "can_act_for_unit"),
    Transition("replied", "答复通过", frozenset({A.HANDLING}), A.REPLIED, "system"),
    Transition("reopen", "重新办理", frozenset({A.REPLIED, A.OPINION_GIVEN}), A.HANDLING,
               "system"),
)

REPLY = _table(
    Transition("request_cosign", "送会签", frozenset({R.DRAFT, R.REVISING}), R.COSIGNING,
               "can_draft_reply"),
    Transition("sign_off", "领导签发", frozenset({R.DRAFT, R.REVISING, R.COSIGNING}),
               R.UNDER_REVIEW, "can_sign_off"),
    Transition("pass", "审核通过", frozenset({R.UNDER_REVIEW}), R.PASSED, "can_review_reply"),
    Transition("send_back", "退回修改", frozenset({R.UNDER_REVIEW}), R.REVISING,
               "can_review_reply"),
)

# Assignment roles: which replies to the proposer, and which gives an opinion to the lead.
REPLYING_ROLES = ("single", "split", "lead")
OPEN_ASSIGNMENT = (A.PENDING_SIGN, A.HANDLING, A.RETURN_REQUESTED)
