"""Send notifications: always to the inbox, and by e-mail and SMS where the user has them."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail

from xieshang.accounts.models import User
from xieshang.core import clock

from . import sms
from .models import Delivery, Notification


def notify(*, users: Iterable[User], kind: str, title: str, body: str = "", url: str = "",
           sms_text: str | None = None) -> list[Notification]:
    """Put a message in each user's inbox and send it by e-mail and SMS where possible.

    Outside deliveries are recorded, and a failure there never undoes the business change.
    """
    sent, seen = [], set()
    for user in users:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        n = Notification.objects.create(committee_id=user.committee_id, user=user, kind=kind,
                                        title=title, body=body, url=url, created_at=clock.now())
        if user.email:
            _deliver(n, Delivery.Channel.EMAIL, user.email,
                     lambda u=user: send_mail(f"【协商】{title}", f"{body}\n\n{url}",
                                              None, [u.email]))
        if user.phone and settings.SMS_ENABLED:
            _deliver(n, Delivery.Channel.SMS, user.phone,
                     lambda u=user: sms.backend().send(u.phone, sms_text or f"【协商】{title}"))
        sent.append(n)
    return sent


def _deliver(n: Notification, channel: str, address: str, send) -> None:
    try:
        send()
    except Exception as exc:  # noqa: BLE001 - any gateway failure is recorded, not raised
        Delivery.objects.create(notification=n, channel=channel, address=address, ok=False,
                                error=str(exc)[:300], at=clock.now())
    else:
        Delivery.objects.create(notification=n, channel=channel, address=address, ok=True,
                                at=clock.now())


def notification_mark_read(*, actor: User, notification_id: int | None = None) -> int:
    """Mark one (or all) of the actor's messages read; return how many changed."""
    qs = Notification.objects.filter(user=actor, read_at__isnull=True)
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    return qs.update(read_at=clock.now())
