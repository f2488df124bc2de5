"""Members are listed 以姓氏笔画为序, as official rosters are; the roster also sorts by 界别."""

import re

from django.urls import reverse

from xieshang.organization.models import Member, Membership, Sector
from xieshang.textintel.strokes import name_key

from .test_import import fill, member_row, run
from .test_import_interfaces import login


def add(world, code, name, sector=None) -> Member:
    member = Member.objects.create(committee=world.committee, code=code, name=name)
    Membership.objects.create(committee=world.committee, member=member, term=world.term,
                              sector=sector or world.sector)
    return member


def roster_names(client, **params) -> list[str]:
    html = client.get(reverse("organization:members"), params).content.decode()
    # The 姓名 cell follows the 委员编号 cell.
    cell = r'<td rowspan="1" class="text-nowrap">([^<]*)</td>'
    return [name for _code, name in re.findall(rf"{cell}\s*{cell}", html)]


def test_saving_a_member_keeps_the_key_of_its_name(world):
    member = add(world, "S001", "鄧小明")
    assert member.name_key == name_key("邓小明")
    member.name = "王芳"
    member.save(update_fields=["name"])
    member.refresh_from_db()
    assert member.name_key == name_key("王芳")


def test_imported_members_get_the_key_and_a_rename_updates_it(world):
    run(world, fill(members=[member_row("A001", "李强"), member_row("A002", "丁一")]))
    keys = dict(Member.objects.filter(committee=world.committee, code__in=["A001", "A002"])
                .values_list("name", "name_key"))
    assert keys == {"李强": name_key("李强"), "丁一": name_key("丁一")}

    again = run(world, fill(members=[member_row("A001", "李强"), member_row("A002", "于一")]))
    assert (again.members.updated, again.members.unchanged) == (1, 1)
    assert Member.objects.get(committee=world.committee, code="A002").name_key == name_key("于一")


def test_member_lists_follow_the_stroke_order_not_the_number(world):
    for code, name in [("S001", "李强"), ("S002", "王芳"), ("S003", "丁一"), ("S004", "毛宁")]:
        add(world, code, name)
    names = [m.name for m in Member.objects.filter(committee=world.committee, code__startswith="S")]
    assert names == ["丁一", "王芳", "毛宁", "李强"]


def test_the_roster_sorts_by_strokes_by_sector_then_strokes_or_by_number(client, world):
    login(client, world.sys_admin)
    Member.objects.filter(committee=world.committee).delete()
    culture = Sector.objects.create(committee=world.committee, name="文化艺术界", order=0)
    Sector.objects.filter(pk=world.sector.pk).update(order=1)
    add(world, "S001", "李强")
    add(world, "S002", "王芳", culture)
    add(world, "S003", "丁一")
    add(world, "S004", "毛宁", culture)
    term = world.term.number

    assert roster_names(client, term=term) == ["丁一", "王芳", "毛宁", "李强"]
    assert roster_names(client, term=term, order="sector") == ["王芳", "毛宁", "丁一", "李强"]
    assert roster_names(client, term=term, order="code") == ["李强", "王芳", "丁一", "毛宁"]
    # An unknown order falls back to the official one.
    assert roster_names(client, term=term, order="x") == ["丁一", "王芳", "毛宁", "李强"]


def test_without_a_term_the_sector_order_is_offered_only_once_a_term_is_chosen(client, world):
    login(client, world.sys_admin)
    Member.objects.filter(committee=world.committee).delete()
    add(world, "S001", "李强")
    add(world, "S002", "丁一")
    response = client.get(reverse("organization:members"), {"term": "all", "order": "sector"})
    html = response.content.decode()
    assert response.context["order"] == "strokes"
    assert '<option value="sector" disabled>按界别、姓氏笔画（先选届次）</option>' in html
    assert roster_names(client, term="all", order="sector") == ["丁一", "李强"]


def test_the_pages_of_the_roster_keep_the_order(client, world, monkeypatch):
    from xieshang.organization import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    login(client, world.sys_admin)
    Member.objects.filter(committee=world.committee).delete()
    for code, name in [("S001", "李强"), ("S002", "王芳"), ("S003", "丁一")]:
        add(world, code, name)
    first = client.get(reverse("organization:members"),
                       {"term": world.term.number, "order": "code"}).content.decode()
    assert "order=code&q=&page=2" in first
    assert roster_names(client, term=world.term.number, order="code", page=2) == ["丁一"]
