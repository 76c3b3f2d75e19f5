"""The brief page: choose a subject, languages and a document; a background job makes it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from counterpart.core.views import home_crumb
from counterpart.jobs.models import BackgroundJob, JobKind
from counterpart.jobs.services import start

from .forms import BriefForm

RECENT = 5


@require_http_methods(["GET", "POST"])
def brief(request):
    """Every role may read the briefs' figures (reports are province-wide), so may make one."""
    if request.method == "POST":
        form = BriefForm(request.POST)
        if form.is_valid():
            job = start(JobKind.BRIEF, request.user, form.title(), form.params())
            messages.info(
                request, _("The brief is being written: it will be ready to download here.")
            )
            return HttpResponseRedirect(job.get_absolute_url())
    else:
        form = BriefForm()
    title = _("Brief as a document")
    recent = (
        BackgroundJob.objects.filter(owner=request.user, kind=JobKind.BRIEF)
        .defer("output", "params")
        .order_by("-created_at", "-pk")[:RECENT]
    )
    return render(
        request,
        "reports/brief_form.html",
        {
            "title": title,
            "form": form,
            "recent": recent,
            "breadcrumbs": [home_crumb(), (title, None)],
        },
    )
