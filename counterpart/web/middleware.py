"""Which language a request is answered in.

The signed-in user's own choice (``User.language``) wins everywhere. Without one, the web
interface speaks Simplified Chinese unless the language cookie (set by the switch, also before
signing in) says otherwise: the browser's Accept-Language is not consulted there, since the
department works in Chinese and English is one click away. The admin keeps Django's own
negotiation (LocaleMiddleware: cookie, then Accept-Language).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def _supported(code: str) -> bool:
    return code in {c for c, _name in settings.LANGUAGES}


def request_language(request) -> str | None:
    """The language to activate, or None to keep LocaleMiddleware's choice."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and _supported(user.language):
        return user.language
    if request.path.startswith(reverse("admin:index")):
        return None
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return cookie if _supported(cookie) else settings.LANGUAGE_CODE


class UserLanguageMiddleware:
    """Activate the request's language; comes after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request_language(request)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
