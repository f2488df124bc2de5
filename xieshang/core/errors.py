"""Domain errors: each carries a stable code and a message in Chinese for the user."""


class DomainError(Exception):
    """A refused operation; nothing was changed."""

    status = 400
    code = "invalid"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        if code:
            self.code = code


class ValidationError(DomainError):
    code = "invalid"


class FieldErrors(ValidationError):
    """Several fields refused together, so that a form can show them all at once: `errors` maps
    each field to its Chinese message.

    The message joins them, so a caller that shows one message (the API, `run_service`) still
    shows them all; `field` is the first.
    """

    def __init__(self, errors: dict[str, str]):
        super().__init__("".join(errors.values()), field=next(iter(errors)))
        self.errors = dict(errors)


class PermissionDenied(DomainError):
    status = 403
    code = "forbidden"


class NotFound(DomainError):
    status = 404
    code = "not_found"

    def __init__(self, message: str = "未找到该记录，或您无权查看。", **kwargs):
        super().__init__(message, **kwargs)


class Conflict(DomainError):
    """The record changed under the caller (another user decided first, or the state moved on)."""

    status = 409
    code = "conflict"


class Locked(DomainError):
    status = 423
    code = "locked"
