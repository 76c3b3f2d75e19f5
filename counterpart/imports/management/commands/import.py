"""``counterpart import FILE --entity NAME [--dry-run] [--valid-rows-only] [--sheet NAME]``.

Exit codes: 0 imported (or a clean dry run), 1 rows failed (nothing written unless
--valid-rows-only), 2 unusable arguments or an unreadable file.
"""

import sys
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from counterpart.core.management.base import LoggedCommand
from counterpart.imports.entities import ENTITIES
from counterpart.imports.readers import ReadError, read_table
from counterpart.imports.services import MappingError, Outcome, run_import
from counterpart.imports.summary import result_lines

USAGE_ERROR = 2
ROWS_FAILED = 1


class Command(LoggedCommand):
    help = "Import rows from an .xlsx or .csv file; a dry run shows what would change."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the .xlsx, .xls, .ods or .csv file")
        parser.add_argument("--entity", required=True, choices=sorted(ENTITIES))
        parser.add_argument("--sheet", help="the sheet to read (default: the first visible one)")
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would change, write nothing"
        )
        parser.add_argument(
            "--valid-rows-only",
            action="store_true",
            help="import the valid rows even if others have errors",
        )
        parser.add_argument(
            "--errors-only", action="store_true", help="list only the rows with errors"
        )

    def handle(self, *args, **options):
        path: Path = options["file"]
        entity = ENTITIES[options["entity"]]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error.strerror},
                returncode=USAGE_ERROR,
            ) from None
        try:
            table = read_table(
                data,
                path.name,
                header_names=[h for c in entity.bound_columns() for h in c.headers()],
                sheet=options["sheet"],
            )
            result = run_import(
                table,
                entity,
                user=self.change_user,
                commit=not options["dry_run"],
                valid_rows_only=options["valid_rows_only"],
                progress=self.progress_bar(),
            )
        except (ReadError, MappingError) as error:
            self.clear_progress()
            raise CommandError(f"{path.name}: {error}", returncode=USAGE_ERROR) from None
        self.clear_progress()
        for line in result_lines(result, errors_only=options["errors_only"]):
            self.stdout.write(line)
        if result.counts[Outcome.ERROR]:
            sys.exit(ROWS_FAILED)

    def progress_bar(self):
        """Rows read so far, on one line of the terminal (stderr, so stdout stays a report)."""
        stream = self.stderr._out
        if not stream.isatty():
            return None

        def show(number: int) -> None:
            if number % 500 == 0:
                stream.write(f"\r{_('row')} {number:,}…")
                stream.flush()

        return show

    def clear_progress(self) -> None:
        stream = self.stderr._out
        if stream.isatty():
            stream.write("\r\033[K")
