"""拼音首字母 of names, for the pickers' filter boxes."""

from xieshang.textintel.initials import initials, initials_table, matches_pinyin, readings_table


def test_each_character_gives_the_first_letters_of_its_readings():
    assert initials("市住房城乡建设局").split()[1:] == ["z", "f", "c", "x", "j", "s", "j"]
    assert initials("刘芳") == "l f"
    # 王 is also read wàng and yù: the commonest reading comes first.
    assert initials("王").startswith("w")


def test_every_reading_of_a_character_counts():
    # 单 is dān, chán and, as a surname, shàn; 曾 is céng and zēng.
    assert set(initials("单")) == {"d", "c", "s"}
    assert set(initials("曾")) == {"c", "z"}


def test_traditional_characters_have_their_readings_too():
    deng, li = initials("鄧麗").split()
    assert deng == "d" and li.startswith("l")


def test_latin_letters_and_digits_stand_for_themselves_and_other_marks_are_dropped():
    assert initials("阿依·买买提").split()[:4] == ["ae", "y", "m", "m"]
    assert len(initials("阿依·买买提").split()) == 5
    assert initials("A1林") == "a 1 l"
    assert initials("") == ""


def test_the_table_covers_the_common_characters_and_keeps_only_latin_letters():
    table = initials_table()
    assert len(table) > 20_000
    assert all(letters.isascii() and letters.isalpha() and letters.islower()
               for letters in table.values())


def test_typed_pinyin_spells_a_run_of_the_name_by_initials_or_whole_syllables():
    for query in ["wf", "WF", "wangf", "wfang", "wangfang", "wang fang", "fang", "wa", "f"]:
        assert matches_pinyin(query, "王芳"), query
    # Out of order, a gap, or letters that no reading starts with.
    for query in ["fw", "wxf", "wfx", "wangx", "", "  "]:
        assert not matches_pinyin(query, "王芳"), query


def test_from_the_start_the_run_begins_at_the_surname():
    assert matches_pinyin("w", "方伟") and not matches_pinyin("w", "方伟", from_start=True)
    assert matches_pinyin("w", "王芳", from_start=True)
    assert matches_pinyin("fw", "方伟", from_start=True)


def test_every_reading_counts_and_u_umlaut_is_typed_as_v():
    assert matches_pinyin("shanl", "单丽") and matches_pinyin("dl", "单丽")
    assert matches_pinyin("lvw", "吕文") and not matches_pinyin("luw", "吕文")
    # 鄧 (traditional) reads as 邓; Latin letters and digits spell themselves; the dot is skipped.
    assert matches_pinyin("dxp", "鄧小平")
    assert matches_pinyin("aymmt", "阿依·买买提")
    assert matches_pinyin("a1l", "A1林")


def test_the_readings_have_no_tone_marks():
    table = readings_table()
    assert table[ord("吕")] == ("lv",)
    assert set(table[ord("单")]) == {"dan", "chan", "shan"}
    assert all(r.isascii() and r.isalpha() and r.islower()
               for readings in table.values() for r in readings)


def test_readings_of_classical_dictionaries_only_are_left_out():
    # 立 was also wèi and 房 also páng in classical texts; the 现代汉语词典 has lì and fáng only.
    assert readings_table()[ord("立")] == ("li",)
    assert initials("房") == "f"
    assert not matches_pinyin("zhangw", "张立传")
    # Surname readings are modern readings: 仇 qiú, 曾 zēng, 解 xiè, 区 ōu, 朴 piáo.
    for query, name in [("qiu", "仇"), ("zeng", "曾"), ("xie", "解"), ("ou", "区"), ("piao", "朴")]:
        assert matches_pinyin(query, name), name
    # 万 is also mò, as in the compound surname 万俟 (Mòqí).
    assert matches_pinyin("moqi", "万俟")
    # A character the 现代汉语词典 does not have keeps pypinyin's readings: 琍 lí.
    assert matches_pinyin("lil", "琍丽")
