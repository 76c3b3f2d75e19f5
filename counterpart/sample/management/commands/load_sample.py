from django.core.management.base import CommandError

from counterpart.core.management.base import LoggedCommand
from counterpart.sample.loader import SampleDataError, SampleLoader


class Command(LoggedCommand):
    help = (
        "Load the Heilongjiang–Guangdong sample data set (facts of the source articles and the "
        "generated records behind their totals). Safe to run again: it changes nothing the "
        "second time."
    )

    def handle(self, *args, **options):
        try:
            stats = SampleLoader().load()
        except SampleDataError as error:
            raise CommandError(str(error)) from error
        for line in stats.summary():
            self.stdout.write(line)
