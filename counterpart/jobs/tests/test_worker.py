"""The production path: django-tasks' database backend queues a job when the request's
transaction commits, and ``counterpart worker`` (django-tasks' db_worker) runs it in this
process, as it would in its own. Not in a test transaction: the worker takes its own.
"""

from __future__ import annotations

import signal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django_tasks import ResultStatus, default_task_backend
from django_tasks.backends.database.models import DBTaskResult

from counterpart.core.choices import Channel
from counterpart.core.models import ChangeRecord
from counterpart.core.testing import run_command
from counterpart.jobs.models import BackgroundJob, JobStatus
from counterpart.press.jobs import start_ingestion_job
from counterpart.press.models import SourceDocument

pytestmark = pytest.mark.django_db(transaction=True)

ARTICLE = """哈尔滨与深圳合作项目签约
2023-06-10

6月9日，哈尔滨—深圳经贸合作推介会在深圳举行。会上共签约项目12个，签约总额20.5亿元。
"""
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks.backends.database.DatabaseBackend"}}


def worker(*options: str) -> None:
    """The worker as `counterpart worker --batch` (it exits when nothing is left), with the
    signal handlers it installs put back afterwards."""
    saved = {number: signal.getsignal(number) for number in SIGNALS}
    try:
        call_command(
            "worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0", *options
        )
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


def test_a_job_waits_for_the_worker_and_the_worker_runs_it(settings):
    settings.TASKS = DATABASE_TASKS
    user = get_user_model().objects.create_user("w-user", password="x")
    with transaction.atomic():  # as a request: queued when it commits, not before
        job = start_ingestion_job(user, [(ARTICLE.encode(), "worker.txt")])
        assert not DBTaskResult.objects.exists()
    task = DBTaskResult.objects.get()
    assert str(task.id) == job.task_id and task.status == ResultStatus.READY
    assert job.status == JobStatus.QUEUED and not SourceDocument.objects.exists()
    assert f"{job.pk}" in run_command("jobs") and "queued" in run_command("jobs")

    worker("--max-tasks", "1")

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert (job.done, job.total) == (1, 1) and job.finished_at is not None
    task.refresh_from_db()
    assert task.status == ResultStatus.SUCCEEDED
    assert default_task_backend.get_result(job.task_id).status == ResultStatus.SUCCEEDED
    document = SourceDocument.objects.get(reference="worker.txt")
    record = ChangeRecord.objects.for_object(document).first()
    assert (record.channel, record.user_id) == (Channel.TASK, user.pk)


def test_a_failing_job_fails_its_task_too(settings):
    settings.TASKS = DATABASE_TASKS
    user = get_user_model().objects.create_user("w-user", password="x")
    job = start_ingestion_job(user, [(b"\x00\x01PK" * 50, "broken.txt")])
    worker()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "broken.txt" in job.error
    task = DBTaskResult.objects.get()
    assert task.status == ResultStatus.FAILED
    assert "JobFailed" in task.exception_class_path  # the traceback stays with the task
    assert not BackgroundJob.objects.filter(status=JobStatus.QUEUED).exists()


def test_the_worker_refuses_a_backend_that_is_not_the_database(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with pytest.raises(Exception, match="not a database backend"):
        worker()
