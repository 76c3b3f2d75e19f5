"""Behaviour every domain model shares: timestamps, change logging, the sample flag, and the
verification of figures (``Verifiable``)."""

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


class VerifiableQuerySet(models.QuerySet):
    """Rows whose figures department staff verified (``verified()``) or not yet."""

    def verified(self) -> "VerifiableQuerySet":
        return self.filter(verified_at__isnull=False)

    def unverified(self) -> "VerifiableQuerySet":
        return self.filter(verified_at__isnull=True)


class Verifiable(models.Model):
    """Rows carrying figures that official reports count only once department staff verified
    them (issue 7; ``docs/decisions/0009``).

    ``verified_at`` and ``verified_by`` say when and by whom. A change to one of the model's
    ``verified_figure_fields`` (its amounts and what places them in a report) clears the
    verification as the row is saved: the new figure must be verified again. Who may verify is
    asked of ``core.permissions`` (``can(user, "verify", row)``); ``verify()`` and
    ``unverify()`` only write, through ``save()``, so that each leaves a change record.
    """

    # The fields whose change clears the verification; each concrete model names its own.
    verified_figure_fields: tuple[str, ...] = ()

    verified_at = models.DateTimeField(
        _("verified"),
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("When department staff verified the figures; empty: not verified."),
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """A verified row whose figures changed is saved unverified (they must be verified
        again); a save naming only other fields (``update_fields``) keeps the verification."""
        update_fields = kwargs.get("update_fields")
        names = set(self.verified_figure_fields)
        if (
            self.verified_at is not None
            and (update_fields is None or names & set(update_fields))
            and self.figures_changed()
        ):
            self.verified_at = None
            self.verified_by = None
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "verified_at", "verified_by"}
        super().save(*args, **kwargs)

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    def verify(self, user, when=None) -> bool:
        """Mark the row's figures verified by ``user`` now (or ``when``); False if they already
        were. Saved with a change record attributed to ``user``."""
        from django.utils import timezone

        if self.verified_at is not None:
            return False
        self.verified_at = when or timezone.now()
        self.verified_by = user
        self._save_verification(user)
        return True

    def unverify(self, user=None) -> bool:
        """Withdraw the verification (the figures count again only once verified); False if
        they were not verified."""
        if self.verified_at is None:
            return False
        self.verified_at = None
        self.verified_by = None
        self._save_verification(user)
        return True

    def _save_verification(self, user) -> None:
        from .changelog import change_context, current_context

        context = current_context()
        if user is not None and context.user_id != getattr(user, "pk", None):
            with change_context(user, channel=context.channel):
                self.save(update_fields=["verified_at", "verified_by"])
        else:
            self.save(update_fields=["verified_at", "verified_by"])

    def figures_changed(self) -> list[str]:
        """The figure fields whose value in memory differs from the stored row's."""
        if self.pk is None or self._state.adding:
            return []
        names = [self._meta.get_field(n).attname for n in self.verified_figure_fields]
        stored = type(self)._base_manager.filter(pk=self.pk).values(*names).first()
        if stored is None:
            return []
        return [n for n in names if stored[n] != getattr(self, n)]


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
