"""The units' own sequence: imported as 排序, followed by every list and select of units."""

import io

import pytest
from openpyxl import Workbook

from xieshang.accounts.services import api_token_issue
from xieshang.core.testing import PASSWORD
from xieshang.organization.importing import ImportInvalid
from xieshang.organization.models import Unit
from xieshang.organization.selectors import unit_list
from xieshang.organization.tests.test_import import counts, fill, run, unit_row


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
