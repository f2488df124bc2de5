"""Golden cases of the redaction library: contact data goes, figures stay."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xieshang.publishing.redaction import MARK, find, redact

REMOVED = [
    ("联系电话：13912345678。", "联系电话：[已隐去]。"),
    ("手机139 1234 5678", "手机[已隐去]"),
    ("手机：139-1234-5678，谢谢", "手机：[已隐去]，谢谢"),
    ("请致电+86 13912345678或008613912345678", "请致电[已隐去]或[已隐去]"),
    ("联系人：王科长，电话：0558-1234567", "联系人：王科长，电话：[已隐去]"),
    ("办公室010-87654321，传真（0551）6543210转801", "办公室[已隐去]，传真[已隐去]"),
    ("座机 05581234567。", "座机 [已隐去]。"),
    ("电话：2345678（工作日）", "电话：[已隐去]（工作日）"),
    ("身份证号34012219900307123X，住址略", "身份证号[已隐去]，住址略"),
    ("身份证340122199003071234。", "身份证[已隐去]。"),
    ("邮箱wang.ke-zhang@hf.gov.cn；", "邮箱[已隐去]；"),
    ("来信请寄 someone+tag@163.com 。", "来信请寄 [已隐去] 。"),
    ("全角手机１３９１２３４５６７８号", "全角手机[已隐去]号"),
    ("QQ：123456789", "QQ：[已隐去]"),
    ("两个号码13912345678、13812345678", "两个号码[已隐去]、[已隐去]"),
]

KEPT = [
    "我市2000年以前建成的老旧小区有300余个。",
    "2020年共收到提案424件，立案326件，立案率76.9%。",
    "市财政安排3000万元，2021年再安排1.2亿元。",
    "增长13.5%，占比95.5％，较上年提高2.3个百分点。",
    "依据国办发〔2014〕46号和皖政办〔2015〕2号文件。",
    "群众可拨打12345政务服务热线或12315投诉。",
    "2023年12月26日召开第3次主席会议，电话会议2次。",
    "总投资15000000000元（150亿元）。",
    "2019-2020年度共办理13900件。",
    "第1390000000号档案。",
    "合同编号HT-2020-0558-001。",
]


@pytest.mark.parametrize("text,expected", REMOVED)
def test_contact_data_is_replaced(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize("text", KEPT)
def test_figures_amounts_years_and_hotlines_are_kept(text):
    result = redact(text)
    assert result.text == text, result.hits
    assert result.hits == ()


def test_known_values_are_removed_however_they_are_grouped():
    known = ["0558-7654321", "13700001111", "zhang@example.cn", "1"]
    text = ("联系人电话0558 765 4321，或(0558)7654321；手机137 0000 1111；"
            "ZHANG@example.cn；第1次会议，共1件。")
    result = redact(text, known=known)
    assert "7654321" not in result.text
    assert "1111" not in result.text
    assert "example" not in result.text
    assert result.text.endswith("第1次会议，共1件。")  # a one-digit "known" value is ignored
    assert len(result.hits) == 4


def test_counts_name_the_kinds_found():
    result = redact("电话0558-1234567，手机13912345678，邮箱a@b.cn")
    assert result.counts() == {"landline": 1, "mobile": 1, "email": 1}


def test_redaction_is_idempotent():
    once = redact("联系电话：0558-1234567，手机13912345678。").text
    assert redact(once).text == once
    assert find(once) == []


def test_empty_text():
    assert redact("").text == ""
    assert redact(None).text == ""


chinese = st.text(alphabet="我市政协提案办理答复已经安排资金年月日件万元，。、：", max_size=40)
# A number directly followed by 元/万/亿/% is read as an amount, so the text after avoids them.
not_amount = st.text(alphabet="我市政协提案办理答复已经安排资金年月日件，。、：", max_size=40)


@given(before=chinese, after=not_amount, second=st.integers(3, 9),
       rest=st.text(alphabet="0123456789", min_size=9, max_size=9),
       sep=st.sampled_from(["", " ", "-"]))
def test_any_mobile_number_in_chinese_text_is_removed(before, after, second, rest, sep):
    number = f"1{second}{rest[0]}{sep}{rest[1:5]}{sep}{rest[5:]}"
    result = redact(f"{before}{number}{after}")
    digits = f"1{second}{rest}"
    assert digits not in "".join(ch for ch in result.text if ch.isdigit())
    assert MARK in result.text
