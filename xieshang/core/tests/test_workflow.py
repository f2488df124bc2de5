"""The shared transition helper: edge first, then actor, then save and record; or nothing."""

from types import SimpleNamespace

import pytest

from xieshang.core import workflow
from xieshang.core.errors import Conflict, PermissionDenied

T = workflow.table(
    workflow.Transition("sign", "签收", frozenset({"new"}), "signed", "is_owner"),
    workflow.Transition("expire", "自动过期", frozenset({"new"}), "expired", workflow.SYSTEM),
)
RULES = SimpleNamespace(is_owner=lambda actor, obj: actor == obj.owner)


class Row:
    def __init__(self, status="new"):
        self.status, self.owner, self.saved, self.updated_at = status, "甲", None, None

    pk = 1

    def get_status_display(self):
        return self.status

    def save(self, update_fields):
        self.saved = update_fields


def _move(row, name, actor, **kwargs):
    events = []
    workflow.move(row, T[name], actor, RULES,
                  record=lambda frm, to: events.append((frm, to)), **kwargs)
    return events


def test_a_move_saves_the_state_and_its_stamp_and_records_once():
    row = Row()
    assert _move(row, "sign", "甲", mutate=lambda r: ["owner"]) == [("new", "signed")]
    assert row.status == "signed" and row.saved == ["owner", "status", "updated_at"]


def test_a_refused_move_changes_nothing_and_says_why_in_chinese():
    row = Row("signed")
    with pytest.raises(Conflict, match="当前状态为「signed」，不能签收"):
        _move(row, "sign", "甲")
    row = Row()
    with pytest.raises(PermissionDenied, match="您无权对该提案执行「签收」"):
        _move(row, "sign", "乙", noun="提案")
    assert row.status == "new" and row.saved is None


def test_system_transitions_need_the_system_flag_and_may_skip_the_stamp():
    row = Row()
    with pytest.raises(PermissionDenied, match="由系统自动完成"):
        _move(row, "expire", None)
    assert _move(row, "expire", None, system=True, stamp=False) == [("new", "expired")]
    assert row.saved == ["status"] and row.updated_at is None


def test_a_row_its_first_transition_creates_is_inserted():
    class NewRow(Row):
        pk = None

        def save(self, update_fields=None):
            self.saved = "insert" if update_fields is None else update_fields

    row = NewRow()
    assert _move(row, "sign", "甲", stamp=False) == [("new", "signed")]
    assert row.saved == "insert" and row.status == "signed"
