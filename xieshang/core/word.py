"""Writing Chinese Word (.docx) documents: runs in a named Chinese font, plain paragraphs."""

from io import BytesIO

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def set_font(run, name: str = "仿宋_GB2312", size: float = 12, bold: bool = False) -> None:
    """Set a run's font, the East Asian one included (Word otherwise shows Chinese in its
    default font)."""
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def paragraph(doc, text: str, *, size: float = 12, bold: bool = False,
              font: str = "仿宋_GB2312", center: bool = False, indent: bool = False):
    """Add a paragraph of one run; `indent` indents its first line by two characters."""
    p = doc.add_paragraph()
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    p.paragraph_format.space_after = Pt(2)
    set_font(p.add_run(text), font, size, bold)
    return p


def table(doc, head: list[str], rows: list[list], *, size: float = 10.5):
    """Add a ruled table: a bold header row in 黑体, then one row per list of cell values."""
    grid = doc.add_table(rows=1, cols=len(head))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, head, strict=True):
        cell.text = ""
        set_font(cell.paragraphs[0].add_run(text), "黑体", size, True)
    for row in rows:
        cells = grid.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = ""
            set_font(cell.paragraphs[0].add_run(str(text)), size=size)
    return grid


def to_bytes(doc) -> bytes:
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
