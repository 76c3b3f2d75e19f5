"""The jobs' pages: the list ("My jobs"), a job with its progress (polled by htmx while it runs),
and the file it made.

A user sees their own jobs; department staff and administrators see everyone's
(``core.permissions``: ``OWN`` or ``ALL`` read of ``jobs.BackgroundJob``). Another user's job
does not exist for the others (404), its file neither.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from counterpart.core.permissions import restrict
from counterpart.core.views import home_crumb, is_htmx

from .models import BackgroundJob
from .services import with_live_progress

SHOWN_JOBS = 100
LIGHT_FIELDS = ("output", "params")  # never needed to show a job


def visible_jobs(user):
    return restrict(BackgroundJob.objects.all(), user).defer(*LIGHT_FIELDS)


def user_job(request, pk: int) -> BackgroundJob:
    job = get_object_or_404(visible_jobs(request.user).select_related("owner"), pk=pk)
    return with_live_progress([job])[0]


@require_GET
def job_list(request):
    jobs = list(visible_jobs(request.user).select_related("owner")[:SHOWN_JOBS])
    with_live_progress(jobs)
    title = _("Background jobs")
    context = {
        "title": title,
        "jobs": jobs,
        "others": any(job.owner_id != request.user.pk for job in jobs),
        "polling": any(not job.finished for job in jobs),
        "breadcrumbs": [home_crumb(), (title, None)],
    }
    if is_htmx(request):
        response = render(request, "jobs/includes/job_table.html", context)
    else:
        response = render(request, "jobs/job_list.html", context)
    response["Vary"] = "HX-Request"
    return response


@require_GET
def job_detail(request, pk: int):
    job = user_job(request, pk)
    context = {"job": job}
    if is_htmx(request):  # the polled part: while the job runs, it asks again
        response = render(request, "jobs/includes/job_status.html", context)
    else:
        context["title"] = job.title
        context["breadcrumbs"] = [
            home_crumb(),
            (_("Background jobs"), reverse("jobs:list")),
            (job.title, None),
        ]
        response = render(request, "jobs/job_detail.html", context)
    response["Vary"] = "HX-Request"
    return response


@require_GET
def download(request, pk: int):
    job = get_object_or_404(restrict(BackgroundJob.objects.all(), request.user), pk=pk)
    if not job.output_name or job.output is None:
        raise Http404
    response = HttpResponse(bytes(job.output), content_type=job.output_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=job.output_name
    )
    return response
