"""One term's roster as a filled import file, in the roster's order, that imports back unchanged."""

import io

from openpyxl import load_workbook

from xieshang.accounts.services import api_token_issue
from xieshang.organization.models import Member, Membership, Party, SpecialCommittee, Term

from .test_import import counts, run
from .test_import_interfaces import login


def sheet_rows(content: bytes):
    book = load_workbook(io.BytesIO(content))
    sheet = book["委员"]
    headers = [c.value for c in sheet[1]]
    rows = [dict(zip(headers, (c.value for c in row), strict=True))
            for row in sheet.iter_rows(min_row=2)]
    # An export holds people only: no example row (委员编号 示例…) to count or to import.
    assert not any(str(r["委员编号"] or "").startswith("示例") for r in rows)
    return book, sheet, headers, rows


def varied_roster(world):
    """Give the test members names, contacts and seats that exercise every column."""
    names = ["李强", "王芳", "丁一", "毛宁", "尹红", "方明"]
    for member, name in zip(world.members, names, strict=True):
        member.name = name
        member.save(update_fields=["name"])
    Member.objects.filter(pk=world.members[0].pk).update(
        gender="M", mobile="13800000001", email="li@example.com", workplace="示例市教育局局长")
    seat = Membership.objects.get(member=world.members[0], term=world.term)
    seat.is_standing = True
    seat.status = "on_leave"
    seat.save()
    seat.special_committees.set([world.special_committee, SpecialCommittee.objects.create(
        committee=world.committee, name="经济委员会")])


def test_the_exported_roster_is_in_stroke_order_and_imports_back_unchanged(world, client):
    varied_roster(world)
    login(client, world.sys_admin)
    response = client.get("/organization/members/export/", {"term": world.term.number})
    assert response.status_code == 200 and response["Content-Type"].startswith(
        "application/vnd.openxmlformats")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    book, sheet, headers, rows = sheet_rows(response.content)
    assert [r["姓名"] for r in rows] == ["丁一", "王芳", "毛宁", "方明", "尹红", "民盟经办人", "李强"]
    li = next(r for r in rows if r["姓名"] == "李强")
    assert li == {
        "委员编号": "testcity000", "姓名": "李强", "性别": "男", "手机": "13800000001",
        "邮箱": "li@example.com", "工作单位及职务": "示例市教育局局长", "届次": 5, "界别": "经济界",
        "党派团体": None, "专委会": "提案委员会、经济委员会", "常委": "是", "状态": "请假",
        "登录名": "testcity-m0",
    }
    assert next(r for r in rows if r["姓名"] == "王芳")["党派团体"] == "民盟"

    before = counts(world.committee)
    result = run(world, response.content)
    assert (result.members.created, result.members.updated, result.members.unchanged) == (
        0, 0, 7)
    assert result.logins == [] and result.created_special_committees == []
    assert counts(world.committee) == before

    workplace = headers.index("工作单位及职务") + 1
    for row in sheet.iter_rows(min_row=2):
        if row[1].value == "王芳":
            sheet.cell(row=row[0].row, column=workplace, value="示例市财政局副局长")
    out = io.BytesIO()
    book.save(out)
    result = run(world, out.getvalue())
    assert (result.members.updated, result.members.unchanged) == (1, 6)
    assert Member.objects.get(pk=world.members[1].pk).workplace == "示例市财政局副局长"


def test_the_export_follows_the_roster_order_and_term(world, client):
    varied_roster(world)
    later = Term.objects.create(committee=world.committee, number=6, name="第六届",
                                start_date=world.term.start_date.replace(
                                    year=world.term.start_date.year + 5))
    Membership.objects.create(committee=world.committee, member=world.members[2], term=later,
                              party=Party.objects.get(committee=world.committee, name="民盟"))
    login(client, world.sys_admin)
    by_code = client.get("/organization/members/export/",
                         {"term": world.term.number, "order": "code"})
    assert [r["委员编号"] for r in sheet_rows(by_code.content)[3]] == sorted(
        Member.objects.filter(committee=world.committee).values_list("code", flat=True))
    sixth = client.get("/organization/members/export/", {"term": 6})
    assert [(r["姓名"], r["届次"]) for r in sheet_rows(sixth.content)[3]] == [("丁一", 6)]
    assert client.get("/organization/members/export/", {"term": 9}).status_code == 404
    assert client.get("/organization/members/export/").status_code == 404


def test_the_roster_page_offers_the_export_of_the_term_shown(world, client):
    login(client, world.sys_admin)
    html = client.get("/organization/members/",
                      {"term": world.term.number, "order": "sector"}).content.decode()
    assert f'href="/organization/members/export/?term={world.term.number}&order=sector"' in html
    html = client.get("/organization/members/", {"term": "all"}).content.decode()
    assert 'id="members-export"' not in html


def test_only_those_who_may_import_can_export_the_roster(world, client):
    login(client, world.staff)
    assert client.get("/organization/members/export/",
                      {"term": world.term.number}).status_code == 404
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_issue(user=world.staff)}"}
    url = "/api/v1/organization/members/export"
    assert client.get(url, {"term": world.term.number}, **auth).status_code == 403

    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_issue(user=world.sys_admin)}"}
    response = client.get(url, {"term": world.term.number, "order": "code"}, **auth)
    assert response.status_code == 200
    assert len(sheet_rows(response.content)[3]) == 7
    missing = client.get(url, {"term": 9}, **auth)
    assert missing.status_code == 404 and "本会没有第9届" in missing.json()["error"]["message"]
    assert client.get(url, {"term": world.term.number, "order": "x"}, **auth).status_code == 422
    assert client.get(url, **auth).status_code == 422
