"""``counterpart load-refdata``: regions, pairings, taxonomies, industries and mappings.

The loading logic is in ``counterpart.geo.refdata`` and ``counterpart.industries.refdata``;
this command parses the arguments, runs both in one transaction and prints a summary.
"""

from pathlib import Path

from django.db import transaction

from counterpart.core.management.base import LoggedCommand
from counterpart.geo import refdata as geo_refdata
from counterpart.industries import refdata as industries_refdata


class Command(LoggedCommand):
    help = (
        "Load the reference data shipped with Counterpart (regions, pairings, industry "
        "taxonomies and mappings). Idempotent: a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--geo-data",
            type=Path,
            default=geo_refdata.DATA_DIR,
            metavar="DIR",
            help="Folder with divisions.csv, provinces.csv, counties.csv, pairings.csv "
            "(default: %(default)s).",
        )
        parser.add_argument(
            "--industries-data",
            type=Path,
            default=industries_refdata.DATA_DIR,
            metavar="DIR",
            help="Folder with taxonomies.csv, the taxonomy files and mappings.csv "
            "(default: %(default)s).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the files and report what would change, then roll back.",
        )

    def handle(self, *args, geo_data: Path, industries_data: Path, dry_run: bool, **options):
        with transaction.atomic():
            tallies = geo_refdata.load_geo(geo_data)
            tallies.update(industries_refdata.load_industries(industries_data))
            if dry_run:
                transaction.set_rollback(True)
        for name, tally in tallies.items():
            self.stdout.write(f"{name}: {tally}")
        if dry_run:
            self.stdout.write("dry run: nothing was saved")
