"""Schemas shared by every router."""

from datetime import datetime

from ninja import Schema
from pydantic import Field


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


# Each schema class has a name of its own across the whole API: OpenAPI names a component after
# its class, so two classes of one name would both be documented as whichever came last
# (api/tests/test_schema_names.py). Shapes used by several apps live here.


class EventOut(Schema):
    """One row of a record's history (its app's event table)."""

    id: int
    action: str
    from_status: str
    to_status: str
    at: datetime
    actor: str | None
    payload: dict


def event_row(e, **extra) -> dict:
    """Return an event row (any app's event table) in the shape of EventOut, plus `extra`."""
    return {"id": e.pk, "action": e.action, "from_status": e.from_status,
            "to_status": e.to_status, "at": e.at, "actor": str(e.actor) if e.actor else None,
            "payload": e.payload, **extra}


class ReasonIn(Schema):
    reason: str = Field(..., max_length=2000)


class StatsQuery(Schema):
    year: int | None = Field(None, ge=1950, le=2100)
    session_id: int | None = None


class YearQuery(Schema):
    year: int | None = Field(None, ge=1950, le=2100)


# Suggested units with their reasons: a proposal's assignment, a 社情民意 item's 转办.
class ReasonOut(Schema):
    kind: str = Field(..., description="model 模型 / similar 相似提案（或社情民意） / category 类别 / "
                                       "link 对口联系 / suggested 提案者建议 / "
                                       "instruction 领导批示（社情民意转办）")
    text: str
    weight: float


class UnitSuggestionOut(Schema):
    unit_id: int
    unit: str
    score: float
    reasons: list[ReasonOut]
