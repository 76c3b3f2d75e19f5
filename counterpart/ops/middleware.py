"""The request id and request log, and the load balancers' probes."""

from __future__ import annotations

import logging
import time
import uuid

from django.http import HttpRequest, HttpResponse

from . import views
from .logs import current_request_id

logger = logging.getLogger("counterpart.request")

REQUEST_ID_HEADER = "X-Request-ID"


class RequestLogMiddleware:
    """Give each request an id (on ``request.request_id``, in every log record written while
    it is served, in the change records it writes and in the X-Request-ID response header) and
    log one line when it ends: method, path, status, duration, user.

    Probes that succeed are not logged: a load balancer asks every few seconds.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = uuid.uuid4()
        token = current_request_id.set(str(request.request_id))
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response.headers[REQUEST_ID_HEADER] = str(request.request_id)
            if not (request.path_info in ProbeMiddleware.PROBES and response.status_code == 200):
                log_request(request, response, time.perf_counter() - started)
            return response
        finally:
            current_request_id.reset(token)


def log_request(request: HttpRequest, response: HttpResponse, seconds: float) -> None:
    user = getattr(request, "user", None)
    logger.info(
        "%s %s %s",
        request.method,
        request.path,
        response.status_code,
        extra={
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": round(seconds * 1000, 1),
            "user_id": user.pk if user is not None and user.is_authenticated else None,
            "request_id": str(request.request_id),
        },
    )


class ProbeMiddleware:
    """Answer /health/ and /ready/ before anything else runs.

    Load balancers and orchestrators probe each application server directly: over plain HTTP
    (TLS ends at the proxy, so the HTTPS redirect would answer 301), by its address (not a name
    in ALLOWED_HOSTS, so host validation would answer 400), without a session or a login. The
    answers say nothing about the data, only whether this server can serve.
    """

    PROBES = {"/health/": views.health, "/ready/": views.ready}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = self.PROBES.get(request.path_info)
        if probe is not None and request.method in ("GET", "HEAD"):
            return probe(request)
        return self.get_response(request)
