"""Benchmark ``counterpart generate`` on a fresh temporary SQLite database.

    .venv/bin/python benchmarks/generate.py                   # 200,000 projects, 3 runs
    .venv/bin/python benchmarks/generate.py --projects 1000000 --runs 1
    .venv/bin/python benchmarks/generate.py --followups 100000 --funds 100000 --events 4000

Migrates once into a template database (and loads the reference data with ``load-refdata`` if
that command exists, else a minimal set of regions), copies the template for every run so that
each run starts from the same empty tables, times the command, and prints projects per second
and the ratio to the target of 50,000 projects/s.
"""

import argparse
import io
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

TARGET = 50_000  # projects per second
# The checkout this script is in, before an installed copy: run from a worktree, time its code.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=200_000, help="default 200,000")
    parser.add_argument("--followups", type=int, default=0)
    parser.add_argument("--funds", type=int, default=0)
    parser.add_argument("--events", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3, help="fresh database each run (default 3)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--verbose", action="store_true", help="show the command's output")
    return parser.parse_args(argv)


def setup_django(database: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "counterpart.settings.development"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    import django

    django.setup()


def load_reference_data() -> str:
    """``load-refdata`` if it exists, else Heilongjiang's and Guangdong's cities by hand."""
    from django.core.management import call_command, get_commands

    if "load_refdata" in get_commands():
        call_command("load_refdata", stdout=io.StringIO())
        return "load-refdata"
    from counterpart.geo.models import Region, RegionLevel

    def region(code: str, name: str, level: str, parent=None) -> Region:
        return Region.objects.create(code=code, name_zh=name, level=level, parent=parent)

    hlj = region("230000", "黑龙江省", RegionLevel.PROVINCE)
    gd = region("440000", "广东省", RegionLevel.PROVINCE)
    for code in range(230100, 231300, 100):
        region(str(code), f"黑龙江{code}", RegionLevel.PREFECTURE, hlj)
    for code in range(440100, 442100, 100):
        region(str(code), f"广东{code}", RegionLevel.PREFECTURE, gd)
    for code in ("110000", "310000", "320000", "330000"):
        region(code, f"省{code}", RegionLevel.PROVINCE)
    return "minimal regions (load-refdata not found)"


def checkpoint(database: Path) -> None:
    """Fold the WAL into the database file so that a plain copy is complete."""
    with sqlite3.connect(database) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def run_once(args: argparse.Namespace, template: Path, database: Path, seed: int) -> dict:
    from django.core.management import call_command
    from django.db import connection

    from counterpart.core.models import ChangeRecord

    connection.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, database)
    out = io.StringIO()
    began = time.perf_counter()
    call_command(
        "generate",
        projects=args.projects,
        followups=args.followups,
        funds=args.funds,
        events=args.events,
        seed=seed,
        stdout=out,
    )
    seconds = time.perf_counter() - began
    if args.verbose:
        print(out.getvalue().rstrip())
    summary = ChangeRecord.objects.order_by("-id").values_list("after", flat=True).first()
    rows = sum(summary["rows"].values())
    return {"seconds": seconds, "rate": args.projects / seconds, "rows": rows}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="counterpart-bench-"))
    template, database = workdir / "template.sqlite3", workdir / "bench.sqlite3"
    try:
        setup_django(database)
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        source = load_reference_data()
        connection.close()
        checkpoint(database)
        shutil.copyfile(database, template)

        print(
            f"python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
            f"{os.cpu_count()} CPUs; reference data: {source}"
        )
        print(
            f"counterpart generate --projects {args.projects:,} --followups {args.followups:,} "
            f"--funds {args.funds:,} --events {args.events:,}, {args.runs} run(s), "
            "fresh database each"
        )
        results = []
        for run in range(args.runs):
            result = run_once(args, template, database, args.seed + run)
            results.append(result)
            print(
                f"  run {run + 1}: {result['seconds']:.2f} s, {result['rate']:,.0f} projects/s, "
                f"{result['rows'] / result['seconds']:,.0f} rows/s ({result['rows']:,} rows)"
            )
        best = max(r["rate"] for r in results)
        median = statistics.median(r["rate"] for r in results)
        print(f"median {median:,.0f} projects/s, best {best:,.0f} projects/s")
        print(
            f"target {TARGET:,} projects/s: ratio {median / TARGET:.2f} (median), "
            f"{best / TARGET:.2f} (best)"
        )
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
