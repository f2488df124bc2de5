"""Pure computation: a member's record entries and a rule set in, an explained score out.

Every point is carried by a line (one rule item) and, below it, by the records that earned it;
group and total limits are lines of their own. Points are Decimals rounded to 0.01 per record,
and every sum is of those rounded figures, so the parts always add up to the total shown.
No database access here.
"""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .explain import num
from .rules import ABSENCE_SCOPES, ACTIONS, SPLITS, UNITS

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def dec(value) -> Decimal:
    """Return a number as a Decimal rounded to the cent."""
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def share(entry: dict, split: str) -> Fraction:
    """Return the member's share of one record under a joint-credit rule."""
    members = max(int(entry.get("members") or 1), 1)
    first = entry.get("role") == "first"
    if split == "equal":
        return Fraction(1, members)
    if split == "first_half":
        if members == 1:
            return Fraction(1)
        return Fraction(1, 2) if first else Fraction(1, 2 * (members - 1))
    if split == "first_only":
        return Fraction(1) if first or members == 1 else Fraction(0)
    if split == "credit":
        return Fraction(entry.get("share") or "1")
    return Fraction(1)


def _times(points, part: Fraction) -> Decimal:
    value = Decimal(str(points)) * part.numerator / part.denominator
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _fraction_label(part: Fraction) -> str:
    return "全额" if part == 1 else f"{part.numerator}/{part.denominator}"


def matches(entry: dict, item: dict) -> bool:
    """Say whether a record falls under a rule item (source and every listed attribute)."""
    if entry["source"] != item["source"] or entry.get("excluded"):
        return False
    return all(entry.get(field) in values for field, values in item["match"].items())


def _ref(entry: dict, points: Decimal | None = None, part: Fraction | None = None,
         note: str = "") -> dict:
    row = {"ref": entry["ref"], "title": entry["title"], "date": entry["date"],
           "role_label": entry.get("role_label", ""), "url": entry.get("url", "")}
    if points is not None:
        row["points"] = str(points)
    if part is not None:
        row["share"] = _fraction_label(part)
    if note:
        row["note"] = note
    return row


def score_item(item: dict, entries: list[dict], *, is_standing: bool) -> dict:
    """Return one explained line: the item, the records it counted and the points."""
    line = {"key": item["key"], "label": item["label"], "type": item["type"],
            "group": item["group"], "source": item["source"],
            "points_each": str(dec(item["points"])), "unit": item["unit"],
            "unit_label": UNITS[item["unit"]], "count": item["count"], "skip": item["skip"],
            "split": item["split"], "split_label": SPLITS[item["split"]], "cap": item["cap"],
            "records": [],
            "counted": 0, "raw": str(ZERO), "points": str(ZERO), "cap_applied": False,
            "note": ""}
    if item["standing_only"] and not is_standing:
        line["note"] = "仅适用于常委"
        return line
    found = sorted((e for e in entries if matches(e, item)), key=lambda e: (e["date"], e["ref"]))
    raw = ZERO
    if item["unit"] == "each":
        skipped = 0
        for e in found:
            part = share(e, item["split"])
            if part == 0:
                line["records"].append(_ref(e, ZERO, part, "联名提案只计第一提案人"))
                continue
            if skipped < item["skip"]:
                skipped += 1
                line["records"].append(_ref(e, ZERO, part, f"前{item['skip']}项不计分"))
                continue
            pts = _times(item["points"], part)
            raw += pts
            line["counted"] += 1
            line["records"].append(_ref(e, pts, part))
    elif item["unit"] == "once":
        line["records"] = [_ref(e) for e in found]
        if found:
            raw = dec(item["points"])
            line["counted"] = 1
            line["note"] = f"有{len(found)}项，计分一次"
    else:  # below
        line["records"] = [_ref(e) for e in found]
        if len(found) < item["count"]:
            raw = dec(item["points"])
            line["counted"] = 1
            line["note"] = f"仅{len(found)}项，少于{item['count']}项"
        else:
            line["note"] = f"共{len(found)}项，达到{item['count']}项"
    points = raw
    if item["cap"] is not None and abs(raw) > dec(item["cap"]):
        points = dec(item["cap"]) if raw > 0 else -dec(item["cap"])
        line["cap_applied"] = True
        line["note"] = (line["note"] + "；" if line["note"] else "") + \
            f"按本项上限{num(item['cap'])}分计"
    line["raw"], line["points"] = str(raw), str(points)
    return line


def _limit(value: Decimal, cap, floor) -> Decimal:
    if cap is not None and value > dec(cap):
        value = dec(cap)
    if floor is not None and value < dec(floor):
        value = dec(floor)
    return value


def grade_of(score: Decimal, grades: list[dict]) -> dict:
    """Return the first grade whose minimum the score reaches (the last one has none)."""
    for g in grades:
        if g["min"] is None or score >= dec(g["min"]):
            return g
    return grades[-1]


def absence_flags(rules: dict, *, year_entries: list[dict], term_entries: list[dict],
                  is_standing: bool) -> list[dict]:
    """Return the absence thresholds reached, each with the absences behind it."""
    flags = []
    for t in rules["absence_thresholds"]:
        if t["standing_only"] and not is_standing:
            continue
        pool = year_entries if t["scope"] == "year" else term_entries
        absent = sorted((e for e in pool if e["source"] == "attendance"
                         and e.get("state") == "absent" and e.get("kind") in t["kinds"]),
                        key=lambda e: (e["date"], e["ref"]))
        if len(absent) >= t["count"]:
            flags.append({"key": t["key"], "label": t["label"], "action": t["action"],
                          "action_label": ACTIONS[t["action"]], "count": len(absent),
                          "threshold": t["count"], "scope": t["scope"],
                          "scope_label": ABSENCE_SCOPES[t["scope"]],
                          "records": [_ref(e) for e in absent]})
    return flags


def compute(rules: dict, entries: list[dict], *, is_standing: bool,
            term_entries: list[dict] | None = None) -> dict:
    """Return the explained score: lines, groups, total, grade and flags.

    `entries` are the records of the appraised period; `term_entries` those of the whole term
    up to the period's end (for term absence thresholds; the period's own when omitted).
    """
    lines = [score_item(item, entries, is_standing=is_standing) for item in rules["items"]]
    groups, total = [], dec(rules["base"])
    for g in rules["groups"]:
        own = [ln for ln in lines if ln["group"] == g["key"]]
        raw = dec(g["start"]) + sum((Decimal(ln["points"]) for ln in own), ZERO)
        points = _limit(raw, g["cap"], g["floor"])
        groups.append({"key": g["key"], "label": g["label"], "start": str(dec(g["start"])),
                       "cap": g["cap"], "floor": g["floor"], "raw": str(raw),
                       "points": str(points), "adjustment": str(points - raw)})
        total += points
    total += sum((Decimal(ln["points"]) for ln in lines if ln["group"] is None), ZERO)
    raw_total = total
    total = _limit(total, rules["total_max"], rules["total_min"])
    grade = grade_of(total, rules["grades"])
    flags = absence_flags(rules, year_entries=entries,
                          term_entries=term_entries if term_entries is not None else entries,
                          is_standing=is_standing)
    low = rules.get("low_score")
    if low and total < dec(low["line"]):
        flags.append({"key": "low_score", "label": f"得分低于{num(low['line'])}分",
                      "action": low["action"], "action_label": ACTIONS[low["action"]],
                      "count": None, "threshold": str(dec(low["line"])), "scope": "year",
                      "scope_label": "本年度", "records": []})
    return {"base": str(dec(rules["base"])), "lines": lines, "groups": groups,
            "raw_total": str(raw_total), "total_adjustment": str(total - raw_total),
            "score": str(total), "grade": grade["key"], "grade_label": grade["label"],
            "flags": flags}
