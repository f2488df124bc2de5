"""Consultation plans, topics, activities, leave, speeches and research reports, declared once.

Each table maps a transition name to its source states, target state and the permission
predicate (in permissions.py) the actor must satisfy. Only `services` changes a status.
"""

from django.db import models

from xieshang.core.workflow import Transition
from xieshang.core.workflow import table as _table


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "拟订中"
    ADOPTED = "adopted", "已通过"


class TopicStatus(models.TextChoices):
    PLANNED = "planned", "计划中"
    IN_PROGRESS = "in_progress", "筹备中"
    HELD = "held", "已举行"
    CLOSED = "closed", "已办结"
    CANCELLED = "cancelled", "已取消"


class ActivityStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"
    CLOSED = "closed", "已关闭"
    CANCELLED = "cancelled", "已取消"


class LeaveStatus(models.TextChoices):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "未批准"
    WITHDRAWN = "withdrawn", "已撤回"


class SpeechStatus(models.TextChoices):
    SUBMITTED = "submitted", "已提交"
    ORAL = "oral", "选为口头发言"
    PRINTED = "printed", "选为书面印发"
    NOT_SELECTED = "not_selected", "未选用"
    TO_OPINION = "to_opinion", "转社情民意"


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", "已报送"
    ADOPTED = "adopted", "已采纳"
    CONVERTED = "converted", "已转化"
    NOT_ADOPTED = "not_adopted", "未采纳"


T, A, L, S, R = TopicStatus, ActivityStatus, LeaveStatus, SpeechStatus, ReportStatus

PLAN = _table(
    Transition("adopt", "通过年度协商计划", frozenset({PlanStatus.DRAFT}), PlanStatus.ADOPTED,
               "can_manage_plan"),
)

TOPIC = _table(
    Transition("start", "开始筹备", frozenset({T.PLANNED}), T.IN_PROGRESS, "can_manage_topic"),
    Transition("hold", "记为已举行", frozenset({T.PLANNED, T.IN_PROGRESS}), T.HELD,
               "can_manage_topic"),
    Transition("close", "办结", frozenset({T.HELD}), T.CLOSED, "can_manage_topic"),
    Transition("cancel", "取消", frozenset({T.PLANNED, T.IN_PROGRESS}), T.CANCELLED,
               "can_manage_topic"),
)

ACTIVITY = _table(
    Transition("publish", "发布通知", frozenset({A.DRAFT}), A.PUBLISHED, "can_manage_activity"),
    Transition("close", "关闭活动", frozenset({A.PUBLISHED}), A.CLOSED, "can_manage_activity"),
    Transition("cancel", "取消活动", frozenset({A.DRAFT, A.PUBLISHED}), A.CANCELLED,
               "can_manage_activity"),
)

LEAVE = _table(
    Transition("approve", "批准请假", frozenset({L.PENDING}), L.APPROVED, "can_decide_leave"),
    Transition("reject", "不批准请假", frozenset({L.PENDING}), L.REJECTED, "can_decide_leave"),
    Transition("withdraw", "撤回请假", frozenset({L.PENDING}), L.WITHDRAWN, "is_leave_owner"),
    Transition("void", "随邀请撤回", frozenset({L.PENDING, L.APPROVED}), L.WITHDRAWN,
               "can_manage_leave_activity"),
)

SPEECH = _table(
    Transition("select_oral", "选为口头发言", frozenset({S.SUBMITTED}), S.ORAL,
               "can_decide_speech"),
    Transition("select_print", "选为书面印发", frozenset({S.SUBMITTED}), S.PRINTED,
               "can_decide_speech"),
    Transition("reject", "不予选用", frozenset({S.SUBMITTED}), S.NOT_SELECTED,
               "can_decide_speech"),
    Transition("to_opinion", "转社情民意", frozenset({S.NOT_SELECTED}), S.TO_OPINION,
               "can_decide_speech"),
)

REPORT = _table(
    Transition("adopt", "记录采纳", frozenset({R.SUBMITTED}), R.ADOPTED, "can_manage_report"),
    Transition("reject", "记为未采纳", frozenset({R.SUBMITTED}), R.NOT_ADOPTED,
               "can_manage_report"),
    Transition("convert", "记录转化", frozenset({R.ADOPTED}), R.CONVERTED, "can_manage_report"),
)

# Activities that count: published or closed (drafts and cancelled ones are not held).
HELD_ACTIVITY = frozenset({A.PUBLISHED, A.CLOSED})
# Topics that count as held for statistics.
HELD_TOPIC = frozenset({T.HELD, T.CLOSED})

# How each event's action reads in a timeline: the transitions' labels plus the other writes.
ACTION_LABELS = {
    **{t.name: t.label for table in (PLAN, TOPIC, ACTIVITY, LEAVE, SPEECH, REPORT)
       for t in table.values()},
    "create": "创建", "invite": "邀请委员", "update": "修改通知", "uninvite": "撤回邀请",
    "signup": "报名", "sign_in": "签到", "request": "申请请假", "output": "录入成果",
    "output_adopt": "录入成果采纳", "link_proposal": "关联提案", "link_opinion": "关联社情民意",
    "note": "跟踪记录", "submit": "提交", "opinion_linked": "已转社情民意",
    "instruction": "录入批示", "role_set": "设定委员角色", "leave_record": "补登请假",
}

# The states of each kind of row (ActivityEvent.subject), for timelines in Chinese.
STATES_BY_SUBJECT = {"plan": PlanStatus, "topic": TopicStatus, "activity": ActivityStatus,
                     "leave": LeaveStatus, "speech": SpeechStatus, "report": ReportStatus}
