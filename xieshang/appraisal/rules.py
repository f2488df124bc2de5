"""The schema of a rule set (《委员履职考评办法》 as data) and its validation.

A rule set is a JSON object; `validate_rules` returns a normalised copy or raises a
ValidationError naming the faulty place in Chinese. The schema is documented in
docs/workflows/appraisal.md.
"""

from decimal import Decimal, InvalidOperation

from xieshang.core.errors import ValidationError

# Record sources and the attributes an item may match on, with the allowed values.
SOURCES: dict[str, dict[str, tuple]] = {
    "attendance": {"kind": ("plenary", "standing", "special_committee", "training", "other"),
                   "state": ("attended", "on_leave", "absent"),
                   "role": ("participant", "leader")},
    "proposal": {"role": ("first", "co", "merged"),
                 "outcome": ("accepted", "not_accepted", "pending")},
    "opinion": {"used": (True, False)},
    "opinion_adoption": {"level": ("county", "city", "province", "national", "party_system",
                                   "media")},
    "opinion_instruction": {"level": ("county", "city", "province", "national",
                                      "party_system", "media")},
    "speech": {"status": ("oral", "printed", "not_selected", "to_opinion", "submitted"),
               "mode": ("written", "oral")},
    "research_report": {"role": ("author", "group")},
    "report_instruction": {"level": ("national", "province", "city", "county")},
    "key_proposal": {"role": ("first", "co", "merged")},
    "excellent_proposal": {"role": ("first", "co", "merged")},
    "annual_report": {},
}

SOURCE_LABELS = {
    "attendance": "会议和活动出勤", "proposal": "提案", "opinion": "社情民意信息",
    "opinion_adoption": "社情民意采用", "opinion_instruction": "社情民意获领导批示",
    "speech": "大会发言", "research_report": "调研报告", "report_instruction": "调研报告获批示",
    "key_proposal": "重点提案", "excellent_proposal": "优秀提案",
    "annual_report": "常委年度履职报告",
}

ITEM_TYPES = {"item": "计分项", "bonus": "加分项", "deduction": "扣分项"}
UNITS = {"each": "每项计分", "once": "有即计分（一次）", "below": "少于规定数时计分（一次）"}
SPLITS = {
    "none": "每人全额计分",
    "equal": "联名者等分",
    "first_half": "第一提案人得一半，其余联名者平分另一半",
    "first_only": "只计第一提案人（作者）",
    "credit": "按综合稿署名份额（社情民意计分方式）",
}
ACTIONS = {"talk": "谈话提醒", "persuade": "劝辞", "revoke": "撤销委员资格"}
ABSENCE_SCOPES = {"year": "本年度", "term": "本届"}

DEFAULT_GRADES = [
    {"key": "excellent", "label": "优秀", "min": 90},
    {"key": "good", "label": "良好", "min": 80},
    {"key": "competent", "label": "称职", "min": 60},
    {"key": "incompetent", "label": "不称职", "min": None},
]


def _fail(where: str, message: str):
    raise ValidationError(f"考评规则有误（{where}）：{message}", field="rules")


def _num(value, where: str, *, allow_none: bool = False):
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        _fail(where, "应为数值。")
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        _fail(where, "应为数值。")
    if not d.is_finite() or abs(d) > 100000:
        _fail(where, "数值超出范围。")
    return float(d) if d != d.to_integral_value() else int(d)


def _text(value, where: str, max_len: int = 100, *, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        _fail(where, "应为非空文字。")
    if len(value) > max_len:
        _fail(where, f"不能超过{max_len}字。")
    return value.strip()


def _key(value, where: str) -> str:
    key = _text(value, where, 40)
    if not all(c.isascii() and (c.isalnum() or c == "_") for c in key):
        _fail(where, "标识只能由英文字母、数字和下划线组成。")
    return key


def _int(value, where: str, lo: int = 0, hi: int = 1000) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        _fail(where, f"应为{lo}到{hi}之间的整数。")
    return value


def _choice(value, allowed, where: str):
    if value not in allowed:
        _fail(where, "取值不在允许范围内：" + "、".join(str(a) for a in allowed) + "。")
    return value


def _group(g, n: int) -> dict:
    where = f"分组第{n}项"
    if not isinstance(g, dict):
        _fail(where, "应为对象。")
    return {"key": _key(g.get("key"), where + "标识"),
            "label": _text(g.get("label"), where + "名称", 30),
            "start": _num(g.get("start", 0), where + "起始分"),
            "cap": _num(g.get("cap"), where + "上限", allow_none=True),
            "floor": _num(g.get("floor"), where + "下限", allow_none=True)}


def _match(source: str, match, where: str) -> dict:
    if match is None:
        return {}
    if not isinstance(match, dict):
        _fail(where, "匹配条件应为对象。")
    allowed = SOURCES[source]
    out = {}
    for field, values in match.items():
        if field not in allowed:
            _fail(where, f"来源「{SOURCE_LABELS[source]}」没有属性「{field}」。")
        if not isinstance(values, list) or not values or len(values) > 10:
            _fail(where, f"属性「{field}」的取值应为非空列表。")
        out[field] = [_choice(v, allowed[field], f"{where}·{field}") for v in values]
    return out


def _item(it, n: int, groups: set[str]) -> dict:
    where = f"计分项第{n}项"
    if not isinstance(it, dict):
        _fail(where, "应为对象。")
    source = _choice(it.get("source"), list(SOURCES), where + "来源")
    group = it.get("group")
    if group is not None and group not in groups:
        _fail(where, f"分组「{group}」未定义。")
    unit = _choice(it.get("unit", "each"), list(UNITS), where + "计分方式")
    return {
        "key": _key(it.get("key"), where + "标识"),
        "label": _text(it.get("label"), where + "名称", 60),
        "type": _choice(it.get("type", "item"), list(ITEM_TYPES), where + "类型"),
        "group": group,
        "source": source,
        "match": _match(source, it.get("match"), where),
        "points": _num(it.get("points"), where + "分值"),
        "unit": unit,
        "count": _int(it.get("count", 0), where + "规定数") if unit == "below" else 0,
        "skip": _int(it.get("skip", 0), where + "起算（前几项不计）"),
        "cap": _num(it.get("cap"), where + "上限", allow_none=True),
        "split": _choice(it.get("split", "none"), list(SPLITS), where + "联名计分方式"),
        "standing_only": bool(it.get("standing_only", False)),
    }


def _grade(g, n: int) -> dict:
    where = f"等次第{n}项"
    if not isinstance(g, dict):
        _fail(where, "应为对象。")
    return {"key": _key(g.get("key"), where + "标识"),
            "label": _text(g.get("label"), where + "名称", 20),
            "min": _num(g.get("min"), where + "最低分", allow_none=True)}


def _threshold(t, n: int) -> dict:
    where = f"缺勤处理第{n}项"
    if not isinstance(t, dict):
        _fail(where, "应为对象。")
    kinds = t.get("kinds")
    if not isinstance(kinds, list) or not kinds:
        _fail(where, "会议类别应为非空列表。")
    return {"key": _key(t.get("key"), where + "标识"),
            "label": _text(t.get("label"), where + "名称", 60),
            "kinds": [_choice(k, SOURCES["attendance"]["kind"], where + "会议类别")
                      for k in kinds],
            "scope": _choice(t.get("scope"), list(ABSENCE_SCOPES), where + "范围"),
            "count": _int(t.get("count"), where + "次数", 1, 100),
            "standing_only": bool(t.get("standing_only", False)),
            "action": _choice(t.get("action"), list(ACTIONS), where + "处理")}


def _list(data: dict, key: str, label: str, limit: int) -> list:
    value = data.get(key, [])
    if not isinstance(value, list) or len(value) > limit:
        _fail(label, f"应为不超过{limit}项的列表。")
    return value


def validate_rules(data) -> dict:
    """Return the rule set normalised (defaults filled in), or raise a ValidationError."""
    if not isinstance(data, dict):
        _fail("整体", "规则应为 JSON 对象。")
    groups = [_group(g, n) for n, g in enumerate(_list(data, "groups", "分组", 30), 1)]
    group_keys = {g["key"] for g in groups}
    if len(group_keys) != len(groups):
        _fail("分组", "分组标识不能重复。")
    items = [_item(it, n, group_keys)
             for n, it in enumerate(_list(data, "items", "计分项", 100), 1)]
    if len({i["key"] for i in items}) != len(items):
        _fail("计分项", "计分项标识不能重复。")
    grades = [_grade(g, n) for n, g in enumerate(
        _list(data, "grades", "等次", 10) or DEFAULT_GRADES, 1)]
    mins = [g["min"] for g in grades]
    if mins[-1] is not None or any(m is None for m in mins[:-1]):
        _fail("等次", "除最低一档外，每个等次都应有最低分；最低一档不设最低分。")
    if mins[:-1] != sorted(mins[:-1], reverse=True) or len(set(mins[:-1])) != len(mins) - 1:
        _fail("等次", "等次应按最低分从高到低排列，且不能重复。")
    thresholds = [_threshold(t, n) for n, t in enumerate(
        _list(data, "absence_thresholds", "缺勤处理", 20), 1)]
    low = data.get("low_score")
    if low is not None:
        if not isinstance(low, dict):
            _fail("低分处理", "应为对象或 null。")
        low = {"line": _num(low.get("line"), "低分处理·分数线"),
               "action": _choice(low.get("action", "talk"), list(ACTIONS), "低分处理·处理")}
    return {
        "name": _text(data.get("name"), "名称", 100),
        "source_note": _text(data.get("source_note", ""), "依据说明", 1000, required=False),
        "base": _num(data.get("base", 0), "基础分"),
        "total_max": _num(data.get("total_max"), "总分上限", allow_none=True),
        "total_min": _num(data.get("total_min"), "总分下限", allow_none=True),
        "groups": groups,
        "items": items,
        "grades": grades,
        "absence_thresholds": thresholds,
        "low_score": low,
    }
