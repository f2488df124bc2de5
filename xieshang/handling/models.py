"""Handling by units: assignments, deadlines, contacts, replies, ratings, events.

A case handles one accepted proposal or one 社情民意 item transferred to units (转办).
"""

from django.conf import settings
from django.db import models

from xieshang.core.models import Committee, TenantModel
from xieshang.organization.models import Member, Unit
from xieshang.proposals.models import Proposal, Proposer

from .workflow import AssignmentStatus, CaseStatus, ReplyStatus


class HandlingConfig(models.Model):
    """Per-committee handling parameters (domain.md §1.6–1.12); every one is configurable."""

    committee = models.OneToOneField(Committee, on_delete=models.CASCADE,
                                     related_name="handling_config")
    sign_window_days = models.PositiveSmallIntegerField("签收/申请退回期限（工作日）", default=5)
    handling_months = models.PositiveSmallIntegerField("办理期限（签收后月数）", default=3)
    extension_cap_months = models.PositiveSmallIntegerField("延期上限（签收后月数）", default=6)
    co_opinion_months = models.PositiveSmallIntegerField("会办意见期限（月）", default=1)
    rehandle_months = models.PositiveSmallIntegerField("重新办理期限（月）", default=1)
    rating_window_days = models.PositiveSmallIntegerField("征询意见期限（工作日）", default=15)
    review_window_days = models.PositiveSmallIntegerField("提案委审核答复期限（工作日）",
                                                          default=5)
    publication_limit_days = models.PositiveSmallIntegerField("答复后公开期限（工作日）",
                                                              default=20)
    due_soon_days = models.PositiveSmallIntegerField("临期提醒（到期前工作日）", default=5)
    severe_overdue_days = models.PositiveSmallIntegerField("严重超期（超期工作日）", default=10)
    opinion_handling_days = models.PositiveSmallIntegerField(
        "社情民意转办办理期限（签收后工作日）", default=20)

    class Meta:
        verbose_name = "提案办理参数"


class ResultClass(TenantModel):
    """A reply's result class (A/B/C or A/B/C/D) with this committee's wording."""

    code = models.CharField("代码", max_length=5)
    label = models.CharField("含义", max_length=50)
    order = models.PositiveSmallIntegerField(default=0)
    counts_as_resolved = models.BooleanField("计为已解决", default=False)

    class Meta:
        verbose_name = "办理结果分类"
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "code"], name="result_class_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code}（{self.label}）"


class HandlingCase(TenantModel):
    """The handling of one accepted proposal or one transferred 社情民意 item, across rounds."""

    class Mode(models.TextChoices):
        SINGLE = "single", "单办"
        SPLIT = "split", "分办"
        LEAD_CO = "lead_co", "主办+会办"

    # Exactly one subject: a proposal, or a 社情民意 item transferred for handling (转办).
    proposal = models.OneToOneField(Proposal, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="handling_case")
    opinion = models.OneToOneField("opinions.Opinion", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="handling_case")
    mode = models.CharField("办理方式", max_length=10, choices=Mode.choices)
    status = models.CharField("状态", max_length=20, choices=CaseStatus.choices)
    round = models.PositiveSmallIntegerField("办理轮次", default=1)
    cutoff = models.DateField("统一办结期限", null=True, blank=True)
    assigned_at = models.DateTimeField()
    replied_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    close_reason = models.CharField("办结说明", max_length=500, blank=True)

    class Meta:
        verbose_name = "提案办理"
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=CaseStatus.values),
                                   name="case_status_valid"),
            models.CheckConstraint(condition=models.Q(mode__in=["single", "split", "lead_co"]),
                                   name="case_mode_valid"),
            models.CheckConstraint(
                condition=models.Q(proposal__isnull=False, opinion__isnull=True)
                | models.Q(proposal__isnull=True, opinion__isnull=False),
                name="case_one_subject"),
        ]

    @property
    def current_assignments(self) -> list:
        """Return the assignments still with their units (not returned), from the prefetched
        rows when present; lists join these, so no separator is left before a dropped one."""
        return [a for a in self.assignments.all() if a.status != "returned"]

    @property
    def is_opinion(self) -> bool:
        return self.opinion_id is not None

    @property
    def subject(self):
        return self.opinion if self.is_opinion else self.proposal

    @property
    def subject_kind(self) -> str:
        return "社情民意" if self.is_opinion else "提案"

    @property
    def subject_number(self) -> str:
        return "" if self.is_opinion else self.proposal.official_number

    @property
    def subject_title(self) -> str:
        return self.subject.title

    @property
    def subject_heading(self) -> str:
        """Return the number (if any) and title, as lists and notices show them."""
        return f"{self.subject_number} {self.subject_title}".strip()

    @property
    def subject_url(self) -> str:
        if self.is_opinion:
            return f"/opinions/{self.opinion_id}/"
        return f"/proposals/{self.proposal_id}/"


class Assignment(TenantModel):
    """One unit's part in handling a proposal."""

    class Role(models.TextChoices):
        SINGLE = "single", "单办"
        SPLIT = "split", "分办"
        LEAD = "lead", "主办"
        CO = "co", "会办"

    case = models.ForeignKey(HandlingCase, on_delete=models.PROTECT, related_name="assignments")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField("角色", max_length=10, choices=Role.choices)
    status = models.CharField("状态", max_length=20, choices=AssignmentStatus.choices)
    assigned_at = models.DateTimeField()
    signed_at = models.DateTimeField(null=True, blank=True)
    sign_due = models.DateField("签收期限")
    due = models.DateField("办理期限", null=True, blank=True)
    return_reason = models.TextField("申请退回理由", blank=True)
    opinion = models.TextField("会办意见", blank=True)
    opinion_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "交办"
        indexes = [models.Index(fields=["committee", "unit", "status"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=AssignmentStatus.values),
                                   name="assignment_status_valid"),
            models.UniqueConstraint(
                fields=["case", "unit"],
                condition=~models.Q(status="returned"),
                name="assignment_one_open_per_unit",
            ),
        ]

    @property
    def replies_to_proposer(self) -> bool:
        return self.role != self.Role.CO


class ExtensionRequest(models.Model):
    """A unit's request for more time, decided by the assigning office."""

    class Status(models.TextChoices):
        PENDING = "pending", "待审批"
        APPROVED = "approved", "已同意"
        REFUSED = "refused", "不同意"

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE,
                                   related_name="extensions")
    requested_due = models.DateField("申请延期至")
    reason = models.TextField("理由")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=500, blank=True)


class Contact(models.Model):
    """A consultation with the proposer or a visit while handling (办前/办中/办后)."""

    class Stage(models.TextChoices):
        BEFORE = "before", "办前"
        DURING = "during", "办中"
        AFTER = "after", "办后"

    class Mode(models.TextChoices):
        FACE = "face", "面商"
        PHONE = "phone", "电话"
        MEETING = "meeting", "座谈"
        VISIT = "visit", "走访"
        OTHER = "other", "其他"

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="contacts")
    stage = models.CharField("阶段", max_length=10, choices=Stage.choices)
    mode = models.CharField("方式", max_length=10, choices=Mode.choices)
    happened_on = models.DateField("日期")
    participants = models.CharField("参加人员", max_length=300)
    minutes = models.TextField("情况记录")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["happened_on", "id"]


class Reply(TenantModel):
    """The reply of one replying assignment in one round; every saved text is a version."""

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="replies")
    round = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=20, choices=ReplyStatus.choices,
                              default=ReplyStatus.DRAFT)
    body = models.TextField("答复正文")
    # The body as the unit typed or pasted it, when cleaning (normalize) changed it; else empty.
    original = models.TextField("原始输入", blank=True, default="")
    result_class = models.ForeignKey(ResultClass, null=True, on_delete=models.PROTECT)
    contact_person = models.CharField("联系人", max_length=50)
    contact_phone = models.CharField("联系电话", max_length=30)
    signer = models.CharField("签发领导", max_length=50)
    version = models.PositiveSmallIntegerField(default=1)
    review_note = models.TextField("审核意见", blank=True)
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    signed_off_at = models.DateTimeField(null=True, blank=True)
    passed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = "答复"
        constraints = [
            models.UniqueConstraint(fields=["assignment", "round"], name="reply_one_per_round"),
            models.CheckConstraint(condition=models.Q(status__in=ReplyStatus.values),
                                   name="reply_status_valid"),
        ]


class ReplyVersion(models.Model):
    """An immutable copy of a reply as saved; nothing is ever overwritten."""

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    body = models.TextField()
    result_class_code = models.CharField(max_length=5, blank=True)
    contact_person = models.CharField(max_length=50)
    contact_phone = models.CharField(max_length=30)
    signer = models.CharField(max_length=50)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    saved_at = models.DateTimeField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["reply", "number"], name="reply_version_unique")
        ]


class Cosign(models.Model):
    """A co-handling unit's answer to the lead unit's draft reply (会签)."""

    class Status(models.TextChoices):
        PENDING = "pending", "待会签"
        AGREED = "agreed", "同意"
        COMMENTED = "commented", "提出修改意见"

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="cosigns")
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="cosigns")
    version = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    comment = models.TextField(blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)


class Feedback(TenantModel):
    """One proposer's rating of the replies in one round (征询意见表)."""

    class Level(models.TextChoices):
        SATISFIED = "satisfied", "满意"
        BASIC = "basic", "基本满意"
        UNSATISFIED = "unsatisfied", "不满意"

    class Answered(models.TextChoices):
        YES = "yes", "针对"
        PARTLY = "partly", "基本针对"
        NO = "no", "未针对"

    case = models.ForeignKey(HandlingCase, on_delete=models.PROTECT, related_name="feedback")
    round = models.PositiveSmallIntegerField()
    proposer = models.ForeignKey(Proposer, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+",
                               verbose_name="评价人")
    overall = models.CharField("总体评价", max_length=12, choices=Level.choices)
    contact = models.CharField("办前联系", max_length=12, choices=Level.choices)
    attitude = models.CharField("办理态度", max_length=12, choices=Level.choices)
    result = models.CharField("办理结果", max_length=12, choices=Level.choices)
    answered = models.CharField("答复是否针对提案", max_length=10, choices=Answered.choices)
    comments = models.TextField("意见和建议", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    rated_at = models.DateTimeField()

    class Meta:
        verbose_name = "办理评价"
        constraints = [
            models.UniqueConstraint(fields=["case", "round", "proposer"],
                                    name="feedback_once_per_round"),
        ]


class HandlingEvent(models.Model):
    """Append-only history of handling; timelines, reminders and statistics read it."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(HandlingCase, on_delete=models.PROTECT, related_name="events")
    assignment = models.ForeignKey(Assignment, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="events")
    reply = models.ForeignKey(Reply, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                              related_name="+")
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    at = models.DateTimeField(db_index=True)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["committee", "action", "at"])]


class RoutingTraining(models.Model):
    """One training of the committee's lead-unit model (handling.routing): who, when, on what,
    and how it ended.

    The model itself is files under DATA_DIR. A row is written when a training starts
    (`running`) and closed when the new files are in place (`done`) or the training gives up
    (`failed`, with the reason), so every worker process sees a training in progress and at most
    one runs per committee (the partial unique constraint). `at` is when the training started and
    read the handling history: assignments made after it are what the model has not seen.
    """

    class Source(models.TextChoices):
        WEB = "web", "交办台"
        API = "api", "接口"
        COMMAND = "command", "命令行"

    class Status(models.TextChoices):
        RUNNING = "running", "训练中"
        DONE = "done", "已完成"
        FAILED = "failed", "未完成"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    source = models.CharField("方式", max_length=10, choices=Source.choices)
    status = models.CharField("状态", max_length=10, choices=Status.choices,
                              default=Status.DONE)
    at = models.DateTimeField("训练时间", db_index=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    message = models.CharField("未完成原因", max_length=200, blank=True)
    examples = models.PositiveIntegerField("训练样本数", default=0)
    units = models.PositiveIntegerField("承办单位数", default=0)
    seconds = models.FloatField("用时（秒）", default=0)

    class Meta:
        verbose_name = "单位推荐模型训练记录"
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(source__in=["web", "api", "command"]),
                                   name="routing_training_source_valid"),
            models.CheckConstraint(condition=models.Q(status__in=["running", "done", "failed"]),
                                   name="routing_training_status_valid"),
            models.UniqueConstraint(fields=["committee"],
                                    condition=models.Q(status="running"),
                                    name="routing_training_one_running"),
        ]

    @property
    def by(self) -> str:
        """Who trained: the office user, or the way it was started when nobody signed in."""
        return str(self.actor) if self.actor_id else self.get_source_display()
