"""A proposer reads the key proposal that holds their proposal, but opens only the proposals they
may open: the others are named without a link instead of leading to a 404."""

from django.urls import reverse

from xieshang.core.testing import fresh

from .story import accepted, key_in


def test_a_proposer_sees_the_other_proposals_of_a_key_proposal_unlinked(world, client):
    main = accepted(world, 1, owner=world.member_users[0])
    own = accepted(world, 2, owner=world.member_users[1])
    kp = key_in(world, "approved", proposal=main, related=[own])
    main_url, own_url = (reverse("proposals:detail", args=[main.pk]),
                         reverse("proposals:detail", args=[own.pk]))

    client.force_login(fresh(world.member_users[1]))
    html = client.get(reverse("supervision:detail", args=[kp.pk])).content.decode()
    assert "关于第1项民生工作的建议" in html and main_url not in html
    assert own_url in html
    assert client.get(main_url).status_code == 404

    client.force_login(fresh(world.staff))
    html = client.get(reverse("supervision:detail", args=[kp.pk])).content.decode()
    assert main_url in html and own_url in html
