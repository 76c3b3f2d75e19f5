"""Many articles ingested by the background worker (``counterpart.jobs``): several files from
the ingestion page, or ``counterpart ingest --background FILE...``.

Each article in its own transaction, as the command does: one that cannot be read is reported
and the others are still ingested. The files travel in the job's parameters (base64): the
worker may run on another machine than the one they were uploaded to.
"""

from __future__ import annotations

import base64
import datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from counterpart.core.choices import Channel
from counterpart.core.views import object_url
from counterpart.jobs.models import BackgroundJob, JobKind
from counterpart.jobs.services import JobFailed, start

from .extraction import ledger_registry
from .services import ingest
from .text import ArticleError


def start_ingestion_job(
    user,
    articles: list[tuple[bytes, str]],
    *,
    lang: str = "auto",
    publisher: str = "",
    published: datetime.date | None = None,
) -> BackgroundJob:
    """Queue the ingestion of ``articles`` ((data, file name) each) as ``user``'s job."""
    title = ngettext("Ingestion of %(n)s article", "Ingestion of %(n)s articles", len(articles)) % {
        "n": len(articles)
    }
    params = {
        "lang": lang,
        "publisher": publisher,
        "published": published.isoformat() if published else "",
        "articles": [
            {"name": name, "data": base64.b64encode(data).decode("ascii")}
            for data, name in articles
        ],
    }
    return start(JobKind.INGEST, user, title, params)


def ingest_in_background(job, progress) -> dict:
    params = job.params
    articles = params.get("articles") or []
    published = params.get("published")
    published = datetime.date.fromisoformat(published) if published else None
    registry = ledger_registry()
    total = len(articles)
    lines, read, new = [], 0, 0
    for index, article in enumerate(articles):
        name = article["name"]
        progress(index, total, name)
        try:
            result = ingest(
                base64.b64decode(article["data"]),
                name=name,
                lang=params.get("lang", "auto"),
                publisher=params.get("publisher", ""),
                user=job.owner,
                channel=Channel.TASK,
                registry=registry,
                published=published,
            )
        except ArticleError as error:
            lines.append({"text": f"{name}: {error}", "error": True})
            continue
        read += 1
        new += result.created_document
        summary = result.summary()
        lines.append(
            {
                "text": _(
                    "%(name)s: %(figures)s figures, %(events)s events, "
                    "%(organizations)s organisations proposed"
                )
                % {
                    "name": name,
                    "figures": summary["new_figures"],
                    "events": summary["new_events"],
                    "organizations": summary["new_organizations"],
                },
                "url": object_url(result.document),
            }
        )
        lines.extend({"text": f"{name}: {warning}", "warning": True} for warning in result.warnings)
    progress(total, total, "")
    if total and not read:
        raise JobFailed(
            _("No article could be read: %(reasons)s")
            % {"reasons": "; ".join(line["text"] for line in lines)}
        )
    failed = total - read
    summary = _("%(read)s of %(total)s articles ingested (%(new)s new).") % {
        "read": read,
        "total": total,
        "new": new,
    }
    if failed:
        summary += " " + ngettext(
            "%(n)s could not be read.", "%(n)s could not be read.", failed
        ) % {"n": failed}
    return {"summary": summary, "lines": lines}
