"""A breakdown reads the same way everywhere: figures without trailing zeros, a sum line that
adds up on its face, each rule in a member's words, the records that scored marked."""

from copy import deepcopy
from decimal import Decimal

import pytest

from xieshang.appraisal import explain, scoring
from xieshang.appraisal.presets import PRESETS, preset
from xieshang.appraisal.rules import validate_rules

from .test_presets import ENTRIES


def _opinion(n, used=True):
    return {"ref": f"opinion:{n}", "source": "opinion", "date": f"2020-0{n}-01",
            "title": f"关于第{n}件事的建议", "role": "first", "members": 1, "used": used,
            "url": f"/opinions/{n}/"}


def _proposal(n):
    return {"ref": f"proposal:{n}:first", "source": "proposal", "date": f"2020-0{n}-02",
            "title": f"提案{n}", "role": "first", "members": 1, "outcome": "accepted"}


# The QA case: 3 accepted proposals (from the 2nd: +5 each), one 社情民意 used (+3), one
# activity only (fewer than 2: −5), under the base-85 preset.
QA_ENTRIES = [_proposal(1), _proposal(2), _proposal(3), _opinion(4),
              {"ref": "attendance:9", "source": "attendance", "date": "2020-05-05",
               "title": "调研", "kind": "other", "state": "attended", "role": "participant"}]


def _base85(entries=QA_ENTRIES, standing=False):
    return scoring.compute(validate_rules(preset("base85")), entries, is_standing=standing)


@pytest.mark.parametrize("value, text", [
    ("80.00", "80"), ("83.75", "83.75"), ("86.50", "86.5"), (Decimal("-5.00"), "-5"),
    (0, "0"), ("-0.00", "0"), (2.5, "2.5"), (None, ""),
])
def test_figures_print_without_trailing_zeros(value, text):
    assert explain.num(value) == text


def test_stored_texts_are_reprinted_the_same_way():
    assert explain.tidy("得分低于70.00分；按本项上限20.00分计；2020-12-30") == \
        "得分低于70分；按本项上限20分计；2020-12-30"
    assert explain.signed("3.00") == "+3" and explain.signed("-5.00") == "-5"


def test_the_sum_line_includes_the_deductions_and_adds_up():
    b = _base85()
    assert b["score"] == "93.00"
    assert explain.sum_text(b) == \
        "基础分 85 + 提案加分 10 + 社情民意加分 3 + 其他加分 0 − 扣分 5 = 93分"


@pytest.mark.parametrize("key", sorted(PRESETS))
@pytest.mark.parametrize("standing", [True, False])
def test_the_sum_line_adds_up_for_every_preset(key, standing):
    b = scoring.compute(validate_rules(preset(key)), ENTRIES, is_standing=standing)
    assert sum(value for _, value in explain.parts(b)) == Decimal(b["score"])
    assert explain.sum_text(b).endswith(f"= {explain.num(b['score'])}分")


def test_a_total_cap_is_a_term_of_the_sum():
    rules = validate_rules(preset("base85"))
    rules["total_max"] = 90
    b = scoring.compute(rules, QA_ENTRIES, is_standing=False)
    assert explain.sum_text(b).endswith("− 扣分 5 − 超出总分上限部分 3 = 90分")


def test_rules_read_in_a_members_words():
    view = explain.view(_base85())
    lines = {ln["key"]: ln for ln in view["lines"]}
    assert lines["few_activities"]["rule"] == "少于2次时扣5分，只计一次"
    assert lines["opinion_used"]["rule"] == "每篇加3分；联名的按人数平分；计入「社情民意加分」"
    assert lines["proposal_accepted_extra"]["rule"] == \
        "第2件起每件加5分；联名的只计第一提案人（第一作者）；计入「提案加分」"
    for ln in view["lines"]:
        assert "计入分组" not in ln["rule"] and "规定数时计分" not in ln["rule"]
    groups = {g["key"]: g for g in view["groups"]}
    assert groups["proposals"]["points"] == "10" and groups["proposals"]["detail"] == "最多20分"
    hundred = explain.view(scoring.compute(validate_rules(preset("hundred")), ENTRIES,
                                           is_standing=True))
    meetings = next(g for g in hundred["groups"] if g["key"] == "meetings")
    assert meetings["detail"] == "起评50分，各项合计-22，最多50分，最低0分"


def test_the_records_that_scored_are_marked():
    lines = {ln["key"]: ln for ln in explain.view(_base85())["lines"]}
    used = lines["opinion_used"]
    assert used["counted"] == "1项计分" and used["points"] == "+3"
    (record,) = used["records"]
    assert record["scored"] and record["points_text"] == "+3"
    assert record["title"] == "关于第4件事的建议" and record["url"] == "/opinions/4/"
    extra = lines["proposal_accepted_extra"]
    assert [r["scored"] for r in extra["records"]] == [False, True, True]
    assert extra["records"][0]["reason"] == "前1项不计分"
    assert extra["counted"] == "2项计分"


def test_a_breakdown_stored_before_the_new_keys_still_reads_well():
    b = _base85(entries=QA_ENTRIES[:1])  # one proposal, no activity: 85 − 5 = 80
    old = deepcopy(b)
    for ln in old["lines"]:
        for key in ("source", "split", "count", "skip"):
            ln.pop(key)
    old["flags"] = [{"key": "low_score", "label": "得分低于90.00分", "action": "talk",
                     "action_label": "谈话提醒", "count": None, "threshold": "90.00",
                     "scope": "year", "scope_label": "本年度", "records": []}]
    view = explain.view(old)
    lines = {ln["key"]: ln for ln in view["lines"]}
    assert lines["few_activities"]["rule"] == "少于规定数量时扣5分，只计一次"
    assert lines["few_activities"]["note"] == "仅0项，少于2项"
    assert view["flags"][0]["label"] == "得分低于90分"
    assert view["score"] == "80"
    # With the rule version that computed it, the full wording comes back.
    completed = explain.complete(old, validate_rules(preset("base85")))
    assert explain.view(completed)["lines"] == explain.view({**b, "flags": old["flags"]})[
        "lines"]
    assert old["lines"][0].get("source") is None  # the stored breakdown is left as it was


def test_a_trial_equal_to_the_published_result_is_recognised():
    b = _base85()
    assert explain.same_result(b, deepcopy(b))
    changed = _base85(entries=QA_ENTRIES[1:])
    assert not explain.same_result(b, changed)
