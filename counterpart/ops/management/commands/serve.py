"""``counterpart serve [GUNICORN OPTION …]``: the production application server (gunicorn)."""

import importlib.util
import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

CONFIG = "python:counterpart.ops.gunicorn_conf"


def gunicorn_argv(extra: list[str]) -> list[str]:
    """The command line that replaces this process: gunicorn with our configuration, then any
    option given to ``serve`` (``--bind``, ``--workers`` … win over the environment's)."""
    return [sys.executable, "-m", "gunicorn", "--config", CONFIG, *extra]


class Command(BaseCommand):
    help = (
        "Start gunicorn with counterpart.ops.gunicorn_conf (workers, timeouts and logs from the "
        "environment: docs/deployment.md). Production settings only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "gunicorn_options",
            nargs="*",
            metavar="GUNICORN OPTION",
            help="passed to gunicorn after `--`, e.g. `counterpart serve -- --workers 3`",
        )

    def handle(self, *args, **options):
        if settings.DEBUG:
            raise CommandError(
                "serve runs production settings only: set "
                "DJANGO_SETTINGS_MODULE=counterpart.settings.production (use runserver to develop)",
                returncode=2,
            )
        if importlib.util.find_spec("gunicorn") is None:
            raise CommandError("gunicorn is not installed (pip install -e .)", returncode=2)
        argv = gunicorn_argv(options["gunicorn_options"])
        sys.stdout.flush()
        os.execv(argv[0], argv)  # the process manager then watches gunicorn itself
