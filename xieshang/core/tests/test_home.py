"""The home page sends each user to their main work, not to a welcome page."""

from xieshang.accounts.roles import Role
from xieshang.accounts.services import user_create
from xieshang.core.testing import PASSWORD, fresh
from xieshang.opinions import services as opinion_services
from xieshang.opinions.tests.story import office


def _user(world, name, roles):
    return user_create(committee=world.committee, username=f"home-{name}", full_name=name,
                       password=PASSWORD, roles=roles, must_change_password=False)


def test_the_information_office_liaison_and_reporters_land_on_their_work(world, client):
    info = office(world)
    liaison = _user(world, "liaison", [{"role": Role.LIAISON}])
    reporter = _user(world, "reporter", [])
    opinion_services.reporter_authorise(actor=fresh(info), user_id=reporter.pk)
    nobody = _user(world, "nobody", [])
    for user, page in ((info, "/opinions/"), (liaison, "/activities/"),
                       (reporter, "/opinions/"), (world.member_users[0], "/proposals/")):
        client.force_login(user)
        assert client.get("/").url == page, user.username
    client.force_login(nobody)
    assert "欢迎使用协商平台" in client.get("/").content.decode()
