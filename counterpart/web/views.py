from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .forms import LanguageForm, LoginForm


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
