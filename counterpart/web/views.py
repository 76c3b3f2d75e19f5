from decimal import Decimal

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, Q, Sum
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from counterpart.projects.choices import ProjectStatus, Stage, stages_from
from counterpart.projects.models import FundsInPlace, Project

from .forms import LanguageForm, LoginForm


def home(request):
    """A placeholder dashboard: the headline figures of the whole ledger."""
    signed = stages_from(Stage.SIGNED)
    projects = Project.objects.with_counted_value().aggregate(
        total=Count("pk"),
        signed=Count("pk", filter=Q(stage__in=signed)),
        signed_value=Sum("counted_value", filter=Q(stage__in=signed)),
        pipeline=Count(
            "pk",
            filter=Q(stage__in=[Stage.LEAD, Stage.NEGOTIATING], status=ProjectStatus.ACTIVE),
        ),
    )
    funds = FundsInPlace.objects.aggregate(total=Sum("amount"))["total"]
    list_url = reverse("projects:project_list")
    signed_query = "&".join(f"stage={s}" for s in signed)
    figures = {
        "projects": projects["total"],
        "signed": projects["signed"],
        "signed_value": projects["signed_value"] or Decimal(0),
        "pipeline": projects["pipeline"],
        "funds": funds or Decimal(0),
        "projects_url": list_url,
        "signed_url": f"{list_url}?{signed_query}",
        "pipeline_url": f"{list_url}?stage={Stage.LEAD}&stage={Stage.NEGOTIATING}"
        f"&status={ProjectStatus.ACTIVE}",
    }
    return render(request, "web/home.html", {"figures": figures})


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def _safe_next(request) -> str:
    url = request.POST.get("next") or request.META.get("HTTP_REFERER", "")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("home")


@login_not_required
@require_POST
def set_language(request):
    """Switch the interface language: saved on the user, and in Django's language cookie."""
    language = request.POST.get("language", "")
    response = HttpResponseRedirect(_safe_next(request))
    if language not in {code for code, _name in settings.LANGUAGES}:
        return response
    if request.user.is_authenticated:
        form = LanguageForm({"language": language}, instance=request.user)
        if form.is_valid():
            form.save()
    translation.activate(language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
