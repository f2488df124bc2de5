"""The supervision workflows as tables: state × operation × role → allowed or refused."""

import pytest
from django.db import transaction

from xieshang.core import clock
from xieshang.core.errors import DomainError
from xieshang.core.testing import fresh
from xieshang.supervision import services
from xieshang.supervision.models import ExcellentProposal, KeyProposal, SupervisionEvent
from xieshang.supervision.workflow import EXCELLENT, KEY

from .story import decision, excellent_in, key_in, other_leader

KEY_STATES = ["candidate", "approved", "rejected", "completed"]
EXCELLENT_STATES = ["candidate", "approved", "rejected"]
ROLES = ["staff", "chief", "office", "leader", "other_leader", "proposer", "other_member",
         "unit", "admin"]
STAFF = {"staff", "chief"}

# Who may perform each operation in each state; every other combination must be refused.
KEY_ALLOWED = {
    ("candidate", "approve"): STAFF,
    ("candidate", "reject"): STAFF,
    ("approved", "complete"): STAFF,
    ("candidate", "leader_add"): STAFF,
    ("approved", "leader_add"): STAFF,
    ("approved", "activity"): STAFF | {"leader"},
    ("approved", "instruction"): STAFF | {"leader"},
}
EXCELLENT_ALLOWED = {
    ("candidate", "approve"): STAFF,
    ("candidate", "reject"): STAFF,
}
KEY_OPERATIONS = [*KEY, "leader_add", "activity", "instruction"]


def _actor(world, role):
    return fresh({
        "staff": world.staff, "chief": world.chief, "office": world.office,
        "leader": world.leader, "other_leader": other_leader(world),
        "proposer": world.member_users[0], "other_member": world.member_users[3],
        "unit": world.unit_handler, "admin": world.sys_admin,
    }[role])


def _key_call(world, operation, actor, kp):
    if operation in ("approve", "reject"):
        return services.key_proposal_decide(actor=actor, key_proposal_ids=[kp.pk],
                                            **decision(operation == "approve"))
    if operation == "complete":
        return services.key_proposal_complete(actor=actor, key_proposal_id=kp.pk,
                                              summary="已办结")
    if operation == "leader_add":
        return services.supervising_leader_add(actor=actor, key_proposal_id=kp.pk,
                                               kind="government", name="王副市长",
                                               title="副市长")
    if operation == "activity":
        return services.activity_record(actor=actor, key_proposal_id=kp.pk, kind="forum",
                                        held_on=clock.today(), notes="召开督办座谈会。")
    if operation == "instruction":
        return services.instruction_record(actor=actor, key_proposal_id=kp.pk,
                                           given_on=clock.today(), text="请抓紧落实。",
                                           leader_name="张书记", leader_title="市委书记")
    raise ValueError(operation)


def _attempt(fn):
    with transaction.atomic():
        sid = transaction.savepoint()
        try:
            fn()
        except DomainError:
            transaction.savepoint_rollback(sid)
            return False
        transaction.savepoint_rollback(sid)
        return True


@pytest.mark.parametrize("operation", KEY_OPERATIONS)
@pytest.mark.parametrize("state", KEY_STATES)
def test_key_operation_is_allowed_exactly_for_the_roles_in_the_table(world, state, operation):
    other_leader(world)
    kp = key_in(world, state)
    expected = KEY_ALLOWED.get((state, operation), set())
    for role in ROLES:
        events = SupervisionEvent.objects.filter(key_proposal=kp).count()
        allowed = _attempt(lambda r=role: _key_call(world, operation, _actor(world, r), kp))
        assert allowed == (role in expected), (state, operation, role)
        assert KeyProposal.objects.get(pk=kp.pk).status == kp.status
        assert SupervisionEvent.objects.filter(key_proposal=kp).count() == events


@pytest.mark.parametrize("operation", list(EXCELLENT))
@pytest.mark.parametrize("state", EXCELLENT_STATES)
def test_excellent_decision_is_allowed_exactly_for_the_roles_in_the_table(world, state,
                                                                          operation):
    other_leader(world)
    e = excellent_in(world, state)
    expected = EXCELLENT_ALLOWED.get((state, operation), set())
    for role in ROLES:
        allowed = _attempt(lambda r=role: services.excellent_proposal_decide(
            actor=_actor(world, r), excellent_ids=[e.pk], **decision(operation == "approve")))
        assert allowed == (role in expected), (state, operation, role)
        assert ExcellentProposal.objects.get(pk=e.pk).status == e.status


@pytest.mark.parametrize("operation,target", [("approve", "approved"), ("reject", "rejected"),
                                              ("complete", "completed")])
def test_allowed_transition_reaches_its_target_and_writes_one_event(world, operation, target):
    source = "approved" if operation == "complete" else "candidate"
    kp = key_in(world, source)
    before = SupervisionEvent.objects.filter(key_proposal=kp).count()
    _key_call(world, operation, fresh(world.staff), kp)
    kp.refresh_from_db()
    assert kp.status == target
    event = SupervisionEvent.objects.filter(key_proposal=kp).last()
    assert SupervisionEvent.objects.filter(key_proposal=kp).count() == before + 1
    assert (event.action, event.from_status, event.to_status) == (operation, source, target)
    assert source in KEY[operation].sources
    assert event.actor_id == world.staff.pk
