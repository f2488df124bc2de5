import pytest

from xieshang.textintel.replycheck import check_reply, find_phone, result_class, split_points

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
        ("答复类别：A", "A"),
        ("（C）", "C"),
        ("感谢关心。", None),
    ],
)
def test_result_class(text, label):
    assert result_class(text)[0] == label


def test_phone_prefers_labelled_number():
    assert find_phone("文号2024123456，联系电话：13812345678") == "13812345678"
