"""Random sequences of operations keep the intake invariants."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from xieshang.core.errors import DomainError
from xieshang.core.testing import draft_kwargs, fresh, make_world
from xieshang.proposals import services
from xieshang.proposals.models import Proposal, ProposalEvent, Proposer
from xieshang.proposals.workflow import Status

TITLES = ["关于加快老旧小区改造的建议", "关于治理黑臭水体的建议", "关于优化营商环境的建议"]


class IntakeMachine(RuleBasedStateMachine):
    """Members draft, co-sign, submit and withdraw; reviewers decide, merge and return."""

    def __init__(self):
        super().__init__()
        self.savepoint = transaction.savepoint()
        self.world = make_world(slug="hyp", members=5)
        self.ids: list[int] = []

    def teardown(self):
        transaction.savepoint_rollback(self.savepoint)

    def _member(self, i):
        return fresh(self.world.member_users[i % len(self.world.member_users)])

    def _attempt(self, fn, **kwargs):
        """Run one operation; a refusal must leave no trace."""
        before = (ProposalEvent.objects.count(),
                  list(Proposal.objects.order_by("pk").values_list("status", flat=True)))
        try:
            with transaction.atomic():
                fn(**kwargs)
        except DomainError:
            after = (ProposalEvent.objects.count(),
                     list(Proposal.objects.order_by("pk").values_list("status", flat=True)))
            assert after == before

    def _pick(self, index):
        return self.ids[index % len(self.ids)] if self.ids else 0

    @rule(who=st.integers(0, 4), joint=st.booleans(), title=st.sampled_from(TITLES))
    def draft(self, who, joint, title):
        p = services.proposal_create(
            actor=self._member(who),
            **draft_kwargs(self.world, title=title,
                           proposer_type="joint" if joint else "individual"),
        )
        self.ids.append(p.pk)
        if joint:
            row = services.proposal_invite(actor=self._member(who), proposal_id=p.pk,
                                           member_id=self.world.members[(who + 1) % 5].pk)
            services.invitation_confirm(actor=self._member(who + 1), proposer_id=row.pk)

    @rule(i=st.integers(0, 50), who=st.integers(0, 4))
    def submit(self, i, who):
        self._attempt(services.proposal_submit, actor=self._member(who), proposal_id=self._pick(i))

    @rule(i=st.integers(0, 50), who=st.integers(0, 4))
    def withdraw(self, i, who):
        self._attempt(services.proposal_withdraw, actor=self._member(who),
                      proposal_id=self._pick(i))

    @rule(i=st.integers(0, 50))
    def accept(self, i):
        self._attempt(services.proposal_accept, actor=fresh(self.world.staff),
                      proposal_id=self._pick(i), category_id=self.world.categories[0].pk)

    @rule(i=st.integers(0, 50))
    def refuse(self, i):
        self._attempt(services.proposal_refuse, actor=fresh(self.world.staff),
                      proposal_id=self._pick(i), ground_id=self.world.grounds[0].pk,
                      explanation="不符合立案条件")

    @rule(i=st.integers(0, 50), kind=st.sampled_from(["opinion", "suggestion", "letter"]))
    def convert(self, i, kind):
        self._attempt(services.proposal_convert, actor=fresh(self.world.staff),
                      proposal_id=self._pick(i), kind=kind, consent_note="已征得同意")

    @rule(i=st.integers(0, 50), j=st.integers(0, 50))
    def merge(self, i, j):
        self._attempt(services.proposal_merge, actor=fresh(self.world.staff),
                      proposal_id=self._pick(i), main_id=self._pick(j))

    @rule(i=st.integers(0, 50))
    def send_back(self, i):
        self._attempt(services.proposal_return, actor=fresh(self.world.staff),
                      proposal_id=self._pick(i), reason="请补充情况分析")

    @invariant()
    def accepted_have_one_unique_official_number(self):
        accepted = Proposal.objects.filter(committee=self.world.committee,
                                           status=Status.ACCEPTED)
        numbers = [(p.session_id, p.official_number) for p in accepted]
        assert all(n for _, n in numbers)
        assert len(set(numbers)) == len(numbers)
        others = Proposal.objects.filter(committee=self.world.committee).exclude(
            status=Status.ACCEPTED)
        assert not others.exclude(official_number="").exists()

    @invariant()
    def merged_proposers_are_proposers_of_the_main(self):
        for p in Proposal.objects.filter(committee=self.world.committee, status=Status.MERGED):
            assert p.merged_into.status != Status.MERGED
            main = {r.identity for r in Proposer.objects.filter(proposal=p.merged_into,
                                                                 status="confirmed")}
            mine = {r.identity for r in Proposer.objects.filter(proposal=p, status="confirmed")}
            assert mine <= main

    @invariant()
    def every_state_change_has_an_event(self):
        for p in Proposal.objects.filter(committee=self.world.committee):
            chain = list(p.events.exclude(to_status="").order_by("at", "id")
                         .values_list("from_status", "to_status"))
            assert chain and chain[0] == ("", Status.DRAFT)
            for (_, to), (frm, _) in zip(chain, chain[1:], strict=False):
                assert frm == to
            assert chain[-1][1] == p.status


@pytest.mark.django_db
def test_random_operation_sequences_keep_invariants():
    machine = IntakeMachine.TestCase
    machine.settings = settings(max_examples=25, stateful_step_count=25, deadline=None,
                                suppress_health_check=list(HealthCheck))
    machine().runTest()
