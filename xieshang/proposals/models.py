"""Proposals (提案), their proposers, attachments, review configuration and event log."""

from django.conf import settings
from django.db import models

from xieshang.core.models import Committee, TenantModel
from xieshang.organization.models import (
    Member,
    Party,
    Sector,
    Session,
    SpecialCommittee,
    Unit,
)

from .workflow import Status


class ProposalConfig(models.Model):
    """Per-committee parameters of proposal intake and review."""

    class Numbering(models.TextChoices):
        ON_ACCEPT = "on_accept", "立案时编号"
        CLASSIFIED = "classified", "分类排序后统一编号"

    committee = models.OneToOneField(
        Committee, on_delete=models.CASCADE, related_name="proposal_config"
    )
    two_stage_review = models.BooleanField("两级审查（初审→复审）", default=False)
    numbering = models.CharField(
        "编号方式", max_length=20, choices=Numbering.choices, default=Numbering.ON_ACCEPT
    )
    number_format = models.CharField(
        "提案号格式",
        max_length=50,
        default="{seq:03d}",
        help_text="可用占位符：{year} 年度，{term} 届次，{session} 次，{seq} 序号",
    )
    receipt_format = models.CharField(
        "流水号格式", max_length=50, default="{year}-{seq:04d}", help_text="占位符同上"
    )
    title_max_length = models.PositiveSmallIntegerField("案由最大字数", default=60)
    require_suggested_unit = models.BooleanField("须填写建议承办单位", default=True)
    max_attachments = models.PositiveSmallIntegerField("附件数量上限", default=5)

    class Meta:
        verbose_name = "提案工作参数"


class Category(TenantModel):
    """A proposal category (提案类别); its order drives classified numbering."""

    name = models.CharField("类别", max_length=50)
    order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "提案类别"
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="category_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class RefusalGround(TenantModel):
    """One of the administrable grounds for 不予立案."""

    text = models.CharField("不予立案理由", max_length=200)
    order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "不予立案理由"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class Proposal(TenantModel):
    """A proposal from draft to the review decision (handling is added by the handling apps)."""

    class ProposerType(models.TextChoices):
        INDIVIDUAL = "individual", "委员个人"
        JOINT = "joint", "委员联名"
        PARTY = "party", "党派"
        GROUP = "group", "人民团体"
        SPECIAL_COMMITTEE = "special_committee", "专门委员会"
        SECTOR = "sector", "界别"
        MEMBER_GROUP = "member_group", "委员小组"

    class Kind(models.TextChoices):
        PLENARY = "plenary", "大会提案"
        IN_YEAR = "in_year", "平时提案"

    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    proposer_type = models.CharField("提案者类型", max_length=20, choices=ProposerType.choices)
    kind = models.CharField("提出时间类型", max_length=10, choices=Kind.choices, blank=True)
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.PROTECT, related_name="proposals"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    lead_member = models.ForeignKey(
        Member,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_proposals",
        verbose_name="第一提案人",
    )
    party = models.ForeignKey(Party, null=True, blank=True, on_delete=models.PROTECT)
    special_committee = models.ForeignKey(
        SpecialCommittee, null=True, blank=True, on_delete=models.PROTECT
    )
    sector = models.ForeignKey(Sector, null=True, blank=True, on_delete=models.PROTECT)
    member_group_name = models.CharField("委员小组", max_length=50, blank=True)

    title = models.CharField("案由", max_length=200)
    reasons = models.TextField("情况与分析")
    suggestions = models.TextField("具体建议")
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.PROTECT, related_name="proposals"
    )
    suggested_units = models.ManyToManyField(
        Unit, through="SuggestedUnit", related_name="suggested_in", blank=True
    )
    consent_publication = models.BooleanField("同意公开", default=True)
    # What the proposer typed or pasted, for the text fields that normalisation changed.
    original = models.JSONField("原始输入", default=dict, blank=True)

    receipt_seq = models.PositiveIntegerField(null=True, blank=True)
    receipt_number = models.CharField("流水号", max_length=30, blank=True)
    official_seq = models.PositiveIntegerField(null=True, blank=True)
    official_number = models.CharField("提案号", max_length=30, blank=True)

    first_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_children"
    )
    refusal_ground = models.ForeignKey(
        RefusalGround, null=True, blank=True, on_delete=models.PROTECT
    )
    decision_note = models.TextField("审查意见", blank=True)
    return_reason = models.TextField("退回理由", blank=True)

    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "提案"
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["committee", "status"]),
            models.Index(fields=["session", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="proposal_status_valid"
            ),
            models.UniqueConstraint(
                fields=["session", "official_seq"],
                condition=models.Q(official_seq__isnull=False),
                name="proposal_official_number_unique",
            ),
            models.UniqueConstraint(
                fields=["session", "receipt_seq"],
                condition=models.Q(receipt_seq__isnull=False),
                name="proposal_receipt_unique",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="merged") | models.Q(merged_into__isnull=False),
                name="merged_proposal_has_main",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def proposer_display(self) -> str:
        """Return the proposer as printed: the body's name, or the members' names."""
        body = self.party or self.special_committee or self.sector
        if body:
            return str(body)
        if self.member_group_name:
            return self.member_group_name
        return self.lead_member.name if self.lead_member else ""

    @property
    def confirmed_proposers(self) -> list:
        """Return the confirmed proposer rows in order, from the prefetched rows when present.

        Lists join these with 、; filtering in the template left a separator before a row it
        then dropped (a declined co-signer).
        """
        return [r for r in self.proposers.all() if r.status == Proposer.Status.CONFIRMED]


class SuggestedUnit(models.Model):
    """A handling unit the proposer suggests (建议承办单位), as lead or co-handler."""

    class Role(models.TextChoices):
        LEAD = "lead", "主办"
        CO = "co", "会办"

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT)
    role = models.CharField(max_length=10, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "unit"], name="suggested_unit_unique")
        ]


class Proposer(models.Model):
    """A proposer of a proposal: the first proposer, a co-signer, or one inherited by 并案."""

    class Role(models.TextChoices):
        FIRST = "first", "第一提案人"
        CO = "co", "联名提案人"
        BODY = "body", "提案单位"
        MERGED = "merged", "并案提案人"

    class Status(models.TextChoices):
        INVITED = "invited", "待确认"
        CONFIRMED = "confirmed", "已确认"
        DECLINED = "declined", "已谢绝"
        REVOKED = "revoked", "已撤回邀请"

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="proposers")
    role = models.CharField(max_length=10, choices=Role.choices)
    status = models.CharField(max_length=10, choices=Status.choices)
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="proposer_rows"
    )
    party = models.ForeignKey(Party, null=True, blank=True, on_delete=models.PROTECT)
    special_committee = models.ForeignKey(
        SpecialCommittee, null=True, blank=True, on_delete=models.PROTECT
    )
    sector = models.ForeignKey(Sector, null=True, blank=True, on_delete=models.PROTECT)
    group_name = models.CharField(max_length=50, blank=True)
    source_proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)
    invited_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "member"],
                condition=models.Q(member__isnull=False),
                name="proposer_member_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(member__isnull=False)
                | models.Q(party__isnull=False)
                | models.Q(special_committee__isnull=False)
                | models.Q(sector__isnull=False)
                | ~models.Q(group_name=""),
                name="proposer_is_someone",
            ),
        ]

    @property
    def identity(self) -> tuple:
        """Return what makes two proposer rows the same proposer."""
        return (
            self.member_id,
            self.party_id,
            self.special_committee_id,
            self.sector_id,
            self.group_name,
        )

    def __str__(self) -> str:
        who = self.member or self.party or self.special_committee or self.sector
        return str(who) if who else self.group_name


class Attachment(models.Model):
    """A file attached to a proposal, stored outside the web root."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    file_name = models.CharField(max_length=200)
    stored_name = models.CharField(max_length=80, unique=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField()
    removed_at = models.DateTimeField(null=True, blank=True)


class Conversion(models.Model):
    """A proposal not accepted but passed on as 社情民意, 意见建议 or 委员来信."""

    class Kind(models.TextChoices):
        OPINION = "opinion", "转社情民意"
        SUGGESTION = "suggestion", "转意见建议"
        LETTER = "letter", "转委员来信"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="conversion")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    consent_note = models.CharField("提案者同意情况", max_length=200)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField()


class ProposalEvent(models.Model):
    """Append-only history of a proposal: every change writes one row in the same transaction."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    at = models.DateTimeField(db_index=True)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["committee", "action", "at"])]
