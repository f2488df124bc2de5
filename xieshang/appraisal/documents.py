"""Exports: a member's record for a year or term as Word, the appraisal table as Excel."""

from io import BytesIO
from urllib.parse import quote

from docx import Document
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from xieshang.core import clock, word

from . import explain, selectors

DOCX = word.DOCX
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(name: str) -> str:
    """Return a Content-Disposition value that keeps a Chinese file name."""
    return f"attachment; filename*=UTF-8''{quote(name)}"


_font = word.set_font
_para = word.paragraph


_table = word.table


def record_docx(rec: selectors.MemberRecord) -> bytes:
    """Return the member's record (entries by source, score breakdown) as a .docx file."""
    doc = Document()
    for section in doc.sections:
        section.top_margin = section.bottom_margin = Pt(72)
        section.left_margin = section.right_margin = Pt(72)
    period = f"本届，截至{rec.year}年" if rec.scope == "term" else f"{rec.year}年度"
    _para(doc, f"委员履职档案（{period}）", size=20, font="方正小标宋简体",
          center=True)
    seat = rec.membership
    info = [f"姓名：{rec.member.name}", f"编号：{rec.member.code}"]
    if seat:
        info += [f"届次：{seat.term.name}", f"常委：{'是' if seat.is_standing else '否'}",
                 f"状态：{seat.get_status_display()}"]
        if seat.sector_id:
            info.append(f"界别：{seat.sector.name}")
    _para(doc, "　".join(info))
    for d in rec.decisions:
        _para(doc, f"{d.decided_on:%Y年%m月%d日} {d.meeting}：{d.get_kind_display()}。{d.reason}")
    for label, entries in rec.sections:
        _para(doc, f"{label}（{len(entries)}项）", size=14, bold=True, font="黑体")
        rows = []
        for e in entries:
            note = e.get("excluded", "")
            for c in e.get("corrections", []):
                note += f"经第{c['question_id']}号疑问更正：{c['summary']}"
            rows.append([e["date"], e["title"], e.get("role_label", ""), note])
        _table(doc, ["日期", "事项", "身份/出勤", "说明"], rows)
    breakdown = rec.result.breakdown if rec.result else rec.live
    if breakdown:
        title = (f"考评得分（{rec.appraisal}，已发布）" if rec.result
                 else f"考评得分（按《{rec.rule_set.name}》第{rec.rule_set.version}版试算）")
        _para(doc, title, size=14, bold=True, font="黑体")
        view = explain.view(breakdown)
        _para(doc, f"得分：{view['score']}　等次：{view['grade_label']}")
        _para(doc, f"计算：{view['sum']}")
        rows = []
        for ln in view["lines"]:
            scored = "、".join(r["title"] for r in ln["records"] if r["scored"])
            rows.append([ln["label"], ln["group"], ln["counted"], ln["points"],
                         "；".join(x for x in (ln["rule"], ln["note"],
                                              f"计分记录：{scored}" if scored else "") if x)])
        rows += [[g["label"], "", "", g["points"], g["detail"]] for g in view["groups"]]
        _table(doc, ["计分项", "分组", "记录", "得分", "说明"], rows)
        for f in view["flags"]:
            _para(doc, f"提示：{f['label']}，按办法应{f['action_label']}。")
    _para(doc, f"导出时间：{clock.localdate(clock.now()):%Y年%m月%d日}", size=10)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _loose_kinds(rules: dict) -> list[str]:
    """Return the kinds (计分、加分、扣分) of the ungrouped items, in that order: one Excel
    column each, named as in the sum line on the pages."""
    kinds = {i["type"] for i in rules["items"] if i["group"] is None}
    return [k for k in explain.KIND_LABELS if k in kinds]


def _hint(result, decisions) -> str:
    flags = [f"{explain.flag_view(f)['label']}→{f['action_label']}" for f in result.flags]
    taken = [f"已决定{d.get_kind_display()}（{d.decided_on:%Y-%m-%d}，{d.meeting}）"
             for d in decisions]
    return "；".join(flags + taken)


def appraisal_xlsx(appraisal) -> bytes:
    """Return the committee's appraisal table: one row per member, one column per group and
    per kind of ungrouped item, the hints with the decisions taken; the header stays in view."""
    rows = selectors.results(appraisal=appraisal)
    decided = selectors.decisions_by_member(appraisal=appraisal)
    rules = appraisal.rule_set.rules
    kinds = _loose_kinds(rules)
    wb = Workbook()
    ws = wb.active
    ws.title = f"{appraisal.year}年考评"
    ws.append([str(appraisal)])
    ws.append([f"考评办法：《{appraisal.rule_set.name}》第{appraisal.rule_set.version}版；"
               f"状态：{appraisal.get_status_display()}"])
    show_rank = any(r.rank for r in rows)
    head = (["名次"] if show_rank else []) + ["委员编号", "姓名", "界别", "基础分"] + \
        [g["label"] for g in rules["groups"]] + \
        [explain.KIND_LABELS[k] for k in kinds] + ["得分", "等次", "提示"]
    ws.append(head)
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    ws.freeze_panes = "A4"
    for r in rows:
        b = r.breakdown
        groups = {g["key"]: explain.number(g["points"]) for g in b["groups"]}
        loose = {k: sum((explain.dec(ln["points"]) for ln in b["lines"]
                         if ln["group"] is None and ln.get("type", "item") == k),
                        explain.dec(0)) for k in kinds}
        ws.append(([r.rank] if show_rank else []) + [
            r.member.code, r.member.name,
            r.membership.sector.name if r.membership.sector_id else "",
            explain.number(b["base"]),
            *[groups.get(g["key"], 0) for g in rules["groups"]],
            *[explain.number(loose[k]) for k in kinds],
            explain.number(r.score), r.grade_label, _hint(r, decided.get(r.member_id, []))])
    ws.column_dimensions["B"].width = 12
    ws.column_dimensions["C"].width = 10
    ws.column_dimensions[ws.cell(row=3, column=len(head)).column_letter].width = 60
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
