"""The year's work summary in Word, laid out as an official document (GB/T 9704-2012): title in
2号小标宋, headings in 3号黑体, body in 3号仿宋 with a two-character indent, fixed 29-point
lines, page numbers; the definitions of the figures follow as an attachment (附件)."""

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

from xieshang.core import word

from .summary import Figure, Summary


def _text(pieces) -> str:
    return "".join(p.text if isinstance(p, Figure) else p for p in pieces)


def _line(doc, text: str, *, font: str = "仿宋_GB2312", size: float = word.BODY_SIZE,
          center: bool = False, indent: bool = False):
    p = word.paragraph(doc, text, size=size, font=font, center=center, indent=indent)
    p.paragraph_format.line_spacing = word.GBT9704_LINE
    p.paragraph_format.space_after = 0
    return p


def summary_docx(summary: Summary) -> bytes:
    doc = word.document(title=summary.title, author=summary.committee.name, formal=True)
    _line(doc, summary.title, font="方正小标宋简体", size=word.TITLE_SIZE, center=True)
    _line(doc, f"（统计期间：{summary.period}）", font="楷体_GB2312", center=True)
    _line(doc, "")
    for section in summary.sections:
        _line(doc, section.heading, font="黑体", indent=True)
        for para in section.paragraphs:
            _line(doc, _text(para), indent=True)
    _line(doc, "")
    _line(doc, f"{summary.committee.name}（系统生成的数据初稿，数字均可在系统中追溯到逐件记录）",
          font="楷体_GB2312", size=14)
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    _line(doc, "附件", font="黑体")
    _line(doc, "数据口径", font="方正小标宋简体", size=word.TITLE_SIZE, center=True)
    word.table(doc, ["指标", "本稿数字", "口径（分子 ÷ 分母）"],
               [[label, "、".join(f.text for f in figures), definition]
                for label, definition, figures in summary.terms()], size=12)
    return word.to_bytes(doc)
