"""Key proposals (重点提案) with their supervision, excellent proposals (优秀提案), and events."""

from django.conf import settings
from django.db import models

from xieshang.core.models import Committee, TenantModel
from xieshang.proposals.models import Proposal

from .workflow import ACTIVE_EXCELLENT, ACTIVE_KEY, ExcellentStatus, KeyStatus


class LeaderKind(models.TextChoices):
    CPPCC = "cppcc", "政协"
    PARTY = "party", "党委"
    GOVERNMENT = "government", "政府"


class MeetingDecision(TenantModel):
    """A chair's-meeting decision (主席会议决定) as recorded by the proposal committee."""

    meeting = models.CharField("会议", max_length=100)
    meeting_date = models.DateField("会议日期")
    text = models.TextField("决定内容")
    approved = models.BooleanField("通过")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = "主席会议决定"
        ordering = ["-meeting_date", "-id"]

    def __str__(self) -> str:
        return f"{self.meeting}（{self.meeting_date:%Y-%m-%d}）"


class KeyProposal(TenantModel):
    """One key proposal: a main accepted proposal, optionally with related proposals (并案督办)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="key_proposals",
                                 verbose_name="主提案")
    title = models.CharField("重点提案名称", max_length=200)
    reason = models.TextField("推荐理由")
    status = models.CharField("状态", max_length=20, choices=KeyStatus.choices,
                              default=KeyStatus.CANDIDATE)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    proposed_at = models.DateTimeField()
    decision = models.ForeignKey(MeetingDecision, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="key_proposals")
    summary = models.TextField("督办办结情况", blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = "重点提案"
        ordering = ["-proposed_at", "-id"]
        indexes = [models.Index(fields=["committee", "status"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=KeyStatus.values),
                                   name="key_proposal_status_valid"),
            models.UniqueConstraint(fields=["proposal"],
                                    condition=models.Q(status__in=sorted(ACTIVE_KEY)),
                                    name="key_proposal_one_active_per_proposal"),
            models.CheckConstraint(
                condition=models.Q(status="candidate") | models.Q(decision__isnull=False),
                name="key_proposal_decided_has_decision"),
        ]

    def __str__(self) -> str:
        return self.title

    def current_leaders(self) -> list["SupervisingLeader"]:
        """Return the leaders not removed, the leading one first (uses a prefetch if present)."""
        return sorted((r for r in self.leaders.all() if r.removed_at is None),
                      key=lambda r: (not r.is_lead, r.pk))

    def lead_leader(self) -> "SupervisingLeader | None":
        return next((r for r in self.current_leaders() if r.is_lead), None)


class RelatedProposal(TenantModel):
    """A proposal supervised together with the key proposal's main proposal."""

    key_proposal = models.ForeignKey(KeyProposal, on_delete=models.CASCADE,
                                     related_name="related")
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT,
                                 related_name="key_proposal_links")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["key_proposal", "proposal"],
                                    name="related_proposal_unique"),
        ]


class SupervisingLeader(TenantModel):
    """A CPPCC, Party or government leader supervising a key proposal (督办领导)."""

    key_proposal = models.ForeignKey(KeyProposal, on_delete=models.PROTECT,
                                     related_name="leaders")
    kind = models.CharField("类别", max_length=20, choices=LeaderKind.choices)
    name = models.CharField("姓名", max_length=50)
    title = models.CharField("职务", max_length=100)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.PROTECT, related_name="supervisions",
                             verbose_name="系统用户")
    is_lead = models.BooleanField("领衔督办", default=False)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    added_at = models.DateTimeField()
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "督办领导"
        ordering = ["-is_lead", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=LeaderKind.values),
                                   name="supervising_leader_kind_valid"),
            models.UniqueConstraint(
                fields=["key_proposal"],
                condition=models.Q(is_lead=True, removed_at__isnull=True),
                name="supervising_leader_one_lead"),
            models.UniqueConstraint(
                fields=["key_proposal", "user"],
                condition=models.Q(user__isnull=False, removed_at__isnull=True),
                name="supervising_leader_user_once"),
        ]

    def __str__(self) -> str:
        return f"{self.title}{self.name}"


class ActivityKind(models.TextChoices):
    FORUM = "forum", "座谈"
    INSPECTION = "inspection", "视察"
    VISIT = "visit", "走访"
    UNANNOUNCED = "unannounced", "暗访"
    MEETING = "meeting", "督办会"
    RESEARCH = "research", "专题调研"
    CONSULTATION = "consultation", "协商"


class SupervisionActivity(TenantModel):
    """A supervision activity (督办活动) on a key proposal; append-only."""

    key_proposal = models.ForeignKey(KeyProposal, on_delete=models.PROTECT,
                                     related_name="activities")
    kind = models.CharField("形式", max_length=20, choices=ActivityKind.choices)
    held_on = models.DateField("日期")
    place = models.CharField("地点", max_length=200, blank=True)
    participants = models.TextField("参加人员", blank=True)
    leaders = models.ManyToManyField(SupervisingLeader, blank=True, related_name="activities",
                                     verbose_name="出席的督办领导")
    notes = models.TextField("情况记录")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = "督办活动"
        ordering = ["held_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=ActivityKind.values),
                                   name="supervision_activity_kind_valid"),
        ]


class Instruction(TenantModel):
    """A leader's written instruction (批示) on a key proposal; append-only."""

    key_proposal = models.ForeignKey(KeyProposal, on_delete=models.PROTECT,
                                     related_name="instructions")
    leader_name = models.CharField("批示领导", max_length=50)
    leader_title = models.CharField("职务", max_length=100)
    leader_kind = models.CharField("类别", max_length=20, choices=LeaderKind.choices,
                                   blank=True)
    leader = models.ForeignKey(SupervisingLeader, null=True, blank=True,
                               on_delete=models.PROTECT, related_name="instructions")
    given_on = models.DateField("批示日期")
    text = models.TextField("批示内容")
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+",
                                 verbose_name="领导本人录入")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = "领导批示"
        ordering = ["given_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(leader_kind="") | models.Q(leader_kind__in=LeaderKind.values),
                name="instruction_leader_kind_valid"),
        ]


class ExcellentProposal(TenantModel):
    """A candidacy for 优秀提案, approved or not by a chair's-meeting decision."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT,
                                 related_name="excellent_candidacies")
    reason = models.TextField("推荐理由")
    status = models.CharField("状态", max_length=20, choices=ExcellentStatus.choices,
                              default=ExcellentStatus.CANDIDATE)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    proposed_at = models.DateTimeField()
    decision = models.ForeignKey(MeetingDecision, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="excellent_proposals")
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = "优秀提案"
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=ExcellentStatus.values),
                                   name="excellent_proposal_status_valid"),
            models.UniqueConstraint(fields=["proposal"],
                                    condition=models.Q(status__in=sorted(ACTIVE_EXCELLENT)),
                                    name="excellent_proposal_one_active"),
            models.CheckConstraint(
                condition=models.Q(status="candidate") | models.Q(decision__isnull=False),
                name="excellent_proposal_decided_has_decision"),
        ]


class SupervisionEvent(models.Model):
    """Append-only history of key and excellent proposals, written with every change."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    key_proposal = models.ForeignKey(KeyProposal, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="events")
    excellent = models.ForeignKey(ExcellentProposal, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="events")
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
        constraints = [
            models.CheckConstraint(
                condition=models.Q(key_proposal__isnull=False, excellent__isnull=True)
                | models.Q(key_proposal__isnull=True, excellent__isnull=False),
                name="supervision_event_has_one_subject"),
        ]
