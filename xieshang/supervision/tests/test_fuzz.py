"""Fuzz the supervision operations against real rows in every state: no server errors."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks as st_checks

from config.wsgi import application
from xieshang.accounts.services import api_token_issue
from xieshang.api.tests.test_fuzz import errors_have_one_shape_in_chinese
from xieshang.core.testing import fresh

from .story import accepted, excellent_in, key_in

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    path_regex="/supervision/")


@pytest.fixture
def staff_headers(world):
    for i, state in enumerate(("candidate", "approved", "rejected", "completed")):
        key_in(world, state, proposal=accepted(world, i), related=[accepted(world, 10 + i)])
    for i, state in enumerate(("candidate", "approved", "rejected")):
        excellent_in(world, state, proposal=accepted(world, 20 + i))
    accepted(world, 30)
    return {"Authorization": f"Bearer {api_token_issue(user=fresh(world.staff))}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck),
          derandomize=True)
def test_supervision_operation_survives_fuzzing_on_seeded_rows(case, staff_headers):
    case.call_and_validate(
        headers=staff_headers,
        checks=[errors_have_one_shape_in_chinese],
        excluded_checks=[st_checks.positive_data_acceptance,
                         st_checks.missing_required_header,
                         st_checks.ignored_auth,
                         st_checks.unsupported_method],
    )
