"""Fuzz every API operation from the OpenAPI schema: no server errors, declared answers only."""

import re

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks as st_checks

from config.wsgi import application
from xieshang.accounts.services import api_token_issue
from xieshang.core.testing import fresh

from .seed import seed

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@schemathesis.check
def errors_have_one_shape_in_chinese(ctx, response, case):
    """Every 4xx answer of an operation is {error: {code, message, field}} in Chinese.

    405 comes from the URL router before any operation runs, so it is left to Django.
    """
    if 400 <= response.status_code < 500 and response.status_code != 405:
        body = response.json()
        assert set(body) == {"error"}, body
        assert set(body["error"]) >= {"code", "message"}, body
        assert CHINESE.search(body["error"]["message"]), body


@pytest.fixture
def auth_headers(world):
    seed(world)
    return {"Authorization": f"Bearer {api_token_issue(user=fresh(world.staff))}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck),
          derandomize=True)
def test_api_operation_survives_fuzzing(case, auth_headers):
    case.call_and_validate(
        headers=auth_headers,
        checks=[errors_have_one_shape_in_chinese],
        excluded_checks=[st_checks.positive_data_acceptance,
                         st_checks.missing_required_header,
                         st_checks.ignored_auth,
                         st_checks.unsupported_method],
    )
