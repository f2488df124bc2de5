"""The Word export of an issue (期) of 《社情民意》: masthead, number, unit, date, articles, 报送."""

from io import BytesIO

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from xieshang.core import clock, word

RED = RGBColor(0xC0, 0x00, 0x00)


def _font(run, name: str, size: float, *, bold: bool = False, color=None) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if color is not None:
        run.font.color.rgb = color


def _para(doc, text: str, *, font: str = "仿宋_GB2312", size: float = 16, bold=False,
          align=None, color=None, indent: bool = False):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = Pt(28)
    _font(p.add_run(text), font, size, bold=bold, color=color)
    return p


def issue_docx(issue) -> bytes:
    """Return the issue as a .docx file; the issue comes from `selectors.issue_detail`."""
    doc = word.document(title=f"社情民意{issue.year}年第{issue.number}期",
                        author=issue.editorial_unit, formal=True)
    _para(doc, "社情民意", font="方正小标宋简体", size=42, align=WD_ALIGN_PARAGRAPH.CENTER,
          color=RED)
    _para(doc, f"{issue.year}年第{issue.number}期", size=16, align=WD_ALIGN_PARAGRAPH.CENTER)
    day = clock.localdate(issue.signed_at or issue.compiled_at)
    _para(doc, f"{issue.editorial_unit}编　　　　{day.year}年{day.month}月{day.day}日",
          size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "━" * 24, size=12, align=WD_ALIGN_PARAGRAPH.CENTER, color=RED)
    for i, entry in enumerate(issue.entries.all()):
        if i:
            _para(doc, "")
        _para(doc, entry.title, font="方正小标宋简体", size=22, align=WD_ALIGN_PARAGRAPH.CENTER)
        names = []
        for link in entry.links.all():
            names += [a.name for a in link.opinion.authors.all() if a.name not in names]
        if names:
            _para(doc, "（" + "、".join(names) + "）", font="楷体_GB2312", size=16,
                  align=WD_ALIGN_PARAGRAPH.CENTER)
        for line in entry.text.splitlines():
            if line.strip():
                _para(doc, line.strip(), indent=True)
    _para(doc, "")
    _para(doc, "━" * 24, size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    recipients = "，".join(r.name for r in issue.recipients.all()) or "（未填写）"
    _para(doc, f"报送：{recipients}。", size=14)
    if issue.signed_by_id:
        _para(doc, f"签发：{issue.signed_by.full_name or issue.signed_by}", size=14)
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
