"""From a hot topic to one 综合稿: the information office opens an issue with the topic's used
items ticked and a first title."""

from urllib.parse import quote

from xieshang.opinions import services
from xieshang.opinions.tests.story import office, opinion_in
from xieshang.opinions.tests.test_similar import HOUSING
from xieshang.proposals.tests.states import proposal_in

from .test_topics_page import OLD_HOUSING


def _housing_items(world):
    items = [opinion_in(world, "used", owner=world.member_users[i], **HOUSING) for i in (0, 1)]
    items.append(opinion_in(world, "submitted", owner=world.member_users[2], **HOUSING))
    return items


def test_a_topic_links_its_used_items_to_the_open_issue(world, client):
    used, used2, waiting = _housing_items(world)
    # A proposal on the same matter joins the topic but is not compiled.
    proposal_in(world, "submitted", owner=world.member_users[4], title=OLD_HOUSING[0][0],
                reasons=OLD_HOUSING[0][1])
    client.force_login(office(world))
    html = client.get("/reports/topics/").content.decode()
    card = next(c for c in html.split('class="card mb-2 topic"')[1:] if "老旧小区" in c)
    # Only the used items can be compiled: the one still in check is left out.
    link = f"/opinions/issues/compose/?pick={used.pk},{used2.pk}&amp;title="
    assert link in card and "综合编报（2篇已录用待编入）" in card
    title = "综合反映：加快老旧小区改造"
    assert quote(title) in card

    # No issue in draft yet: the list, whose 新建一期 carries the picks to the new issue.
    r = client.get(f"/opinions/issues/compose/?pick={used.pk},{used2.pk}&title={quote(title)}")
    assert r.status_code == 302 and r["Location"].startswith("/opinions/issues/?pick=")
    html = client.get(r["Location"]).content.decode()
    assert f'<input type="hidden" name="pick" value="{used.pk},{used2.pk}">' in html
    r = client.post("/opinions/issues/new/", {"pick": f"{used.pk},{used2.pk}", "title": title})
    assert "pick=" in r["Location"]
    html = client.get(r["Location"]).content.decode()
    assert f'id="pick-{used.pk}" checked' in html and f'id="pick-{used2.pk}" checked' in html
    assert f'id="pick-{waiting.pk}"' not in html  # not used yet: not offered at all
    assert f'value="{title}"' in html and "<details open>" in html

    # With an issue in draft, the link goes straight to it; compiling joins the two.
    issue = services.issue_create(actor=office(world))
    r = client.get(f"/opinions/issues/compose/?pick={used.pk},{used2.pk}&title={quote(title)}")
    assert r["Location"].startswith(f"/opinions/issues/{issue.pk}/?pick=")
    client.post(f"/opinions/issues/{issue.pk}/entries/",
                {"opinions": [used.pk, used2.pk], "title": title, "text": "综合两位委员的反映。"})
    entry = issue.entries.get()
    assert entry.title == title and {link.opinion_id for link in entry.links.all()} == {
        used.pk, used2.pk}
    # Compiled: the topic offers nothing more to compile.
    html = client.get("/reports/topics/").content.decode()
    assert "topic-compose" not in html


def test_only_the_information_office_composes(world, client):
    _housing_items(world)
    client.force_login(world.leader)  # reads the topics, does not compile
    assert "topic-compose" not in client.get("/reports/topics/").content.decode()
    assert client.get("/opinions/issues/compose/?pick=1,2").status_code == 404
    client.force_login(office(world))
    r = client.get("/opinions/issues/compose/?pick=x,,y&title=")
    assert r.status_code == 302 and r["Location"] == "/opinions/issues/"
