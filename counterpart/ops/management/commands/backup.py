"""``counterpart backup [-o FILE]``: the whole database in one checked archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from counterpart.ops.backup import BackupError, write_backup
from counterpart.ops.progress import ProgressPrinter

USAGE_ERROR = 2


class Command(BaseCommand):
    help = (
        "Write the whole database (every table but the sessions) to a zip archive that "
        "`counterpart restore` reads back into SQLite or PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            type=Path,
            help="the archive to write (default: counterpart-backup-YYYYMMDD-HHMMSS.zip here); "
            "an existing file is not overwritten",
        )

    def handle(self, *args, **options):
        output: Path = options["output"] or Path(
            timezone.localtime().strftime("counterpart-backup-%Y%m%d-%H%M%S.zip")
        )
        if output.suffix.lower() != ".zip":
            raise CommandError(f"-o {output}: name a .zip file", returncode=USAGE_ERROR)
        printer = ProgressPrinter(self.stderr, options["verbosity"])
        try:
            manifest = write_backup(output, progress=printer)
        except BackupError as error:
            raise CommandError(str(error), returncode=USAGE_ERROR) from None
        except OSError as error:
            raise CommandError(
                f"{output}: {error.strerror or error}", returncode=USAGE_ERROR
            ) from None
        rows = sum(table["rows"] for table in manifest["models"])
        self.stdout.write(
            f"{rows:,} rows of {len(manifest['models'])} tables → {output} "
            f"(sha256 {manifest['data']['sha256'][:12]}…)"
        )
