"""A piece of long work run by the task worker, as its owner follows it.

django-tasks keeps its own row per task (``DBTaskResult``: arguments, status, traceback) for the
worker; a ``BackgroundJob`` is what people see: whose it is, what it is about, how far it has
got, what came of it (a summary, a link, a file to download) or why it failed, in words meant for
them. Not ledger data, so not change-logged: the rows a job writes leave their own records.
The file a job makes is kept in the database (``output``), as import uploads are: the
application runs on several servers against one database, with no shared disk.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobKind(models.TextChoices):
    IMPORT = "import", _("import")
    INGEST = "ingest", _("ingestion of articles")
    BRIEF = "brief", _("brief")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("succeeded")
    FAILED = "failed", _("failed")


UNFINISHED = (JobStatus.QUEUED, JobStatus.RUNNING)


class BackgroundJob(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.CASCADE,
        related_name="background_jobs",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=JobKind.choices)
    title = models.CharField(_("title"), max_length=255)
    status = models.CharField(
        _("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    task_id = models.CharField(
        _("task id"), max_length=64, blank=True, help_text=_("The django-tasks result's id.")
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    language = models.CharField(
        _("language"),
        max_length=16,
        blank=True,
        help_text=_("The interface's language when the job was started."),
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    message = models.CharField(_("message"), max_length=500, blank=True)
    result = models.JSONField(
        _("result"), default=dict, blank=True, help_text=_("Summary and link to what was made.")
    )
    error = models.TextField(_("error"), blank=True)
    output = models.BinaryField(_("file made"), null=True, blank=True)
    output_name = models.CharField(_("file name"), max_length=255, blank=True)
    output_type = models.CharField(_("file type"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    started_at = models.DateTimeField(_("running since"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last progress"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="jobs_owner_created_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("jobs:job", kwargs={"pk": self.pk})

    def run_language(self) -> str:
        """The language the job speaks in: its owner's choice (as on the pages), else the one
        of the page that started it, else the default."""
        chosen = getattr(self.owner, "language", "")
        supported = {code for code, _name in settings.LANGUAGES}
        for code in (chosen, self.language):
            if code in supported:
                return code
        return settings.LANGUAGE_CODE

    @property
    def waiting_long(self) -> bool:
        """Queued for over a minute: no worker is taking jobs, most likely."""
        return self.status == JobStatus.QUEUED and (
            timezone.now() - self.created_at > datetime.timedelta(minutes=1)
        )

    @property
    def finished(self) -> bool:
        return self.status not in UNFINISHED

    @property
    def has_output(self) -> bool:
        return bool(self.output_name)

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))
