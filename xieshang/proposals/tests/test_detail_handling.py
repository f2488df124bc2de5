"""A proposal's page shows its handling once assigned: stage, units, replies, the rating due."""

from xieshang.core.testing import fresh
from xieshang.handling import replies
from xieshang.handling.tests.flow import REPLY_TEXT, assign, rate, reply_through, result_class

from .states import joint_with_a_declined_co_signer, proposal_in


def _page(client, user, proposal) -> str:
    client.force_login(fresh(user))
    response = client.get(f"/proposals/{proposal.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _badge(html: str) -> str:
    start = html.index('id="status"')
    return html[html.index(">", start) + 1:html.index("</span>", start)]


def test_an_accepted_proposal_not_yet_assigned_shows_no_handling(world, client):
    p = proposal_in(world, "accepted")
    html = _page(client, world.member_users[0], p)
    assert _badge(html) == "已立案"
    assert 'id="handling"' not in html and "/handling/cases/" not in html


def test_the_member_follows_the_handling_from_assignment_to_rating(world, client):
    member = world.member_users[0]
    p = proposal_in(world, "accepted")
    case = assign(world, p)
    a = case.assignments.get()
    case_link = f'href="/handling/cases/{case.pk}/"'

    html = _page(client, member, p)
    assert _badge(html) == "已交办" and case_link in html
    units = html[html.index('id="handling-units"'):]
    units = units[:units.index("</div>")]
    # The member sees which unit handles it, but the unit's own page is not theirs to open.
    assert a.unit.name in units and "/handling/assignments/" not in units
    assert client.get(f"/handling/cases/{case.pk}/").status_code == 200

    handler = fresh(world.unit_handlers[1])
    from xieshang.handling import services as handling_services

    handling_services.assignment_sign_for(actor=handler, assignment_id=a.pk)
    replies.reply_save(actor=handler, assignment_id=a.pk, body="草拟中的答复，尚未经领导签发和提案委审核，提案人不应看到。",
                               result_class_id=result_class(world).pk, contact_person="王科长",
                               contact_phone="0558-1234567", signer="李局长")
    html = _page(client, member, p)
    assert _badge(html) == "办理中" and "草拟中的答复" not in html
    assert 'id="no-replies"' in html and 'id="rating-due"' not in html
    # The unit's handler opens the proposal from its work and gets its own assignment linked.
    assert f'href="/handling/assignments/{a.pk}/"' in _page(client, world.unit_handlers[1], p)

    reply_through(world, a)  # the draft is rewritten, signed off and passed
    html = _page(client, member, p)
    assert _badge(html) == "已答复" and REPLY_TEXT in html
    due = html[html.index('id="rating-due"'):]
    assert "满意度测评" in due and f'href="/handling/cases/{case.pk}/#submit-rating"' in due
    # Staff read the page but are not the ones asked to rate.
    assert 'id="rating-due"' not in _page(client, world.staff, p)

    rate(world, case, member)
    html = _page(client, member, p)
    assert _badge(html) == "已办结"
    assert 'id="rating-due"' not in html and 'id="rated"' in html


def test_a_co_signer_is_asked_to_rate_and_a_declined_one_is_not(world, client):
    from xieshang.proposals import services

    p, co, declined = joint_with_a_declined_co_signer(world)
    services.proposal_accept(actor=fresh(world.staff), proposal_id=p.pk,
                             category_id=world.categories[0].pk)
    case = assign(world, p)
    reply_through(world, case.assignments.get())
    assert 'id="rating-due"' in _page(client, co, p)
    # A declined co-signer still reads the page, but is not among those who rate.
    html = _page(client, declined, p)
    assert 'id="handling"' in html and 'id="rating-due"' not in html
