"""The dashboard and the project list served by gunicorn, under load, against a trivial view.

    .venv/bin/python benchmarks/load.py --database-url sqlite:///var/bench/bench-20000-1.sqlite3
    .venv/bin/python benchmarks/load.py --database-url postgresql://… --seconds 30 --clients 20

Starts the production server as deployed (``counterpart serve``: gunicorn with
``counterpart/ops/gunicorn_conf.py``, production settings, static files by WhiteNoise from a
``collectstatic`` into ``var/bench/static``) with 2 workers on 127.0.0.1 and a free port, signs
in a department-staff user (a session written to the database), then drives each page with
``--clients`` concurrent clients for ``--seconds``: the trivial view (``/health/``), the
dashboard (2020-01 … 2025-12) and the project list (a stage filter and a sort on the contract
value). Prints requests per second, p50/p95/p99 latency, errors (any status but 200, or no
answer) and each page's requests per second as a ratio to the trivial view's; and the peak
resident set (``VmHWM``) of the gunicorn workers, which is their whole memory at its highest
(interpreter, Django, the application and the largest request so far), read from /proc after
each page's run. The server started is always stopped, by its process id.

``GUNICORN_MAX_REQUESTS`` is set to 0 for the run: a worker replaced every 1,000 requests would
restart its peak memory and cost a start-up inside the measurement.
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from common import (
    ROOT,
    Result,
    arguments,
    check_arguments,
    peak_rss,
    setup_django,
    write_results,
)

USERNAME = "bench-staff"
PAGES = {
    "trivial view (/health/)": "/health/",
    "dashboard": "/?start=2020-01&end=2025-12",
    "project list (filter + sort)": "/projects/?stage=signed&sort=-contract_value",
}
TRIVIAL = "trivial view (/health/)"
SECRET = "benchmark-only-not-secret-" + "x" * 40


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(database_url: str, static_root: Path, cache_dir: Path) -> dict[str, str]:
    """Production settings for a server on the loopback, without TLS in front of it."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "counterpart.settings.production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(static_root),
        "CACHE_DIR": str(cache_dir),
        "WEB_CONCURRENCY": "2",
        "GUNICORN_MAX_REQUESTS": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


def sign_in() -> str:
    """A department-staff user's session key (the session is stored in the database, where
    the server's ``SessionStore`` reads it; signed with the same SECRET_KEY)."""
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    from counterpart.core.changelog import change_context
    from counterpart.users.choices import Role

    User = get_user_model()
    with change_context(channel="system"):
        user = User.objects.filter(username=USERNAME).first()
        if user is None:
            user = User(username=USERNAME, role=Role.DEPARTMENT_STAFF)
            user.set_unusable_password()
            user.full_clean()
            user.save()
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "counterpart.users.backends.RoleBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)  # ms, answered with 200
    errors: int = 0
    first_error: str = ""


def client(port: int, path: str, cookie: str, deadline: float, tally: Tally, lock) -> None:
    """One client: requests one after the other until the deadline. gunicorn's sync workers
    close each connection, so http.client opens a new one for each request, as a browser
    without keep-alive would."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Cookie": f"sessionid={cookie}", "Accept-Language": "zh-hans"}
    latencies, errors, first_error = [], 0, ""
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status == 200:
                latencies.append((time.perf_counter() - started) * 1000)
            else:
                errors += 1
                first_error = first_error or f"HTTP {response.status}"
        except (OSError, http.client.HTTPException) as error:
            errors += 1
            first_error = first_error or repr(error)
            connection.close()
    connection.close()
    with lock:
        tally.latencies += latencies
        tally.errors += errors
        tally.first_error = tally.first_error or first_error


def drive(port: int, path: str, cookie: str, clients: int, seconds: float) -> tuple[Tally, float]:
    """``clients`` threads for ``seconds``; the tally and the seconds actually taken.

    Written by hand on the standard library (threads and ``http.client``) rather than with a
    load-testing package: all it needs is concurrent GETs with a cookie and their latencies,
    and locust, the library the issue suggested, brings gevent, Flask, pyzmq and a web UI into
    the environment for that. The threads mostly wait on sockets, so one process keeps 20
    clients busy; what it costs in CPU is shared with the server on this machine, for the
    trivial view and the pages alike."""
    tally, lock = Tally(), threading.Lock()
    started = time.perf_counter()
    deadline = started + seconds
    threads = [
        threading.Thread(target=client, args=(port, path, cookie, deadline, tally, lock))
        for _ in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.perf_counter() - started


def percentile(values: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def worker_pids(master: int) -> list[int]:
    try:
        with open(f"/proc/{master}/task/{master}/children") as children:
            return [int(pid) for pid in children.read().split()]
    except OSError:
        return []


def wait_until_up(port: int, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with status {server.returncode} while starting")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/health/")
            if connection.getresponse().status == 200 and len(worker_pids(server.pid)) >= 2:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer on 127.0.0.1:{port} within {seconds:.0f} s")


def static_is_current(static_root: Path) -> bool:
    """Whether ``static_root`` holds a manifest newer than every static source file."""
    manifest = static_root / "staticfiles.json"
    if not manifest.exists():
        return False
    collected = manifest.stat().st_mtime
    sources = (ROOT / "counterpart").glob("**/static/**/*")
    return all(path.stat().st_mtime <= collected for path in sources if path.is_file())


def collect_static(static_root: Path) -> None:
    """``collectstatic`` into ``static_root`` with the production storage (hashed names and
    the manifest the templates need). It compresses every file (about two minutes on the
    development VM), so the collected files are kept under ``var/bench/`` and collected again
    only when a source file is newer."""
    from django.core.management import call_command

    if static_is_current(static_root):
        return
    call_command("collectstatic", interactive=False, clear=True, verbosity=0)
    if not (static_root / "staticfiles.json").exists():
        raise SystemExit(f"collectstatic wrote no manifest into {static_root}")


def stop(server: subprocess.Popen) -> None:
    """Stop the gunicorn master we started (by its pid; it stops its workers)."""
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=35)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def main(argv: list[str] | None = None) -> int:
    parser = arguments(__doc__)
    parser.add_argument(
        "--seconds", type=float, default=float(os.environ.get("BENCH_SECONDS") or 30)
    )
    parser.add_argument("--clients", type=int, default=int(os.environ.get("BENCH_CLIENTS") or 20))
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    check_arguments(parser, args)
    if args.seconds <= 0 or args.clients < 1:
        parser.error("--seconds must be positive and --clients at least 1")

    workdir = Path(tempfile.mkdtemp(prefix="counterpart-load-"))
    static_root, cache_dir = ROOT / "var" / "bench" / "static", workdir / "cache"
    env = server_environment(args.database_url, static_root, cache_dir)
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "STATIC_ROOT", "CACHE_DIR", "SECURE_SSL_REDIRECT"):
        os.environ[name] = env[name]
    server = None
    try:
        setup_django(args.database_url, "counterpart.settings.production")
        began = time.perf_counter()
        collect_static(static_root)
        print(f"collectstatic: {time.perf_counter() - began:.1f} s", flush=True)
        # The database was migrated with the development settings, which cache in memory:
        # the production settings' database cache needs its table (as `migrate` makes it there).
        from django.core.management import call_command

        call_command("createcachetable", verbosity=0)
        cookie = sign_in()
        from django.db import connections

        connections.close_all()
        port = free_port()
        command = [
            sys.executable,
            "-m",
            "counterpart.cli",
            "serve",
            "--",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{port}",
        ]
        server = subprocess.Popen(command, cwd=ROOT, env=env)
        wait_until_up(port, server)
        print(
            f"gunicorn pid {server.pid}, {args.workers} workers on 127.0.0.1:{port}; "
            f"{args.clients} clients, {args.seconds:g} s per page",
            flush=True,
        )
        results, rates = [], {}
        for name, path in PAGES.items():
            drive(port, path, cookie, 2, 1.0)  # warm-up: imports, caches, the first queries
            tally, seconds = drive(port, path, cookie, args.clients, args.seconds)
            if not tally.latencies:
                raise SystemExit(f"{name}: no request answered with 200 ({tally.first_error})")
            rate = len(tally.latencies) / seconds
            rates[name] = rate
            memory = max(peak_rss(pid) for pid in worker_pids(server.pid)) / 1024 / 1024
            ratio = None if name == TRIVIAL else round(rate / rates[TRIVIAL], 3)
            p50, p95, p99 = (percentile(tally.latencies, f) for f in (0.5, 0.95, 0.99))
            print(
                f"{name}: {rate:,.1f} req/s, p50 {p50:,.0f} ms, p95 {p95:,.0f} ms, "
                f"p99 {p99:,.0f} ms, {tally.errors} errors"
                + (f" (first: {tally.first_error})" if tally.errors else "")
                + (f", {ratio:.3f} of the trivial view" if ratio is not None else "")
                + f"; worker peak {memory:,.0f} MiB",
                flush=True,
            )
            results += [
                Result(f"{name}: req/s", round(rate, 1), "req/s", ratio=ratio, better="higher"),
                Result(f"{name}: p50", round(p50, 1), "ms"),
                Result(f"{name}: p95", round(p95, 1), "ms"),
                Result(f"{name}: p99", round(p99, 1), "ms"),
                Result(f"{name}: errors", tally.errors, "errors", ratio=None, target=None),
                Result(f"{name}: worker peak", round(memory, 1), "MiB"),
            ]
    finally:
        if server is not None:
            stop(server)
        shutil.rmtree(workdir, ignore_errors=True)
    write_results(
        "load",
        args,
        results,
        clients=args.clients,
        seconds=args.seconds,
        workers=args.workers,
        errors=sum(r.value for r in results if r.unit == "errors"),
    )
    return 1 if any(r.value for r in results if r.unit == "errors") else 0


if __name__ == "__main__":
    sys.exit(main())
