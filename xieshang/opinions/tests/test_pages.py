"""The web pages render for each role and their forms call the services."""

from io import BytesIO

from docx import Document

from xieshang.core import clock
from xieshang.core.testing import fresh
from xieshang.opinions.models import Issue, Opinion

from .story import office, opinion_in


def test_member_drafts_and_submits_through_the_form(world, client):
    client.force_login(world.member_users[0])
    assert client.get("/opinions/").status_code == 200
    assert client.get("/opinions/new/").status_code == 200
    response = client.post("/opinions/new/", {
        "source": "member", "title": "关于规范电动自行车充电的建议",
        "situation": "小区飞线充电多。", "analysis": "充电桩不足。", "suggestions": "增建充电桩。",
        "co_authors": [world.members[1].pk], "then": "submit"})
    o = Opinion.objects.get()
    assert response.status_code == 302 and o.status == "submitted"
    assert [a.name for a in o.authors.all()] == ["委员0", "委员1"]
    page = client.get(f"/opinions/{o.pk}/").content.decode()
    assert "待审核" in page and "委员1" in page


def test_bad_input_shows_the_chinese_message(world, client):
    client.force_login(world.member_users[0])
    response = client.post("/opinions/new/", {"source": "member", "title": "随便写写"})
    assert response.status_code == 400
    assert "标题应写作" in response.content.decode()


def test_office_pages_render_in_every_state(world, client):
    items = [opinion_in(world, s) for s in ("submitted", "used", "edited", "sent")]
    client.force_login(office(world))
    for url in ("/opinions/", "/opinions/?status=edited", "/opinions/issues/",
                "/opinions/reporters/", *(f"/opinions/{o.pk}/" for o in items),
                f"/opinions/{items[1].pk}/office-edit/"):
        assert client.get(url).status_code == 200, url
    issue = Issue.objects.get()
    page = client.get(f"/opinions/issues/{issue.pk}/").content.decode()
    assert "录入采用情况" in page
    response = client.get(f"/opinions/issues/{issue.pk}/docx/")
    assert response.status_code == 200
    assert "编辑后的正文。" in "\n".join(p.text for p in Document(BytesIO(response.content))
                                      .paragraphs)


def test_members_do_not_reach_office_pages(world, client):
    o = opinion_in(world, "used")
    client.force_login(world.member_users[0])
    for url in ("/opinions/issues/", "/opinions/reporters/", f"/opinions/{o.pk}/office-edit/"):
        assert client.get(url).status_code == 404, url
    client.force_login(fresh(world.member_users[3]))
    assert client.get(f"/opinions/{o.pk}/").status_code == 404


def test_office_compiles_and_sends_through_the_pages(world, client):
    a = opinion_in(world, "edited")
    b = opinion_in(world, "used", title="关于乙事的建议")
    client.force_login(office(world))
    client.post("/opinions/issues/new/")
    issue = Issue.objects.get()
    client.post(f"/opinions/issues/{issue.pk}/entries/", {
        "opinions": [a.pk, b.pk], "title": "关于两事的综合建议", "text": "综合正文"})
    client.post(f"/opinions/issues/{issue.pk}/recipients/", {
        "kind": ["upper_cppcc", "party"], "name": ["省政协办公厅", "市委办公室"]})
    client.post(f"/opinions/issues/{issue.pk}/approve/")
    client.force_login(office(world, 2))
    client.post(f"/opinions/issues/{issue.pk}/sign/")
    client.post(f"/opinions/issues/{issue.pk}/send/")
    issue.refresh_from_db()
    assert issue.status == "sent" and issue.recipients.count() == 2
    entry = issue.entries.get()
    client.post(f"/opinions/issues/{issue.pk}/entries/{entry.pk}/adoptions/", {
        "level": "province", "kind": "combined", "adopted_on": clock.today().isoformat(),
        "body": "省政协"})
    assert entry.adoptions.count() == 1


def test_converted_item_links_its_proposal_only_for_those_who_may_open_it(world, client):
    from .test_services import converted_proposal

    conversion = converted_proposal(world)
    o = Opinion.objects.get(proposal=conversion.proposal)
    link = f'href="/proposals/{conversion.proposal.pk}/"'
    client.force_login(fresh(office(world)))
    page = client.get(f"/opinions/{o.pk}/").content.decode()
    assert conversion.proposal.title in page and link not in page
    client.force_login(fresh(world.member_users[0]))
    assert link in client.get(f"/opinions/{o.pk}/").content.decode()


def test_reporters_and_the_users_to_appoint_are_listed_by_strokes(world, client):
    from xieshang.accounts.models import User
    from xieshang.opinions import selectors, services

    renamed = {world.member_users[0]: "李强", world.member_users[1]: "王芳",
               world.member_users[2]: "丁一", world.member_users[3]: "毛宁"}
    for user, name in renamed.items():
        User.objects.filter(pk=user.pk).update(full_name=name)
    actor = fresh(office(world))
    appointed = [services.reporter_authorise(actor=fresh(actor), user_id=user.pk)
                 for user in world.member_users[:3]]
    services.reporter_revoke(actor=fresh(actor), reporter_id=appointed[2].pk)

    # Serving reporters first, each group in 姓氏笔画 order (王 4, 李 7; 丁 has left).
    assert [r.name for r in selectors.reporter_list(user=actor)] == ["王芳", "李强", "丁一"]
    candidates = [u.full_name for u in selectors.reporter_candidates(
        committee_id=world.committee.pk)]
    assert candidates.index("毛宁") < candidates.index("委员4")
    assert "李强" not in candidates and "王芳" not in candidates

    client.force_login(actor)
    html = client.get("/opinions/reporters/").content.decode()
    assert html.index("王芳") < html.index("李强") < html.index("丁一")



def test_a_refused_office_edit_keeps_the_title_text_and_note(world, client):
    o = opinion_in(world, "used")
    client.force_login(office(world))
    response = client.post(f"/opinions/{o.pk}/office-edit/", {
        "title": "关于农村饮水安全的建议", "text": "", "note": "压缩第二段，补充数据来源"})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="关于农村饮水安全的建议"' in page and 'value="压缩第二段，补充数据来源"' in page
    assert not o.versions.exists()


def test_the_figures_say_received_not_sent(world, client):
    opinion_in(world, "submitted")
    client.force_login(office(world))
    page = client.get("/opinions/").content.decode()
    assert "收到 1" in page and "报送 1" not in page


def _original_text(html: str) -> str:
    start = html.index('id="original-text"')
    return html[start:html.index("</div>", start)]


def test_the_original_numbers_only_the_parts_written(world, client):
    from .test_services import converted_proposal

    item = opinion_in(world, "submitted", analysis="")
    converted = Opinion.objects.get(proposal=converted_proposal(world).proposal)
    client.force_login(fresh(office(world)))
    text = _original_text(client.get(f"/opinions/{item.pk}/").content.decode())
    assert "一、情况反映" in text and "二、意见建议" in text and "三、" not in text
    # A converted proposal keeps its own headings: its 情况与分析 holds the analysis.
    text = _original_text(client.get(f"/opinions/{converted.pk}/").content.decode())
    assert text.index("一、情况与分析") < text.index("老旧小区有300余个")
    assert text.index("二、具体建议") < text.index("一是统筹资金")
    assert "三、" not in text and "情况反映" not in text
    assert converted.text.startswith("一、情况与分析\n我市2000年以前")
