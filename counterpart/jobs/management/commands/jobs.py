"""``counterpart jobs [--user NAME] [--limit N]`` lists background jobs; ``--watch ID`` follows one
until it ends (exit code 1 if it failed); ``--abandon ID`` marks as failed a job whose worker
died (killed, machine lost): django-tasks never runs a started task again, so it would show as
running for ever. Its writes were atomic: what it was writing then was rolled back."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from counterpart.jobs.models import BackgroundJob, JobStatus
from counterpart.jobs.services import finish, with_live_progress


def progress_text(job: BackgroundJob) -> str:
    if job.status == JobStatus.RUNNING:
        done = f"{job.done}/{job.total}" if job.total else str(job.done)
        return f"{done} {job.message}".strip()
    if job.status == JobStatus.FAILED:
        return job.error
    if job.status == JobStatus.SUCCEEDED:
        return str(job.result.get("summary", ""))
    return ""


class Command(BaseCommand):
    help = "List background jobs, or follow one (--watch ID) until it ends."

    def add_arguments(self, parser):
        parser.add_argument("--watch", type=int, metavar="ID", help="follow this job")
        parser.add_argument(
            "--abandon", type=int, metavar="ID", help="mark a job whose worker died as failed"
        )
        parser.add_argument("--user", help="only this user's jobs")
        parser.add_argument("--limit", type=int, default=20, help="how many (latest first)")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between two looks with --watch"
        )

    def handle(self, *args, **options):
        if options["abandon"] is not None:
            return self.abandon(options["abandon"])
        if options["watch"] is not None:
            return self.watch(options["watch"], options["interval"])
        jobs = BackgroundJob.objects.select_related("owner").defer("output", "params")
        if options["user"]:
            jobs = jobs.filter(owner__username=options["user"])
        jobs = with_live_progress(list(jobs[: options["limit"]]))
        if not jobs:
            self.stdout.write("No background jobs.")
        for job in jobs:
            self.stdout.write(self.line(job))

    @staticmethod
    def line(job: BackgroundJob) -> str:
        when = job.created_at.strftime("%Y-%m-%d %H:%M")
        text = progress_text(job)
        return (
            f"{job.pk:>5}  {when}  {job.status:<9}  {job.kind:<6}  {job.owner.get_username()}  "
            f"{job.title}" + (f"  — {text}" if text else "")
        )

    def abandon(self, pk: int) -> None:
        job = BackgroundJob.objects.select_related("owner").filter(pk=pk).first()
        if job is None:
            raise CommandError(f"No background job {pk}.")
        if job.finished:
            raise CommandError(f"Job {pk} has already {job.status}.")
        with translation.override(job.run_language()):
            message = _(
                "The worker running this job stopped before it ended; what it was writing then "
                "was not kept. Start it again."
            )
        finish(job, JobStatus.FAILED, error=message)
        self.stdout.write(f"Job {pk} marked as failed.")

    def watch(self, pk: int, interval: float) -> None:
        shown = None
        while True:
            job = BackgroundJob.objects.select_related("owner").defer("output").filter(pk=pk)
            job = job.first()
            if job is None:
                raise CommandError(f"No background job {pk}.")
            with_live_progress([job])
            line = self.line(job)
            if line != shown:
                self.stdout.write(line)
                shown = line
            if job.finished:
                if job.has_output:
                    self.stdout.write(f"File: {job.output_name} (download from the job's page)")
                if job.status == JobStatus.FAILED:
                    raise CommandError(f"Job {pk} failed.", returncode=1)
                return
            time.sleep(interval)
