from django.conf import settings

from .navigation import menu


def navigation(request) -> dict:
    """The navbar's sections and the languages the switch offers."""
    if not request.path.startswith("/admin/"):
        return {
            "nav_menu": menu(request.path, getattr(request, "user", None)),
            "ui_languages": settings.LANGUAGES,
        }
    return {}
