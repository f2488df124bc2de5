"""Every navigation link a user is shown opens for that user: no tab leads to a 404."""

import re

import pytest

from xieshang.accounts.roles import Role
from xieshang.accounts.services import user_create
from xieshang.activities.tests.story import liaison, sc_liaison
from xieshang.core.testing import PASSWORD, fresh

pytestmark = pytest.mark.django_db

NAV_LINK = re.compile(r'<a class="nav-link[^"]*" href="([^"]+)"')


def _role_user(world, role: str):
    return user_create(committee=world.committee, username=f"nav-{role}", full_name=role,
                       password=PASSWORD, roles=[{"role": role}], must_change_password=False)


def _users(world) -> dict:
    return {
        "member": world.member_users[0], "staff": world.staff, "chief": world.chief,
        "office": world.office, "leader": world.leader, "party_agent": world.party_agent,
        "sys_admin": world.sys_admin, "unit_handler": world.unit_handler,
        "info_office": _role_user(world, Role.INFO_OFFICE),
        "security_admin": _role_user(world, Role.SECURITY_ADMIN),
        "audit_admin": _role_user(world, Role.AUDIT_ADMIN),
        "general_office": liaison(world), "sc_liaison": sc_liaison(world),
    }


def _links(html: str) -> set[str]:
    return {h.replace("&amp;", "&") for h in NAV_LINK.findall(html)}


def test_every_shown_tab_opens_for_every_role(world, client):
    broken = []
    for name, user in _users(world).items():
        client.force_login(fresh(user))
        # The top bar's links, then the tab bars of the sections they lead to.
        top = _links(client.get("/", follow=True).content.decode())
        tabs: set[str] = set()
        for url in sorted(top):
            response = client.get(url, follow=True)
            if response.status_code != 200:
                broken.append((name, url, response.status_code))
            else:
                tabs |= _links(response.content.decode())
        for url in sorted(tabs - top):
            status = client.get(url, follow=True).status_code
            if status != 200:
                broken.append((name, url, status))
        assert top, f"{name} sees no navigation"
    assert not broken, broken


def test_information_office_is_not_shown_the_assignment_desk(world, client):
    client.force_login(fresh(_role_user(world, Role.INFO_OFFICE)))
    page = client.get("/opinions/").content.decode()
    assert "社情民意编辑" in page
    assert "交办与督办" not in page and "/handling/desk/" not in page


def test_activities_tabs_follow_the_role(world, client):
    client.force_login(fresh(world.member_users[0]))
    member_tabs = client.get("/activities/mine/").content.decode()
    assert "我的出勤" in member_tabs and "活动管理" not in member_tabs
    assert "/activities/settings/" not in member_tabs
    client.force_login(sc_liaison(world))
    sc_tabs = client.get("/activities/").content.decode()
    assert "活动管理" in sc_tabs and "我的出勤" not in sc_tabs
    assert "/activities/settings/" not in sc_tabs
    client.force_login(liaison(world))
    assert "/activities/settings/" in client.get("/activities/").content.decode()
