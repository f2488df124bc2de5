"""Appraisals, questions on the record and 常委 annual reports, declared once.

Each table maps a transition name to its source states, target state and the permission
predicate (in permissions.py) the actor must satisfy. Only `services` changes a status.

An appraisal is computed as a draft (the preview), recomputed as often as needed, and
published; publishing a later revision of the same period supersedes the earlier one, whose
results stay as they were. A member's question on an entry is answered by staff (with or
without a correction made in the owning app). A 常委's annual report is drafted, submitted,
returned for revision or accepted into the record.
"""

from django.db import models

from xieshang.core.workflow import Transition
from xieshang.core.workflow import table as _table


class AppraisalStatus(models.TextChoices):
    DRAFT = "draft", "试算（未发布）"
    PUBLISHED = "published", "已发布"
    SUPERSEDED = "superseded", "已被新版本替代"


class QuestionStatus(models.TextChoices):
    OPEN = "open", "待答复"
    ANSWERED = "answered", "已答复"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    RETURNED = "returned", "退回修改"
    ACCEPTED = "accepted", "已归档"


A, Q, R = AppraisalStatus, QuestionStatus, ReportStatus

APPRAISAL = _table(
    Transition("recompute", "重新计算", frozenset({A.DRAFT}), A.DRAFT, "can_manage"),
    Transition("publish", "发布考评结果", frozenset({A.DRAFT}), A.PUBLISHED, "can_manage"),
    Transition("supersede", "以新版本替代", frozenset({A.PUBLISHED}), A.SUPERSEDED,
               "can_manage"),
)

QUESTION = _table(
    Transition("answer", "答复疑问", frozenset({Q.OPEN}), Q.ANSWERED, "can_manage"),
)

REPORT = _table(
    Transition("submit", "提交履职报告", frozenset({R.DRAFT, R.RETURNED}), R.SUBMITTED,
               "is_report_owner"),
    Transition("return", "退回修改", frozenset({R.SUBMITTED}), R.RETURNED, "can_manage"),
    Transition("accept", "审核归档", frozenset({R.SUBMITTED}), R.ACCEPTED, "can_manage"),
)
