"""Cache and sessions for several application servers: Redis when REDIS_URL is set, else the
database's cache table on a connection of its own (files for SQLite); the import's progress
counter seen by another server while the import's transaction is still open."""

import json
import os
import subprocess
import sys
import uuid

import psycopg
import pytest
import redis
from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.db.models.signals import post_migrate
from django.test import override_settings

from counterpart.geo.models import Region
from counterpart.imports import progress
from counterpart.ops.cache import CacheRouter
from counterpart.settings.base import redis_cache

REDIS_URL = os.environ.get("COUNTERPART_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
PG_SERVER = os.environ.get("PG_SERVER_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def postgres_answers() -> bool:
    try:
        psycopg.connect(PG_SERVER, connect_timeout=2).close()
    except psycopg.Error:
        return False
    return True


needs_redis = pytest.mark.skipif(
    not redis_answers(), reason=f"Redis does not answer at {REDIS_URL} (COUNTERPART_TEST_REDIS_URL)"
)
needs_postgres_server = pytest.mark.skipif(
    not postgres_answers(), reason=f"PostgreSQL does not answer at {PG_SERVER} (PG_SERVER_URL)"
)

SETTINGS_SCRIPT = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({
    "caches": settings.CACHES,
    "sessions": settings.SESSION_ENGINE,
    "databases": {alias: {k: db.get(k) for k in ("NAME", "ATOMIC_REQUESTS", "CONN_MAX_AGE",
        "CONN_HEALTH_CHECKS", "OPTIONS")} for alias, db in settings.DATABASES.items()},
    "middleware": settings.MIDDLEWARE,
    "storage": settings.STORAGES["staticfiles"]["BACKEND"],
}))
"""


def production(script: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    environment.update(
        DJANGO_SETTINGS_MODULE="counterpart.settings.production",
        SECRET_KEY="k3y-for-the-cache-test-only-" + "Zq8#vLw2$Rt5!mN9@xC4^bH7&" * 2,
        ALLOWED_HOSTS="counterpart.example.gov.cn",
        LOG_LEVEL="WARNING",
        **env,
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        env=environment,
        cwd=settings.PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_settings(**env: str) -> dict:
    result = production(SETTINGS_SCRIPT, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


PG_URL = "postgresql://postgres@127.0.0.1:5432/counterpart"


def test_with_redis_url_cache_and_sessions_use_redis():
    found = production_settings(DATABASE_URL=PG_URL, REDIS_URL="redis://10.0.0.7:6379/2")
    cache = found["caches"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == "redis://10.0.0.7:6379/2"
    assert found["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert list(found["databases"]) == ["default"]


def test_without_redis_url_postgresql_shares_its_cache_table_through_its_own_connection():
    found = production_settings(DATABASE_URL=PG_URL, DATABASE_CONN_MAX_AGE="300")
    assert found["caches"]["default"] == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "counterpart_cache",
    }
    assert found["sessions"] == "django.contrib.sessions.backends.db"
    default, cache = found["databases"]["default"], found["databases"]["cache"]
    assert cache["NAME"] == default["NAME"] == "counterpart"
    assert default["ATOMIC_REQUESTS"] is True and cache["ATOMIC_REQUESTS"] is False
    assert default["CONN_MAX_AGE"] == 300 and default["CONN_HEALTH_CHECKS"] is True
    assert default["OPTIONS"]["connect_timeout"] == 5


def test_without_redis_url_sqlite_shares_files_between_the_workers_of_its_machine(tmp_path):
    found = production_settings(DATABASE_URL="sqlite:///:memory:", CACHE_DIR=str(tmp_path))
    assert found["caches"]["default"] == {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(tmp_path),
    }
    assert list(found["databases"]) == ["default"]


def test_production_serves_static_files_with_whitenoise():
    found = production_settings(DATABASE_URL="sqlite:///:memory:")
    middleware = found["middleware"]
    security = middleware.index("django.middleware.security.SecurityMiddleware")
    assert middleware[security + 1] == "whitenoise.middleware.WhiteNoiseMiddleware"
    assert found["storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_production_refuses_a_redis_url_that_is_not_one():
    result = production(SETTINGS_SCRIPT, DATABASE_URL=PG_URL, REDIS_URL="10.0.0.7:6379")
    assert result.returncode != 0
    assert "REDIS_URL must be a redis://, rediss:// or unix:// address" in result.stderr


@pytest.mark.parametrize(
    ("name", "value"), [("DATABASE_CONN_MAX_AGE", "a minute"), ("DATABASE_CONNECT_TIMEOUT", "0")]
)
def test_production_refuses_connection_settings_that_are_not_numbers(name, value):
    result = production(SETTINGS_SCRIPT, DATABASE_URL=PG_URL, **{name: value})
    assert result.returncode != 0
    assert f"{name} must be a whole number of at least" in result.stderr


def test_the_router_sends_only_the_cache_table_to_the_cache_connection(monkeypatch):
    from django.core.cache.backends.db import DatabaseCache

    entry = DatabaseCache("counterpart_cache", {}).cache_model_class
    router = CacheRouter()
    assert router.db_for_write(entry) is None  # no cache connection configured
    monkeypatch.setitem(settings.DATABASES, "cache", settings.DATABASES["default"])
    assert router.db_for_write(entry) == router.db_for_read(entry) == "cache"
    assert router.db_for_write(Region) is None
    assert router.allow_migrate("cache", "geo") is False
    assert router.allow_migrate("default", "geo") is None


@pytest.mark.django_db
def test_migrate_creates_the_cache_table_that_the_settings_name():
    table = f"cp_ops_cache_{uuid.uuid4().hex[:8]}"
    caches = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": table}
    }
    with override_settings(CACHES=caches):
        assert table not in connection.introspection.table_names()
        from django.apps import apps

        post_migrate.send(
            sender=apps.get_app_config("ops"),
            app_config=apps.get_app_config("ops"),
            using="default",
        )
        assert table in connection.introspection.table_names()
        progress.Progress(7, 100, committing=True)
        assert progress.progress_of(7) == {"done": 0, "total": 100, "committing": True}


@needs_redis
def test_with_redis_the_import_progress_is_seen_by_another_server():
    prefix = f"counterpart-test-{uuid.uuid4().hex}"
    config = {**redis_cache(REDIS_URL)["default"], "KEY_PREFIX": prefix}
    with override_settings(CACHES={"default": config}):
        counter = progress.Progress(41, 1000, committing=False)
        for row in range(progress.STEP):
            counter(row)
        # Another application server: a client and connection of its own.
        other = RedisCache(config["LOCATION"], {"KEY_PREFIX": prefix, "OPTIONS": config["OPTIONS"]})
        assert other.get(progress.cache_key(41)) == {
            "done": progress.STEP,
            "total": 1000,
            "committing": False,
        }
        counter.finish()
        assert other.get(progress.cache_key(41)) is None


DATABASE_CACHE_SCRIPT = """
import json, os, django, psycopg
django.setup()
from django.core.management import call_command
from django.db import connections, transaction
from counterpart.imports.progress import Progress, progress_of
call_command("createcachetable")
with transaction.atomic():  # an import's request: one transaction until the import ends
    connections["default"].cursor().execute("SELECT 1")
    Progress(7, 10, committing=True)
    with psycopg.connect(os.environ["DATABASE_URL"]) as other:  # another server
        seen = other.execute(
            "SELECT count(*) FROM counterpart_cache WHERE cache_key LIKE %s", ["%progress:7"]
        ).fetchone()[0]
    in_transaction = connections["default"].in_atomic_block
print(json.dumps({"seen": seen, "in_transaction": in_transaction, "read": progress_of(7)}))
"""


@needs_postgres_server
def test_without_redis_the_import_progress_is_seen_by_another_server_during_the_import():
    name = f"cp_ops_cache_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_SERVER, autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        url = PG_SERVER.rsplit("/", 1)[0] + f"/{name}"
        result = production(DATABASE_CACHE_SCRIPT, DATABASE_URL=url)
        assert result.returncode == 0, result.stderr
        found = json.loads(result.stdout.strip().splitlines()[-1])
        assert found == {
            "seen": 1,
            "in_transaction": True,
            "read": {"done": 0, "total": 10, "committing": True},
        }
    finally:
        with psycopg.connect(PG_SERVER, autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
