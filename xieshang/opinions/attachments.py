"""社情民意 attachments: checked and stored by core.files, visible to whoever sees the item."""

from django.db import transaction

from xieshang.accounts.models import User
from xieshang.core import clock, files
from xieshang.core.errors import NotFound, PermissionDenied, ValidationError

from . import permissions
from .models import Attachment
from .services import opinion_config, record_event

max_bytes = files.max_bytes


@transaction.atomic
def attachment_add(*, actor: User, opinion_id: int, file_name: str,
                   content: bytes) -> Attachment:
    """Store a file for an item its owner may still edit, or that the office holds."""
    opinion = permissions.access_opinion(actor, opinion_id, for_update=True)
    if not permissions.can_attach(actor, opinion):
        raise PermissionDenied("只有草稿或退回修改的信息可以由作者添加附件（信息办可在提交后添加）。")
    upload = files.check_upload(file_name=file_name, content=content)
    limit = opinion_config(opinion.committee).max_attachments
    if opinion.attachments.filter(removed_at__isnull=True).count() >= limit:
        raise ValidationError(f"每篇社情民意信息最多{limit}个附件。", field="file")
    attachment = Attachment.objects.create(
        opinion=opinion, file_name=upload.file_name, stored_name=files.store(upload),
        content_type=upload.content_type, size=upload.size, sha256=upload.sha256,
        by_office=not permissions.can_edit_draft(actor, opinion), uploaded_by=actor,
        uploaded_at=clock.now(),
    )
    record_event(actor=actor, action="attach", opinion=opinion, attachment_id=attachment.pk,
                 file_name=upload.file_name)
    return attachment


def attachment_list(*, actor: User, opinion_id: int) -> list[Attachment]:
    """Return the item's current attachments if the actor may see the item."""
    opinion = permissions.access_opinion(actor, opinion_id)
    return list(opinion.attachments.filter(removed_at__isnull=True).order_by("uploaded_at", "id"))


def attachment_open(*, actor: User, opinion_id: int, attachment_id: int):
    """Return the attachment and its path if the actor may see the item."""
    opinion = permissions.access_opinion(actor, opinion_id)
    attachment = opinion.attachments.filter(pk=attachment_id, removed_at__isnull=True).first()
    if attachment is None:
        raise NotFound()
    return attachment, files.stored_path(attachment.stored_name)


@transaction.atomic
def attachment_remove(*, actor: User, opinion_id: int, attachment_id: int) -> None:
    """Mark an attachment removed; the file is kept for the record."""
    opinion = permissions.access_opinion(actor, opinion_id, for_update=True)
    attachment = opinion.attachments.filter(pk=attachment_id, removed_at__isnull=True).first()
    if attachment is None:
        raise NotFound()
    if not permissions.can_detach(actor, opinion, attachment):
        raise PermissionDenied("作者只能在草稿或退回修改时删除自己的附件，信息办只能删除信息办上传的附件。")
    attachment.removed_at = clock.now()
    attachment.save(update_fields=["removed_at"])
    record_event(actor=actor, action="detach", opinion=opinion, attachment_id=attachment.pk)
