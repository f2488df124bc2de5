"""In-app messages, their deliveries by e-mail and SMS, and the log that keeps reminders single."""

from django.conf import settings
from django.db import models

from xieshang.core.models import Committee


class Notification(models.Model):
    """A message in one user's inbox."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notifications")
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]


class Delivery(models.Model):
    """One attempt to send a notification outside the system (e-mail or SMS)."""

    class Channel(models.TextChoices):
        EMAIL = "email", "邮件"
        SMS = "sms", "短信"

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE,
                                     related_name="deliveries")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    address = models.CharField(max_length=200)
    ok = models.BooleanField()
    error = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField()


class ReminderLog(models.Model):
    """A reminder already sent: the key names the item, its deadline, round and level."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    sent_at = models.DateTimeField()
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["committee", "key"], name="reminder_once")
        ]
