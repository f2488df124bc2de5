"""Word documents are A4, name their committee, and official ones follow GB/T 9704's page."""

from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

from docx import Document

from xieshang.core import clock, word


def _mm(*lengths) -> tuple:
    """Word stores lengths in twips: compare to the tenth of a millimetre."""
    return tuple(round(length / 36000, 1) for length in lengths)  # EMU per millimetre


def _reopen(doc):
    return Document(BytesIO(word.to_bytes(doc)))


def test_a_document_is_a4_and_names_its_author_not_python_docx():
    moment = datetime(2021, 3, 19, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    with clock.at(moment):
        doc = _reopen(word.document(title="签到表", author="示例市政协"))
    section = doc.sections[0]
    assert _mm(section.page_width, section.page_height) == (210, 297)
    props = doc.core_properties
    assert (props.title, props.author, props.last_modified_by) == ("签到表", "示例市政协",
                                                                   "示例市政协")
    assert "python-docx" not in (props.comments + props.author)
    assert props.created.date() == moment.date()


def test_a_formal_document_has_the_official_type_area_and_page_numbers():
    doc = _reopen(word.document(title="工作总结", author="示例市政协", formal=True))
    section = doc.sections[0]
    type_area = (section.page_width - section.left_margin - section.right_margin,
                 section.page_height - section.top_margin - section.bottom_margin)
    assert _mm(*type_area) == (156, 225)
    assert _mm(section.top_margin, section.left_margin) == (37, 28)
    for footer in (section.footer, section.even_page_footer):
        xml = footer.paragraphs[0]._element.xml
        assert 'w:instr="PAGE"' in xml and footer.paragraphs[0].text == "—  —"
    assert doc.settings.odd_and_even_pages_header_footer
