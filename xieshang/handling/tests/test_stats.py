"""Handling figures come from events and forms, with their denominators."""

import re

from xieshang.core.testing import fresh
from xieshang.handling import feedback
from xieshang.handling.stats import handling_stats

from .flow import accepted, assign, rate, reply_through


def test_reply_rate_result_classes_and_satisfaction(world):
    done = accepted(world)
    assign(world, done)
    reply_through(world, done.handling_case.assignments.get(), code="B")
    rate(world, done.handling_case, world.member_users[0], "unsatisfied")
    feedback.case_rehandle(actor=fresh(world.office), case_id=done.handling_case.pk,
                           reason="再次沟通")
    reply_through(world, done.handling_case.assignments.get(), code="A")
    rate(world, done.handling_case, world.member_users[0], "satisfied")
    waiting = accepted(world, owner=world.member_users[1], title="关于增加公交线路的建议")
    assign(world, waiting)
    accepted(world, owner=world.member_users[2], title="关于建设口袋公园的建议")

    s = handling_stats(committee_id=world.committee.pk, year=world.session.year)
    assert (s["assigned"], s["replied"], s["reply_rate"]) == (2, 1, round(1 / 3, 4))
    assert (s["on_time"], s["on_time_rate"]) == (1, 1.0)
    assert s["result_classes"]["A"]["count"] == 1 and "B" not in s["result_classes"]
    assert s["satisfaction"]["forms_returned"] == 1
    assert s["satisfaction"]["overall"]["satisfied"] == {"count": 1, "rate": 1.0}
    assert s["rehandled"] == 1
    unit = s["by_unit"][world.units[1].name]
    assert (unit["assigned"], unit["replied"], unit["on_time"]) == (2, 1, 1)


def _unit_row(page: str, name: str) -> list[str]:
    table = page[page.index('id="unit-figures"'):]
    table = table[:table.index("</table>")]
    row = next(r for r in table.split("<tr>") if f"<td>{name}</td>" in r)
    return [re.sub(r"<[^>]+>", "", c) for c in row.split("</td>")[:-1]]


def test_the_unit_table_shows_a_dash_for_a_rate_without_denominator(world, client):
    done = accepted(world)
    assign(world, done)
    reply_through(world, done.handling_case.assignments.get())
    waiting = accepted(world, owner=world.member_users[1], title="关于增加公交线路的建议")
    assign(world, waiting, units=[{"unit_id": world.units[2].pk, "role": "single"}])
    client.force_login(world.staff)
    page = client.get(f"/reports/stats/?year={world.session.year}").content.decode()
    # 交办 退回 答复 按期 按期率 意见表 满意及基本满意率
    assert _unit_row(page, world.units[2].name)[1:] == ["1", "0", "0", "0", "—", "0", "—"]
    assert _unit_row(page, world.units[1].name)[1:] == ["1", "0", "1", "1", "100%", "0", "—"]
    # the headers stay on one line on a phone: the table scrolls instead
    assert '<thead><tr class="text-nowrap"><th>单位</th>' in page
