"""Units named in a 批示 or a 转办 note: full names, short names and the usual abbreviations."""

import pytest

from xieshang.textintel.org_names import named

UNITS = {
    "dev": ["市发展改革委"],
    "housing": ["市住房城乡建设局"],
    "env": ["市生态环境局", "生态环境局"],
    "health": ["市卫生健康委"],
    "hr": ["市人力资源社会保障局"],
    "edu": ["市教育局"],
    "urban": ["市城市管理局", "市城管局"],
    "planning": ["市自然资源和规划局"],
    "traffic": ["市交通运输局"],
    "office": ["市委办公室", "委办公室"],
    "gov_office": ["市政府办公室", "政府办公室"],
    "police": ["市公安局"],
}


@pytest.mark.parametrize(("text", "expected"), [
    ("请市教育局牵头研究解决，结果报市政府办公室。", ["edu", "gov_office"]),
    ("市住建局", ["housing"]),
    ("请住建局研究办理。", ["housing"]),
    ("请市发改委会同市卫健委、市人社局研究。", ["dev", "health", "hr"]),
    ("转市资规局办理", ["planning"]),
    ("请市城管局认真研究，提出具体措施。", ["urban"]),
    ("市交通局", ["traffic"]),
    ("请市生态环境局阅研", ["env"]),
    # 委办公室 is the short name of 市委办公室, not a unit of its own inside it.
    ("市委办公室", ["office"]),
    ("请有关部门认真研究，提出具体措施，抓好落实。", []),
    ("市局", []),
    ("", []),
])
def test_units_named_in_a_note(text, expected):
    assert named(text, UNITS) == expected


def test_words_that_could_mean_two_units_name_neither():
    units = {"a": ["市城市管理局"], "b": ["市城乡建设管理局"]}
    assert named("请市城管局办理", units) == []
    assert named("请市城市管理局办理", units) == ["a"]


def test_a_unit_named_twice_is_listed_once_in_the_order_of_first_mention():
    assert named("市公安局、市教育局，并抄送市公安局", UNITS) == ["police", "edu"]
