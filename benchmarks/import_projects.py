"""Benchmark the project import on a generated workbook, against only reading the file.

    .venv/bin/python benchmarks/import_projects.py                  # 100,000 rows
    .venv/bin/python benchmarks/import_projects.py --rows 10000 --format csv

Builds a temporary SQLite database with the reference and sample data, writes a workbook of
``--rows`` new projects in the import's columns (Chinese headers, values typed as people type
them: 19.5亿元, 2023年4月22日, city names, investors by name), then measures:

- reading only: ``read_table`` and iterating every row (the same reader the import uses);
- the dry run and the commit of the import (``run_import``);

and prints rows per second, peak memory and the ratio of each import's time to the time of
reading only. Each step runs in a forked child process, so that its peak memory is its own: the
growth of the child's peak resident set over its size at the start (Python and native memory,
such as the reader's).

``DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME`` measures PostgreSQL instead: the
database NAME is created and dropped by the script (it must not exist).
"""

import argparse
import io
import os
import pickle
import platform
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="default 100,000")
    parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-commit", action="store_true", help="measure the dry run only")
    return parser.parse_args(argv)


def setup(directory: Path) -> str:
    """Set Django up on a new database with the reference and sample data; its vendor."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "counterpart.settings.development"
    postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    if postgres:
        _create_postgres_database(os.environ["DATABASE_URL"])
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{directory / 'bench.sqlite3'}"
    import django
    from django.conf import settings

    django.setup()
    settings.DEBUG = False  # no query log: measure the import, not Django's debugging aids
    from django.core.management import call_command
    from django.db import connection

    for command in ("migrate", "load_refdata", "load_sample"):
        call_command(command, verbosity=0, stdout=io.StringIO())
    return connection.vendor


def _maintenance(url: str):
    import psycopg

    base, _name = url.rsplit("/", 1)
    return psycopg.connect(f"{base}/postgres", autocommit=True), _name


def _create_postgres_database(url: str) -> None:
    connection, name = _maintenance(url)
    with connection:
        connection.execute(f'CREATE DATABASE "{name}"')


def _drop_postgres_database(url: str) -> None:
    from django.db import connections

    connections.close_all()
    connection, name = _maintenance(url)
    with connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


def workbook(rows: int, fmt: str, seed: int) -> bytes:
    """New projects with the columns analysts keep, in the forms they type."""
    from counterpart.core.export import csv_bytes, xlsx_bytes
    from counterpart.geo.models import Region
    from counterpart.organizations.models import Organization

    rng = random.Random(seed)
    cities = list(Region.objects.filter(parent__code="230000").values_list("name_zh", flat=True))
    investors = list(
        Organization.objects.filter(credit_code__isnull=False).values_list("name_zh", flat=True)
    )
    header = [
        "项目编号",
        "项目名称",
        "项目阶段",
        "项目所在地",
        "投资方",
        "签约额",
        "签约日期",
        "备注",
    ]
    table = [header]
    for n in range(rows):
        signed = rng.random() < 0.6
        day = f"2023年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
        table.append(
            [
                f"BENCH-{n:07d}",
                f"导入基准项目{n}",
                "签约" if signed else rng.choice(["合作线索", "洽谈"]),
                rng.choice(cities),
                rng.choice(investors) if signed else "",
                f"{rng.randint(1, 9999) / 100}亿元" if signed else "",
                day if signed else "",
                "",
            ]
        )
    return csv_bytes(table) if fmt == "csv" else xlsx_bytes(table, "projects", set())


def measure(step):
    """Run ``step`` in a forked child: its result (picklable), seconds and peak memory growth."""
    from django.db import connections

    connections.close_all()  # the child opens its own connection
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        _reset_peak_rss()  # the child starts with its parent's peak
        start_rss = _current_rss()
        started = time.perf_counter()
        result = step()
        seconds = time.perf_counter() - started
        peak = _peak_rss() - start_rss
        connections.close_all()
        with os.fdopen(write, "wb") as pipe:
            pickle.dump((result, seconds, peak), pipe)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        raise SystemExit(f"the measured step failed (status {status})")
    return pickle.loads(data)


def _current_rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _reset_peak_rss() -> None:
    """Set the peak resident set size to the current one (Linux 4.0 and later)."""
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")


def _peak_rss() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main(argv=None) -> None:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="counterpart-import-bench-") as tmp:
        vendor = setup(Path(tmp))
        try:
            print("\n".join(run(args, vendor)))
        finally:
            if vendor == "postgresql":
                _drop_postgres_database(os.environ["DATABASE_URL"])


def run(args: argparse.Namespace, vendor: str) -> list[str]:
    """The measurements, as the lines to print."""
    from counterpart.imports.entities import ENTITIES
    from counterpart.imports.readers import read_table
    from counterpart.imports.services import Outcome, run_import

    entity = ENTITIES["projects"]
    headers = [h for column in entity.bound_columns() for h in column.headers()]
    data = workbook(args.rows, args.format, args.seed)
    name = f"projects.{args.format}"

    def read_only():
        return sum(1 for _row in read_table(data, name, header_names=headers).rows)

    def import_(commit: bool):
        table = read_table(data, name, header_names=headers)
        result = run_import(table, entity, commit=commit, progress=report_progress)
        return dict(result.counts), result.committed

    count, read_s, read_peak = measure(read_only)
    (dry, _), dry_s, dry_peak = measure(lambda: import_(False))
    assert count == args.rows and dry.get(Outcome.CREATE) == args.rows, dry
    lines = [
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, {vendor}; file: {args.format}, {len(data):,} bytes, "
        f"{args.rows:,} rows",
        f"{'step':<10} {'seconds':>9} {'rows/s':>9} {'peak MiB':>9} {'÷ read':>7}",
        _line("read", read_s, args.rows, read_peak, read_s),
        _line("dry run", dry_s, args.rows, dry_peak, read_s),
    ]
    if not args.skip_commit:
        (done, committed), commit_s, commit_peak = measure(lambda: import_(True))
        assert committed, done
        lines.append(_line("commit", commit_s, args.rows, commit_peak, read_s))
    return lines


def report_progress(number: int) -> None:
    if number % 10_000 == 1:  # row 1 is the header
        print(f"  … row {number - 1:,}", file=sys.stderr, flush=True)


def _line(step: str, seconds: float, rows: int, peak: int, read_seconds: float) -> str:
    return (
        f"{step:<10} {seconds:>9.2f} {rows / seconds:>9,.0f} {peak / 2**20:>9.1f} "
        f"{seconds / read_seconds:>7.1f}"
    )


if __name__ == "__main__":
    main()
