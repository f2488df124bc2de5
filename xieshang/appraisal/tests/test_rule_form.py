"""The rule editor's table: figures changed in the form, previewed, then saved as a version."""

import pytest

from xieshang.appraisal import services
from xieshang.appraisal.models import RuleSet
from xieshang.appraisal.presets import preset
from xieshang.appraisal.rule_form import form_rows, rules_from_form
from xieshang.core.errors import ValidationError

from .story import office

pytestmark = pytest.mark.django_db


def _form(rules: dict, **changes) -> dict:
    """The form as the page submits it, unchanged except for `changes`."""
    table = form_rows(rules)
    data = {"base": str(table["base"]), "total_max": str(table["total_max"] or ""),
            "low-line": str((table["low"] or {}).get("line") or ""),
            "low-action": (table["low"] or {}).get("action", "talk")}
    for it in table["items"]:
        data[f"item-{it['i']}-points"] = str(it["points"])
        data[f"item-{it['i']}-cap"] = "" if it["cap"] is None else str(it["cap"])
        data[f"item-{it['i']}-count"] = str(it["count"])
        data[f"item-{it['i']}-skip"] = str(it["skip"])
    for i, g in table["groups"]:
        data[f"group-{i}-start"] = str(g["start"])
        data[f"group-{i}-cap"] = "" if g["cap"] is None else str(g["cap"])
    for i, g in table["grades"]:
        if g["min"] is not None:
            data[f"grade-{i}-min"] = str(g["min"])
    for t in table["absences"]:
        data[f"absence-{t['i']}-count"] = str(t["count"])
        data[f"absence-{t['i']}-action"] = t["action"]
    data.update(changes)
    return data


@pytest.mark.parametrize("key", ["hundred", "base85", "count"])
def test_an_unchanged_form_gives_the_same_rules(key):
    rules = preset(key)
    assert rules_from_form(rules, _form(rules)) == rules


def test_form_changes_points_switches_items_off_and_moves_lines():
    rules = preset("base85")
    data = _form(rules, **{"item-0-points": "-8", "item-2-off": "on", "grade-0-min": "92",
                           "absence-0-count": "2", "absence-0-action": "revoke",
                           "low-line": ""})
    new = rules_from_form(rules, data)
    assert new["items"][0]["points"] == -8
    assert [i["key"] for i in new["items"]] == [i["key"] for i in rules["items"]
                                                 if i["key"] != rules["items"][2]["key"]]
    assert new["grades"][0]["min"] == 92
    assert new["absence_thresholds"][0] == {**rules["absence_thresholds"][0], "count": 2,
                                             "action": "revoke"}
    assert new["low_score"] is None


@pytest.mark.parametrize("field, value, message", [
    ("item-0-points", "十", "不是数字"), ("base", "", "请填写"), ("item-1-cap", "1e9", "超出范围"),
    ("absence-0-action", "fire", "处理方式无效"),
])
def test_bad_figures_are_refused_in_chinese_naming_the_row(field, value, message):
    rules = preset("base85")
    with pytest.raises(ValidationError, match=message):
        rules_from_form(rules, _form(rules, **{field: value}))


def test_page_previews_a_change_then_saves_it_as_a_new_version(world, client):
    staff = office(world)
    year = 2026
    services.rule_set_create(actor=staff, year=year, preset_key="base85")
    client.force_login(staff)
    rules = RuleSet.objects.get(committee=world.committee, year=year).rules
    data = {**_form(rules, base="80"), "year": str(year), "mode": "form"}
    page = client.post(f"/appraisal/rules/?year={year}", {**data, "action": "preview"})
    html = page.content.decode()
    assert page.status_code == 200 and 'id="preview-summary"' in html
    assert RuleSet.objects.filter(committee=world.committee, year=year).count() == 1
    client.post(f"/appraisal/rules/?year={year}",
                {**data, "action": "save", "note": "基础分调为80分"})
    saved = RuleSet.objects.filter(committee=world.committee, year=year).order_by("-version")
    assert saved.count() == 2 and saved[0].rules["base"] == 80
    assert saved[0].note == "基础分调为80分"
