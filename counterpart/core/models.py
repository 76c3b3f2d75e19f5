"""Behaviour every domain model shares: timestamps, change logging, the sample flag."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import ChangeAction, Channel


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class ChangeLoggedModel(TimeStampedModel):
    """Every create, update and delete of a subclass leaves a ChangeRecord (see changelog.py)."""

    # Fields left out of change-record snapshots (noise).
    changelog_exclude: tuple[str, ...] = ()
    # Secret or personal fields: snapshots hold a digest that shows a change, not the value.
    changelog_redact: tuple[str, ...] = ()

    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Raised by one on every change; a save of an older version is refused."),
    )

    class Meta:
        abstract = True

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        """Conditional on the version the writer read, if it said (see ``versioning.py``)."""
        from .versioning import versioned_update

        def update(queryset, new_values):
            return super(ChangeLoggedModel, self)._do_update(
                queryset, using, pk_val, new_values, update_fields, forced_update
            )

        return versioned_update(self, base_qs, values, update)


class SampleFlagged(models.Model):
    """Rows generated to stand for records the source articles only give totals for."""

    is_sample = models.BooleanField(
        _("sample"),
        default=False,
        db_index=True,
        help_text=_("Generated sample record, not a fact from a source."),
    )

    class Meta:
        abstract = True


class ChangeRecordQuerySet(models.QuerySet):
    def for_object(self, instance: models.Model) -> "ChangeRecordQuerySet":
        return self.for_model(type(instance), instance.pk)

    def for_model(self, model: type[models.Model], pk) -> "ChangeRecordQuerySet":
        """The records of the object ``pk`` of ``model`` (which may no longer exist)."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
            object_id=str(pk),
        )

    def delete(self):
        raise PermissionError("Change records cannot be deleted.")

    def update(self, **kwargs):
        raise PermissionError("Change records cannot be changed.")


class ChangeRecord(models.Model):
    """Who changed what, when, through which path, with the object before and after (JSON)."""

    time = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="change_records",
    )
    username = models.CharField(
        _("user name"),
        max_length=150,
        blank=True,
        help_text=_("Kept so that the record still says who, should the user be deleted."),
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    action = models.CharField(_("action"), max_length=16, choices=ChangeAction.choices)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), on_delete=models.PROTECT
    )
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    changed_fields = models.JSONField(_("changed fields"), default=list, blank=True)
    request_id = models.UUIDField(
        _("request"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Changes made by one request or command share this id."),
    )

    objects = ChangeRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("change record")
        verbose_name_plural = _("change records")
        ordering = ["-time", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="core_change_object_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Change records cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Change records cannot be deleted.")


class NotDuplicate(ChangeLoggedModel):
    """Two objects of one model that a user found not to be duplicates of each other.

    The pair is kept in order (``low_id`` < ``high_id``) so that it is found whichever way round
    it is asked for; the duplicate review lists leave such pairs out.
    """

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), on_delete=models.CASCADE
    )
    low_id = models.PositiveBigIntegerField(_("first object id"))
    high_id = models.PositiveBigIntegerField(_("second object id"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="not_duplicate_decisions",
    )

    class Meta:
        verbose_name = _("pair that is not a duplicate")
        verbose_name_plural = _("pairs that are not duplicates")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "low_id", "high_id"], name="core_notduplicate_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(low_id__lt=models.F("high_id")),
                name="core_notduplicate_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.content_type.name} #{self.low_id} ≠ #{self.high_id}"

    @classmethod
    def ordered(cls, a: int, b: int) -> tuple[int, int]:
        return (a, b) if a < b else (b, a)
