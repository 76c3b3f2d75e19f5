import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from counterpart.core.choices import Language
from counterpart.core.fields import ends_after_start
from counterpart.core.models import ChangeLoggedModel
from counterpart.projects.choices import ProjectCategory


def story_fingerprint(text: str, start: int = 0, end: int | None = None) -> str:
    """SHA-256 of the story without its page furniture, whitespace left out: the same article
    scraped with another sidebar, or pasted with other line breaks, is the same article."""
    story = "".join(text[start:end].split())
    return hashlib.sha256(story.encode("utf-8")).hexdigest()


class SourceDocument(ChangeLoggedModel):
    """A published article (or other document) that figures are taken from."""

    title = models.CharField(pgettext_lazy("document", "title"), max_length=500)
    url = models.URLField(_("address"), max_length=1000, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published_date = models.DateField(_("published"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    text = models.TextField(_("text"), blank=True)
    original = models.TextField(
        _("original"), blank=True, help_text=_("The page as received (HTML), when not plain text.")
    )
    content_start = models.PositiveIntegerField(
        _("content start"), default=0, help_text=_("Where the story begins in the text.")
    )
    content_end = models.PositiveIntegerField(
        _("content end"),
        null=True,
        blank=True,
        help_text=_("Where page furniture (related news, footers) begins; empty: at the end."),
    )
    text_sha256 = models.CharField(
        _("story fingerprint"),
        max_length=64,
        editable=False,
        db_index=True,
        help_text=_("Of the story without page furniture: the same article is not stored twice."),
    )
    reference = models.CharField(
        _("reference"),
        max_length=200,
        unique=True,
        help_text=_("A stable key for the document, e.g. its file name or address."),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")
        ordering = ["-published_date", "title"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.text_sha256 = story_fingerprint(self.text, *self.content_bounds)
        super().save(*args, **kwargs)

    @property
    def content_bounds(self) -> tuple[int, int]:
        end = len(self.text) if self.content_end is None else self.content_end
        return self.content_start, end

    def clean(self) -> None:
        start, end = self.content_bounds
        if not 0 <= start <= end <= len(self.text):
            raise ValidationError(
                {"content_end": _("The content must lie within the text, its end after its start.")}
            )


class Metric(models.TextChoices):
    SIGNED_COUNT = "signed_count", _("projects signed")
    SIGNED_VALUE = "signed_value", _("contract value signed")
    FUNDS_IN_PLACE = "funds_in_place", _("funds in place")
    SOURCE_RANK = "source_rank", _("rank among source regions")
    PIPELINE_COUNT = "pipeline_count", _("projects in the pipeline")
    INDICATOR_VALUE = "indicator_value", _("indicator value")
    GROWTH = "growth", _("year-on-year growth")
    SHARE = "share", _("share of total")
    PARTICIPANT_COUNT = "participant_count", _("participants")
    EVENT_COUNT = "event_count", _("events")
    ORGANIZATION_COUNT = "organization_count", _("organisations")
    DURATION_YEARS = "duration_years", _("years")
    OTHER = "other", _("other")


class FigureUnit(models.TextChoices):
    YUAN = "yuan", _("yuan")
    COUNT = "count", _("count")
    PERCENT = "percent", _("per cent")
    RANK = "rank", _("rank")
    YEARS = "years", _("years")


class Qualifier(models.TextChoices):
    EXACT = "exact", _("exactly")
    APPROXIMATE = "approximate", _("approximately")
    AT_LEAST = "at_least", _("at least")
    MORE_THAN = "more_than", _("more than")
    AT_MOST = "at_most", _("at most")


class FigureStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")


class Reviewed(models.Model):
    """What an article proposes: nothing counts until a person confirms it (who, when)."""

    status = models.CharField(
        _("status"), max_length=16, choices=FigureStatus.choices, default=FigureStatus.PROPOSED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        abstract = True


def check_quote(document: SourceDocument | None, start: int | None, end: int | None, quote: str):
    """The quoted words must stand at their place in the document's text."""
    text = document.text if document is not None else ""
    if text and start is not None and text[start:end] != quote:
        raise ValidationError(
            {"quoted_span": _("The quoted words are not at that place in the document.")}
        )


class ReportedFigure(ChangeLoggedModel, Reviewed):
    """A figure a document publishes, with the exact words quoted and the scope it refers to."""

    document = models.ForeignKey(
        SourceDocument, verbose_name=_("document"), on_delete=models.CASCADE, related_name="figures"
    )
    metric = models.CharField(_("metric"), max_length=32, choices=Metric.choices)
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=16, choices=FigureUnit.choices)
    qualifier = models.CharField(
        _("qualifier"), max_length=16, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    quoted_span = models.TextField(_("quoted words"))
    span_start = models.PositiveIntegerField(_("span start"), null=True, blank=True)
    span_end = models.PositiveIntegerField(_("span end"), null=True, blank=True)
    # Scope: what the figure is about. Empty parts mean "not restricted".
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reported_figures",
    )
    region = models.ForeignKey(
        "geo.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reported_figures",
    )
    source_region = models.ForeignKey(
        "geo.Region",
        verbose_name=_("source region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    indicator = models.ForeignKey(
        "indicators.Indicator",
        verbose_name=_("indicator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reported_figures",
    )
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    subset = models.JSONField(
        _("subset"),
        default=dict,
        blank=True,
        help_text=_(
            'Filters narrowing the scope, e.g. {"signed_on_site": true, "category": "industrial"}.'
        ),
    )
    scope_note = models.CharField(_("scope note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("reported figure")
        verbose_name_plural = _("reported figures")
        ordering = ["document", "span_start", "id"]
        constraints = [
            ends_after_start("span_start", "span_end", "press_figure_span_ordered"),
            ends_after_start("period_start", "period_end", "press_figure_period_ordered"),
            models.UniqueConstraint(
                fields=["document", "metric", "quoted_span"], name="press_figure_unique_quote"
            ),
        ]

    def __str__(self) -> str:
        """The metric and the value as the article writes it (a corrected value in the same
        form): 签约额 118.5亿元."""
        from .reconcile import stated_form  # reconcile reads these models

        if self.value is None or not self.document_id:
            return f"{self.get_metric_display()}: {self.quoted_span[:60]}"
        written = stated_form(self).render(self.value, self.unit, self.document.language)
        return f"{self.get_metric_display()} {written}"

    def subset_labels(self) -> list[str]:
        """The subset in words (现场签约, 类别：工业); keys without a rule as they are."""
        labels = []
        for key, value in sorted((self.subset or {}).items()):
            if key == "signed_on_site" and value is True:
                labels.append(str(_("signed on site")))
            elif key == "category" and value in ProjectCategory.values:
                labels.append(
                    _("category: %(category)s") % {"category": ProjectCategory(value).label}
                )
            else:
                labels.append(f"{key}: {value}")
        return labels

    def clean(self) -> None:
        if (self.span_start is None) != (self.span_end is None):
            raise ValidationError({"span_end": _("Give both ends of the span or neither.")})
        document = self.document if self.document_id else None
        check_quote(document, self.span_start, self.span_end, self.quoted_span)


class ProposalKind(models.TextChoices):
    EVENT = "event", _("event")
    ORGANIZATION = "organization", _("organisation")


class Proposal(ChangeLoggedModel, Reviewed):
    """An event or organisation an article mentions, proposed for a person to confirm.

    Figures are proposed as ``ReportedFigure`` rows with the status "proposed"; events and
    organisations are ledger rows only once confirmed, so the proposal holds what was read
    (``data``) and, once reviewed, the ledger row it matched or became.
    """

    document = models.ForeignKey(
        SourceDocument,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ProposalKind.choices)
    quoted_span = models.TextField(_("quoted words"))
    span_start = models.PositiveIntegerField(_("span start"))
    span_end = models.PositiveIntegerField(_("span end"))
    name = models.CharField(
        _("name"), max_length=300, help_text=_("The event's title or the organisation's name.")
    )
    data = models.JSONField(
        _("what was read"),
        default=dict,
        blank=True,
        help_text=_("Kind, dates, place and hosts of an event, as extracted."),
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
        help_text=_("The ledger's event this is (a match to check, or the confirmed one)."),
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
        help_text=_("The ledger's organisation this is (a match to check, or the confirmed one)."),
    )

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["document", "span_start", "id"]
        constraints = [
            ends_after_start("span_start", "span_end", "press_proposal_span_ordered"),
            models.UniqueConstraint(
                fields=["document", "kind", "span_start"], name="press_proposal_unique_place"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"

    def clean(self) -> None:
        document = self.document if self.document_id else None
        check_quote(document, self.span_start, self.span_end, self.quoted_span)
