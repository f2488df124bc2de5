"""Intake rules: titles, joint proposals, body proposals, windows, numbering, merge, convert."""

from datetime import timedelta

import pytest

from xieshang.core import clock
from xieshang.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from xieshang.core.testing import draft_kwargs, fresh
from xieshang.proposals import attachments, services, stats
from xieshang.proposals.models import Proposal, ProposalConfig, ProposalEvent
from xieshang.proposals.workflow import Status

from .states import proposal_in, set_two_stage


def test_title_must_read_guanyu_de_jianyi_and_nothing_is_created(world):
    with pytest.raises(ValidationError) as err:
        services.proposal_create(actor=fresh(world.member_users[0]),
                                 **draft_kwargs(world, title="老旧小区改造问题"))
    assert "关于" in err.value.message
    assert not Proposal.objects.exists() and not ProposalEvent.objects.exists()


def test_non_member_cannot_draft(world):
    with pytest.raises(PermissionDenied):
        services.proposal_create(actor=fresh(world.staff), **draft_kwargs(world))


def test_joint_proposal_needs_a_confirmed_co_signer(world):
    lead, co = world.member_users[0], world.member_users[1]
    p = services.proposal_create(actor=fresh(lead), **draft_kwargs(world, proposer_type="joint"))
    row = services.proposal_invite(actor=fresh(lead), proposal_id=p.pk,
                                   member_id=world.members[1].pk)
    with pytest.raises(ValidationError):
        services.proposal_submit(actor=fresh(lead), proposal_id=p.pk)
    with pytest.raises(NotFound):
        services.invitation_confirm(actor=fresh(world.member_users[2]), proposer_id=row.pk)
    services.invitation_confirm(actor=fresh(co), proposer_id=row.pk)
    with pytest.raises(Conflict):
        services.invitation_revoke(actor=fresh(lead), proposer_id=row.pk)
    p = services.proposal_submit(actor=fresh(lead), proposal_id=p.pk)
    assert p.status == Status.SUBMITTED


def test_first_proposer_can_revoke_an_unconfirmed_invitation(world):
    lead = world.member_users[0]
    p = services.proposal_create(actor=fresh(lead), **draft_kwargs(world, proposer_type="joint"))
    row = services.proposal_invite(actor=fresh(lead), proposal_id=p.pk,
                                   member_id=world.members[1].pk)
    services.invitation_revoke(actor=fresh(lead), proposer_id=row.pk)
    # A revoked invitee no longer sees the draft at all.
    with pytest.raises(NotFound):
        services.invitation_confirm(actor=fresh(world.member_users[1]), proposer_id=row.pk)


def test_confirmation_after_the_plenary_deadline_is_refused(world):
    lead, co = world.member_users[0], world.member_users[1]
    p = services.proposal_create(actor=fresh(lead), **draft_kwargs(world, proposer_type="joint"))
    first = services.proposal_invite(actor=fresh(lead), proposal_id=p.pk,
                                     member_id=world.members[1].pk)
    second = services.proposal_invite(actor=fresh(lead), proposal_id=p.pk,
                                      member_id=world.members[2].pk)
    services.invitation_confirm(actor=fresh(co), proposer_id=first.pk)
    services.proposal_submit(actor=fresh(lead), proposal_id=p.pk)
    assert Proposal.objects.get(pk=p.pk).kind == "plenary"
    with clock.at(clock.now() + timedelta(days=30)), pytest.raises(Conflict) as err:
        services.invitation_confirm(actor=fresh(world.member_users[2]), proposer_id=second.pk)
    assert "截止" in err.value.message


def test_party_proposal_only_by_its_authorised_agent(world):
    kwargs = draft_kwargs(world, proposer_type="party", body_id=world.party.pk)
    with pytest.raises(PermissionDenied):
        services.proposal_create(actor=fresh(world.member_users[0]), **kwargs)
    p = services.proposal_create(actor=fresh(world.party_agent), **kwargs)
    p = services.proposal_submit(actor=fresh(world.party_agent), proposal_id=p.pk)
    assert p.proposer_display == "民盟"
    assert [str(r) for r in p.proposers.all()] == ["民盟"]


def test_sector_proposals_only_in_the_plenary_window(world):
    from xieshang.accounts.models import RoleAssignment

    RoleAssignment.objects.create(committee=world.committee, user=world.party_agent,
                                  role="body_agent", sector=world.sector)
    kwargs = draft_kwargs(world, proposer_type="sector", body_id=world.sector.pk)
    p = services.proposal_create(actor=fresh(world.party_agent), **kwargs)
    with clock.at(clock.now() + timedelta(days=60)), pytest.raises(ValidationError) as err:
        services.proposal_submit(actor=fresh(world.party_agent), proposal_id=p.pk)
    assert "全体会议期间" in err.value.message
    assert services.proposal_submit(actor=fresh(world.party_agent), proposal_id=p.pk).kind == (
        "plenary")


def test_in_year_proposal_after_the_deadline_belongs_to_the_past_session(world):
    with clock.at(clock.now() + timedelta(days=60)):
        p = proposal_in(world, "submitted")
    assert (p.kind, p.session_id) == ("in_year", world.session.pk)


def test_returned_proposal_is_edited_and_resubmitted_keeping_its_receipt_number(world):
    p = proposal_in(world, "returned")
    owner = fresh(world.member_users[0])
    services.proposal_update(actor=owner, proposal_id=p.pk,
                             suggestions="一是设立专项资金；二是明确责任单位。")
    again = services.proposal_submit(actor=owner, proposal_id=p.pk)
    assert again.receipt_number == p.receipt_number
    assert [e.action for e in again.events.all()][-3:] == ["return", "edit", "submit"]


def test_two_stage_review_needs_a_different_person_for_the_final_decision(world):
    p = proposal_in(world, "submitted_2stage")
    with pytest.raises(Conflict):
        services.proposal_accept(actor=fresh(world.chief), proposal_id=p.pk,
                                 category_id=world.categories[0].pk)
    services.proposal_first_review(actor=fresh(world.chief), proposal_id=p.pk, opinion="拟立案")
    with pytest.raises(PermissionDenied):
        services.proposal_accept(actor=fresh(world.chief), proposal_id=p.pk,
                                 category_id=world.categories[0].pk)
    set_two_stage(world, True)


def test_refusal_needs_a_ground_and_an_explanation(world):
    p = proposal_in(world, "submitted")
    with pytest.raises(ValidationError):
        services.proposal_refuse(actor=fresh(world.staff), proposal_id=p.pk,
                                 ground_id=world.grounds[0].pk, explanation="  ")
    with pytest.raises(ValidationError):
        services.proposal_refuse(actor=fresh(world.staff), proposal_id=p.pk, ground_id=0,
                                 explanation="理由")
    assert Proposal.objects.get(pk=p.pk).status == Status.SUBMITTED


def test_conversion_records_consent_and_creates_a_linked_record(world):
    p = proposal_in(world, "submitted")
    with pytest.raises(ValidationError):
        services.proposal_convert(actor=fresh(world.staff), proposal_id=p.pk, kind="opinion",
                                  consent_note="")
    p = services.proposal_convert(actor=fresh(world.staff), proposal_id=p.pk, kind="opinion",
                                  consent_note="2020年1月9日电话征得同意")
    assert p.conversion.kind == "opinion"
    assert "电话" in p.conversion.consent_note


def test_merge_keeps_every_proposer_and_chains_to_the_new_main(world):
    a = proposal_in(world, "submitted", owner=world.member_users[0])
    b = proposal_in(world, "submitted", owner=world.member_users[1])
    c = proposal_in(world, "submitted", owner=world.member_users[2])
    staff = fresh(world.staff)
    services.proposal_merge(actor=staff, proposal_id=a.pk, main_id=b.pk)
    services.proposal_merge(actor=staff, proposal_id=b.pk, main_id=c.pk)
    a.refresh_from_db()
    assert a.merged_into_id == c.pk
    names = {r.member.name for r in c.proposers.filter(status="confirmed")}
    assert names == {"委员0", "委员1", "委员2"}
    c = services.proposal_accept(actor=staff, proposal_id=c.pk,
                                 category_id=world.categories[0].pk)
    assert c.official_number


def test_classified_numbering_orders_by_category(world):
    ProposalConfig.objects.filter(committee=world.committee).update(
        numbering="classified", number_format="{term}{session}-{seq:03d}")
    staff = fresh(world.staff)
    late_category = proposal_in(world, "submitted")
    early_category = proposal_in(world, "submitted", owner=world.member_users[1])
    services.proposal_accept(actor=staff, proposal_id=late_category.pk,
                             category_id=world.categories[4].pk)
    services.proposal_accept(actor=staff, proposal_id=early_category.pk,
                             category_id=world.categories[0].pk)
    assert Proposal.objects.get(pk=late_category.pk).official_number == ""
    assert services.session_number_proposals(actor=staff, session_id=world.session.pk) == 2
    assert Proposal.objects.get(pk=early_category.pk).official_number == "53-001"
    assert Proposal.objects.get(pk=late_category.pk).official_number == "53-002"


def test_attachments_are_sniffed_by_content_and_size_limited(world, settings):
    p = proposal_in(world, "draft")
    owner = fresh(world.member_users[0])
    with pytest.raises(ValidationError):
        attachments.attachment_add(actor=owner, proposal_id=p.pk, file_name="a.pdf",
                                   content=b"MZ\x90\x00 this is an exe")
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    a = attachments.attachment_add(actor=owner, proposal_id=p.pk, file_name="照片.png",
                                   content=png)
    assert a.content_type == "image/png"
    settings.ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(ValidationError):
        attachments.attachment_add(actor=owner, proposal_id=p.pk, file_name="b.png",
                                   content=png)
    other = fresh(world.member_users[3])
    with pytest.raises(NotFound):
        attachments.attachment_open(actor=other, proposal_id=p.pk, attachment_id=a.pk)
    found, path = attachments.attachment_open(actor=owner, proposal_id=p.pk, attachment_id=a.pk)
    assert path.read_bytes() == png


def test_stats_count_the_cohort_from_events(world):
    proposal_in(world, "accepted")
    proposal_in(world, "refused")
    proposal_in(world, "merged")  # builds its own main, left in review
    proposal_in(world, "withdrawn")
    figures = stats.proposal_stats(committee_id=world.committee.pk, year=world.session.year)
    assert figures["submitted"] == 5
    assert (figures["accepted"], figures["refused"], figures["merged"],
            figures["withdrawn"], figures["pending"]) == (1, 1, 1, 1, 1)
    assert figures["acceptance_rate"] == 0.2
    assert figures["by_proposer_type"]["individual"] == {"submitted": 5, "accepted": 1}
