from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from counterpart.core.choices import DatePrecision
from counterpart.core.models import ChangeLoggedModel

division_code_validator = RegexValidator(
    r"^\d{6}$", _("A GB/T 2260 division code is six digits, e.g. 230100.")
)


class RegionLevel(models.TextChoices):
    COUNTRY = "country", _("country")
    PROVINCE = "province", _("province")
    PREFECTURE = "prefecture", _("prefecture")
    COUNTY = "county", _("county")


LEVEL_DEPTH = {
    RegionLevel.COUNTRY: 0,
    RegionLevel.PROVINCE: 1,
    RegionLevel.PREFECTURE: 2,
    RegionLevel.COUNTY: 3,
}


class RegionQuerySet(models.QuerySet):
    def provinces(self):
        return self.filter(level=RegionLevel.PROVINCE)

    def prefectures(self):
        return self.filter(level=RegionLevel.PREFECTURE)


class Region(ChangeLoggedModel):
    """An administrative division identified by its GB/T 2260 code."""

    code = models.CharField(
        _("division code"), max_length=6, unique=True, validators=[division_code_validator]
    )
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    short_name_zh = models.CharField(_("short name (Chinese)"), max_length=50, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    level = models.CharField(_("level"), max_length=16, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Denormalised from the parent chain so that reports group by province in SQL.
    province = models.ForeignKey(
        "self",
        verbose_name=_("province"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    letter_code = models.CharField(_("letter code"), max_length=8, blank=True)
    source = models.TextField(_("source"), blank=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(Exact(Length("code"), 6), code__regex=r"^[0-9]{6}$"),
                name="geo_region_code_six_digits",
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="geo_region_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name_zh

    @property
    def display_name(self) -> str:
        return f"{self.name_zh} {self.name_en}".strip()

    def clean(self) -> None:
        if self.parent_id is None:
            if self.level != RegionLevel.COUNTRY and self.level != RegionLevel.PROVINCE:
                raise ValidationError({"parent": _("A prefecture or county needs a parent.")})
            return
        if LEVEL_DEPTH[self.parent.level] >= LEVEL_DEPTH[self.level]:
            raise ValidationError(
                {"parent": _("The parent must be of a higher level than the region itself.")}
            )

    def save(self, *args, **kwargs):
        self.province = self._find_province()
        stored = (
            Region.objects.filter(pk=self.pk).values_list("province_id", flat=True).first()
            if self.pk
            else None
        )
        super().save(*args, **kwargs)
        if stored is not None and stored != self.province_id:
            for child in self.children.all():
                child.save()  # their province follows this region's new parent

    def _find_province(self):
        if self.level == RegionLevel.PROVINCE:
            return self if self.pk else None
        node = self.parent
        while node is not None and node.level != RegionLevel.PROVINCE:
            node = node.parent
        return node


def _set_own_province(sender, instance, created, **kwargs):
    """A province is its own province; its id exists only after the first insert."""
    if instance.level == RegionLevel.PROVINCE and instance.province_id != instance.pk:
        Region.objects.filter(pk=instance.pk).update(province=instance.pk)
        instance.province_id = instance.pk


models.signals.post_save.connect(_set_own_province, sender=Region, dispatch_uid="region_province")


class ZoneKind(models.TextChoices):
    NEW_AREA = "new_area", _("national new area")
    ETDZ = "etdz", _("economic and technological development zone")
    HIGH_TECH = "high_tech", _("high-tech industrial development zone")
    FREE_TRADE = "free_trade", _("free trade zone")
    BORDER = "border", _("border economic cooperation zone")
    INDUSTRIAL_PARK = "industrial_park", _("industrial park")
    OTHER = "other", _("other")


class Zone(ChangeLoggedModel):
    """A park or development zone inside a region."""

    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=ZoneKind.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="zones"
    )
    operator = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("operator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="operated_zones",
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        ordering = ["region__code", "name_zh"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name_zh"], name="geo_zone_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name_zh


class Pairing(ChangeLoggedModel):
    """Two regions of the same level in counterpart cooperation (对口合作)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    home_region = models.ForeignKey(
        Region,
        verbose_name=_("home region"),
        on_delete=models.PROTECT,
        related_name="pairings_as_home",
        help_text=_("The region being supported, e.g. Harbin."),
    )
    partner_region = models.ForeignKey(
        Region,
        verbose_name=_("partner region"),
        on_delete=models.PROTECT,
        related_name="pairings_as_partner",
        help_text=_("Its counterpart, e.g. Shenzhen."),
    )
    since_year = models.PositiveSmallIntegerField(_("since (year)"))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("within pairing"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="city_pairings",
        help_text=_("The provincial pairing a city pairing belongs to."),
    )
    source = models.TextField(_("source"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["home_region", "partner_region"], name="geo_pairing_unique_regions"
            ),
            models.CheckConstraint(
                condition=~models.Q(home_region=models.F("partner_region")),
                name="geo_pairing_distinct_regions",
            ),
            models.CheckConstraint(
                condition=models.Q(since_year__gte=1949), name="geo_pairing_since_plausible"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.home_region}—{self.partner_region}"

    def clean(self) -> None:
        if self.home_region_id and self.partner_region_id:
            if self.home_region_id == self.partner_region_id:
                raise ValidationError({"partner_region": _("A region cannot pair with itself.")})
            if self.home_region.level != self.partner_region.level:
                raise ValidationError(
                    {"partner_region": _("Both regions of a pairing must be of the same level.")}
                )

    def years_as_of(self, year: int) -> int:
        """Full years of cooperation by ``year`` ("over 6 years" in 2023 for a 2017 pairing)."""
        return max(0, year - self.since_year)


class Agreement(ChangeLoggedModel):
    """A document signed under a pairing, e.g. the 2023 Jiamusi–Zhongshan agreement."""

    pairing = models.ForeignKey(
        Pairing, verbose_name=_("pairing"), on_delete=models.CASCADE, related_name="agreements"
    )
    title_zh = models.CharField(_("title (Chinese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    signed_date = models.DateField(_("signed"))
    date_precision = models.CharField(
        _("date precision"), max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("signed at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreements",
    )
    url = models.URLField(_("address"), blank=True)
    source = models.TextField(_("source"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["signed_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["pairing", "title_zh", "signed_date"], name="geo_agreement_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title_zh
