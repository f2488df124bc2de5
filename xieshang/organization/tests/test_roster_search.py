"""The roster's search box: a part of the name, code or workplace, or the name's pinyin."""

from xieshang.organization.models import Member
from xieshang.organization.tests.test_import_interfaces import login
from xieshang.organization.tests.test_member_stroke_order import add, roster_names


def roster(world):
    Member.objects.filter(committee=world.committee).delete()
    for code, name in [("Q001", "王芳"), ("Q002", "吴非"), ("Q003", "方伟"), ("Q004", "吕文"),
                       ("Q005", "单丽")]:
        add(world, code, name)
    Member.objects.filter(code="Q003").update(workplace="市第一中学")


def test_latin_letters_find_a_name_by_its_pinyin(client, world):
    login(client, world.sys_admin)
    roster(world)
    term = world.term.number
    # 王芳 and 吴非 share the initials wf; more letters tell them apart.
    assert roster_names(client, term=term, q="wf") == ["王芳", "吴非"]
    assert roster_names(client, term=term, q="WangF") == ["王芳"]
    assert roster_names(client, term=term, q="wuf") == ["吴非"]
    assert roster_names(client, term=term, q="fang") == ["王芳", "方伟"]
    assert roster_names(client, term=term, q="lvw") == ["吕文"]
    # 单 as a surname is shàn; every reading counts.
    assert roster_names(client, term=term, q="shanli") == ["单丽"]
    assert roster_names(client, term=term, q="fw") == ["方伟"]


def test_characters_codes_and_workplaces_are_still_found(client, world):
    login(client, world.sys_admin)
    roster(world)
    term = world.term.number
    assert roster_names(client, term=term, q="芳") == ["王芳"]
    # Codes are found whatever the case, on either database.
    assert roster_names(client, term=term, q="q004") == ["吕文"]
    assert roster_names(client, term=term, q="一中") == ["方伟"]
    # One letter is a surname's initial: 王芳 and 吴非, not 方伟 or 吕文 (whose 伟 and 文 start
    # with w too).
    assert roster_names(client, term=term, q="w") == ["王芳", "吴非"]
    # Nothing spells xyz.
    assert roster_names(client, term=term, q="xyz") == []
