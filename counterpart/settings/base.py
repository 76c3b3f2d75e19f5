"""Settings shared by every environment; environment modules override what differs."""

import copy
import datetime
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent
# ../shared beside the project holds the seed articles and reference material; it may be absent.
SHARED_DIR = PROJECT_DIR.parent / "shared"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_filters",
    "django_tables2",
    "csp",
    "axes",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks.backends.database",
    "counterpart.core",
    "counterpart.users",
    "counterpart.geo",
    "counterpart.industries",
    "counterpart.organizations",
    "counterpart.events",
    "counterpart.projects",
    "counterpart.indicators",
    "counterpart.press",
    "counterpart.sample",
    "counterpart.reports",
    "counterpart.imports",
    "counterpart.ops",
    "counterpart.jobs",
    "counterpart.web",
]

MIDDLEWARE = [
    # First: a request id and one log line per request (counterpart/ops/middleware.py).
    "counterpart.ops.middleware.RequestLogMiddleware",
    # Load balancers' probes (/health/, /ready/) are answered here, before the host check, the
    # HTTPS redirect, sessions and login: they probe each server directly, often over plain HTTP
    # and by its address.
    "counterpart.ops.middleware.ProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "counterpart.web.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "counterpart.core.middleware.ChangeContextMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its response.
    "axes.middleware.AxesMiddleware",
]

# Content Security Policy (django-csp): scripts only from our own static files, no inline script
# and no eval; inline style attributes stay allowed (charts and a few templates set widths).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Login throttling (django-axes): five failed attempts for one user name from one address lock
# that pair out for fifteen minutes; a successful login resets the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "counterpart.users.backends.RoleBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# REST API (counterpart/core/api/): a token (``Authorization: Token …``) or the browser's session;
# JSON only (no browsable API: its forms would list every related row); limit/offset pages.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "counterpart.core.api.pagination.LimitOffsetWithMax",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "counterpart.core.api.exceptions.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# OpenAPI 3 schema (drf-spectacular), committed as docs/api/openapi.yaml (`make schema`).
SPECTACULAR_SETTINGS = {
    "TITLE": "Counterpart API",
    "DESCRIPTION": (
        "Counterpart cooperation and investment-attraction ledger. Authenticate with "
        "`Authorization: Token <key>` (a key from `counterpart api-token USER` or the admin)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": "/api/",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "ENUM_NAME_OVERRIDES": {
        "MoneyBasisEnum": "counterpart.core.choices.MoneyBasis",
        "LanguageEnum": "counterpart.core.choices.Language",
        "InterfaceLanguageEnum": [("zh-hans", "zh-hans"), ("en", "en")],
        "StageEnum": "counterpart.projects.choices.Stage",
        "ProjectStatusEnum": "counterpart.projects.choices.ProjectStatus",
        "ReviewStatusEnum": "counterpart.press.models.FigureStatus",
    },
    # Swagger UI and Redoc from our own static files (drf-spectacular-sidecar), never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No badge from the public validator (validator.swagger.io): nothing leaves the network.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}

ROOT_URLCONF = "counterpart.urls"
WSGI_APPLICATION = "counterpart.wsgi.application"
AUTH_USER_MODEL = "users.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "counterpart.web.context_processors.navigation",
            ],
        },
    },
]

DEFAULT_DATABASE_URL = f"sqlite:///{PROJECT_DIR / 'var' / 'counterpart.sqlite3'}"


def database_from_url(url: str, conn_max_age: int = 60, connect_timeout: int = 5) -> dict:
    """One database, chosen by DATABASE_URL; every request runs in one transaction.

    PostgreSQL connections live ``conn_max_age`` seconds (reused across requests, checked before
    reuse) and give up connecting after ``connect_timeout`` seconds, so that a database that is
    gone fails the readiness probe quickly instead of hanging a worker.
    """
    config = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
    config["ATOMIC_REQUESTS"] = True
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {"init_command": "PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL;"}
    elif config["ENGINE"] == "django.db.backends.postgresql":
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", connect_timeout)
    return config


# Cache and sessions (docs/deployment.md). The cache carries little: the import's progress
# counter (counterpart/imports/progress.py) and the readiness probe's test key. Several
# application servers must share it, so production never uses one process's memory.
CACHE_TABLE = "counterpart_cache"
CACHE_DATABASE = "cache"  # the database cache's own connection, see shared_cache()
DATABASE_ROUTERS = ["counterpart.ops.cache.CacheRouter"]


def redis_cache(url: str) -> dict:
    """Django's Redis cache at REDIS_URL; a Redis that does not answer fails within seconds."""
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"REDIS_URL must be a redis://, rediss:// or unix:// address, not {url!r}"
        )
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "counterpart",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }


def shared_cache(databases: dict, cache_dir: Path) -> dict:
    """The cache several servers (or several worker processes) share when there is no Redis.

    PostgreSQL: the database's cache table (``createcachetable``, run after every ``migrate``),
    reached through a connection of its own: requests run in one transaction, and an import's
    progress written through the request's connection would stay invisible to the page polling
    it until the import ends. ``databases`` gains that connection, in autocommit. SQLite: one
    machine, so files under ``cache_dir``, which every worker process of that machine shares.
    """
    default = databases["default"]
    if default["ENGINE"] == "django.db.backends.sqlite3":
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(cache_dir),
            }
        }
    databases[CACHE_DATABASE] = {
        **copy.deepcopy(default),
        "ATOMIC_REQUESTS": False,
        "TEST": {"MIRROR": "default"},
    }
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
        }
    }


DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = PROJECT_DIR / "staticfiles"
# Vendored front-end assets (scripts/vendor_assets.*) live in counterpart/static/vendor/.
STATICFILES_DIRS = [BASE_DIR / "static"]
DJANGO_TABLES2_TEMPLATE = "web/table.html"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Language switching sets Django's cookie; a signed-in user's own choice (User.language) wins.
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Sample users with printed passwords exist only where this is true (development settings).
SAMPLE_USERS_ALLOWED = False

# Imports (counterpart/imports/readers.py): what one uploaded spreadsheet may cost.
IMPORT_MAX_BYTES = 20 * 1024 * 1024  # the upload itself
IMPORT_MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # an .xlsx/.ods unpacked
IMPORT_MAX_ZIP_RATIO = 200  # compression ratio of any part over 1 MiB unpacked
IMPORT_MAX_ZIP_MEMBERS = 10_000
IMPORT_MAX_COLUMNS = 200
IMPORT_MAX_ROWS = 1_000_000
IMPORT_HEADER_SEARCH_ROWS = 30
IMPORT_MAX_CELLS = 10_000_000  # a sheet's used rectangle, which calamine allocates whole

# Background jobs (counterpart/jobs, docs/decisions/0013): django-tasks with its database backend;
# `counterpart worker` runs them. A task is queued when the transaction that asked for it commits.
TASKS = {"default": {"BACKEND": "django_tasks.backends.database.DatabaseBackend"}}
# An import of at most this many rows (as its preview counted them) commits within its request;
# a larger one runs as a background job.
IMPORT_INLINE_MAX_ROWS = 2000
