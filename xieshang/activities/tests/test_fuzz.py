"""Fuzz the activities operations against real rows in several states: no server errors."""

from datetime import timedelta

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks as st_checks

from config.wsgi import application
from xieshang.accounts.services import api_token_issue
from xieshang.activities import services
from xieshang.api.tests.test_fuzz import errors_have_one_shape_in_chinese
from xieshang.core import clock
from xieshang.core.testing import fresh

from .story import activity, liaison, sc_liaison

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    path_regex="/activities/")


@pytest.fixture
def staff_headers(world):
    office = liaison(world)
    a = activity(world, start=clock.now() + timedelta(minutes=10))
    activity(world, publish=False)
    services.leave_request(actor=fresh(world.member_users[1]), activity_id=a.pk, reason="出差")
    plan = services.plan_create(actor=office, year=2020)
    t = services.topic_create(actor=office, plan_id=plan.pk, title="议题", form="thematic",
                              planned_month=4)
    services.topic_output_record(actor=office, topic_id=t.pk, kind="minutes", title="纪要",
                                 text="正文")
    services.speech_submit(actor=fresh(world.member_users[0]), session_id=world.session.pk,
                           title="发言", body="正文")
    services.report_submit(actor=sc_liaison(world), title="报告", body="正文",
                           author_ids=[world.members[0].pk])
    services.group_create(actor=office, name="小组", topic="议题", year=2020)
    return {"Authorization": f"Bearer {api_token_issue(user=office)}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck),
          derandomize=True)
def test_activities_operation_survives_fuzzing_on_seeded_rows(case, staff_headers):
    case.call_and_validate(
        headers=staff_headers,
        checks=[errors_have_one_shape_in_chinese],
        excluded_checks=[st_checks.positive_data_acceptance,
                         st_checks.missing_required_header,
                         st_checks.ignored_auth,
                         st_checks.unsupported_method],
    )
