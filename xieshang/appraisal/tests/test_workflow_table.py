"""The workflow tables: every transition's sources, target and permission predicate exist."""

import pytest

from xieshang.appraisal import permissions
from xieshang.appraisal.workflow import (
    APPRAISAL,
    QUESTION,
    REPORT,
    AppraisalStatus,
    QuestionStatus,
    ReportStatus,
)

TABLES = [(APPRAISAL, AppraisalStatus), (QUESTION, QuestionStatus), (REPORT, ReportStatus)]


@pytest.mark.parametrize(("table", "states"), TABLES)
def test_every_transition_uses_known_states_and_an_existing_predicate(table, states):
    for t in table.values():
        assert t.sources <= set(states.values)
        assert t.target in states.values
        assert callable(getattr(permissions, t.permission))


@pytest.mark.parametrize(("name", "source", "target"), [
    ("recompute", "draft", "draft"), ("publish", "draft", "published"),
    ("supersede", "published", "superseded")])
def test_appraisal_edges(name, source, target):
    assert source in APPRAISAL[name].sources and APPRAISAL[name].target == target


def test_a_published_appraisal_cannot_be_recomputed_or_published_again():
    assert "published" not in APPRAISAL["recompute"].sources
    assert "published" not in APPRAISAL["publish"].sources


@pytest.mark.parametrize(("name", "sources", "target"), [
    ("submit", {"draft", "returned"}, "submitted"), ("return", {"submitted"}, "returned"),
    ("accept", {"submitted"}, "accepted")])
def test_annual_report_edges(name, sources, target):
    assert REPORT[name].sources == sources and REPORT[name].target == target
