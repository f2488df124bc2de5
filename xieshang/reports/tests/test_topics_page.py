"""The month's hot topics for staff with a reading role."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from xieshang.accounts.roles import Role
from xieshang.accounts.services import user_create
from xieshang.core import clock
from xieshang.core.testing import PASSWORD
from xieshang.proposals.tests.states import proposal_in
from xieshang.reports.periods import containing

OLD_HOUSING = [
    ("关于加快老旧小区改造的建议", "我市老旧小区设施老化，管网破损，加装电梯难，老旧小区改造进度慢。"),
    ("关于推进老旧小区加装电梯的建议", "老旧小区老年居民多，加装电梯审批难、资金难，老旧小区改造应优先加装电梯。"),
    ("关于老旧小区改造后长效管理的建议", "老旧小区改造完成后缺少物业管理，设施很快老化，加装电梯无人维护。"),
]
NIGHT = [
    ("关于发展夜间经济的建议", "夜间经济是城市活力的体现，夜市布局分散，夜间消费场景单一。"),
    ("关于打造夜间经济特色街区的建议", "建议规划夜市特色街区，延长夜间公交运营，丰富夜间消费场景。"),
]


def test_the_topics_page_groups_this_months_proposals(world, client):
    members = world.member_users
    for i, (title, reasons) in enumerate(OLD_HOUSING):
        proposal_in(world, "submitted", owner=members[i], title=title, reasons=reasons)
    for i, (title, reasons) in enumerate(NIGHT):
        proposal_in(world, "accepted", owner=members[3 + i], title=title, reasons=reasons)
    proposal_in(world, "draft", owner=members[5], title="关于老旧小区改造资金的建议",
                reasons="老旧小区改造资金不足，老旧小区加装电梯缺钱。")
    client.force_login(world.leader)
    html = client.get("/reports/topics/").content.decode()
    topics = html.split('class="card mb-2 topic"')[1:]
    assert len(topics) == 2
    assert "老旧小区" in topics[0] and "3 件" in topics[0] and "提出者3人" in topics[0]
    # Not yet numbered: cited by the 流水号, said to be one, never in the 提案号's place.
    assert "流水号" in topics[0]
    assert "夜间" in topics[1] and "2 件" in topics[1]
    assert "关于老旧小区改造资金的建议" not in html
    assert 'href="/proposals/' in topics[0]


def test_other_months_and_roles(world, client):
    proposal_in(world, "submitted", title=OLD_HOUSING[0][0], reasons=OLD_HOUSING[0][1])
    info = user_create(committee=world.committee, username="testcity-info", full_name="信息办",
                       password=PASSWORD, roles=[{"role": Role.INFO_OFFICE}],
                       must_change_password=False)
    client.force_login(info)
    page = client.get("/reports/topics/")
    assert page.status_code == 200 and 'id="no-topics"' in page.content.decode()
    # The information office reaches the page from its navigation, not only by its address.
    assert 'href="/reports/topics/">热点</a>' in client.get("/opinions/").content.decode()
    last_year = (clock.today() - timedelta(days=400)).strftime("%Y-%m")
    earlier = client.get(f"/reports/topics/?month={last_year}")
    assert earlier.status_code == 200
    # An earlier month links on to the next; this month, which has not ended, does not.
    assert 'id="period-next"' in earlier.content.decode()
    assert 'id="period-next"' not in page.content.decode()
    assert client.get("/reports/topics/?month=bad").status_code == 200
    client.force_login(world.member_users[0])
    assert client.get("/reports/topics/").status_code == 404
    assert 'href="/reports/topics/"' not in client.get("/proposals/").content.decode()


def test_an_empty_month_points_to_the_last_month_with_items(world, client):
    client.force_login(world.leader)
    assert 'id="latest-month"' not in client.get("/reports/topics/").content.decode()
    for i, (title, reasons) in enumerate(NIGHT):
        proposal_in(world, "submitted", owner=world.member_users[i], title=title,
                    reasons=reasons)
    this_month = clock.today().strftime("%Y-%m")
    later = (clock.today().replace(day=1) + timedelta(days=70)).strftime("%Y-%m")
    html = client.get(f"/reports/topics/?month={later}").content.decode()
    assert 'id="no-topics"' in html
    assert f'href="?month={this_month}" id="latest-month"' in html
    assert 'id="latest-month"' not in client.get(
        f"/reports/topics/?month={this_month}").content.decode()


def test_a_quarter_and_a_year_gather_the_months_topics(world, client):
    today = clock.today()
    members = world.member_users
    for i, (title, reasons) in enumerate(OLD_HOUSING):
        proposal_in(world, "submitted", owner=members[i], title=title, reasons=reasons)
    client.force_login(world.leader)
    for period in ("quarter", "year"):
        html = client.get(f"/reports/topics/?period={period}&month={today:%Y-%m}").content.decode()
        topics = html.split('class="card mb-2 topic"')[1:]
        assert len(topics) == 1 and "3 件" in topics[0]
        assert f' active" href="?period={period}&amp;month=' in html
        assert f'<input type="hidden" name="period" value="{period}">' in html
    html = client.get(f"/reports/topics/?period=year&month={today:%Y-%m}").content.decode()
    assert f'id="period-label">{today.year}年<' in html
    assert f'id="period-previous" href="?period=year&amp;month={today.year - 1}-01">上一年' in html
    # The month switch goes to this month when the year shown holds it, else to its January.
    assert f'href="?month={today:%Y-%m}"' in html
    html = client.get(f"/reports/topics/?period=year&month={today.year - 2}-05").content.decode()
    assert f'href="?month={today.year - 2}-01"' in html
    # The year before holds nothing and points back to the year with items.
    html = client.get(f"/reports/topics/?period=year&month={today.year + 1}-05").content.decode()
    assert "本年暂无可归并的热点话题" in html
    assert f'href="?period=year&amp;month={today.year}-01" id="latest-month">{today.year}年<' in html


def test_an_unknown_period_or_far_year_falls_back(world, client):
    client.force_login(world.leader)
    for query, kind in (("?period=week", "month"), ("?period=year&month=0001-01", "year"),
                        ("?month=9999-12", "month"), ("?period=quarter&month=2021-13", "quarter")):
        page = client.get(f"/reports/topics/{query}")
        assert page.status_code == 200, query
        label = containing(kind, clock.today()).label
        assert f'id="period-label">{label}<' in page.content.decode(), query


def test_topics_are_marked_new_or_continuing_the_month_before(world, client):
    members = world.member_users
    client.force_login(world.leader)
    for i, (title, reasons) in enumerate(OLD_HOUSING[:2]):
        proposal_in(world, "submitted", owner=members[i], title=title, reasons=reasons)
    # With nothing submitted the month before, there is nothing to call new.
    html = client.get("/reports/topics/").content.decode()
    assert "topic-new" not in html and "topic-earlier" not in html
    first = clock.today().replace(day=1)
    earlier = timezone.make_aware(datetime.combine(first - timedelta(days=20), time(10)))
    with clock.at(earlier):
        for i, (title, reasons) in enumerate(OLD_HOUSING[1:]):
            proposal_in(world, "submitted", owner=members[2 + i], title=title, reasons=reasons)
    for i, (title, reasons) in enumerate(NIGHT):
        proposal_in(world, "submitted", owner=members[2 + i], title=title, reasons=reasons)
    html = client.get("/reports/topics/").content.decode()
    cards = html.split('class="card mb-2 topic"')[1:]
    assert len(cards) == 2
    housing = next(c for c in cards if "老旧小区" in c)
    night = next(c for c in cards if "夜间" in c)
    assert "老旧小区" in housing and "topic-new" not in housing
    assert 'class="small text-muted topic-earlier">上期第1位（2件）' in housing
    assert f'<a href="?month={earlier:%Y-%m}">' in housing
    assert "夜间" in night and "topic-new" in night and "topic-earlier" not in night
    assert "标“新”的话题在上一期" in html
