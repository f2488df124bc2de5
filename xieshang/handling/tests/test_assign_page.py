"""The single assignment page: only the fields of the chosen 办理方式 count, a refusal keeps the
mode and units chosen, and a missing unit is named."""

import pytest

from xieshang.core.errors import ValidationError
from xieshang.core.testing import fresh
from xieshang.handling import services
from xieshang.handling.models import HandlingCase

from .flow import accepted


def _post(client, world, proposal, data):
    client.force_login(world.office)
    return client.post(f"/handling/assign/{proposal.pk}/", data)


def _selected(page: str, field: str) -> list[str]:
    """Return the unit ids selected in one of the page's unit selects."""
    start = page.index(f'name="{field}"')
    select = page[start:page.index("</select>", start)]
    return [chunk.split('"', 1)[0] for chunk in select.split('<option value="')[1:]
            if chunk.split(">", 1)[0].endswith("selected")]


def test_single_ignores_the_lead_and_co_fields_prefilled_from_suggestions(world, client):
    p = accepted(world)  # suggested: units[1] lead, units[0] co
    client.force_login(world.office)
    page = client.get(f"/handling/assign/{p.pk}/").content.decode()
    assert _selected(page, "lead") == [str(world.units[1].pk)]
    assert _selected(page, "co") == [str(world.units[0].pk)]
    # the office switches to 单办; the prefilled 主办/会办 fields are still posted
    r = _post(client, world, p, {"mode": "single", "single": world.units[1].pk,
                                 "lead": world.units[1].pk, "co": [world.units[0].pk]})
    assert r.status_code == 302
    case = HandlingCase.objects.get(proposal=p)
    assert case.mode == "single"
    assert list(case.assignments.values_list("unit_id", "role")) == [(world.units[1].pk,
                                                                      "single")]


@pytest.mark.parametrize(("data", "message"), [
    ({"mode": "single", "single": ""}, "请选择单办单位。"),
    ({"mode": "lead_co", "lead": "", "co": []}, "请选择主办单位。请选择会办单位（至少一个）。"),
    ({"mode": "lead_co", "lead": "", "co": ["U2"]}, "请选择主办单位。"),
    ({"mode": "lead_co", "lead": "U2", "co": []}, "请选择会办单位（至少一个）。"),
    ({"mode": "split", "single": "U1"}, "请选择分办单位（两个及以上）。"),
    ({"mode": "split", "split": ["U1"]}, "分办须交两个及以上单位。"),
    ({"mode": "", "single": "U1"}, "请选择办理方式"),
])
def test_a_missing_unit_is_named_and_the_choice_comes_back(world, client, data, message):
    p = accepted(world)
    units = {"U0": world.units[0].pk, "U1": world.units[1].pk, "U2": world.units[2].pk}
    # the other modes' fields still carry the page's prefilled suggestions
    posted = {"single": "", "lead": world.units[1].pk, "co": [world.units[0].pk], "split": []}
    for key, value in data.items():
        posted[key] = ([units.get(v, v) for v in value] if isinstance(value, list)
                       else units.get(value, value))
    r = _post(client, world, p, posted)
    assert r.status_code == 400
    page = r.content.decode()
    assert message in page
    assert "单位角色与办理方式不符" not in page and "同一单位不能重复交办" not in page
    assert not HandlingCase.objects.filter(proposal=p).exists()
    if data["mode"]:
        assert f'<option value="{data["mode"]}" selected>' in page
    for field in ("single", "lead", "co", "split"):
        value = posted[field]
        expected = [str(v) for v in (value if isinstance(value, list) else [value]) if v]
        assert _selected(page, field) == expected, field


@pytest.mark.parametrize("mode,expected", [
    ("lead_co", [(1, "lead"), (0, "co")]),
    ("split", [(2, "split"), (1, "split")]),
])
def test_lead_co_and_split_take_only_their_own_fields(world, client, mode, expected):
    p = accepted(world)
    r = _post(client, world, p, {"mode": mode, "single": world.units[2].pk,
                                 "lead": world.units[1].pk, "co": [world.units[0].pk],
                                 "split": [world.units[2].pk, world.units[1].pk]})
    assert r.status_code == 302
    assert sorted(HandlingCase.objects.get(proposal=p).assignments
                  .values_list("unit_id", "role")) == sorted(
        [(world.units[i].pk, role) for i, role in expected])


def test_a_unit_both_lead_and_co_is_named(world, client):
    p = accepted(world)
    r = _post(client, world, p, {"mode": "lead_co", "lead": world.units[1].pk,
                                 "co": [world.units[1].pk, world.units[0].pk]})
    assert r.status_code == 400
    assert f"同一单位不能重复交办：{world.units[1].name}。" in r.content.decode()
    assert not HandlingCase.objects.filter(proposal=p).exists()


def test_the_service_names_what_is_missing(world):
    p = accepted(world)
    with pytest.raises(ValidationError, match="^请选择单办单位。$"):
        services.case_assign(actor=fresh(world.office), proposal_id=p.pk, mode="single",
                             units=[])
    with pytest.raises(ValidationError, match="单位角色与办理方式不符"):  # the API's roles
        services.case_assign(actor=fresh(world.office), proposal_id=p.pk, mode="single",
                             units=[{"unit_id": world.units[1].pk, "role": "lead"}])
