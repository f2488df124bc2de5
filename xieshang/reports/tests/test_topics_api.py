"""GET /api/v1/reports/topics: the page's hot topics for a dashboard or another system."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from xieshang.api.tests.test_proposal_api import token
from xieshang.core import clock
from xieshang.opinions.tests.story import office
from xieshang.proposals.tests.states import proposal_in
from xieshang.reports.tests.test_topics_page import NIGHT, OLD_HOUSING


def _submit(world, owner, title, reasons):
    return proposal_in(world, "submitted", owner=owner, title=title, reasons=reasons,
                       suggestions=reasons)


def test_the_api_gives_the_periods_topics_as_the_page_does(world, client):
    members = world.member_users
    first = clock.today().replace(day=1)
    with clock.at(timezone.make_aware(datetime.combine(first - timedelta(days=20), time(10)))):
        for i in (1, 2):
            _submit(world, members[3 + i], *OLD_HOUSING[i])
    housing = [_submit(world, members[i], title, reasons)
               for i, (title, reasons) in enumerate(OLD_HOUSING)]
    for i, (title, reasons) in enumerate(NIGHT):
        _submit(world, members[3 + i], title, reasons)
    office(world)
    headers = token(client, f"{world.committee.slug}-info1")

    body = client.get("/api/v1/reports/topics", headers=headers).json()
    assert body["period"] == "month" and body["label"] == f"{first.year}年{first.month}月"
    assert body["first"] == first.isoformat() and body["proposals"] == 5
    assert body["opinions"] == 0 and body["half_life_days"] >= 7
    assert [t["rank"] for t in body["topics"]] == [1, 2]
    top, night = body["topics"]
    assert "老旧小区" in top["title"] and top["size"] == 3 and top["authors"] == 3
    assert top["is_new"] is False and top["earlier"]["rank"] == 1
    assert top["earlier"]["size"] == 2 and top["earlier"]["score"] >= 0.35
    assert {m["id"] for m in top["members"]} == {p.pk for p in housing}
    assert {m["kind"] for m in top["members"]} == {"proposal"}
    # The information office does not open proposals: no page and no status for it.
    assert {(m["url"], m["status"]) for m in top["members"]} == {(None, "")}
    staff = client.get("/api/v1/reports/topics", headers=token(client, world.staff.username))
    assert {m["status"] for m in staff.json()["topics"][0]["members"]} == {"submitted"}
    assert night["is_new"] is True and night["earlier"] is None and night["proposals"] == 2

    # The month before: its one topic, compared with nothing (nothing was submitted before it).
    earlier = (first - timedelta(days=1)).strftime("%Y-%m")
    body = client.get(f"/api/v1/reports/topics?month={earlier}", headers=headers).json()
    assert len(body["topics"]) == 1 and body["topics"][0]["is_new"] is None
    body = client.get(f"/api/v1/reports/topics?period=year&month={first:%Y-%m}&top=1",
                      headers=headers).json()
    assert body["label"] == f"{first.year}年" and len(body["topics"]) == 1


def test_the_api_refuses_bad_periods_and_other_roles_in_chinese(world, client):
    headers = token(client, world.leader.username)
    for query, status, field, message in (
            ("period=week", 422, "period", "请求参数不符合要求：period"),
            ("month=2021-13", 422, "month", "请求参数不符合要求：month"),
            ("top=0", 422, "top", "请求参数不符合要求：top"),
            ("month=0001-01", 400, "month", "月份须在 1949 年至 2999 年之间。")):
        r = client.get(f"/api/v1/reports/topics?{query}", headers=headers)
        assert r.status_code == status, query
        assert r.json()["error"]["field"] == field and r.json()["error"]["message"] == message
    assert client.get("/api/v1/reports/topics", headers=headers).status_code == 200
    member = token(client, world.member_users[0].username)
    r = client.get("/api/v1/reports/topics", headers=member)
    assert r.status_code == 403 and r.json()["error"]["message"] == "您无权查看热点话题。"
    assert client.get("/api/v1/reports/topics").status_code == 401
