"""/health/ and /ready/: what each says, that they are cheap, and that load balancers reach
them over plain HTTP by the server's address while every other page keeps its host check and
HTTPS redirect."""

import json
import logging
import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from counterpart.core.changelog import current_context
from counterpart.core.middleware import ChangeContextMiddleware
from counterpart.ops import probes
from counterpart.settings.base import redis_cache


def test_health_answers_without_the_database(client):
    """No database mark: a query would fail the test."""
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_ready_names_each_check(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):  # SELECT 1, at most the migration table once
        response = client.get("/ready/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "cache": "ok"},
    }
    with django_assert_max_num_queries(1):  # migrations seen applied are not read again
        client.get("/ready/")


@pytest.mark.django_db
def test_ready_is_503_while_migrations_are_unapplied(client, monkeypatch):
    monkeypatch.setattr(probes, "_migrations_seen_applied", False)
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("m", False)])
    response = client.get("/ready/")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "1 unapplied"
    assert response.json()["status"] == "unavailable"


@pytest.mark.django_db
def test_ready_is_503_when_the_cache_does_not_answer(client, caplog):
    nowhere = redis_cache("redis://127.0.0.1:1/0")  # nothing listens on port 1
    with override_settings(CACHES=nowhere), caplog.at_level(logging.WARNING):
        response = client.get("/ready/")
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok",
        "migrations": "ok",
        "cache": "unreachable",
    }
    assert any("readiness check cache failed" in r.getMessage() for r in caplog.records)
    assert "127.0.0.1:1" not in response.content.decode()  # details go to the log only


PRODUCTION_SCRIPT = """
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
answers = {}
for name, path, host, secure in [
    ("health", "/health/", "10.0.0.5:8000", False),
    ("ready", "/ready/", "10.0.0.5:8000", False),
    ("page by address", "/login/", "10.0.0.5:8000", False),
    ("page over http", "/login/", "counterpart.example.gov.cn", False),
]:
    response = client.get(path, HTTP_HOST=host, secure=secure)
    answers[name] = [response.status_code, response.content.decode()[:300]]
print(json.dumps(answers))
"""


def test_probes_reach_each_server_by_its_address_over_http_and_ready_fails_without_database():
    """Production settings, a PostgreSQL that does not answer: /health/ 200 and /ready/ 503
    with the database named, both by IP address over HTTP; an ordinary page asked the same way
    is refused (400) or redirected to HTTPS (301) as before."""
    environment = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    environment.update(
        DJANGO_SETTINGS_MODULE="counterpart.settings.production",
        SECRET_KEY="k3y-for-the-probe-test-only-" + "Zq8#vLw2$Rt5!mN9@xC4^bH7&" * 2,
        ALLOWED_HOSTS="counterpart.example.gov.cn",
        DATABASE_URL="postgresql://postgres@127.0.0.1:1/nowhere",
        DATABASE_CONNECT_TIMEOUT="2",
        LOG_LEVEL="CRITICAL",
    )
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_SCRIPT],
        env=environment,
        cwd=settings.PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    assert answers["health"] == [200, '{"status": "ok"}']
    status, body = answers["ready"]
    assert status == 503
    assert json.loads(body)["checks"] == {
        "database": "unreachable",
        "migrations": "not checked",
        "cache": "unreachable",  # without REDIS_URL the cache is that database's table
    }
    assert answers["page by address"][0] == 400
    assert answers["page over http"][0] == 301


def test_change_records_share_the_request_id_of_the_log():
    request = RequestFactory().get("/projects/")
    request.user = type("Anonymous", (), {"is_authenticated": False})()
    request.request_id = uuid.uuid4()
    middleware = ChangeContextMiddleware(lambda r: HttpResponse(str(current_context().request_id)))
    assert middleware(request).content.decode() == str(request.request_id)
