"""Every entry of a member's record links to a page the member may open."""

from django.urls import reverse

from xieshang.appraisal import selectors
from xieshang.core import clock
from xieshang.core.testing import fresh
from xieshang.opinions import services as opinion_services
from xieshang.opinions.models import Issue
from xieshang.opinions.tests.story import office, opinion_in


def test_an_adopted_item_links_to_the_members_own_item_not_the_office_issue(world, client):
    author = world.member_users[0]
    item = opinion_in(world, "sent", owner=author)
    entry = Issue.objects.get(entries__links__opinion=item).entries.get()
    opinion_services.adoption_record(actor=office(world), entry_id=entry.pk, level="province",
                                     kind="single", adopted_on=clock.today(), body="省政协")

    record = selectors.member_record(member=world.members[0], year=clock.today().year)
    adopted = next(e for e in record.entries if e["source"] == "opinion_adoption")
    assert adopted["url"] == reverse("opinions:detail", args=[item.pk])
    client.force_login(fresh(author))
    page = client.get(adopted["url"])
    assert page.status_code == 200 and "省政协" in page.content.decode()
    # The issue itself is the office's page.
    assert client.get(reverse("opinions:issue", args=[entry.issue_id])).status_code == 404
