"""/health/ (liveness) and /ready/ (readiness), for load balancers and orchestrators."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from . import probes


@never_cache
@login_not_required
def health(request: HttpRequest) -> JsonResponse:
    """The process is up and answers; nothing else is asked (a database that is down must not
    get every server restarted)."""
    return JsonResponse({"status": "ok"})


@never_cache
@login_not_required
def ready(request: HttpRequest) -> JsonResponse:
    """Whether this server should get traffic: the database answers with every migration
    applied, and the cache answers. 200 when all do, else 503; the body names each check."""
    checks = probes.readiness()
    ok = all(result == "ok" for result in checks.values())
    return JsonResponse(
        {"status": "ok" if ok else "unavailable", "checks": checks}, status=200 if ok else 503
    )
