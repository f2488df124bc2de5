"""Proposal pages: proposer lists, the review form's guards, the drafting form's seat check."""

import pytest

from xieshang.core.errors import PermissionDenied
from xieshang.core.testing import draft_kwargs, fresh
from xieshang.organization.models import Membership
from xieshang.proposals import permissions, services
from xieshang.proposals.models import Proposal, ProposalEvent
from xieshang.proposals.workflow import Status

from .states import joint_with_a_declined_co_signer, proposal_in

# -- proposer lists ---------------------------------------------------------------------------


def _joint_with_a_declined_last(world) -> Proposal:
    return joint_with_a_declined_co_signer(world)[0]


def _proposer_cell(html: str, title: str) -> str:
    row = html[html.index(title):]
    row = row[:row.index("</tr>")]
    return row.split("<td")[1].split(">", 1)[1].split("</td>")[0]


def test_the_lists_join_only_the_shown_proposers(world, client):
    p = _joint_with_a_declined_last(world)
    client.force_login(fresh(world.member_users[0]))
    cell = _proposer_cell(client.get("/proposals/").content.decode(), p.title)
    assert cell == "委员0、委员1"
    client.force_login(fresh(world.staff))
    cell = _proposer_cell(client.get("/proposals/review/").content.decode(), p.title)
    assert cell == "委员0、委员1"
    assert [str(r) for r in Proposal.objects.get(pk=p.pk).confirmed_proposers] == ["委员0",
                                                                                  "委员1"]


# -- review form ------------------------------------------------------------------------------


def _review_page(client, world, p) -> str:
    client.force_login(fresh(world.staff))
    return client.get(f"/proposals/{p.pk}/").content.decode()


def _form(html: str, form_id: str) -> str:
    start = html.index(f'id="{form_id}"')
    return html[html.rindex("<form", 0, start):html.index("</form>", start)]


def test_the_refusal_ground_starts_on_please_choose(world, client):
    p = proposal_in(world, "submitted")
    form = _form(_review_page(client, world, p), "refuse-form")
    select = form[form.index('id="ground"'):form.index("</select>")]
    assert select.index('<option value="">请选择</option>') < select.index(world.grounds[0].text)
    assert "selected" not in select


def test_refusing_without_a_ground_is_refused_in_chinese_and_changes_nothing(world, client):
    p = proposal_in(world, "submitted")
    client.force_login(fresh(world.staff))
    response = client.post(f"/proposals/{p.pk}/decide/", {
        "decision": "refuse", "ground": "", "explanation": "内容空泛"}, follow=True)
    assert "请选择不予立案理由。" in response.content.decode()
    # With the explanation empty too, the missing ground is what is named first.
    response = client.post(f"/proposals/{p.pk}/decide/", {
        "decision": "refuse", "ground": "", "explanation": ""}, follow=True)
    assert "请选择不予立案理由。" in response.content.decode()
    p.refresh_from_db()
    assert p.status == Status.SUBMITTED and p.refusal_ground_id is None
    assert not ProposalEvent.objects.filter(proposal=p, action="refuse").exists()
    # With a ground the same form goes through.
    client.post(f"/proposals/{p.pk}/decide/", {
        "decision": "refuse", "ground": world.grounds[0].pk, "explanation": "内容空泛"})
    p.refresh_from_db()
    assert p.status == Status.REFUSED


@pytest.mark.parametrize("form_id,says", [
    ("refuse-form", "确定不予立案？"),
    ("convert-form", "确定将本提案"),
    ("merge-form", "确定将本提案并入"),
], ids=["refuse", "convert", "merge"])
def test_irreversible_decisions_ask_for_confirmation_first(world, client, form_id, says):
    proposal_in(world, "submitted", owner=world.member_users[1])  # something to merge into
    p = proposal_in(world, "submitted")
    form = _form(_review_page(client, world, p), form_id)
    head = form[:form.index(">")]
    assert "onsubmit=\"" in head and "return confirm(" in head and says in head
    assert "不可撤回" in head
    # Accepting (立案) is the ordinary outcome and asks nothing.
    assert "confirm(" not in _form(_review_page(client, world, p), "accept-form")[:200]


# -- the drafting form and the seat -----------------------------------------------------------


def _set_seat(world, user, status: str | None) -> None:
    seat = Membership.objects.filter(member=user.member, term=world.term)
    if status is None:
        seat.delete()
    else:
        seat.update(status=status)


@pytest.mark.parametrize("status,sitting", [
    ("active", True), ("on_leave", True), ("ended", False), ("revoked", False),
    ("persuaded", False), (None, False),
], ids=["active", "on-leave", "ended", "revoked", "persuaded", "no-seat"])
def test_the_form_and_the_service_share_one_seat_predicate(world, status, sitting):
    user = world.member_users[0]
    _set_seat(world, user, status)
    assert permissions.is_sitting_member(fresh(user)) is sitting
    if sitting:
        services.proposal_create(actor=fresh(user), **draft_kwargs(world))
    else:
        with pytest.raises(PermissionDenied, match="您不是本届在任委员，不能提出提案。"):
            services.proposal_create(actor=fresh(user), **draft_kwargs(world))


def test_a_member_without_a_current_seat_is_told_before_typing(world, client):
    user = world.member_users[0]
    _set_seat(world, user, "ended")
    client.force_login(fresh(user))
    html = client.get("/proposals/new/").content.decode()
    assert 'id="cannot-propose"' in html and "您不是本届在任委员，不能提出提案。" in html
    assert 'name="title"' not in html and "保存草稿" not in html
    response = client.post("/proposals/new/", draft_kwargs(world, category=""))
    assert response.status_code == 403
    assert not Proposal.objects.filter(created_by=user).exists()


def test_a_sitting_member_gets_the_form_and_a_non_member_is_told(world, client):
    client.force_login(fresh(world.member_users[0]))
    html = client.get("/proposals/new/").content.decode()
    assert 'id="cannot-propose"' not in html and 'name="title"' in html
    client.force_login(fresh(world.staff))
    html = client.get("/proposals/new/").content.decode()
    assert "只有委员可以起草提案。" in html and 'name="title"' not in html


# -- timeline ---------------------------------------------------------------------------------


def _timeline(html: str) -> str:
    start = html.index('id="timeline"')
    return html[start:html.index("</ul>", start)]


@pytest.mark.parametrize("kind, label", [("opinion", "转社情民意"), ("suggestion", "转意见建议"),
                                         ("letter", "转委员来信")])
def test_the_timeline_names_a_conversion_in_chinese(world, client, kind, label):
    p = proposal_in(world, "submitted")
    services.proposal_convert(actor=fresh(world.staff), proposal_id=p.pk, kind=kind,
                              consent_note="已电话征得提案人同意")
    client.force_login(fresh(world.member_users[0]))
    timeline = _timeline(client.get(f"/proposals/{p.pk}/").content.decode())
    assert f"{label}；已电话征得提案人同意" in timeline
    assert kind not in timeline
