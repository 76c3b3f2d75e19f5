"""Helpers shared by the apps' tests."""

from io import StringIO
from pathlib import Path

from django.core.management import call_command


def run_command(name: str, *args: str) -> str:
    """Run a management command and return what it printed."""
    out = StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in a file, failing if it is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def verify_all(*rows, user=None) -> None:
    """Verify the figures of ``rows`` (models, querysets or objects of ``Verifiable`` models)
    as department staff would, each with its change record: for tests whose ledger stands for
    verified figures (official reports count only those)."""
    from django.db import models

    for item in rows:
        if isinstance(item, type):
            item = item.objects.all()
        objects = item if isinstance(item, models.QuerySet | list | tuple) else [item]
        for obj in objects:
            obj.verify(user)  # no change for a row already verified


def settle_ledger() -> None:
    """Treat the test's writes so far as committed for the ledger's cache (``core/ledger.py``):
    figures cached from now on are served until the next committed write."""
    from counterpart.core import ledger

    ledger.settle()
