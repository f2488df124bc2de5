"""The units' own sequence: imported as 排序, followed by every list and select of units."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from xieshang.accounts.services import api_token_issue
from xieshang.core.testing import PASSWORD
from xieshang.organization.importing import ImportInvalid
from xieshang.organization.models import Unit
from xieshang.organization.selectors import unit_list
from xieshang.organization.tests.test_import import counts, fill, run, unit_row
from xieshang.organization.tests.test_import_interfaces import login


def names(world) -> list[str]:
    return list(unit_list(committee=world.committee).values_list("name", flat=True))


def test_imported_order_leads_and_unordered_units_follow_by_kind_then_name(world):
    run(world, fill(units=[
        unit_row("市人民检察院", "检察院"),
        unit_row("市中级人民法院", "法院"),
        unit_row("市委组织部", "党群"),
        unit_row("市教育局", "政府", 排序=3),
        unit_row("市财政局", "政府", 排序=1),
        unit_row("市人大常委会办公室", "人大"),
    ]))
    assert names(world) == [
        # ordered by 排序
        "市财政局", "市教育局",
        # then by kind in protocol order (党群、人大、政府、法院、检察院), then by name
        "市委组织部", "市人大常委会办公室",
        *sorted(["市发展改革委", "市住房城乡建设局", "市生态环境局"]),
        "市中级人民法院", "市人民检察院",
    ]


def sheet_without_order(*rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "承办单位"
    sheet.append(["单位名称", "单位类型", "联系人"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_reimport_without_the_column_keeps_the_order_and_a_blank_cell_clears_it(world):
    run(world, fill(units=[unit_row("市教育局", 排序=2), unit_row("市财政局", 排序=1)]))
    result = run(world, sheet_without_order(["市教育局", "政府", "赵敏"]))
    assert (result.units.updated, Unit.objects.get(name="市教育局").order) == (1, 2)

    content = fill(units=[unit_row("市教育局", 排序=None)])
    result = run(world, content)
    assert (result.units.updated, Unit.objects.get(name="市教育局").order) == (1, None)
    assert Unit.objects.get(name="市财政局").order == 1


@pytest.mark.parametrize("value", ["第一", "0", "10000", "1.5", "-3", "３"])
def test_a_bad_order_is_refused_in_chinese_and_nothing_is_written(world, value):
    before = counts(world.committee)
    with pytest.raises(ImportInvalid) as caught:
        run(world, fill(units=[unit_row("市教育局", 排序=1), unit_row("市财政局", 排序=value)]))
    [error] = caught.value.errors
    assert (error.sheet, error.row, error.column) == ("承办单位", 4, "排序")
    assert "应为1至9999的整数" in str(error)
    assert counts(world.committee) == before


def test_select_lists_and_the_api_follow_the_order(world, client):
    ordered = ["市生态环境局", "市住房城乡建设局", "市发展改革委"]
    for rank, name in enumerate(ordered, start=1):
        Unit.objects.filter(committee=world.committee, name=name).update(order=rank)

    client.login(username=world.member_users[0].username, password=PASSWORD)
    page = client.get("/proposals/new/").content.decode()
    select = page[page.index('id="lead_units"'):page.index("</select>", page.index('id="lead_units"'))]
    assert [select.index(n) for n in ordered] == sorted(select.index(n) for n in ordered)

    token = api_token_issue(user=world.staff)
    body = client.get("/api/v1/organization/units", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert [u["name"] for u in body] == ordered
    assert [u["order"] for u in body] == [1, 2, 3]


def test_the_exported_units_import_back_unchanged_and_carry_an_edited_order(world, client):
    Unit.objects.filter(name="市发展改革委").update(short_name="发改委", contact_phone="0571-1234",
                                                 order=5)
    Unit.objects.filter(name="市生态环境局").update(is_active=False)
    login(client, world.sys_admin)
    response = client.get("/organization/units/export/")
    assert response.status_code == 200 and response["Content-Type"].startswith(
        "application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["承办单位"]
    headers = [c.value for c in sheet[1]]
    rows = [dict(zip(headers, (c.value for c in row), strict=True))
            for row in sheet.iter_rows(min_row=2)]
    assert [r["单位名称"] for r in rows] == names_all(world)
    first = rows[0]
    assert (first["单位名称"], first["简称"], first["单位类型"], first["对口专委会"], first["联系电话"],
            first["启用"], first["排序"]) == (
        "市发展改革委", "发改委", "政府", "提案委员会", "0571-1234", "是", 5)
    assert rows[-1]["启用"] == "否"

    before = counts(world.committee)
    result = run(world, response.content)
    assert (result.units.created, result.units.updated, result.units.unchanged) == (0, 0, 3)
    assert counts(world.committee) == before

    housing = headers.index("排序") + 1
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "市住房城乡建设局":
            sheet.cell(row=row[0].row, column=housing, value=1)
    out = io.BytesIO()
    book.save(out)
    result = run(world, out.getvalue())
    assert (result.units.updated, result.units.unchanged) == (1, 2)
    assert names_all(world)[:2] == ["市住房城乡建设局", "市发展改革委"]


def names_all(world) -> list[str]:
    return list(unit_list(committee=world.committee, active_only=False)
                .values_list("name", flat=True))


def test_only_those_who_may_import_can_export_the_units(world, client):
    login(client, world.member_users[0])
    assert client.get("/organization/units/export/").status_code == 404
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_issue(user=world.member_users[0])}"}
    assert client.get("/api/v1/organization/units/export", **auth).status_code == 403
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_issue(user=world.sys_admin)}"}
    response = client.get("/api/v1/organization/units/export", **auth)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["承办单位"]
    # The header, then one row per unit (an export has no example row).
    assert sheet.max_row == 1 + len(world.units)
