"""Word renderer: a brief document as .docx — title, paragraphs, the chart, then the tables.

Every run uses the project's CJK font, embedded in the file (subset, see ``embedded_font``), so
Chinese shows on machines without CJK fonts — as in the PDF.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .charts import chart_png
from .document import BriefDocument
from .embedded_font import embed_font
from .fonts import FAMILY
from .tables import DisplayTable, display

TEXT_WIDTH = Cm(16)
HEADER_FILL, TOTAL_FILL = "EEF2F7", "F5F5F5"  # the PDF's colours
FONT_SIZES = {"Normal": 11, "Title": 17, "Heading 2": 11, "Caption": 9}  # points


def render_docx(documents: list[BriefDocument]) -> bytes:
    """One .docx holding each document in turn (a page break between languages)."""
    word = Document()
    _set_up(word, documents)
    for index, document in enumerate(documents):
        if index:
            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _write(word, document)
    embed_font(word, "".join(word.element.body.itertext()))
    buffer = BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _set_up(word, documents: list[BriefDocument]) -> None:
    section = word.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)
    for name, size in FONT_SIZES.items():
        style = word.styles[name]
        style.font.name = FAMILY  # sets the ASCII and high-ANSI fonts
        style.font.size = Pt(size)
        style.font.bold = False  # the embedded font has one weight
        style.font.color.rgb = RGBColor(0, 0, 0)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for script in ("w:eastAsia", "w:cs"):
            fonts.set(qn(script), FAMILY)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)  # a theme font would win over ours
        # Without this hint Word may pick a theme font for CJK punctuation and quotes.
        fonts.set(qn("w:hint"), "eastAsia")
        _set_language(style.element.get_or_add_rPr())
    properties = word.core_properties
    properties.title = " / ".join(d.title for d in documents)
    properties.language = "zh-CN" if documents and documents[0].lang == "zh" else "en-GB"
    properties.author = "Counterpart"


def _set_language(run_properties) -> None:
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_properties.append(language)
    language.set(qn("w:eastAsia"), "zh-CN")


def _write(word, document: BriefDocument) -> None:
    title = word.add_paragraph(document.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for paragraph in document.brief.paragraphs:
        body = word.add_paragraph(paragraph.text)
        body.paragraph_format.first_line_indent = Pt(24) if document.lang == "zh" else None
        body.paragraph_format.space_after = Pt(6)
    if document.chart is not None:
        word.add_picture(BytesIO(chart_png(document.chart)), width=TEXT_WIDTH)
        word.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for table in document.tables:
        _write_table(word, display(table, document.lang))
    word.add_paragraph(document.source_note, style="Caption")


def _write_table(word, table: DisplayTable) -> None:
    word.add_paragraph(table.title, style="Heading 2")
    rows = [table.headers, *table.rows, *([table.total] if table.total else [])]
    grid = word.add_table(rows=len(rows), cols=len(table.headers), style="Table Grid")
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    last = len(rows) - 1
    for row_index, (row, cells) in enumerate(zip(rows, grid.rows, strict=True)):
        header, total = row_index == 0, bool(table.total) and row_index == last
        for column, (text, cell) in enumerate(zip(row, cells.cells, strict=True)):
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(text)
            if header or total:
                _shade(cell, HEADER_FILL if header else TOTAL_FILL)
            run.font.size = Pt(10.5)
            if table.numeric[column]:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _repeat_header(grid.rows[0])
    if table.note:
        word.add_paragraph(table.note)


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row) -> None:
    """Mark the header row to repeat at the top of each page the table runs onto."""
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)
