"""`counterpart backup` and `restore`: damaged, foreign or mismatched archives and occupied
databases are refused with nothing written (the round trips: test_backup_round_trip.py)."""

import json
import zipfile

import pytest
from django.core.management import CommandError, call_command

from counterpart.core.testing import run_command
from counterpart.geo.models import Region
from counterpart.ops import backup
from counterpart.ops.backup import BackupError, open_archive, restore_backup, write_backup

from .backups import archive_rows, database_rows, rewrite


def empty_database() -> None:
    """A database as `migrate` leaves it: no data, content types and permissions recreated."""
    call_command("flush", interactive=False, verbosity=0)
    assert not backup.occupied_tables()


@pytest.mark.django_db
def test_restore_replaces_a_database_that_holds_data_only_when_told(regions, tmp_path):
    path = tmp_path / "backup.zip"
    write_backup(path)
    Region.objects.filter(code="440300").update(name_zh="改过的名字")
    Region.objects.create(code="120000", name_zh="天津市", level="province")
    changed = database_rows()

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(path))
    assert "The database is not empty: " in str(refused.value)
    assert "geo.region (5 rows)" in str(refused.value) and "--yes" in str(refused.value)
    assert database_rows() == changed

    run_command("restore", str(path), "--yes")
    assert Region.objects.get(code="440300").name_zh == "深圳市"
    assert not Region.objects.filter(code="120000").exists()
    assert archive_rows(path) == database_rows()


@pytest.fixture
def archive(regions, tmp_path):
    path = tmp_path / "good.zip"
    write_backup(path)
    return path


def refusal(path, *args) -> str:
    """Restore ``path`` into the database (with --yes) expecting a refusal that changes
    nothing; return its message."""
    before = database_rows()
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(path), "--yes", *args)
    assert refused.value.returncode == 2
    assert database_rows() == before
    return str(refused.value)


@pytest.mark.django_db
def test_a_changed_byte_fails_the_checksum(archive, tmp_path):
    damaged = rewrite(
        archive,
        tmp_path / "bad.zip",
        data=lambda lines: [ln.replace("深圳".encode(), "广州".encode()) for ln in lines],
    )
    assert "the checksum of data.jsonl is not the one its manifest records" in refusal(damaged)


@pytest.mark.django_db
def test_another_format_version_is_refused(archive, tmp_path):
    newer = rewrite(archive, tmp_path / "v2.zip", manifest=lambda m: m.update(version=2))
    assert "format version 2; this version of Counterpart reads version 1" in refusal(newer)
    other = rewrite(archive, tmp_path / "other.zip", manifest=lambda m: m.update(format="x"))
    assert "not a Counterpart backup" in refusal(other)


@pytest.mark.django_db
def test_files_that_are_not_backups_are_refused(tmp_path, regions):
    text = tmp_path / "notes.zip"
    text.write_text("not a zip", encoding="utf-8")
    assert "not a Counterpart backup (not a zip archive)" in refusal(text)
    assert "no such file" in refusal(tmp_path / "absent.zip")
    assert "not a file" in refusal(tmp_path)
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("readme.txt", "hello")
    assert "it lacks manifest.json or data.jsonl" in refusal(other)
    garbled = tmp_path / "garbled.zip"
    with zipfile.ZipFile(garbled, "w") as zf:
        zf.writestr("manifest.json", "{not json")
        zf.writestr("data.jsonl", "")
    assert "manifest.json is not JSON" in refusal(garbled)


@pytest.mark.django_db
def test_a_database_with_other_migrations_is_refused(archive, tmp_path):
    def future(manifest):
        manifest["migrations"]["geo"].append("9999_future")

    ahead = rewrite(archive, tmp_path / "ahead.zip", manifest=future)
    message = refusal(ahead)
    assert "this database lacks 1 migration(s) of the backup (geo.9999_future)" in message

    def past(manifest):
        manifest["migrations"]["projects"].pop()

    behind = rewrite(archive, tmp_path / "behind.zip", manifest=past)
    assert "the backup lacks 1 migration(s) applied here (projects." in refusal(behind)


@pytest.mark.django_db
def test_tables_or_columns_the_database_has_not_are_refused(archive, tmp_path):
    def rename_column(manifest):
        manifest["models"][-1]["fields"][-1] = "renamed"

    assert "the backup's columns" in refusal(rewrite(archive, tmp_path / "a.zip", rename_column))

    def drop_table(manifest):
        manifest["models"].pop()

    assert "The backup lacks tables this database has" in refusal(
        rewrite(archive, tmp_path / "b.zip", drop_table)
    )


@pytest.mark.django_db
def test_a_row_the_database_refuses_rolls_everything_back(archive, tmp_path):
    """A duplicate primary key, with a checksum to match: the restore fails at commit time of
    its inserts, after emptying every table, and the database is as it was."""

    def duplicate_a_region(lines):
        index = next(i for i, ln in enumerate(lines) if b'"model":"geo.region"' in ln)
        return [*lines[: index + 2], lines[index + 1], *lines[index + 2 :]]

    def count_it(manifest):
        next(t for t in manifest["models"] if t["model"] == "geo.region")["rows"] += 1

    bad = rewrite(
        archive, tmp_path / "dup.zip", manifest=count_it, data=duplicate_a_region, checksum=True
    )
    assert "geo.region: the database refused a row" in refusal(bad)


@pytest.mark.django_db
def test_rows_that_do_not_match_the_manifest_are_refused(archive, tmp_path):
    def short_row(lines):
        index = next(i for i, ln in enumerate(lines) if b'"model":"geo.region"' in ln)
        lines[index + 1] = b"[1]\n"
        return lines

    bad = rewrite(archive, tmp_path / "short.zip", data=short_row, checksum=True)
    assert "not a row of" in refusal(bad)

    def miscount(manifest):
        next(t for t in manifest["models"] if t["model"] == "geo.region")["rows"] = 7

    assert "geo.region: 4 rows in data.jsonl, 7 in the manifest" in refusal(
        rewrite(archive, tmp_path / "count.zip", manifest=miscount)
    )


@pytest.mark.django_db
def test_backup_refuses_to_overwrite_and_needs_a_zip_name(archive, tmp_path):
    with pytest.raises(CommandError, match="exists: choose another name"):
        call_command("backup", "-o", str(archive))
    with pytest.raises(CommandError, match=r"name a \.zip file"):
        call_command("backup", "-o", str(tmp_path / "backup.tar"))
    with pytest.raises(CommandError, match="is not a directory"):
        call_command("backup", "-o", str(tmp_path / "absent" / "backup.zip"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.zip"]  # no partial file left


@pytest.mark.django_db
def test_the_manifest_describes_the_archive(archive):
    manifest = open_archive(archive).manifest
    assert manifest["format"] == "counterpart-backup" and manifest["version"] == 1
    tables = {t["model"]: t for t in manifest["models"]}
    assert tables["geo.region"]["rows"] == 4
    assert "sessions.session" not in tables and "projects.project_investors" in tables
    assert "0001_initial" in manifest["migrations"]["geo"]
    with zipfile.ZipFile(archive) as zf:
        first = json.loads(zf.read("data.jsonl").splitlines()[0])
    assert first == {
        "model": manifest["models"][0]["model"],
        "fields": manifest["models"][0]["fields"],
    }


@pytest.mark.django_db
def test_progress_is_reported_for_large_tables(archive, monkeypatch):
    monkeypatch.setattr(backup, "PROGRESS_EVERY", 2)
    seen = []
    restore_backup(open_archive(archive), replace=True, progress=lambda *a: seen.append(a))
    assert ("geo.region", 2, 4) in seen and ("geo.region", 4, 4) in seen


@pytest.mark.django_db
def test_restore_refuses_before_writing_when_the_schema_differs(archive):
    """The function itself, not only the command: BackupError names what differs."""
    archived = open_archive(archive)
    archived.manifest["migrations"] = {}
    with pytest.raises(BackupError, match="The database's schema is not the backup's"):
        restore_backup(archived, replace=True)
