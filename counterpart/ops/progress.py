"""Progress of a backup or restore, one line per table and more for large ones."""

from __future__ import annotations


class ProgressPrinter:
    """A ``backup.Progress`` callback writing to a command's stderr (silent at verbosity 0)."""

    def __init__(self, stream, verbosity: int = 1):
        self.stream = stream
        self.verbosity = verbosity

    def __call__(self, label: str, done: int, total: int | None) -> None:
        if not self.verbosity:
            return
        if total is not None and done == total:
            self.stream.write(f"  {label}: {done:,} rows")
        else:
            of = f" of {total:,}" if total is not None else ""
            self.stream.write(f"  {label}: {done:,}{of} rows…")
