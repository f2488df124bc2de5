"""Three starting points for a committee's rules, modelled on published local schemes.

The sources are summarised in shared docs/domain.md §3.2–3.3; where a source is silent or cut
off, the value chosen here is marked "示例" in the rule's notes and is for the committee to set.
A committee copies a preset into its own versioned rule set and edits it there.
"""

from copy import deepcopy

ALL_KINDS = ["plenary", "standing", "special_committee", "training", "other"]
ACTIVITY_KINDS = ["special_committee", "training", "other"]


def _item(key, label, source, points, *, type="item", group=None, match=None, unit="each",
          count=0, skip=0, cap=None, split="none", standing_only=False) -> dict:
    return {"key": key, "label": label, "type": type, "group": group, "source": source,
            "match": match or {}, "points": points, "unit": unit, "count": count, "skip": skip,
            "cap": cap, "split": split, "standing_only": standing_only}


def _absence(key, label, kinds, scope, count, action, standing_only=False) -> dict:
    return {"key": key, "label": label, "kinds": kinds, "scope": scope, "count": count,
            "standing_only": standing_only, "action": action}


GRADES_100 = [
    {"key": "excellent", "label": "优秀", "min": 90},
    {"key": "good", "label": "良好", "min": 80},
    {"key": "competent", "label": "称职", "min": 60},
    {"key": "incompetent", "label": "不称职", "min": None},
]

# The Shandong / Weihai consequences (domain.md §3.3): 3 plenaries in a term; for 常委
# 3 standing meetings in a year or 7 in a term.
SHANDONG_ABSENCE = [
    _absence("plenary_term", "本届缺席全体会议3次", ["plenary"], "term", 3, "persuade"),
    _absence("standing_year", "常委一年内缺席常委会议3次", ["standing"], "year", 3,
             "persuade", standing_only=True),
    _absence("standing_term", "常委本届缺席常委会议7次", ["standing"], "term", 7, "persuade",
             standing_only=True),
]

HUNDRED = {
    "name": "百分制考评办法（安庆、桐城式）",
    "source_note": "依据安庆市政协2018年、桐城市政协2019年委员履职考评办法：会议50分（无故缺席"
                   "每次扣5分、全体会议扣10分，扣完为止），提案30分（联名提案第一提案人得一半，"
                   "其余联名人平分另一半），活动与社情民意各10分，另设加分；90分以上优秀、"
                   "80–89良好、60–79称职、60分以下不称职。活动（含牵头组织、带队另加2分）、社情民意分值及"
                   "加分项为示例。"
                   "“全年累计无故缺席5次”一条为示例，由本会决定是否采用。",
    "base": 0, "total_max": 100, "total_min": 0,
    "groups": [
        {"key": "meetings", "label": "参加会议", "start": 50, "cap": 50, "floor": 0},
        {"key": "proposals", "label": "提交提案", "start": 0, "cap": 30, "floor": None},
        {"key": "activities", "label": "参加活动", "start": 0, "cap": 10, "floor": None},
        {"key": "opinions", "label": "社情民意", "start": 0, "cap": 10, "floor": None},
        {"key": "bonus", "label": "加分", "start": 0, "cap": 10, "floor": None},
    ],
    "items": [
        _item("plenary_absent", "无故缺席全体会议", "attendance", -10, type="deduction",
              group="meetings", match={"kind": ["plenary"], "state": ["absent"]}),
        _item("standing_absent", "无故缺席常委会议", "attendance", -5, type="deduction",
              group="meetings", match={"kind": ["standing"], "state": ["absent"]}),
        _item("standing_leave", "常委请假缺席常委会议", "attendance", -2, type="deduction",
              group="meetings", match={"kind": ["standing"], "state": ["on_leave"]},
              standing_only=True),
        _item("other_absent", "无故缺席专委会会议、培训和其他活动", "attendance", -5,
              type="deduction", group="meetings",
              match={"kind": ACTIVITY_KINDS, "state": ["absent"]}),
        _item("proposal_submitted", "提出提案", "proposal", 10, group="proposals",
              match={"role": ["first", "co"]}, split="first_half"),
        _item("proposal_accepted", "提案立案", "proposal", 15, group="proposals",
              match={"role": ["first", "co"], "outcome": ["accepted"]}, split="first_half"),
        _item("activity_attended", "参加调研、视察、培训等活动", "attendance", 2,
              group="activities", match={"kind": ACTIVITY_KINDS, "state": ["attended"]}),
        _item("activity_led", "牵头组织（带队）调研、视察等活动", "attendance", 2,
              group="activities",
              match={"kind": ACTIVITY_KINDS, "state": ["attended"], "role": ["leader"]}),
        _item("speech_used", "大会发言（口头或书面印发）", "speech", 5, group="activities",
              match={"status": ["oral", "printed"]}),
        _item("report_author", "执笔调研报告", "research_report", 2, group="activities",
              match={"role": ["author"]}),
        _item("opinion_submitted", "报送社情民意", "opinion", 5, group="opinions",
              split="equal"),
        _item("opinion_used", "社情民意被录用", "opinion", 5, group="opinions",
              match={"used": [True]}, split="equal"),
        _item("key_proposal", "提案列为重点提案", "key_proposal", 5, type="bonus",
              group="bonus", match={"role": ["first"]}),
        _item("excellent_proposal", "提案评为优秀提案", "excellent_proposal", 8, type="bonus",
              group="bonus", match={"role": ["first", "co"]}, split="first_half"),
        _item("opinion_adopted_high", "社情民意被省级以上采用", "opinion_adoption", 6,
              type="bonus", group="bonus", match={"level": ["province", "national"]},
              split="credit"),
        _item("opinion_instruction", "社情民意获市级以上领导批示", "opinion_instruction", 5,
              type="bonus", group="bonus", match={"level": ["city", "province", "national"]},
              split="credit"),
        _item("report_instruction", "调研报告获领导批示", "report_instruction", 5,
              type="bonus", group="bonus"),
    ],
    "grades": GRADES_100,
    "absence_thresholds": [
        *SHANDONG_ABSENCE,
        _absence("any_year", "全年累计无故缺席会议和活动5次", ALL_KINDS, "year", 5, "revoke"),
    ],
    "low_score": {"line": 60, "action": "talk"},
}

BASE85 = {
    "name": "基础分考评办法（合肥式）",
    "source_note": "依据合肥市政协2015年委员履职考评办法：基础分85分；从第2件立案提案起每件加5分"
                   "（上限20分）；无故缺席全体会议扣10分；常委无故缺席常委会议扣4分；请假不加分"
                   "也不扣分。全年参加活动不足2次扣5分、社情民意和其他加分为示例；低于70分谈话"
                   "提醒参照永春县做法。",
    "base": 85, "total_max": 100, "total_min": 0,
    "groups": [
        {"key": "proposals", "label": "提案加分", "start": 0, "cap": 20, "floor": None},
        {"key": "opinions", "label": "社情民意加分", "start": 0, "cap": 10, "floor": None},
        {"key": "others", "label": "其他加分", "start": 0, "cap": 10, "floor": None},
    ],
    "items": [
        _item("plenary_absent", "无故缺席全体会议", "attendance", -10, type="deduction",
              match={"kind": ["plenary"], "state": ["absent"]}),
        _item("standing_absent", "常委无故缺席常委会议", "attendance", -4, type="deduction",
              match={"kind": ["standing"], "state": ["absent"]}, standing_only=True),
        _item("few_activities", "全年参加活动不足2次", "attendance", -5, type="deduction",
              match={"kind": ACTIVITY_KINDS, "state": ["attended"]}, unit="below", count=2),
        _item("proposal_accepted_extra", "第2件起每件立案提案（只计第一提案人）", "proposal", 5,
              type="bonus", group="proposals",
              match={"role": ["first", "co"], "outcome": ["accepted"]}, skip=1,
              split="first_only"),
        _item("opinion_used", "社情民意被录用", "opinion", 3, type="bonus", group="opinions",
              match={"used": [True]}, split="equal"),
        _item("opinion_adopted_high", "社情民意被省级以上采用", "opinion_adoption", 5,
              type="bonus", group="opinions", match={"level": ["province", "national"]},
              split="credit"),
        _item("excellent_proposal", "提案评为优秀提案", "excellent_proposal", 8, type="bonus",
              group="others", match={"role": ["first"]}),
        _item("key_proposal", "提案列为重点提案", "key_proposal", 5, type="bonus",
              group="others", match={"role": ["first"]}),
        _item("speech_used", "大会发言被选用", "speech", 2, type="bonus", group="others",
              match={"status": ["oral", "printed"]}),
    ],
    "grades": GRADES_100,
    "absence_thresholds": SHANDONG_ABSENCE,
    "low_score": {"line": 70, "action": "talk"},
}

COUNT = {
    "name": "计次考评办法（宣威式）",
    "source_note": "依据宣威市政协委员履职考核办法：出席全体会议每次2分，其他会议每次1分，书面发言"
                   "2分，口头发言2分，培训1分，调研、视察2分。无故缺席全体会议1次书面通报批评（此处"
                   "记为谈话提醒），本届2次由常委会撤销委员资格。提案、社情民意分值和等次线为示例。",
    "base": 0, "total_max": None, "total_min": None,
    "groups": [],
    "items": [
        _item("plenary_attended", "出席全体会议", "attendance", 2,
              match={"kind": ["plenary"], "state": ["attended"]}),
        _item("meeting_attended", "出席常委会议、专委会会议", "attendance", 1,
              match={"kind": ["standing", "special_committee"], "state": ["attended"]}),
        _item("training_attended", "参加培训", "attendance", 1,
              match={"kind": ["training"], "state": ["attended"]}),
        _item("activity_attended", "参加调研、视察等活动", "attendance", 2,
              match={"kind": ["other"], "state": ["attended"]}),
        _item("speech_written", "书面发言", "speech", 2,
              match={"status": ["printed"]}),
        _item("speech_oral", "口头发言", "speech", 2, match={"status": ["oral"]}),
        _item("proposal_first", "第一提案人", "proposal", 2, match={"role": ["first"]}),
        _item("proposal_co", "联名提案人", "proposal", 1, match={"role": ["co"]}),
        _item("opinion_submitted", "报送社情民意", "opinion", 1),
        _item("opinion_used", "社情民意被录用", "opinion", 2, match={"used": [True]}),
        _item("report_author", "执笔调研报告", "research_report", 2, match={"role": ["author"]}),
    ],
    "grades": [
        {"key": "excellent", "label": "优秀", "min": 20},
        {"key": "good", "label": "良好", "min": 12},
        {"key": "competent", "label": "称职", "min": 6},
        {"key": "incompetent", "label": "不称职", "min": None},
    ],
    "absence_thresholds": [
        _absence("plenary_once", "无故缺席全体会议1次", ["plenary"], "term", 1, "talk"),
        _absence("plenary_twice", "本届无故缺席全体会议2次", ["plenary"], "term", 2, "revoke"),
        _absence("standing_year", "常委一年内缺席常委会议3次", ["standing"], "year", 3,
                 "persuade", standing_only=True),
    ],
    "low_score": None,
}

PRESETS = {"hundred": HUNDRED, "base85": BASE85, "count": COUNT}
PRESET_LABELS = {"hundred": "百分制（安庆、桐城式）", "base85": "基础分85分制（合肥式）",
                 "count": "计次制（宣威式）"}


def preset(key: str) -> dict:
    """Return a fresh copy of a preset's rules."""
    return deepcopy(PRESETS[key])
