"""The intake workflow as a table: state × transition × role → allowed or refused."""

import pytest
from django.db import transaction

from xieshang.core.errors import DomainError
from xieshang.core.testing import fresh
from xieshang.proposals import services
from xieshang.proposals.models import Proposal, ProposalEvent
from xieshang.proposals.workflow import TRANSITIONS

from .states import proposal_in

STATES = [
    "draft", "submitted", "submitted_2stage", "first_reviewed", "returned", "accepted",
    "refused", "converted", "merged", "withdrawn",
]
ROLES = ["owner", "other_member", "staff", "chief", "office", "leader", "unit", "admin"]

# Who may apply each transition in each state; every other combination must be refused.
ALLOWED = {
    ("draft", "submit"): {"owner"},
    ("returned", "submit"): {"owner"},
    ("submitted_2stage", "first_review"): {"staff", "chief"},
    **{("submitted", t): {"staff", "chief"} for t in ("accept", "refuse", "convert", "merge")},
    **{("first_reviewed", t): {"chief"} for t in ("accept", "refuse", "convert", "merge")},
    ("submitted", "return"): {"staff", "chief"},
    ("submitted_2stage", "return"): {"staff", "chief"},
    ("first_reviewed", "return"): {"staff", "chief"},
    ("submitted", "withdraw"): {"owner"},
    ("submitted_2stage", "withdraw"): {"owner"},
    ("first_reviewed", "withdraw"): {"owner"},
    ("returned", "withdraw"): {"owner"},
}


def _actor(world, role):
    return fresh({
        "owner": world.member_users[0], "other_member": world.member_users[2],
        "staff": world.staff, "chief": world.chief, "office": world.office,
        "leader": world.leader, "unit": world.unit_handler, "admin": world.sys_admin,
    }[role])


def _call(world, name, actor, proposal, main):
    args = {
        "submit": {},
        "first_review": {"opinion": "拟立案"},
        "accept": {"category_id": world.categories[0].pk},
        "refuse": {"ground_id": world.grounds[0].pk, "explanation": "不符合要求"},
        "convert": {"kind": "letter", "consent_note": "已书面同意"},
        "merge": {"main_id": main.pk},
        "return": {"reason": "请补充具体建议"},
        "withdraw": {"reason": "本人申请"},
    }[name]
    return getattr(services, f"proposal_{name}")(actor=actor, proposal_id=proposal.pk, **args)


@pytest.mark.parametrize("transition", list(TRANSITIONS))
@pytest.mark.parametrize("state", STATES)
def test_transition_is_allowed_exactly_for_the_roles_in_the_table(world, state, transition):
    # The main proposal of a merge is built first: building it must not change the mode.
    main = proposal_in(world, "first_reviewed" if state == "first_reviewed" else "submitted",
                       owner=world.member_users[3], title="关于推进城市更新的建议")
    proposal = proposal_in(world, state)
    target = TRANSITIONS[transition].target
    for role in ROLES:
        before_events = ProposalEvent.objects.filter(proposal=proposal).count()
        with transaction.atomic():
            sid = transaction.savepoint()
            try:
                result = _call(world, transition, _actor(world, role), proposal, main)
            except DomainError:
                allowed = False
                after = Proposal.objects.get(pk=proposal.pk)
                assert after.status == proposal.status, (state, transition, role)
                assert ProposalEvent.objects.filter(proposal=proposal).count() == before_events
            else:
                allowed = True
                assert result.status == target
                last = ProposalEvent.objects.filter(proposal=proposal).exclude(
                    to_status="").last()
                assert (last.action, last.from_status, last.to_status) == (
                    transition, proposal.status, target)
            transaction.savepoint_rollback(sid)
        expected = role in ALLOWED.get((state, transition), set())
        assert allowed == expected, f"{state} × {transition} × {role}: expected {expected}"
