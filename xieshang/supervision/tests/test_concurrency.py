"""Two staff record the chair's meeting on the same candidate at the same moment."""

import threading

import pytest
from django.db import connection, connections

from xieshang.core.errors import Conflict
from xieshang.core.testing import fresh, make_world
from xieshang.supervision import services
from xieshang.supervision.models import MeetingDecision, SupervisionEvent

from .story import decision, key_in


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_decisions_one_succeeds_the_other_gets_a_clear_error():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are exercised on PostgreSQL (CI runs this test there)")
    world = make_world(slug="race")
    kp = key_in(world, "candidate")
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def decide(name, actor, approve):
        try:
            barrier.wait()
            services.key_proposal_decide(actor=fresh(actor), key_proposal_ids=[kp.pk],
                                         **decision(approve))
            outcomes[name] = "ok"
        except Conflict as exc:
            outcomes[name] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide, args=("approve", world.staff, True)),
               threading.Thread(target=decide, args=("reject", world.chief, False))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert sorted(v if v == "ok" else type(v).__name__ for v in outcomes.values()) == [
        "Conflict", "ok"]
    loser = next(v for v in outcomes.values() if v != "ok")
    assert "可能已被他人处理" in loser.message
    assert SupervisionEvent.objects.filter(key_proposal=kp,
                                           action__in=["approve", "reject"]).count() == 1
    assert MeetingDecision.objects.count() == 1
