"""The case page's 办理轨迹 names each actor by who they are, never by the assignment's unit."""

import re

from xieshang.accounts.models import User

from .flow import accepted, assign, rate, reply_through


def _timeline(client, user, case) -> list[str]:
    client.force_login(user)
    page = client.get(f"/handling/cases/{case.pk}/").content.decode()
    block = page[page.index('<ul class="timeline'):]
    block = block[:block.index("</ul>")]
    return [re.sub(r"<[^>]+>", "", item).split(" ", 2)[2].strip()
            for item in re.findall(r"<li>(.*?)</li>", block, re.S)]


def test_staff_are_named_by_their_office_units_by_their_unit(world, client):
    User.objects.filter(pk=world.office.pk).update(full_name="许宁")
    User.objects.filter(pk=world.staff.pk).update(full_name="陈芳")
    case = assign(world, accepted(world))
    a = case.assignments.get()
    reply_through(world, a)
    rate(world, case, world.member_users[0], "satisfied")
    unit = world.units[1].name
    lines = _timeline(client, world.office, case)
    actors = [line.split(" · ", 1)[0] for line in lines]
    # 政协 staff never carry the unit's name
    assert not [x for x in actors if x.startswith(("许宁", "陈芳")) and unit in x], actors
    assert f"许宁（交办督查室） · 交办至单位（{unit}）" in lines[1]
    assert "许宁（交办督查室）" in actors[0]
    assert f"{world.unit_handlers[1].full_name}（{unit}）" in actors  # the unit's handler
    assert f"{world.unit_leaders[1].full_name}（{unit}）" in actors  # and its leader
    assert "陈芳（提案委）" in actors
    assert "委员0（委员）" in actors
    # a step that follows from the staff's (the assignment counts as replied) is theirs
    assert any(line.startswith("陈芳（提案委） · ") and line.endswith(f"（{unit}） → 已答复")
               for line in lines), lines

