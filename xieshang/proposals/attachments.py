"""Proposal attachments: type sniffed from content, size-limited, stored outside the web root."""

import hashlib
import uuid
from pathlib import Path

import filetype
from django.conf import settings
from django.db import transaction

from xieshang.accounts.models import User
from xieshang.core import clock
from xieshang.core.errors import NotFound, PermissionDenied, ValidationError

from . import permissions
from .models import Attachment
from .services import lock_proposal, proposal_config, record_event

# Types a proposal may carry: documents, scans and photos. Decided by content, not by name.
ALLOWED = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
    "application/msword": "Word",
    "application/x-ole-storage": "Word/Excel（旧版）",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
}


def max_bytes() -> int:
    return settings.ATTACHMENT_MAX_BYTES


def _root() -> Path:
    root = Path(settings.ATTACHMENT_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    return root


def sniff(content: bytes) -> str | None:
    """Return the MIME type of the content if it is an allowed kind."""
    kind = filetype.guess(content[:8192])
    if kind is None:
        return None
    mime = kind.mime
    if mime == "application/zip" and b"word/" in content[:65536]:
        mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return mime if mime in ALLOWED else None


@transaction.atomic
def attachment_add(*, actor: User, proposal_id: int, file_name: str, content: bytes) -> Attachment:
    """Store an uploaded file for a draft or returned proposal."""
    proposal = lock_proposal(actor, proposal_id)
    if not permissions.can_edit(actor, proposal):
        raise PermissionDenied("只有草稿或退回修改的提案可以添加附件。")
    if not content:
        raise ValidationError("附件为空。", field="file")
    if len(content) > max_bytes():
        raise ValidationError(f"附件不能超过{max_bytes() // (1024 * 1024)}MB。", field="file")
    mime = sniff(content)
    if mime is None:
        raise ValidationError("附件只能是PDF、Word、Excel或JPEG/PNG图片。", field="file")
    limit = proposal_config(proposal.committee).max_attachments
    if proposal.attachments.filter(removed_at__isnull=True).count() >= limit:
        raise ValidationError(f"每件提案最多{limit}个附件。", field="file")
    stored = uuid.uuid4().hex
    (_root() / stored).write_bytes(content)
    name = Path(file_name).name[:200] or "附件"
    attachment = Attachment.objects.create(
        proposal=proposal, file_name=name, stored_name=stored, content_type=mime,
        size=len(content), sha256=hashlib.sha256(content).hexdigest(), uploaded_by=actor,
        uploaded_at=clock.now(),
    )
    record_event(proposal, actor, "attach", attachment_id=attachment.pk, file_name=name)
    return attachment


def attachment_open(*, actor: User, proposal_id: int, attachment_id: int):
    """Return the attachment and its path if the actor may see the proposal."""
    proposal = permissions.access_proposal(actor, proposal_id)
    attachment = proposal.attachments.filter(pk=attachment_id, removed_at__isnull=True).first()
    if attachment is None:
        raise NotFound()
    path = _root() / attachment.stored_name
    if not path.exists():
        raise NotFound("附件文件已丢失，请联系管理员。")
    return attachment, path


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
