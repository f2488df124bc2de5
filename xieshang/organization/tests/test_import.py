"""The Excel import service: template round trip, all-or-nothing checks, re-import, tenancy."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from xieshang.accounts.models import AuditEvent, RoleAssignment, User
from xieshang.core.errors import PermissionDenied, ValidationError
from xieshang.core.testing import fresh
from xieshang.organization import importing
from xieshang.organization.importing import ImportInvalid, template_bytes
from xieshang.organization.models import (
    Member,
    Membership,
    Party,
    Sector,
    SpecialCommittee,
    Term,
    Unit,
)
from xieshang.organization.services import org_import


def fill(members=(), units=(), *, template: bytes | None = None) -> bytes:
    """Fill the template's sheets with rows given as {header: value}; keep the example rows."""
    book = load_workbook(io.BytesIO(template or template_bytes()))
    for title, rows in ((importing.MEMBER_SHEET, members), (importing.UNIT_SHEET, units)):
        sheet = book[title]
        headers = [c.value for c in sheet[1]]
        for row in rows:
            sheet.append([row.get(h) for h in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def member_row(code="A001", name="王芳", **extra) -> dict:
    return {"委员编号": code, "姓名": name, **extra}


def unit_row(name="市教育局", kind="政府", **extra) -> dict:
    return {"单位名称": name, "单位类型": kind, **extra}


def run(world, content: bytes, actor=None):
    return org_import(actor=fresh(actor or world.sys_admin), committee=world.committee,
                      content=content)


def counts(committee) -> dict:
    return {
        model.__name__: model.objects.filter(committee=committee).count()
        for model in (Member, Membership, Unit, Sector, Party, SpecialCommittee)
    } | {"User": User.objects.filter(committee=committee).count(),
         "through": Membership.special_committees.through.objects.filter(
             membership__committee=committee).count()}


def test_template_round_trip_creates_members_units_bodies_and_logins(world):
    content = fill(
        members=[
            member_row("A001", "王芳", 性别="女", 手机="138 1234 5678", 邮箱="wf@example.com",
                       工作单位及职务="市一中校长", 届次=5, 界别="教育界", 党派团体="民进",
                       专委会="提案委员会、教科卫体委员会", 常委="是", 状态="在任",
                       登录名="wangfang"),
            member_row(13800, "李强", 界别="经济界", 党派团体="青联", 专委会="经济委员会，提案委员会"),
        ],
        units=[
            unit_row("市教育局", 简称="教育局", 对口专委会="教科卫体委员会", 联系人="赵敏",
                     联系电话="0571-87001234", 启用="是"),
            unit_row("市中级人民法院", "法院", 启用="否"),
        ],
    )
    result = run(world, content)

    assert (result.members.created, result.members.updated, result.members.unchanged) == (2, 0, 0)
    assert (result.units.created, result.units.updated, result.units.unchanged) == (2, 0, 0)
    assert result.created_sectors == ["教育界"]
    assert result.created_parties == ["民进", "青联"]
    assert result.created_special_committees == ["教科卫体委员会", "经济委员会"]
    assert not Member.objects.filter(code__startswith="示例").exists()
    assert not Unit.objects.filter(name__startswith="示例").exists()

    wang = Member.objects.get(committee=world.committee, code="A001")
    assert (wang.name, wang.gender, wang.mobile, wang.workplace) == (
        "王芳", "F", "13812345678", "市一中校长")
    seat = wang.memberships.get(term=world.term)
    assert (seat.sector.name, seat.party.name, seat.party.kind, seat.is_standing, seat.status) == (
        "教育界", "民进", "party", True, "active")
    assert sorted(seat.special_committees.values_list("name", flat=True)) == [
        "提案委员会", "教科卫体委员会"]
    assert Party.objects.get(committee=world.committee, name="青联").kind == "group"
    li = Member.objects.get(committee=world.committee, code="13800")
    assert li.memberships.get().term == world.term  # blank 届次: the current term

    education = Unit.objects.get(committee=world.committee, name="市教育局")
    assert (education.kind, education.short_name, education.liaison_committee.name,
            education.contact_phone, education.is_active) == (
        "government", "教育局", "教科卫体委员会", "0571-87001234", True)
    assert Unit.objects.get(committee=world.committee, name="市中级人民法院").is_active is False

    [login] = result.logins
    assert (login.code, login.username) == ("A001", "wangfang")
    user = User.objects.get(username="wangfang")
    assert wang.user == user and user.committee == world.committee
    assert user.must_change_password and user.check_password(login.password)
    assert list(RoleAssignment.objects.filter(user=user).values_list("role", flat=True)) == [
        "member"]


def test_import_writes_an_audit_row_with_counts_and_no_passwords(world):
    run(world, fill(members=[member_row(登录名="wangfang")], units=[unit_row()]))
    event = AuditEvent.objects.get(action="org_import")
    assert event.actor == world.sys_admin and event.committee == world.committee
    assert event.payload["members"] == {"created": 1, "updated": 0, "unchanged": 0}
    assert event.payload["units"] == {"created": 1, "updated": 0, "unchanged": 0}
    assert event.payload["logins_created"] == ["wangfang"]
    assert "password" not in str(event.payload)


def test_one_bad_row_refuses_the_whole_file_and_writes_nothing(world):
    before = counts(world.committee)
    audits = AuditEvent.objects.count()
    content = fill(
        members=[member_row("A001", 界别="新界别", 登录名="newlogin"),
                 member_row("A002", 手机="1381234"),
                 member_row("A003", 专委会="新专委会")],
        units=[unit_row()],
    )
    with pytest.raises(ImportInvalid) as caught:
        run(world, content)
    assert [str(e) for e in caught.value.errors] == [
        "「委员」第4行「手机」：应为11位手机号码，当前为“1381234”。"]
    assert counts(world.committee) == before
    assert AuditEvent.objects.count() == audits
    assert not User.objects.filter(username="newlogin").exists()


def test_error_report_lists_every_problem_with_sheet_row_and_column(world):
    Term.objects.create(committee=world.committee, number=4, name="第四届",
                        start_date=world.term.start_date.replace(year=2015))
    content = fill(
        members=[
            member_row("A001", 性别="未知", 状态="退休"),                 # row 3
            member_row("A001", "王" * 51),                               # row 4
            member_row(None, "无编号", 届次=9),                           # row 5
            member_row("A004", 邮箱="not-an-email", 常委="Y"),            # row 6
            member_row("A005", 届次="第四届", 登录名="testcity-staff"),    # row 7: fine term
        ],
        units=[unit_row("市教育局", "事业单位"), unit_row("市教育局"), unit_row(None)],
    )
    with pytest.raises(ImportInvalid) as caught:
        run(world, content)
    found = {(e.sheet, e.row, e.column) for e in caught.value.errors}
    assert found == {
        ("委员", 3, "性别"), ("委员", 3, "状态"),
        ("委员", 4, "姓名"), ("委员", 4, "委员编号"),
        ("委员", 5, "委员编号"), ("委员", 5, "届次"),
        ("委员", 6, "邮箱"), ("委员", 6, "常委"),
        ("委员", 7, "登录名"),
        ("承办单位", 3, "单位类型"), ("承办单位", 4, "单位名称"), ("承办单位", 5, "单位名称"),
    }
    text = "\n".join(str(e) for e in caught.value.errors)
    assert "「委员」第4行「委员编号」：与第3行重复（“A001”）。" in text
    assert "「委员」第4行「姓名」：不能超过50个字，当前为51个字。" in text
    assert "「委员」第3行「状态」：应为在任、请假、劝辞、撤销、届满之一，当前为“退休”。" in text
    assert "「委员」第5行「届次」：系统中没有第9届（已设置的届次：4、5）。" in text
    assert "「委员」第7行「登录名」：登录名“testcity-staff”已被使用。" in text
    assert "「承办单位」第5行「单位名称」：必填，不能为空。" in text
    assert caught.value.code == "import_invalid"


def test_missing_required_column_is_reported_at_the_header_row(world):
    book = Workbook()
    sheet = book.active
    sheet.title = "委员"
    sheet.append(["某某市政协委员名单"])
    sheet.append(["委员编号", "手机", "序号"])
    sheet.append(["A001", "13812345678", 1])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ImportInvalid) as caught:
        run(world, out.getvalue())
    assert [str(e) for e in caught.value.errors] == ["「委员」第2行「姓名」：缺少此必填列。"]


def test_reimport_updates_changed_rows_and_does_not_duplicate(world):
    rows = [member_row("A001", 界别="经济界", 专委会="提案委员会、经济委员会", 登录名="wangfang"),
            member_row("A002", "李强")]
    units = [unit_row("市教育局", 对口专委会="经济委员会"), unit_row("市卫生健康委")]
    first = run(world, fill(members=rows, units=units))
    assert first.members.created == 2 and len(first.logins) == 1
    before = counts(world.committee)

    again = run(world, fill(members=rows, units=units))
    assert (again.members.created, again.members.updated, again.members.unchanged) == (0, 0, 2)
    assert (again.units.created, again.units.updated, again.units.unchanged) == (0, 0, 2)
    assert again.logins == [] and again.created_special_committees == []
    assert counts(world.committee) == before

    rows[0] = member_row("A001", 界别="经济界", 专委会="文史委员会", 常委="是", 登录名="wangfang")
    units[0] = unit_row("市教育局", "党群")
    changed = run(world, fill(members=rows, units=units))
    assert (changed.members.created, changed.members.updated, changed.members.unchanged) == (
        0, 1, 1)
    assert (changed.units.created, changed.units.updated, changed.units.unchanged) == (0, 1, 1)
    seat = Membership.objects.get(member__committee=world.committee, member__code="A001")
    assert list(seat.special_committees.values_list("name", flat=True)) == ["文史委员会"]
    assert seat.is_standing
    education = Unit.objects.get(committee=world.committee, name="市教育局")
    assert education.kind == "party_mass" and education.liaison_committee is None
    assert Member.objects.filter(committee=world.committee).count() == before["Member"]
    assert Membership.objects.filter(committee=world.committee).count() == before["Membership"]


def test_reimport_matches_existing_members_by_code_and_adds_a_seat_in_a_new_term(world):
    existing = world.members[0]
    term6 = Term.objects.create(committee=world.committee, number=6, name="第六届",
                                start_date=world.term.start_date.replace(year=2099))
    result = run(world, fill(members=[
        member_row(existing.code, existing.name, 工作单位及职务="市统计局局长"),
        member_row(existing.code.upper() + "X", "新委员", 届次="第六届"),
    ]))
    assert (result.members.created, result.members.updated) == (1, 1)
    existing.refresh_from_db()
    assert existing.workplace == "市统计局局长"
    assert existing.memberships.count() == 1  # the current term's seat, updated in place

    result = run(world, fill(members=[member_row(existing.code, existing.name, 届次=6)]))
    assert result.members.updated == 1
    assert set(existing.memberships.values_list("term", flat=True)) == {world.term.pk, term6.pk}


def test_columns_absent_from_the_sheet_leave_existing_values_alone(world):
    run(world, fill(members=[member_row(手机="13812345678", 界别="经济界", 常委="是")]))
    book = Workbook()
    book.active.title = "委员"
    book.active.append(["委员编号", "姓名"])
    book.active.append(["A001", "王芳芳"])
    out = io.BytesIO()
    book.save(out)
    result = run(world, out.getvalue())
    assert result.members.updated == 1
    member = Member.objects.get(committee=world.committee, code="A001")
    seat = member.memberships.get()
    assert (member.name, member.mobile, seat.sector.name, seat.is_standing) == (
        "王芳芳", "13812345678", "经济界", True)


def test_existing_login_cannot_be_renamed_by_import(world):
    member = world.members[0]
    with pytest.raises(ImportInvalid) as caught:
        run(world, fill(members=[member_row(member.code, member.name, 登录名="renamed")]))
    assert "导入不能更改登录名" in caught.value.errors[0].message
    result = run(world, fill(members=[member_row(member.code, member.name, 界别="经济界",
                                                 登录名=member.user.username)]))
    assert result.logins == [] and result.members.unchanged == 1


@pytest.mark.parametrize("role_user", ["staff", "chief", "unit_handler"])
def test_only_the_committees_sys_admin_may_import(world, role_user):
    before = counts(world.committee)
    with pytest.raises(PermissionDenied):
        run(world, fill(members=[member_row()]), actor=getattr(world, role_user))
    assert counts(world.committee) == before


def test_another_committees_admin_may_not_import(world, other_world):
    with pytest.raises(PermissionDenied):
        org_import(actor=fresh(other_world.sys_admin), committee=world.committee,
                   content=fill(members=[member_row()]))


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "上传的文件为空。"),
    (b"name,mobile\n\xe7\x8e\x8b,138\n", "不是有效的Excel"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "旧版Excel（.xls）"),
    (b"PK\x03\x04" + b"\0" * 100, "不是有效的Excel"),
])
def test_files_that_are_not_xlsx_are_refused(world, content, expected):
    with pytest.raises(ValidationError) as caught:
        run(world, content)
    assert expected in caught.value.message
    assert not isinstance(caught.value, ImportInvalid)


def test_a_zip_that_is_not_a_workbook_is_refused(world):
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "你好")
    with pytest.raises(ValidationError) as caught:
        run(world, out.getvalue())
    assert "不是有效的Excel" in caught.value.message


def test_a_workbook_without_the_template_sheets_is_refused(world):
    out = io.BytesIO()
    Workbook().save(out)
    with pytest.raises(ValidationError) as caught:
        run(world, out.getvalue())
    assert "没有「委员」或「承办单位」工作表" in caught.value.message


def test_size_and_row_limits(world, monkeypatch):
    monkeypatch.setattr(importing, "MAX_ROWS", 2)
    with pytest.raises(ValidationError) as caught:
        run(world, fill(members=[member_row("A1"), member_row("A2")], units=[unit_row()]))
    assert caught.value.code == "import_too_large"
    monkeypatch.setattr(importing, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(ValidationError) as caught:
        run(world, fill())
    assert "解压后过大" in caught.value.message
    monkeypatch.setattr(importing, "MAX_BYTES", 100)
    with pytest.raises(ValidationError) as caught:
        run(world, fill())
    assert "不能超过" in caught.value.message


def test_import_into_one_committee_changes_nothing_in_another(world, other_world):
    theirs = other_world.members[0]
    before = counts(other_world.committee)
    snapshot = list(Member.objects.filter(committee=other_world.committee)
                    .values_list("code", "name", "workplace", "user_id"))
    result = run(world, fill(
        members=[member_row(theirs.code, "同编号不同人", 界别=other_world.sector.name,
                            党派团体="民盟", 专委会="提案委员会", 登录名="samecode")],
        units=[unit_row(other_world.units[0].name, "党群")],
    ))
    # Both committees have a unit of this name: only this committee's one is matched.
    assert result.members.created == 1 and result.units.updated == 1
    assert Unit.objects.get(committee=world.committee, name=world.units[0].name).kind == "party_mass"
    assert result.created_sectors == result.created_parties == []
    assert counts(other_world.committee) == before
    assert list(Member.objects.filter(committee=other_world.committee)
                .values_list("code", "name", "workplace", "user_id")) == snapshot
    assert Unit.objects.get(committee=other_world.committee,
                            name=other_world.units[0].name).kind == "government"
    ours = Member.objects.get(committee=world.committee, code=theirs.code)
    assert ours.memberships.get().sector == world.sector


def test_template_lists_the_committees_existing_names(world):
    from xieshang.organization.selectors_import import import_reference

    book = load_workbook(io.BytesIO(template_bytes(
        reference=import_reference(committee=world.committee))))
    guide = "\n".join(str(v) for row in book["填写说明"].iter_rows(values_only=True)
                      for v in row if v)
    assert "本政协已设置的届次：5（第五届）" in guide
    assert "本政协已有的界别：经济界" in guide
    assert book["委员"]["G2"].value == "5"


def test_padding_inside_chinese_names_is_dropped_and_name_dots_unified(world):
    rows = [member_row("P001", "王　芳"), member_row("P002", "李  强"),
            member_row("P003", "阿依古丽 • 买买提"), member_row("P004", "John Smith")]
    run(world, fill(members=rows))
    names = dict(Member.objects.filter(committee=world.committee, code__startswith="P")
                 .values_list("code", "name"))
    assert names == {"P001": "王芳", "P002": "李强", "P003": "阿依古丽·买买提",
                     "P004": "John Smith"}
    # The same file again changes nothing: the cleaned names are what is compared.
    again = run(world, fill(members=rows))
    assert (again.members.updated, again.members.unchanged) == (0, 4)


def test_a_new_number_for_a_known_name_and_mobile_is_flagged_as_maybe_the_same_person(world):
    run(world, fill(members=[member_row("Q001", "王芳", 手机="13800000001"),
                             member_row("Q002", "李强", 手机="13800000002")]))
    result = run(world, fill(members=[
        member_row("Q101", "王芳", 手机="13800000001"),      # renumbered: a second record
        member_row("Q102", "李强", 手机="13900000002"),      # another 李强 (重名)
        member_row("Q103", "赵敏", 手机="13800000003"),
        member_row("Q104", "赵敏", 手机="13800000003"),      # twice in the file
        member_row("Q002", "李强", 手机="13800000002"),      # the known member itself
    ]))
    assert result.members.created == 4
    assert result.warnings == [
        "第3行：王芳（委员编号Q101）与委员编号Q001的姓名和手机相同，请核对是否为同一人"
        "（更改委员编号会新增一名委员）。",
        "第6行：赵敏（委员编号Q104）与委员编号Q103的姓名和手机相同，请核对是否为同一人"
        "（更改委员编号会新增一名委员）。",
    ]
