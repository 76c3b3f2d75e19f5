"""An uploaded file waiting to be imported (or imported), and the column mappings users keep.

Neither is ledger data, so neither is change-logged: the rows an import writes leave their own
change records. The file's bytes live in the database (``ImportBatch.data``), not on a local disk:
the application runs on several servers against one database.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .readers import normalize_header


def entity_choices() -> list[tuple[str, str]]:
    """The importable entities, each with its name in the active language."""
    from .entities import ENTITIES

    return [(name, entity.model._meta.verbose_name_plural) for name, entity in ENTITIES.items()]


def headers_fingerprint(headers: list[str]) -> str:
    """The headers as compared (normalized, in order) joined, as a SHA-256 digest.

    A digest rather than the joined text itself: 200 long headers would not fit a unique index.
    """
    joined = "\x1f".join(normalize_header(header) for header in headers)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


class ImportBatch(models.Model):
    """One uploaded file: which entity it is for, how its columns map, and what became of it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.CASCADE,
        related_name="import_batches",
    )
    entity = models.CharField(_("entity"), max_length=32, choices=entity_choices)
    filename = models.CharField(_("file name"), max_length=255)
    data = models.BinaryField(_("file contents"))
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sheet = models.CharField(
        _("sheet"),
        max_length=255,
        blank=True,
        help_text=_("Empty: the first visible sheet with data."),
    )
    mapping = models.JSONField(
        _("column mapping"),
        null=True,
        blank=True,
        help_text=_("Column index → field name; empty: matched by the headers."),
    )
    saved_mapping = models.ForeignKey(
        "SavedMapping",
        verbose_name=_("saved mapping applied"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    committed_at = models.DateTimeField(_("imported"), null=True, blank=True)
    valid_rows_only = models.BooleanField(_("valid rows only"), default=False)
    summary = models.JSONField(
        _("summary of the last run"),
        default=dict,
        blank=True,
        help_text=_("Counts per outcome, whether it was committed, any error of the file."),
    )
    report = models.JSONField(
        _("rows of the import"),
        default=list,
        blank=True,
        help_text=_("A commit's rows (errors first, at most 2,000): its page and report."),
    )

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["user", "committed_at", "created_at"], name="imports_batch_user_state"
            )
        ]

    def __str__(self) -> str:
        return self.filename

    @property
    def committed(self) -> bool:
        return self.committed_at is not None

    def column_mapping(self) -> dict[int, str] | None:
        """The stored mapping with integer column indexes (None: match by the headers)."""
        if self.mapping is None:
            return None
        return {int(index): name for index, name in self.mapping.items() if name}


class SavedMapping(models.Model):
    """How a user maps the columns of files with these headers, applied to the next such file."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="saved_import_mappings",
    )
    entity = models.CharField(_("entity"), max_length=32, choices=entity_choices)
    fingerprint = models.CharField(
        _("headers fingerprint"),
        max_length=64,
        help_text=_("SHA-256 of the normalized headers, in order."),
    )
    headers = models.JSONField(_("headers"), default=list)
    mapping = models.JSONField(_("mapping"), default=dict, help_text=_("Header → field name."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("saved column mapping")
        verbose_name_plural = _("saved column mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "entity", "fingerprint"],
                name="imports_savedmapping_unique_headers",
            )
        ]

    def __str__(self) -> str:
        return f"{self.entity}: {', '.join(self.headers)}"[:200]

    def column_mapping(self, headers: list[str]) -> dict[int, str]:
        """The mapping by column index for a file with these headers."""
        by_header = {normalize_header(header): name for header, name in self.mapping.items()}
        mapping = {}
        for index, header in enumerate(headers):
            name = by_header.get(normalize_header(header)) if header else None
            if name:
                mapping[index] = name
        return mapping

    @staticmethod
    def by_header(headers: list[str], mapping: dict[int, str]) -> dict[str, str]:
        return {headers[index]: name for index, name in mapping.items() if headers[index]}
