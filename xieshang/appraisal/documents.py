"""Exports: a member's record for a year or term as Word, the appraisal table as Excel."""

from io import BytesIO
from urllib.parse import quote

from docx import Document
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from xieshang.core import clock, word

from . import selectors

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
        _para(doc, f"得分：{breakdown['score']}　等次：{breakdown['grade_label']}　"
                   f"基础分：{breakdown['base']}")
        rows = [[ln["label"], ln["group"] or "", str(ln["counted"]), ln["points"],
                 ln["note"]] for ln in breakdown["lines"] if ln["records"] or
                ln["points"] != "0.00"]
        rows += [[f"分组：{g['label']}", "", "", g["points"],
                  f"合计{g['raw']}，调整{g['adjustment']}"] for g in breakdown["groups"]]
        _table(doc, ["计分项", "分组", "计分项数", "得分", "说明"], rows)
        for f in breakdown["flags"]:
            _para(doc, f"提示：{f['label']}，按办法应{f['action_label']}。")
    _para(doc, f"导出时间：{clock.localdate(clock.now()):%Y年%m月%d日}", size=10)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def appraisal_xlsx(appraisal) -> bytes:
    """Return the committee's appraisal table: one row per member, one column per group."""
    rows = selectors.results(appraisal=appraisal)
    rules = appraisal.rule_set.rules
    wb = Workbook()
    ws = wb.active
    ws.title = f"{appraisal.year}年考评"
    ws.append([str(appraisal)])
    ws.append([f"考评办法：《{appraisal.rule_set.name}》第{appraisal.rule_set.version}版；"
               f"状态：{appraisal.get_status_display()}"])
    show_rank = any(r.rank for r in rows)
    head = (["名次"] if show_rank else []) + ["委员编号", "姓名", "界别", "基础分"] + \
        [g["label"] for g in rules["groups"]] + ["未分组计分", "得分", "等次", "提示"]
    ws.append(head)
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for r in rows:
        b = r.breakdown
        groups = {g["key"]: float(g["points"]) for g in b["groups"]}
        loose = sum(float(ln["points"]) for ln in b["lines"] if ln["group"] is None)
        ws.append(([r.rank] if show_rank else []) + [
            r.member.code, r.member.name,
            r.membership.sector.name if r.membership.sector_id else "", float(b["base"]),
            *[groups.get(g["key"], 0.0) for g in rules["groups"]], round(loose, 2),
            float(r.score), r.grade_label,
            "；".join(f"{f['label']}→{f['action_label']}" for f in r.flags)])
    ws.column_dimensions["B"].width = 12
    ws.column_dimensions["C"].width = 10
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
