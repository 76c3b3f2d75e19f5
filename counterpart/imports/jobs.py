"""An import committed by the background worker (``counterpart.jobs``): a file larger than the
request should wait for (``views.runs_inline``). The same commit as the web's
(``views.commit_batch``): one transaction, whole or nothing, the user's scope checked per row.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from counterpart.jobs.services import JobFailed

from .models import ImportBatch
from .readers import ReadError
from .services import MappingError
from .summary import summary_line


class RowCounter:
    """``run_import``'s progress callback (one call per row) as the job's progress."""

    def __init__(self, progress, total: int | None):
        self.progress = progress
        self.total = total
        self.done = 0
        self.progress(0, total, _("Importing rows"), force=True)

    def __call__(self, _row_number: int) -> None:
        self.done += 1
        self.progress(self.done, self.total, _("Importing rows"))


def commit_in_background(job, progress) -> dict:
    from .views import batch_entity, can_import, commit_batch, not_imported_message

    params = job.params
    with transaction.atomic():  # the batch stays locked while it is imported
        item = (
            ImportBatch.objects.select_for_update()
            .filter(pk=params["batch"], user=job.owner)
            .first()
        )
        if item is None:
            raise JobFailed(_("The uploaded file is no longer there: upload it again."))
        if item.committed:
            raise JobFailed(_("This file has already been imported; it cannot be again."))
        entity = batch_entity(item)
        if not can_import(job.owner, entity):
            raise JobFailed(_("You may no longer import these rows."))
        counter = RowCounter(progress, item.summary.get("rows") or None)
        try:
            result = commit_batch(
                item, entity, job.owner, bool(params.get("valid_rows_only")), counter
            )
        except (ReadError, MappingError) as error:
            raise JobFailed(_("Nothing was imported: %(error)s") % {"error": error}) from None
    if not result.committed:
        raise JobFailed(not_imported_message(result))
    return {
        "summary": summary_line(result),
        "url": reverse("imports:batch", kwargs={"pk": item.pk}),
        "link_text": _("Open the import"),
    }
