"""Fuzz the disclosure operations with real rows behind them: no 5xx, errors in Chinese.

The project-wide fuzz (api/tests/test_fuzz.py) seeds proposals only; this one seeds passed
replies and publications so that fuzzed ids also reach the decision and withdrawal paths.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks as st_checks

from config.wsgi import application
from xieshang.accounts.services import api_token_issue
from xieshang.api.tests.test_fuzz import errors_have_one_shape_in_chinese
from xieshang.core.testing import fresh

from .helpers import passed_reply, published

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    path_regex="/publishing/")


@pytest.fixture
def seeded_headers(world):
    for _ in range(2):
        passed_reply(world)
    published(world)
    published(world, mode="summary")
    return {"Authorization": f"Bearer {api_token_issue(user=fresh(world.staff))}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck),
          derandomize=True)
def test_disclosure_operation_survives_fuzzing(case, seeded_headers):
    case.call_and_validate(
        headers=seeded_headers,
        checks=[errors_have_one_shape_in_chinese],
        excluded_checks=[st_checks.positive_data_acceptance,
                         st_checks.missing_required_header,
                         st_checks.ignored_auth,
                         st_checks.unsupported_method],
    )
