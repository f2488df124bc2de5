"""Small attachment files written in memory for the 2020 社情民意: a survey table (.xlsx), a
bar chart of it (.png), a field-visit note (.docx) and the office's 批示转办单 (.docx).

Every figure comes from the caller's seeded generator; the files are what an author or the
information office would attach, with real content, and pass `core.files.check_upload`.
"""

import io
import random
import struct
import zlib
from datetime import date

from docx import Document
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

# Towns (乡镇、街道) of the demo's invented districts and counties, for survey rows.
TOWNS = ("城关镇", "东关街道", "河西街道", "桥头镇", "柳林乡", "石门镇", "新集镇", "白塔乡",
         "清水镇", "龙山乡", "湖滨街道", "双河镇")


def survey_rows(rng: random.Random, place: str, count: int, low: int, high: int
                ) -> list[tuple[str, int, int]]:
    """Return (town, surveyed, with the problem) rows of a survey in `place`."""
    rows = []
    for town in rng.sample(TOWNS, count):
        surveyed = rng.randint(low, high)
        rows.append((f"{place}{town}", surveyed, rng.randint(surveyed // 5, surveyed * 3 // 5)))
    return rows


def survey_xlsx(title: str, headers: tuple[str, str, str], rows: list[tuple[str, int, int]],
                source: str) -> bytes:
    """A survey table: one row per town, a total and the share, and where the data came from."""
    wb = Workbook()
    ws = wb.active
    ws.title = "调查统计"
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:D1")
    ws.append([*headers, "占比"])
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for n, (town, surveyed, found) in enumerate(rows, start=3):
        ws.append([town, surveyed, found, f"=C{n}/B{n}"])
        ws[f"D{n}"].number_format = "0.0%"
    last = 2 + len(rows)
    ws.append(["合计", f"=SUM(B3:B{last})", f"=SUM(C3:C{last})", f"=C{last + 1}/B{last + 1}"])
    ws[f"D{last + 1}"].number_format = "0.0%"
    ws.append([])
    ws.append([source])
    ws.column_dimensions["A"].width = 22
    for col in "BCD":
        ws.column_dimensions[col].width = 16
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def bar_chart_png(values: list[int], width: int = 480, height: int = 240) -> bytes:
    """A plain bar chart (one bar per value, with axes) as an RGB PNG, without any imaging
    library."""
    white, axis, bar = (255, 255, 255), (60, 60, 60), (176, 36, 36)
    pixels = [[white] * width for _ in range(height)]
    left, bottom, top = 30, height - 25, 15
    for y in range(top, bottom + 1):
        pixels[y][left] = axis
    for x in range(left, width - 10):
        pixels[bottom][x] = axis
    peak = max(values) or 1
    slot = (width - 10 - left - 10) // max(1, len(values))
    for i, value in enumerate(values):
        x0 = left + 10 + i * slot + slot // 6
        x1 = x0 + slot * 2 // 3
        y0 = bottom - int((bottom - top) * value / peak)
        for y in range(y0, bottom):
            for x in range(x0, x1):
                pixels[y][x] = bar
    raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in pixels)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def _document(title: str) -> Document:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.size = Pt(12)
    heading = doc.add_paragraph()
    run = heading.add_run(title)
    run.bold, run.font.size = True, Pt(16)
    return doc


def _bytes(doc: Document) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def visit_note_docx(title: str, place: str, day: date, who: str,
                    findings: list[str], rows: list[tuple[str, int, int]]) -> bytes:
    """An author's field-visit note (走访记录): when, where, who, what was found, a table."""
    doc = _document(title)
    doc.add_paragraph(f"时间：{day:%Y年%m月%d日}    地点：{place}    走访人：{who}")
    doc.add_paragraph("走访发现：")
    for n, line in enumerate(findings, start=1):
        doc.add_paragraph(f"{n}. {line}")
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("走访点", "走访户（处）数", "存在问题数"),
                          strict=True):
        cell.text = text
    for town, surveyed, found in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = town, str(surveyed), str(found)
    doc.add_paragraph("（本记录作为社情民意信息的附件，供核实参考。）")
    return _bytes(doc)


def transfer_slip_docx(*, committee: str, number: str, title: str, authors: str,
                       leader: str, given_on: date, instruction: str, units: list[str],
                       due_days: int, day: date) -> bytes:
    """The office's 领导批示转办单: the item, the 批示, the units and the reply deadline."""
    doc = _document(f"{committee}社情民意信息领导批示转办单")
    doc.add_paragraph(f"编号：{number}    日期：{day:%Y年%m月%d日}")
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, text in (("信息标题", title), ("反映人", authors),
                        ("批示领导", leader), ("批示日期", f"{given_on:%Y年%m月%d日}"),
                        ("批示内容", instruction), ("承办单位", "、".join(units)),
                        ("办理要求", f"请于签收后{due_days}个工作日内将办理情况书面答复"
                                     f"{committee}社情民意信息办，并同时答复反映人。")):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, text
    doc.add_paragraph(f"{committee}社情民意信息办（联系电话：0558-0009901）")
    return _bytes(doc)
