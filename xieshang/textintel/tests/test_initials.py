"""拼音首字母 of names, for the pickers' filter boxes."""

from xieshang.textintel.initials import initials, initials_table


def test_each_character_gives_the_first_letters_of_its_readings():
    assert initials("市住房城乡建设局").split()[1:] == ["z", "fp", "c", "x", "j", "s", "j"]
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
