from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from counterpart.core.choices import DatePrecision
from counterpart.core.fields import ends_after_start
from counterpart.core.models import ChangeLoggedModel, SampleFlagged

code_validator = RegexValidator(
    r"^[A-Z0-9][A-Z0-9-]*$", _("Use capital letters, digits and hyphens, e.g. HLJ-GD-2023-CONF.")
)


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("conference")
    SIGNING = "signing", _("signing ceremony")
    PROMOTION = "promotion", _("promotion meeting")
    VISIT = "visit", _("door-knocking visit")
    DELEGATION = "delegation", _("inspection tour / delegation visit")
    FORUM = "forum", _("forum or symposium")
    TALKS = "talks", _("talks")
    OTHER = "other", _("other")


class PartOfDay(models.TextChoices):
    MORNING = "morning", _("morning")
    AFTERNOON = "afternoon", _("afternoon")
    EVENING = "evening", _("evening")


class Event(ChangeLoggedModel, SampleFlagged):
    """A conference, signing ceremony, promotion meeting, visit or delegation tour."""

    code = models.CharField(_("code"), max_length=40, unique=True, validators=[code_validator])
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    theme_zh = models.CharField(_("theme (Chinese)"), max_length=300, blank=True)
    theme_en = models.CharField(_("theme (English)"), max_length=300, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    part_of_day = models.CharField(
        _("part of day"), max_length=16, choices=PartOfDay.choices, blank=True
    )
    region = models.ForeignKey(
        "geo.Region",
        verbose_name=_("held in"),
        on_delete=models.PROTECT,
        related_name="events_held",
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    organizer_region = models.ForeignKey(
        "geo.Region",
        verbose_name=_("organised by region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events_organized",
        help_text=_("The region whose event it is, e.g. Suihua for its promotion in Zhanjiang."),
    )
    pairing = models.ForeignKey(
        "geo.Pairing",
        verbose_name=_("pairing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sub_events",
    )
    attendance = models.PositiveIntegerField(
        _("organisations attending"),
        null=True,
        blank=True,
        help_text=_(
            "The organiser's count of organisations attending, when they are not all recorded "
            "as participants."
        ),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-start_date", "code"]
        constraints = [
            ends_after_start("start_date", "end_date", "events_event_end_after_start"),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="events_event_not_own_parent"
            ),
        ]
        indexes = [models.Index(fields=["start_date"], name="events_event_start_idx")]

    def __str__(self) -> str:
        return self.title_zh

    @property
    def last_date(self):
        return self.end_date or self.start_date

    def clean(self) -> None:
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.parent_id:
            errors.update(self._parent_errors())
        if errors:
            raise ValidationError(errors)

    def _parent_errors(self) -> dict:
        node = self.parent
        while node is not None:
            if node.pk == self.pk:
                return {"parent": _("An event cannot be part of itself.")}
            node = node.parent
        parent = self.parent
        if self.start_date and (
            self.start_date < parent.start_date or self.last_date > parent.last_date
        ):
            return {
                "start_date": _(
                    "A sub-event must fall within the dates of the event it is part of."
                )
            }
        return {}


class ParticipationRole(models.TextChoices):
    HOST = "host", _("host")
    CO_HOST = "co_host", _("co-host")
    ORGANIZER = "organizer", _("organiser")
    SPEAKER = "speaker", _("speaker")
    VISITED = "visited", _("visited")
    SIGNATORY = "signatory", _("signatory")
    ATTENDEE = "attendee", _("attendee")


class Participation(ChangeLoggedModel):
    """An organisation (and optionally a person of it) taking part in an event in a role."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="participations"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    contact = models.ForeignKey(
        "organizations.Contact",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participations",
    )
    role = models.CharField(_("role"), max_length=16, choices=ParticipationRole.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["event", "role", "organization__name_zh"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organization", "role"], name="events_participation_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.get_role_display()}"

    def clean(self) -> None:
        if (
            self.contact_id
            and self.organization_id
            and self.contact.organization_id != self.organization_id
        ):
            raise ValidationError(
                {"contact": _("The person must belong to the participating organisation.")}
            )
