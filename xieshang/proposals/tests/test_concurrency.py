"""Two reviewers decide the same proposal at the same moment."""

import threading

import pytest
from django.db import connection, connections

from xieshang.core.errors import Conflict
from xieshang.core.testing import fresh, make_world
from xieshang.proposals import services
from xieshang.proposals.models import ProposalEvent
from xieshang.proposals.workflow import DECISION_ACTIONS

from .states import proposal_in


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_decisions_one_succeeds_the_other_gets_a_clear_error():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are exercised on PostgreSQL (CI runs this test there)")
    world = make_world(slug="race")
    proposal = proposal_in(world, "submitted")
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def decide(name, fn, **kwargs):
        try:
            barrier.wait()
            fn(actor=fresh(world.staff if name == "accept" else world.chief),
               proposal_id=proposal.pk, **kwargs)
            outcomes[name] = "ok"
        except Conflict as exc:
            outcomes[name] = exc
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=("accept", services.proposal_accept),
                         kwargs={"category_id": world.categories[0].pk}),
        threading.Thread(target=decide, args=("refuse", services.proposal_refuse),
                         kwargs={"ground_id": world.grounds[0].pk, "explanation": "重复"}),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert sorted(type(v).__name__ if v != "ok" else "ok" for v in outcomes.values()) == [
        "Conflict", "ok"]
    loser = next(v for v in outcomes.values() if v != "ok")
    assert "可能已被他人处理" in loser.message
    decisions = ProposalEvent.objects.filter(proposal=proposal, action__in=DECISION_ACTIONS)
    assert decisions.count() == 1
