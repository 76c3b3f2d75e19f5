"""Helpers for the backup tests: every row of the database, every row of an archive, rows for
the tables the sample data leaves empty, and archives rewritten on purpose."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from counterpart.ops.backup import (
    DATA_NAME,
    MANIFEST_NAME,
    backed_up_models,
    decoder,
    open_archive,
    table_fields,
)


def normalise(value):
    """Values as comparable Python: binary as bytes, the rest as the ORM gives it."""
    return bytes(value) if isinstance(value, memoryview) else value


def database_rows() -> dict[str, list[tuple]]:
    """Every row of every backed-up table, in primary-key order."""
    rows = {}
    for model in backed_up_models():
        attnames = [f.attname for f in table_fields(model)]
        rows[model._meta.label_lower] = [
            tuple(normalise(v) for v in row)
            for row in model._base_manager.order_by("pk").values_list(*attnames)
        ]
    return rows


def archive_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of an archive, decoded as a restore decodes it."""
    archive = open_archive(path)
    fields_of = {m._meta.label_lower: table_fields(m) for m in backed_up_models()}
    rows: dict[str, list[tuple]] = {}
    decoders = label = None
    for line in archive.lines():
        item = json.loads(line)
        if isinstance(item, dict):
            label = item["model"]
            decoders = [decoder(f) for f in fields_of[label]]
            rows[label] = []
        else:
            rows[label].append(tuple(normalise(d(v)) for d, v in zip(decoders, item, strict=True)))
    return rows


def fill_empty_tables() -> None:
    """A row in each table the sample data leaves empty, with awkward values: binary bytes that
    are not UTF-8, JSON, microseconds, many-to-many rows."""
    from axes.models import AccessAttempt, AccessAttemptExpiration, AccessFailureLog, AccessLog
    from rest_framework.authtoken.models import Token

    from counterpart.core.models import NotDuplicate
    from counterpart.events.models import Event
    from counterpart.imports.models import ImportBatch, SavedMapping
    from counterpart.industries.models import Industry
    from counterpart.organizations.models import Organization
    from counterpart.press.models import Proposal, SourceDocument
    from counterpart.projects.models import Project
    from counterpart.users.models import User

    user = User.objects.create_user("backup-officer", password="a-password-1234", email="b@x.cn")
    group = Group.objects.create(name="backup group")
    permission = Permission.objects.order_by("pk").first()
    group.permissions.add(permission)
    user.groups.add(group)
    user.user_permissions.add(permission)
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(Group),
        object_id=str(group.pk),
        object_repr=str(group),
        action_flag=ADDITION,
        change_message=json.dumps([{"added": {}}]),
    )
    when = timezone.now().replace(microsecond=123456)
    common = {"user_agent": "pytest", "ip_address": "10.0.0.1", "username": "x"}
    common |= {"http_accept": "*/*", "path_info": "/login/", "attempt_time": when}
    attempt = AccessAttempt.objects.create(
        **common, get_data="", post_data="", failures_since_start=2
    )
    AccessAttemptExpiration.objects.create(
        access_attempt=attempt, expires_at=when + datetime.timedelta(minutes=15)
    )
    AccessLog.objects.create(**common)
    AccessFailureLog.objects.create(**common, locked_out=False)
    organizations = list(Organization.objects.order_by("pk")[:2])
    organizations[0].industries.add(Industry.objects.order_by("pk").first())
    NotDuplicate.objects.create(
        content_type=ContentType.objects.get_for_model(Organization),
        low_id=organizations[0].pk,
        high_id=organizations[1].pk,
        user=user,
    )
    project = Project.objects.filter(signed_event__isnull=False).order_by("pk").first()
    later = Event.objects.exclude(pk=project.signed_event_id).order_by("pk").first()
    project.later_signing_events.add(later)
    document = SourceDocument.objects.order_by("pk").first()
    if document is None:  # the seed articles (../shared/) are absent
        document = SourceDocument.objects.create(
            title="测试文章", language="zh", text="黑龙江 广东 签约 192 个项目"
        )
    Proposal.objects.create(
        document=document,
        kind="organization",
        quoted_span="测试公司",
        span_start=0,
        span_end=4,
        name="测试公司",
        data={"b": 1, "a": [1.5, None, "二"]},
    )
    mapping = SavedMapping.objects.create(
        user=user,
        entity="projects",
        fingerprint="f" * 64,
        headers=["名称"],
        mapping={"名称": "name_zh"},
    )
    Token.objects.create(user=user)  # the REST API's key: a backup must carry it
    ImportBatch.objects.create(
        user=user,
        entity="projects",
        filename="项目.xlsx",
        data=bytes(range(256)) + b"\x00\xff",
        size=258,
        mapping={"0": "name_zh"},
        saved_mapping=mapping,
        summary={"created": 1, "amount": str(Decimal("982.38"))},
    )
    # A finished background job with its file, and the task queue's row (a UUID key).
    from django_tasks.backends.database.models import DBTaskResult, get_date_max

    from counterpart.jobs.models import BackgroundJob, JobKind, JobStatus

    task = DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="counterpart.jobs.tasks.run_job",
        backend_name="default",
        status="SUCCEEDED",
        return_value={"job": 1},
        worker_ids=["w1"],
        run_after=get_date_max(),  # django-tasks' "as soon as possible"
    )
    BackgroundJob.objects.create(
        owner=user,
        kind=JobKind.BRIEF,
        title="简报",
        status=JobStatus.SUCCEEDED,
        task_id=str(task.id),
        params={"lang": "zh"},
        done=2,
        total=2,
        result={"summary": "好了"},
        output=b"%PDF-\x00\xff",
        output_name="brief.pdf",
        output_type="application/pdf",
        finished_at=when,
    )


def rewrite(source: Path, target: Path, manifest=None, data=None, checksum: bool = False) -> Path:
    """A copy of an archive with its manifest (``manifest(dict)``) or its data lines
    (``data(list of bytes) → list of bytes``) changed; ``checksum`` records the new data's."""
    with zipfile.ZipFile(source) as zf:
        recorded = json.loads(zf.read(MANIFEST_NAME))
        lines = zf.read(DATA_NAME).splitlines(keepends=True)
    if data:
        lines = data(lines)
    content = b"".join(lines)
    if checksum:
        recorded["data"] = {
            "name": DATA_NAME,
            "sha256": hashlib.sha256(content).hexdigest(),
            "bytes": len(content),
        }
    if manifest:
        manifest(recorded)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(DATA_NAME, content)
        zf.writestr(MANIFEST_NAME, json.dumps(recorded))
    return target


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """``python -m django ARGS`` in a process of its own with development settings, the
    environment's DATABASE_URL replaced by ``env``."""
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    environment.update(DJANGO_SETTINGS_MODULE="counterpart.settings.development", **env)
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        env=environment,
        cwd=settings.PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
