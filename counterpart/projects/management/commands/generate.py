"""``counterpart generate``: synthetic projects, stage history, events, follow-ups and funds for
benchmarks.

The rows are written in bulk, bypassing ``Project.save()`` and the change-logging signals; one
summary change record stands for them (see ``counterpart.projects.synthetic``).
"""

import time

from django.core.management.base import CommandError

from counterpart.core.management.base import LoggedCommand
from counterpart.projects import synthetic


def _count(value: str) -> int:
    try:
        return int(value.replace(",", "").replace("_", ""))
    except ValueError:
        raise CommandError(f"Not a whole number: {value!r}.") from None


class Command(LoggedCommand):
    help = (
        "Generate synthetic projects (codes SYN-{seed}-0000001 …, is_sample) with their stage "
        "history, industries and investors, plus optional events (signed projects are signed "
        "at them), follow-ups and funds in place, deterministically for a seed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--projects",
            type=_count,
            required=True,
            metavar="N",
            help=f"Number of projects, 1 to {synthetic.MAX_PROJECTS:,}.",
        )
        parser.add_argument(
            "--followups",
            type=_count,
            default=0,
            metavar="M",
            help="Follow-ups on random generated projects, some overdue (default 0).",
        )
        parser.add_argument(
            "--funds",
            type=_count,
            default=0,
            metavar="K",
            help="Funds-in-place rows on signed and later projects (default 0).",
        )
        parser.add_argument(
            "--events",
            type=_count,
            default=0,
            metavar="E",
            help=(
                f"Events (0 to {synthetic.MAX_EVENTS:,}, default 0) over the signing years; "
                "most signed projects are then signed at one of them."
            ),
        )
        parser.add_argument(
            "--seed", type=int, default=0, help="Seed: same seed, same rows (default 0)."
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the synthetic rows of this seed first (in the same transaction).",
        )

    def handle(self, *args, **options) -> None:
        n_projects = options["projects"]
        followups = options["followups"]
        funds = options["funds"]
        events = options["events"]
        seed = options["seed"]
        self._check_range("--projects", n_projects, 1, synthetic.MAX_PROJECTS)
        self._check_range("--followups", followups, 0, synthetic.MAX_EXTRA_ROWS)
        self._check_range("--funds", funds, 0, synthetic.MAX_EXTRA_ROWS)
        self._check_range("--events", events, 0, synthetic.MAX_EVENTS)
        if seed < 0:
            raise CommandError(f"--seed must be 0 or more (got {seed}).")
        self._began = time.perf_counter()
        try:
            result = synthetic.generate(
                n_projects,
                seed=seed,
                followups=followups,
                funds=funds,
                events=events,
                replace=options["replace"],
                progress=self._progress,
            )
        except synthetic.GenerationError as error:
            raise CommandError(str(error)) from None
        self._report(result)

    @staticmethod
    def _check_range(option: str, value: int, low: int, high: int) -> None:
        if not low <= value <= high:
            raise CommandError(f"{option} must be between {low:,} and {high:,} (got {value:,}).")

    def _progress(self, what: str, done: int, total: int) -> None:
        seconds = time.perf_counter() - self._began
        self.stdout.write(f"  {done:,} / {total:,} {what} ({seconds:,.1f} s)")

    def _report(self, result: synthetic.Result) -> None:
        if result.deleted:
            deleted = ", ".join(f"{n:,} {label}" for label, n in sorted(result.deleted.items()))
            self.stdout.write(f"deleted {deleted}")
        written = ", ".join(f"{n:,} {label}" for label, n in sorted(result.rows.items()))
        self.stdout.write(f"wrote {written}")
        funds_written = result.rows.get("projects.fundsinplace", 0)
        if funds_written < result.funds_requested:
            self.stdout.write(
                self.style.WARNING(
                    f"only {funds_written:,} of {result.funds_requested:,} funds rows: too few "
                    "signed projects (or months since their signing) to hold more"
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"generated {result.projects} projects in {result.seconds:.1f} s "
                f"({result.rate:,.0f} projects/s)"
            )
        )
