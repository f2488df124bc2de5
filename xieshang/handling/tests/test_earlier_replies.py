"""本单位相近答复: while a unit writes a reply, its own passed replies to similar matters."""

import pytest

from xieshang.core.testing import fresh
from xieshang.handling import services
from xieshang.handling.earlier_replies import earlier_replies
from xieshang.proposals.tests.test_duplicate_groups import REWORDED
from xieshang.proposals.tests.test_similar import ORIGINAL, UNRELATED

from .flow import accepted, assign, reply_through

pytestmark = pytest.mark.usefixtures("fresh_similarity")


def handled_by(world, texts, unit: int, owner: int):
    case = assign(world, accepted(world, owner=world.member_users[owner], **texts),
                  units=[{"unit_id": world.units[unit].pk, "role": "single"}])
    return case.assignments.get()


def test_the_unit_sees_its_own_earlier_replies_on_similar_matters_while_it_writes(world, client):
    earlier = handled_by(world, ORIGINAL, unit=1, owner=0)
    reply_through(world, earlier, code="B")
    other_unit = handled_by(world, REWORDED, unit=2, owner=1)
    reply_through(world, other_unit)
    unrelated = handled_by(world, UNRELATED, unit=1, owner=2)
    reply_through(world, unrelated)
    now = handled_by(world, REWORDED, unit=1, owner=3)
    handler = fresh(world.unit_handlers[1])
    services.assignment_sign_for(actor=handler, assignment_id=now.pk)
    now.refresh_from_db()

    [row] = earlier_replies(user=handler, assignment=now)
    assert row.assignment.pk == earlier.pk and row.result_class == "B" and row.percent >= 60
    # Nobody else is shown the unit's replies this way.
    assert earlier_replies(user=fresh(world.unit_handlers[2]), assignment=now) == []
    assert earlier_replies(user=fresh(world.office), assignment=now) == []

    client.force_login(world.unit_handlers[1])
    html = client.get(f"/handling/assignments/{now.pk}/").content.decode()
    assert 'id="earlier-replies"' in html and f'/handling/assignments/{earlier.pk}/' in html
    assert f'/handling/assignments/{unrelated.pk}/' not in html
    # Once its reply has passed, the unit is no longer writing: the panel is gone.
    reply_through(world, now)
    html = client.get(f"/handling/assignments/{now.pk}/").content.decode()
    assert 'id="earlier-replies"' not in html


def test_a_transferred_item_is_compared_by_its_own_text(world):
    from xieshang.opinions.tests.story import opinion_in
    from xieshang.opinions.tests.test_similar import HOUSING
    from xieshang.opinions.tests.test_transfer import transfer

    earlier = handled_by(world, ORIGINAL, unit=1, owner=0)
    reply_through(world, earlier)
    case = transfer(world, opinion_in(world, "sent", owner=world.member_users[2], **HOUSING), 1)
    a = case.assignments.get()
    handler = fresh(world.unit_handlers[1])
    services.assignment_sign_for(actor=handler, assignment_id=a.pk)
    a.refresh_from_db()
    assert [r.assignment.pk for r in earlier_replies(user=handler, assignment=a)] == [earlier.pk]


def promise_and_reply_under_review(world):
    """Return (planned, solved, reply): the unit's last-year B reply on a matter (planned), its
    A reply this year on the same matter (solved), and its new reply on it, under review."""
    from datetime import timedelta

    from xieshang.handling import replies
    from xieshang.handling.models import Reply

    from .flow import REPLY_TEXT, result_class

    planned = handled_by(world, ORIGINAL, unit=1, owner=0)
    last_year = reply_through(world, planned, code="B")
    Reply.objects.filter(pk=last_year.pk).update(
        passed_at=last_year.passed_at - timedelta(days=366))
    solved = handled_by(world, ORIGINAL, unit=1, owner=1)
    reply_through(world, solved, code="A")  # this year, and kept: no question
    now = handled_by(world, REWORDED, unit=1, owner=3)
    handler, leader = fresh(world.unit_handlers[1]), fresh(world.unit_leaders[1])
    services.assignment_sign_for(actor=handler, assignment_id=now.pk)
    reply = replies.reply_save(actor=handler, assignment_id=now.pk, body=REPLY_TEXT,
                               result_class_id=result_class(world, "B").pk,
                               contact_person="王科长", contact_phone="0558-1234567",
                               signer="李局长")
    replies.reply_sign_off(actor=leader, reply_id=reply.pk)
    reply.refresh_from_db()
    return planned, solved, reply


def test_the_reviewer_is_asked_about_last_years_promise_on_the_same_matter(world, client):
    from xieshang.handling.earlier_replies import for_review

    planned, solved, reply = promise_and_reply_under_review(world)
    now = reply.assignment
    assert reply.status == "under_review"

    promises, _ = for_review(reply)
    [promise] = promises
    assert promise.assignment.pk == planned.pk and promise.result_class == "B"
    client.force_login(world.staff)
    html = client.get(f"/handling/cases/{now.case_id}/").content.decode()
    assert f'id="promises-{reply.pk}"' in html and "请核实落实情况" in html
    promises = html[html.index(f'id="promises-{reply.pk}"'):]
    promises = promises[:promises.index("</div>")]
    assert f'data-id="{planned.pk}"' in promises and f'data-id="{solved.pk}"' not in promises


def test_the_reviewer_sees_a_reply_that_repeats_the_units_earlier_one(world, client):
    from xieshang.accounts.services import api_token_issue
    from xieshang.handling import replies
    from xieshang.handling.earlier_replies import for_review

    from .flow import REPLY_TEXT, result_class

    earlier = handled_by(world, ORIGINAL, unit=1, owner=0)
    reply_through(world, earlier)  # its body is REPLY_TEXT
    now = handled_by(world, REWORDED, unit=1, owner=3)
    handler, leader = fresh(world.unit_handlers[1]), fresh(world.unit_leaders[1])
    services.assignment_sign_for(actor=handler, assignment_id=now.pk)

    def save(body):
        return replies.reply_save(actor=handler, assignment_id=now.pk, body=body,
                                  result_class_id=result_class(world, "A").pk,
                                  contact_person="王科长", contact_phone="0558-1234567",
                                  signer="李局长")

    own = ("关于您提出的加装电梯建议，我局今年已将城北片区纳入试点，由街道牵头逐栋征求居民意见，"
           "对低楼层住户的补偿办法正在制定，预计年内出台。联系人：王科长，电话0558-1234567。")
    reply = save(own)
    assert for_review(reply)[1] == []
    reply = save(REPLY_TEXT + "特此答复。")
    [found] = for_review(reply)[1]
    assert found.earlier.assignment.pk == earlier.pk and found.percent >= 85
    replies.reply_sign_off(actor=leader, reply_id=reply.pk)

    client.force_login(world.staff)
    html = client.get(f"/handling/cases/{now.case_id}/").content.decode()
    assert f'id="reused-{reply.pk}"' in html and "请核实是否照搬往年答复" in html
    assert f'class="reused-reply" data-id="{earlier.pk}"' in html
    staff = {"Authorization": f"Bearer {api_token_issue(user=fresh(world.staff))}"}
    body = client.get(f"/api/v1/handling/reply-checks/replies/{reply.pk}", headers=staff).json()
    assert [u["assignment_id"] for u in body["reused_replies"]] == [earlier.pk]
    unit = {"Authorization": f"Bearer {api_token_issue(user=leader)}"}
    body = client.get(f"/api/v1/handling/reply-checks/replies/{reply.pk}", headers=unit).json()
    assert body["reused_replies"] == []
