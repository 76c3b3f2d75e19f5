"""``make bench``: fill a benchmark database on SQLite and on PostgreSQL, run every benchmark
script on each, and print every ratio.

    .venv/bin/python benchmarks/run.py                        # BENCH_PROJECTS (20,000)
    BENCH_PROJECTS=1000000 .venv/bin/python benchmarks/run.py # the full run
    .venv/bin/python benchmarks/run.py --database sqlite --only reports

For each database (SQLite: ``var/bench/bench-N-seed-S.sqlite3``; PostgreSQL, when it answers at
``PG_SERVER_URL``: the database ``counterpart_bench``) the runner migrates, loads the reference
and sample data and generates N projects with 5 N follow-ups, 2 N funds-in-place rows and, when
``counterpart generate`` accepts ``--events``, N/50 events. A database already filled for the
same N, seed and options (a marker file under ``var/bench/`` says so, and the number of
generated projects is checked) is reused. Then it runs each script of ``SCRIPTS`` present in
``benchmarks/`` as ``python benchmarks/NAME.py --database-url URL --json
var/bench/results/VENDOR-NAME.json`` (``BENCH_SECONDS`` and ``BENCH_CLIENTS`` reach
``load.py`` through the environment), writes all results to ``var/bench/results/latest.json``
(what ``benchmarks/compare`` reads) and prints every ratio with its target.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
ROOT = BENCHMARKS.parent
VAR = ROOT / "var" / "bench"
RESULTS = VAR / "results"
SCRIPTS = ("reports", "list_pages", "load")  # in this order; those absent are skipped
PG_DATABASE = "counterpart_bench"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument(
        "--projects",
        type=int,
        default=int(os.environ.get("BENCH_PROJECTS") or 20_000),
        help="generated projects (default: $BENCH_PROJECTS or 20,000)",
    )
    parser.add_argument("--seed", type=int, default=int(os.environ.get("BENCH_SEED") or 1))
    parser.add_argument(
        "--database",
        choices=("sqlite", "postgresql", "both"),
        default="both",
        help="which databases (default both; PostgreSQL only when it answers)",
    )
    parser.add_argument("--only", default="", help="run only these scripts (comma-separated)")
    parser.add_argument(
        "--pg-server-url",
        default=os.environ.get("PG_SERVER_URL", "postgresql://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--refill", action="store_true", help="fill the databases again")
    args = parser.parse_args(argv)
    if not 1 <= args.projects <= 10_000_000:
        parser.error(f"--projects (BENCH_PROJECTS) must be 1 to 10,000,000 (got {args.projects})")
    return args


def cli(*arguments: str, database_url: str, capture: bool = False) -> subprocess.CompletedProcess:
    """``counterpart COMMAND …`` on this checkout, against ``database_url``."""
    env = {**os.environ, "DATABASE_URL": database_url}
    env.pop("DJANGO_SETTINGS_MODULE", None)  # the development settings
    return subprocess.run(
        [sys.executable, "-m", "counterpart.cli", *arguments],
        cwd=ROOT,
        env=env,
        check=not capture,
        capture_output=capture,
        text=True,
    )


def generate_accepts_events(database_url: str) -> bool:
    """Whether this checkout's ``counterpart generate`` has ``--events``."""
    return "--events" in cli("generate", "--help", database_url=database_url, capture=True).stdout


def fill_options(args: argparse.Namespace, events: bool) -> dict:
    options = {
        "projects": args.projects,
        "followups": 5 * args.projects,
        "funds": 2 * args.projects,
        "seed": args.seed,
    }
    if events:
        options["events"] = max(1, args.projects // 50)
    return options


def generated_count(vendor: str, url: str, seed: int) -> int | None:
    """Projects of the seed in the database, or None when it cannot be read."""
    pattern = f"SYN-{seed}-%"
    query = "SELECT COUNT(*) FROM projects_project WHERE code LIKE "
    try:
        if vendor == "sqlite":
            with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
                return db.execute(query + "?", (pattern,)).fetchone()[0]
        import psycopg

        with psycopg.connect(url, connect_timeout=5) as db:
            return db.execute(query + "%s", (pattern,)).fetchone()[0]
    except Exception:  # no file, no database, no table: not filled
        return None


def analyze(vendor: str, url: str) -> None:
    """Fresh planner statistics after the bulk load (autovacuum may not have run yet)."""
    if vendor == "sqlite":
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            db.execute("ANALYZE")
        return
    import psycopg

    with psycopg.connect(url, autocommit=True) as db:
        db.execute("ANALYZE")


def recreate_postgres(server_url: str) -> None:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{PG_DATABASE}"')


def prepare(vendor: str, args: argparse.Namespace) -> str:
    """The database URL, filled for the options (reused when it already is)."""
    VAR.mkdir(parents=True, exist_ok=True)
    if vendor == "sqlite":
        path = VAR / f"bench-{args.projects}-seed-{args.seed}.sqlite3"
        url = f"sqlite:///{path}"
    else:
        url = args.pg_server_url.rsplit("/", 1)[0] + f"/{PG_DATABASE}"
    events = generate_accepts_events(url)
    options = fill_options(args, events)
    marker = VAR / f"{vendor}.json"
    recorded = json.loads(marker.read_text()) if marker.exists() else None
    if (
        not args.refill
        and recorded == {"url": url, **options}
        and generated_count(vendor, url, args.seed) == args.projects
    ):
        print(f"== {vendor}: reusing {url} ({args.projects:,} projects, seed {args.seed})")
        return url
    print(f"== {vendor}: filling {url}: {options}", flush=True)
    marker.unlink(missing_ok=True)
    began = time.perf_counter()
    if vendor == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        recreate_postgres(args.pg_server_url)
    cli("migrate", "--no-input", "-v0", database_url=url)
    cli("load-refdata", "-v0", database_url=url)
    cli("load-sample", "-v0", database_url=url)
    generate = [f"--{name}={value}" for name, value in options.items()]
    cli("generate", *generate, database_url=url)
    if not events:
        print("   (counterpart generate has no --events here: signed projects have no event)")
    analyze(vendor, url)
    marker.write_text(json.dumps({"url": url, **options}, indent=2) + "\n")
    print(f"   filled in {time.perf_counter() - began:,.0f} s", flush=True)
    return url


def postgres_answers(server_url: str) -> bool:
    return (
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "pg_available.py"), server_url], cwd=ROOT
        ).returncode
        == 0
    )


def run_scripts(vendor: str, url: str, only: set[str]) -> tuple[list[dict], list[str]]:
    documents, failures = [], []
    for name in SCRIPTS:
        script = BENCHMARKS / f"{name}.py"
        if not script.exists() or (only and name not in only):
            continue
        output = RESULTS / f"{vendor}-{name}.json"
        output.unlink(missing_ok=True)
        print(f"\n== {vendor}: {name}", flush=True)
        command = [sys.executable, str(script), "--database-url", url, "--json", str(output)]
        code = subprocess.run(command, cwd=ROOT).returncode
        if output.exists():
            documents.append(json.loads(output.read_text()))
        if code != 0:
            failures.append(f"{vendor} {name} (exit {code})")
    return documents, failures


def print_ratios(documents: list[dict]) -> None:
    """Every figure that has a ratio, with its target."""
    print("\n== every ratio")
    rows = [("database", "benchmark", "figure", "ratio", "target", "met")]
    for document in documents:
        for result in document["results"]:
            if result.get("ratio") is None:
                continue
            target, better = result.get("target"), result.get("better", "lower")
            met = ""
            if target is not None:
                ok = result["ratio"] <= target if better == "lower" else result["ratio"] >= target
                met = "yes" if ok else "NO"
            sign = "≤ " if better == "lower" else "≥ "
            rows.append(
                (
                    document["database"],
                    document["benchmark"],
                    result["name"],
                    f"{result['ratio']:.3g}",
                    "" if target is None else sign + str(target),
                    met,
                )
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    vendors = ["sqlite"] if args.database in ("sqlite", "both") else []
    if args.database in ("postgresql", "both"):
        if postgres_answers(args.pg_server_url):
            vendors.append("postgresql")
        else:
            print(f"== PostgreSQL skipped: nothing answers at {args.pg_server_url}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    documents, failures = [], []
    began = time.perf_counter()
    for vendor in vendors:
        url = prepare(vendor, args)
        found, failed = run_scripts(vendor, url, only)
        documents += found
        failures += failed
    latest = RESULTS / "latest.json"
    latest.write_text(
        json.dumps({"projects": args.projects, "runs": documents}, indent=2, ensure_ascii=False)
        + "\n"
    )
    print_ratios(documents)
    print(f"\nresults: {latest.relative_to(ROOT)} ({time.perf_counter() - began:,.0f} s)")
    print("compare with the recorded figures: benchmarks/compare " + str(latest.relative_to(ROOT)))
    if failures:
        print("FAILED: " + ", ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
