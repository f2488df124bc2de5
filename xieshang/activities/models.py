"""Consultation plans and topics, activities with attendance and leave, supervision groups,
plenary speeches, research reports, and the append-only event log of all of them."""

from django.conf import settings
from django.db import models

from xieshang.core.models import Committee, TenantModel
from xieshang.opinions.models import Opinion
from xieshang.organization.models import (
    Member,
    Party,
    Sector,
    Session,
    SpecialCommittee,
    Unit,
)
from xieshang.proposals.models import Proposal

from .workflow import (
    ActivityStatus,
    LeaveStatus,
    PlanStatus,
    ReportStatus,
    SpeechStatus,
    TopicStatus,
)

USER = settings.AUTH_USER_MODEL


class ActivityKind(models.TextChoices):
    """The statistical kind of an activity type."""

    PLENARY = "plenary", "全体会议（大会）"
    STANDING = "standing", "常委会议"
    SPECIAL_COMMITTEE = "special_committee", "专委会会议"
    TRAINING = "training", "培训"
    OTHER = "other", "其他履职活动"


class ConsultationForm(models.TextChoices):
    PLENARY = "plenary", "全体会议"
    STANDING = "standing", "专题议政性常委会议"
    THEMATIC = "thematic", "专题协商会"
    COUNTERPART = "counterpart", "对口协商"
    SECTOR = "sector", "界别协商"
    PROPOSAL = "proposal", "提案办理协商"
    ONLINE = "online", "网络议政"
    REMOTE = "remote", "远程协商"
    SYMPOSIUM = "symposium", "协商座谈会"


class OrganiserKind(models.TextChoices):
    SPECIAL_COMMITTEE = "special_committee", "专委会"
    PARTY = "party", "党派团体"
    SECTOR = "sector", "界别"
    GENERAL_OFFICE = "general_office", "办公室"


class LeaveApprover(models.TextChoices):
    ORGANISER = "organiser", "活动组织方工作人员"
    ROLE = "role", "指定角色的用户"


class ActivitySettings(TenantModel):
    """Per-committee parameters: who approves leave and the sign-in margin."""

    leave_approver = models.CharField("请假审批人", max_length=20, choices=LeaveApprover.choices,
                                      default=LeaveApprover.ORGANISER)
    leave_approver_role = models.CharField("审批角色", max_length=30, blank=True)
    signin_margin_minutes = models.PositiveSmallIntegerField("提前签到分钟数", default=30)

    class Meta:
        verbose_name = "活动设置"
        constraints = [
            models.UniqueConstraint(fields=["committee"], name="activity_settings_one"),
            models.CheckConstraint(condition=models.Q(leave_approver__in=LeaveApprover.values),
                                   name="activity_settings_approver_valid"),
        ]


class ActivityType(TenantModel):
    """A configurable activity type (调研, 视察, 大会…) with its statistical kind."""

    name = models.CharField("名称", max_length=30)
    kind = models.CharField("统计类别", max_length=20, choices=ActivityKind.choices,
                            default=ActivityKind.OTHER)
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "活动类型"
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="activity_type_unique"),
            models.CheckConstraint(condition=models.Q(kind__in=ActivityKind.values),
                                   name="activity_type_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.name


class ConsultationPlan(TenantModel):
    """The 年度协商计划 of one year, adopted by a recorded meeting decision."""

    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("名称", max_length=100)
    status = models.CharField("状态", max_length=20, choices=PlanStatus.choices,
                              default=PlanStatus.DRAFT)
    meeting = models.CharField("通过会议", max_length=100, blank=True)
    meeting_date = models.DateField("会议日期", null=True, blank=True)
    decision_text = models.TextField("决定内容", blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = "年度协商计划"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "year"], name="plan_one_per_year"),
            models.CheckConstraint(condition=models.Q(status__in=PlanStatus.values),
                                   name="plan_status_valid"),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(meeting_date__isnull=False),
                name="plan_adopted_has_decision"),
        ]

    def __str__(self) -> str:
        return self.title


class ConsultationTopic(TenantModel):
    """A topic of the plan: form, host body (承办), linked department, month, outputs."""

    plan = models.ForeignKey(ConsultationPlan, on_delete=models.PROTECT, related_name="topics")
    title = models.CharField("协商议题", max_length=200)
    form = models.CharField("协商形式", max_length=20, choices=ConsultationForm.choices)
    host_special_committee = models.ForeignKey(SpecialCommittee, null=True, blank=True,
                                               on_delete=models.PROTECT, related_name="+",
                                               verbose_name="承办专委会")
    host_party = models.ForeignKey(Party, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name="承办党派团体")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name="对口政府部门")
    planned_month = models.PositiveSmallIntegerField("计划月份")
    description = models.TextField("说明", blank=True)
    status = models.CharField("状态", max_length=20, choices=TopicStatus.choices,
                              default=TopicStatus.PLANNED)
    cancel_reason = models.TextField("取消原因", blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = "协商议题"
        ordering = ["planned_month", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=TopicStatus.values),
                                   name="topic_status_valid"),
            models.CheckConstraint(condition=models.Q(form__in=ConsultationForm.values),
                                   name="topic_form_valid"),
            models.CheckConstraint(condition=models.Q(planned_month__gte=1,
                                                      planned_month__lte=12),
                                   name="topic_month_valid"),
            models.CheckConstraint(
                condition=~models.Q(status="cancelled") | ~models.Q(cancel_reason=""),
                name="topic_cancel_has_reason"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def host_name(self) -> str:
        host = self.host_special_committee or self.host_party
        return host.name if host else ""


class OutputKind(models.TextChoices):
    MINUTES = "minutes", "纪要"
    RECOMMENDATION = "recommendation", "建议案"
    REPORT = "report", "报告"
    OTHER = "other", "其他"


class TopicOutput(TenantModel):
    """A 纪要, 建议案 or report produced by a topic, and its adoption (采纳) when recorded."""

    topic = models.ForeignKey(ConsultationTopic, on_delete=models.PROTECT,
                              related_name="outputs")
    kind = models.CharField("成果类型", max_length=20, choices=OutputKind.choices)
    title = models.CharField("标题", max_length=200)
    text = models.TextField("内容", blank=True)
    reference = models.CharField("文号或出处", max_length=200, blank=True)
    adopted_by = models.CharField("采纳单位或领导", max_length=100, blank=True)
    adopted_on = models.DateField("采纳日期", null=True, blank=True)
    adoption_note = models.TextField("采纳情况", blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = "协商成果"
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=OutputKind.values),
                                   name="topic_output_kind_valid"),
        ]


class TopicProposal(TenantModel):
    """A proposal derived from a consultation topic (see TopicOpinion for 社情民意)."""

    topic = models.ForeignKey(ConsultationTopic, on_delete=models.CASCADE,
                              related_name="proposal_links")
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="+")
    linked_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    linked_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["topic", "proposal"], name="topic_proposal_unique"),
        ]


class TopicOpinion(TenantModel):
    """A 社情民意 item derived from a consultation topic."""

    topic = models.ForeignKey(ConsultationTopic, on_delete=models.CASCADE,
                              related_name="opinion_links")
    opinion = models.ForeignKey(Opinion, on_delete=models.PROTECT, related_name="+")
    linked_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    linked_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["topic", "opinion"], name="topic_opinion_unique"),
        ]


class OversightGroup(TenantModel):
    """A 民主监督小组: a topic, the supervised department, members and a leader."""

    name = models.CharField("小组名称", max_length=100)
    topic = models.CharField("监督议题", max_length=200)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name="监督对象部门")
    leader = models.ForeignKey(Member, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name="组长")
    members = models.ManyToManyField(Member, blank=True, related_name="oversight_groups")
    year = models.PositiveSmallIntegerField("年度")
    is_open = models.BooleanField("进行中", default=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = "民主监督小组"
        ordering = ["-year", "id"]

    def __str__(self) -> str:
        return self.name


class FollowUpKind(models.TextChoices):
    FINDING = "finding", "发现问题"
    FEEDBACK = "feedback", "部门反馈"
    NOTE = "note", "跟踪记录"


class OversightNote(TenantModel):
    """A finding, a department's feedback or a tracking note of a supervision group."""

    group = models.ForeignKey(OversightGroup, on_delete=models.PROTECT, related_name="notes")
    kind = models.CharField("类型", max_length=20, choices=FollowUpKind.choices)
    noted_on = models.DateField("日期")
    text = models.TextField("内容")
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["noted_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=FollowUpKind.values),
                                   name="oversight_note_kind_valid"),
        ]


class AttendanceMode(models.TextChoices):
    COMPULSORY = "compulsory", "必须参加"
    SIGNUP = "signup", "报名参加"


class Activity(TenantModel):
    """A 履职活动 or meeting with its time window, attendance mode and sign-in code."""

    type = models.ForeignKey(ActivityType, on_delete=models.PROTECT, related_name="activities",
                             verbose_name="活动类型")
    title = models.CharField("活动名称", max_length=200)
    description = models.TextField("活动内容", blank=True)
    place = models.CharField("地点", max_length=200, blank=True)
    start = models.DateTimeField("开始时间")
    end = models.DateTimeField("结束时间")
    mode = models.CharField("参加方式", max_length=20, choices=AttendanceMode.choices)
    signup_deadline = models.DateTimeField("报名截止", null=True, blank=True)
    capacity = models.PositiveIntegerField("名额", null=True, blank=True)
    status = models.CharField("状态", max_length=20, choices=ActivityStatus.choices,
                              default=ActivityStatus.DRAFT)
    cancel_reason = models.TextField("取消原因", blank=True)
    code = models.CharField("签到码", max_length=8)
    topic = models.ForeignKey(ConsultationTopic, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="activities",
                              verbose_name="协商议题")
    group = models.ForeignKey(OversightGroup, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="activities", verbose_name="民主监督小组")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name="相关政府部门")
    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+", verbose_name="所属会议")
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = "履职活动"
        ordering = ["-start", "-id"]
        indexes = [models.Index(fields=["committee", "start"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=ActivityStatus.values),
                                   name="activity_status_valid"),
            models.CheckConstraint(condition=models.Q(mode__in=AttendanceMode.values),
                                   name="activity_mode_valid"),
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")),
                                   name="activity_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title


class ActivityOrganiser(TenantModel):
    """One organising body of an activity (joint activities have several)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="organisers")
    kind = models.CharField("类型", max_length=20, choices=OrganiserKind.choices)
    special_committee = models.ForeignKey(SpecialCommittee, null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="+")
    party = models.ForeignKey(Party, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    sector = models.ForeignKey(Sector, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="special_committee", special_committee__isnull=False,
                             party__isnull=True, sector__isnull=True)
                    | models.Q(kind="party", party__isnull=False,
                               special_committee__isnull=True, sector__isnull=True)
                    | models.Q(kind="sector", sector__isnull=False,
                               special_committee__isnull=True, party__isnull=True)
                    | models.Q(kind="general_office", sector__isnull=True,
                               special_committee__isnull=True, party__isnull=True)
                ),
                name="activity_organiser_one_body"),
        ]

    def __str__(self) -> str:
        body = self.special_committee or self.party or self.sector
        return body.name if body else "政协办公室"


class ParticipantSource(models.TextChoices):
    INVITED = "invited", "邀请"
    SIGNED_UP = "signed_up", "报名"


class ParticipantRole(models.TextChoices):
    """The member's part in an activity, as the organiser records it (谁组织谁记录)."""

    PARTICIPANT = "participant", "参加"
    LEADER = "leader", "牵头组织（带队）"


class Participant(TenantModel):
    """A member expected at an activity: invited (compulsory) or signed up, with their role."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participants")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=20, choices=ParticipantSource.choices)
    role = models.CharField("角色", max_length=20, choices=ParticipantRole.choices,
                            default=ParticipantRole.PARTICIPANT)
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["member__name_key", "member__code"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "member"], name="participant_once"),
            models.CheckConstraint(condition=models.Q(role__in=ParticipantRole.values),
                                   name="participant_role_valid"),
        ]


class SignInMethod(models.TextChoices):
    CODE = "code", "签到码"
    STAFF = "staff", "工作人员登记"


class SignIn(TenantModel):
    """A member's attendance at an activity, by code on a phone or recorded by staff."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="signins")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="activity_signins")
    method = models.CharField(max_length=10, choices=SignInMethod.choices)
    at = models.DateTimeField()
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "member"], name="signin_once"),
        ]


class LeaveRequest(TenantModel):
    """A member's request for leave (请假) from an activity, decided by the configured approver."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="leaves")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField("请假事由")
    status = models.CharField("状态", max_length=20, choices=LeaveStatus.choices,
                              default=LeaveStatus.PENDING)
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField("审批意见", blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = "请假"
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=LeaveStatus.values),
                                   name="leave_status_valid"),
            models.UniqueConstraint(fields=["activity", "member"],
                                    condition=models.Q(status__in=["pending", "approved"]),
                                    name="leave_one_open_per_member"),
        ]


class Speech(TenantModel):
    """A 大会发言 submitted by a member for a plenary session."""

    class Mode(models.TextChoices):
        WRITTEN = "written", "书面发言"
        ORAL = "oral", "口头发言"

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    title = models.CharField("题目", max_length=200)
    body = models.TextField("发言内容")
    mode = models.CharField("申请方式", max_length=10, choices=Mode.choices)
    status = models.CharField("状态", max_length=20, choices=SpeechStatus.choices,
                              default=SpeechStatus.SUBMITTED)
    note = models.TextField("处理意见", blank=True)
    opinion_id = models.PositiveIntegerField("转成的社情民意", null=True, blank=True)
    submitted_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = "大会发言"
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=SpeechStatus.values),
                                   name="speech_status_valid"),
            models.CheckConstraint(condition=models.Q(mode__in=["written", "oral"]),
                                   name="speech_mode_valid"),
        ]


class ResearchReport(TenantModel):
    """A 调研报告 with its authors (执笔人), research group, adoption and conversion."""

    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文")
    is_recommendation = models.BooleanField("是否建议案", default=False)
    activity = models.ForeignKey(Activity, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="reports", verbose_name="调研活动")
    topic = models.ForeignKey(ConsultationTopic, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="reports")
    authors = models.ManyToManyField(Member, related_name="authored_reports")
    group_members = models.ManyToManyField(Member, blank=True, related_name="research_reports")
    status = models.CharField("状态", max_length=20, choices=ReportStatus.choices,
                              default=ReportStatus.SUBMITTED)
    adopted_by = models.CharField("采纳单位或领导", max_length=100, blank=True)
    adopted_on = models.DateField("采纳日期", null=True, blank=True)
    adoption_note = models.TextField("采纳情况", blank=True)
    converted_on = models.DateField("转化日期", null=True, blank=True)
    conversion_note = models.TextField("转化情况（形成的政策文件等）", blank=True)
    submitted_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = "调研报告"
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=ReportStatus.values),
                                   name="report_status_valid"),
        ]

    def __str__(self) -> str:
        return self.title


class LeaderLevel(models.TextChoices):
    NATIONAL = "national", "中央"
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"


class ReportInstruction(TenantModel):
    """A leader's written instruction (批示) on a research report."""

    report = models.ForeignKey(ResearchReport, on_delete=models.PROTECT,
                               related_name="instructions")
    leader_name = models.CharField("批示领导", max_length=50)
    level = models.CharField("级别", max_length=20, choices=LeaderLevel.choices)
    given_on = models.DateField("批示日期")
    text = models.TextField("批示内容")
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["given_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(level__in=LeaderLevel.values),
                                   name="report_instruction_level_valid"),
        ]


class ActivityEvent(models.Model):
    """Append-only history of every change in this app; `subject` names the changed row."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(max_length=20)
    subject_id = models.PositiveIntegerField()
    activity = models.ForeignKey(Activity, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="events")
    actor = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    at = models.DateTimeField(db_index=True)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["committee", "subject", "subject_id"])]

    @property
    def label(self) -> str:
        """The action in Chinese for timelines."""
        from .workflow import ACTION_LABELS

        return ACTION_LABELS.get(self.action, self.action)

    @property
    def to_label(self) -> str:
        """The state reached, in Chinese."""
        from .workflow import STATES_BY_SUBJECT

        states = STATES_BY_SUBJECT.get(self.subject)
        return states(self.to_status).label if states and self.to_status in states.values \
            else self.to_status
