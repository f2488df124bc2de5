"""Records built from other apps, published results frozen, questions fixed at the source,
status decisions, annual reports, exports and tenancy."""

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from xieshang.activities.models import SignIn
from xieshang.appraisal import documents, selectors, services
from xieshang.appraisal.models import AppraisalEvent, Result
from xieshang.appraisal.presets import preset
from xieshang.appraisal.stats import appraisal_stats, member_stats
from xieshang.core import clock
from xieshang.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from xieshang.core.testing import fresh
from xieshang.notifications.models import Notification
from xieshang.organization.models import Membership

from .story import ended_activity, office, rules_from, year_of

pytestmark = pytest.mark.django_db


def _line(breakdown, key):
    return next(ln for ln in breakdown["lines"] if ln["key"] == key)


def _result(appraisal, member):
    return Result.objects.get(appraisal=appraisal, member=member)


def test_record_is_built_from_attendance_with_links(world):
    m0, m1 = world.members[0], world.members[1]
    a = ended_activity(world, attended=[m0.pk], invited=[m0.pk, m1.pk])
    rec = selectors.member_record(member=m1, year=year_of(a))
    entry = next(e for e in rec.entries if e["ref"] == f"attendance:{a.pk}")
    assert entry["state"] == "absent"
    assert entry["url"] == f"/activities/{a.pk}/"
    assert entry["role_label"] == "应参加（无故缺席）"
    rec0 = selectors.member_record(member=m0, year=year_of(a))
    assert next(e for e in rec0.entries if e["ref"] == f"attendance:{a.pk}")["state"] == \
        "attended"


def test_edited_rules_do_not_change_a_published_result(world):
    m0, m1 = world.members[0], world.members[1]
    a = ended_activity(world, attended=[m0.pk], invited=[m0.pk, m1.pk])
    year = year_of(a)
    v1 = rules_from(world, year)
    first = services.appraisal_compute(actor=fresh(office(world)), year=year)
    services.appraisal_publish(actor=fresh(office(world)), appraisal_id=first.pk)
    before = _result(first, m1)
    # 50 − 5 for the unexcused absence = 45 meeting points; nothing else.
    assert before.score == Decimal("45.00")
    assert _line(before.breakdown, "other_absent")["points"] == "-5.00"

    edited = preset("hundred")
    next(i for i in edited["items"] if i["key"] == "other_absent")["points"] = -8
    # The year is published: a change must be confirmed as such.
    v2 = services.rule_set_create(actor=fresh(office(world)), year=year, rules=edited,
                                  note="缺席扣分提高到8分", confirm_published=True)
    assert v2.version == v1.version + 1
    second = services.appraisal_compute(actor=fresh(office(world)), year=year)
    assert second.pk != first.pk and second.revision == 2
    assert _result(second, m1).score == Decimal("42.00")

    first.refresh_from_db()
    again = _result(first, m1)
    assert (again.score, again.breakdown) == (before.score, before.breakdown)
    assert first.rule_set_id == v1.pk and first.status == "published"
    services.appraisal_publish(actor=fresh(office(world)), appraisal_id=second.pk)
    first.refresh_from_db()
    assert first.status == "superseded"
    assert _result(first, m1).score == Decimal("45.00")
    assert selectors.published(committee_id=world.committee.pk, year=year).pk == second.pk


def test_a_published_appraisal_is_never_recomputed_in_place(world):
    a = ended_activity(world, attended=[], invited=[world.members[0].pk])
    year = year_of(a)
    rules_from(world, year)
    first = services.appraisal_compute(actor=fresh(office(world)), year=year)
    services.appraisal_publish(actor=fresh(office(world)), appraisal_id=first.pk)
    with pytest.raises(Conflict):
        services.appraisal_publish(actor=fresh(office(world)), appraisal_id=first.pk)
    draft = services.appraisal_compute(actor=fresh(office(world)), year=year)
    again = services.appraisal_compute(actor=fresh(office(world)), year=year)
    assert draft.pk == again.pk
    assert AppraisalEvent.objects.filter(subject="appraisal", subject_id=draft.pk,
                                         action="recompute").count() == 1


def test_publishing_notifies_members(world):
    a = ended_activity(world, attended=[], invited=[world.members[0].pk])
    rules_from(world, year_of(a))
    ap = services.appraisal_compute(actor=fresh(office(world)), year=year_of(a))
    services.appraisal_publish(actor=fresh(office(world)), appraisal_id=ap.pk)
    assert Notification.objects.filter(kind="appraisal", user=world.member_users[0]).exists()


def test_question_fixed_at_the_attendance_source_changes_the_score_and_says_why(world):
    m1, user1 = world.members[1], world.member_users[1]
    a = ended_activity(world, attended=[world.members[0].pk],
                       invited=[world.members[0].pk, m1.pk])
    year = year_of(a)
    rules_from(world, year)
    draft = services.appraisal_compute(actor=fresh(office(world)), year=year)
    assert _result(draft, m1).score == Decimal("45.00")

    q = services.question_ask(actor=fresh(user1), year=year, kind="missing",
                              text="我参加了这次调研，签到时手机没有信号。",
                              entry_ref=f"attendance:{a.pk}", entry_title=a.title)
    with pytest.raises(PermissionDenied):
        services.question_answer(actor=fresh(world.staff), question_id=q.pk, answer="已补登",
                                 attendance_activity_id=a.pk)
    services.question_answer(actor=fresh(office(world)), question_id=q.pk,
                             answer="经核对签到名单，您确实出席，已补登。",
                             attendance_activity_id=a.pk)
    # The source record is fixed in the activities app, by its own service.
    signin = SignIn.objects.get(activity=a, member=m1)
    assert signin.method == "staff"
    q.refresh_from_db()
    assert q.status == "answered" and q.correction["signin_id"] == signin.pk

    recomputed = services.appraisal_compute(actor=fresh(office(world)), year=year)
    result = _result(recomputed, m1)
    # 50 meeting points, + 2 for the activity attended.
    assert result.score == Decimal("52.00")
    assert _line(result.breakdown, "other_absent")["points"] == "0.00"
    assert _line(result.breakdown, "activity_attended")["records"][0]["ref"] == \
        f"attendance:{a.pk}"
    rec = selectors.member_record(member=m1, year=year)
    entry = next(e for e in rec.entries if e["ref"] == f"attendance:{a.pk}")
    assert entry["state"] == "attended"
    assert entry["corrections"][0]["question_id"] == q.pk
    assert "补登出席" in entry["corrections"][0]["summary"]
    assert Notification.objects.filter(user=user1, title__contains="疑问已答复").exists()


def test_a_question_cannot_be_answered_twice(world):
    a = ended_activity(world, attended=[], invited=[world.members[0].pk])
    q = services.question_ask(actor=fresh(world.member_users[0]), year=year_of(a),
                              kind="other", text="得分如何计算？")
    services.question_answer(actor=fresh(office(world)), question_id=q.pk, answer="见明细。")
    with pytest.raises(Conflict):
        services.question_answer(actor=fresh(office(world)), question_id=q.pk, answer="再答")


def test_members_only_ask_and_confirm_for_themselves(world):
    with pytest.raises(PermissionDenied):
        services.question_ask(actor=fresh(world.staff), year=2024, kind="other", text="x")
    c = services.record_confirm(actor=fresh(world.member_users[0]),
                                year=clock.today().year - 1)
    assert c.member == world.members[0]


def _absent_standing(world, member, n):
    for i in range(n):
        ended_activity(world, attended=[], invited=[member.pk], type_name="常委会议",
                       title=f"常委会议{i}", days_ago=3 + i)


def test_flags_and_decisions_change_status_from_the_decision_date(world):
    m2 = world.members[2]
    Membership.objects.filter(member=m2).update(is_standing=True)
    _absent_standing(world, m2, 3)
    year = clock.localdate(clock.now() - timedelta(days=3)).year
    rules_from(world, year)
    ap = services.appraisal_compute(actor=fresh(office(world)), year=year)
    services.appraisal_publish(actor=fresh(office(world)), appraisal_id=ap.pk)
    flagged = selectors.flagged(appraisal=ap)
    row = next(f for f in flagged if f["result"].member_id == m2.pk)
    assert {f["key"] for f in row["result"].flags} >= {"standing_year"}
    assert row["suggested"] == "persuade"
    day = clock.today()
    d = services.decision_record(actor=fresh(office(world)), member_id=m2.pk, kind="persuade",
                                 decided_on=day, meeting="常委会议", reason="一年内缺席常委会议3次",
                                 appraisal_id=ap.pk)
    assert (d.from_status, d.to_status) == ("active", "persuaded")
    assert d.evidence[0]["key"] == "standing_year"
    assert len(d.evidence[0]["records"]) == 3
    assert Membership.objects.get(member=m2).status == "persuaded"
    with pytest.raises(Conflict):
        services.decision_record(actor=fresh(office(world)), member_id=m2.pk, kind="revoke",
                                 decided_on=day, meeting="常委会议", reason="再次")
    # The history stays: the record still lists every absence.
    rec = selectors.member_record(member=m2, year=year)
    assert sum(1 for e in rec.entries if e.get("state") == "absent") == 3
    stats = member_stats(committee_id=world.committee.pk, year=day.year)
    assert stats["persuaded_to_resign"] == 1 and stats["revoked"] == 0
    assert stats["by_status"]["persuaded"] == 1
    figures = appraisal_stats(committee_id=world.committee.pk, year=year)
    assert figures["published"] is True
    assert sum(figures["by_grade"].values()) == figures["appraised"]


def test_decisions_are_refused_for_non_managers_and_future_dates(world):
    with pytest.raises(PermissionDenied):
        services.decision_record(actor=fresh(world.staff), member_id=world.members[0].pk,
                                 kind="revoke", decided_on=clock.today(), meeting="x",
                                 reason="y")
    with pytest.raises(ValidationError):
        services.decision_record(actor=fresh(office(world)), member_id=world.members[0].pk,
                                 kind="revoke", decided_on=clock.today() + timedelta(days=3),
                                 meeting="x", reason="y")


def test_standing_member_annual_report_is_submitted_reviewed_and_filed(world):
    m3, user = world.members[3], world.member_users[3]
    year = clock.today().year
    with pytest.raises(PermissionDenied):
        services.annual_report_save(actor=fresh(user), year=year, text="报告")
    Membership.objects.filter(member=m3).update(is_standing=True)
    r = services.annual_report_save(actor=fresh(user), year=year, text="一年来履职情况……")
    services.annual_report_submit(actor=fresh(user), report_id=r.pk)
    with pytest.raises(ValidationError):
        services.annual_report_review(actor=fresh(office(world)), report_id=r.pk,
                                      accept=False)
    services.annual_report_review(actor=fresh(office(world)), report_id=r.pk, accept=False,
                                  note="请补充联系群众情况")
    services.annual_report_save(actor=fresh(user), year=year, text="一年来履职情况，补充……")
    services.annual_report_submit(actor=fresh(user), report_id=r.pk)
    services.annual_report_review(actor=fresh(office(world)), report_id=r.pk, accept=True)
    rec = selectors.member_record(member=m3, year=year)
    assert any(e["source"] == "annual_report" for e in rec.entries)


def test_exports_word_and_excel(world):
    m1 = world.members[1]
    a = ended_activity(world, attended=[], invited=[m1.pk])
    rules_from(world, year_of(a))
    ap = services.appraisal_compute(actor=fresh(office(world)), year=year_of(a))
    data = documents.record_docx(selectors.member_record(member=m1, year=year_of(a)))
    assert data[:2] == b"PK"
    from docx import Document

    text = "\n".join(p.text for p in Document(BytesIO(data)).paragraphs)
    assert f"委员履职档案（{year_of(a)}年度）" in text and m1.name in text
    term = documents.record_docx(selectors.member_record(member=m1, year=year_of(a),
                                                         scope="term"))
    text = "\n".join(p.text for p in Document(BytesIO(term)).paragraphs)
    assert f"委员履职档案（本届，截至{year_of(a)}年）" in text
    wb = load_workbook(BytesIO(documents.appraisal_xlsx(ap)))
    ws = wb.active
    names = [row[1] for row in ws.iter_rows(min_row=4, values_only=True)]
    assert m1.name in names
    assert "名次" not in [c.value for c in ws[3]]


def test_other_committees_cannot_see_records_or_appraisals(world, other_world):
    a = ended_activity(world, attended=[], invited=[world.members[0].pk])
    rules_from(world, year_of(a))
    ap = services.appraisal_compute(actor=fresh(office(world)), year=year_of(a))
    stranger = office(other_world)
    from xieshang.appraisal import permissions

    with pytest.raises(NotFound):
        permissions.access_member(stranger, world.members[0].pk)
    with pytest.raises(NotFound):
        services.appraisal_publish(actor=stranger, appraisal_id=ap.pk)
    with pytest.raises(NotFound):
        permissions.access_member(fresh(world.member_users[1]), world.members[0].pk)


def test_results_are_listed_by_strokes_and_equal_scores_too(world):
    for member, name in zip(world.members[:3], ["李强", "王芳", "丁一"], strict=True):
        member.name = name
        member.save(update_fields=["name"])
    m_li, m_wang, m_ding = world.members[:3]
    a = ended_activity(world, attended=[m_li.pk], invited=[m_li.pk, m_wang.pk, m_ding.pk])
    year = year_of(a)
    rules_from(world, year)
    appraisal = services.appraisal_compute(actor=fresh(office(world)), year=year)

    listed = [r.member.name for r in selectors.results(appraisal=appraisal, ranked=False)]
    # 民盟经办人: 民 has 5 strokes, 李 7; the 委员N test members: 委 has 8.
    assert listed[:4] == ["丁一", "王芳", "民盟经办人", "李强"]
    ranked = [r.member.name for r in selectors.results(appraisal=appraisal, ranked=True)]
    # 李强 attended and leads; 丁一 and 王芳, absent alike, tie and follow in stroke order.
    assert ranked[0] == "李强"
    assert ranked.index("丁一") + 1 == ranked.index("王芳")
