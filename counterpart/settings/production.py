"""Production: everything secret or host-specific comes from the environment."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from counterpart.ops.logs import logging_config

from .base import *  # noqa: F403
from .base import MIDDLEWARE, PROJECT_DIR, database_from_url, redis_cache, shared_cache


def required_env(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable for production.")
    return value


def int_env(name: str, default: int, minimum: int = 0) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = minimum - 1
    if number < minimum:
        raise ImproperlyConfigured(
            f"{name} must be a whole number of at least {minimum}: {value!r}"
        )
    return number


DEBUG = False
SECRET_KEY = required_env("SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in required_env("ALLOWED_HOSTS").split(",") if h.strip()]
DATABASES = {
    "default": database_from_url(
        required_env("DATABASE_URL"),
        conn_max_age=int_env("DATABASE_CONN_MAX_AGE", 60),
        connect_timeout=int_env("DATABASE_CONNECT_TIMEOUT", 5, minimum=1),
    )
}

# Several application servers share one cache and the sessions: Redis when REDIS_URL is set
# (sessions written to the database and read from Redis, so that they outlive a Redis restart),
# otherwise the database's cache table (SQLite: files on the one machine) and database sessions.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = redis_cache(REDIS_URL)
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = shared_cache(DATABASES, Path(os.environ.get("CACHE_DIR") or PROJECT_DIR / "var/cache"))
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Static files: `counterpart collectstatic` copies them, with hashed names and compressed copies,
# into STATIC_ROOT; WhiteNoise serves them from there with far-future cache headers.
MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or PROJECT_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# JSON lines on standard output (LOG_FORMAT=text for readable lines), level LOG_LEVEL.
LOGGING = logging_config(
    json=os.environ.get("LOG_FORMAT", "json").strip().lower() != "text",
    level=os.environ.get("LOG_LEVEL", "INFO").strip().upper() or "INFO",
)

# HTTPS only. Behind a proxy that terminates TLS, set SECURE_PROXY_SSL_HEADER_NAME (for example
# HTTP_X_FORWARDED_PROTO) so that Django knows a request came in over HTTPS. The probes
# (/health/, /ready/) need no SECURE_REDIRECT_EXEMPT: ops.middleware.ProbeMiddleware answers them
# before SecurityMiddleware (and before host validation), for balancers that ask over HTTP.
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
if os.environ.get("SECURE_PROXY_SSL_HEADER_NAME"):
    SECURE_PROXY_SSL_HEADER = (os.environ["SECURE_PROXY_SSL_HEADER_NAME"], "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
