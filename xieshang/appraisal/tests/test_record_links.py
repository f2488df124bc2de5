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


def test_the_office_sees_a_members_proposals_by_title_and_the_member_opens_them(world, client):
    from xieshang.appraisal.tests.story import office as appraisal_office
    from xieshang.proposals.tests.states import proposal_in

    proposal = proposal_in(world, "accepted", owner=world.member_users[1],
                           title="关于完善社区养老服务的建议")
    member = world.members[1]
    url = reverse("proposals:detail", args=[proposal.pk])
    year = proposal.session.year if proposal.session_id else clock.today().year
    record = selectors.member_record(member=member, year=year)
    assert url in [e["url"] for e in record.entries]

    client.force_login(fresh(world.member_users[1]))
    mine = client.get(reverse("appraisal:mine"), {"year": year}).content.decode()
    assert f'href="{url}"' in mine

    client.force_login(fresh(appraisal_office(world)))
    page = client.get(reverse("appraisal:member", args=[member.pk]), {"year": year})
    html = page.content.decode()
    assert page.status_code == 200 and "关于完善社区养老服务的建议" in html
    assert f'href="{url}"' not in html and client.get(url).status_code == 404
