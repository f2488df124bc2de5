"""The printed 签到表: leaders first, then everyone expected in 姓氏笔画 order, leave noted."""

from datetime import timedelta
from io import BytesIO

from django.utils import timezone
from docx import Document

from xieshang.activities import services
from xieshang.core import clock
from xieshang.core.testing import fresh

from .story import activity, sc_liaison


def rename(world, names):
    for member, name in zip(world.members, names, strict=False):
        member.name = name
        member.save(update_fields=["name"])


def sheet_of(client, a):
    response = client.get(f"/activities/{a.pk}/signin-sheet/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    doc = Document(BytesIO(response.content))
    rows = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    return [p.text for p in doc.paragraphs], rows


def test_the_sheet_lists_leaders_then_members_by_strokes_with_leave_and_signins(world, client):
    rename(world, ["李强", "王芳", "丁一", "毛宁"])
    start = clock.now() + timedelta(days=2)
    a = activity(world, start=start, invite=[m.pk for m in world.members[:4]])
    office = sc_liaison(world)
    services.participant_role_set(actor=fresh(office), activity_id=a.pk,
                                  member_id=world.members[0].pk, role="leader")
    leave = services.leave_request(actor=fresh(world.member_users[3]), activity_id=a.pk,
                                   reason="出差")
    services.leave_decide(actor=fresh(office), leave_id=leave.pk, approve=True)

    client.force_login(office)
    detail = client.get(f"/activities/{a.pk}/").content.decode()
    assert f'href="/activities/{a.pk}/signin-sheet/"' in detail
    paragraphs, rows = sheet_of(client, a)
    assert paragraphs[0] == "老旧小区改造联合调研签到表"
    assert paragraphs[2] == "地点：市政协三楼会议室" and paragraphs[3] == "应到4人"
    assert rows == [
        ["序号", "姓名", "角色", "签名", "备注"],
        ["1", "李强", "牵头组织（带队）", "", ""],
        ["2", "丁一", "参加", "", ""],
        ["3", "王芳", "参加", "", ""],
        ["4", "毛宁", "参加", "", "请假"],
    ]

    with clock.at(start + timedelta(minutes=5)):
        services.attendance_record(actor=fresh(office), activity_id=a.pk,
                                   member_id=world.members[2].pk)
        _, rows = sheet_of(client, a)
    signed = timezone.localtime(start + timedelta(minutes=5))
    assert rows[2][1] == "丁一" and rows[2][4] == f"已于{signed:%H:%M}签到"


def test_only_the_organisers_print_the_sheet(world, client):
    a = activity(world)
    client.force_login(world.member_users[0])
    assert client.get(f"/activities/{a.pk}/signin-sheet/").status_code == 404
