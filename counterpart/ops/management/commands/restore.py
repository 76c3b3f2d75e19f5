"""``counterpart restore FILE [--yes]``: a backup back into the database, all or nothing."""

import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from counterpart.ops.backup import BackupError, open_archive, restore_backup
from counterpart.ops.progress import ProgressPrinter

USAGE_ERROR = 2
logger = logging.getLogger("counterpart.ops")


class Command(BaseCommand):
    help = (
        "Restore a `counterpart backup` archive into this database, migrated to the same "
        "point. The database must be empty, or --yes replaces everything in it."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the archive `counterpart backup` wrote")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="replace the data of a database that is not empty (sessions are ended too)",
        )

    def handle(self, *args, **options):
        path: Path = options["file"]
        try:
            archive = open_archive(path)
            if options["verbosity"]:
                manifest = archive.manifest
                self.stderr.write(
                    f"{path}: {archive.total_rows:,} rows of {len(manifest['models'])} tables, "
                    f"written {manifest.get('created_at', '?')} from "
                    f"{manifest.get('database_vendor', '?')}"
                )
            counts = restore_backup(
                archive,
                replace=options["yes"],
                progress=ProgressPrinter(self.stderr, options["verbosity"]),
            )
        except BackupError as error:
            raise CommandError(str(error), returncode=USAGE_ERROR) from None
        rows = sum(counts.values())
        logger.info("restored %s rows from %s", rows, path, extra={"backup": str(path)})
        self.stdout.write(f"{rows:,} rows of {len(counts)} tables restored from {path}")
