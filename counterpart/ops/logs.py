"""Logs: JSON lines on standard output in production, each tagged with its request's id.

The formatter is python-json-logger's (BSD-2-Clause). This module is imported by the settings,
before Django is set up, so it imports nothing from Django.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar

# The id of the request being served (set by ops.middleware.RequestLogMiddleware), also the
# request_id of the change records it writes.
current_request_id: ContextVar[str | None] = ContextVar("counterpart_request_id", default=None)

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


class RequestIdFilter(logging.Filter):
    """Give every record the current request's id (``-`` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = current_request_id.get() or "-"
        return True


def json_formatter() -> dict:
    """A ``logging.config`` formatter: one JSON object per line with time, level, logger,
    message and every ``extra`` field (method, path, status, duration_ms, request_id …)."""
    return {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": "%(levelname)s %(name)s %(message)s",
        "rename_fields": {"levelname": "level", "name": "logger"},
        "timestamp": "time",
        "json_ensure_ascii": False,
    }


def logging_config(json: bool = True, level: str = "INFO") -> dict:
    """Django's LOGGING for production: everything to standard output, where the process
    manager or the container runtime collects it."""
    if level not in logging.getLevelNamesMapping():
        raise ValueError(f"LOG_LEVEL {level!r} is not a logging level (DEBUG, INFO, WARNING …)")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {
            "json": json_formatter(),
            "text": {"format": TEXT_FORMAT},
        },
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "filters": ["request_id"],
                "formatter": "json" if json else "text",
            }
        },
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {
            # Django's own handlers (mail to admins, runserver's console) give way to stdout.
            "django": {"handlers": ["stdout"], "level": level, "propagate": False},
            "django.server": {"handlers": ["stdout"], "level": level, "propagate": False},
        },
    }
