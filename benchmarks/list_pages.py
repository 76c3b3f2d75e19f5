"""Time page 1 against page 10,000 of the project list, by number and by cursor (a filled database).

    .venv/bin/python benchmarks/list_pages.py --database-url postgresql://…/counterpart_perf_big
    .venv/bin/python benchmarks/list_pages.py --database-url URL --json var/list_pages.json

Renders the list through the real view (``projects:project_list``, RequestFactory with the
middleware-free view, as a department-staff user that is not saved: the benchmark writes
nothing), ``?status=active&sort=-signed_date`` by default, 50 rows a page. Page 10,000, or the
deepest page that exists (said so), twice: by its number (``?page=10000``: an ``OFFSET`` over
the index) and by its cursor, as the "next" link of page 9,999 leads to it (``?cursor=…``: a
seek from the row before it; the cursor is read once from page 9,999's link, rendered by number).
Each page is loaded ``--warmup`` times, then timed ``--repeat`` times; the median is reported
with the ratios deep/first (target at most 1.5: the cursor's is the one users get when paging
on; the number's is printed too) and the SQL queries of each page. Results as JSON with
``--json``; the exit status is 1 when the cursor's ratio misses the target.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_RATIO = 1.5
# list → (URL name, view, filter set, queryset, default query), names resolved after setup
LISTS = {
    "projects": (
        "project_list",
        "ProjectListView",
        "ProjectFilterSet",
        "PROJECTS",
        "status=active&sort=-signed_date",
    ),
    "followups": (
        "followup_list",
        "FollowUpListView",
        "FollowUpFilterSet",
        "FOLLOW_UPS",
        "sort=-date",
    ),
}


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="an already filled database")
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    parser.add_argument("--list", choices=sorted(LISTS), default="projects")
    parser.add_argument("--query", help="default: status=active&sort=-signed_date (projects)")
    parser.add_argument("--page", type=int, default=10_000, help="the deep page (10,000)")
    parser.add_argument("--per-page", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=7)
    return parser.parse_args(argv)


def setup(url: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "counterpart.settings.development")
    os.environ["DATABASE_URL"] = url
    import django

    django.setup()


def staff_request(path: str):
    """A GET of ``path`` by a department-staff user, with the session and messages a view uses."""
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.base import SessionBase
    from django.test import RequestFactory

    from counterpart.users.choices import Role
    from counterpart.users.models import User

    request = RequestFactory().get(path)
    request.user = User(username="bench-staff", role=Role.DEPARTMENT_STAFF, preferences={})
    request.session = SessionBase()
    request._messages = FallbackStorage(request)
    return request


def next_link(view, path: str) -> str | None:
    """The address of the "next" link (``rel="next"``) of the page at ``path``."""
    from html import unescape

    request = staff_request(path)
    response = view(request)
    response.render() if hasattr(response, "render") else None
    html = response.content.decode()
    marker = 'rel="next" href="'
    if marker not in html:
        return None
    href = unescape(html.split(marker, 1)[1].split('"', 1)[0])
    return path.split("?", 1)[0] + href


def load(view, path: str) -> tuple[float, int, int]:
    """Seconds to render ``path`` (its response), its SQL queries and its status."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    request = staff_request(path)
    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        response = view(request)
        response.render() if hasattr(response, "render") else None
        _ = response.content
        seconds = time.perf_counter() - began
    return seconds, len(queries), response.status_code


def measure(view, path: str, warmup: int, repeat: int) -> tuple[float, int]:
    for _ in range(warmup):
        load(view, path)
    runs = [load(view, path) for _ in range(repeat)]
    statuses = {status for _s, _q, status in runs}
    if statuses != {200}:
        raise SystemExit(f"{path}: status {sorted(statuses)}")
    return statistics.median(s for s, _q, _st in runs), max(q for _s, q, _st in runs)


def main(argv=None) -> int:
    args = parse_args(argv)
    setup(args.database_url)
    from django.db import connection
    from django.http import QueryDict
    from django.urls import reverse

    from counterpart.projects import filtersets, views
    from counterpart.projects.models import Project

    url_name, view_name, filterset_name, queryset_name, default_query = LISTS[args.list]
    args.query = args.query or default_query
    queryset = getattr(views, queryset_name).all()
    projects = Project.objects.count()
    matching = getattr(filtersets, filterset_name)(QueryDict(args.query), queryset=queryset).qs
    matching = matching.count()
    deepest = max(1, -(-matching // args.per_page))
    deep = min(args.page, deepest)
    base = f"{reverse('projects:' + url_name)}?{args.query}&per_page={args.per_page}"
    view = getattr(views, view_name).as_view()
    first, first_queries = measure(view, f"{base}&page=1", args.warmup, args.repeat)
    last, last_queries = measure(view, f"{base}&page={deep}", args.warmup, args.repeat)
    cursor_path = next_link(view, f"{base}&page={deep - 1}") if deep > 1 else None
    if cursor_path is None:
        raise SystemExit(f"no cursor: page {deep - 1:,} has no next link (the list has one page?)")
    sought, sought_queries = measure(view, cursor_path, args.warmup, args.repeat)
    ratio, cursor_ratio = last / first, sought / first
    label = f"page {deep:,}"
    print(f"database: {connection.vendor}, {projects:,} projects; {args.list}: {matching:,} match")
    print(f"list: {base}")
    if deep != args.page:
        print(f"page {deep:,} is the deepest ({args.page:,} asked)")
    print(f"page 1:                 {first * 1000:8.1f} ms  {first_queries} queries")
    print(f"{label + ' by number:':<23} {last * 1000:8.1f} ms  {last_queries} queries")
    print(f"{label + ' by cursor:':<23} {sought * 1000:8.1f} ms  {sought_queries} queries")
    print(f"ratio by number:        {ratio:8.2f}     (target at most {TARGET_RATIO})")
    print(f"ratio by cursor:        {cursor_ratio:8.2f}     (target at most {TARGET_RATIO})")
    if len({first_queries, last_queries, sought_queries}) > 1:
        print("queries differ between the pages")
    if args.json:
        results = {
            "benchmark": "list_pages",
            "database": connection.vendor,
            "projects": projects,
            "python": platform.python_version(),
            "list": args.list,
            "query": args.query,
            "matching": matching,
            "deep_page": deep,
            "results": [
                {"name": "page_1", "value": round(first * 1000, 1), "unit": "ms"},
                {"name": f"page_{deep}", "value": round(last * 1000, 1), "unit": "ms"},
                {"name": f"page_{deep}_by_cursor", "value": round(sought * 1000, 1), "unit": "ms"},
                {
                    "name": "deep_over_first",
                    "value": round(ratio, 3),
                    "unit": "ratio",
                    "ratio": round(ratio, 3),
                    "target": TARGET_RATIO,
                },
                {
                    "name": "cursor_over_first",
                    "value": round(cursor_ratio, 3),
                    "unit": "ratio",
                    "ratio": round(cursor_ratio, 3),
                    "target": TARGET_RATIO,
                },
                {"name": "queries_page_1", "value": first_queries, "unit": "queries"},
                {"name": f"queries_page_{deep}", "value": last_queries, "unit": "queries"},
                {
                    "name": f"queries_page_{deep}_by_cursor",
                    "value": sought_queries,
                    "unit": "queries",
                },
            ],
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0 if cursor_ratio <= TARGET_RATIO and sought_queries == first_queries else 1


if __name__ == "__main__":
    raise SystemExit(main())
