"""Step: the logins the 2020 社情民意 and activities need — a second information-office user
who signs issues off (the editor may not), a liaison for each special committee, and two
invited information officers (特邀信息员) authorised by the office."""

from datetime import datetime

from django.contrib.auth.hashers import make_password

from xieshang.accounts.models import User
from xieshang.accounts.services import user_create
from xieshang.core import clock
from xieshang.opinions.services import reporter_authorise

from .accounts import REPORTER_ACCOUNTS, STAFF_2020_ACCOUNTS
from .context import PASSWORD, DemoContext
from .names import NameBook

CREATED = datetime(2020, 1, 6, 10, 0)
AUTHORISED = datetime(2020, 1, 8, 9, 30)
REPORTER_ORGANISATIONS = {"demo-reporter1": "示例日报社", "demo-reporter2": "东湖区东湖街道社区"}


def load(ctx: DemoContext) -> None:
    rng = ctx.rng("people-2020")
    names = NameBook(rng)
    names.used |= set(User.objects.filter(committee=ctx.committee)
                      .values_list("full_name", flat=True))
    created = []
    with clock.at(CREATED):
        for username, role, scope, _ in STAFF_2020_ACCOUNTS:
            grant = {"role": role}
            if scope:
                grant["special_committee"] = ctx.special_committees[scope]
            user = user_create(committee=ctx.committee, username=username,
                               full_name=names.take(rng.choice("MF")), roles=[grant],
                               must_change_password=False)
            ctx.users[username] = user
            created.append(user)
        for username, _ in REPORTER_ACCOUNTS:
            user = user_create(committee=ctx.committee, username=username,
                               full_name=names.take(rng.choice("MF")), roles=[],
                               must_change_password=False)
            ctx.users[username] = user
            created.append(user)
    User.objects.filter(pk__in=[u.pk for u in created]).update(password=make_password(PASSWORD))
    with clock.at(AUTHORISED):
        for username, _ in REPORTER_ACCOUNTS:
            reporter_authorise(actor=ctx.users["demo-info2"], user_id=ctx.users[username].pk,
                               organisation=REPORTER_ORGANISATIONS[username])
    ctx.log(f"2020年新增账号：社情民意签发人1个、专委会联络人员{len(ctx.special_committees)}个、"
            f"特邀信息员{len(REPORTER_ACCOUNTS)}名")
