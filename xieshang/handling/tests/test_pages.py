"""The handling pages answer every role with the right page, and strangers with 404."""

from xieshang.core.testing import fresh
from xieshang.handling.models import HandlingCase
from xieshang.notifications.models import Notification

from .flow import accepted, assign, reply_through


def test_office_desk_bulk_assignment_follows_the_suggested_units(world, client):
    p = accepted(world)  # suggested: units[1] lead, units[0] co
    client.force_login(world.office)
    page = client.get("/handling/desk/")
    assert page.status_code == 200 and p.title in page.content.decode()
    client.post("/handling/assign/", {"proposal": [p.pk]})
    case = HandlingCase.objects.get(proposal=p)
    assert case.mode == "lead_co"
    assert sorted(case.assignments.values_list("role", flat=True)) == ["co", "lead"]
    assert Notification.objects.filter(user=world.unit_handlers[1], kind="assignment").exists()


def test_unit_pages_and_case_page(world, client):
    case = assign(world, accepted(world))
    a = case.assignments.get()
    client.force_login(world.unit_handlers[1])
    todo = client.get("/handling/unit/")
    assert todo.status_code == 200 and "待签收" in todo.content.decode()
    assert client.get(f"/handling/assignments/{a.pk}/").status_code == 200
    client.post(f"/handling/assignments/{a.pk}/sign/")
    a.refresh_from_db()
    assert a.status == "handling"
    client.force_login(world.unit_handlers[2])
    assert client.get(f"/handling/assignments/{a.pk}/").status_code == 404
    assert client.get(f"/handling/cases/{case.pk}/").status_code == 404
    reply_through(world, a)
    client.force_login(world.member_users[0])
    page = client.get(f"/handling/cases/{case.pk}/")
    assert page.status_code == 200 and "征询意见表" in page.content.decode()
    client.post(f"/handling/cases/{case.pk}/rate/", {
        "proposer": case.proposal.proposers.get(role="first").pk, "overall": "satisfied",
        "contact": "satisfied", "attitude": "basic", "result": "satisfied", "answered": "yes"})
    case.refresh_from_db()
    assert case.status == "closed"
    client.force_login(fresh(world.member_users[0]))
    assert client.get("/inbox/").status_code == 200


def test_case_page_links_units_only_for_those_who_may_open_them(world, client):
    case = assign(world, accepted(world))
    a = case.assignments.get()
    link = f'href="/handling/assignments/{a.pk}/"'
    client.force_login(world.member_users[0])
    page = client.get(f"/handling/cases/{case.pk}/").content.decode()
    assert a.unit.name in page and link not in page
    assert client.get(f"/handling/assignments/{a.pk}/").status_code == 404
    client.force_login(fresh(world.office))
    assert link in client.get(f"/handling/cases/{case.pk}/").content.decode()


def test_workbench_opens_on_the_first_bucket_with_work(world, client):
    case = assign(world, accepted(world))
    a = case.assignments.get()
    client.force_login(world.unit_handlers[1])
    assert case.proposal.title in client.get("/handling/unit/").content.decode()
    client.post(f"/handling/assignments/{a.pk}/sign/")
    # Nothing waits to be signed for now: the bench opens on what is being handled.
    page = client.get("/handling/unit/").content.decode()
    assert case.proposal.title in page
    assert case.proposal.title not in client.get(
        "/handling/unit/?bucket=pending_sign").content.decode()
