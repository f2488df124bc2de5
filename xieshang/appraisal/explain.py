"""How a score breakdown reads, on the pages, in Word and in Excel.

Figures are printed one way everywhere: at most two decimals and no trailing zeros (80, 83.75,
86.5). The sum line adds up on its face (base, each group, the ungrouped lines by kind, the
total limit = the score), each line states its rule in words a member understands, and each
record says whether it scored. Works on stored breakdowns of any age (published results keep
the breakdown they were computed with), so nothing here relies on keys added later without a
fallback. Pure: no database access.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")

# The ungrouped lines are summed by kind in the sum line and in the Excel table.
KIND_LABELS = {"item": "各项计分", "bonus": "加分", "deduction": "扣分"}

# Joint credit, worded for the member (the rule editor's labels are in rules.SPLITS).
SPLIT_WORDS = {
    "equal": "联名的按人数平分",
    "first_half": "联名的第一提案人得一半，其余联名人平分另一半",
    "first_only": "联名的只计第一提案人（第一作者）",
    "credit": "综合稿按署名份额计",
}
# Breakdowns stored before lines carried `split` name it by its editor label only.
_SPLIT_BY_LABEL = {
    "联名者等分": "equal", "第一提案人得一半，其余联名者平分另一半": "first_half",
    "只计第一提案人（作者）": "first_only", "按综合稿署名份额（社情民意计分方式）": "credit",
}
_MEASURE = {"attendance": "次", "proposal": "件", "opinion": "篇", "speech": "次",
            "research_report": "篇", "key_proposal": "件", "excellent_proposal": "件"}
_TWO_DECIMALS = re.compile(r"(?<![\d.])-?\d+\.\d\d(?![\d.])")


def dec(value) -> Decimal:
    try:
        return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return Decimal(0)


def num(value) -> str:
    """Return a figure as printed: at most two decimals, no trailing zeros ("" for none)."""
    if value is None or value == "":
        return ""
    d = dec(value)
    if d == 0:
        return "0"
    return format(d.normalize(), "f")


def signed(value) -> str:
    """Return a figure with its sign: +3, -5, 0."""
    d = dec(value)
    return f"+{num(d)}" if d > 0 else num(d)


def number(value) -> int | float:
    """Return a figure for a spreadsheet cell: an int when whole, else a float."""
    d = dec(value)
    return int(d) if d == d.to_integral_value() else float(d)


def tidy(text: str) -> str:
    """Reprint the two-decimal figures inside a stored text ("得分低于70.00分" → "…70分")."""
    return _TWO_DECIMALS.sub(lambda m: num(m.group()), text or "")


def complete(b: dict, rules: dict) -> dict:
    """Return a copy of a stored breakdown whose lines lack keys added since (source, split,
    count, skip), filled from the rule version that computed it (versions never change)."""
    items = {i["key"]: i for i in rules.get("items", [])}
    lines = []
    for ln in b.get("lines", []):
        item = items.get(ln["key"], {})
        lines.append({**{k: item[k] for k in ("source", "split", "count", "skip")
                         if k in item}, **ln})
    return {**b, "lines": lines}


def group_labels(b: dict) -> dict[str, str]:
    return {g["key"]: g["label"] for g in b.get("groups", [])}


def parts(b: dict) -> list[tuple[str, Decimal]]:
    """Return the terms that add up to the score: the base (unless 0 with other terms), each
    group, the ungrouped lines summed by kind (if not 0), and the total limit (if applied)."""
    out: list[tuple[str, Decimal]] = []
    for g in b.get("groups", []):
        out.append((g["label"], dec(g["points"])))
    loose: dict[str, Decimal] = {}
    for ln in b.get("lines", []):
        if ln.get("group") is None:
            kind = ln.get("type", "item")
            loose[kind] = loose.get(kind, Decimal(0)) + dec(ln["points"])
    out += [(KIND_LABELS.get(k, k), loose[k]) for k in KIND_LABELS if loose.get(k)]
    base = dec(b.get("base", 0))
    if base or not out:
        out.insert(0, ("基础分", base))
    adjustment = dec(b.get("total_adjustment", 0))
    if adjustment < 0:
        out.append(("超出总分上限部分", adjustment))
    elif adjustment > 0:
        out.append(("按总分下限补足", adjustment))
    return out


def sum_text(b: dict) -> str:
    """Return the sum line: "基础分 85 + 提案加分 10 − 扣分 5 = 90分"."""
    text = ""
    for n, (label, value) in enumerate(parts(b)):
        if n == 0:
            text = f"{label} {num(value)}"
        else:
            text += f" {'−' if value < 0 else '+'} {label} {num(abs(value))}"
    return f"{text} = {num(b['score'])}分"


def _split(line: dict) -> str:
    key = line.get("split") or _SPLIT_BY_LABEL.get(line.get("split_label", ""), "none")
    return SPLIT_WORDS.get(key, "")


def rule_text(line: dict, groups: dict[str, str] | None = None) -> str:
    """Return a line's rule in plain words: "每篇加3分；联名的按人数平分；计入「社情民意加分」"."""
    each = dec(line.get("points_each", 0))
    kind = line.get("type", "item")
    if each < 0:
        verb = f"扣{num(-each)}分"
    elif kind == "bonus":
        verb = f"加{num(each)}分"
    else:
        verb = f"得{num(each)}分"
    measure = _MEASURE.get(line.get("source", ""), "项")
    unit = line.get("unit", "each")
    if unit == "once":
        words = [f"有1{measure}即{verb}，只计一次"]
    elif unit == "below":
        count = line.get("count")
        fewer = f"少于{count}{measure}" if count else "少于规定数量"
        words = [f"{fewer}时{verb}，只计一次"]
    else:
        skip = line.get("skip") or 0
        words = [f"第{skip + 1}{measure}起每{measure}{verb}" if skip else f"每{measure}{verb}"]
    split = _split(line)
    if split:
        words.append(split)
    if line.get("cap") is not None:
        words.append(f"本项最多{'扣' if each < 0 else '计'}{num(line['cap'])}分")
    if line.get("group") and groups and line["group"] in groups:
        words.append(f"计入「{groups[line['group']]}」")
    return "；".join(words)


def _group_detail(g: dict) -> str:
    start, raw, adjustment = dec(g["start"]), dec(g["raw"]), dec(g.get("adjustment", 0))
    words = []
    if start:
        words.append(f"起评{num(start)}分，各项合计{signed(raw - start)}")
    if adjustment and g.get("cap") is not None and adjustment < 0:
        words.append(f"合计{num(raw)}分，超过上限按{num(g['cap'])}分计")
    elif adjustment and g.get("floor") is not None:
        words.append(f"合计{num(raw)}分，低于下限按{num(g['floor'])}分计")
    else:
        if g.get("cap") is not None:
            words.append(f"最多{num(g['cap'])}分")
        if g.get("floor") is not None and start:
            words.append(f"最低{num(g['floor'])}分")
    return "，".join(words)


def _record(r: dict, unit: str) -> dict:
    points = r.get("points")
    scored = unit == "each" and points is not None and dec(points) != 0
    share = r.get("share", "")
    note = r.get("note", "")
    reason = ""
    if unit == "each" and not scored:
        reason = note if "不计分" in note else "不计分" + (f"：{note}" if note else "")
    return {**r, "scored": scored, "points_text": signed(points) if scored else "",
            "negative": scored and dec(points) < 0,
            "share_text": f"份额{share}" if share and share != "全额" else "",
            "reason": reason}


def line_view(line: dict, groups: dict[str, str]) -> dict:
    unit = line.get("unit", "each")
    records = [_record(r, unit) for r in line.get("records", [])]
    scored = sum(1 for r in records if r["scored"])
    if unit == "each":
        counted = f"{scored}项计分" if records else ""
    else:
        counted = f"{len(records)}项" if records else ""
    return {"key": line["key"], "label": line["label"],
            "group": groups.get(line.get("group") or "", ""), "points": signed(line["points"]),
            "negative": dec(line["points"]) < 0, "rule": rule_text(line, groups),
            "note": tidy(line.get("note", "")), "counted": counted, "records": records,
            "scored": scored, "evidence": unit != "each"}


def flag_view(f: dict) -> dict:
    label = f["label"]
    if f.get("key") == "low_score" and f.get("threshold") is not None:
        label = f"得分低于{num(f['threshold'])}分"
    return {**f, "label": tidy(label)}


def view(b: dict) -> dict:
    """Return what a page shows of a breakdown: the score, the sum line, the groups, the lines
    that counted anything (with their records) and the flags."""
    groups = group_labels(b)
    return {
        "score": num(b["score"]), "grade_label": b["grade_label"], "sum": sum_text(b),
        "groups": [{"key": g["key"], "label": g["label"], "points": num(g["points"]),
                    "detail": _group_detail(g)} for g in b.get("groups", [])],
        "lines": [line_view(ln, groups) for ln in b.get("lines", [])
                  if ln.get("records") or dec(ln["points"]) != 0],
        "flags": [flag_view(f) for f in b.get("flags", [])],
    }


def _essence(b: dict) -> tuple:
    return (dec(b["score"]), b.get("grade_label"),
            tuple((ln["key"], dec(ln["points"]),
                   tuple((r.get("ref"), dec(r.get("points") or 0)) for r in ln["records"]))
                  for ln in b.get("lines", [])),
            tuple((g["key"], dec(g["points"])) for g in b.get("groups", [])),
            tuple((f.get("key"), f.get("count")) for f in b.get("flags", [])))


def same_result(a: dict, b: dict) -> bool:
    """Say whether two breakdowns give the same score, grade, lines, records and flags."""
    return _essence(a) == _essence(b)
