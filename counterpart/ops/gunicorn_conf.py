"""gunicorn's configuration for production (``counterpart serve`` loads it; by hand:
``gunicorn -c python:counterpart.ops.gunicorn_conf``). Every setting comes from the environment
(docs/deployment.md); gunicorn's own logs are JSON lines on standard output like the
application's.

The application writes one line per request itself (``counterpart.request``: method, path,
status, duration, user, request id), so gunicorn's access log is off unless
GUNICORN_ACCESS_LOG=true asks for it, e.g. to see requests that a worker timeout cut short.
"""

from __future__ import annotations

import os

from gunicorn import glogging

from counterpart.ops.logs import json_formatter


def _int(name: str, default: int, minimum: int = 1) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < minimum:
        raise SystemExit(f"{name} must be a whole number of at least {minimum}: {value!r}")
    return int(value)


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value not in ("true", "false", "1", "0", "yes", "no"):
        raise SystemExit(f"{name} must be true or false: {value!r}")
    return value in ("true", "1", "yes")


def default_workers() -> int:
    """Two processes per core, plus one: requests mostly wait on the database."""
    return 2 * (os.cpu_count() or 1) + 1


wsgi_app = "counterpart.wsgi:application"
bind = os.environ.get("BIND", "").strip() or f"0.0.0.0:{_int('PORT', 8000)}"
workers = _int("WEB_CONCURRENCY", default_workers())
threads = _int("GUNICORN_THREADS", 1)
# An import of a large spreadsheet and a PDF brief run inside their request.
timeout = _int("GUNICORN_TIMEOUT", 120)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# A worker is replaced after this many requests, which bounds slow memory growth.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000, minimum=0)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100, minimum=0)
# The addresses of the proxies whose X-Forwarded-* headers are trusted.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"  # heartbeats in memory, not on a possibly slow disk
# gunicorn's runtime control socket (one path per user by default, which two servers on one
# machine would share) only where GUNICORN_CONTROL_SOCKET names a path for it.
if os.environ.get("GUNICORN_CONTROL_SOCKET", "").strip():
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"].strip()
else:
    control_socket_disable = True
ACCESS_LOG = _flag("GUNICORN_ACCESS_LOG", False)
loglevel = os.environ.get("LOG_LEVEL", "info").strip().lower() or "info"


class JsonLogger(glogging.Logger):
    """gunicorn's logger with the access log as structured fields (JSON through
    ``logconfig_dict``), carrying the request id the application put in X-Request-ID."""

    def access(self, resp, req, environ, request_time) -> None:
        if not ACCESS_LOG:
            return
        headers = dict((name.lower(), value) for name, value in (resp.headers or []))
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        self.access_log.info(
            "%s %s %s",
            environ.get("REQUEST_METHOD"),
            environ.get("PATH_INFO"),
            status,
            extra={
                "method": environ.get("REQUEST_METHOD"),
                "path": environ.get("PATH_INFO"),
                "query": environ.get("QUERY_STRING", ""),
                "status": int(status) if str(status).isdigit() else status,
                "bytes": getattr(resp, "sent", None),
                "duration_ms": round(request_time.total_seconds() * 1000, 1),
                "remote_addr": environ.get("REMOTE_ADDR"),
                "user_agent": environ.get("HTTP_USER_AGENT", ""),
                "request_id": headers.get("x-request-id", "-"),
            },
        )


logger_class = JsonLogger
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": json_formatter()},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    "root": {"handlers": [], "level": "WARNING"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": loglevel.upper(), "propagate": False},
        "gunicorn.access": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
}
