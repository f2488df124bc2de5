"""A key proposal from candidacy to the close of its supervision, as the users see it."""

from datetime import date, datetime

import pytest

from xieshang.core import clock
from xieshang.core.errors import PermissionDenied, ValidationError
from xieshang.core.testing import fresh
from xieshang.handling.tests.flow import assign, rate, reply_through
from xieshang.notifications.models import Notification
from xieshang.supervision import selectors, services
from xieshang.supervision.models import SupervisionEvent

from .story import MEETING, accepted, candidate, decision, other_leader


def test_key_proposal_story_from_candidate_to_completed_supervision(world, client):
    staff, chief, leader = fresh(world.staff), fresh(world.chief), fresh(world.leader)
    proposer = fresh(world.member_users[0])
    main = accepted(world, 1)
    related = [accepted(world, 2, owner=world.member_users[1]),
               accepted(world, 3, owner=world.member_users[2])]
    case = assign(world, main)
    reply_through(world, case.assignments.get())
    rate(world, case, world.member_users[0])
    case.refresh_from_db()

    kp = candidate(world, main, related, title="关于推进民生实事的系列提案")
    assert kp.status == "candidate" and kp.title == "关于推进民生实事的系列提案"
    services.supervising_leader_add(actor=staff, key_proposal_id=kp.pk, kind="cppcc",
                                    title="市政协副主席", user_id=leader.pk, is_lead=True)
    services.supervising_leader_add(actor=staff, key_proposal_id=kp.pk, kind="government",
                                    name="李明", title="副市长")
    # Candidates are the proposal committee's business until the chair's meeting decides.
    assert list(selectors.key_proposal_list(user=proposer)) == []
    client.force_login(proposer)
    assert client.get(f"/supervision/{kp.pk}/").status_code == 404

    services.key_proposal_decide(actor=chief, key_proposal_ids=[kp.pk], **decision())
    kp.refresh_from_db()
    assert kp.status == "approved" and kp.decision.meeting == MEETING
    told = set(Notification.objects.filter(kind="key_proposal").values_list("user_id", flat=True))
    assert told >= {proposer.pk, world.member_users[1].pk, world.member_users[2].pk, leader.pk}
    assert list(selectors.key_proposal_list(user=fresh(world.member_users[1]))) == [kp]

    own = kp.leaders.get(user=leader)
    services.activity_record(actor=leader, key_proposal_id=kp.pk, kind="inspection",
                             held_on=clock.today(), place="城东老旧小区",
                             participants="提案者、市住建局", notes="实地查看改造进度。",
                             leader_ids=[own.pk])
    mine = services.instruction_record(actor=leader, key_proposal_id=kp.pk,
                                       given_on=clock.today(), text="请住建局加快推进。",
                                       leader_name="冒名", leader_title="冒名")
    assert (mine.leader_name, mine.leader_title, mine.given_by_id) == (
        own.name, "市政协副主席", leader.pk)
    services.instruction_record(actor=staff, key_proposal_id=kp.pk, given_on=clock.today(),
                                text="要把好事办好。", leader_name="张华",
                                leader_title="市委书记", leader_kind="party")
    with pytest.raises(PermissionDenied):
        services.activity_record(actor=fresh(other_leader(world)), key_proposal_id=kp.pk,
                                 kind="visit", held_on=clock.today(), notes="走访")

    client.force_login(staff)
    page = client.get(f"/supervision/{kp.pk}/").content.decode()
    for text in ("关于推进民生实事的系列提案", MEETING, "市政协副主席", "领衔督办", "副市长李明",
                 "视察", "城东老旧小区", "请住建局加快推进。", "市委书记", "市住房城乡建设局",
                 case.get_status_display(), "A类", related[1].title, 'id="activity-form"'):
        assert text in page, text

    services.key_proposal_complete(actor=staff, key_proposal_id=kp.pk,
                                   summary="专项资金已落实，三个小区完成改造。")
    kp.refresh_from_db()
    assert kp.status == "completed" and kp.completed_at is not None
    actions = list(SupervisionEvent.objects.filter(key_proposal=kp).values_list("action",
                                                                                flat=True))
    assert actions == ["propose", "leader_add", "leader_add", "approve", "activity",
                       "instruction", "instruction", "complete"]
    client.force_login(proposer)
    page = client.get(f"/supervision/{kp.pk}/").content.decode()
    assert "督办办结" in page and 'id="activity-form"' not in page


def test_services_stamp_the_frozen_clock_for_a_replayed_year(world):
    main = accepted(world)
    moment = datetime(2020, 3, 5, 10, 0)
    with clock.at(moment):
        kp = candidate(world, main)
        with pytest.raises(ValidationError):  # a meeting after the frozen day is in the future
            services.key_proposal_decide(actor=fresh(world.chief), key_proposal_ids=[kp.pk],
                                         **decision(meeting_date=date(2020, 3, 6)))
        services.key_proposal_decide(actor=fresh(world.chief), key_proposal_ids=[kp.pk],
                                     **decision(meeting_date=date(2020, 3, 1)))
        activity = services.activity_record(actor=fresh(world.staff), key_proposal_id=kp.pk,
                                            kind="meeting", held_on=date(2020, 3, 4),
                                            notes="召开督办会。")
    kp.refresh_from_db()
    assert kp.proposed_at.date() == kp.updated_at.date() == date(2020, 3, 5)
    assert activity.recorded_at.year == 2020
    assert {e.at.date() for e in kp.events.all()} == {date(2020, 3, 5)}


def test_one_chairs_meeting_decides_several_candidates_at_once(world):
    kps = [candidate(world, accepted(world, i)) for i in range(3)]
    decided = services.key_proposal_decide(actor=fresh(world.staff),
                                           key_proposal_ids=[k.pk for k in kps], **decision())
    assert {k.status for k in decided} == {"approved"}
    assert len({k.decision_id for k in decided}) == 1
