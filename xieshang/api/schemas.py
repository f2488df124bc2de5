"""Schemas shared by every router."""

from ninja import Schema


class ErrorBody(Schema):
    code: str
    message: str
    field: str | None = None


class ErrorOut(Schema):
    error: ErrorBody


ERRORS = {code: ErrorOut for code in (400, 401, 403, 404, 409, 422, 423)}


def responses(ok_schema, status: int = 200) -> dict:
    """Return a response map: the success schema plus the shared error shape."""
    return {status: ok_schema, **ERRORS}
