"""The printed sign-in sheet (签到表) of an activity, for members who sign on paper."""

from django.utils import timezone

from xieshang.core import word

from .models import Activity, ParticipantRole
from .selectors import attendance_sheet

HEAD = ["序号", "姓名", "角色", "签名", "备注"]


def signin_rows(activity: Activity) -> list[list[str]]:
    """Return the sheet's rows: those leading the activity first, then everyone expected, each
    group in 姓氏笔画 order; an approved leave or a sign-in already recorded is noted."""
    rows = attendance_sheet(activity=activity).rows
    ordered = ([r for r in rows if r.role == ParticipantRole.LEADER]
               + [r for r in rows if r.role != ParticipantRole.LEADER])
    lines = []
    for n, r in enumerate(ordered, 1):
        note = ""
        if r.state == "on_leave":
            note = "请假"
        elif r.signin is not None:
            note = f"已于{timezone.localtime(r.signin.at):%H:%M}签到"
        lines.append([str(n), r.member.name, r.role_label, "", note])
    return lines


def signin_docx(activity: Activity) -> bytes:
    """Return the sign-in sheet: the activity's title, time and place, then the table."""
    doc = word.document(title=f"{activity.title}签到表", author=activity.committee.name)
    word.paragraph(doc, f"{activity.title}签到表", size=18, font="方正小标宋简体", center=True)
    start, end = timezone.localtime(activity.start), timezone.localtime(activity.end)
    ends = f"{end:%H:%M}" if start.date() == end.date() else f"{end:%Y年%m月%d日 %H:%M}"
    when = f"{start:%Y年%m月%d日 %H:%M}—{ends}"
    word.paragraph(doc, f"时间：{when}", size=12)
    if activity.place:
        word.paragraph(doc, f"地点：{activity.place}", size=12)
    rows = signin_rows(activity)
    word.paragraph(doc, f"应到{len(rows)}人", size=12)
    word.table(doc, HEAD, rows, size=12)
    return word.to_bytes(doc)
