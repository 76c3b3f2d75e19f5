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
