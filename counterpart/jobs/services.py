"""Starting a background job, reporting its progress, and running it in the worker.

One mechanism for every kind of long work: a feature names its handler in ``HANDLERS``
(``handler(job, progress) -> result dict``) and calls ``start()``; the worker runs
``tasks.run_job``, which calls ``run()`` here. A handler raises ``JobFailed`` with a message
for the user when the input is at fault; any other exception is logged with its traceback and
the user reads a short message with the job's number (no traceback reaches them).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from counterpart.core.changelog import change_context
from counterpart.core.choices import Channel

from .models import UNFINISHED, BackgroundJob, JobKind, JobStatus

logger = logging.getLogger(__name__)

# kind → "module.function" (imported when a job runs, so that this app depends on no feature).
HANDLERS: dict[str, str] = {
    JobKind.IMPORT: "counterpart.imports.jobs.commit_in_background",
    JobKind.INGEST: "counterpart.press.jobs.ingest_in_background",
    JobKind.BRIEF: "counterpart.reports.jobs.brief_in_background",
}

# Seconds between two progress writes: a write per row would slow the work down.
PUBLISH_EVERY = 0.5
CACHE_TIMEOUT = 3600


class JobFailed(Exception):
    """The job cannot be done, for a reason its owner can act on; the message is shown as is."""


def start(kind: str, owner, title: str, params: dict) -> BackgroundJob:
    """Record a job and queue it. With the database backend the task is queued when the
    caller's transaction commits (the worker then finds the job's row)."""
    from .tasks import run_job

    job = BackgroundJob.objects.create(
        owner=owner,
        kind=kind,
        title=title[:255],
        params=params,
        language=translation.get_language() or "",
    )
    result = run_job.enqueue(job.pk)
    # An immediate backend has already run it: only the task id is written here.
    BackgroundJob.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def pending(kind: str, **params) -> Q:
    """The unfinished jobs of a kind with these parameters (one import of a batch at a time)."""
    condition = Q(kind=kind, status__in=UNFINISHED)
    for name, value in params.items():
        condition &= Q(**{f"params__{name}": value})
    return condition


# ---------------------------------------------------------------------------- progress


def cache_key(job_pk: int) -> str:
    return f"counterpart:jobs:progress:{job_pk}"


@dataclass
class Progress:
    """What a handler calls as it goes: ``progress(done, total, message)``.

    Written to the job's row (through the worker's connection) and to the cache: work that runs
    in one transaction (an import) cannot show its row's updates to another connection until it
    ends, the cache shows them at once when it is shared (Redis or the database's cache table,
    as in production; ``docs/deployment.md``).
    """

    job_pk: int
    last: float = 0.0

    def __call__(self, done: int, total: int | None = None, message: str = "", force=False):
        now = time.monotonic()
        finished = total is not None and done >= total
        if not (force or finished or now - self.last >= PUBLISH_EVERY):
            return
        self.last = now
        values = {"done": done, "total": total, "message": message[:500]}
        cache.set(cache_key(self.job_pk), values, CACHE_TIMEOUT)
        BackgroundJob.objects.filter(pk=self.job_pk).update(**values, updated_at=timezone.now())


def with_live_progress(jobs: list[BackgroundJob]) -> list[BackgroundJob]:
    """The jobs with the progress the cache holds for those still running (one cache call)."""
    running = {job.pk: job for job in jobs if job.status == JobStatus.RUNNING}
    if running:
        found = cache.get_many([cache_key(pk) for pk in running])
        for pk, job in running.items():
            values = found.get(cache_key(pk))
            if values and values["done"] >= job.done:
                job.done, job.total, job.message = (
                    values["done"],
                    values["total"],
                    values["message"],
                )
    return jobs


# ---------------------------------------------------------------------------- running


def run(job_pk: int) -> dict:
    """Run a queued job (the worker's task calls this): its handler in the owner's language and
    change context (channel ``task``), its outcome recorded on the row."""
    now = timezone.now()
    claimed = BackgroundJob.objects.filter(pk=job_pk, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=now, updated_at=now
    )
    if not claimed:  # the one update decides: a job runs once
        logger.warning("Job %s is not queued (deleted or already run): skipped", job_pk)
        return {"skipped": True}
    job = BackgroundJob.objects.select_related("owner").get(pk=job_pk)
    handler = import_string(HANDLERS[job.kind])
    progress = Progress(job.pk)
    language = job.run_language()
    try:
        with translation.override(language), change_context(job.owner, Channel.TASK):
            result = handler(job, progress) or {}
    except JobFailed as error:
        logger.info("Job %s (%s) failed: %s", job.pk, job.kind, error)
        finish(job, JobStatus.FAILED, error=str(error))
        raise
    except Exception:
        logger.exception("Job %s (%s) failed unexpectedly", job.pk, job.kind)
        with translation.override(language):
            message = _(
                "The job stopped on an unexpected error, which was logged (job %(pk)s). What "
                "it was writing when it stopped was not kept."
            ) % {"pk": job.pk}
        finish(job, JobStatus.FAILED, error=message)
        raise
    finish(job, JobStatus.SUCCEEDED, result=result)
    return {"job": job.pk, "status": JobStatus.SUCCEEDED}


def save_output(job: BackgroundJob, data: bytes, name: str, content_type: str) -> None:
    """The file the job made, downloadable from its page once it has succeeded."""
    BackgroundJob.objects.filter(pk=job.pk).update(
        output=data, output_name=name[:255], output_type=content_type
    )


def finish(job: BackgroundJob, status: str, *, result: dict | None = None, error: str = ""):
    now = timezone.now()
    values = {"status": status, "finished_at": now, "updated_at": now, "error": error}
    if result is not None:
        values["result"] = result
    BackgroundJob.objects.filter(pk=job.pk).update(**values)
    cache.delete(cache_key(job.pk))
