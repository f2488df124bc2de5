"""姓氏笔画 order: the order of names on official rosters."""

import pytest

from xieshang.textintel.strokes import KEY_WIDTH, name_key, stroke_count, stroke_table


def by_strokes(names: str) -> str:
    return " ".join(sorted(names.split(), key=name_key))


def test_the_table_holds_the_common_han_block_with_strokes_coded_one_to_five():
    table = stroke_table()
    assert len(table) > 20_000
    assert table["王"] == "1121" and table["张"] == "5153154"
    assert all(set(strokes) <= set("12345") for strokes in table.values())


def test_fewer_strokes_come_first():
    assert by_strokes("李 刘 石 王 于 丁") == "丁 于 王 石 刘 李"


@pytest.mark.parametrize("names, expected", [
    # Four strokes each, first strokes 横 丿 丶 乛: 王 毛 方 尹.
    ("尹 方 毛 王", "王 毛 方 尹"),
    # First strokes alike, the second decides: 王 一一丨一, 韦 一一乛丨.
    ("韦 王", "王 韦"),
    # Five strokes each: 龙 一丿乚丶, 史 丨乛一丿乛, 冯 丶一乛乛一.
    ("冯 史 龙", "龙 史 冯"),
])
def test_equal_counts_compare_strokes_in_writing_order(names, expected):
    assert by_strokes(names) == expected


def test_the_next_character_decides_between_equal_surnames_and_a_prefix_comes_first():
    # 大 一丿丶 before 小 丨丿丶.
    assert by_strokes("王小明 王大明 王大 王") == "王 王大 王大明 王小明"


def test_traditional_characters_are_placed_as_their_simplified_forms():
    # 鄧 (19 strokes) is placed as 邓 (4), before 刘 (6).
    assert stroke_count("鄧") == stroke_count("邓") == 4
    assert by_strokes("刘洋 鄧麗") == "鄧麗 刘洋"
    assert name_key("鄧麗") == name_key("邓丽")


def test_spaces_and_the_middle_dot_of_transliterated_names_are_ignored():
    assert name_key("王  伟") == name_key("王伟") == name_key(" 王伟 ")
    assert name_key("阿依古丽·买买提") == name_key("阿依古丽买买提")
    assert name_key("阿依古丽・买买提") == name_key("阿依古丽买买提")


def test_characters_outside_the_table_come_after_every_character_in_it():
    # 䶮 (Extension A) and Latin letters have no stroke data.
    assert stroke_count("䶮") is None and stroke_count("A") is None
    assert by_strokes("䶮明 龘明 A明") == "龘明 A明 䶮明"


def test_keys_have_a_fixed_width_per_character_so_the_database_sorts_them():
    assert len(name_key("欧阳修远")) == 4 * KEY_WIDTH
    assert name_key("") == ""
    names = "欧阳修远 司马光 王一 王 丁 上官婉儿 䶮 A"
    assert sorted(names.split(), key=name_key) == sorted(
        names.split(), key=lambda n: [name_key(c) for c in n])
