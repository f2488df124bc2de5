"""Fuzz the 社情民意 operations against real rows in every state: no server errors."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks as st_checks

from config.wsgi import application
from xieshang.accounts.services import api_token_issue
from xieshang.api.tests.test_fuzz import errors_have_one_shape_in_chinese

from .story import office, opinion_in

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    path_regex="/opinions/")


@pytest.fixture
def office_headers(world):
    for state in ("draft", "submitted", "returned", "kept", "used", "edited", "compiled",
                  "sent"):
        opinion_in(world, state)
    return {"Authorization": f"Bearer {api_token_issue(user=office(world))}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck),
          derandomize=True)
def test_opinion_operation_survives_fuzzing_on_seeded_rows(case, office_headers):
    case.call_and_validate(
        headers=office_headers,
        checks=[errors_have_one_shape_in_chinese],
        excluded_checks=[st_checks.positive_data_acceptance,
                         st_checks.missing_required_header,
                         st_checks.ignored_auth,
                         st_checks.unsupported_method],
    )
