"""The public portal: no login, nothing unpublished, never a proposer's contact data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from xieshang.core.testing import fresh
from xieshang.organization.models import Member
from xieshang.publishing import services

from .helpers import MOBILE, passed_reply, published, split_replies


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_public_page_never_shows_the_members_phone(world, client):
    Member.objects.filter(pk=world.members[0].pk).update(mobile=MOBILE,
                                                         email="weiyuan0@example.com")
    reply = passed_reply(
        world,
        reasons=f"本人调研了300余个小区。如需了解详情请联系本人{MOBILE}或weiyuan0@example.com。",
        body=f"关于您提出的建议，我局已安排3000万元。联系人：王科长，电话{MOBILE[:3]}-"
             f"{MOBILE[3:7]}-{MOBILE[7:]}。",
        contact_phone=MOBILE,
    )
    p = published(world, reply)

    url = f"/public/{world.committee.slug}/{p.proposal_id}/"
    html = client.get(url).content.decode()
    assert "关于加快老旧小区改造的建议" in html and "委员0" in html and "王科长" in html
    assert "300余个" in html and "3000万元" in html
    digits_only = "".join(ch for ch in html if ch.isdigit())
    assert MOBILE not in html and MOBILE not in digits_only
    assert "weiyuan0@example.com" not in html
    listing = client.get(f"/public/{world.committee.slug}/").content.decode()
    assert MOBILE not in listing and "关于加快老旧小区改造的建议" in listing


def test_detail_shows_each_published_reply_with_its_class_and_date(world, client):
    first, second = split_replies(world)
    published(world, first)
    published(world, second, mode="summary", summary="我局将在年内完成排查整治，已列入计划。")
    html = client.get(f"/public/{world.committee.slug}/{first.assignment.case.proposal_id}/")
    text = html.content.decode()
    assert html.status_code == 200
    assert world.units[1].name in text and world.units[2].name in text
    assert "A类（已经解决或基本解决）" in text
    assert "答复摘要" in text and "我局将在年内完成排查整治" in text
    assert "全文公开" in text and "摘要公开" in text


def test_unpublished_withheld_and_withdrawn_items_are_missing(world, client):
    slug = world.committee.slug
    awaiting = passed_reply(world)
    withheld = services.publication_decide(actor=fresh(world.staff),
                                           reply_id=passed_reply(world).pk, mode="none",
                                           reason="state_secret")
    withdrawn = published(world)
    services.publication_withdraw(actor=fresh(world.staff), publication_id=withdrawn.pk,
                                  reason="内容有误")
    for proposal_id in (awaiting.assignment.case.proposal_id, withheld.proposal_id,
                        withdrawn.proposal_id, 999999):
        assert client.get(f"/public/{slug}/{proposal_id}/").status_code == 404
    listing = client.get(f"/public/{slug}/")
    assert listing.status_code == 200 and "共 0 件" in listing.content.decode()
    assert client.get("/public/no-such-committee/").status_code == 404


def test_public_pages_need_no_login_and_set_no_cookies(world, client):
    p = published(world)
    for url in ("/public/", f"/public/{world.committee.slug}/",
                f"/public/{world.committee.slug}/{p.proposal_id}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, url
        assert 'name="csrfmiddlewaretoken"' not in response.content.decode()
    index = client.get("/public/").content.decode()
    assert world.committee.name in index and "已公开 1 件" in index


def test_search_filters_by_title_number_unit_category_and_year(world, client):
    a = published(world, passed_reply(world, title="关于治理黑臭水体的建议"))
    b = published(world, passed_reply(world, title="关于发展托育服务的建议"))
    slug = world.committee.slug

    def titles(**params):
        body = client.get(f"/public/{slug}/", params).content.decode()
        return {t for t in ("黑臭水体", "托育服务") if t in body}

    assert titles() == {"黑臭水体", "托育服务"}
    assert titles(q="水体") == {"黑臭水体"}
    assert titles(q=world.units[1].name[:4]) == {"黑臭水体", "托育服务"}
    assert titles(q="委员0") == {"黑臭水体", "托育服务"}
    assert titles(unit=world.units[0].pk) == set()
    assert titles(unit=world.units[1].pk) == {"黑臭水体", "托育服务"}
    assert titles(category=a.proposal.category_id) == {"黑臭水体", "托育服务"}
    assert titles(year=world.session.year) == {"黑臭水体", "托育服务"}
    assert titles(year=1999) == set()
    assert titles(session=world.session.pk, q="托育") == {"托育服务"}
    b.proposal.refresh_from_db()
    assert b.proposal.official_number and titles(q=b.proposal.official_number) == {"托育服务"}
    assert titles(unit="x", year="y") == {"黑臭水体", "托育服务"}  # junk filters are ignored


def test_search_cannot_find_redacted_text(world, client):
    published(world, passed_reply(world, reasons=f"联系本人{MOBILE}了解详情。"))
    body = client.get(f"/public/{world.committee.slug}/", {"q": MOBILE}).content.decode()
    assert "共 0 件" in body


def test_list_is_paginated(world, client, settings):
    from xieshang.publishing import views

    views.PUBLIC_PAGE_SIZE, old = 2, views.PUBLIC_PAGE_SIZE
    try:
        for _ in range(3):
            published(world)
        first = client.get(f"/public/{world.committee.slug}/").content.decode()
        second = client.get(f"/public/{world.committee.slug}/?page=2").content.decode()
    finally:
        views.PUBLIC_PAGE_SIZE = old
    assert "第 1 / 2 页" in first and "下一页" in first
    assert "第 2 / 2 页" in second


@pytest.mark.parametrize("url", ["/public/{slug}/", "/api/v1/publishing/public/{slug}/proposals"])
def test_public_list_uses_constant_queries(world, client, url):
    url = url.format(slug=world.committee.slug)
    for _ in range(2):
        published(world)
    split = split_replies(world)
    for reply in split:
        published(world, reply)
    small = _count(lambda: client.get(url))
    for _ in range(5):
        published(world)
    large = _count(lambda: client.get(url))
    assert client.get(url).status_code == 200
    assert small == large


def _options(html: str, name: str) -> list[str]:
    select = html[html.index(f'name="{name}"'):]
    select = select[:select.index("</select>")]
    return [o.split(">", 1)[1].split("<", 1)[0] for o in select.split("<option")[2:]]


def test_units_follow_the_official_order_everywhere(world, client):
    from xieshang.organization.models import Unit

    # 市生态环境局 comes before 市住房城乡建设局 in the office's order, though not by name.
    Unit.objects.filter(pk=world.units[2].pk).update(order=1)
    Unit.objects.filter(pk=world.units[1].pk).update(order=2)
    first, second = split_replies(world)
    published(world, first)
    published(world, second)
    ordered = [world.units[2].name, world.units[1].name]
    slug = world.committee.slug
    listing = client.get(f"/public/{slug}/").content.decode()
    assert _options(listing, "unit") == ordered
    assert f"承办单位：{'、'.join(ordered)}" in listing
    detail = client.get(f"/public/{slug}/{first.assignment.case.proposal_id}/").content.decode()
    assert "、".join(ordered) in detail
    assert detail.index(f"{ordered[0]}答复") < detail.index(f"{ordered[1]}答复")


def test_the_filters_offer_only_what_has_something_published(world, client):
    from datetime import timedelta

    from xieshang.organization.models import Session
    from xieshang.proposals.models import Category

    p = published(world)
    earlier = Session.objects.create(
        committee=world.committee, term=world.term, number=2, name="五届二次会议",
        year=world.session.year - 1, opening_date=world.session.opening_date - timedelta(days=365),
        closing_date=world.session.closing_date - timedelta(days=365),
        proposal_deadline=world.session.proposal_deadline - timedelta(days=365))
    unpublished = passed_reply(world).assignment.case.proposal
    unpublished.category = world.categories[1]
    unpublished.save(update_fields=["category"])
    listing = client.get(f"/public/{world.committee.slug}/").content.decode()
    assert _options(listing, "session") == [world.session.name]
    assert _options(listing, "year") == [f"{world.session.year}年"]
    assert earlier.name not in listing
    # Neither a category nobody used nor one of a reply awaiting its decision is offered.
    assert _options(listing, "category") == [p.proposal.category.name]
    assert Category.objects.filter(committee=world.committee).count() > 2


def test_the_reply_is_dated_by_its_letter_apart_from_review_and_publication(world, client):
    from datetime import timedelta

    from django.utils import timezone

    from xieshang.handling.models import Reply
    from xieshang.handling.tests.flow import REPLY_TEXT

    body = f"{REPLY_TEXT}\n\n市住房城乡建设局\n2021年3月8日\n（联系人：王科长；联系电话：0558-1234567）"
    reply = passed_reply(world, body=body)
    p = published(world, reply)
    slug, passed = world.committee.slug, timezone.localdate(reply.passed_at)
    text = client.get(f"/public/{slug}/{p.proposal_id}/").content.decode()
    assert "答复日期：2021年3月8日" in text
    assert f"审核通过日期：{passed.year}年{passed.month}月{passed.day}日" in text
    api = client.get(f"/api/v1/publishing/public/{slug}/proposals/{p.proposal_id}").json()
    assert api["replies"][0]["replied_on"] == "2021-03-08"
    assert api["replies"][0]["passed_on"] == passed.isoformat()
    # A letter with no date at its foot is dated by its leader's sign-off.
    signed = reply.passed_at - timedelta(days=3)
    Reply.objects.filter(pk=reply.pk).update(body=REPLY_TEXT, signed_off_at=signed)
    text = client.get(f"/public/{slug}/{p.proposal_id}/").content.decode()
    signed_on = timezone.localdate(signed)
    assert f"答复日期：{signed_on.year}年{signed_on.month}月{signed_on.day}日" in text
