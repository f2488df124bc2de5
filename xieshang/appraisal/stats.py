"""Member and appraisal figures; each function states its numerator and denominator.

The seats counted are the memberships of the term in force during the year
(`record.term_of_year`). A seat's status at the end of the year is the status set by its
latest persuade or revoke decision dated on or before 31 December; a seat with none keeps its
recorded status, except that a seat whose only such decisions are dated later counts as active.
"""

from datetime import date

from xieshang.organization.models import Membership

from . import record
from .models import DecisionKind, Result, StatusDecision
from .workflow import AppraisalStatus

STATUSES = ("active", "on_leave", "persuaded", "revoked", "ended")


def member_stats(*, committee_id: int, year: int) -> dict:
    """Return the member figures of the year.

    - seats: memberships of the term in force during the year (no denominator).
    - by_status: seats by their status at the end of the year (see the module note); the
      parts add up to `seats`.
    - active: `by_status.active`.
    - standing: seats marked 常委.
    - persuaded_to_resign: 劝辞 decisions dated in the year (one per seat).
    - revoked: 撤销委员资格 decisions dated in the year.
    - talks: 谈话提醒 decisions dated in the year.
    """
    term = record.term_of_year(committee_id, year)
    seats = list(Membership.objects.filter(committee_id=committee_id, term=term)) if term else []
    end = date(year, 12, 31)
    latest: dict[int, StatusDecision] = {}
    later: set[int] = set()
    for d in (StatusDecision.objects.filter(committee_id=committee_id,
                                            membership__in=[s.pk for s in seats],
                                            kind__in=[DecisionKind.PERSUADE,
                                                      DecisionKind.REVOKE])
              .order_by("decided_on", "id")):
        if d.decided_on <= end:
            latest[d.membership_id] = d
        else:
            later.add(d.membership_id)
    by_status = dict.fromkeys(STATUSES, 0)
    for s in seats:
        if s.pk in latest:
            status = latest[s.pk].to_status
        elif s.pk in later:
            status = "active"
        else:
            status = s.status
        by_status[status] = by_status.get(status, 0) + 1
    in_year = StatusDecision.objects.filter(committee_id=committee_id, decided_on__year=year)
    return {
        "seats": len(seats),
        "active": by_status["active"],
        "standing": sum(1 for s in seats if s.is_standing),
        "by_status": by_status,
        "persuaded_to_resign": in_year.filter(kind=DecisionKind.PERSUADE).count(),
        "revoked": in_year.filter(kind=DecisionKind.REVOKE).count(),
        "talks": in_year.filter(kind=DecisionKind.TALK).count(),
    }


def appraisal_stats(*, committee_id: int, year: int) -> dict:
    """Return the year's published appraisal figures (nothing before publication).

    - published: whether the year's appraisal has been published.
    - appraised: members with a result in the published (not superseded) year appraisal.
    - by_grade: {grade label: members with that grade}; the parts add up to `appraised`.
    - flagged: members whose result reached an absence threshold or the low-score line.
    - rule_set: name and version of the rules the results were computed with.
    """
    from .models import Appraisal

    a = (Appraisal.objects.filter(committee_id=committee_id, year=year, scope="year",
                                  status=AppraisalStatus.PUBLISHED)
         .select_related("rule_set").first())
    if a is None:
        return {"published": False, "appraised": 0, "by_grade": {}, "flagged": 0,
                "rule_set": None}
    rows = list(Result.objects.filter(appraisal=a).values_list("grade_label", "flags"))
    by_grade = {g["label"]: 0 for g in a.rule_set.rules["grades"]}
    for label, _ in rows:
        by_grade[label] = by_grade.get(label, 0) + 1
    return {"published": True, "appraised": len(rows), "by_grade": by_grade,
            "flagged": sum(1 for _, flags in rows if flags),
            "rule_set": f"{a.rule_set.name}（第{a.rule_set.version}版）"}
