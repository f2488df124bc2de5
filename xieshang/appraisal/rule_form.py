"""The rule editor's table form: a rule set's figures as form fields, and back.

Office staff change points, caps, thresholds and grade lines in a table instead of the JSON
text; items can be switched off. The structure (which records an item counts) is edited in the
JSON text. `rules_from_form` returns edited rules for `validate_rules`; bad numbers are refused
in Chinese naming the row.
"""

from copy import deepcopy
from decimal import Decimal, InvalidOperation

from xieshang.core.errors import ValidationError

from .rules import ABSENCE_SCOPES, ACTIONS, ITEM_TYPES, SOURCE_LABELS, SPLITS, UNITS

MATCH_LABELS = {
    "plenary": "全体会议", "standing": "常委会议", "special_committee": "专委会活动",
    "training": "培训", "other": "其他活动", "attended": "出席", "on_leave": "请假",
    "absent": "无故缺席", "first": "第一提案人", "co": "联名", "merged": "并案",
    "accepted": "立案", "not_accepted": "不立案", "pending": "未定", "county": "县级",
    "city": "市级", "province": "省级", "national": "全国", "party_system": "党派系统",
    "media": "媒体", "oral": "口头发言", "printed": "书面印发", "not_selected": "未选用",
    "to_opinion": "转社情民意", "submitted": "已提交", "written": "书面", "author": "执笔人",
    "group": "课题组", "leader": "牵头组织", "participant": "参加",
}


def _describe(item: dict) -> str:
    parts = [SOURCE_LABELS.get(item["source"], item["source"])]
    for field, values in item["match"].items():
        if field == "used":
            names = ["已录用" if v else "未录用" for v in values]
        else:
            names = [MATCH_LABELS.get(v, str(v)) for v in values]
        parts.append("/".join(names))
    return "，".join(parts)


def form_rows(rules: dict) -> dict:
    """Return what the table shows: every figure of the rules with its context."""
    groups = {g["key"]: g["label"] for g in rules.get("groups", [])}
    return {
        "items": [{"i": i, **item, "type_label": ITEM_TYPES.get(item["type"], item["type"]),
                   "what": _describe(item), "unit_label": UNITS.get(item["unit"], ""),
                   "split_label": SPLITS.get(item["split"], ""),
                   "group_label": groups.get(item["group"], "—")}
                  for i, item in enumerate(rules.get("items", []))],
        "groups": list(enumerate(rules.get("groups", []))),
        "grades": list(enumerate(rules.get("grades", []))),
        "absences": [{"i": i, **t, "scope_label": ABSENCE_SCOPES.get(t["scope"], "")}
                     for i, t in enumerate(rules.get("absence_thresholds", []))],
        "actions": ACTIONS.items(),
        "low": rules.get("low_score") or {},
        "base": rules.get("base"), "total_max": rules.get("total_max"),
    }


def _number(data, name: str, where: str, *, optional: bool = False):
    raw = (data.get(name) or "").strip()
    if raw == "":
        if optional:
            return None
        raise ValidationError(f"{where}：请填写数值。", field=name)
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(f"{where}：「{raw[:20]}」不是数字。", field=name) from None
    if not value.is_finite() or abs(value) > 10000:
        raise ValidationError(f"{where}：数值超出范围。", field=name)
    return int(value) if value == value.to_integral_value() else float(value)


def rules_from_form(rules: dict, data) -> dict:
    """Return a copy of `rules` with the figures of the submitted table form."""
    new = deepcopy(rules)
    label = (data.get("name") or "").strip()
    if label:
        new["name"] = label[:100]
    new["base"] = _number(data, "base", "基础分")
    new["total_max"] = _number(data, "total_max", "总分上限", optional=True)
    items = []
    for i, item in enumerate(new.get("items", [])):
        where = f"第{i + 1}项「{item['label']}」"
        if data.get(f"item-{i}-off"):
            continue
        item["points"] = _number(data, f"item-{i}-points", f"{where}分值")
        item["cap"] = _number(data, f"item-{i}-cap", f"{where}上限", optional=True)
        if item["unit"] == "below":
            item["count"] = int(_number(data, f"item-{i}-count", f"{where}规定数"))
        elif item["unit"] == "each":
            item["skip"] = int(_number(data, f"item-{i}-skip", f"{where}不计分的前几项"))
        items.append(item)
    new["items"] = items
    for i, group in enumerate(new.get("groups", [])):
        where = f"分组「{group['label']}」"
        group["start"] = _number(data, f"group-{i}-start", f"{where}起始分")
        group["cap"] = _number(data, f"group-{i}-cap", f"{where}上限", optional=True)
    for i, grade in enumerate(new.get("grades", [])):
        if grade.get("min") is not None:
            grade["min"] = _number(data, f"grade-{i}-min", f"等次「{grade['label']}」分数线")
    for i, t in enumerate(new.get("absence_thresholds", [])):
        where = f"缺勤标准「{t['label']}」"
        t["count"] = int(_number(data, f"absence-{i}-count", f"{where}次数"))
        action = data.get(f"absence-{i}-action") or t["action"]
        if action not in ACTIONS:
            raise ValidationError(f"{where}：处理方式无效。", field=f"absence-{i}-action")
        t["action"] = action
    line = _number(data, "low-line", "低分线", optional=True)
    if line is None:
        new["low_score"] = None
    else:
        action = data.get("low-action") or "talk"
        if action not in ACTIONS:
            raise ValidationError("低分线：处理方式无效。", field="low-action")
        new["low_score"] = {"line": line, "action": action}
    return new
