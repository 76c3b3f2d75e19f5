"""Benchmark the project import on a generated workbook, against only reading the file.

    .venv/bin/python benchmarks/import_projects.py                  # 100,000 rows
    .venv/bin/python benchmarks/import_projects.py --rows 10000 --format csv

Builds a temporary SQLite database with the reference and sample data, writes a workbook of
``--rows`` new projects in the import's columns (Chinese headers, values typed as people type
them: 19.5亿元, 2023年4月22日, city names, investors by name), then measures:

- reading only: ``read_table`` and iterating every row (the same reader the import uses);
- the dry run and the commit of the import (``run_import``);

and prints rows per second, peak memory (tracemalloc, Python allocations) and the ratio of each
import's time to the time of reading only.
"""

import argparse
import io
import os
import platform
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="default 100,000")
    parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-commit", action="store_true", help="measure the dry run only")
    return parser.parse_args(argv)


def setup(directory: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "counterpart.settings.development"
    os.environ["DATABASE_URL"] = f"sqlite:///{directory / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command

    for command in ("migrate", "load_refdata", "load_sample"):
        call_command(command, verbosity=0, stdout=io.StringIO())


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
    tracemalloc.start()
    started = time.perf_counter()
    result = step()
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return result, seconds, peak


def main(argv=None) -> None:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="counterpart-import-bench-") as tmp:
        setup(Path(tmp))
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
            return run_import(table, entity, commit=commit)

        count, read_s, read_peak = measure(read_only)
        dry, dry_s, dry_peak = measure(lambda: import_(False))
        assert count == args.rows and dry.counts[Outcome.CREATE] == args.rows, dry.counts
        lines = [
            f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
            f"{platform.python_version()}, SQLite; file: {args.format}, {len(data):,} bytes, "
            f"{args.rows:,} rows",
            f"{'step':<10} {'seconds':>9} {'rows/s':>9} {'peak MiB':>9} {'÷ read':>7}",
            _line("read", read_s, args.rows, read_peak, read_s),
            _line("dry run", dry_s, args.rows, dry_peak, read_s),
        ]
        if not args.skip_commit:
            done, commit_s, commit_peak = measure(lambda: import_(True))
            assert done.committed, done.counts
            lines.append(_line("commit", commit_s, args.rows, commit_peak, read_s))
        print("\n".join(lines))


def _line(step: str, seconds: float, rows: int, peak: int, read_seconds: float) -> str:
    return (
        f"{step:<10} {seconds:>9.2f} {rows / seconds:>9,.0f} {peak / 2**20:>9.1f} "
        f"{seconds / read_seconds:>7.1f}"
    )


if __name__ == "__main__":
    main()
