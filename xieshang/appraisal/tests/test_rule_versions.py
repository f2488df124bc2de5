"""Rule versions: an unchanged save is refused, a published year's rules change only when
confirmed as such, an earlier version can be restored as a new one, a new year starts from a
template or the previous year's rules, and readers are not sent to the editor."""

import pytest
from django.test import Client

from xieshang.appraisal import services
from xieshang.appraisal.models import AppraisalEvent, RuleSet
from xieshang.appraisal.presets import preset
from xieshang.core.errors import NotFound, PermissionDenied, ValidationError
from xieshang.core.testing import fresh

from .story import ended_activity, office, rules_from, year_of
from .test_rule_form import _form

pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    c = Client()
    c.force_login(fresh(user))
    return c


def _versions(world, year) -> list[int]:
    return list(RuleSet.objects.filter(committee=world.committee, year=year)
                .order_by("version").values_list("version", flat=True))


def _events(world) -> int:
    return AppraisalEvent.objects.filter(committee=world.committee, subject="rule_set").count()


def _published_year(world):
    """A year whose appraisal is computed and published under version 1 (base-85)."""
    a = ended_activity(world, attended=[], invited=[world.members[1].pk])
    year = year_of(a)
    rules_from(world, year, "base85")
    ap = services.appraisal_compute(actor=fresh(office(world)), year=year)
    services.appraisal_publish(actor=fresh(office(world)), appraisal_id=ap.pk)
    return year


def test_saving_rules_identical_to_the_current_version_is_refused(world):
    rules_from(world, 2024, "base85")
    events = _events(world)
    with pytest.raises(ValidationError, match="与2024年度现行的第1版考评办法完全相同"):
        services.rule_set_create(actor=fresh(office(world)), year=2024, preset_key="base85")
    with pytest.raises(ValidationError, match="完全相同"):
        services.rule_set_create(actor=fresh(office(world)), year=2024,
                                 rules=preset("base85"), note="")
    assert _versions(world, 2024) == [1] and _events(world) == events
    # A real change is saved.
    changed = preset("base85")
    changed["base"] = 80
    services.rule_set_create(actor=fresh(office(world)), year=2024, rules=changed)
    assert _versions(world, 2024) == [1, 2]


def test_the_editor_refuses_an_unchanged_save_with_a_message(world):
    rules_from(world, 2024, "base85")
    rules = RuleSet.objects.get(committee=world.committee, year=2024).rules
    page = _as(office(world)).post(
        "/appraisal/rules/?year=2024",
        {**_form(rules), "year": "2024", "mode": "form", "action": "save", "note": ""},
        follow=True)
    assert "完全相同，未保存新版本" in page.content.decode()
    assert _versions(world, 2024) == [1]


def test_a_published_years_rules_change_only_when_confirmed(world):
    year = _published_year(world)
    events = _events(world)
    with pytest.raises(ValidationError, match="确认修改已公布年度的考评办法") as refused:
        services.rule_set_create(actor=fresh(office(world)), year=year, preset_key="hundred")
    assert refused.value.field == "confirm_published"
    assert _versions(world, year) == [1] and _events(world) == events
    row = services.rule_set_create(actor=fresh(office(world)), year=year,
                                   preset_key="hundred", confirm_published=True)
    assert row.version == 2
    event = AppraisalEvent.objects.get(subject="rule_set", subject_id=row.pk)
    assert event.payload["after_publication"] is True and event.payload["previous_version"] == 1


def test_the_rules_page_warns_and_asks_for_confirmation_in_a_published_year(world):
    year = _published_year(world)
    c = _as(office(world))
    html = c.get(f"/appraisal/rules/?year={year}").content.decode()
    assert 'id="published-warning"' in html and "已公布的结果仍按第1版，不会改变" in html
    assert html.count('name="confirm_published"') == 3  # template, table and JSON forms
    assert "return confirm(" in html and "确认修改已公布年度的考评办法" in html
    # Without the box ticked nothing is saved; with it, the template becomes version 2.
    page = c.post(f"/appraisal/rules/?year={year}",
                  {"year": year, "action": "preset", "preset": "hundred"}, follow=True)
    assert "须勾选「确认修改已公布年度的考评办法」" in page.content.decode()
    assert _versions(world, year) == [1]
    c.post(f"/appraisal/rules/?year={year}", {"year": year, "action": "preset",
                                              "preset": "hundred", "confirm_published": "on"})
    assert _versions(world, year) == [1, 2]
    # Version 1 stays marked as the one the published results used; restore is offered.
    html = c.get(f"/appraisal/rules/?year={year}").content.decode()
    assert "已公布结果所用" in html and 'id="restore-form"' in html
    # Readers see the warning but no save controls.
    html = _as(world.leader).get(f"/appraisal/rules/?year={year}").content.decode()
    assert 'id="published-warning"' in html and 'name="confirm_published"' not in html
    assert 'id="restore-button"' not in html and 'id="preset-button"' not in html


def test_an_earlier_version_is_restored_as_a_new_version(world):
    v1 = rules_from(world, 2024, "base85")
    services.rule_set_create(actor=fresh(office(world)), year=2024, preset_key="hundred")
    restored = services.rule_set_restore(actor=fresh(office(world)), rule_set_id=v1.pk)
    assert (restored.version, restored.note) == (3, "恢复为第1版")
    assert restored.rules == v1.rules and restored.preset == "base85"
    assert _versions(world, 2024) == [1, 2, 3]
    event = AppraisalEvent.objects.get(subject="rule_set", subject_id=restored.pk)
    assert event.action == "restore" and event.payload["from_version"] == 1
    # Version 1 is now current: restoring it again changes nothing.
    with pytest.raises(ValidationError, match="完全相同"):
        services.rule_set_restore(actor=fresh(office(world)), rule_set_id=v1.pk)
    with pytest.raises(ValidationError):
        services.rule_set_restore(actor=fresh(office(world)), rule_set_id=v1.pk, year=2023)
    with pytest.raises(PermissionDenied):
        services.rule_set_restore(actor=fresh(world.leader), rule_set_id=v1.pk)


def test_restoring_is_confirmed_in_a_published_year_and_runs_from_the_page(world):
    year = _published_year(world)
    v1 = RuleSet.objects.get(committee=world.committee, year=year, version=1)
    services.rule_set_create(actor=fresh(office(world)), year=year, preset_key="hundred",
                             confirm_published=True)
    c = _as(office(world))
    c.post(f"/appraisal/rules/?year={year}",
           {"year": year, "action": "restore", "rule_set_id": v1.pk})
    assert _versions(world, year) == [1, 2]
    c.post(f"/appraisal/rules/?year={year}", {"year": year, "action": "restore",
                                              "rule_set_id": v1.pk, "confirm_published": "on",
                                              "note": "主席会议决定恢复原办法"})
    latest = RuleSet.objects.get(committee=world.committee, year=year, version=3)
    assert latest.rules == v1.rules and latest.note == "主席会议决定恢复原办法"
    # An earlier version can be previewed against the current one without saving.
    page = c.post(f"/appraisal/rules/?year={year}", {"year": year, "action": "preview_version",
                                                     "rule_set_id": v1.pk})
    assert 'id="preview-summary"' in page.content.decode()
    assert _versions(world, year) == [1, 2, 3]


def test_another_committees_version_cannot_be_restored(world, other_world):
    theirs = rules_from(other_world, 2024)
    with pytest.raises(NotFound):
        services.rule_set_restore(actor=fresh(office(world)), rule_set_id=theirs.pk)


def test_a_new_year_starts_from_a_template_or_the_previous_years_rules(world):
    earlier = rules_from(world, 2024, "base85")
    c = _as(office(world))
    html = c.get("/appraisal/rules/?year=2025").content.decode()
    assert 'id="rules-text"' not in html and "{}</textarea>" not in html
    assert 'id="preset-button"' in html and "沿用2024年度办法" in html
    c.post("/appraisal/rules/?year=2025", {"year": 2025, "action": "carry_over",
                                           "rule_set_id": earlier.pk})
    row = RuleSet.objects.get(committee=world.committee, year=2025)
    assert (row.version, row.note, row.rules) == (1, "沿用2024年度第1版", earlier.rules)
    event = AppraisalEvent.objects.get(subject="rule_set", subject_id=row.pk)
    assert event.action == "carry_over" and event.payload["from_year"] == 2024


def test_readers_are_not_sent_to_create_rules(world):
    year = 2024
    html = _as(world.leader).get(f"/appraisal/?year={year}").content.decode()
    assert "由委员联络室制定" in html and "从模板" not in html
    assert f'href="/appraisal/rules/?year={year}"' not in html
    rules = _as(world.leader).get(f"/appraisal/rules/?year={year}").content.decode()
    assert "由委员联络室制定" in rules and 'id="rules-text"' not in rules and "{}</textarea>" not in rules
    html = _as(office(world)).get(f"/appraisal/?year={year}").content.decode()
    assert f'href="/appraisal/rules/?year={year}"' in html
