"""The workflows as tables: every state × transition is allowed exactly where declared,
and only the declared roles may perform it."""

from datetime import date, timedelta

import pytest

from xieshang.activities import services
from xieshang.activities.models import (
    ActivityEvent,
    ConsultationTopic,
    LeaveRequest,
    ResearchReport,
    Speech,
)
from xieshang.activities.workflow import ACTIVITY, LEAVE, REPORT, SPEECH, TOPIC
from xieshang.core import clock
from xieshang.core.errors import DomainError, PermissionDenied
from xieshang.core.testing import fresh

from .story import activity, liaison, sc_liaison

pytestmark = pytest.mark.django_db


def _topic_in(world, state):
    office = liaison(world)
    plan = services.plan_create(actor=office, year=clock.today().year)
    t = services.topic_create(actor=office, plan_id=plan.pk, title="推进城市更新", form="thematic",
                              planned_month=5,
                              host_special_committee_id=world.special_committee.pk)
    path = {"planned": [], "in_progress": ["start"], "held": ["hold"],
            "closed": ["hold", "close"], "cancelled": ["cancel"]}[state]
    for name in path:
        services.topic_transition(actor=office, topic_id=t.pk, name=name, reason="另行安排")
    return ConsultationTopic.objects.get(pk=t.pk)


@pytest.mark.parametrize("state", ["planned", "in_progress", "held", "closed", "cancelled"])
@pytest.mark.parametrize("name", list(TOPIC))
def test_topic_transition_table(world, state, name):
    t = _topic_in(world, state)
    allowed = state in TOPIC[name].sources
    try:
        services.topic_transition(actor=sc_liaison(world), topic_id=t.pk, name=name,
                                  reason="议题调整")
        ok = True
    except DomainError:
        ok = False
    assert ok == allowed
    t.refresh_from_db()
    assert t.status == (TOPIC[name].target if allowed else state)


def _activity_in(world, state):
    a = activity(world, publish=state != "draft")
    if state == "cancelled":
        services.activity_cancel(actor=sc_liaison(world), activity_id=a.pk, reason="天气原因")
    if state == "closed":
        with clock.at(a.end + timedelta(hours=1)):
            services.activity_close(actor=sc_liaison(world), activity_id=a.pk)
    a.refresh_from_db()
    return a


ACTIVITY_CALLS = {
    "publish": lambda actor, a: services.activity_publish(actor=actor, activity_id=a.pk),
    "cancel": lambda actor, a: services.activity_cancel(actor=actor, activity_id=a.pk,
                                                        reason="另行安排"),
    "close": lambda actor, a: services.activity_close(actor=actor, activity_id=a.pk),
}


@pytest.mark.parametrize("state", ["draft", "published", "closed", "cancelled"])
@pytest.mark.parametrize("name", list(ACTIVITY))
@pytest.mark.parametrize("role", ["sc_liaison", "office", "party_liaison", "member", "leader"])
def test_activity_transition_table(world, state, name, role):
    a = _activity_in(world, state)
    actor = {"sc_liaison": sc_liaison(world), "office": liaison(world),
             "party_liaison": liaison(world, "party", party=world.party),
             "member": fresh(world.member_users[0]), "leader": fresh(world.leader)}[role]
    allowed = state in ACTIVITY[name].sources and role in {"sc_liaison", "office"}
    before = ActivityEvent.objects.count()
    try:
        with clock.at(a.end + timedelta(hours=2)):
            ACTIVITY_CALLS[name](actor, a)
        ok = True
    except DomainError:
        ok = False
    assert ok == allowed
    a.refresh_from_db()
    assert a.status == (ACTIVITY[name].target if allowed else state)
    assert ActivityEvent.objects.count() > before if allowed else True


def _leave_in(world, state):
    a = activity(world)
    lv = services.leave_request(actor=fresh(world.member_users[0]), activity_id=a.pk,
                                reason="外出学习")
    if state in ("approved", "rejected"):
        services.leave_decide(actor=sc_liaison(world), leave_id=lv.pk,
                              approve=state == "approved")
    if state == "withdrawn":
        services.leave_withdraw(actor=fresh(world.member_users[0]), leave_id=lv.pk)
    return LeaveRequest.objects.get(pk=lv.pk)


@pytest.mark.parametrize("state", ["pending", "approved", "rejected", "withdrawn"])
@pytest.mark.parametrize("name", list(LEAVE))
@pytest.mark.parametrize("role", ["organiser", "owner", "other_member"])
def test_leave_transition_table(world, state, name, role):
    lv = _leave_in(world, state)
    actor = {"organiser": sc_liaison(world), "owner": fresh(world.member_users[0]),
             "other_member": fresh(world.member_users[1])}[role]
    who = {"approve": "organiser", "reject": "organiser", "withdraw": "owner",
           "void": "organiser"}[name]
    allowed = state in LEAVE[name].sources and role == who
    try:
        if name == "void":
            # Withdrawing the invitation is the organiser's; the leave follows when open.
            services.activity_uninvite(actor=actor, activity_id=lv.activity_id,
                                       member_id=lv.member_id, reason="名单调整")
            if role != "organiser":
                raise AssertionError("only the organiser may withdraw an invitation")
        elif name == "withdraw":
            services.leave_withdraw(actor=actor, leave_id=lv.pk)
        else:
            services.leave_decide(actor=actor, leave_id=lv.pk, approve=name == "approve")
        ok = True
    except DomainError:
        ok = False
    assert ok == (allowed or (name == "void" and role == "organiser"))
    lv.refresh_from_db()
    assert lv.status == (LEAVE[name].target if allowed else state)


def _speech_in(world, state):
    s = services.speech_submit(actor=fresh(world.member_users[0]), session_id=world.session.pk,
                               title="关于发展数字经济的发言", body="一、二、三。")
    path = {"submitted": [], "oral": ["select_oral"], "printed": ["select_print"],
            "not_selected": ["reject"], "to_opinion": ["reject", "to_opinion"]}[state]
    for name in path:
        services.speech_decide(actor=liaison(world), speech_id=s.pk, name=name)
    return Speech.objects.get(pk=s.pk)


@pytest.mark.parametrize("state", ["submitted", "oral", "printed", "not_selected", "to_opinion"])
@pytest.mark.parametrize("name", list(SPEECH))
def test_speech_transition_table(world, state, name):
    s = _speech_in(world, state)
    with pytest.raises(PermissionDenied if state in SPEECH[name].sources else DomainError):
        services.speech_decide(actor=sc_liaison(world), speech_id=s.pk, name=name)
    allowed = state in SPEECH[name].sources
    try:
        services.speech_decide(actor=liaison(world), speech_id=s.pk, name=name)
        ok = True
    except DomainError:
        ok = False
    assert ok == allowed


def _report_in(world, state):
    staff = sc_liaison(world)
    r = services.report_submit(actor=staff, title="关于老旧小区改造的调研报告", body="正文",
                               author_ids=[world.members[0].pk],
                               group_member_ids=[world.members[1].pk])
    if state in ("adopted", "converted"):
        services.report_adopt(actor=staff, report_id=r.pk, adopted_by="市政府",
                              adopted_on=clock.today())
    if state == "converted":
        services.report_convert(actor=staff, report_id=r.pk, converted_on=clock.today(),
                                note="形成《老旧小区改造实施意见》")
    if state == "not_adopted":
        services.report_reject(actor=staff, report_id=r.pk)
    return ResearchReport.objects.get(pk=r.pk)


@pytest.mark.parametrize("state", ["submitted", "adopted", "converted", "not_adopted"])
@pytest.mark.parametrize("name", list(REPORT))
@pytest.mark.parametrize("role", ["liaison", "member"])
def test_report_transition_table(world, state, name, role):
    r = _report_in(world, state)
    actor = sc_liaison(world) if role == "liaison" else fresh(world.member_users[0])
    allowed = state in REPORT[name].sources and role == "liaison"
    call = {"adopt": lambda: services.report_adopt(actor=actor, report_id=r.pk, adopted_by="市长",
                                                   adopted_on=date(2020, 5, 1)),
            "reject": lambda: services.report_reject(actor=actor, report_id=r.pk),
            "convert": lambda: services.report_convert(actor=actor, report_id=r.pk,
                                                       converted_on=clock.today(),
                                                       note="出台政策")}[name]
    try:
        call()
        ok = True
    except DomainError:
        ok = False
    assert ok == allowed
