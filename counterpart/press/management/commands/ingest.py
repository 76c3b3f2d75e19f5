"""``counterpart ingest FILE... [--lang zh|en|auto] [--json] [--published YYYY-MM-DD] [--url URL]``.

With ``--background --as-user NAME`` the files are read now and ingested by the worker, as
that user's job (``counterpart jobs --watch ID`` follows it).

Reads each article (.txt or .html, UTF-8 or GB18030) and stores it with what it proposes:
figures with their scope, events and unknown organisations, for a person to confirm on the
article's review page. Ingesting an article again creates nothing new. Exit code 2 when a file
cannot be read as an article (the others are still ingested, each in its own transaction).
"""

import argparse
import datetime
import json
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from counterpart.core.management.base import LoggedCommand
from counterpart.press.extraction import ledger_registry
from counterpart.press.jobs import start_ingestion_job
from counterpart.press.services import ingest
from counterpart.press.text import ARTICLE_EXTENSIONS, ArticleError

USAGE_ERROR = 2


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date as YYYY-MM-DD") from None


def _article_file(path: Path) -> bytes:
    """The file's bytes, if its name says it is an article (as the upload form asks)."""
    if path.suffix.lower().lstrip(".") not in ARTICLE_EXTENSIONS:
        raise ArticleError(
            _("“.%(extension)s” files are not articles: choose .txt, .html or .htm files.")
            % {"extension": path.suffix.lstrip(".") or path.name}
        )
    return path.read_bytes()


def _reason(error: Exception) -> str:
    """An error's message without Python's "[Errno 2]" prefix."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


class Command(LoggedCommand):
    help = "Ingest press articles: store them and propose their figures, events, organisations."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument("--lang", choices=["auto", "zh", "en"], default="auto")
        parser.add_argument("--json", action="store_true", help="print what was proposed as JSON")
        parser.add_argument("--url", default="", help="the article's address (one file only)")
        parser.add_argument("--publisher", default="")
        parser.add_argument(
            "--background",
            action="store_true",
            help="queue a background job (needs --as-user: whose job it is) and print its id",
        )
        parser.add_argument(
            "--published",
            type=_date,
            help="YYYY-MM-DD: the publication date, for articles that do not print one",
        )

    def handle(self, *args, **options):
        files: list[Path] = options["files"]
        if options["url"] and len(files) > 1:
            raise CommandError("--url names one article: give one file", returncode=USAGE_ERROR)
        if options["background"]:
            return self.queue(files, options)
        registry = ledger_registry()
        summaries, failures = [], []
        for path in files:
            try:
                data = _article_file(path)
                result = ingest(
                    data,
                    name=path.name,
                    lang=options["lang"],
                    url=options["url"],
                    publisher=options["publisher"],
                    registry=registry,
                    published=options["published"],
                )
            except (OSError, ArticleError) as error:
                failures.append(f"{path}: {_reason(error)}")
                summaries.append({"file": str(path), "error": _reason(error)})
                continue
            summaries.append({"file": str(path)} | result.summary())
            if not options["json"]:
                self.stdout.write(self.line(path, result))
                for warning in result.warnings:
                    self.stderr.write(f"{path}: warning: {warning}")
        if options["json"]:
            self.stdout.write(json.dumps(summaries, ensure_ascii=False, indent=1))
        if failures:
            raise CommandError("\n".join(failures), returncode=USAGE_ERROR)

    def queue(self, files: list[Path], options) -> None:
        if self.change_user is None:
            raise CommandError(
                "--background needs --as-user USERNAME: the job is that user's to follow",
                returncode=USAGE_ERROR,
            )
        if options["url"]:
            raise CommandError("--url names one article: not with --background", returncode=2)
        articles = []
        for path in files:
            try:
                articles.append((_article_file(path), path.name))
            except (OSError, ArticleError) as error:
                raise CommandError(f"{path}: {_reason(error)}", returncode=USAGE_ERROR) from None
        job = start_ingestion_job(
            self.change_user,
            articles,
            lang=options["lang"],
            publisher=options["publisher"],
            published=options["published"],
        )
        self.stdout.write(
            f"Job {job.pk} queued ({len(articles)} articles): counterpart jobs --watch {job.pk}"
        )

    @staticmethod
    def line(path: Path, result) -> str:
        summary = result.summary()
        state = "new document" if result.created_document else "known document"
        return (
            f"{path}: {state} {summary['document']} ({summary['language']}, "
            f"{summary['published'] or 'no date'}): {summary['new_figures']} figures, "
            f"{summary['new_events']} events, {summary['new_organizations']} organisations "
            f"proposed; {summary['already_known']} already known"
        )
