"""Escalating reminders for work that is due soon or overdue; each level is sent once.

Run daily (`xieshang remind`). A reminder's key names the item, its round, its deadline and the
level, so a second run the same day sends nothing, an extension starts the levels again, and a
new round of handling is reminded afresh.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction

from xieshang.core import clock
from xieshang.core.calendar import WorkCalendar
from xieshang.core.models import Committee
from xieshang.handling import deadlines, recipients
from xieshang.handling.feedback import expected_raters
from xieshang.handling.models import Assignment, Feedback, HandlingCase, Reply
from xieshang.handling.workflow import AssignmentStatus as A
from xieshang.handling.workflow import CaseStatus as C
from xieshang.handling.workflow import ReplyStatus as R

from .models import ReminderLog
from .services import notify

LEVEL_WORDS = {"due_soon": "即将到期", "overdue": "已超期", "severe": "严重超期"}


@dataclass
class Due:
    kind: str
    key: str
    due: date
    title: str
    url: str
    users: list
    escalate_to: list


def _items(committee: Committee, cal: WorkCalendar, config) -> list[Due]:
    items: list[Due] = []
    office = recipients.role_users(committee.pk, "assign_office")
    # Transferred 社情民意 items (转办) are run by the information office.
    info_office = recipients.role_users(committee.pk, "info_office")
    assignments = (Assignment.objects.filter(committee=committee,
                                             status__in=[A.PENDING_SIGN, A.HANDLING])
                   .select_related("case__proposal", "case__opinion", "unit"))
    passed = set(Reply.objects.filter(committee=committee, status=R.PASSED)
                 .values_list("assignment_id", "round"))
    for a in assignments:
        kind, title = a.case.subject_kind, a.case.subject_title
        runs = info_office if a.case.is_opinion else office
        url = f"/handling/assignments/{a.pk}/"
        if a.status == A.PENDING_SIGN:
            items.append(Due("sign", f"sign:{a.pk}", a.sign_due, f"请签收{kind}：{title}", url,
                             recipients.unit_users(a.unit_id), runs))
        elif a.due and a.role == "co":
            items.append(Due("opinion", f"opinion:{a.pk}", a.due,
                             f"请提交会办意见：{title}", url,
                             recipients.unit_users(a.unit_id), runs))
        elif a.due and (a.pk, a.case.round) not in passed:
            items.append(Due("reply", f"reply:{a.pk}:r{a.case.round}", a.due,
                             f"请按期答复{kind}：{title}", url,
                             recipients.unit_users(a.unit_id),
                             runs + recipients.unit_users(a.unit_id, leaders_only=True)))
    staff = recipients.role_users(committee.pk, "proposal_staff", "proposal_chief")
    for r in (Reply.objects.filter(committee=committee, status=R.UNDER_REVIEW,
                                   signed_off_at__isnull=False)
              .select_related("assignment__case__proposal", "assignment__case__opinion")):
        case = r.assignment.case
        due = cal.add_working_days(clock.localdate(r.signed_off_at), config.review_window_days)
        items.append(Due("review", f"review:{r.pk}:v{r.version}", due,
                         f"请审核答复：{case.subject_title}",
                         f"/handling/cases/{r.assignment.case_id}/",
                         info_office if case.is_opinion else staff, []))
    for case in (HandlingCase.objects.filter(committee=committee, status=C.REPLIED,
                                             proposal__isnull=False, replied_at__isnull=False)
                 .select_related("proposal")):
        rated = set(Feedback.objects.filter(case=case, round=case.round)
                    .values_list("proposer_id", flat=True))
        missing = [row for row in expected_raters(case) if row.pk not in rated]
        users = [u for row in missing for u in _row_users(case, row)]
        if users:
            due = cal.add_working_days(clock.localdate(case.replied_at), config.rating_window_days)
            items.append(Due("rating", f"rating:{case.pk}:r{case.round}", due,
                             f"请评价提案答复：{case.proposal.title}",
                             f"/handling/cases/{case.pk}/", users, []))
    return items


def _row_users(case, row):
    if row.member_id and row.member.user_id:
        return [row.member.user]
    return [u for u in recipients.proposer_users(case.proposal)
            if not hasattr(u, "member") or u.member.pk != row.member_id]


def run(*, committee: Committee | None = None) -> Counter:
    """Send every reminder that is due today and was not sent before; return counts by kind."""
    sent: Counter = Counter()
    committees = [committee] if committee else list(Committee.objects.all())
    for c in committees:
        with clock.for_committee(c):
            _run_one(c, sent)
    return sent


def _run_one(c: Committee, sent: Counter) -> None:
    """Send one committee's due reminders, on its own time, adding to `sent`."""
    today = clock.today()
    cal = WorkCalendar.for_committee(c.pk)
    config = deadlines.config_for(c.pk)
    for item in _items(c, cal, config):
        level = deadlines.urgency(cal, config, item.due, today).level
        if level == "ok":
            continue
        key = f"{item.key}:{item.due.isoformat()}:{level}"
        users = item.users + (item.escalate_to if level == "severe" else [])
        try:
            with transaction.atomic():
                ReminderLog.objects.create(committee=c, key=key, sent_at=clock.now(),
                                           recipients=len(users))
                notify(users=users, kind=f"remind_{item.kind}",
                       title=f"【{LEVEL_WORDS[level]}】{item.title}",
                       body=f"期限：{item.due:%Y年%m月%d日}", url=item.url)
        except IntegrityError:
            continue  # already sent at this level
        sent[item.kind] += 1
