"""The 社情民意 workflows, declared once: item states, issue (期) states, named transitions.

An item is drafted, submitted, checked (录用 / 留存·未录用 / 退回修改), edited by the information
office (every edit is a new version; the author's text is kept), compiled into an issue of
《社情民意》 and sent with it. An issue is compiled, approved (审核), signed off (签发) and sent
(报送). Only `services.apply_transition` and `services.apply_issue_transition` change a status.
"""

from django.db import models

from xieshang.core.workflow import Transition
from xieshang.core.workflow import table as _table


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审核"
    RETURNED = "returned", "退回修改"
    USED = "used", "已录用"
    KEPT = "kept", "留存·未录用"
    EDITED = "edited", "已编辑"
    COMPILED = "compiled", "已编入期刊"
    SENT = "sent", "已报送"


class IssueStatus(models.TextChoices):
    DRAFT = "draft", "编辑中"
    APPROVED = "approved", "已审核"
    SIGNED = "signed", "已签发"
    SENT = "sent", "已报送"


S, I = Status, IssueStatus  # noqa: E741 - the issue table reads better short

EDITABLE = frozenset({S.DRAFT, S.RETURNED})
# Items that the office may still edit and compile.
COMPILABLE = frozenset({S.USED, S.EDITED})
# Items that were used (录用) at check, whatever happened after.
USED_STATES = frozenset({S.USED, S.EDITED, S.COMPILED, S.SENT})

TRANSITIONS = _table(
    Transition("submit", "提交", frozenset({S.DRAFT}), S.SUBMITTED, "can_submit"),
    Transition("resubmit", "修改后重新提交", frozenset({S.RETURNED}), S.SUBMITTED, "can_submit"),
    Transition("use", "录用", frozenset({S.SUBMITTED}), S.USED, "can_check"),
    Transition("keep", "留存·不录用", frozenset({S.SUBMITTED}), S.KEPT, "can_check"),
    Transition("return", "退回修改", frozenset({S.SUBMITTED}), S.RETURNED, "can_check"),
    Transition("edit", "编辑", COMPILABLE, S.EDITED, "can_edit_office"),
    Transition("compile", "编入期刊", COMPILABLE, S.COMPILED, "can_compile"),
    Transition("uncompile", "移出期刊", frozenset({S.COMPILED}), S.EDITED, "can_compile"),
    Transition("publish", "随期刊报送", frozenset({S.COMPILED}), S.SENT, "can_send_item"),
)

ISSUE_TRANSITIONS = _table(
    Transition("approve", "审核通过", frozenset({I.DRAFT}), I.APPROVED, "can_approve"),
    Transition("reopen", "退回编辑", frozenset({I.APPROVED, I.SIGNED}), I.DRAFT, "can_approve"),
    Transition("sign", "签发", frozenset({I.APPROVED}), I.SIGNED, "can_sign"),
    Transition("send", "报送", frozenset({I.SIGNED}), I.SENT, "can_send"),
)
