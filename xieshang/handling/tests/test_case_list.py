"""/handling/: numbers start again each session, so the list shows one session at a time (the
latest with cases unless another is chosen) and every row its year."""

from datetime import timedelta

from xieshang.organization.models import Session
from xieshang.proposals.models import Proposal

from .flow import accepted, assign


def _earlier_session(world) -> Session:
    s = world.session
    return Session.objects.create(
        committee=world.committee, term=world.term, number=2, name="五届二次会议",
        year=s.year - 1, opening_date=s.opening_date - timedelta(days=365),
        closing_date=s.closing_date - timedelta(days=365),
        proposal_deadline=s.proposal_deadline - timedelta(days=365))


def _rows(page: str) -> list[str]:
    body = page[page.index("<tbody>"):page.index("</tbody>")]
    return [row for row in body.split("<tr>")[1:]]


def test_the_list_opens_on_the_latest_session_and_shows_the_year(world, client):
    earlier = _earlier_session(world)
    old = accepted(world, title="关于治理城区内涝的建议")
    assign(world, old)
    new = accepted(world, owner=world.member_users[1], title="关于增加公交线路的建议")
    assign(world, new)
    new.refresh_from_db()
    # last year's proposal had the same number in its own session
    Proposal.objects.filter(pk=old.pk).update(session=earlier, official_seq=new.official_seq,
                                              official_number=new.official_number)
    year, last = world.session.year, earlier.year

    client.force_login(world.staff)
    page = client.get("/handling/").content.decode()
    rows = _rows(page)
    assert len(rows) == 1 and new.title in rows[0] and f"{year}年" in rows[0]
    assert old.title not in page
    assert f'<option value="{world.session.pk}" selected>{year}年 · 五届三次会议</option>' in page

    page = client.get(f"/handling/?session={earlier.pk}").content.decode()
    rows = _rows(page)
    assert len(rows) == 1 and old.title in rows[0] and f"{last}年" in rows[0]

    page = client.get("/handling/?session=all").content.decode()
    rows = _rows(page)
    assert len(rows) == 2
    assert new.title in rows[0] and f"{year}年" in rows[0]  # the latest session first
    assert old.title in rows[1] and f"{last}年" in rows[1]
    number = f'<td class="text-nowrap case-number">{new.official_number}</td>'
    assert number in rows[0] and number in rows[1]  # the year tells them apart

    # an unknown session falls back to the latest; the status filter still applies
    page = client.get("/handling/?session=999999&status=closed").content.decode()
    assert new.title not in page and old.title not in page and "暂无" in page


def test_a_returned_last_unit_leaves_no_separator_behind(world, client):
    from xieshang.core.testing import fresh
    from xieshang.handling import services

    case = assign(world, accepted(world), mode="split", units=[
        {"unit_id": world.units[1].pk, "role": "split"},
        {"unit_id": world.units[2].pk, "role": "split"}])
    last = case.assignments.get(unit=world.units[2])
    services.assignment_request_return(actor=fresh(world.unit_handlers[2]), assignment_id=last.pk,
                                       reason="不属于本单位职责")
    services.assignment_decide_return(actor=fresh(world.office), assignment_id=last.pk,
                                      approve=True)
    client.force_login(world.office)
    row = _rows(client.get("/handling/").content.decode())[0]
    assert f"{world.units[1].name}（分办）</td>" in row
    assert world.units[2].name not in row
