"""An import's result as lines of text: what the CLI prints and the tests read."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .services import ImportResult, Outcome


def result_lines(result: ImportResult, errors_only: bool = False) -> list[str]:
    table = result.table
    lines = [
        _("%(entity)s from sheet “%(sheet)s”, header on row %(row)s.")
        % {
            "entity": result.entity.label,
            "sheet": table.sheet or table.format,
            "row": table.header_row,
        }
    ]
    lines.extend(f"  {note}" for note in table.notes)
    for row in result.rows:
        if row.outcome == Outcome.ERROR:
            for error in row.errors:
                where = (
                    _("row %(row)s, column “%(column)s”")
                    % {"row": row.number, "column": error.column}
                    if error.column
                    else _("row %(row)s") % {"row": row.number}
                )
                lines.append(f"{where}: {error.message}")
        elif not errors_only and row.outcome != Outcome.UNCHANGED:
            detail = f" ({'、'.join(row.changes)})" if row.changes else ""
            note = f" — {row.note}" if row.note else ""
            lines.append(
                _("row %(row)s: %(outcome)s %(label)s")
                % {"row": row.number, "outcome": Outcome(row.outcome).label, "label": row.label}
                + detail
                + note
            )
    lines.append(summary_line(result))
    return lines


def unverified_line(result: ImportResult) -> str:
    """How many rows written (or to write) carry figures not verified, or ""."""
    n = sum(
        row.unverified for row in result.rows if row.outcome in (Outcome.CREATE, Outcome.UPDATE)
    )
    if not n:
        return ""
    return ngettext(
        "%(n)s row carries figures not verified: official reports count them only once "
        "department staff verify them.",
        "%(n)s rows carry figures not verified: official reports count them only once "
        "department staff verify them.",
        n,
    ) % {"n": n}


def summary_line(result: ImportResult) -> str:
    """The counts of the import (and, for figures, how many await verification)."""
    line = _summary_line(result)
    unverified = unverified_line(result) if result.committed or result.dry_run else ""
    return f"{line} {unverified}" if unverified else line


def _summary_line(result: ImportResult) -> str:
    counts = result.counts
    figures = _(
        "%(create)s to create, %(update)s to update, %(unchanged)s unchanged, %(error)s with errors"
    ) % {
        "create": counts[Outcome.CREATE],
        "update": counts[Outcome.UPDATE],
        "unchanged": counts[Outcome.UNCHANGED],
        "error": counts[Outcome.ERROR],
    }
    if result.committed:
        written = result.changed
        return ngettext(
            "Imported: %(figures)s; %(n)s row written.",
            "Imported: %(figures)s; %(n)s rows written.",
            written,
        ) % {"figures": figures, "n": written}
    if result.dry_run:
        return _("Dry run, nothing written: %(figures)s.") % {"figures": figures}
    return _(
        "Nothing written: %(figures)s. Correct the rows with errors, or import only the valid "
        "rows (--valid-rows-only)."
    ) % {"figures": figures}
