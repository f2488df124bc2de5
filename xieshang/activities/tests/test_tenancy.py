"""One committee cannot see or touch another's activities, plans and reports: the same 404."""

import pytest

from xieshang.accounts.services import api_token_issue
from xieshang.activities import services
from xieshang.core.errors import NotFound
from xieshang.core.testing import PASSWORD, fresh

from .story import activity, liaison

pytestmark = pytest.mark.django_db


def test_another_committee_gets_404_everywhere(world, other_world, client):
    a = activity(world)
    plan = services.plan_create(actor=liaison(world), year=2020)
    outsider = liaison(other_world)
    with pytest.raises(NotFound):
        services.activity_publish(actor=outsider, activity_id=a.pk)
    with pytest.raises(NotFound):
        services.activity_sign_in(actor=fresh(other_world.member_users[0]), activity_id=a.pk,
                                  code=a.code)
    with pytest.raises(NotFound):
        services.plan_adopt(actor=outsider, plan_id=plan.pk, meeting="x", meeting_date=None,
                            text="x")
    client.login(username=outsider.username, password=PASSWORD)
    for url in (f"/activities/{a.pk}/", f"/activities/{a.pk}/sheet/",
                f"/activities/{a.pk}/code/", f"/activities/plans/{plan.pk}/"):
        assert client.get(url).status_code == 404, url
    token = api_token_issue(user=outsider)
    r = client.get(f"/api/v1/activities/activities/{a.pk}",
                   headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 404
    assert r.json()["error"]["message"] == "未找到该记录，或您无权查看。"
    r = client.get("/api/v1/activities/activities", headers={"Authorization": f"Bearer {token}"})
    assert r.json()["count"] == 0


def test_members_cannot_see_draft_activities(world, client):
    a = activity(world, publish=False)
    client.login(username=world.member_users[0].username, password=PASSWORD)
    assert client.get(f"/activities/{a.pk}/").status_code == 404
