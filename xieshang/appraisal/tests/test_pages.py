"""The pages render for the people who use them, and 404 for others."""

import json
from urllib.parse import quote

import pytest
from django.test import Client

from xieshang.appraisal import services
from xieshang.appraisal.presets import preset
from xieshang.core.testing import fresh
from xieshang.organization.models import Membership

from .story import ended_activity, office, rules_from, year_of

pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    c = Client()
    c.force_login(fresh(user))
    return c


def test_staff_workspace_rules_preview_and_exports(world):
    m1 = world.members[1]
    a = ended_activity(world, attended=[], invited=[m1.pk])
    year = year_of(a)
    rules_from(world, year)
    ap = services.appraisal_compute(actor=fresh(office(world)), year=year)
    c = _as(office(world))
    page = c.get(f"/appraisal/?year={year}").content.decode()
    assert "试算（未发布）" in page and m1.name in page and "名次" not in page
    edited = preset("hundred")
    next(i for i in edited["items"] if i["key"] == "other_absent")["points"] = -8
    r = c.post(f"/appraisal/rules/?year={year}", {"year": year, "action": "preview",
                                                 "rules": json.dumps(edited)})
    html = r.content.decode()
    assert "修改后的得分" in html and "-3" in html
    r = c.get(f"/appraisal/members/{m1.pk}/docx/?year={year}")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    assert quote(f"{m1.name}{year}年度履职档案.docx") in r["Content-Disposition"]
    r = c.get(f"/appraisal/{ap.pk}/xlsx/")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    assert c.post(f"/appraisal/rules/?year={year}", {"year": year, "action": "preview",
                                                     "rules": "{"}).status_code == 200


def test_member_record_page_and_annual_report_form(world):
    user = world.member_users[0]
    Membership.objects.filter(member=world.members[0]).update(is_standing=True)
    c = _as(user)
    assert "我的履职档案" in c.get("/appraisal/mine/").content.decode()
    r = c.post("/appraisal/mine/report/", {"text": "年度履职情况", "action": "submit"})
    assert r.status_code == 302
    assert "已提交" in c.get("/appraisal/mine/report/").content.decode()
    assert c.get("/appraisal/").status_code == 404
    assert c.get(f"/appraisal/members/{world.members[1].pk}/").status_code == 404
    assert c.get(f"/appraisal/members/{world.members[1].pk}/docx/").status_code == 404


def test_record_opens_on_the_last_year_of_a_finished_term(world, client):
    from datetime import date

    from xieshang.core import clock

    this_year = clock.today().year
    client.force_login(world.member_users[0])
    assert f"{this_year}年</small>" in client.get("/appraisal/mine/").content.decode()
    world.term.start_date = date(this_year - 6, 1, 1)
    world.term.end_date = date(this_year - 2, 12, 31)
    world.term.save()
    page = client.get("/appraisal/mine/").content.decode()
    assert f"{this_year - 2}年</small>" in page and "没有委员任职记录" not in page
    asked = client.get(f"/appraisal/mine/?year={this_year}").content.decode()
    assert "没有委员任职记录" in asked


def test_an_empty_year_points_to_the_last_published_appraisal(world):
    a = ended_activity(world, attended=[], invited=[world.members[1].pk])
    year = year_of(a)
    rules_from(world, year)
    c = _as(office(world))
    assert 'id="latest-published"' not in c.get(f"/appraisal/?year={year + 1}").content.decode()
    ap = services.appraisal_compute(actor=fresh(office(world)), year=year)
    services.appraisal_publish(actor=fresh(office(world)), appraisal_id=ap.pk)
    page = c.get(f"/appraisal/?year={year + 1}").content.decode()
    assert 'id="latest-published"' in page and f'href="?year={year}"' in page
    assert 'id="latest-published"' not in c.get(f"/appraisal/?year={year}").content.decode()
