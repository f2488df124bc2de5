"""Chinese labels for handling events and states on the timeline."""

from django import template

from ..workflow import ASSIGNMENT, CASE, REPLY, AssignmentStatus, CaseStatus, ReplyStatus

register = template.Library()

OTHER_ACTIONS = {
    "create": "交办", "assign": "交办至单位", "extension_request": "申请延期",
    "extension_decide": "审批延期", "contact": "记录沟通", "reply_draft": "起草答复",
    "reply_edit": "修改答复", "cosign": "会签", "rate": "评价",
}
STATUS_LABELS = {**dict(CaseStatus.choices), **dict(AssignmentStatus.choices),
                 **dict(ReplyStatus.choices)}


@register.filter
def action_label(action: str) -> str:
    for table in (CASE, ASSIGNMENT, REPLY):
        if action in table:
            return table[action].label
    return OTHER_ACTIONS.get(action, action)


@register.filter
def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)
