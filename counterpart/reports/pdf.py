"""PDF renderer: the brief document's HTML laid out by WeasyPrint, with the CJK font embedded.

The font comes from the project's own dependency (see ``fonts.py``), never from the system, and
WeasyPrint may read only local files and data: URIs — a document never causes network traffic.
"""

from __future__ import annotations

from weasyprint import HTML, URLFetcher

from .document import BriefDocument
from .fonts import FAMILY, cjk_font_path
from .html import document_html


def render_pdf(documents: list[BriefDocument]) -> bytes:
    """One PDF holding each document in turn, each starting on a new page."""
    font = cjk_font_path()
    page = document_html(documents, font_url=font.as_uri(), font_family=FAMILY)
    fetcher = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
    return HTML(string=page, base_url=str(font.parent), url_fetcher=fetcher).write_pdf()
