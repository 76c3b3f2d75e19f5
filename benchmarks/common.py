"""What the benchmark scripts run by ``make bench`` share (``benchmarks/run.py`` runs them).

Every such script is runnable alone as ``python benchmarks/NAME.py --database-url URL [--json
PATH]`` against a database already migrated and filled, prints a table of its figures and
ratios and, with ``--json``, writes them in the one format ``benchmarks/compare`` reads::

    {"benchmark": "reports", "database": "sqlite 3.40.1", "projects": 20000,
     "results": [{"name": ..., "value": ..., "unit": ..., "ratio": ..., "target": ...,
                  "better": "lower"}, ...]}

A script's skeleton::

    from common import Result, arguments, setup_django, write_results, measure

    args = arguments(__doc__).parse_args()
    setup_django(args.database_url)
    timing = median_ms(lambda: work(), runs=args.runs)      # after a warm-up call
    peak = measure(lambda: work()).peak_mib                 # in a forked child
    write_results("NAME", args, [Result("work ms", timing.median, "ms", ratio=..., target=...)])

Timings are medians of several runs after a warm-up, so that one slow run (another process,
a cold cache) does not make the figure. Peak memory is measured in a forked child process, its
peak resident set (``VmHWM``) reset at the start: "peak MiB" is how far one call raised the
resident set above what the process held before it, i.e. the call's own working memory.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the checkout's code, whichever directory the script runs from
    sys.path.insert(0, str(ROOT))


# --- arguments and set-up ---------------------------------------------------------------------


def arguments(doc: str | None) -> argparse.ArgumentParser:
    """The options every benchmark takes; a script adds its own to the parser it gets."""
    parser = argparse.ArgumentParser(
        description=(doc or "").strip().splitlines()[0] if doc else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="the filled database (default: $DATABASE_URL)",
    )
    parser.add_argument("--json", type=Path, help="write the results to this file")
    parser.add_argument(
        "--runs", type=int, default=5, help="timed runs per figure, after one warm-up (5)"
    )
    return parser


def check_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if not args.database_url:
        parser.error("--database-url is required (or set DATABASE_URL)")
    if args.runs < 1:
        parser.error(f"--runs must be at least 1 (got {args.runs})")


def setup_django(database_url: str, settings: str = "counterpart.settings.development") -> None:
    """Configure Django for the database at ``database_url`` (the development settings unless
    said otherwise: no HTTPS redirect, no secrets needed)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()


def database_label() -> str:
    """ "SQLite 3.40.1" or "PostgreSQL 15.8": the vendor and the server's version."""
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
    return connection.vendor


def project_count() -> int:
    from counterpart.projects.models import Project

    return Project.objects.count()


def machine() -> str:
    """CPUs, memory and Python, for the results and docs/benchmarks.md."""
    memory = ""
    try:
        with open("/proc/meminfo") as meminfo:
            kib = int(meminfo.readline().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} CPUs{memory}, Python {platform.python_version()}"


# --- timing -----------------------------------------------------------------------------------


@dataclass
class Timing:
    runs_ms: list[float]
    result: Any = None  # what the last run returned

    @property
    def median(self) -> float:
        return statistics.median(self.runs_ms)


def median_ms(call: Callable[[], Any], runs: int = 5, warmup: int = 1) -> Timing:
    """Call ``call`` ``warmup`` times untimed, then ``runs`` times timed (milliseconds)."""
    for _ in range(warmup):
        call()
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
    return Timing(times, result)


# --- peak memory ------------------------------------------------------------------------------


@dataclass
class Measured:
    result: Any
    seconds: float
    peak_bytes: int  # growth of the peak resident set over the child's size at its start

    @property
    def peak_mib(self) -> float:
        return self.peak_bytes / 1024 / 1024


def measure(call: Callable[[], Any]) -> Measured:
    """Run ``call`` once in a forked child: its (picklable) result, seconds and peak memory.

    The child inherits the parent's peak resident set, so it resets it first (``clear_refs``)
    and reports the growth over its size at the start: the call's own peak working memory,
    which the parent's earlier calls cannot hide."""
    from django.db import connections

    connections.close_all()  # the child opens its own connection
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        try:
            os.close(read)
            reset_peak_rss()
            start = current_rss()
            started = time.perf_counter()
            result = call()
            seconds = time.perf_counter() - started
            payload = (True, result, seconds, peak_rss() - start)
        except BaseException as error:  # reported by the parent, which fails loudly
            payload = (False, repr(error), 0.0, 0)
        try:
            connections.close_all()
            with os.fdopen(write, "wb") as pipe:
                pickle.dump(payload, pipe)
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    if not data:
        raise RuntimeError("the measured call's child process died without a result")
    ok, result, seconds, peak = pickle.loads(data)
    if not ok:
        raise RuntimeError(f"the measured call failed in its child process: {result}")
    return Measured(result, seconds, peak)


def current_rss(pid: int | str = "self") -> int:
    with open(f"/proc/{pid}/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def reset_peak_rss() -> None:
    """Set this process's peak resident set size to the current one (Linux 4.0 and later)."""
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")


def peak_rss(pid: int | str = "self") -> int:
    """The peak resident set size (``VmHWM``) of a process, in bytes."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    if pid == "self":
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


# --- results ----------------------------------------------------------------------------------


@dataclass
class Result:
    """One figure. ``ratio`` is compared with ``target`` (a ratio at most ``target`` meets it
    when ``better`` is "lower"; at least, when "higher"); ``better`` also tells
    ``benchmarks/compare`` which way a change is a regression."""

    name: str
    value: float | int
    unit: str
    ratio: float | None = None
    target: float | None = None
    better: str = "lower"
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def meets_target(self) -> bool | None:
        if self.ratio is None or self.target is None:
            return None
        return self.ratio <= self.target if self.better == "lower" else self.ratio >= self.target


def _number(value: float | int | None, digits: int = 2) -> str:
    if value is None:
        return "—"
    if isinstance(value, int) or (float(value).is_integer() and abs(value) >= 100):
        return f"{value:,.0f}"
    return f"{value:,.{digits}f}"


def print_table(title: str, results: Sequence[Result]) -> None:
    """Results as an aligned table: figure, value, unit, ratio, target, met."""
    rows = [("figure", "value", "unit", "ratio", "target", "met")]
    for r in results:
        met = {True: "yes", False: "NO", None: ""}[r.meets_target]
        target = "" if r.target is None else ("≤ " if r.better == "lower" else "≥ ") + str(r.target)
        rows.append((r.name, _number(r.value), r.unit, _number(r.ratio, 3), target, met))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    print(f"\n{title}")
    for index, row in enumerate(rows):
        cells = [
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        print("  " + "  ".join(cells).rstrip())
        if index == 0:
            print("  " + "  ".join("-" * width for width in widths))
    sys.stdout.flush()


def results_document(benchmark: str, results: Sequence[Result], **extra: Any) -> dict:
    return {
        "benchmark": benchmark,
        "database": database_label(),
        "projects": project_count(),
        "machine": machine(),
        **extra,
        "results": [asdict(r) for r in results],
    }


def write_results(
    benchmark: str, args: argparse.Namespace, results: Sequence[Result], **extra: Any
) -> dict:
    """Print the table and, with ``--json``, write the results document. Returns it."""
    document = results_document(benchmark, results, **extra)
    print_table(f"{benchmark} — {document['database']}, {document['projects']:,} projects", results)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return document
