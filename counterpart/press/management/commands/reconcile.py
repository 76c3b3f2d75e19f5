"""``counterpart reconcile [--event CODE] [--json] [--lang zh|en]``.

Every confirmed reported figure against the ledger: agrees, differs (by how much, in the
figure's own unit) or not computable (why). Exit code 1 when any figure differs, 2 for unusable
arguments, so that a brief's figures can be checked in a script before it goes out.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from counterpart.events.models import Event
from counterpart.press.reconcile import Verdict, figures_to_reconcile, reconcile, summary

DIFFERS = 1
USAGE_ERROR = 2


class Command(BaseCommand):
    help = "Check the confirmed published figures against what the ledger computes."

    def add_arguments(self, parser):
        parser.add_argument("--event", default="", help="only the figures about event CODE")
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--lang", choices=["zh", "en"], default="zh")

    def handle(self, *args, **options):
        code = options["event"]
        if code and not Event.objects.filter(code=code).exists():
            raise CommandError(f"--event {code!r}: no such event", returncode=USAGE_ERROR)
        with translation.override("zh-hans" if options["lang"] == "zh" else "en"):
            results = reconcile(figures_to_reconcile(code))
            if options["json"]:
                self.stdout.write(json.dumps([r.as_dict() for r in results], ensure_ascii=False))
            else:
                self.stdout.write(self.table(results))
            if any(r.verdict == Verdict.DIFFERS for r in results):
                raise CommandError(summary(results), returncode=DIFFERS)

    def table(self, results) -> str:
        lines = []
        for result in results:
            figure = result.figure
            line = f"{result.verdict_label:<12} {figure.get_metric_display()}: {result.published}"
            if result.verdict == Verdict.DIFFERS:
                line += f" ≠ {result.ledger} ({result.difference})"
            elif result.verdict == Verdict.NOT_COMPUTABLE:
                line += f" — {result.reason}"
            if result.unverified_note:
                line += f" [{result.unverified_note}]"
            lines.append(line)
            lines.append(f"             “{figure.quoted_span}” [{figure.document.reference}]")
        lines.append(summary(results))
        return "\n".join(lines)
