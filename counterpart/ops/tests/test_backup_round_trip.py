"""The acceptance test of backup and restore: a round trip of the sample data through an empty
database loses nothing, on whichever database the suite runs (SQLite, then PostgreSQL in
`make test`'s second pass); test_backup_postgres.py crosses from one to the other."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from counterpart.core.models import ChangeRecord
from counterpart.core.testing import run_command
from counterpart.geo.models import Region
from counterpart.ops import backup

from .backups import archive_rows, database_rows, fill_empty_tables


def empty_database() -> None:
    """A database as `migrate` leaves it: no data, content types and permissions recreated."""
    if connection.vendor == "postgresql":  # TRUNCATE waits for no pending foreign-key check
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    assert not backup.occupied_tables()


@pytest.mark.django_db
def test_round_trip_through_an_empty_database_loses_nothing(sample_data, tmp_path):
    fill_empty_tables()
    before = database_rows()
    assert not [label for label, rows in before.items() if not rows]  # every table has rows
    assert len(before["core.changerecord"]) > 1000
    path = tmp_path / "backup.zip"

    out = run_command("backup", "-o", str(path))

    assert f"→ {path}" in out
    assert archive_rows(path) == before
    empty_database()
    assert database_rows() != before
    out = run_command("restore", str(path))
    assert database_rows() == before  # every row of every table, many-to-many, change records
    assert "restored" in out
    # The restore wrote no change record of its own and the content-type cache is fresh.
    assert ChangeRecord.objects.count() == len(before["core.changerecord"])
    region = Region.objects.order_by("pk").first()
    region_type = next(r for r in before["contenttypes.contenttype"] if r[1:] == ("geo", "region"))
    assert ContentType.objects.get_for_model(Region).pk == region_type[0]
    # New rows get new ids (sequences follow the restored rows).
    copy = Region.objects.create(code="999999", name_zh="测试", level=region.level)
    assert copy.pk > max(row[0] for row in before["geo.region"])
