"""`xieshang demo`: one load of the whole demo into the empty test database, then its figures.

The load replays 2020 and the start of 2021 through the services and takes a while, so one test
loads it and checks everything that needs it: the 2020 intake and handling figures, the open
work of 2021, key proposals and disclosure (when those apps are installed), and reminders.
"""

import json
from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F
from django.test import Client
from django.urls import reverse

from xieshang.accounts.models import User
from xieshang.core import clock
from xieshang.core.models import Committee
from xieshang.demo import session_2021
from xieshang.demo.session_2021 import live_counts
from xieshang.handling import routing, routing_model
from xieshang.handling.models import HandlingCase, HandlingEvent, RoutingTraining
from xieshang.handling.selectors import awaiting_assignment
from xieshang.handling.stats import handling_stats
from xieshang.organization.models import Member, Session, Unit
from xieshang.proposals.models import Conversion, Proposal, ProposalEvent
from xieshang.proposals.stats import proposal_stats

from .links import dead_links


def _run(*args) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_status_of_an_empty_database_is_empty(db):
    assert _run("--status") == "empty\n"


def test_accounts_are_listed_even_before_loading(db):
    out = _run("--accounts")
    assert "demo-chief" in out and "Demo-2026-xieshang" in out
    assert "demo-unitlead" in out and "demo-office" in out
    assert "demo-unit01 / demo-unitlead01" in out


@pytest.mark.django_db
def test_demo_loads_2020_and_the_2021_session_in_progress():
    out = _run()
    committee = Committee.objects.get(slug="demo")
    _check_2020_intake(committee, out)
    _check_accounts(committee)
    _check_2020_handling(committee)
    _check_2021_live_work(committee)
    if apps.is_installed("xieshang.supervision"):
        _check_key_proposals(committee)
    if apps.is_installed("xieshang.publishing"):
        _check_disclosure(committee)
    _check_2020_opinions_and_activities(committee)
    _check_2020_opinion_followup(committee)
    _check_2021_activities(committee)
    _check_2021_opinions(committee)
    _check_reminders()
    _check_links_open(committee)
    _check_clock(committee)

    assert _run("--status") == "loaded\n"
    with pytest.raises(CommandError, match="演示数据只能加载到空数据库"):
        _run()
    assert Committee.objects.count() == 1


def _check_2020_intake(committee, out: str) -> None:
    stats = proposal_stats(committee_id=committee.pk, year=2020)
    assert (stats["submitted"], stats["accepted"], stats["pending"]) == (424, 326, 0)
    assert (stats["merged"], stats["converted"], stats["refused"], stats["withdrawn"]) == \
        (40, 36, 13, 9)
    assert stats["converted_by_kind"] == {"opinion": 15, "suggestion": 12, "letter": 9}
    collective = sum(stats["by_proposer_type"][t]["submitted"]
                     for t in ("party", "group", "special_committee", "sector"))
    assert collective == 106
    proposals = Proposal.objects.filter(committee=committee, session__year=2020)
    assert proposals.filter(status="accepted").exclude(official_number="").count() == 326
    assert not proposals.filter(status="merged", merged_into__status__in=["merged"]).exists()
    assert Conversion.objects.filter(committee=committee).exclude(consent_note="").count() >= 36
    returned = ProposalEvent.objects.filter(committee=committee, action="return",
                                            proposal__session__year=2020)
    assert returned.count() == 24
    assert ProposalEvent.objects.filter(committee=committee, action="cosign_decline").exists()
    assert "提出424件，立案326件" in out


def _check_accounts(committee) -> None:
    assert Member.objects.filter(committee=committee).count() == 455
    # Bulk-created members carry their 姓氏笔画 key like saved ones.
    assert not Member.objects.filter(committee=committee, name_key="").exists()
    units = Unit.objects.filter(committee=committee)
    assert units.count() >= 60
    for username in ("demo-member", "demo-member2", "demo-staff", "demo-chief", "demo-office",
                     "demo-unit", "demo-unitlead", "demo-info", "demo-liaison", "demo-leader",
                     "demo-party", "demo-admin", "demo-security", "demo-audit",
                     "demo-unit01", "demo-unitlead01"):
        user = User.objects.get(username=username)
        assert user.check_password("Demo-2026-xieshang") and not user.must_change_password
    assert User.objects.get(username="demo-member").member is not None
    for role in ("unit_handler", "unit_leader"):  # every unit has a handler and a leader
        covered = set(User.objects.filter(role_assignments__role=role)
                      .values_list("role_assignments__unit_id", flat=True))
        assert set(units.values_list("pk", flat=True)) <= covered


def _check_2020_handling(committee) -> None:
    stats = handling_stats(committee_id=committee.pk, year=2020)
    assert (stats["assigned"], stats["replied"], stats["reply_rate"]) == (326, 326, 1.0)
    assert stats["on_time_rate"] > 0.95
    # The desk (交办会) and the assignment page (in-year) both record the suggestions they
    # showed; in 2020 no model was trained yet, so they rest on the rules.
    assert stats["routing"]["with_suggestions"] == 326
    assert 0 < stats["routing"]["first_suggestion_taken"] <= 326
    bases = {e.payload["suggestion_basis"] for e in HandlingEvent.objects.filter(
        action="create", case__proposal__session__year=2020)}
    assert bases == {"rules"} and set(stats["routing"]["by_basis"]) == {"rules"}
    sat = stats["satisfaction"]
    assert sat["forms_returned"] > 326
    for dim in ("overall", "contact", "attitude", "result"):
        assert sum(sat[dim][level]["count"] for level in sat[dim]) == sat["forms_returned"]
    overall = sat["overall"]
    assert overall["satisfied"]["rate"] > 0.8 and overall["unsatisfied"]["count"] > 0
    assert stats["rehandled"] > 0
    classes = {code: row["rate"] for code, row in stats["result_classes"].items()}
    assert 0.4 <= classes["A"] <= 0.5 and 0.45 <= classes["B"] <= 0.55 and classes["C"] < 0.05
    cases = HandlingCase.objects.filter(proposal__session__year=2020)
    assert set(cases.values_list("mode", flat=True)) == {"single", "lead_co", "split"}
    assert not cases.exclude(status="closed").exists()
    # Every unit's first reply passed by the session's cutoff (re-handling came later).
    late = HandlingEvent.objects.filter(case__in=cases, action="replied",
                                        payload__round=1, at__date__gt="2020-09-30")
    assert not late.exists()
    closed_unhappy = cases.filter(status="closed").exclude(close_reason__startswith="全部")
    assert closed_unhappy.exists()  # closed by the office with a recorded reason


def _check_2021_live_work(committee) -> None:
    session = Session.objects.get(committee=committee, year=2021)
    live = live_counts(session)
    for bucket in ("awaiting_first_review", "awaiting_decision", "awaiting_assignment",
                   "awaiting_sign_for", "return_requests", "extension_requests", "in_handling",
                   "replies_under_review", "awaiting_ratings", "awaiting_office_decision",
                   "closed"):
        assert live[bucket] > 0, (bucket, live)
    stats = proposal_stats(committee_id=committee.pk, year=2021)
    assert stats["submitted"] == Proposal.objects.filter(session=session).exclude(
        status="draft").count()
    _check_routing_model(committee)


def _check_routing_model(committee) -> None:
    # The office trained on the 2020 handling before the 2021 交办会; the desk's waiting
    # proposals get model-backed suggestions, and the 2021 assignments count as new since.
    training = RoutingTraining.objects.get(committee=committee)
    assert (training.source, training.actor.username) == ("web", "demo-office")
    assert training.examples >= 300 and training.units >= 20
    assert training.status == "done" and training.finished_at >= training.at
    status = routing_model.model_status(committee)
    assert status.examples == training.examples and status.new_since > 0
    assert status.running is None and status.last_failure == ""
    # The 2021 交办会 came after the training: its suggestions came from the model.
    figures = handling_stats(committee_id=committee.pk, year=2021)["routing"]
    assert figures["with_suggestions"] == HandlingCase.objects.filter(
        proposal__session__year=2021).count()
    assert {e.payload["suggestion_basis"] for e in HandlingEvent.objects.filter(
        action="create", case__proposal__session__year=2021)} == {"model"}
    assert figures["by_basis"]["model"]["with_suggestions"] == figures["with_suggestions"]
    office = User.objects.get(username="demo-office")
    waiting = awaiting_assignment(user=office).first()
    advice = routing.unit_suggestions(proposal=waiting)
    assert advice.basis == "model" and len(advice.suggestions) == 3
    assert "model" in {r["kind"] for r in advice.suggestions[0].reasons}


def _check_key_proposals(committee) -> None:
    from xieshang.supervision.models import (
        Instruction,
        KeyProposal,
        SupervisingLeader,
        SupervisionActivity,
    )

    keys = KeyProposal.objects.filter(committee=committee, status__in=["approved", "completed"])
    assert keys.count() == 14
    assert all(k.decision_id and k.decision.approved for k in keys)
    for key in keys:
        assert SupervisingLeader.objects.filter(key_proposal=key, is_lead=True).exists()
        assert 1 <= SupervisionActivity.objects.filter(key_proposal=key).count() <= 3
        assert Instruction.objects.filter(key_proposal=key).exists()


def _check_disclosure(committee) -> None:
    from xieshang.publishing.models import Publication

    rows = Publication.objects.filter(committee=committee, reply__passed_at__year=2020)
    modes = {m: rows.filter(mode=m).count() for m in ("full", "summary", "none")}
    assert modes["full"] > modes["summary"] > 0 and modes["none"] > 0
    assert not rows.filter(mode="none", reason="").exists()


def _check_links_open(committee) -> None:
    """Each role's pages link only to pages that role may open (checked by walking them)."""
    logins = ["demo-member", "demo-party", "demo-staff", "demo-office", "demo-unit", "demo-info",
              "demo-liaison", "demo-leader", "demo-reporter1", "demo-admin"]
    users = {u.username: u for u in User.objects.filter(committee=committee, username__in=logins)}
    assert sorted(users) == sorted(logins)
    failed = {login: dead_links(users[login]) for login in logins}
    assert {login: rows for login, rows in failed.items() if rows} == {}


def _check_clock(committee) -> None:
    """The demo 政协 lives on from its "today": a member of its term drafts on the web."""
    with clock.for_committee(committee):
        assert clock.today() == session_2021.TODAY.date()
    assert clock.today() > date(2021, 12, 31)  # other committees keep the wall clock
    client = Client()
    client.force_login(User.objects.get(username="demo-member"))
    response = client.post(reverse("proposals:create"), {
        "title": "关于在老旧小区增设电动自行车充电设施的建议",
        "reasons": "老旧小区电动自行车数量多，充电设施不足，飞线充电现象普遍，存在火灾隐患。",
        "suggestions": "一、摸清需求，统一规划充电点位。二、财政补助与企业运营相结合。"})
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = Proposal.objects.get(committee=committee, title__startswith="关于在老旧小区增设电动")
    assert clock.localdate(draft.created_at) == session_2021.TODAY.date()


def _check_reminders() -> None:
    first, second = StringIO(), StringIO()
    call_command("remind", stdout=first)
    assert "已发送提醒" in first.getvalue() and "已发送提醒 0 条" not in first.getvalue()
    call_command("remind", stdout=second)
    assert second.getvalue().startswith("已发送提醒 0 条")


def _check_2020_opinions_and_activities(committee) -> None:
    from xieshang.activities.models import Activity, LeaveRequest, ResearchReport, SignIn, Speech
    from xieshang.opinions.models import Adoption, Instruction, Issue

    out = StringIO()
    call_command("stats", "--committee", "demo", "--year", "2020", "--json", stdout=out)
    stats = json.loads(out.getvalue())
    # The earlier figures are unchanged by the 社情民意 and activities steps.
    assert (stats["submitted"], stats["accepted"], stats["replied"],
            stats["key_proposals"]) == (424, 326, 326, 14)
    opinions = stats["opinions"]
    assert opinions["submitted"] >= 110 + 15
    assert opinions["by_source_kind"]["converted_proposal"] == 15
    assert min(opinions["by_source_kind"][k] for k in ("member", "party", "special_committee",
                                                        "reporter")) > 0
    assert opinions["used"] > opinions["not_used"] > 0 and opinions["returned"] == 0
    issues = Issue.objects.filter(committee=committee, year=2020)
    assert 20 <= issues.count() <= 26 and not issues.exclude(status="sent").exists()
    assert not issues.filter(signed_by=F("compiled_by")).exists()
    levels = set(Adoption.objects.filter(committee=committee).values_list("level", flat=True))
    assert {"city", "province", "national"} <= levels
    assert Instruction.objects.filter(committee=committee).exists()
    by_kind = stats["activities"]["by_organiser_kind"]
    assert by_kind["special_committee"]["count"] >= 20
    assert by_kind["special_committee"]["participations"] == 270
    assert by_kind["party"]["count"] > 0 and by_kind["general_office"]["count"] > 0
    assert stats["activities"]["consultation_topics"]["planned"] >= 8
    # The absence pattern: a standing member absent without leave from the plenary and three
    # standing meetings (see docs/demo.md).
    plenary = Activity.objects.get(committee=committee, type__kind="plenary",
                                   start__year=2020)
    standing = Activity.objects.filter(committee=committee, type__kind="standing",
                                       start__year=2020)
    assert 4 <= standing.count() <= 6

    def absent(member_id, activity) -> bool:
        return not (SignIn.objects.filter(activity=activity, member_id=member_id).exists()
                    or LeaveRequest.objects.filter(activity=activity, member_id=member_id,
                                                   status="approved").exists())

    missing = [p.member_id for p in plenary.participants.all() if absent(p.member_id, plenary)]
    assert any(sum(absent(m, a) for a in standing) >= 3 for m in missing)
    assert Speech.objects.filter(committee=committee, status="to_opinion",
                                 opinion_id__isnull=False).exists()
    assert ResearchReport.objects.filter(committee=committee, status="converted").exists()
    # The 2020 appraisal is published and supports one 劝辞 and one 撤销 (issue: appraisal).
    assert stats["members"]["persuaded_to_resign"] == 1
    assert stats["members"]["revoked"] == 1
    appraisal = stats["appraisal"]
    assert appraisal["published"] and appraisal["appraised"] == stats["members"]["seats"]
    assert sum(appraisal["by_grade"].values()) == appraisal["appraised"]
    # A realistic spread: most members pass, a few do not.
    assert appraisal["by_grade"].get("不称职", 0) < appraisal["appraised"] * 0.05


def _check_2020_opinion_followup(committee) -> None:
    """Step opinions_followup_2020: 转办 with a full handling cycle, attachments, topic links."""
    from xieshang.activities.models import TopicOpinion
    from xieshang.handling.models import Reply
    from xieshang.opinions.models import Attachment

    transfers = HandlingCase.objects.filter(committee=committee, opinion__isnull=False)
    assert transfers.count() == 7 and transfers.filter(mode="split").count() == 2
    assert transfers.filter(status="closed").count() == 6
    assert transfers.filter(status="in_handling").count() == 1  # transferred in December
    assert not transfers.filter(status="closed", close_reason="").exists()
    on_instruction = HandlingEvent.objects.filter(case__in=transfers, action="create").exclude(
        payload__instruction_id=None)
    assert on_instruction.count() == 6
    passed = Reply.objects.filter(assignment__case__in=transfers, status="passed")
    assert passed.count() == 8 and not passed.filter(signed_off_by__isnull=True).exists()
    assert HandlingEvent.objects.filter(case__in=transfers, action="send_back").count() == 1
    assert HandlingEvent.objects.filter(case__in=transfers, action="contact").count() == 9
    # Every passed reply on time (one after an approved extension).
    assert not passed.filter(assignment__finished_at__date__gt=F("assignment__due")).exists()
    files = Attachment.objects.filter(opinion__committee=committee, removed_at__isnull=True)
    assert (files.count(), files.filter(by_office=True).count()) == (11, 6)
    assert set(files.values_list("content_type", flat=True)) >= {
        "image/png", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
    assert TopicOpinion.objects.filter(committee=committee).count() == 5


def _check_2021_activities(committee) -> None:
    """Step activities_2021: the 2021 plenary, plan and activities up to "today", and what
    demo-member can still act on from there, on the demo committee's clock."""
    from datetime import timedelta

    from xieshang.activities import selectors
    from xieshang.activities.models import Activity, ConsultationPlan, LeaveRequest
    from xieshang.activities.stats import activity_stats
    from xieshang.demo import activities_2020, activities_2021
    from xieshang.organization.models import Membership

    user = User.objects.get(username="demo-member")
    today = session_2021.TODAY.date()
    with clock.for_committee(committee):
        # The plenary of the 2021 session: every active seat invited (the two seats ended on 30
        # December 2020 are not); most sign in, 11 on approved leave, 2 absent.
        session = Session.objects.get(committee=committee, year=2021)
        plenary = Activity.objects.get(committee=committee, type__kind="plenary",
                                       start__year=2021)
        assert (plenary.title, plenary.session_id, plenary.status) == \
            ("政协示例市第五届委员会第五次会议", session.pk, "closed")
        assert (clock.localdate(plenary.start), clock.localdate(plenary.end)) == \
            (session.opening_date, session.closing_date)
        seats = Membership.objects.filter(committee=committee, status="active")
        totals = selectors.attendance_sheet(activity=plenary).totals
        assert totals["expected"] == seats.count() == 453
        assert (totals["attended"], totals["on_leave"], totals["absent"], totals["pending"]) == \
            (440, 11, 2, 0)
        assert not plenary.participants.exclude(member__memberships__status="active").exists()
        # The 2021 plan: adopted by the 主席会议 in January, its own topics, one held in March.
        plan = ConsultationPlan.objects.get(committee=committee, year=2021)
        assert plan.status == "adopted" and plan.meeting_date == date(2021, 1, 21)
        titles = set(plan.topics.values_list("title", flat=True))
        assert len(titles) == 6 and not titles & {t[0] for t in activities_2020.TOPICS}
        figures = activity_stats(committee.pk, year=2021)
        assert figures["consultation_topics"] == {"planned": 6, "held": 1, "cancelled": 0}
        held = plan.topics.get(status="held")
        assert held.planned_month == 3 and held.activities.filter(status="closed").exists()
        # Held from mid-January to "today": six special-committee activities (72 sign-ins; the
        # count also has the published visit of 25 March) and a standing-committee meeting.
        assert figures["by_organiser_kind"]["special_committee"] == \
            {"count": 7, "participations": 72}
        held_sc = Activity.objects.filter(committee=committee, organisers__kind="special_committee",
                                          start__date__gte=date(2021, 1, 15),
                                          start__date__lte=today).distinct()
        assert held_sc.count() == 6 and not held_sc.exclude(status="closed").exists()
        assert all(a.signins.exists() for a in held_sc)
        standing = Activity.objects.get(committee=committee, type__kind="standing",
                                        start__year=2021)
        assert date(2021, 2, 15) <= clock.localdate(standing.start) <= today
        assert standing.status == "closed" and standing.signins.count() > 50
        # What demo-member sees in 我的活动 on the demo's "today".
        rows, _, labels = selectors.my_activities(user=user)
        label = {a.title: labels[a.pk] for a in rows}
        assert label[plenary.title] == "已出席"
        assert label["教科卫体委员会2021年第一次全体会议"] == "已出席"
        course = Activity.objects.get(committee=committee, title=activities_2021.COURSE["title"])
        assert label[course.title] == "可报名" and course.mode == "signup"
        assert clock.now() < course.signup_deadline < clock.now() + timedelta(days=7)
        assert (course.capacity, course.participants.count()) == (60, 16)
        assert not course.participants.filter(member=user.member).exists()
        visit = Activity.objects.get(committee=committee, title=activities_2021.VISIT.title)
        assert label[visit.title] == "待参加" and visit.mode == "compulsory"
        assert clock.now() < visit.start < clock.now() + timedelta(days=7)
        assert visit.participants.filter(member=user.member).exists()
        leaves = LeaveRequest.objects.filter(activity=visit)
        assert sorted(leaves.values_list("status", flat=True)) == ["approved", "pending"]
        mine = selectors.member_attendance(committee_id=committee.pk, member_id=user.member.pk,
                                           year=2021)
        assert [r["state"] for r in mine] == ["attended", "attended", "pending"]
    # On the web (requests run on the committee's clock): both are listed as coming, and
    # demo-member can sign up for the course and ask leave from the visit.
    client = Client()
    client.force_login(user)
    page = client.get(reverse("activities:mine")).content.decode()
    upcoming = page.split('id="upcoming"')[1].split('id="past"')[0]
    assert course.title in upcoming and visit.title in upcoming and "暂无" not in upcoming
    client.post(reverse("activities:action", args=[course.pk, "signup"]))
    assert course.participants.filter(member=user.member, source="signed_up").exists()
    client.post(reverse("activities:action", args=[visit.pk, "leave"]),
                {"reason": "学校期中教学检查，无法参加，特此请假。"})
    assert LeaveRequest.objects.filter(activity=visit, member=user.member,
                                       status="pending").exists()


def _check_2021_opinions(committee) -> None:
    """Step opinions_2021: January to mid-March 2021 of the information office, and the work
    that waits for demo-info and demo-info2 on the demo's "today"."""
    from datetime import time

    from django.utils import timezone

    from xieshang.core.calendar import WorkCalendar
    from xieshang.demo import opinions_2021
    from xieshang.opinions import permissions, selectors
    from xieshang.opinions.models import Issue, Opinion, OpinionEvent
    from xieshang.opinions.stats import opinion_stats

    # 30 items written in 2021 and the 2 proposals converted in the 2021 review.
    assert opinions_2021.open_work(committee) == {
        "submitted": 3, "returned": 1, "used": 1, "kept": 4, "edited": 1, "compiled": 4,
        "sent": 18, "issues_sent": 3, "issues_to_sign": 1}
    stats = opinion_stats(committee.pk, year=2021)
    assert (stats["submitted"], stats["used"], stats["not_used"], stats["returned"]) == \
        (32, 24, 4, 1)
    assert stats["by_source_kind"] == {"member": 15, "party": 8, "special_committee": 3,
                                       "sector": 0, "reporter": 4, "converted_proposal": 2}
    assert (stats["issues"], stats["adoptions"], stats["adopted"], stats["instructions"]) == \
        (3, 2, 2, 1)
    items = Opinion.objects.filter(committee=committee, first_submitted_at__year=2021)
    # One returned item was revised and resubmitted, the other is still with its author.
    returns = OpinionEvent.objects.filter(opinion__in=items, action="return")
    assert returns.count() == 2
    assert OpinionEvent.objects.filter(opinion__in=items, action="resubmit").count() == 1
    # Issue numbers start again at 1 each year: 2020 第1–23期, 2021 第1–4期.
    numbers = {year: list(Issue.objects.filter(committee=committee, year=year)
                          .order_by("number").values_list("number", flat=True))
               for year in (2020, 2021)}
    assert numbers == {2020: list(range(1, 24)), 2021: [1, 2, 3, 4]}
    issues = Issue.objects.filter(committee=committee, year=2021).order_by("number")
    assert [i.status for i in issues] == ["sent", "sent", "sent", "approved"]
    assert {(i.compiled_by.username, i.signed_by.username) for i in issues[:3]} == \
        {("demo-info", "demo-info2")}
    assert issues[3].signed_by is None and issues[3].entries.count() == 4
    # Everything happened before "today"; the office acted in office hours on working days.
    cal = WorkCalendar.for_committee(committee.pk)
    events = OpinionEvent.objects.filter(at__year=2021).select_related("actor")
    assert events.exists() and max(e.at for e in events) <= timezone.make_aware(
        session_2021.TODAY)
    for event in events.filter(actor__username__startswith="demo-info"):
        at = timezone.localtime(event.at)
        assert cal.is_working_day(at.date()) and time(8, 40) <= at.time() <= time(17, 40), \
            (event.action, at)
    # demo-member: one item sent in 第2期 and adopted by the province, one waiting for check.
    member = User.objects.get(username="demo-member")
    mine = selectors.opinion_list(user=member, mine=True, year=2021)
    assert sorted(o.status for o in mine) == ["sent", "submitted"]
    sent = next(o for o in mine if o.status == "sent")
    assert sent.entry_link.entry.issue.number == 2 and sent.adoption_count == 1
    # What waits on "today": demo-info checks 3 items, edits one, has one for the next issue
    # and sends 第4期 once demo-info2, who did not edit it, has signed it off.
    info, head = User.objects.get(username="demo-info"), User.objects.get(username="demo-info2")
    with clock.for_committee(committee):
        assert selectors.opinion_list(user=info, status="submitted").count() == 3
        assert sorted(o.status for o in selectors.compilable(user=info)) == ["edited", "used"]
        waiting = selectors.issue_list(user=head, status="approved").get()
        assert (waiting.year, waiting.number) == (2021, 4)
        assert permissions.can_sign(head, waiting) and not permissions.can_sign(info, waiting)
    client = Client()
    client.force_login(head)
    assert 'id="sign-button"' in client.get(reverse("opinions:issue", args=[waiting.pk])) \
        .content.decode()
    client.post(reverse("opinions:issue_action", args=[waiting.pk, "sign"]))
    waiting.refresh_from_db()
    assert waiting.status == "signed" and waiting.signed_by == head
