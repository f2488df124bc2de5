"""The link walk used on the demo reports a link that fails, with the page it came from."""

from django.urls import reverse

from xieshang.core.testing import fresh
from xieshang.proposals.tests.states import proposal_in

from .links import dead_links


def test_the_walk_reports_only_links_that_fail(world):
    proposal = proposal_in(world, "submitted")
    owner = fresh(world.member_users[0])
    assert dead_links(owner, start=reverse("proposals:mine")) == []

    # A page the user may not open is reported with its status (here the start, linked from none).
    stranger = fresh(world.member_users[3])
    detail = reverse("proposals:detail", args=[proposal.pk])
    assert dead_links(stranger, start=detail) == [(404, detail, None)]
