"""The API: rules from a preset, compute and publish, a member's record, errors in Chinese."""

import pytest
from django.test import Client

from xieshang.accounts.services import api_token_issue
from xieshang.core.testing import fresh

from .story import ended_activity, office, year_of

pytestmark = pytest.mark.django_db


def _client(user) -> tuple[Client, dict]:
    return Client(), {"HTTP_AUTHORIZATION": f"Bearer {api_token_issue(user=fresh(user))}"}


def test_rules_compute_publish_and_record_over_the_api(world):
    m1 = world.members[1]
    a = ended_activity(world, attended=[], invited=[m1.pk])
    year = year_of(a)
    c, h = _client(office(world))
    r = c.post("/api/v1/appraisal/rule-sets", {"year": year, "preset": "hundred"},
               content_type="application/json", **h)
    assert r.status_code == 201 and r.json()["version"] == 1
    r = c.post("/api/v1/appraisal/appraisals", {"year": year}, content_type="application/json",
               **h)
    assert r.status_code == 201
    body = r.json()
    row = next(x for x in body["results"] if x["member_id"] == m1.pk)
    assert row["score"] == "45.00" and row["rank"] is None
    r = c.post(f"/api/v1/appraisal/appraisals/{body['id']}/publish", **h)
    assert r.json()["status"] == "published"
    mc, mh = _client(world.member_users[1])
    r = mc.get(f"/api/v1/appraisal/records/me?year={year}", **mh)
    assert r.status_code == 200
    assert r.json()["published"]["score"] == "45.00"
    r = mc.get(f"/api/v1/appraisal/records/{world.members[0].pk}?year={year}", **mh)
    assert r.status_code == 404 and "未找到" in r.json()["error"]["message"]


def test_bad_rules_and_refusals_answer_in_chinese(world):
    c, h = _client(office(world))
    r = c.post("/api/v1/appraisal/rule-sets", {"year": 2024, "rules": {"name": "x",
                                                                     "items": [1]}},
               content_type="application/json", **h)
    assert r.status_code == 400 and "考评规则有误" in r.json()["error"]["message"]
    sc, sh = _client(world.staff)
    r = sc.post("/api/v1/appraisal/rule-sets", {"year": 2024, "preset": "count"},
                content_type="application/json", **sh)
    assert r.status_code == 403 and "委员联络" in r.json()["error"]["message"]
    r = c.post("/api/v1/appraisal/appraisals", {"year": 1990}, content_type="application/json",
               **h)
    assert r.status_code == 400


def test_rule_versions_over_the_api_refuse_copies_and_restore(world):
    c, h = _client(office(world))
    first = c.post("/api/v1/appraisal/rule-sets", {"year": 2024, "preset": "base85"},
                   content_type="application/json", **h).json()
    r = c.post("/api/v1/appraisal/rule-sets", {"year": 2024, "preset": "base85"},
               content_type="application/json", **h)
    assert r.status_code == 400 and "完全相同" in r.json()["error"]["message"]
    c.post("/api/v1/appraisal/rule-sets", {"year": 2024, "preset": "count"},
           content_type="application/json", **h)
    r = c.post(f"/api/v1/appraisal/rule-sets/{first['id']}/restore", {},
               content_type="application/json", **h)
    assert r.status_code == 201
    assert (r.json()["version"], r.json()["note"]) == (3, "恢复为第1版")
    assert r.json()["rules"] == first["rules"]
