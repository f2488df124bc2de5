"""Staff of one committee never decide for another; each portal shows only its own committee."""

import pytest

from xieshang.accounts.services import api_token_issue
from xieshang.core.errors import NotFound
from xieshang.core.testing import fresh
from xieshang.publishing import selectors, services

from .helpers import passed_reply, published


def test_staff_of_one_committee_cannot_decide_or_withdraw_for_another(world, other_world,
                                                                      client):
    theirs = passed_reply(other_world, title="关于建设城郊绿道的建议")
    their_publication = published(other_world, passed_reply(other_world))
    staff = fresh(world.staff)

    with pytest.raises(NotFound):
        services.publication_decide(actor=staff, reply_id=theirs.pk, mode="full")
    with pytest.raises(NotFound):
        services.publication_withdraw(actor=staff, publication_id=their_publication.pk,
                                      reason="越权")
    with pytest.raises(NotFound):
        selectors.publication_preview(user=staff, reply_id=theirs.pk)
    assert selectors.decision_queue(user=staff) == []
    assert not selectors.publication_list(user=staff).exists()

    client.force_login(staff)
    assert client.get(f"/public/manage/replies/{theirs.pk}/").status_code == 404
    assert client.post(f"/public/manage/decisions/{their_publication.pk}/withdraw/",
                       {"reason": "越权"}).status_code == 404
    their_publication.refresh_from_db()
    assert their_publication.status == "published"

    headers = {"Authorization": f"Bearer {api_token_issue(user=staff)}"}
    foreign = client.post(f"/api/v1/publishing/replies/{theirs.pk}/decide",
                          {"mode": "full"}, content_type="application/json", headers=headers)
    missing = client.post("/api/v1/publishing/replies/999999/decide",
                          {"mode": "full"}, content_type="application/json", headers=headers)
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json() == missing.json()


def test_public_pages_of_one_committee_show_nothing_of_another(world, other_world, client):
    mine = published(world, passed_reply(world, title="关于发展托育服务的建议"))
    theirs = published(other_world, passed_reply(other_world, title="关于建设城郊绿道的建议"))
    slug, other = world.committee.slug, other_world.committee.slug

    listing = client.get(f"/public/{slug}/").content.decode()
    assert "托育服务" in listing and "城郊绿道" not in listing
    assert client.get(f"/public/{slug}/{theirs.proposal_id}/").status_code == 404
    assert client.get(f"/public/{other}/{mine.proposal_id}/").status_code == 404
    assert client.get(f"/public/{other}/{theirs.proposal_id}/").status_code == 200
    # a unit of the other committee as a filter finds nothing here
    body = client.get(f"/public/{slug}/", {"unit": theirs.unit_id}).content.decode()
    assert "共 0 件" in body

    api = client.get(f"/api/v1/publishing/public/{slug}/proposals").json()
    assert [i["title"] for i in api["items"]] == ["关于发展托育服务的建议"]
    assert client.get(f"/api/v1/publishing/public/{slug}/proposals/{theirs.proposal_id}"
                      ).status_code == 404
