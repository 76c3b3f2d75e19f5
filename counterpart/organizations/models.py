from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from counterpart.core.choices import Language
from counterpart.core.models import ChangeLoggedModel, SampleFlagged

from . import uscc


class OrganizationKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("enterprise")
    ASSOCIATION = "association", _("association or chamber")
    GOVERNMENT = "government", _("government body")
    ZONE_OPERATOR = "zone_operator", _("zone operator")
    RESEARCH = "research", _("research institute")
    FINANCIAL = "financial", _("financial institution")


class Organization(ChangeLoggedModel, SampleFlagged):
    """An enterprise, chamber, government body or institute that the cooperation deals with."""

    kind = models.CharField(_("kind"), max_length=16, choices=OrganizationKind.choices)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    credit_code = models.CharField(  # noqa: DJ001 - NULL so that uniqueness ignores blanks
        _("unified social credit code"),
        max_length=18,
        null=True,
        blank=True,
        help_text=_("18 characters, GB 32100-2015."),
    )
    credit_code_override = models.TextField(
        _("reason to accept the credit code"),
        blank=True,
        help_text=_("Needed when the code fails the GB 32100 check character but is genuine."),
    )
    hq_region = models.ForeignKey(
        "geo.Region",
        verbose_name=_("headquarters region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subsidiaries",
    )
    industries = models.ManyToManyField(
        "industries.Industry",
        verbose_name=_("industries"),
        blank=True,
        related_name="organizations",
    )
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_zh"]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=models.Q(credit_code__isnull=False),
                name="organizations_org_unique_credit_code",
            ),
            models.UniqueConstraint(
                fields=["name_zh", "hq_region"], name="organizations_org_unique_name_region"
            ),
            models.UniqueConstraint(
                fields=["name_zh"],
                condition=models.Q(hq_region__isnull=True),
                name="organizations_org_unique_name_no_region",
            ),
            models.CheckConstraint(
                condition=models.Q(credit_code__isnull=True)
                | models.Q(
                    Exact(Length("credit_code"), 18),
                    credit_code__regex=r"^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$",
                ),
                name="organizations_org_credit_code_format",
            ),
        ]

    def __str__(self) -> str:
        return self.name_zh

    def clean_fields(self, exclude=None) -> None:
        # Tidy a pasted code (spaces, lower case) before the length check sees it.
        self.credit_code = uscc.normalize(self.credit_code) or None
        super().clean_fields(exclude)

    def clean(self) -> None:
        if not self.credit_code:
            self.credit_code = None
            return
        self.credit_code = uscc.normalize(self.credit_code)
        result = uscc.check(self.credit_code)
        if result.verdict == uscc.Verdict.INVALID:
            raise ValidationError({"credit_code": result.message})
        if result.verdict == uscc.Verdict.CHECK_FAILED and not self.credit_code_override.strip():
            message = _("%(problem)s Give a reason in the override field to keep it.") % {
                "problem": result.message
            }
            raise ValidationError({"credit_code": ValidationError(message, code="check_failed")})


class OrganizationAlias(ChangeLoggedModel):
    """Another name the organisation goes by (for matching press text and imports)."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="aliases",
    )
    alias = models.CharField(_("alias"), max_length=200)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        ordering = ["alias"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "alias"], name="organizations_alias_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.alias


class RankingList(models.TextChoices):
    FORTUNE_GLOBAL_500 = "fortune_global_500", _("Fortune Global 500")
    CHINA_500 = "china_500", _("China top 500 enterprises")
    INDUSTRY_500 = "industry_500", _("industry top 500")
    OTHER = "other", _("other ranking")


class Ranking(ChangeLoggedModel):
    """A place on a published ranking in a given year."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="rankings",
    )
    ranking_list = models.CharField(_("ranking"), max_length=32, choices=RankingList.choices)
    list_name = models.CharField(
        _("list name"),
        max_length=200,
        blank=True,
        help_text=_("Which industry or other list, where the kind does not say."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    position = models.PositiveIntegerField(_("position"), null=True, blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("ranking")
        verbose_name_plural = _("rankings")
        ordering = ["-year", "ranking_list"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "ranking_list", "list_name", "year"],
                name="organizations_ranking_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(position__isnull=True) | models.Q(position__gte=1),
                name="organizations_ranking_position_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.get_ranking_list_display()} {self.year}"

    def clean(self) -> None:
        if (
            self.ranking_list in (RankingList.INDUSTRY_500, RankingList.OTHER)
            and not self.list_name
        ):
            raise ValidationError(
                {"list_name": _("Name the list for an industry or other ranking.")}
            )


phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()-]{4,30}$", _("A phone number has digits, spaces, brackets or hyphens.")
)


class Contact(ChangeLoggedModel, SampleFlagged):
    """A person at an organisation. Personal data: shown only to users with the right scope."""

    changelog_redact = ("phone", "email")

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    title = models.CharField(pgettext_lazy("job", "title"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True, validators=[phone_validator])
    email = models.EmailField(_("email"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["organization__name_zh", "name"]
        # Phone and e-mail are personal data: exported only for those who may see them.
        permissions = [("view_personal_contact", _("Can see the phone and e-mail of contacts"))]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name", "title"], name="organizations_contact_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.organization}）"
