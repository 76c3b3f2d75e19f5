"""Backups cross between databases: the sample data backed up from SQLite restores into
PostgreSQL row for row, and PostgreSQL's backup of it restores into a new SQLite database that
backs up to the same rows again. Runs in `make test`'s PostgreSQL pass; the SQLite databases
are made by `counterpart` processes of their own."""

import pytest

from counterpart.core.testing import run_command
from counterpart.geo.models import Region

from .backups import archive_rows, database_rows, manage


def ok(result) -> None:
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.postgres
@pytest.mark.django_db
def test_sqlite_to_postgresql_to_sqlite_loses_nothing(tmp_path):
    first = f"sqlite:///{tmp_path / 'first.sqlite3'}"
    for command in (["migrate"], ["load_refdata"], ["load_sample"]):
        ok(manage(*command, "-v0", DATABASE_URL=first))
    from_sqlite = tmp_path / "from-sqlite.zip"
    ok(manage("backup", "-o", str(from_sqlite), "-v0", DATABASE_URL=first))
    rows = archive_rows(from_sqlite)
    assert len(rows["core.changerecord"]) > 1000 and rows["projects.project_investors"]

    run_command("restore", str(from_sqlite))  # the test database: PostgreSQL, just migrated

    assert database_rows() == rows
    from_postgresql = tmp_path / "from-postgresql.zip"
    run_command("backup", "-o", str(from_postgresql))
    region = Region.objects.order_by("pk").last()
    added = Region.objects.create(code="999999", name_zh="测试", level=region.level)
    assert added.pk == region.pk + 1  # the sequence was reset to the restored rows

    second = f"sqlite:///{tmp_path / 'second.sqlite3'}"
    ok(manage("migrate", "-v0", DATABASE_URL=second))
    ok(manage("restore", str(from_postgresql), "-v0", DATABASE_URL=second))
    again = tmp_path / "again.zip"
    ok(manage("backup", "-o", str(again), "-v0", DATABASE_URL=second))
    assert archive_rows(again) == rows
