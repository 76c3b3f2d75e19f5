"""Which language a request is answered in.

Simplified Chinese unless the signed-in user chose another language (``User.language``) or,
before signing in, the language cookie says otherwise. The browser's Accept-Language is not
consulted: the department works in Chinese, and English is one click away.
"""

from django.conf import settings
from django.utils import translation


def request_language(request) -> str:
    user = getattr(request, "user", None)
    choice = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
    if not choice:
        choice = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    codes = {code for code, _name in settings.LANGUAGES}
    return choice if choice in codes else settings.LANGUAGE_CODE


class UserLanguageMiddleware:
    """Activate the user's language; comes after AuthenticationMiddleware (and LocaleMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        return self.get_response(request)
