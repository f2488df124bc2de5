"""Appraisal rules as data (versioned), computed appraisals and their per-member results,
members' questions and confirmations, status decisions, 常委 annual reports, and the event log.

The record itself is not stored: `record.py` builds it from the other apps' rows each time.
"""

from django.conf import settings
from django.db import models

from xieshang.core.models import Committee, TenantModel
from xieshang.organization.models import Member, Membership, Term

from .workflow import AppraisalStatus, QuestionStatus, ReportStatus

USER = settings.AUTH_USER_MODEL


class AppraisalSettings(TenantModel):
    """Per-committee choices: whether rankings are shown with published results, and from when
    members may confirm a year's record."""

    show_ranking = models.BooleanField("公布排名", default=False)
    # 0: only once the year has ended, when no activity of the year can still be ahead.
    confirm_days_before_end = models.PositiveSmallIntegerField(
        "年度结束前几天起可确认档案", default=0)

    class Meta:
        verbose_name = "考评设置"
        constraints = [
            models.UniqueConstraint(fields=["committee"], name="appraisal_settings_one"),
        ]


class RuleSet(TenantModel):
    """One version of a committee's 《委员履职考评办法》 for a year; never edited once saved.

    A change is saved as the next version; results keep the version they were computed with.
    """

    year = models.PositiveSmallIntegerField("年度")
    version = models.PositiveSmallIntegerField("版本")
    name = models.CharField("名称", max_length=100)
    preset = models.CharField("来源模板", max_length=30, blank=True)
    rules = models.JSONField("规则")
    note = models.CharField("修改说明", max_length=200, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = "考评办法"
        ordering = ["-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "year", "version"],
                                    name="rule_set_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.year}年 第{self.version}版）"


class Scope(models.TextChoices):
    YEAR = "year", "年度考评"
    TERM = "term", "届期考评"


class Appraisal(TenantModel):
    """The computation of every member's score for a year (or a term) under one rule version."""

    scope = models.CharField("考评范围", max_length=10, choices=Scope.choices,
                             default=Scope.YEAR)
    year = models.PositiveSmallIntegerField("年度")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="+")
    revision = models.PositiveSmallIntegerField("修订次数", default=1)
    rule_set = models.ForeignKey(RuleSet, on_delete=models.PROTECT, related_name="appraisals")
    status = models.CharField("状态", max_length=20, choices=AppraisalStatus.choices,
                              default=AppraisalStatus.DRAFT)
    computed_at = models.DateTimeField()
    computed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = "履职考评"
        ordering = ["-year", "-revision"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=AppraisalStatus.values),
                                   name="appraisal_status_valid"),
            models.CheckConstraint(condition=models.Q(scope__in=Scope.values),
                                   name="appraisal_scope_valid"),
            models.UniqueConstraint(fields=["committee", "scope", "year", "revision"],
                                    name="appraisal_revision_unique"),
            models.UniqueConstraint(fields=["committee", "scope", "year"],
                                    condition=models.Q(status="draft"),
                                    name="appraisal_one_draft"),
        ]

    def __str__(self) -> str:
        if self.scope == Scope.YEAR:
            return f"{self.year}年度委员履职考评"
        return f"{self.term.name}委员履职考评（截至{self.year}年）"


class Result(models.Model):
    """A member's score, grade, flags and the explanation of every point, as computed."""

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="results")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField("得分", max_digits=7, decimal_places=2)
    grade = models.CharField("等次", max_length=20)
    grade_label = models.CharField("等次名称", max_length=20)
    breakdown = models.JSONField("得分明细")
    flags = models.JSONField("提示", default=list, blank=True)

    class Meta:
        ordering = ["-score", "member__name_key", "member__code"]
        constraints = [
            models.UniqueConstraint(fields=["appraisal", "member"], name="result_once"),
        ]


class QuestionKind(models.TextChoices):
    MISSING = "missing", "漏记（缺少记录）"
    WRONG = "wrong", "记录有误（身份、出勤等）"
    OTHER = "other", "其他"


class CorrectionKind(models.TextChoices):
    """The corrections an answer can make, each through the owning app's own service."""

    ATTENDANCE = "attendance", "补登出席"
    LEAVE = "leave", "补登请假"
    LEADER = "leader", "更正为活动组织者（带队）"
    COSIGNER_ADD = "cosigner_add", "补列为联名提案人"
    COSIGNER_REMOVE = "cosigner_remove", "删除误列的联名提案人"
    OPINION_AUTHOR = "opinion_author", "补列为社情民意作者"


# The record source each correction fixes (the prefix of the entries' `ref`).
CORRECTION_SOURCE = {
    CorrectionKind.ATTENDANCE: "attendance", CorrectionKind.LEAVE: "attendance",
    CorrectionKind.LEADER: "attendance", CorrectionKind.COSIGNER_ADD: "proposal",
    CorrectionKind.COSIGNER_REMOVE: "proposal", CorrectionKind.OPINION_AUTHOR: "opinion",
}


class Question(TenantModel):
    """A member's question on the year's record; staff answer it, with a correction or not."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    kind = models.CharField("类型", max_length=20, choices=QuestionKind.choices)
    entry_ref = models.CharField("所涉记录", max_length=60, blank=True)
    entry_title = models.CharField("所涉记录名称", max_length=200, blank=True)
    text = models.TextField("疑问内容")
    status = models.CharField("状态", max_length=20, choices=QuestionStatus.choices,
                              default=QuestionStatus.OPEN)
    answer = models.TextField("答复", blank=True)
    correction = models.JSONField("所作更正", default=dict, blank=True)
    asked_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField()
    answered_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = "档案疑问"
        ordering = ["-asked_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=QuestionStatus.values),
                                   name="question_status_valid"),
            models.CheckConstraint(condition=models.Q(kind__in=QuestionKind.values),
                                   name="question_kind_valid"),
            models.CheckConstraint(condition=models.Q(status="open") | ~models.Q(answer=""),
                                   name="question_answered_has_answer"),
        ]


class Confirmation(TenantModel):
    """A member's confirmation of the year's record as it stood (entry count recorded)."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    entries = models.PositiveIntegerField("记录条数")
    confirmed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField()

    class Meta:
        verbose_name = "档案确认"
        ordering = ["-confirmed_at", "-id"]


class DecisionKind(models.TextChoices):
    TALK = "talk", "谈话提醒"
    PERSUADE = "persuade", "劝辞"
    REVOKE = "revoke", "撤销委员资格"


# The membership status a decision puts in force; a reminder talk changes nothing.
DECISION_STATUS = {DecisionKind.TALK: None, DecisionKind.PERSUADE: "persuaded",
                   DecisionKind.REVOKE: "revoked"}


class StatusDecision(TenantModel):
    """The committee's decision on a member (谈话提醒, 劝辞, 撤销资格) with its evidence."""

    membership = models.ForeignKey(Membership, on_delete=models.PROTECT,
                                   related_name="status_decisions")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("决定", max_length=20, choices=DecisionKind.choices)
    decided_on = models.DateField("决定日期")
    meeting = models.CharField("决定会议", max_length=100)
    reason = models.TextField("事由")
    evidence = models.JSONField("依据", default=list)
    appraisal = models.ForeignKey(Appraisal, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    from_status = models.CharField(max_length=20)
    to_status = models.CharField(max_length=20)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = "委员资格处理决定"
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=DecisionKind.values),
                                   name="status_decision_kind_valid"),
        ]


class AnnualReport(TenantModel):
    """A 常委's annual performance report (履职报告), filed in the record once accepted."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    text = models.TextField("报告正文")
    status = models.CharField("状态", max_length=20, choices=ReportStatus.choices,
                              default=ReportStatus.DRAFT)
    review_note = models.TextField("审核意见", blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = "常委年度履职报告"
        ordering = ["-year", "member__name_key", "member__code"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=ReportStatus.values),
                                   name="annual_report_status_valid"),
            models.UniqueConstraint(fields=["member", "year"], name="annual_report_once"),
        ]


class AppraisalEvent(models.Model):
    """Append-only history of every change in this app; `subject` names the changed row."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(max_length=20)
    subject_id = models.PositiveIntegerField()
    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    actor = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    at = models.DateTimeField(db_index=True)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["committee", "subject", "subject_id"])]
