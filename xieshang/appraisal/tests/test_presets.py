"""Each preset scores one constructed member exactly as the hand calculation below says.

The member is a 常委 with this year's record (entries as `record.member_entries` builds them):

- attendance: plenary absent ×1; standing meetings attended ×2, on leave ×1, absent ×1;
  special-committee meetings attended ×3, absent ×1; training attended ×1; other activities
  (调研, 视察) attended ×2;
- proposals: P1 first proposer of 3 members, accepted; P2 co-signer of 3, not accepted;
  P3, P4 sole proposer, accepted; P5 co-signer of 2, accepted; P6 sole, converted to 社情民意
  (listed, never scored: no double counting);
- 社情民意: O1 sole author, used; O2 one of 2 authors, used; O3 sole author, not used;
  one adoption at province level of a combined entry where the member's credit is 1/2,
  one city leader's instruction with full credit;
- a printed plenary speech, one research report written, P1 a key proposal, P3 excellent.
"""

from decimal import Decimal

import pytest

from xieshang.appraisal import scoring
from xieshang.appraisal.presets import PRESETS, preset
from xieshang.appraisal.rules import validate_rules
from xieshang.core.errors import ValidationError


def _att(n, kind, state, day):
    return {"ref": f"attendance:{n}", "source": "attendance", "date": f"2024-{day}",
            "title": f"活动{n}", "kind": kind, "state": state, "role": "participant"}


def _prop(n, role, members, outcome, day, **extra):
    return {"ref": f"proposal:{n}:{role}", "source": "proposal", "date": f"2024-{day}",
            "title": f"提案P{n}", "role": role, "members": members, "outcome": outcome,
            **extra}


ENTRIES = [
    _att(1, "plenary", "absent", "01-10"),
    _att(2, "standing", "attended", "02-10"),
    _att(3, "standing", "attended", "04-10"),
    _att(4, "standing", "on_leave", "06-10"),
    _att(5, "standing", "absent", "08-10"),
    _att(6, "special_committee", "attended", "03-01"),
    _att(7, "special_committee", "attended", "03-02"),
    _att(8, "special_committee", "attended", "03-03"),
    _att(9, "special_committee", "absent", "03-04"),
    _att(10, "training", "attended", "05-01"),
    _att(11, "other", "attended", "05-02"),
    _att(12, "other", "attended", "05-03"),
    _prop(1, "first", 3, "accepted", "01-05"),
    _prop(2, "co", 3, "not_accepted", "01-06"),
    _prop(3, "first", 1, "accepted", "01-07"),
    _prop(4, "first", 1, "accepted", "01-08"),
    _prop(5, "co", 2, "accepted", "01-04"),
    _prop(6, "first", 1, "not_accepted", "01-09", excluded="已转为社情民意"),
    {"ref": "opinion:1", "source": "opinion", "date": "2024-02-01", "title": "O1",
     "role": "first", "members": 1, "used": True},
    {"ref": "opinion:2", "source": "opinion", "date": "2024-02-02", "title": "O2",
     "role": "first", "members": 2, "used": True},
    {"ref": "opinion:3", "source": "opinion", "date": "2024-02-03", "title": "O3",
     "role": "first", "members": 1, "used": False},
    {"ref": "opinion_adoption:1", "source": "opinion_adoption", "date": "2024-03-01",
     "title": "A1", "level": "province", "role": "combined", "share": "1/2"},
    {"ref": "opinion_instruction:1", "source": "opinion_instruction", "date": "2024-03-02",
     "title": "I1", "level": "city", "role": "author", "share": "1"},
    {"ref": "speech:1", "source": "speech", "date": "2024-01-02", "title": "S1",
     "status": "printed", "mode": "written", "role": "speaker"},
    {"ref": "research_report:1", "source": "research_report", "date": "2024-06-01",
     "title": "R1", "role": "author"},
    {"ref": "key_proposal:1", "source": "key_proposal", "date": "2024-04-01", "title": "K1",
     "role": "first"},
    {"ref": "excellent_proposal:1", "source": "excellent_proposal", "date": "2024-12-01",
     "title": "E1", "role": "first"},
]


def _score(key, entries=ENTRIES, standing=True):
    return scoring.compute(validate_rules(preset(key)), entries, is_standing=standing)


def _line(result, key):
    return next(ln for ln in result["lines"] if ln["key"] == key)


def _group(result, key):
    return next(g for g in result["groups"] if g["key"] == key)


def test_hundred_point_preset_matches_the_hand_calculation():
    r = _score("hundred")
    # Meetings: 50 − 10 (plenary) − 5 (standing) − 2 (常委 leave) − 5 (committee) = 28.
    assert [_line(r, k)["points"] for k in ("plenary_absent", "standing_absent",
                                            "standing_leave", "other_absent")] == \
        ["-10.00", "-5.00", "-2.00", "-5.00"]
    assert _group(r, "meetings")["points"] == "28.00"
    # Proposals submitted, 10 each, first proposer half and co-signers share the other half:
    # P1 first of 3 → 5; P2 co of 3 → 10 × 1/4 = 2.50; P3, P4 → 10; P5 co of 2 → 5;
    # P6 converted → not scored. 32.50.
    submitted = _line(r, "proposal_submitted")
    assert submitted["raw"] == "32.50"
    assert [(x["ref"], x["points"], x["share"]) for x in submitted["records"]] == [
        ("proposal:5:co", "5.00", "1/2"), ("proposal:1:first", "5.00", "1/2"),
        ("proposal:2:co", "2.50", "1/4"), ("proposal:3:first", "10.00", "全额"),
        ("proposal:4:first", "10.00", "全额")]
    # Accepted, 15 each with the same split: P1 7.50 + P3 15 + P4 15 + P5 7.50 = 45.
    assert _line(r, "proposal_accepted")["raw"] == "45.00"
    # 77.50 in the group, capped at 30.
    assert _group(r, "proposals")["raw"] == "77.50"
    assert _group(r, "proposals")["points"] == "30.00"
    assert _group(r, "proposals")["adjustment"] == "-47.50"
    # Activities: 6 attended × 2 = 12, printed speech 5, report 2 = 19 → cap 10.
    assert _line(r, "activity_attended")["points"] == "12.00"
    assert _group(r, "activities")["raw"] == "19.00"
    assert _group(r, "activities")["points"] == "10.00"
    # 社情民意: submitted 5 + 2.50 + 5 = 12.50; used 5 + 2.50 = 7.50; 20 → cap 10.
    assert _line(r, "opinion_submitted")["points"] == "12.50"
    assert _line(r, "opinion_used")["points"] == "7.50"
    assert _group(r, "opinions")["points"] == "10.00"
    # Bonus: key 5 + excellent 8 + province adoption 6 × 1/2 = 3 + instruction 5 = 21 → 10.
    assert _line(r, "opinion_adopted_high")["points"] == "3.00"
    assert _group(r, "bonus")["raw"] == "21.00"
    assert _group(r, "bonus")["points"] == "10.00"
    # 28 + 30 + 10 + 10 + 10 = 88: 良好 (80–89). No threshold reached.
    assert r["score"] == "88.00"
    assert r["grade_label"] == "良好"
    assert r["flags"] == []


def test_base85_preset_matches_the_hand_calculation():
    r = _score("base85")
    # 85 − 10 (plenary absence) − 4 (常委 standing absence) = 71; activities 6 ≥ 2: no cut.
    assert _line(r, "plenary_absent")["points"] == "-10.00"
    assert _line(r, "standing_absent")["points"] == "-4.00"
    assert _line(r, "few_activities")["points"] == "0.00"
    # Accepted proposals from the 2nd on, first proposer only: P5 (co-signer) 0, P1 is the
    # first counted and not scored, P3 5, P4 5 → 10 (cap 20 not reached).
    extra = _line(r, "proposal_accepted_extra")
    assert [(x["ref"], x["points"]) for x in extra["records"]] == [
        ("proposal:5:co", "0.00"), ("proposal:1:first", "0.00"),
        ("proposal:3:first", "5.00"), ("proposal:4:first", "5.00")]
    assert _group(r, "proposals")["points"] == "10.00"
    # 社情民意: used 3 + 1.50 = 4.50; province adoption 5 × 1/2 = 2.50 → 7.
    assert _group(r, "opinions")["points"] == "7.00"
    # Others: excellent 8 + key 5 + speech 2 = 15 → cap 10.
    assert _group(r, "others")["raw"] == "15.00"
    assert _group(r, "others")["points"] == "10.00"
    # 71 + 10 + 7 + 10 = 98: 优秀.
    assert r["score"] == "98.00"
    assert r["grade_label"] == "优秀"


def test_base85_preset_cuts_few_activities_and_caps_the_total():
    few = [e for e in ENTRIES if not (e["source"] == "attendance"
                                      and e["kind"] in ("special_committee", "training",
                                                        "other") and e["state"] == "attended")]
    few.append(_att(99, "other", "attended", "09-09"))
    r = _score("base85", few)
    assert _line(r, "few_activities")["points"] == "-5.00"
    assert r["score"] == "93.00"
    clean = [e for e in ENTRIES if e.get("state") != "absent"]
    r = _score("base85", clean)
    # 85 + 10 + 7 + 10 = 112, limited to 100.
    assert r["raw_total"] == "112.00"
    assert r["score"] == "100.00"
    assert r["total_adjustment"] == "-12.00"


def test_count_preset_matches_the_hand_calculation():
    r = _score("count")
    # Meetings 2 standing + 3 committee = 5; training 1; other activities 2 × 2 = 4;
    # written speech 2; first proposer P1, P3, P4 × 2 = 6; co-signer P2, P5 × 1 = 2;
    # 社情民意 3 × 1 = 3, used 2 × 2 = 4; report 2. Total 29: 优秀 (≥ 20).
    expected = {"plenary_attended": "0.00", "meeting_attended": "5.00",
                "training_attended": "1.00", "activity_attended": "4.00",
                "speech_written": "2.00", "speech_oral": "0.00", "proposal_first": "6.00",
                "proposal_co": "2.00", "opinion_submitted": "3.00", "opinion_used": "4.00",
                "report_author": "2.00"}
    assert {ln["key"]: ln["points"] for ln in r["lines"]} == expected
    assert r["score"] == "29.00"
    assert r["grade_label"] == "优秀"
    # One unexcused plenary absence in the term: written criticism (谈话提醒).
    assert [(f["key"], f["action"], f["count"]) for f in r["flags"]] == [
        ("plenary_once", "talk", 1)]


def test_every_point_is_explained_by_lines_and_limits():
    for key in PRESETS:
        r = _score(key)
        lines = sum(Decimal(ln["points"]) for ln in r["lines"])
        starts = sum(Decimal(g["start"]) + Decimal(g["adjustment"]) for g in r["groups"])
        total = Decimal(r["base"]) + lines + starts + Decimal(r["total_adjustment"])
        assert total == Decimal(r["score"]), key
        for ln in r["lines"]:
            if ln["unit"] == "each" and not ln["cap_applied"]:
                assert sum(Decimal(x["points"]) for x in ln["records"]) == Decimal(ln["points"])


def test_standing_only_items_do_not_apply_to_ordinary_members():
    r = _score("hundred", standing=False)
    assert _line(r, "standing_leave")["points"] == "0.00"
    assert _line(r, "standing_leave")["note"] == "仅适用于常委"
    assert _group(r, "meetings")["points"] == "30.00"


def test_absence_thresholds_flag_the_member_with_the_absences_behind():
    entries = [_att(n, "standing", "absent", f"0{n}-01") for n in range(1, 4)]
    entries += [_att(n, "special_committee", "absent", f"0{n}-02") for n in range(4, 6)]
    r = _score("hundred", entries)
    flags = {f["key"]: f for f in r["flags"]}
    assert flags["standing_year"]["action"] == "persuade"
    assert [x["ref"] for x in flags["standing_year"]["records"]] == [
        "attendance:1", "attendance:2", "attendance:3"]
    assert flags["any_year"]["action"] == "revoke" and flags["any_year"]["count"] == 5
    # 50 − 3×5 − 2×5 = 25 points: below the 60-point line as well.
    assert r["score"] == "25.00"
    assert "low_score" in flags


def test_invalid_rules_are_refused_in_chinese():
    rules = preset("hundred")
    rules["items"][0]["match"] = {"colour": ["red"]}
    with pytest.raises(ValidationError) as e:
        validate_rules(rules)
    assert "没有属性" in e.value.message
    rules = preset("hundred")
    rules["grades"] = [{"key": "a", "label": "甲", "min": 60}, {"key": "b", "label": "乙",
                                                                "min": 90},
                       {"key": "c", "label": "丙", "min": None}]
    with pytest.raises(ValidationError) as e:
        validate_rules(rules)
    assert "从高到低" in e.value.message
    with pytest.raises(ValidationError):
        validate_rules({"name": "x", "items": [{"key": "a", "label": "b", "source": "nope",
                                                "points": 1}]})
