"""``counterpart export --entity NAME [--FILTER VALUE …] -o FILE [--lang zh|en] [--personal]``.

The rows of an entity in the import's columns (.xlsx or .csv by the file's extension), filtered
by the same filters as the entity's list page; the file imports back unchanged.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict

from counterpart.core.export import csv_bytes, xlsx_bytes
from counterpart.imports.entities import ENTITIES
from counterpart.imports.exports import export_queryset
from counterpart.imports.workbooks import entity_rows

USAGE_ERROR = 2


class Command(BaseCommand):
    help = "Export an entity's rows, in the columns its import reads, to .xlsx or .csv."

    def add_arguments(self, parser):
        parser.add_argument("--entity", required=True, choices=sorted(ENTITIES))
        parser.add_argument("-o", "--output", type=Path, required=True, help="FILE.xlsx or .csv")
        parser.add_argument("--lang", choices=["zh", "en"], default="zh", help="header language")
        parser.add_argument(
            "--personal", action="store_true", help="include contacts' phone and e-mail"
        )
        parser.add_argument(
            "--filter",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="a filter of the entity's list page, e.g. destination_region=230100 (repeatable)",
        )

    def handle(self, *args, **options):
        entity = ENTITIES[options["entity"]]
        output: Path = options["output"]
        if output.suffix.lower() not in (".xlsx", ".csv"):
            raise CommandError("-o must name an .xlsx or .csv file", returncode=USAGE_ERROR)
        query = QueryDict(mutable=True)
        for item in options["filter"]:
            name, sep, value = item.partition("=")
            if not sep or not name:
                raise CommandError(f"--filter {item!r}: write NAME=VALUE", returncode=USAGE_ERROR)
            query.appendlist(name, value)
        try:
            queryset = export_queryset(entity, query)
        except ValueError as error:
            raise CommandError(str(error), returncode=USAGE_ERROR) from None
        rows = entity_rows(entity, queryset, options["lang"], personal=options["personal"])
        if output.suffix.lower() == ".csv":
            content = csv_bytes(rows)
        else:
            money = {i for i, c in enumerate(entity.bound_columns()) if c.kind == "money"}
            content = xlsx_bytes(rows, entity.label, money)
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(f"{output}: {error.strerror}", returncode=USAGE_ERROR) from None
        self.stdout.write(f"{len(rows) - 1} {entity.label} → {output}")
