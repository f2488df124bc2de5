"""社情民意 items, their authors and versions, issues (期) of 《社情民意》, adoptions, 批示."""

from django.conf import settings
from django.db import models

from xieshang.core.models import Committee, TenantModel
from xieshang.organization.models import Member, Party, Sector, SpecialCommittee
from xieshang.proposals.models import Category, Proposal

from .workflow import IssueStatus, Status


class OpinionConfig(models.Model):
    """Per-committee parameters of 社情民意 work."""

    class TitleRule(models.TextChoices):
        SUGGESTION = "suggestion", "须写作“关于……的建议”"
        EITHER = "either", "“关于……的建议”或“……的情况反映”"
        FREE = "free", "不限"

    class CreditRule(models.TextChoices):
        EQUAL = "equal", "每位作者等分"
        BY_ITEM = "by_item", "每篇来稿等分，篇内作者再等分"

    committee = models.OneToOneField(Committee, on_delete=models.CASCADE,
                                     related_name="opinion_config")
    title_rule = models.CharField("标题规则", max_length=20, choices=TitleRule.choices,
                                  default=TitleRule.EITHER)
    title_max_length = models.PositiveSmallIntegerField("标题最大字数", default=60)
    max_chars = models.PositiveIntegerField(
        "正文最大字数", default=3000,
        help_text="情况、分析、建议合计；各地常见要求为1500字左右")
    signer_not_editor = models.BooleanField("签发人不得为该期的编辑人", default=True)
    credit_rule = models.CharField("综合稿作者计分方式", max_length=20,
                                   choices=CreditRule.choices, default=CreditRule.EQUAL)
    editorial_unit = models.CharField("编发单位", max_length=100, blank=True,
                                      help_text="留空则为“政协名称＋办公室”")
    max_attachments = models.PositiveSmallIntegerField("附件数量上限", default=5)

    class Meta:
        verbose_name = "社情民意工作参数"


class Reporter(TenantModel):
    """An invited information officer (特邀信息员): a non-member reporter the office authorised."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="opinion_reporter")
    name = models.CharField("姓名", max_length=50)
    organisation = models.CharField("工作单位", max_length=100, blank=True)
    is_active = models.BooleanField("有效", default=True)
    authorised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                      related_name="+")
    authorised_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "特邀信息员"
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class SourceKind(models.TextChoices):
    MEMBER = "member", "委员"
    PARTY = "party", "党派团体"
    SPECIAL_COMMITTEE = "special_committee", "专门委员会"
    SECTOR = "sector", "界别"
    REPORTER = "reporter", "特邀信息员"
    CONVERTED_PROPOSAL = "converted_proposal", "提案转来"


_NUMERALS = "一二三"


class Opinion(TenantModel):
    """One 社情民意 item (一事一报) from its draft to its sending in an issue."""

    status = models.CharField("状态", max_length=20, choices=Status.choices,
                              default=Status.DRAFT)
    source_kind = models.CharField("来源", max_length=20, choices=SourceKind.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    party = models.ForeignKey(Party, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    special_committee = models.ForeignKey(SpecialCommittee, null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="+")
    sector = models.ForeignKey(Sector, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    reporter = models.ForeignKey(Reporter, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="opinions")
    # A proposal converted in review (转社情民意): one item per proposal, never two.
    proposal = models.OneToOneField(Proposal, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="opinion")

    title = models.CharField("标题", max_length=200)
    situation = models.TextField("情况反映", blank=True)
    analysis = models.TextField("原因分析", blank=True)
    suggestions = models.TextField("意见建议", blank=True)
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    consent_publication = models.BooleanField("同意公开", default=False)
    original = models.JSONField("原始输入", default=dict, blank=True)

    return_reason = models.TextField("退回理由", blank=True)
    check_note = models.TextField("审核意见", blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "社情民意信息"
        ordering = ["-id"]
        indexes = [models.Index(fields=["committee", "status"]),
                   models.Index(fields=["committee", "first_submitted_at"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=Status.values),
                                   name="opinion_status_valid"),
            models.CheckConstraint(condition=models.Q(source_kind__in=SourceKind.values),
                                   name="opinion_source_kind_valid"),
            models.CheckConstraint(
                condition=~models.Q(source_kind="converted_proposal")
                | models.Q(proposal__isnull=False),
                name="opinion_converted_has_proposal"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def body(self):
        return self.party or self.special_committee or self.sector

    @property
    def author_display(self) -> str:
        """Return the submitter as printed: the body, or the authors' names."""
        if self.body:
            return str(self.body)
        return "、".join(a.name for a in self.authors.all())

    @property
    def sections(self) -> list[tuple[str, str]]:
        """Return the author's text as (heading, body) in the order 情况、分析、建议, numbered
        一、二、… over the parts written, so that an item without 原因分析 skips no number."""
        if self.source_kind == SourceKind.CONVERTED_PROPOSAL and not self.analysis:
            # A proposal converted in review brings its 情况与分析 (kept in `situation`) and its
            # 具体建议: its own headings say what the text is, analysis included.
            parts = [("情况与分析", self.situation), ("具体建议", self.suggestions)]
        else:
            parts = [("情况反映", self.situation), ("原因分析", self.analysis),
                     ("意见建议", self.suggestions)]
        written = [(head, body) for head, body in parts if body]
        return [(f"{_NUMERALS[i]}、{head}", body) for i, (head, body) in enumerate(written)]

    @property
    def text(self) -> str:
        """Return the author's text as one piece, each part under its numbered heading."""
        return "\n".join(f"{head}\n{body}" for head, body in self.sections)


class Author(models.Model):
    """An author credited with an item: a member, a reporter, or the body that submitted it."""

    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="authors")
    position = models.PositiveSmallIntegerField(default=0)
    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="opinion_authorships")
    reporter = models.ForeignKey(Reporter, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="authorships")
    name = models.CharField("姓名或名称", max_length=100)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["opinion", "member"],
                                    condition=models.Q(member__isnull=False),
                                    name="opinion_author_member_once"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def identity(self) -> tuple:
        return (self.member_id, self.reporter_id, "" if self.member_id or self.reporter_id
                else self.name)


class Attachment(models.Model):
    """A file attached to an item by its author or the office, stored outside the web root."""

    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="attachments")
    file_name = models.CharField("文件名", max_length=200)
    stored_name = models.CharField(max_length=80, unique=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    # The office's files (e.g. a scanned 批示) are kept apart from the author's draft files.
    by_office = models.BooleanField("信息办上传", default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField()
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "社情民意附件"
        ordering = ["uploaded_at", "id"]


class Version(models.Model):
    """One edit of an item by the information office; the author's text stays on the item."""

    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    title = models.CharField("编辑后标题", max_length=200)
    text = models.TextField("编辑后正文")
    note = models.CharField("编辑说明", max_length=200, blank=True)
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    edited_at = models.DateTimeField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["opinion", "number"], name="opinion_version_unique"),
        ]


class Issue(TenantModel):
    """An issue (期) of 《社情民意》, numbered per year, sent to a list of recipients."""

    year = models.PositiveSmallIntegerField("年度")
    number = models.PositiveIntegerField("期号")
    status = models.CharField("状态", max_length=20, choices=IssueStatus.choices,
                              default=IssueStatus.DRAFT)
    editorial_unit = models.CharField("编发单位", max_length=100)
    compiled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    compiled_at = models.DateTimeField()
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = "《社情民意》期刊"
        ordering = ["-year", "-number"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=IssueStatus.values),
                                   name="opinion_issue_status_valid"),
            models.UniqueConstraint(fields=["committee", "year", "number"],
                                    name="opinion_issue_number_unique"),
        ]

    def __str__(self) -> str:
        return f"《社情民意》{self.year}年第{self.number}期"


class Entry(TenantModel):
    """One article of an issue: a single item (单篇) or a combined one drawing on several."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="entries")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField("标题", max_length=200)
    text = models.TextField("正文")
    sources = models.ManyToManyField(Opinion, through="EntrySource", related_name="entries")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = "期刊稿件"
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class EntrySource(models.Model):
    """A source item of an entry; an item is in one entry at a time."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="links")
    opinion = models.OneToOneField(Opinion, on_delete=models.PROTECT, related_name="entry_link")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]


class RecipientKind(models.TextChoices):
    UPPER_CPPCC = "upper_cppcc", "上级政协"
    PARTY = "party", "党委"
    GOVERNMENT = "government", "政府"
    DEPARTMENT = "department", "部门"


class Recipient(TenantModel):
    """A body an issue is sent to (报送): 上级政协, 党委, 政府 or a department."""

    Kind = RecipientKind

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="recipients")
    kind = models.CharField("类别", max_length=20, choices=Kind.choices)
    name = models.CharField("名称", max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=RecipientKind.values),
                                   name="opinion_recipient_kind_valid"),
            models.UniqueConstraint(fields=["issue", "name"], name="opinion_recipient_once"),
        ]

    def __str__(self) -> str:
        return self.name


class Level(models.TextChoices):
    COUNTY = "county", "县（区）级"
    CITY = "city", "市级"
    PROVINCE = "province", "省级"
    NATIONAL = "national", "全国"
    PARTY_SYSTEM = "party_system", "党派系统"
    MEDIA = "media", "媒体"


class Adoption(TenantModel):
    """An adoption (采用) of an entry by a body at some level; append-only."""

    class Kind(models.TextChoices):
        SINGLE = "single", "单篇采用"
        COMBINED = "combined", "综合采用"

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="adoptions")
    level = models.CharField("层级", max_length=20, choices=Level.choices)
    kind = models.CharField("方式", max_length=20, choices=Kind.choices)
    adopted_on = models.DateField("采用日期")
    body = models.CharField("采用单位", max_length=100)
    reference = models.CharField("文件或刊物", max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = "采用情况"
        ordering = ["adopted_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(level__in=Level.values),
                                   name="opinion_adoption_level_valid"),
            models.CheckConstraint(condition=models.Q(kind__in=["single", "combined"]),
                                   name="opinion_adoption_kind_valid"),
        ]


class Instruction(TenantModel):
    """A leader's written instruction (批示) on an entry; append-only."""

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="instructions")
    leader_name = models.CharField("批示领导", max_length=50)
    leader_title = models.CharField("职务", max_length=100, blank=True)
    level = models.CharField("层级", max_length=20, choices=Level.choices)
    given_on = models.DateField("批示日期")
    text = models.TextField("批示内容")
    # What the leader wrote about 转办; the transfer itself is a handling case of the item whose
    # create event names this instruction (opinions.services.opinion_transfer).
    transfer_to = models.CharField("转办单位", max_length=100, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = "领导批示"
        ordering = ["given_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(level__in=Level.values),
                                   name="opinion_instruction_level_valid"),
        ]


class OpinionEvent(models.Model):
    """Append-only history of items and issues, written with every change."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    opinion = models.ForeignKey(Opinion, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="events")
    issue = models.ForeignKey(Issue, null=True, blank=True, on_delete=models.PROTECT,
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
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opinion__isnull=False) | models.Q(issue__isnull=False),
                name="opinion_event_has_subject"),
        ]
