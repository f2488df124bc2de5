"""The import through the web page, the JSON API and the management command; the rosters."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from xieshang.accounts.models import User
from xieshang.accounts.services import api_token_issue
from xieshang.organization.models import Member, Membership, Unit

from .test_import import fill, member_row, unit_row

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def login(client, user):
    # The committee's admin is created with a first-login password change pending.
    User.objects.filter(pk=user.pk).update(must_change_password=False)
    client.force_login(user)
    return client


def upload(content: bytes, name: str = "名单.xlsx"):
    file = io.BytesIO(content)
    file.name = name
    return file


def test_admin_downloads_the_template_from_the_page(client, world):
    login(client, world.sys_admin)
    page = client.get(reverse("organization:import"))
    assert page.status_code == 200
    assert reverse("organization:import_template").encode() in page.content
    response = client.get(reverse("organization:import_template"))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert "filename*=utf-8''" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["委员", "承办单位", "填写说明"]


def test_admin_uploads_a_file_and_sees_counts_and_initial_passwords(client, world):
    login(client, world.sys_admin)
    content = fill(members=[member_row(界别="教育界", 登录名="wangfang")], units=[unit_row()])
    response = client.post(reverse("organization:import"), {"file": upload(content)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "委员：新增1人，更新0人，无变化0人。" in html
    assert "新建界别：教育界。" in html
    [new_login] = response.context["result"].logins
    assert new_login.password in html
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_bad_upload_shows_the_error_table_and_imports_nothing(client, world):
    login(client, world.sys_admin)
    members = Member.objects.count()
    content = fill(members=[member_row(), member_row("A002", 手机="1381234")])
    response = client.post(reverse("organization:import"), {"file": upload(content)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "<th>工作表</th>" in html and "<th>问题</th>" in html
    assert "应为11位手机号码，当前为“1381234”。" in html
    assert Member.objects.count() == members


def test_non_xlsx_upload_shows_a_chinese_message(client, world):
    login(client, world.sys_admin)
    response = client.post(reverse("organization:import"), {"file": upload(b"a,b\n", "x.csv")})
    assert response.status_code == 400
    assert "不是有效的Excel" in response.content.decode()


@pytest.mark.parametrize("name", ["organization:import", "organization:import_template"])
def test_import_pages_are_hidden_from_other_roles(client, world, name):
    login(client, world.staff)
    assert client.get(reverse(name)).status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_rosters_use_a_fixed_number_of_queries(client, world):
    login(client, world.sys_admin)
    members_url, units_url = reverse("organization:members"), reverse("organization:units")
    before = (_queries(client, members_url), _queries(client, units_url))
    org_import_rows = [member_row(f"B{i:03d}", f"委员乙{i}", 界别=f"界别{i % 3}",
                                  专委会="提案委员会、经济委员会", 登录名=f"b{i}")
                       for i in range(12)]
    client.post(reverse("organization:import"), {"file": upload(fill(
        members=org_import_rows, units=[unit_row(f"单位{i}", 对口专委会="经济委员会")
                                        for i in range(8)]))})
    assert Member.objects.filter(committee=world.committee).count() == 19
    assert (_queries(client, members_url), _queries(client, units_url)) == before
    page = client.get(members_url).content.decode()
    assert "委员乙11" in page and "提案委员会、经济委员会" in page
    assert "单位7" in client.get(units_url).content.decode()


def _bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_issue(user=user)}"}


def test_api_template_and_upload_with_a_bearer_token(client, world):
    auth = _bearer(world.sys_admin)
    response = client.get("/api/v1/organization/import/template", **auth)
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    content = fill(template=response.content,
                   members=[member_row(登录名="wangfang")], units=[unit_row()])
    response = client.post("/api/v1/organization/import", {"file": upload(content)}, **auth)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["members"] == {"created": 1, "updated": 0, "unchanged": 0}
    assert body["units"]["created"] == 1
    assert body["logins"][0]["username"] == "wangfang" and body["logins"][0]["password"]


def test_api_reports_every_row_problem_with_a_400(client, world):
    content = fill(members=[member_row(性别="男性")], units=[unit_row(kind="")])
    response = client.post("/api/v1/organization/import", {"file": upload(content)},
                           **_bearer(world.sys_admin))
    assert response.status_code == 400
    body = response.json()
    assert body["error"]["code"] == "import_invalid" and body["error"]["field"] is None
    assert body["errors"] == [
        {"sheet": "委员", "row": 3, "column": "性别", "message": "应为男、女之一，当前为“男性”。"},
        {"sheet": "承办单位", "row": 3, "column": "单位类型", "message": "必填，不能为空。"},
    ]


def test_api_refuses_non_admins_and_bad_files(client, world):
    content = fill(members=[member_row()])
    response = client.post("/api/v1/organization/import", {"file": upload(content)},
                           **_bearer(world.staff))
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"
    response = client.post("/api/v1/organization/import", {"file": upload(b"not excel")},
                           **_bearer(world.sys_admin))
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "import_bad_file"


def test_command_imports_and_writes_the_template(world, tmp_path, capsys):
    template = tmp_path / "模板.xlsx"
    call_command("import_org", "--template", str(template))
    path = tmp_path / "名单.xlsx"
    path.write_bytes(fill(template=template.read_bytes(),
                          members=[member_row(登录名="wangfang")], units=[unit_row()]))
    call_command("import_org", "--committee", "testcity", str(path))
    out = capsys.readouterr().out
    assert "委员：新增1人" in out and "wangfang" in out
    assert Unit.objects.filter(committee=world.committee, name="市教育局").exists()


def test_command_prints_the_errors_and_fails(world, tmp_path, capsys):
    path = tmp_path / "名单.xlsx"
    path.write_bytes(fill(members=[member_row(手机="1381234")]))
    seats = Membership.objects.count()
    with pytest.raises(CommandError) as caught:
        call_command("import_org", "--committee", "testcity", str(path))
    assert caught.value.returncode == 1
    assert "「委员」第3行「手机」：应为11位手机号码，当前为“1381234”。" in capsys.readouterr().err
    assert Membership.objects.count() == seats


def test_command_refuses_an_actor_who_is_not_the_admin(world, tmp_path):
    path = tmp_path / "名单.xlsx"
    path.write_bytes(fill(members=[member_row()]))
    with pytest.raises(CommandError, match="系统管理员"):
        call_command("import_org", "--committee", "testcity", str(path), "--as", "testcity-staff")
