"""Briefs as Word or PDF documents, made by the background worker (``counterpart.jobs``).

Rendering a document takes seconds (charts, the embedded CJK font subset, WeasyPrint's
layout), so it is not done within a request: the brief page queues a job and the file waits on
the job's page.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _

from counterpart.jobs.services import JobFailed, save_output

from . import document, pdf, word
from .filters import ReportFilters, month_end

FORMATS = {
    "docx": (
        word.render_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "pdf": (pdf.render_pdf, "application/pdf"),
}


def langs_of(params: dict) -> list[str]:
    return ["zh", "en"] if params["lang"] == "both" else [params["lang"]]


def brief_document(params: dict, lang: str) -> document.BriefDocument:
    """The brief of an event, a pairing or a period (``BriefForm.params()``), in ``lang``."""
    unverified = bool(params.get("unverified"))
    as_of = datetime.date.fromisoformat(params["as_of"]) if params.get("as_of") else None
    if params.get("event"):
        return document.event_document(
            params["event"], lang, ReportFilters(include_unverified=unverified)
        )
    if params.get("pairing"):
        return document.pairing_document(
            params["pairing"], lang, ReportFilters(as_of=as_of, include_unverified=unverified)
        )
    start = datetime.date.fromisoformat(f"{params['from_month']}-01")
    end = month_end(datetime.date.fromisoformat(f"{params['to_month']}-01"))
    return document.period_document(start, end, lang, as_of=as_of, include_unverified=unverified)


def file_name(params: dict) -> str:
    subject = params.get("event") or params.get("pairing")
    if not subject:
        subject = f"{params['from_month']}_{params['to_month']}"
    return f"brief-{subject}-{params['lang']}.{params['format']}"


def brief_in_background(job, progress) -> dict:
    """Each language's document, then the file (one step more than the languages)."""
    params = job.params
    if params.get("format") not in FORMATS:
        raise JobFailed(
            _("Unknown document format: %(format)s.") % {"format": params.get("format")}
        )
    langs = langs_of(params)
    total = len(langs) + 1
    documents = []
    for index, lang in enumerate(langs):
        progress(index, total, _("Writing the brief (%(lang)s)") % {"lang": lang}, force=True)
        try:
            documents.append(brief_document(params, lang))
        except ObjectDoesNotExist:  # an event or pairing deleted since the form was sent
            raise JobFailed(_("The brief's subject no longer exists.")) from None
    progress(len(langs), total, _("Laying out the document"), force=True)
    render, content_type = FORMATS[params["format"]]
    data = render(documents)
    name = file_name(params)
    save_output(job, data, name, content_type)
    progress(total, total, "")
    return {
        "summary": _("%(name)s is ready (%(size)s KB).") % {"name": name, "size": len(data) // 1024}
    }
