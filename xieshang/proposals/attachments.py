"""Proposal attachments: checked and stored by core.files, visible to whoever sees the proposal."""

from django.db import transaction

from xieshang.accounts.models import User
from xieshang.core import clock, files
from xieshang.core.errors import NotFound, PermissionDenied, ValidationError

from . import permissions
from .models import Attachment
from .services import lock_proposal, proposal_config, record_event

max_bytes = files.max_bytes
sniff = files.sniff


@transaction.atomic
def attachment_add(*, actor: User, proposal_id: int, file_name: str, content: bytes) -> Attachment:
    """Store an uploaded file for a draft or returned proposal."""
    proposal = lock_proposal(actor, proposal_id)
    if not permissions.can_edit(actor, proposal):
        raise PermissionDenied("只有草稿或退回修改的提案可以添加附件。")
    upload = files.check_upload(file_name=file_name, content=content)
    limit = proposal_config(proposal.committee).max_attachments
    if proposal.attachments.filter(removed_at__isnull=True).count() >= limit:
        raise ValidationError(f"每件提案最多{limit}个附件。", field="file")
    attachment = Attachment.objects.create(
        proposal=proposal, file_name=upload.file_name, stored_name=files.store(upload),
        content_type=upload.content_type, size=upload.size, sha256=upload.sha256,
        uploaded_by=actor, uploaded_at=clock.now(),
    )
    record_event(proposal, actor, "attach", attachment_id=attachment.pk,
                 file_name=upload.file_name)
    return attachment


def attachment_open(*, actor: User, proposal_id: int, attachment_id: int):
    """Return the attachment and its path if the actor may see the proposal."""
    proposal = permissions.access_proposal(actor, proposal_id)
    attachment = proposal.attachments.filter(pk=attachment_id, removed_at__isnull=True).first()
    if attachment is None:
        raise NotFound()
    return attachment, files.stored_path(attachment.stored_name)


@transaction.atomic
def attachment_remove(*, actor: User, proposal_id: int, attachment_id: int) -> None:
    """Mark an attachment removed; the file is kept for the record."""
    proposal = lock_proposal(actor, proposal_id)
    if not permissions.can_edit(actor, proposal):
        raise PermissionDenied("只有草稿或退回修改的提案可以删除附件。")
    attachment = proposal.attachments.filter(pk=attachment_id, removed_at__isnull=True).first()
    if attachment is None:
        raise NotFound()
    attachment.removed_at = clock.now()
    attachment.save(update_fields=["removed_at"])
    record_event(proposal, actor, "detach", attachment_id=attachment.pk)
