from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from counterpart.core.models import ChangeLoggedModel

slug_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9-]*$", _("Use lower-case letters, digits and hyphens, e.g. hlj-4567.")
)


class Taxonomy(ChangeLoggedModel):
    """An industry classification (Heilongjiang 4567, Guangdong clusters, GB/T 4754 …)."""

    code = models.CharField(_("code"), max_length=32, unique=True, validators=[slug_validator])
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    owner_region = models.ForeignKey(
        "geo.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("The region that defined it; empty for national standards."),
    )
    description = models.TextField(_("description"), blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_zh


class Industry(ChangeLoggedModel):
    """A node of a taxonomy tree: a group (e.g. the "4" engines) or a leaf industry."""

    taxonomy = models.ForeignKey(
        Taxonomy, verbose_name=_("taxonomy"), on_delete=models.PROTECT, related_name="industries"
    )
    code = models.CharField(_("code"), max_length=32)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("industry")
        verbose_name_plural = _("industries")
        ordering = ["taxonomy__code", "sort_order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["taxonomy", "code"], name="industries_industry_unique_code"
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")),
                name="industries_industry_not_own_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.name_zh

    def clean(self) -> None:
        if self.parent_id is None:
            return
        if self.parent.taxonomy_id != self.taxonomy_id:
            raise ValidationError({"parent": _("The parent must be in the same taxonomy.")})
        node = self.parent
        while node is not None:
            if node.pk == self.pk:
                raise ValidationError({"parent": _("An industry cannot be its own ancestor.")})
            node = node.parent


class MappingRelation(models.TextChoices):
    EQUIVALENT = "equivalent", _("equivalent")
    BROADER = "broader", _("target is broader")
    NARROWER = "narrower", _("target is narrower")
    RELATED = "related", _("related")


class IndustryMapping(ChangeLoggedModel):
    """A correspondence between industries of two taxonomies."""

    source = models.ForeignKey(
        Industry, verbose_name=_("from"), on_delete=models.CASCADE, related_name="mappings_from"
    )
    target = models.ForeignKey(
        Industry, verbose_name=_("to"), on_delete=models.CASCADE, related_name="mappings_to"
    )
    relation = models.CharField(_("relation"), max_length=16, choices=MappingRelation.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("industry mapping")
        verbose_name_plural = _("industry mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target"], name="industries_mapping_unique_pair"
            ),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")),
                name="industries_mapping_distinct",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"

    def clean(self) -> None:
        if self.source_id and self.target_id and self.source.taxonomy_id == self.target.taxonomy_id:
            raise ValidationError(
                {"target": _("A mapping links industries of two different taxonomies.")}
            )
