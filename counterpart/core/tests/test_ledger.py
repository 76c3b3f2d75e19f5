"""The ledger's generation (``core/ledger.py``): which statements count as writes, and when the
generation changes."""

import pytest
from django.db import connection

from counterpart.core import ledger


@pytest.mark.parametrize(
    ("sql", "tables"),
    [
        ("SELECT * FROM projects_project", set()),
        ('SAVEPOINT "s1"', set()),
        ('INSERT INTO "projects_project" ("code") VALUES (%s)', {"projects_project"}),
        ('  UPDATE "projects_project" SET "status" = %s', {"projects_project"}),
        ('DELETE FROM "projects_followup" WHERE id = 1', {"projects_followup"}),
        ('TRUNCATE "projects_stagechange"', {"projects_stagechange"}),
        (
            "INSERT OR IGNORE INTO projects_project_industries VALUES (1, 2)",
            {"projects_project_industries"},
        ),
        ('WITH s AS (SELECT 1) UPDATE "projects_project" SET x = 1', {"projects_project"}),
    ],
)
def test_written_tables(sql, tables):
    assert ledger.written_tables(sql) == tables


def test_ledger_tables_hold_the_ledger_and_not_the_sessions():
    tables = ledger.ledger_tables()
    assert {"projects_project", "projects_project_investors", "core_changerecord"} <= tables
    assert "django_session" not in tables
    assert "users_user" not in tables  # a login writes last_login: no reason to recompute


@pytest.mark.django_db
def test_a_login_does_not_change_the_generation(client, django_user_model):
    django_user_model.objects.create_user("reader", password="a-long-password-1")
    ledger.settle()
    before = ledger.generation()
    assert client.login(username="reader", password="a-long-password-1")
    ledger.settle()
    assert ledger.generation() == before


@pytest.mark.django_db
def test_a_write_changes_the_generation_only_after_its_commit(django_capture_on_commit_callbacks):
    ledger.settle()
    before = ledger.generation()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with connection.cursor() as cursor:
            cursor.execute("UPDATE projects_project SET notes = notes WHERE id = -1")
        assert ledger.in_dirty_transaction()
        assert ledger.generation() == before  # not before the commit
    assert len(callbacks) == 1
    callbacks[0]()  # the commit
    assert ledger.generation() != before
    assert not ledger.in_dirty_transaction()


@pytest.mark.django_db
def test_a_read_does_not_change_the_generation():
    ledger.settle()
    before = ledger.generation()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM projects_project")
    assert not ledger.in_dirty_transaction()
    assert ledger.generation() == before


class BrokenCache:
    """A cache whose every call fails, as a database cache without its table does."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise RuntimeError("the cache is down")

        return fail


@pytest.mark.django_db
def test_a_failing_cache_neither_breaks_a_write_nor_a_figure(monkeypatch, caplog):
    from counterpart.geo.models import Region

    monkeypatch.setattr(ledger, "cache", BrokenCache())
    Region.objects.create(code="990000", name_zh="测试省", level="province")
    ledger.settle()  # the commit's renewal fails: logged, not raised
    assert ledger.cached(("figure",), lambda: 42) == 42
    assert "could not be renewed" in caplog.text
