"""HTML renderer: report tables for the web UI, and whole brief documents for the PDF renderer.

Output is built with Django templates (``reports/table.html``, ``reports/document.html``), so
every text is escaped; numbers are formatted by ``tables.display``.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from .charts import Chart, chart_png
from .document import BriefDocument
from .tables import Table, display, tables_for


def table_html(table: Table, lang: str) -> SafeString:
    shown = display(table, lang)
    numeric = shown.numeric
    return mark_safe(
        render_to_string(
            "reports/table.html",
            {
                "table": shown,
                "columns": list(zip(shown.headers, numeric, strict=True)),
                "rows": [list(zip(row, numeric, strict=True)) for row in shown.rows],
                "total": list(zip(shown.total, numeric, strict=True)) if shown.total else None,
            },
        )
    )


def render(result, lang: str) -> str:
    """The tables of any report result as HTML fragments, one after another."""
    return "\n".join(table_html(table, lang) for table in tables_for(result, lang))


def chart_data_uri(chart: Chart) -> str:
    return "data:image/png;base64," + base64.b64encode(chart_png(chart)).decode("ascii")


@dataclass
class _ShownDocument:
    document: BriefDocument
    html: SafeString
    chart_uri: str
    tables_html: list[SafeString]

    def __getattr__(self, name):  # title, lang, chart, source_note of the document
        return getattr(self.document, name)


def document_html(documents: list[BriefDocument], font_url: str, font_family: str) -> str:
    """A standalone HTML page of the documents, the chart inlined as a data: URI.

    ``font_url`` is where the CJK font is fetched from: a file: URL for WeasyPrint.
    """
    shown = [
        _ShownDocument(
            document=document,
            html=mark_safe(document.brief.to_html()),
            chart_uri=chart_data_uri(document.chart) if document.chart else "",
            tables_html=[table_html(t, document.lang) for t in document.tables],
        )
        for document in documents
    ]
    return render_to_string(
        "reports/document.html",
        {"documents": shown, "font_url": font_url, "font_family": font_family},
    )
