"""Answers to members' questions fix the source record through the owning app's service:
late leave, the leader role, a co-signer added or removed, a 社情民意 co-author added. Each
writes that app's event, the record says why, and the recomputed score follows."""

from decimal import Decimal

import pytest

from xieshang.accounts.roles import Role
from xieshang.activities.models import ActivityEvent, LeaveRequest, Participant
from xieshang.activities.tests.story import grant
from xieshang.appraisal import selectors, services
from xieshang.appraisal.models import Result
from xieshang.core import clock
from xieshang.core.errors import PermissionDenied, ValidationError
from xieshang.core.testing import draft_kwargs, fresh
from xieshang.opinions.models import Author, OpinionEvent
from xieshang.opinions.tests.story import opinion_in
from xieshang.proposals import services as proposal_services
from xieshang.proposals.models import ProposalEvent, Proposer

from .story import ended_activity, office, rules_from, year_of

pytestmark = pytest.mark.django_db


def _score(world, year, member) -> Decimal:
    ap = services.appraisal_compute(actor=fresh(office(world)), year=year)
    return Result.objects.get(appraisal=ap, member=member).score


def _entry(member, year, ref):
    rec = selectors.member_record(member=member, year=year)
    return next((e for e in rec.entries if e["ref"] == ref), None)


def _ask(world, n, year, ref="", kind="wrong", text="记录有误。"):
    return services.question_ask(actor=fresh(world.member_users[n]), year=year, kind=kind,
                                 text=text, entry_ref=ref)


def test_late_leave_turns_an_absence_into_leave_and_removes_the_deduction(world):
    m1 = world.members[1]
    a = ended_activity(world, attended=[], invited=[m1.pk])
    year = year_of(a)
    rules_from(world, year)
    assert _score(world, year, m1) == Decimal("45.00")  # 50 − 5 unexcused absence
    q = _ask(world, 1, year, f"attendance:{a.pk}", text="我会前书面请过假。")
    services.question_answer(actor=fresh(office(world)), question_id=q.pk,
                             answer="经核对请假条，已补登请假。", correction="leave")
    leave = LeaveRequest.objects.get(activity=a, member=m1)
    assert leave.status == "approved" and "第" in leave.reason
    assert ActivityEvent.objects.filter(activity=a, action="leave_record").count() == 1
    q.refresh_from_db()
    assert q.correction["service"] == "activities.leave_record"
    assert q.correction["leave_id"] == leave.pk
    assert _score(world, year, m1) == Decimal("50.00")
    entry = _entry(m1, year, f"attendance:{a.pk}")
    assert entry["state"] == "on_leave"
    assert entry["corrections"][0]["summary"].startswith("补登请假")


def test_leader_role_shows_in_the_record_and_scores_under_a_leading_item(world):
    m0 = world.members[0]
    a = ended_activity(world, attended=[m0.pk], invited=[m0.pk])
    year = year_of(a)
    rules_from(world, year)
    # 50 meeting points + 2 for the activity attended.
    assert _score(world, year, m0) == Decimal("52.00")
    assert _entry(m0, year, f"attendance:{a.pk}")["role_label"] == "参加者（出席）"
    q = _ask(world, 0, year, f"attendance:{a.pk}", text="这次调研由我带队。")
    services.question_answer(actor=fresh(office(world)), question_id=q.pk,
                             answer="经核对活动方案，您为带队委员。", correction="leader")
    assert Participant.objects.get(activity=a, member=m0).role == "leader"
    assert ActivityEvent.objects.filter(activity=a, action="role_set").exists()
    entry = _entry(m0, year, f"attendance:{a.pk}")
    assert (entry["role"], entry["role_label"]) == ("leader", "组织者（带队）")
    assert "组织者" in entry["corrections"][0]["summary"]
    # The hundred-point preset's example item: +2 for leading an activity.
    assert _score(world, year, m0) == Decimal("54.00")


def _joint(world):
    """A submitted joint proposal: member 0 first, member 1 co-signer."""
    owner = fresh(world.member_users[0])
    p = proposal_services.proposal_create(actor=owner,
                                          **draft_kwargs(world, proposer_type="joint"))
    row = proposal_services.proposal_invite(actor=fresh(owner), proposal_id=p.pk,
                                            member_id=world.members[1].pk)
    proposal_services.invitation_confirm(actor=fresh(world.member_users[1]), proposer_id=row.pk)
    return proposal_services.proposal_submit(actor=fresh(owner), proposal_id=p.pk)


def test_missing_co_signer_is_added_through_the_proposals_service(world):
    m2 = world.members[2]
    p = _joint(world)
    year = clock.today().year
    rules_from(world, year)
    before = _score(world, year, m2)
    q = _ask(world, 2, year, kind="missing", text="我在纸质提案上签名联名了。")
    # The liaison office alone may not change proposals: refused, nothing changed.
    with pytest.raises(PermissionDenied):
        services.question_answer(actor=fresh(office(world)), question_id=q.pk, answer="已补列",
                                 correction="cosigner_add", target_id=p.pk)
    assert not Proposer.objects.filter(proposal=p, member=m2).exists()
    q.refresh_from_db()
    assert q.status == "open"
    staff = grant(world, office(world), Role.PROPOSAL_STAFF)
    with pytest.raises(ValidationError):  # a missing entry names its proposal
        services.question_answer(actor=staff, question_id=q.pk, answer="已补列",
                                 correction="cosigner_add")
    services.question_answer(actor=fresh(staff), question_id=q.pk,
                             answer="经核对纸质提案，已补列为联名人。",
                             correction="cosigner_add", target_id=p.pk)
    row = Proposer.objects.get(proposal=p, member=m2)
    assert (row.role, row.status) == ("co", "confirmed")
    event = ProposalEvent.objects.get(proposal=p, action="cosigner_add")
    assert event.payload["member_id"] == m2.pk and "疑问" in event.payload["reason"]
    # First proposer half; the two co-signers share the other half: 10 × 1/4.
    assert _score(world, year, m2) == before + Decimal("2.50")
    entry = _entry(m2, year, f"proposal:{p.pk}:co")
    assert entry["members"] == 3
    assert entry["corrections"][0]["question_id"] == q.pk


def test_wrongly_listed_co_signer_is_removed_and_loses_the_points(world):
    m1 = world.members[1]
    p = _joint(world)
    year = clock.today().year
    rules_from(world, year)
    # Add a second co-signer so that the proposal keeps one.
    staff = grant(world, office(world), Role.PROPOSAL_STAFF)
    proposal_services.cosigner_add(actor=staff, proposal_id=p.pk,
                                   member_id=world.members[3].pk, reason="书面联名")
    before = _score(world, year, m1)
    assert _entry(m1, year, f"proposal:{p.pk}:co") is not None
    q = _ask(world, 1, year, f"proposal:{p.pk}:co", text="我没有联名这件提案。")
    services.question_answer(actor=fresh(staff), question_id=q.pk,
                             answer="经核对，您未在纸质提案上签名，已删除。",
                             correction="cosigner_remove")
    assert Proposer.objects.get(proposal=p, member=m1).status == "revoked"
    assert ProposalEvent.objects.filter(proposal=p, action="cosigner_remove").exists()
    assert _entry(m1, year, f"proposal:{p.pk}:co") is None
    assert _score(world, year, m1) == before - Decimal("2.50")
    # The last co-signer of a joint proposal stays.
    with pytest.raises(Exception, match="至少应保留"):
        proposal_services.cosigner_remove(actor=fresh(staff), proposal_id=p.pk,
                                          member_id=world.members[3].pk, reason="误列")


def test_missing_co_author_is_added_through_the_opinions_service(world):
    m2 = world.members[2]
    o = opinion_in(world, "used")
    year = clock.localdate(o.first_submitted_at).year
    rules_from(world, year)
    assert _score(world, year, m2) == Decimal("50.00")
    q = _ask(world, 2, year, kind="missing", text="这篇社情民意是我和委员0一起写的。")
    with pytest.raises(PermissionDenied):
        services.question_answer(actor=fresh(office(world)), question_id=q.pk, answer="已补列",
                                 correction="opinion_author", target_id=o.pk)
    info = grant(world, office(world), Role.INFO_OFFICE)
    services.question_answer(actor=info, question_id=q.pk, answer="已补列为作者。",
                             correction="opinion_author", target_id=o.pk)
    author = Author.objects.get(opinion=o, member=m2)
    assert author.position == 1
    assert OpinionEvent.objects.filter(opinion=o, action="author_add").exists()
    # 社情民意 submitted 5 and used 5, shared equally between the two authors.
    assert _score(world, year, m2) == Decimal("55.00")
    entry = _entry(m2, year, f"opinion:{o.pk}")
    assert entry["role_label"] == "联名作者" and entry["corrections"][0]["question_id"] == q.pk


def test_the_workspace_offers_the_corrections_of_the_questioned_entry(world, client):
    from xieshang.core.testing import PASSWORD

    m1 = world.members[1]
    a = ended_activity(world, attended=[], invited=[m1.pk])
    year = year_of(a)
    _ask(world, 1, year, f"attendance:{a.pk}", text="我请过假。")
    _ask(world, 2, year, kind="missing", text="漏了一件提案。")
    client.login(username=office(world).username, password=PASSWORD)
    page = client.get(f"/appraisal/?year={year}").content.decode()
    forms = page.split('class="card mb-2 question"')[1:]
    attendance_form = next(f for f in forms if m1.name in f)
    assert 'value="leave"' in attendance_form and 'value="leader"' in attendance_form
    assert 'value="cosigner_add"' not in attendance_form
    assert f"默认{a.pk}" in attendance_form
    missing_form = next(f for f in forms if world.members[2].name in f)
    assert 'value="cosigner_add"' in missing_form and 'value="opinion_author"' in missing_form
    q = services.question_ask(actor=fresh(world.member_users[3]), year=year, kind="wrong",
                              text="请核对", entry_ref=f"attendance:{a.pk}")
    r = client.post(f"/appraisal/questions/{q.pk}/answer/",
                    {"answer": "已核对", "correction": "leave"}, follow=True)
    assert "该委员不在本活动的名单中" in r.content.decode()
    q = _ask(world, 1, year, f"attendance:{a.pk}", text="请补登请假")
    r = client.post(f"/appraisal/questions/{q.pk}/answer/",
                    {"answer": "已补登", "correction": "leave"}, follow=True)
    assert "并已补登请假记录" in r.content.decode()
