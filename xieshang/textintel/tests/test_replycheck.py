import pytest

from xieshang.textintel.replycheck import (
    check_reply,
    find_phone,
    implied_classes,
    letter_date,
    result_class,
    split_points,
)

PROPOSAL = """关于加强城市垃圾分类工作的提案
当前我市垃圾分类推进缓慢。为此建议：一是加快建设垃圾分类处理设施，扩大厨余垃圾处理能力；
二是完善垃圾分类收运体系，杜绝混装混运；三是加强宣传教育，提高市民参与率。"""

REPLY = """市政协：
你们提出的《关于加强城市垃圾分类工作的提案》收悉。现答复如下：
一、关于垃圾分类处理设施建设。我局已将厨余垃圾处理厂扩建项目列入2024年计划，建成后处理能力将提高一倍。
二、关于收运体系。目前正在推进分类收运车辆更新，对混装混运行为开展专项整治。
办理结果：B类
签发人：张明
联系人：李华  联系电话：0731-88886666
2024年6月10日"""


@pytest.mark.parametrize(
    "text,markers",
    [
        ("建议：一是加快建设；二是完善制度；三是加强宣传。", ["一是", "二是", "三是"]),
        ("建议如下：\n（一）加快建设设施。\n（二）完善收运体系。", ["（一）", "（二）"]),
        ("建议如下：\n1. 加快建设设施。\n2. 完善收运体系。\n3. 加强宣传。", ["1.", "2.", "3."]),
        ("建议：①加快建设；②完善体系。", ["①", "②"]),
        ("一、现状\n问题很多。\n二、建议\n加快建设。", ["一、", "二、"]),
    ],
)
def test_numbered_suggestions_are_split(text, markers):
    assert [p.marker for p in split_points(text)] == markers


def test_unnumbered_proposal_falls_back_to_suggestion_sentences():
    points = split_points("我市停车难。建议增加公共停车位。希望规范路边停车收费。")
    assert [p.text for p in points] == ["建议增加公共停车位。", "希望规范路边停车收费。"]


def test_reply_addresses_two_of_three_points():
    verdict = check_reply(PROPOSAL, REPLY)
    assert [c.addressed for c in verdict.points] == [True, True, False]
    assert verdict.points[2].score < verdict.points[0].score
    assert verdict.problems == ["未回应第3点建议"] and not verdict.complete


def test_formal_elements_are_found():
    v = check_reply(PROPOSAL, REPLY)
    assert (v.result_class, v.signer, v.contact_person, v.phone, v.date) == (
        "B",
        "张明",
        "李华",
        "0731-88886666",
        "2024年6月10日",
    )


def test_the_reply_date_is_the_sign_off_not_a_date_in_the_body():
    reply = (
        "经查，该路段于2023年3月1日开工，2024年5月完成验收。关于加快建设的建议，我局已列入计划。"
        "签发人：张明 联系人：李华 电话：0731-88886666\n2024年6月10日"
    )
    assert check_reply(PROPOSAL, reply).date == "2024年6月10日"


def test_missing_formal_elements_are_reported():
    v = check_reply("建议加快建设垃圾处理设施。", "关于加快建设垃圾处理设施，我们将认真研究。")
    assert set(v.problems) == {
        "缺少办理结果类别",
        "缺少签发人",
        "缺少联系人",
        "缺少联系电话",
        "缺少答复日期",
    }
    assert v.as_dict()["addressed"] == 1


@pytest.mark.parametrize(
    "text,label",
    [
        ("该问题已经解决。", "A"),
        ("此事已列入明年工作计划。", "B"),
        ("受财力条件限制，暂时无法实施。", "C"),
        ("您的建议我们留作参考。", "D"),
        ("已将其纳入“十四五”相关专项规划统筹考虑，分年度组织实施。", "B"),
        ("这项工作已列入我局2021年工作要点，将先行试点。", "B"),
        ("目前尚不具备全面推行的条件。", "C"),
        ("我们将把提案意见作为今后工作的重要参考。", "D"),
        ("答复类别：A", "A"),
        ("（C）", "C"),
        ("感谢关心。", None),
    ],
)
def test_result_class(text, label):
    assert result_class(text)[0] == label


def test_phone_prefers_labelled_number():
    assert find_phone("文号2024123456，联系电话：13812345678") == "13812345678"


def test_a_reply_whose_points_fare_differently_takes_the_class_most_of_it_implies():
    reply = ("一、关于排查管网。已纳入专项规划，分步骤实施。\n二、关于三年计划。已列入我局工作要点。\n"
             "三、关于压实责任。我局已采纳这一建议。\n办理结果类别见附表。")
    v = check_reply("一是排查管网；二是制定三年计划；三是压实责任。", reply)
    assert (v.result_class, v.result_stated) == ("B", False)
    assert set(v.implied) == {"A", "B"} and v.implied["A"] == "已采纳"
    assert v.as_dict()["formal"]["implied_classes"] == v.implied
    # Equal wording: the earlier class; a stated class outranks all wording.
    assert result_class("已采纳。已列入计划。")[0] == "A"
    stated = check_reply("建议加快建设。", "已采纳。已列入计划。答复类别：B")
    assert (stated.result_class, stated.result_stated) == ("B", True)


def test_each_numbered_answer_votes_once_under_its_heading():
    reply = ("现答复如下：\n一、关于排查管网\n我局已采纳这一建议，已出台排查办法。\n"
             "二、关于三年计划\n已列入明年计划。\n三、关于压实责任\n力争年底前完成考核办法。\n"
             "感谢关心。")
    # Two A phrases in one answer against two answers in B: the answers decide, the last one
    # with the paragraph under its heading.
    assert result_class(reply) == ("B", "列入明年计划")
    assert set(implied_classes(reply)) == {"A", "B"}


def test_the_last_suggestion_on_a_line_of_its_own_keeps_its_text():
    points = split_points("为此建议：\n1.加快管网排查。\n2.制定三年计划。\n3.压实河长责任。\n以上建议供参考。")
    assert [p.text for p in points] == ["1.加快管网排查。", "2.制定三年计划。", "3.压实河长责任。"]
    reply = "关于管网排查，已完成。关于三年计划，已制定。关于河长责任，已压实。"
    assert check_reply("建议：\n一、加快管网排查。\n二、制定三年计划。\n三、压实河长责任。",
                       reply).as_dict()["addressed"] == 3


DIGGING = """近年来我市道路反复开挖问题突出，群众意见较大。
建议：一、建立道路挖掘计划统筹制度，每年年初由住建部门汇总各管线单位的年度计划，统一安排施工时序。
二、推行管线同步施工，新建改建道路时供水、燃气、电力、通信等管线同步设计、同步施工。
三、加强道路挖掘修复质量监管，对修复不达标的单位依法处罚。"""


def test_an_answer_headed_by_the_suggestions_matter_answers_it():
    reply = """刘委员：
您提出的《关于治理道路反复开挖问题的建议》收悉。现答复如下：
一、关于统筹挖掘计划，我局已于2021年起每年初汇总各管线单位计划，统一安排。
二、关于管线同步施工，已建立联席机制。
三、关于修复质量，我局将加大监管力度，对不达标的依法处罚。"""
    checks = check_reply(DIGGING, reply).points
    assert [c.addressed for c in checks] == [True, True, True]
    assert checks[1].evidence == "二、关于管线同步施工，已建立联席机制。"


def test_a_heading_on_another_matter_does_not_answer():
    reply = "一、关于老旧小区加装电梯，我局已出台补助办法。"
    assert not any(c.addressed for c in check_reply(DIGGING, reply).points)


def test_an_acknowledgement_that_repeats_the_title_answers_nothing():
    reply = """刘委员：
您提出的《关于建立道路挖掘计划统筹制度推行管线同步施工加强修复质量监管的建议》收悉。
现答复如下：我局高度重视，将认真研究。感谢您对住房城乡建设工作的关心和支持。"""
    checks = check_reply(DIGGING, reply).points
    assert [c.addressed for c in checks] == [False, False, False]
    assert all(c.evidence == "" or "收悉" not in c.evidence for c in checks)


def test_an_answer_in_the_sentence_that_opens_the_reply_is_kept():
    reply = "关于您提出的建议，现答复如下：一、关于道路挖掘计划统筹制度，已由住建部门每年初汇总各管线单位计划。"
    first = check_reply(DIGGING, reply).points[0]
    assert first.addressed and "答复如下" not in first.evidence


@pytest.mark.parametrize("foot, day", [
    ("市住房城乡建设局\n2021年3月8日\n（联系人：王科长；联系电话：0558-1234567）", (2021, 3, 8)),
    ("市住房城乡建设局\n二〇二一年十二月三十一日", (2021, 12, 31)),
    ("２０２１年３月８日", (2021, 3, 8)),
    ("2021-03-08", (2021, 3, 8)),
    ("2021年2月30日", None),  # no such day: not a date to show
    ("市住房城乡建设局", None),
])
def test_a_letter_is_dated_by_its_closing_lines(foot, day):
    from datetime import date

    body = "一、计划于2022年1月1日前完成改造。\n二、已安排资金。\n三、已出台政策。\n\n"
    assert letter_date(body + foot) == (date(*day) if day else None)
    # The date of the matter earlier in the letter is never taken for the letter's.
    assert letter_date(REPLY) == date(2024, 6, 10)
