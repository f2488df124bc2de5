"""Writing Chinese Word (.docx) documents: A4 pages, runs in a named Chinese font, plain
paragraphs, and the GB/T 9704-2012 layout of official documents (公文格式)."""

from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from . import clock

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# GB/T 9704-2012 §5.2: A4, 版心 156 mm × 225 mm, 天头 37 mm, 订口 28 mm; 22 lines of 28
# characters in 3号 (16 pt) 仿宋, so a line is 225 mm ÷ 22 ≈ 29 pt.
GBT9704_MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
GBT9704_LINE = Pt(29)
BODY_SIZE = 16  # 3号
TITLE_SIZE = 22  # 2号


def document(*, title: str, author: str, formal: bool = False):
    """Return an empty A4 document whose properties name its title and author (the committee)
    rather than python-docx's template; `formal` sets the GB/T 9704 margins and page numbers."""
    doc = Document()
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, author, author
    props.comments, props.subject, props.keywords = "", "", ""
    props.created = props.modified = clock.now()
    props.revision = 1
    props.language = "zh-CN"
    margins = GBT9704_MARGINS_MM if formal else {"top": 25, "bottom": 25, "left": 25, "right": 25}
    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        for side, mm in margins.items():
            setattr(section, f"{side}_margin", Mm(mm))
        if formal:
            _page_numbers(section)
    return doc


def _page_numbers(section) -> None:
    """Number the pages as GB/T 9704 §7.5 asks: "— 1 —" in 4号 半角宋体 under the text, odd
    pages on the right and even pages on the left (one character in from the edge)."""
    settings = section.part.document.settings.element
    if settings.find(qn("w:evenAndOddHeaders")) is None:
        settings.append(OxmlElement("w:evenAndOddHeaders"))
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        p = footer.paragraphs[0]
        p.alignment = align
        p.paragraph_format.left_indent = p.paragraph_format.right_indent = Pt(14)
        set_font(p.add_run("— "), "宋体", 14)
        run = p.add_run()
        set_font(run, "宋体", 14)
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run._element.addnext(field)
        field.append(run._element)
        set_font(p.add_run(" —"), "宋体", 14)


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
