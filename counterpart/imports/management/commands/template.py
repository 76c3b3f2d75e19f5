"""``counterpart template --entity NAME -o FILE.xlsx [--lang zh|en]``: a blank import workbook."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from counterpart.imports.entities import ENTITIES
from counterpart.imports.workbooks import template_bytes

USAGE_ERROR = 2


class Command(BaseCommand):
    help = "Write a blank import template: headers, an example row, lists for the choices."

    def add_arguments(self, parser):
        parser.add_argument("--entity", required=True, choices=sorted(ENTITIES))
        parser.add_argument("-o", "--output", type=Path, required=True, help="FILE.xlsx")
        parser.add_argument("--lang", choices=["zh", "en"], default="zh", help="header language")

    def handle(self, *args, **options):
        output: Path = options["output"]
        if output.suffix.lower() != ".xlsx":
            raise CommandError("-o must name an .xlsx file", returncode=USAGE_ERROR)
        lang = options["lang"]
        with translation.override("zh-hans" if lang == "zh" else "en"):
            content = template_bytes(ENTITIES[options["entity"]], lang)
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(f"{output}: {error.strerror}", returncode=USAGE_ERROR) from None
        self.stdout.write(f"{options['entity']} → {output}")
