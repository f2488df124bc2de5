"""Tenancy root and shared base classes."""

from django.db import models


class Committee(models.Model):
    """One 政协 body (province, city or county); every domain row belongs to one."""

    class Level(models.TextChoices):
        PROVINCE = "province", "省级"
        CITY = "city", "市级"
        COUNTY = "county", "县级"

    name = models.CharField("名称", max_length=100)
    slug = models.SlugField("标识", max_length=50, unique=True)
    level = models.CharField("层级", max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # A demo or training 政协 living in a past year: its "now" is the wall clock minus this
    # (see core.clock). Empty for a real committee.
    clock_offset = models.DurationField("时钟偏移", null=True, blank=True)

    class Meta:
        verbose_name = "政协组织"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__in=["province", "city", "county"]),
                name="committee_level_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name


class TenantModel(models.Model):
    """Abstract base: a row owned by one committee."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True


class Counter(models.Model):
    """A per-committee named sequence, allocated under a row lock (receipt and official numbers)."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["committee", "key"], name="counter_unique_key")
        ]


class CalendarDay(models.Model):
    """An exception to the Monday–Friday week: a public holiday or a make-up workday (调休)."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "法定节假日"
        WORKDAY = "workday", "调休上班"

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    day = models.DateField("日期")
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    name = models.CharField("名称", max_length=50, blank=True)

    class Meta:
        verbose_name = "节假日与调休"
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "day"], name="calendar_day_unique"),
            models.CheckConstraint(condition=models.Q(kind__in=["holiday", "workday"]),
                                   name="calendar_day_kind_valid"),
        ]
