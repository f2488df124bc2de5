"""Helpers: an ended activity with one member absent, and the member liaison office."""

from datetime import timedelta

from xieshang.activities.tests.story import activity, liaison
from xieshang.appraisal import services
from xieshang.core import clock
from xieshang.core.testing import World, fresh


def office(world: World):
    """The member liaison office (liaison staff without a body scope)."""
    return liaison(world, "office")


def ended_activity(world: World, *, attended: list[int], invited: list[int],
                   title: str = "老旧小区改造联合调研", type_name: str = "调研", days_ago: int = 5):
    """Publish an activity that ended days ago; members in `attended` signed in."""
    start = clock.now() - timedelta(days=days_ago)
    start = start.replace(hour=9, minute=0, second=0, microsecond=0)
    a = activity(world, actor=office(world), start=start, invite=invited, title=title,
                 type_name=type_name, organisers=[{"kind": "general_office"}])
    from xieshang.activities import services as activity_services

    for member_id in attended:
        with clock.at(start + timedelta(minutes=10)):
            activity_services.attendance_record(actor=fresh(office(world)), activity_id=a.pk,
                                                member_id=member_id)
    return a


def year_of(a) -> int:
    return clock.localdate(a.start).year


def rules_from(world: World, year: int, preset_key: str = "hundred"):
    return services.rule_set_create(actor=fresh(office(world)), year=year,
                                    preset_key=preset_key)
