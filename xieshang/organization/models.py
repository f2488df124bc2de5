"""Terms, sessions, sectors, special committees, parties and groups, units and members."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Value, When

from xieshang.core.models import TenantModel
from xieshang.textintel.strokes import KEY_WIDTH, name_key


class Term(TenantModel):
    """A 届: usually five years."""

    number = models.PositiveSmallIntegerField("届次")
    name = models.CharField("名称", max_length=50)
    start_date = models.DateField("开始日期")
    end_date = models.DateField("结束日期", null=True, blank=True)

    class Meta:
        verbose_name = "届"
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "number"], name="term_unique_number")
        ]

    def __str__(self) -> str:
        return self.name


class Session(TenantModel):
    """A 次会议 (plenary) of a term; proposals are numbered per session."""

    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="sessions")
    number = models.PositiveSmallIntegerField("次")
    name = models.CharField("名称", max_length=50)
    year = models.PositiveSmallIntegerField("年度")
    opening_date = models.DateField("开幕日期")
    closing_date = models.DateField("闭幕日期")
    proposal_deadline = models.DateField("大会提案截止日期")
    plenary_window_days = models.PositiveSmallIntegerField(
        "大会提案征集期（开幕前天数）", default=90
    )
    handling_cutoff = models.DateField("本次会议提案统一办结期限", null=True, blank=True)

    class Meta:
        verbose_name = "次会议"
        ordering = ["opening_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "term", "number"], name="session_unique_number"
            ),
            models.CheckConstraint(
                condition=models.Q(closing_date__gte=models.F("opening_date")),
                name="session_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def plenary_window_start(self) -> date:
        """Return the first day on which a proposal counts as a plenary proposal."""
        from datetime import timedelta

        return self.opening_date - timedelta(days=self.plenary_window_days)


class Sector(TenantModel):
    """A 界别."""

    name = models.CharField("界别", max_length=50)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "界别"
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="sector_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class SpecialCommittee(TenantModel):
    """A 专门委员会."""

    name = models.CharField("名称", max_length=50)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "专门委员会"
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "name"], name="special_committee_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Party(TenantModel):
    """A participating party or people's organisation (党派团体)."""

    class Kind(models.TextChoices):
        PARTY = "party", "党派"
        GROUP = "group", "人民团体"

    name = models.CharField("名称", max_length=50)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "党派团体"
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="party_unique_name"),
            models.CheckConstraint(
                condition=models.Q(kind__in=["party", "group"]), name="party_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


# Units without an `order` of their own follow, grouped by kind in this protocol order.
UNIT_KIND_ORDER = ("party_mass", "congress", "government", "court", "procuratorate", "other")


class Unit(TenantModel):
    """A 承办单位 that handles proposals."""

    class Kind(models.TextChoices):
        PARTY_MASS = "party_mass", "党群"
        GOVERNMENT = "government", "政府"
        PEOPLES_CONGRESS = "congress", "人大"
        COURT = "court", "法院"
        PROCURATORATE = "procuratorate", "检察院"
        OTHER = "other", "其他"

    name = models.CharField("单位名称", max_length=100)
    short_name = models.CharField("简称", max_length=50, blank=True)
    kind = models.CharField("单位类型", max_length=20, choices=Kind.choices)
    liaison_committee = models.ForeignKey(
        SpecialCommittee,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="liaison_units",
        verbose_name="对口专委会",
    )
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True)
    is_active = models.BooleanField("启用", default=True)
    # The office's own sequence (the 政府组成部门 order, as in its documents); units without one
    # follow, grouped by kind in protocol order (党群、人大、政府、法院、检察院、其他), then by name.
    order = models.PositiveSmallIntegerField("排序", null=True, blank=True)

    class Meta:
        verbose_name = "承办单位"
        ordering = [
            F("order").asc(nulls_last=True),
            Case(*(When(kind=kind, then=Value(rank))
                   for rank, kind in enumerate(UNIT_KIND_ORDER)), default=Value(9)),
            "name",
        ]
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="unit_unique_name"),
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=[
                        "party_mass",
                        "government",
                        "congress",
                        "court",
                        "procuratorate",
                        "other",
                    ]
                ),
                name="unit_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def sort_key(self) -> tuple:
        """Return the unit's place in the official order (Meta.ordering), for unit lists put
        together in Python."""
        kind = UNIT_KIND_ORDER.index(self.kind) if self.kind in UNIT_KIND_ORDER else 9
        return (self.order is None, self.order or 0, kind, self.name)


class Member(TenantModel):
    """A person who is or was a member (委员); terms are recorded in Membership."""

    class Gender(models.TextChoices):
        MALE = "M", "男"
        FEMALE = "F", "女"

    code = models.CharField("委员编号", max_length=30)
    name = models.CharField("姓名", max_length=50)
    gender = models.CharField("性别", max_length=1, choices=Gender.choices, blank=True)
    mobile = models.CharField("手机", max_length=20, blank=True)
    email = models.EmailField("邮箱", blank=True)
    workplace = models.CharField("工作单位及职务", max_length=200, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member",
    )
    # The name's 姓氏笔画 key (textintel.strokes), kept by save() and by the bulk writers.
    name_key = models.CharField("姓氏笔画排序", max_length=KEY_WIDTH * 50, blank=True,
                                editable=False)

    class Meta:
        verbose_name = "委员"
        # Lists of people follow official rosters: 以姓氏笔画为序.
        ordering = ["name_key", "code"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "code"], name="member_unique_code")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name_key = name_key(self.name)
        fields = kwargs.get("update_fields")
        if fields is not None and "name" in fields:
            kwargs["update_fields"] = {*fields, "name_key"}
        super().save(*args, **kwargs)


class Membership(TenantModel):
    """A member's seat in one term: sector, party, special committees, standing flag, status."""

    class Status(models.TextChoices):
        ACTIVE = "active", "在任"
        ON_LEAVE = "on_leave", "请假"
        PERSUADED_TO_RESIGN = "persuaded", "劝辞"
        REVOKED = "revoked", "撤销"
        ENDED = "ended", "届满"

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="memberships")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="memberships")
    sector = models.ForeignKey(
        Sector, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    special_committees = models.ManyToManyField(
        SpecialCommittee, blank=True, related_name="memberships"
    )
    is_standing = models.BooleanField("常委", default=False)
    status = models.CharField(
        "状态", max_length=20, choices=Status.choices, default=Status.ACTIVE
    )

    class Meta:
        verbose_name = "委员任职"
        constraints = [
            models.UniqueConstraint(fields=["member", "term"], name="membership_unique_term"),
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["active", "on_leave", "persuaded", "revoked", "ended"]
                ),
                name="membership_status_valid",
            ),
        ]

    @property
    def may_act(self) -> bool:
        """Say whether the seat allows submitting proposals (active or on leave)."""
        return self.status in (self.Status.ACTIVE, self.Status.ON_LEAVE)
