"""The printed roster: one term's members by 界别, 以姓氏笔画为序, in Word."""

from io import BytesIO

from docx import Document

from xieshang.organization.documents import printed_name, roster_groups, roster_title
from xieshang.organization.models import Member, Membership, Sector, Term

from .test_import_interfaces import login


def seat(world, code, name, sector, *, gender="", status="active") -> Member:
    member = Member.objects.create(committee=world.committee, code=code, name=name,
                                   gender=gender)
    Membership.objects.create(committee=world.committee, member=member, term=world.term,
                              sector=sector, status=status)
    return member


def small_roster(world):
    Member.objects.filter(committee=world.committee).delete()
    culture = Sector.objects.create(committee=world.committee, name="文化艺术界", order=1)
    Sector.objects.filter(pk=world.sector.pk).update(order=2)
    seat(world, "S1", "李强", world.sector)
    seat(world, "S2", "王芳", world.sector, gender="F")
    seat(world, "S3", "欧阳明远", culture)
    seat(world, "S4", "丁一", culture, status="on_leave")
    seat(world, "S5", "马力", None)
    seat(world, "S6", "万青", world.sector, status="revoked")
    seat(world, "S7", "尹红", culture, status="persuaded")


def test_printed_names_are_spread_to_three_characters_and_women_are_marked():
    assert printed_name(Member(name="王芳", gender="F")) == "王\u3000芳（女）"
    assert printed_name(Member(name="李强", gender="M")) == "李\u3000强"
    assert printed_name(Member(name="欧阳明远")) == "欧阳明远"
    assert printed_name(Member(name="张")) == "张"


def test_the_roster_groups_by_sector_order_in_strokes_without_those_who_left(world):
    small_roster(world)
    groups = roster_groups(committee=world.committee, term=world.term)
    # 文化艺术界 comes first by its display order; a seat without a 界别 comes last, under 其他;
    # 撤销 and 劝辞 seats are left out, a member on leave is still a member.
    assert [(g.sector, g.names) for g in groups] == [
        ("文化艺术界", ["丁\u3000一", "欧阳明远"]),
        ("经济界", ["王\u3000芳（女）", "李\u3000强"]),
        ("其他", ["马\u3000力"]),
    ]


def test_the_title_names_the_term_the_way_a_committee_does(world):
    assert roster_title(world.committee, world.term) == "政协testcity第五届委员会委员名单"
    world.committee.name = "示例县政治协商会议"
    assert roster_title(world.committee, world.term) == "示例县政治协商会议第五届委员名单"


def test_staff_download_the_word_roster_of_the_term_shown(world, client):
    small_roster(world)
    login(client, world.staff)
    page = client.get("/organization/members/", {"term": world.term.number}).content.decode()
    assert f'href="/organization/members/docx/?term={world.term.number}"' in page
    response = client.get("/organization/members/docx/", {"term": world.term.number})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    text = [p.text for p in Document(BytesIO(response.content)).paragraphs]
    assert text == [
        "政协testcity第五届委员会委员名单", "（共5名，按界别排列，同一界别内以姓氏笔画为序）",
        "文化艺术界（2名）", "丁\u3000一\u3000\u3000欧阳明远",
        "经济界（2名）", "王\u3000芳（女）\u3000\u3000李\u3000强",
        "其他（1名）", "马\u3000力",
    ]
    Term.objects.create(committee=world.committee, number=6, name="第六届",
                        start_date=world.term.start_date.replace(
                            year=world.term.start_date.year + 5))
    empty = client.get("/organization/members/docx/", {"term": 6})
    assert "（共0名" in "".join(p.text for p in Document(BytesIO(empty.content)).paragraphs)
    assert client.get("/organization/members/docx/", {"term": 9}).status_code == 404
    assert client.get("/organization/members/docx/").status_code == 404
    html = client.get("/organization/members/", {"term": "all"}).content.decode()
    assert 'id="members-docx"' not in html


def test_members_do_not_get_the_roster(world, client):
    login(client, world.member_users[0])
    assert client.get("/organization/members/docx/",
                      {"term": world.term.number}).status_code == 404


def test_the_standing_committee_roster_lists_only_the_standing_members(world, client):
    small_roster(world)
    Membership.objects.filter(member__code__in=["S1", "S3", "S6"]).update(is_standing=True)
    groups = roster_groups(committee=world.committee, term=world.term, standing=True)
    # 万青 (S6) is standing but revoked, so left out.
    assert [(g.sector, g.names) for g in groups] == [("文化艺术界", ["欧阳明远"]),
                                                      ("经济界", ["李\u3000强"])]
    assert roster_title(world.committee, world.term, standing=True) == \
        "政协testcity第五届委员会常务委员名单"
    login(client, world.staff)
    page = client.get("/organization/members/", {"term": world.term.number}).content.decode()
    assert f'href="/organization/members/docx/?term={world.term.number}&standing=1"' in page
    response = client.get("/organization/members/docx/",
                          {"term": world.term.number, "standing": "1"})
    text = [p.text for p in Document(BytesIO(response.content)).paragraphs]
    assert text[:2] == ["政协testcity第五届委员会常务委员名单",
                        "（共2名，按界别排列，同一界别内以姓氏笔画为序）"]
    assert "%E5%B8%B8%E5%8A%A1%E5%A7%94%E5%91%98" in response["Content-Disposition"]  # 常务委员
