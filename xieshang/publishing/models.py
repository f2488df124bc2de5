"""Disclosure of replies (办理结果公开): one decision per passed reply, and its event log."""

from django.conf import settings
from django.db import models

from xieshang.core.models import Committee, TenantModel
from xieshang.handling.models import Reply
from xieshang.organization.models import Unit
from xieshang.proposals.models import Proposal

from .workflow import STORED, Mode, Status, WithholdReason


class Publication(TenantModel):
    """The disclosure decision on one passed reply, with the exact texts it made public.

    The proposal and the reply keep their original texts; the `public_*` fields hold what the
    public pages show, redacted automatically and by hand.
    """

    reply = models.OneToOneField(Reply, on_delete=models.PROTECT, related_name="publication")
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT,
                                 related_name="publications")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    status = models.CharField("公开状态", max_length=12, choices=Status.choices)
    mode = models.CharField("公开方式", max_length=10, choices=Mode.choices)
    reason = models.CharField("不公开理由", max_length=20, choices=WithholdReason.choices,
                              blank=True)
    reason_text = models.CharField("不公开说明", max_length=500, blank=True)

    public_title = models.CharField("公开的案由", max_length=200, blank=True)
    public_proposers = models.CharField("公开的提案者", max_length=500, blank=True)
    public_reasons = models.TextField("公开的情况与分析", blank=True)
    public_suggestions = models.TextField("公开的具体建议", blank=True)
    public_reply = models.TextField("公开的答复（全文或摘要）", blank=True)

    due_on = models.DateField("公开期限")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True)
    first_published_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdraw_reason = models.CharField("撤回理由", max_length=500, blank=True)

    class Meta:
        verbose_name = "答复公开"
        ordering = ["-decided_at", "-id"]
        indexes = [
            models.Index(fields=["committee", "status"]),
            models.Index(fields=["proposal", "status"]),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=[s.value for s in STORED]),
                                   name="publication_status_valid"),
            models.CheckConstraint(condition=models.Q(mode__in=Mode.values),
                                   name="publication_mode_valid"),
            models.CheckConstraint(
                condition=~models.Q(status=Status.PUBLISHED)
                | (models.Q(mode__in=[Mode.FULL, Mode.SUMMARY])
                   & models.Q(published_at__isnull=False)),
                name="published_has_mode_and_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=Status.WITHHELD)
                | (models.Q(mode=Mode.NONE) & ~models.Q(reason="")),
                name="withheld_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.public_title or self.proposal.title}（{self.get_status_display()}）"


class PublicationEvent(models.Model):
    """Append-only history of disclosure: every decision writes one row in the same transaction."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+")
    publication = models.ForeignKey(Publication, on_delete=models.PROTECT,
                                    related_name="events")
    reply = models.ForeignKey(Reply, on_delete=models.PROTECT, related_name="+")
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
