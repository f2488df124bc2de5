"""The web pages render for each role, and lists run a constant number of queries."""

import itertools
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from xieshang.accounts.services import api_token_issue
from xieshang.activities import services
from xieshang.core import clock
from xieshang.core.testing import fresh

from .story import activity, liaison, other_sc, sc_liaison

pytestmark = pytest.mark.django_db
SEQ = itertools.count()


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _grow(world, n):
    office = liaison(world)
    for _ in range(n):
        i = next(SEQ)
        a = activity(world, actor=office, title=f"联合视察{i}", organisers=[
            {"kind": "special_committee", "id": world.special_committee.pk},
            {"kind": "special_committee", "id": other_sc(world).pk},
            {"kind": "sector", "id": world.sector.pk}], mode="signup",
            invite=[world.members[0].pk, world.members[1].pk])
        with clock.at(a.start):
            services.activity_sign_in(actor=fresh(world.member_users[0]), activity_id=a.pk,
                                      code=a.code)
        plan = services.plan_create(actor=office, year=1990 + i)
        t = services.topic_create(actor=office, plan_id=plan.pk, title="议题", form="online",
                                  planned_month=3, host_party_id=world.party.pk)
        services.topic_output_record(actor=office, topic_id=t.pk, kind="minutes", title="纪要",
                                     text="纪要正文")
        services.group_create(actor=office, name=f"监督小组{i}", topic="营商环境", year=2020,
                              member_ids=[world.members[0].pk, world.members[1].pk])
        services.speech_submit(actor=fresh(world.member_users[0]), session_id=world.session.pk,
                               title=f"发言{i}", body="正文")
        services.report_submit(actor=office, title=f"报告{i}", body="正文",
                               author_ids=[world.members[0].pk],
                               group_member_ids=[world.members[1].pk], activity_id=a.pk)


@pytest.mark.parametrize("url,who", [
    ("/activities/", "office"),
    ("/activities/", "leader"),
    ("/activities/mine/", "member"),
    ("/activities/attendance/", "member"),
    ("/activities/plans/", "office"),
    ("/activities/groups/", "office"),
    ("/activities/speeches/", "office"),
    ("/activities/speeches/", "member"),
    ("/activities/reports/", "office"),
])
def test_list_pages_use_constant_queries(world, client, url, who):
    user = {"office": liaison(world), "leader": fresh(world.leader),
            "member": fresh(world.member_users[0])}[who]
    client.force_login(user)
    _grow(world, 2)
    with clock.at(clock.now() + timedelta(days=30)):
        small = _count(lambda: client.get(url))
    _grow(world, 5)
    with clock.at(clock.now() + timedelta(days=30)):
        large = _count(lambda: client.get(url))
    response = client.get(url)
    assert response.status_code == 200
    assert small == large, (small, large)


@pytest.mark.parametrize("path", ["/api/v1/activities/activities", "/api/v1/activities/plans",
                                  "/api/v1/activities/groups", "/api/v1/activities/speeches",
                                  "/api/v1/activities/reports"])
def test_api_lists_use_constant_queries(world, client, path):
    headers = {"Authorization": f"Bearer {api_token_issue(user=liaison(world))}"}
    client.get("/api/v1/auth/me", headers=headers)
    _grow(world, 2)
    small = _count(lambda: client.get(path, headers=headers))
    _grow(world, 5)
    large = _count(lambda: client.get(path, headers=headers))
    assert client.get(path, headers=headers).status_code == 200
    assert small == large


def test_detail_sheet_and_code_pages_render(world, client):
    a = activity(world, start=clock.now() + timedelta(minutes=10))
    lv = services.leave_request(actor=fresh(world.member_users[1]), activity_id=a.pk,
                                reason="出差")
    client.force_login(sc_liaison(world))
    page = client.get(f"/activities/{a.pk}/").content.decode()
    assert "组织方操作" in page and "待审批的请假" in page
    assert a.code in client.get(f"/activities/{a.pk}/code/").content.decode()
    sheet = client.get(f"/activities/{a.pk}/sheet/").content.decode()
    assert "应到 3" in sheet
    client.post(f"/activities/leaves/{lv.pk}/decide/", {"outcome": "approve"})
    assert "请假 1" in client.get(f"/activities/{a.pk}/sheet/").content.decode()
    client.force_login(fresh(world.member_users[0]))
    page = client.get(f"/activities/{a.pk}/").content.decode()
    assert "签到" in page and "组织方操作" not in page
    assert client.get(f"/activities/{a.pk}/code/").status_code == 404
    r = client.post(f"/activities/{a.pk}/signin/", {"code": a.code}, follow=True)
    assert "签到成功" in r.content.decode()


def test_create_page_creates_a_draft(world, client):
    client.force_login(sc_liaison(world))
    assert client.get("/activities/new/").status_code == 200
    from .story import type_id

    r = client.post("/activities/new/", {
        "type": type_id(world), "title": "专委会会议", "start": "2030-03-01T09:00",
        "end": "2030-03-01T11:00", "mode": "compulsory",
        "organisers": [f"special_committee:{world.special_committee.pk}"]})
    assert r.status_code == 302
    r = client.post("/activities/new/", {"type": type_id(world), "title": "x",
                                         "start": "2030-03-01T09:00", "end": "2030-03-01T08:00",
                                         "mode": "compulsory", "organisers": ["general_office:"]})
    assert r.status_code == 400 and "结束时间应晚于开始时间" in r.content.decode()


def _form_errors(html: str) -> list[str]:
    start = html.index('id="form-errors"')
    block = html[start:html.index("</ul>", start)]
    return [li.split("</li>")[0] for li in block.split("<li>")[1:]]


def test_an_impossible_date_is_called_invalid_not_missing(world, client):
    from xieshang.activities.models import Activity

    from .story import type_id

    client.force_login(sc_liaison(world))
    r = client.post("/activities/new/", {
        "type": type_id(world), "title": "专委会会议", "start": "2021-02-30T09:00",
        "end": "2021-03-01T11:00", "mode": "signup", "signup_deadline": "2021-02-31T18:00",
        "organisers": [f"special_committee:{world.special_committee.pk}"]})
    html = r.content.decode()
    assert r.status_code == 400 and not Activity.objects.exists()
    assert _form_errors(html) == [
        "开始时间不是有效的日期时间：2021-02-30 09:00。请按“年-月-日 时:分”填写，如 2021-03-05 09:30。",
        "报名截止时间不是有效的日期时间：2021-02-31 18:00。请按“年-月-日 时:分”填写，如 2021-03-05 09:30。"]
    assert "请填写开始时间" not in html
    # What was typed stays in the form, the impossible date included.
    assert 'value="2021-02-30T09:00"' in html and 'value="专委会会议"' in html


def test_an_empty_form_reports_every_missing_field_and_keeps_the_rest(world, client):
    from xieshang.activities.models import Activity

    from .story import type_id

    client.force_login(sc_liaison(world))
    unit = world.units[2]
    r = client.post("/activities/new/", {
        "type": type_id(world), "title": " ", "start": "", "end": "2030-13-01T11:00",
        "place": "市政协三楼会议室", "mode": "signup", "capacity": "0", "unit": unit.pk})
    html = r.content.decode()
    assert r.status_code == 400 and not Activity.objects.exists()
    assert _form_errors(html) == [
        "请填写活动名称。", "请填写开始时间。",
        "结束时间不是有效的日期时间：2030-13-01 11:00。请按“年-月-日 时:分”填写，如 2021-03-05 09:30。",
        "请至少选择一个组织单位。", "名额至少为1人。"]
    for field in ("title", "start", "end", "organisers", "capacity"):
        assert f'id="{field}-error"' in html
    assert 'value="市政协三楼会议室"' in html
    units = html[html.index('id="unit"'):]
    option = units[units.index(f'<option value="{unit.pk}"'):]
    assert option[:option.index(">")].endswith("selected")
    # The organisers chosen are kept when another field is at fault.
    organiser = f"special_committee:{world.special_committee.pk}"
    r = client.post("/activities/new/", {"type": type_id(world), "title": "", "start": "",
                                         "end": "", "mode": "compulsory",
                                         "organisers": [organiser]})
    html = r.content.decode()
    assert f'<option value="{organiser}" selected>' in html
    assert _form_errors(html) == ["请填写活动名称。", "请填写开始时间。", "请填写结束时间。"]


def test_a_notice_with_an_impossible_date_is_not_changed(world, client):
    a = activity(world, mode="signup", publish=False)
    client.force_login(sc_liaison(world))
    r = client.post(f"/activities/{a.pk}/do/update/", {
        "title": "改名后的调研", "start": timezone.localtime(a.start).strftime("%Y-%m-%dT%H:%M"),
        "end": timezone.localtime(a.end).strftime("%Y-%m-%dT%H:%M"),
        "signup_deadline": "2030-02-30T18:00"}, follow=True)
    assert "报名截止时间不是有效的日期时间：2030-02-30 18:00" in r.content.decode()
    a.refresh_from_db()
    assert a.title == "老旧小区改造联合调研" and a.signup_deadline == a.start


def test_general_office_configures_types_and_leave_approver(world, client):
    client.force_login(liaison(world))
    assert client.get("/activities/settings/").status_code == 200
    client.post("/activities/settings/", {"op": "type", "name": "读书活动", "kind": "training"})
    client.post("/activities/settings/", {"leave_approver": "role",
                                          "leave_approver_role": "leader",
                                          "signin_margin_minutes": "15"})
    page = client.get("/activities/settings/").content.decode()
    assert "读书活动" in page
    from xieshang.activities.selectors import activity_settings

    cfg = activity_settings(world.committee.pk)
    assert (cfg.leave_approver, cfg.leave_approver_role, cfg.signin_margin_minutes) == (
        "role", "leader", 15)
    client.force_login(sc_liaison(world))
    assert client.get("/activities/settings/").status_code == 404
