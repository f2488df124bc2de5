"""Uploaded files: type sniffed from content, size-limited, stored outside the web root.

Proposals and 社情民意 items keep their own attachment rows; this module owns the checks and
the storage they share.
"""

import hashlib
import uuid
from dataclasses import dataclass
from pathlib import Path

import filetype
from django.conf import settings

from .errors import NotFound, ValidationError

# Types an item may carry: documents, scans and photos. Decided by content, not by name.
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


@dataclass(frozen=True)
class Upload:
    """A checked upload, not yet written: what an attachment row records about it."""

    file_name: str
    content_type: str
    size: int
    sha256: str
    content: bytes


def check_upload(*, file_name: str, content: bytes) -> Upload:
    """Refuse an empty, oversized or disallowed file; return what to store."""
    if not content:
        raise ValidationError("附件为空。", field="file")
    if len(content) > max_bytes():
        raise ValidationError(f"附件不能超过{max_bytes() // (1024 * 1024)}MB。", field="file")
    mime = sniff(content)
    if mime is None:
        raise ValidationError("附件只能是PDF、Word、Excel或JPEG/PNG图片。", field="file")
    name = Path(file_name or "").name[:200] or "附件"
    return Upload(name, mime, len(content), hashlib.sha256(content).hexdigest(), content)


def store(upload: Upload) -> str:
    """Write the content under a random name outside the web root; return that name."""
    stored = uuid.uuid4().hex
    (_root() / stored).write_bytes(upload.content)
    return stored


def stored_path(stored_name: str) -> Path:
    """Return the file of a stored attachment, or NotFound when it has gone missing."""
    path = _root() / stored_name
    if not path.exists():
        raise NotFound("附件文件已丢失，请联系管理员。")
    return path
