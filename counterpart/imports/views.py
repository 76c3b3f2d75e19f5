"""The import's web pages: upload a file, preview what it would do (a dry run), adjust the column
mapping, and commit — in one transaction that leaves change records.

The file's bytes are stored with the batch (``ImportBatch.data``); every preview reads them again
and runs the real import rolled back (``services.run_import(commit=False)``), so the preview says
exactly what a commit would do at that moment. A large file's dry run takes seconds: the batch page
renders at once and fetches the preview with htmx, showing meanwhile how many rows are done
(``progress.py``, polled by the page); the commit shows the same. A commit of more rows than
``IMPORT_INLINE_MAX_ROWS`` runs as a background job (``jobs.py``), followed on its job's page.

Anyone who may write rows (any role but viewer) may upload and preview (a dry run writes nothing
but the batch); committing needs the right to add and change the entity's rows, and each row is
refused (a row error) if it would write outside the user's scope (``core.permissions``). A user
sees only their own batches.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from counterpart.core.export import FORMATS, csv_bytes
from counterpart.core.permissions import Action, can, restrict
from counterpart.core.tables import ui_lang
from counterpart.core.views import home_crumb, is_htmx, list_url
from counterpart.jobs.models import BackgroundJob, JobKind
from counterpart.jobs.services import pending
from counterpart.jobs.services import start as start_jobs
from counterpart.reports.xlsx import safe_cell

from .entities import ENTITIES, Entity
from .forms import CommitForm, MappingForm, UploadForm, header_names
from .models import ImportBatch, SavedMapping, headers_fingerprint
from .progress import Progress, progress_of
from .readers import Limits, ReadError, Table, read_table
from .services import (
    ImportResult,
    MappingError,
    Outcome,
    RowResult,
    check_mapping,
    match_headers,
    run_import,
)
from .summary import summary_line
from .workbooks import template_bytes

# The preview lists at most this many error lines and this many other rows; the CSV report has all.
SHOWN_ROWS = 200
# A commit keeps this many rows of its result (errors first) for its page and report.
KEPT_ROWS = 2000
# Uncommitted batches older than this are deleted when their user uploads another file.
STALE_AFTER = datetime.timedelta(days=1)

OUTCOME_STYLES = {
    Outcome.CREATE: "success",
    Outcome.UPDATE: "primary",
    Outcome.UNCHANGED: "secondary",
    Outcome.ERROR: "danger",
}


def outcome_labels() -> dict[str, str]:
    # Outcome's own labels are translated when services.py is imported; these follow the user.
    return {
        Outcome.CREATE: _("create"),
        Outcome.UPDATE: _("update"),
        Outcome.UNCHANGED: _("unchanged"),
        Outcome.ERROR: _("error"),
    }


def can_import(user, entity: Entity) -> bool:
    """Committing writes rows of the entity's model: it needs both the add and change rights
    (each row is checked again against the user's scope as it is written)."""
    return can(user, Action.ADD, entity.model) and can(user, Action.CHANGE, entity.model)


def require_uploads(user) -> None:
    """A viewer cannot import: not even upload a file or preview it (403)."""
    if not can(user, Action.ADD, ImportBatch):
        raise PermissionDenied


def user_batch(request, pk: int, *, with_data: bool = False, lock: bool = False) -> ImportBatch:
    """The user's own batch, or 404 (another user's batch does not exist for them)."""
    require_uploads(request.user)
    queryset = restrict(ImportBatch.objects.filter(user=request.user), request.user)
    if not with_data:
        queryset = queryset.defer("data", "report")
    if lock:
        queryset = queryset.select_for_update()
    return get_object_or_404(queryset, pk=pk)


def batch_entity(batch: ImportBatch) -> Entity:
    try:
        return ENTITIES[batch.entity]
    except KeyError:
        raise Http404 from None


def crumbs(*more) -> list[tuple[str, str | None]]:
    return [home_crumb(), (_("Import"), reverse("imports:upload")), *more]


# ---------------------------------------------------------------------------- upload


class SizeLimitHandler(FileUploadHandler):
    """Stops keeping an uploaded file once it passes the limit, so that an oversized upload is
    neither held in memory nor written to a temporary file; the form then says how large it was.
    """

    def __init__(self, request, limit: int):
        super().__init__(request)
        self.limit = limit
        self.body_length = 0
        self.dropped: tuple[str, int] | None = None

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.body_length = content_length or 0

    def receive_data_chunk(self, raw_data, start):
        received = start + len(raw_data)
        if received > self.limit:
            self.dropped = (self.file_name, max(received, self.body_length))
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


@csrf_exempt  # checked below, once the size limit is in place (it must come before reading POST)
@require_http_methods(["GET", "POST"])
def upload(request):
    limiter = None
    if request.method == "POST":
        limiter = SizeLimitHandler(request, Limits.from_settings().max_bytes)
        request.upload_handlers.insert(0, limiter)
    return csrf_protect(_upload)(request, limiter)


def _upload(request, limiter: SizeLimitHandler | None):
    require_uploads(request.user)
    if request.method == "POST":
        form = UploadForm(
            request.POST, request.FILES, too_large=limiter.dropped if limiter else None
        )
        if form.is_valid():
            batch = store_batch(request, form)
            return HttpResponseRedirect(reverse("imports:batch", kwargs={"pk": batch.pk}))
    else:
        entity = request.GET.get("entity")
        form = UploadForm(initial={"entity": entity} if entity in ENTITIES else None)
    recent = ImportBatch.objects.filter(user=request.user).defer("data", "report")[:10]
    labels = dict(form.fields["entity"].choices)
    title = _("Import")
    return render(
        request,
        "imports/upload.html",
        {
            "title": title,
            "form": form,
            "templates": [
                {
                    "label": labels[name],
                    "zh": reverse("imports:template", kwargs={"entity": name, "lang": "zh"}),
                    "en": reverse("imports:template", kwargs={"entity": name, "lang": "en"}),
                }
                for name in ENTITIES
            ],
            "recent": [(batch, labels.get(batch.entity, batch.entity)) for batch in recent],
            "breadcrumbs": [home_crumb(), (title, None)],
        },
    )


def store_batch(request, form: UploadForm) -> ImportBatch:
    """The upload as a batch (with a saved mapping applied); the user's stale batches go."""
    ImportBatch.objects.filter(
        user=request.user,
        committed_at__isnull=True,
        created_at__lt=timezone.now() - STALE_AFTER,
    ).delete()
    entity = form.cleaned_data["entity"]
    table = form.table
    upload_file = form.cleaned_data["file"]
    batch = ImportBatch(
        user=request.user,
        entity=entity,
        filename=upload_file.name[:255],
        data=form.data_bytes,
        size=len(form.data_bytes),
        sheet=form.cleaned_data["sheet"],
    )
    saved = SavedMapping.objects.filter(
        user=request.user, entity=entity, fingerprint=headers_fingerprint(table.headers)
    ).first()
    if saved is not None:
        batch.mapping = {str(i): name for i, name in saved.column_mapping(table.headers).items()}
        batch.saved_mapping = saved
    batch.save()
    return batch


# ---------------------------------------------------------------------------- templates


@require_GET
def template(request, entity: str, lang: str):
    """The blank import workbook of an entity, with its headers in Chinese or English."""
    require_uploads(request.user)
    if entity not in ENTITIES or lang not in ("zh", "en"):
        raise Http404
    chosen = ENTITIES[entity]
    with translation.override("zh-hans" if lang == "zh" else "en"):
        content = template_bytes(chosen, lang)
        label = chosen.label
        filename = f"{label}-导入模板.xlsx" if lang == "zh" else f"{label}-import-template.xlsx"
    response = HttpResponse(content, content_type=FORMATS["xlsx"])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename.replace(" ", "-")
    )
    return response


# ---------------------------------------------------------------------------- preview


@dataclass
class ShownRow:
    """A row of a result as the page shows it, from a live result or a commit's kept rows."""

    number: int
    outcome: str
    label: str = ""
    changes: list[str] = field(default_factory=list)
    note: str = ""
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column, message)

    @classmethod
    def of(cls, row: RowResult, changes: dict[str, str]) -> ShownRow:
        return cls(
            row.number,
            str(row.outcome),
            row.label,
            [changes.get(name, name) for name in row.changes],
            row.note,
            [(error.column, error.message) for error in row.errors],
        )

    @classmethod
    def kept(cls, data: dict) -> ShownRow:
        return cls(
            data["number"],
            data["outcome"],
            data.get("label", ""),
            list(data.get("changes", [])),
            data.get("note", ""),
            [tuple(error) for error in data.get("errors", [])],
        )

    @property
    def style(self) -> str:
        return OUTCOME_STYLES.get(self.outcome, "secondary")

    @property
    def outcome_label(self) -> str:
        return outcome_labels().get(self.outcome, self.outcome)

    def as_json(self) -> dict:
        data = {"number": self.number, "outcome": self.outcome}
        for name in ("label", "changes", "note"):
            if getattr(self, name):
                data[name] = getattr(self, name)
        if self.errors:
            data["errors"] = [list(error) for error in self.errors]
        return data


def change_labels(entity: Entity) -> dict[str, str]:
    """The service names changed fields by their Chinese label; this gives the user's."""
    if ui_lang() == "zh":
        return {}
    return {column.label_zh: column.label_en for column in entity.bound_columns()}


def shown_rows(rows: list[RowResult], entity: Entity, limit: int) -> tuple[list, list]:
    """The first rows with errors and the first other rows, each at most ``limit``."""
    changes = change_labels(entity)
    errors, others = [], []
    for row in rows:
        target = errors if row.outcome == Outcome.ERROR else others
        if len(target) < limit:
            target.append(ShownRow.of(row, changes))
        elif len(errors) >= limit and len(others) >= limit:
            break
    return errors, others


def result_view(rows_with_errors: list[ShownRow], other_rows: list[ShownRow], counts) -> dict:
    """What the result tables show: counts as badges, error lines, other rows, what is left out."""
    labels = outcome_labels()
    error_lines = [
        (row, column, message) for row in rows_with_errors for column, message in row.errors
    ][:SHOWN_ROWS]
    total_errors = counts.get(Outcome.ERROR, 0)
    total_others = sum(counts.values()) - total_errors
    return {
        "badges": [
            {
                "outcome": outcome,
                "label": labels[outcome],
                "style": OUTCOME_STYLES[outcome],
                "count": counts.get(outcome, 0),
            }
            for outcome in OUTCOME_STYLES
        ],
        "error_lines": error_lines,
        "error_rows": total_errors,
        "errors_cut": len(error_lines) < sum(len(row.errors) for row in rows_with_errors)
        or len(rows_with_errors) < total_errors,
        "other_rows": other_rows,
        "other_total": total_others,
        "others_cut": len(other_rows) < total_others,
        "total": sum(counts.values()),
    }


@dataclass
class Preview:
    """A dry run of a batch, or why there is none."""

    table: Table | None = None
    mapping: dict[int, str] = field(default_factory=dict)
    result: ImportResult | None = None
    read_error: str = ""
    mapping_error: str = ""
    examples: list = field(default_factory=list)  # the first data row's cells


def read_batch(batch: ImportBatch, entity: Entity) -> Table:
    return read_table(
        bytes(batch.data),
        batch.filename,
        header_names=header_names(entity),
        sheet=batch.sheet or None,
    )


def dry_run(request, batch: ImportBatch, entity: Entity) -> Preview:
    preview = Preview()
    try:
        table = read_batch(batch, entity)
    except ReadError as error:
        preview.read_error = str(error)
        return preview
    preview.table = table
    mapping = batch.column_mapping()
    preview.mapping = mapping if mapping is not None else match_headers(table.headers, entity)
    rows = table.rows

    def watched():
        for row in rows:
            if not preview.examples:
                preview.examples = row.cells
            yield row

    table.rows = watched()
    tracker = Progress(batch.pk, batch.summary.get("rows") or None, committing=False)
    try:
        preview.result = run_import(
            table,
            entity,
            mapping=preview.mapping,
            user=request.user,
            commit=False,
            progress=tracker,
        )
    except MappingError as error:
        preview.mapping_error = str(error)
        try:  # the first row still helps to choose the mapping
            first = next(rows, None)
        except ReadError:
            first = None
        preview.examples = first.cells if first else []
    except ReadError as error:
        preview.read_error = str(error)
    finally:
        tracker.finish()
    return preview


def run_summary(result: ImportResult | None, error: str = "") -> dict:
    counts = result.counts if result is not None else Counter()
    return {
        "counts": {str(outcome): counts.get(outcome, 0) for outcome in OUTCOME_STYLES},
        "rows": sum(counts.values()),
        "committed": bool(result and result.committed),
        "dry_run": bool(result and result.dry_run),
        "valid_rows_only": bool(result and result.valid_rows_only),
        "error": error,
        "at": timezone.now().isoformat(),
    }


def batch_context(request, batch: ImportBatch, entity: Entity) -> dict:
    entity_label = capfirst(entity.label)
    return {
        "title": batch.filename,
        "batch": batch,
        "entity": entity,
        "entity_label": entity_label,
        "entity_list_url": list_url(entity.model),
        "can_import": can_import(request.user, entity),
        "preview_url": reverse("imports:preview", kwargs={"pk": batch.pk}),
        "report_url": reverse("imports:report", kwargs={"pk": batch.pk}),
        "breadcrumbs": crumbs((batch.filename, None)),
    }


def preview_context(request, batch: ImportBatch, entity: Entity, form: MappingForm | None = None):
    """Run the dry run (saving its summary on the batch) and give what the preview shows."""
    preview = dry_run(request, batch, entity)
    error = preview.read_error or preview.mapping_error
    summary = run_summary(preview.result, error)
    ImportBatch.objects.filter(pk=batch.pk, committed_at__isnull=True).update(summary=summary)
    context = {
        "preview": preview,
        "summary": summary,
        "in_background": summary["rows"] > settings.IMPORT_INLINE_MAX_ROWS,
    }
    if preview.table is not None:
        if form is None or form.is_valid():  # a valid form shows what was stored
            form = MappingForm(
                entity=entity,
                headers=preview.table.headers,
                initial=MappingForm.initial_for(preview.mapping),
            )
        examples = preview.examples
        context["mapping_form"] = form
        context["mapping_rows"] = [
            (letter, header, bound, examples[index] if index < len(examples) else None)
            for index, (letter, header, bound) in enumerate(form.rows())
        ]
        context["notes"] = preview.table.notes
        context["mapping_saved"] = bool(
            batch.saved_mapping_id
            and batch.column_mapping() == preview.mapping
            and not preview.mapping_error
        )
        context["mapping_automatic"] = batch.mapping is None
    if preview.result is not None:
        errors, others = shown_rows(preview.result.rows, entity, SHOWN_ROWS)
        context.update(result_view(errors, others, preview.result.counts))
        context["summary_line"] = summary_line(preview.result)
    return context


@require_GET
def batch(request, pk: int):
    """A batch: its preview (fetched by htmx once the page is shown), or what its commit did."""
    item = user_batch(request, pk, with_data=False)
    entity = batch_entity(item)
    context = batch_context(request, item, entity)
    if item.committed:
        kept = ImportBatch.objects.filter(pk=item.pk).values_list("report", flat=True).first()
        rows = [ShownRow.kept(data) for data in kept or []]
        errors = [row for row in rows if row.outcome == Outcome.ERROR][:SHOWN_ROWS]
        others = [row for row in rows if row.outcome != Outcome.ERROR][:SHOWN_ROWS]
        counts = Counter(item.summary.get("counts", {}))
        context.update(result_view(errors, others, counts))
        context["committed_rows"] = sum(counts.get(o, 0) for o in (Outcome.CREATE, Outcome.UPDATE))
    else:
        context["expected_rows"] = item.summary.get("rows") or None
        context["import_job"] = import_job(item.pk)
    return render(request, "imports/batch.html", context)


@require_http_methods(["GET", "POST"])
def preview(request, pk: int):
    """GET: the dry run's preview (a fragment for htmx, else the whole page). POST: store the
    column mapping chosen (and save it for files with these headers if asked), then preview."""
    item = user_batch(request, pk, with_data=True)
    entity = batch_entity(item)
    if item.committed:
        return redirect_to_batch(request, item)
    form = None
    if request.method == "POST":
        form = update_mapping(request, item, entity)
        if not is_htmx(request):
            return redirect_to_batch(request, item, preview=True)
    context = batch_context(request, item, entity)
    context.update(preview_context(request, item, entity, form))
    if is_htmx(request):
        context["fragment"] = True
        response = render(request, "imports/includes/preview.html", context)
    else:
        context["inline_preview"] = True
        response = render(request, "imports/batch.html", context)
    response["Vary"] = "HX-Request"
    return response


def redirect_to_batch(request, item: ImportBatch, preview: bool = False):
    name = "imports:preview" if preview else "imports:batch"
    url = reverse(name, kwargs={"pk": item.pk})
    if is_htmx(request):
        return HttpResponse(status=204, headers={"HX-Redirect": url})
    return HttpResponseRedirect(url)


def update_mapping(request, item: ImportBatch, entity: Entity) -> MappingForm | None:
    """Store the mapping posted (or go back to matching by headers); save it if asked."""
    try:
        headers = read_batch(item, entity).headers
    except ReadError:
        return None  # the preview says what is wrong with the file
    if request.POST.get("action") == "automatic":
        item.mapping = None
        item.saved_mapping = None
        item.save(update_fields=["mapping", "saved_mapping"])
        messages.info(request, _("The columns are matched by their headers again."))
        return None
    form = MappingForm(request.POST, entity=entity, headers=headers)
    if not form.is_valid():
        return form
    mapping = form.mapping()
    item.mapping = {str(index): name for index, name in mapping.items()}
    if form.cleaned_data["save"]:
        try:
            check_mapping(mapping, entity, headers)
        except MappingError:
            messages.warning(
                request,
                _("The mapping was not saved: correct it first (see the message below)."),
            )
        else:
            saved, _created = SavedMapping.objects.update_or_create(
                user=request.user,
                entity=entity.name,
                fingerprint=headers_fingerprint(headers),
                defaults={
                    "headers": headers,
                    "mapping": SavedMapping.by_header(headers, mapping),
                },
            )
            item.saved_mapping = saved
            messages.success(
                request,
                _("Mapping saved: files with these headers will be read the same way."),
            )
    item.save(update_fields=["mapping", "saved_mapping"])
    return form


# ---------------------------------------------------------------------------- commit


def import_job(batch_pk: int):
    """The batch's import job still queued or running, if any."""
    return (
        BackgroundJob.objects.filter(pending(JobKind.IMPORT, batch=batch_pk))
        .defer("output", "params")
        .first()
    )


def runs_inline(item: ImportBatch) -> bool:
    """A file of up to ``IMPORT_INLINE_MAX_ROWS`` rows (as its preview counted them) imports
    within the request, as users expect of a small file; a larger one runs as a background job
    (``docs/decisions/0013``)."""
    rows = item.summary.get("rows")
    return rows is None or rows <= settings.IMPORT_INLINE_MAX_ROWS


@require_POST
def commit(request, pk: int):
    """Import the batch for real, in one transaction; a file with errors writes nothing unless
    the user chose to import only the valid rows. A large file is imported by the worker."""
    item = user_batch(request, pk, with_data=True, lock=True)
    entity = batch_entity(item)
    if not can_import(request.user, entity):
        raise PermissionDenied
    target = reverse("imports:batch", kwargs={"pk": item.pk})
    if item.committed:
        messages.error(request, _("This file has already been imported; it cannot be again."))
        return HttpResponseRedirect(target)
    running = import_job(item.pk)
    if running is not None:
        messages.info(request, _("This file is being imported: follow it on its job's page."))
        return HttpResponseRedirect(running.get_absolute_url())
    form = CommitForm(request.POST)
    valid_rows_only = form.is_valid() and form.cleaned_data["valid_rows_only"]
    if not runs_inline(item):
        job = start_jobs(
            JobKind.IMPORT,
            request.user,
            _("Import of %(file)s") % {"file": item.filename},
            {"batch": item.pk, "valid_rows_only": valid_rows_only},
        )
        messages.info(
            request,
            _("The import runs in the background: you may leave this page, its result waits here."),
        )
        return HttpResponseRedirect(job.get_absolute_url())
    tracker = Progress(item.pk, item.summary.get("rows") or None, committing=True)
    try:
        result = commit_batch(item, entity, request.user, valid_rows_only, tracker)
    except (ReadError, MappingError) as error:
        messages.error(request, _("Nothing was imported: %(error)s") % {"error": error})
        return HttpResponseRedirect(target)
    finally:
        tracker.finish()
    if result.committed:
        messages.success(request, summary_line(result))
    else:
        messages.error(request, not_imported_message(result))
    return HttpResponseRedirect(target)


def commit_batch(item: ImportBatch, entity: Entity, user, valid_rows_only: bool, progress):
    """Run the import of the batch for real and keep its result on the batch (the web's commit
    and the background job share it). Raises ``ReadError`` or ``MappingError`` (nothing is
    written then); a result that is not committed had row errors."""
    result = run_import(
        read_batch(item, entity),
        entity,
        mapping=item.column_mapping(),
        user=user,
        commit=True,
        valid_rows_only=valid_rows_only,
        progress=progress,
    )
    item.summary = run_summary(result)
    fields = ["summary"]
    if result.committed:
        changes = change_labels(entity)
        ordered = sorted(result.rows, key=lambda row: row.outcome != Outcome.ERROR)
        item.report = [ShownRow.of(row, changes).as_json() for row in ordered[:KEPT_ROWS]]
        item.committed_at = timezone.now()
        item.valid_rows_only = valid_rows_only
        fields += ["report", "committed_at", "valid_rows_only"]
    item.save(update_fields=fields)
    return result


def not_imported_message(result: ImportResult) -> str:
    errors = result.counts[Outcome.ERROR]
    return ngettext(
        "Nothing was imported: %(n)s row has errors. Correct the file and upload it "
        "again, or choose to import only the valid rows.",
        "Nothing was imported: %(n)s rows have errors. Correct the file and upload it "
        "again, or choose to import only the valid rows.",
        errors,
    ) % {"n": errors}


# ---------------------------------------------------------------------------- progress


@require_GET
def progress(request, pk: int):
    """How far the running preview or import of the batch has got: a fragment the waiting page
    fetches every second (``data-progress-url`` in app.js)."""
    item = user_batch(request, pk)
    state = progress_of(item.pk)
    if state:  # 12,300 of 100,000: grouped digits read at a glance, in either language
        state["done_text"] = f"{state['done']:,}"
        state["total_text"] = f"{state['total']:,}" if state["total"] else ""
    return render(request, "imports/includes/progress.html", {"batch": item, "state": state})


# ---------------------------------------------------------------------------- report


@require_GET
def report(request, pk: int):
    """Every row's outcome as CSV (row, outcome, column, message): what the page leaves out."""
    item = user_batch(request, pk, with_data=True)
    entity = batch_entity(item)
    labels = outcome_labels()
    lines: list[list] = [[_("Row"), _("Outcome"), _("Column"), _("Message")]]
    if item.committed:
        rows = [ShownRow.kept(data) for data in item.report or []]
        cut = sum(item.summary.get("counts", {}).values()) - len(rows)
    else:
        result = dry_run(request, item, entity)
        if result.result is None:
            lines.append(["", labels[Outcome.ERROR], "", result.read_error or result.mapping_error])
            rows, cut = [], 0
        else:
            changes = change_labels(entity)
            ordered = sorted(result.result.rows, key=lambda row: row.outcome != Outcome.ERROR)
            rows = [ShownRow.of(row, changes) for row in ordered]
            cut = 0
    for row in rows:
        outcome = labels.get(row.outcome, row.outcome)
        if row.errors:
            for column, message in row.errors:
                lines.append([row.number, outcome, safe_cell(column), safe_cell(message)])
            continue
        parts = [row.label]
        if row.changes:
            parts.append(_("changes: %(fields)s") % {"fields": "、".join(row.changes)})
        if row.note:
            parts.append(row.note)
        lines.append([row.number, outcome, "", safe_cell("; ".join(p for p in parts if p))])
    if cut > 0:
        lines.append(
            [
                "",
                "",
                "",
                ngettext(
                    "%(n)s more row is not kept with the import.",
                    "%(n)s more rows are not kept with the import.",
                    cut,
                )
                % {"n": cut},
            ]
        )
    response = HttpResponse(csv_bytes(lines), content_type=FORMATS["csv"])
    stem = item.filename.rsplit(".", 1)[0] or "import"
    suffix = _("report")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{stem}-{suffix}.csv"
    )
    return response
