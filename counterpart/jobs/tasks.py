"""The one django-tasks task: run a ``BackgroundJob`` (``services.run``)."""

from django_tasks import task

from . import services


@task()
def run_job(job_pk: int) -> dict:
    return services.run(job_pk)
