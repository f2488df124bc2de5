"""The staff pages: queue, decision form with redaction preview, decisions with withdraw."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from xieshang.accounts.models import User
from xieshang.core.testing import fresh
from xieshang.organization.models import Member
from xieshang.publishing import services
from xieshang.publishing.models import Publication

from .helpers import CONTACT_PHONE, MOBILE, SECRET_BODY, passed_reply, published


def test_staff_decide_through_the_pages(world, client):
    Member.objects.filter(pk=world.members[0].pk).update(mobile=MOBILE)
    reply = passed_reply(world, body=SECRET_BODY, contact_phone=CONTACT_PHONE)
    client.force_login(world.staff)

    queue = client.get("/public/manage/").content.decode()
    assert "关于加快老旧小区改造的建议" in queue and "待决定公开的答复" in queue

    form = client.get(f"/public/manage/replies/{reply.pk}/").content.decode()
    textarea = form.split('name="reply"', 1)[1].split("</textarea>", 1)[0]
    assert "[已隐去]" in textarea and "2223344" not in textarea and "5678" not in textarea

    preview = client.post(f"/public/manage/replies/{reply.pk}/preview/",
                          {"mode": "full", "reply": "答复全文，电话0558-2223344。"})
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "答复全文，电话[已隐去]。" in text and "2223344" not in text
    assert "原文中已自动隐去" in text and "修改后的文本中又隐去 1 处" in text

    bad = client.post(f"/public/manage/replies/{reply.pk}/", {"mode": "none"})
    assert bad.status_code == 400 and "请选择不公开的理由" in bad.content.decode()

    done = client.post(f"/public/manage/replies/{reply.pk}/", {
        "mode": "full", "title": "关于加快老旧小区改造的建议", "reasons": "情况略。",
        "suggestions": "建议略。", "reply": textarea.split(">", 1)[1], "summary": "",
        "reason": "", "reason_text": ""})
    assert done.status_code == 302 and done["Location"] == "/public/manage/decisions/"
    p = Publication.objects.get(reply=reply)
    assert p.status == "published" and p.public_reasons == "情况略。"

    decisions = client.get("/public/manage/decisions/").content.decode()
    assert "撤回公开" in decisions and "按时公开率" in decisions
    client.post(f"/public/manage/decisions/{p.pk}/withdraw/", {"reason": "发现错字"})
    p.refresh_from_db()
    assert p.status == "withdrawn" and p.withdraw_reason == "发现错字"


def test_withdraw_without_reason_shows_the_message(world, client):
    p = published(world)
    client.force_login(world.office)
    response = client.post(f"/public/manage/decisions/{p.pk}/withdraw/", {"reason": ""},
                           follow=True)
    assert "请说明撤回公开的理由" in response.content.decode()
    p.refresh_from_db()
    assert p.status == "published"


def test_leader_reads_but_cannot_decide(world, client):
    reply = passed_reply(world)
    client.force_login(world.leader)
    page = client.get(f"/public/manage/replies/{reply.pk}/").content.decode()
    assert "保存决定" not in page and "公开效果预览" in page
    response = client.post(f"/public/manage/replies/{reply.pk}/", {"mode": "full"})
    assert response.status_code == 400 and "您无权" in response.content.decode()


def test_staff_pages_are_missing_for_others_and_need_a_changed_password(world, client):
    assert client.get("/public/manage/").status_code == 302  # to the login page
    client.force_login(world.unit_handler)
    assert client.get("/public/manage/").status_code == 404
    assert client.get("/public/manage/decisions/").status_code == 404
    User.objects.filter(pk=world.staff.pk).update(must_change_password=True)
    client.force_login(User.objects.get(pk=world.staff.pk))
    response = client.get("/public/manage/")
    assert response.status_code == 302 and "password" in response["Location"]


def test_the_staff_prefix_is_never_read_as_a_committee_slug():
    with pytest.raises(NoReverseMatch):
        reverse("publishing:list", args=["manage"])
    assert reverse("publishing:list", args=["manager"]) == "/public/manager/"


def test_summary_from_the_form_is_published_not_the_reply_textarea(world, client):
    reply = passed_reply(world)
    client.force_login(world.staff)
    client.post(f"/public/manage/replies/{reply.pk}/", {
        "mode": "summary", "title": "关于加快老旧小区改造的建议", "reasons": "情况略。",
        "suggestions": "建议略。", "reply": "答复全文不应公开。",
        "summary": "我局已安排专项资金，年内完成改造。", "reason": "", "reason_text": ""})
    p = Publication.objects.get(reply=reply)
    assert (p.mode, p.public_reply) == ("summary", "我局已安排专项资金，年内完成改造。")


def test_deciding_again_after_withdrawal_starts_from_the_withdrawn_text(world, client):
    p = published(world, mode="summary", summary="原摘要：已列入年度计划。")
    services.publication_withdraw(actor=fresh(world.staff), publication_id=p.pk,
                                  reason="摘要需补充")
    client.force_login(world.staff)
    page = client.get(f"/public/manage/replies/{p.reply_id}/").content.decode()
    assert "原摘要：已列入年度计划。</textarea>" in page
    assert 'value="summary" checked' in page
    assert "撤回公开：摘要需补充" in page


def test_staff_queue_uses_constant_queries(world, client):
    client.force_login(world.staff)
    passed_reply(world)
    client.get("/public/manage/")
    with CaptureQueriesContext(connection) as small:
        client.get("/public/manage/")
    for _ in range(3):
        passed_reply(world)
    with CaptureQueriesContext(connection) as large:
        body = client.get("/public/manage/").content.decode()
    assert "共 4 件" in body
    assert len(small.captured_queries) == len(large.captured_queries)


def test_decisions_page_opens_on_the_year_replies_were_last_passed(world, client):
    from datetime import timedelta

    from xieshang.core import clock

    reply = passed_reply(world)
    client.force_login(world.staff)
    this_year = clock.today().year
    assert f"{this_year}年答复公开情况" in client.get("/public/manage/decisions/").content.decode()
    reply.passed_at = clock.now() - timedelta(days=800)
    reply.save(update_fields=["passed_at"])
    page = client.get("/public/manage/decisions/").content.decode()
    assert f"{clock.localdate(reply.passed_at).year}年答复公开情况" in page
    asked = client.get(f"/public/manage/decisions/?year={this_year}").content.decode()
    assert f"{this_year}年答复公开情况" in asked


def test_the_figures_are_defined_under_their_chinese_names(world, client):
    from xieshang.publishing.stats import FIGURES

    published(world)
    client.force_login(world.office)
    page = client.get("/public/manage/decisions/").content.decode()
    defined = page[page.index("指标定义"):page.index("</details>")]
    assert "<li>超期未决定：尚未决定且已超过公开期限的件数（按今天计算）</li>" in defined
    assert "<li>公开率：已公开件数 ÷ 审核通过的答复件数</li>" in defined
    for key in FIGURES:
        assert key not in defined


def test_the_decision_history_says_why_a_reply_was_withheld(world, client):
    reply = passed_reply(world)
    client.force_login(world.staff)
    done = client.post(f"/public/manage/replies/{reply.pk}/", {
        "mode": "none", "reason": "other", "reason_text": "涉及在办案件"})
    assert done.status_code == 302
    history = client.get(f"/public/manage/replies/{reply.pk}/").content.decode()
    assert "不公开：其他（涉及在办案件）" in history
