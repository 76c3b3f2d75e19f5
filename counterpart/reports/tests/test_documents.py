"""Word and PDF briefs read back: the published sentences, one chart, the tables, the font.

The files are opened with python-docx and pypdf, not inspected as bytes: what a reader's
software finds is what counts.
"""

import datetime
import re
import warnings
from decimal import Decimal
from io import BytesIO

import docx
import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from weasyprint.urls import FatalURLFetchingError

from counterpart.core.testing import run_command
from counterpart.reports import document, pdf, word
from counterpart.reports.charts import Chart, chart_png
from counterpart.reports.embedded_font import obfuscate

from .test_brief import CONF, CONF_EN, CONF_ZH, FEB_END, JAN, PERIOD_ZH

pytestmark = pytest.mark.usefixtures("sample_data", "db")

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"


@pytest.fixture(scope="module")
def event_documents(sample_data, django_db_blocker):
    with django_db_blocker.unblock():
        return [document.event_document(CONF, lang) for lang in ("zh", "en")]


@pytest.fixture(scope="module")
def event_docx(event_documents):
    return word.render_docx(event_documents)


@pytest.fixture(scope="module")
def event_pdf(event_documents):
    return pdf.render_pdf(event_documents)


def flat(text: str) -> str:
    """Text with line breaks and the spaces a layout engine adds between CJK glyphs removed."""
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", text)


# ------------------------------------------------------------------------------ documents


def test_event_document_has_the_brief_a_chart_and_tables_in_its_language(event_documents):
    zh, en = event_documents
    assert zh.brief.paragraphs[0].text == CONF_ZH
    assert en.brief.paragraphs[0].text == CONF_EN
    assert zh.chart.labels[0] == "现代物流" and en.chart.labels[0] == "Modern logistics"
    assert zh.chart.axis_label == "金额（亿元）" and en.chart.axis_label == "Amount (billion yuan)"
    assert [t.title for t in zh.tables] == ["按类别", "按落地地区"]
    assert [t.title for t in en.tables] == ["By category", "By destination"]
    by_destination = zh.tables[1]
    assert sum(row[1] for row in by_destination.rows) == 192
    assert sum(row[2] for row in by_destination.rows) == Decimal("98238000000")


def test_period_and_pairing_documents():
    period = document.period_document(JAN, FEB_END, "zh")
    assert period.brief.paragraphs[0].text == PERIOD_ZH
    assert period.chart.labels[1] == "广东省"
    assert period.tables[0].rows[1][:2] == [2, "广东省"]
    pairing = document.pairing_document("PAIR-01", "en")
    assert pairing.chart.money is False
    assert pairing.chart.labels[0] == "Lead"  # stage labels in the brief's language


def test_an_event_without_signings_has_no_chart_and_still_renders():
    run_command("report", "brief", "--event", CONF)  # the code exists
    from counterpart.events.models import Event

    empty = Event.objects.exclude(code=CONF).filter(signed_projects__isnull=True).first()
    result = document.event_document(empty.code, "en")
    assert result.chart is None and result.tables == []
    assert docx.Document(BytesIO(word.render_docx([result]))).paragraphs[0].text == result.title
    assert PdfReader(BytesIO(pdf.render_pdf([result]))).pages


# ----------------------------------------------------------------------------------- Word


def test_docx_reads_back_with_the_published_figures(event_docx):
    read = docx.Document(BytesIO(event_docx))
    texts = [p.text for p in read.paragraphs]
    assert texts[0] == "黑龙江—广东产业合作与开放交流大会暨项目签约仪式"
    assert CONF_ZH in texts and CONF_EN in texts
    for figure in ("192个", "982.38亿元", "32个", "292.93亿元"):
        assert figure in CONF_ZH
    assert len(read.inline_shapes) == 2  # one chart per language
    assert len(read.tables) == 4  # by category and by destination, per language
    destination = read.tables[1]
    assert [c.text for c in destination.rows[0].cells] == ["名称", "签约项目", "签约额"]
    assert [c.text for c in destination.rows[-1].cells] == ["合计", "192", "982.38亿元"]


def test_docx_embeds_a_truetype_font_covering_every_character(event_docx):
    read = docx.Document(BytesIO(event_docx))
    font_table = next(
        rel.target_part for rel in read.part.rels.values() if rel.reltype.endswith("/fontTable")
    )
    (font_rel,) = font_table.rels.values()
    assert font_rel.target_part.content_type == OBFUSCATED_FONT
    key = re.search(rb'w:fontKey="(\{[0-9A-F-]+\})"', font_table.blob).group(1).decode()
    font = TTFont(BytesIO(obfuscate(font_rel.target_part.blob, key)))
    assert "glyf" in font and "CFF " not in font
    covered = set(font.getBestCmap())
    text = "".join(read.element.body.itertext())
    missing = {c for c in text if not c.isspace() and ord(c) not in covered}
    assert not missing
    assert len(font_rel.target_part.blob) < 200_000  # a subset, not the 8 MB font
    styles = read.styles.element.xml
    assert 'w:eastAsia="Noto Sans SC"' in styles
    assert "w:eastAsiaTheme" not in read.styles["Title"].element.xml


def test_obfuscation_is_its_own_inverse():
    data = bytes(range(256)) * 2
    key = "{0123ABCD-4567-89EF-0123-456789ABCDEF}"
    hidden = obfuscate(data, key)
    assert hidden[:32] != data[:32] and hidden[32:] == data[32:]
    assert hidden[0] == data[0] ^ 0xEF  # the key's last byte comes first
    assert obfuscate(hidden, key) == data


# ------------------------------------------------------------------------------------ PDF


def test_pdf_text_has_the_published_sentences(event_pdf):
    reader = PdfReader(BytesIO(event_pdf))
    text = flat("".join(page.extract_text() for page in reader.pages))
    assert flat(CONF_ZH) in text
    assert flat(CONF_EN) in text
    assert "982.38亿元" in text and "98.238 billion yuan" in text


def test_pdf_embeds_only_the_projects_font_and_one_chart_per_language(event_pdf):
    reader = PdfReader(BytesIO(event_pdf))
    fonts, images = set(), set()
    for page in reader.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
        # WeasyPrint shares one resource dictionary between pages: count distinct images.
        images |= {ref.idnum for ref in resources.get("/XObject", {}).values()}
    assert fonts == {"Noto-Sans-SC"}
    assert len(images) == 2


def test_pdf_fetches_nothing_from_the_network(monkeypatch):
    from counterpart.reports import html

    original = html.document_html

    def with_remote_image(*args, **kwargs):
        page = original(*args, **kwargs)
        return page.replace("</body>", '<img src="http://127.0.0.1:9/x.png"></body>')

    monkeypatch.setattr(pdf, "document_html", with_remote_image)
    with pytest.raises(FatalURLFetchingError) as raised:
        pdf.render_pdf([document.event_document(CONF, "en")])
    assert "disallowed protocol" in str(raised.value.__cause__)


# --------------------------------------------------------------------------------- charts


def test_chart_draws_chinese_without_missing_glyphs():
    chart = Chart("签约额居前的领域", ["现代物流", "冰雪经济"], [Decimal("15144000000"), 1], "zh")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font(s)"
        png = chart_png(chart)
    assert png.startswith(b"\x89PNG")
    assert chart.bar_text(Decimal("15144000000")) == "151.44亿元"


# -------------------------------------------------------------------------------------- CLI


@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_cli_writes_the_brief(tmp_path, form):
    target = tmp_path / f"brief.{form}"
    run_command("report", "brief", "--event", CONF, "--format", form, "-o", str(target))
    assert target.stat().st_size > 10_000
    if form == "docx":
        assert CONF_ZH in [p.text for p in docx.Document(target).paragraphs]
    else:
        assert "982.38亿元" in flat(PdfReader(target).pages[0].extract_text())


def test_cli_binary_formats_need_an_output_file():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--format pdf needs -o") as raised:
        run_command("report", "brief", "--event", CONF, "--format", "pdf")
    assert raised.value.returncode == 2


def test_dates_in_the_source_note():
    result = document.event_document(CONF, "zh")
    result.generated = datetime.date(2023, 4, 23)
    assert result.source_note == "数据来源：Counterpart 台账，2023年4月23日生成。"


def test_any_report_as_word_and_pdf(tmp_path):
    args = ("report", "pipeline", "--as-of", "2023-04-07", "--taxonomy", "hlj-4567")
    run_command(*args, "--lang", "en", "--format", "docx", "-o", str(tmp_path / "p.docx"))
    read = docx.Document(tmp_path / "p.docx")
    assert read.paragraphs[0].text == "Project pipeline"
    negotiating = next(r for r in read.tables[0].rows if r.cells[0].text == "Negotiating")
    assert negotiating.cells[1].text == "132"
    run_command(*args, "--lang", "zh", "--format", "pdf", "-o", str(tmp_path / "p.pdf"))
    assert "截至2023年4月7日项目储备" in flat(PdfReader(tmp_path / "p.pdf").pages[0].extract_text())
