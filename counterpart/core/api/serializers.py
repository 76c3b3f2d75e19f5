"""The base of every API serializer.

* Validation is the model's: ``validate()`` applies the input to the instance and runs
  ``full_clean()`` (field checks, ``clean()``, unique and check constraints), so the API accepts
  exactly what the forms and the import accept; Django's errors come back under the field they
  name, a violated constraint under its first field. DRF's own uniqueness validators are
  switched off (``full_clean`` does it, in words the forms use). Many-to-many values are
  offered to ``clean()`` as ``pending_<name>``, as the forms and ``upsert()`` do.
* References are ids, written by id; each has a read-only ``<name>_display`` beside it (the
  referenced object's name), and each object its own ``display``. Ids may only name rows the
  user may see (``core.permissions.restrict``).
* Fields ``core.permissions.masked_fields()`` names for the user are returned empty.
* ``version`` (optimistic locking, ``core.versioning``): every object shows the version it is
  at; an update that sends the version it read is refused with 409 when someone else has saved
  since, with who changed what. An update without it is not checked.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, router
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models.constants import LOOKUP_SEP
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import ManyRelatedField, RelatedField

from counterpart.core.models import ChangeRecord
from counterpart.core.permissions import Action, masked_fields, restrict
from counterpart.core.versioning import FIELD as VERSION
from counterpart.core.versioning import expect_version

from .exceptions import validation_error


def constraint_field(constraint) -> str:
    """The field a violated constraint is reported under: a unique constraint's first field,
    a check's first compared field (``end >= start`` → the end), else none in particular."""
    fields = getattr(constraint, "fields", ())
    if fields:
        return fields[0]
    return _first_field(getattr(constraint, "condition", None)) or NON_FIELD_ERRORS


def _first_field(condition) -> str | None:
    for child in getattr(condition, "children", ()):
        if isinstance(child, tuple):
            return child[0].split(LOOKUP_SEP)[0]
        found = _first_field(child)
        if found:
            return found
    return None


def constraint_errors(instance: models.Model, exclude: set[str]) -> dict[str, list]:
    """Django's ``validate_constraints()``, each error under the field it concerns rather than
    "__all__" (so that an API client, like a form, can show it beside the field)."""
    errors: dict[str, list] = {}
    using = router.db_for_write(type(instance), instance=instance)
    for model_class, constraints in instance.get_constraints():
        for constraint in constraints:
            try:
                constraint.validate(model_class, instance, exclude=exclude, using=using)
            except DjangoValidationError as error:
                errors.setdefault(constraint_field(constraint), []).extend(error.error_list)
    return errors


@extend_schema_field(OpenApiTypes.STR)
class DisplayField(serializers.Field):
    """The name of the object a reference points at (``str()``), or null."""

    def __init__(self, **kwargs):
        kwargs.update(read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        return str(value)


class ManyDisplayField(serializers.ListField):
    """The names of the objects a many-to-many reference points at, in the ids' order."""

    def __init__(self, **kwargs):
        kwargs.update(read_only=True, child=serializers.CharField())
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return getattr(instance, self.source).all()

    def to_representation(self, data) -> list[str]:
        return [str(item) for item in data]


_VERSION_HELP = (
    "The object's version. In an update, the version the client read: the update is refused "
    "with 409 Conflict if the object has been saved since (nothing is lost); left out, the "
    "update is not checked."
)


class ModelSerializer(serializers.ModelSerializer):
    """A model serializer validated by ``full_clean()`` (see the module's docstring)."""

    display = serializers.SerializerMethodField()

    def get_display(self, obj) -> str:
        return str(obj)

    # ------------------------------------------------------------------ fields

    def get_fields(self) -> dict:
        fields = super().get_fields()
        if VERSION in fields:
            fields[VERSION] = serializers.IntegerField(
                min_value=1,
                required=False,
                help_text=_VERSION_HELP,
            )
        user = self._user()
        for name, field in list(fields.items()):
            source = field.source or name
            if isinstance(field, ManyRelatedField):
                fields[f"{name}_display"] = ManyDisplayField(source=source)
                related = field.child_relation
            elif isinstance(field, RelatedField):
                fields[f"{name}_display"] = DisplayField(source=source, allow_null=True)
                related = field
            else:
                continue
            if not field.read_only and related.queryset is not None:
                related.queryset = restrict(related.queryset, user, Action.VIEW)
        return fields

    def _user(self):
        request = self.context.get("request")
        return getattr(request, "user", None)

    def build_standard_field(self, field_name, model_field):
        """Integers are bounded by their column's range in PostgreSQL, the production database
        (Django's own ranges), not by the running database's: SQLite would allow 64 bits
        everywhere, and the schema would depend on the database it was generated with."""
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        limits = BaseDatabaseOperations.integer_field_ranges.get(model_field.get_internal_type())
        if limits and isinstance(model_field, models.IntegerField):
            low, high = limits
            for validator in model_field._validators:  # those the model declares
                if isinstance(validator, MinValueValidator):
                    low = max(low, validator.limit_value)
                elif isinstance(validator, MaxValueValidator):
                    high = min(high, validator.limit_value)
            kwargs.update(min_value=low, max_value=high)
        return field_class, kwargs

    # DRF's unique-together validators would make optional fields required and answer in
    # their own words; ``full_clean()`` checks every constraint.
    def get_validators(self) -> list:
        return []

    def get_uniqueness_extra_kwargs(self, field_names, declared_fields, extra_kwargs):
        return extra_kwargs, {}

    # ------------------------------------------------------------------ output

    def masked(self, model) -> frozenset[str]:
        """``masked_fields()`` once per serializer (a list serializes every row with one)."""
        cache = self.__dict__.setdefault("_masked", {})
        if model not in cache:
            cache[model] = masked_fields(self._user(), model)
        return cache[model]

    def to_representation(self, instance) -> dict:
        data = super().to_representation(instance)
        for name in self.masked(type(instance)):
            if name in data:
                data[name] = None if self.fields[name].allow_null else ""
        return data

    # ------------------------------------------------------------------ validation

    def many_to_many_names(self) -> set[str]:
        return {
            name
            for name, field in self.fields.items()
            if isinstance(field, ManyRelatedField) and not field.read_only
        }

    def prepare_instance(self, instance: models.Model, attrs: dict) -> None:
        """Set what the model's ``save()`` reads besides fields (a subclass's hook)."""

    def validate(self, attrs: dict) -> dict:
        attrs = super().validate(attrs)
        read_version = attrs.pop(VERSION, None)
        m2m = {name: list(attrs.pop(name)) for name in self.many_to_many_names() if name in attrs}
        model = self.Meta.model
        instance = self.instance if self.instance is not None else model()
        if self.instance is not None and read_version is not None:
            expect_version(instance, read_version)
        for name, value in attrs.items():
            setattr(instance, name, value)
        for name, related in m2m.items():
            setattr(instance, f"pending_{name}", related)
        self.prepare_instance(instance, attrs)
        exclude = self.unvalidated_fields(model)
        errors: dict = {}
        try:
            instance.full_clean(exclude=exclude, validate_constraints=False)
        except DjangoValidationError as error:
            errors = error.update_error_dict(errors)
        errors.update(
            (name, errors.get(name, []) + messages)
            for name, messages in constraint_errors(instance, exclude | set(errors)).items()
        )
        if errors:
            raise validation_error(DjangoValidationError(errors))
        self._cleaned = (instance, m2m)
        return attrs

    @staticmethod
    def unvalidated_fields(model) -> set[str]:
        """Fields no input sets (computed on save), which ``full_clean`` would find empty."""
        return {f.name for f in model._meta.concrete_fields if not f.editable}

    def create(self, validated_data: dict):
        return self._save()

    def update(self, instance, validated_data: dict):
        return self._save()

    def _save(self):
        """Save the instance ``full_clean()`` passed (it may have tidied values), then its
        many-to-many values; a rule ``save()`` enforces comes back as a field error."""
        instance, m2m = self._cleaned
        try:
            instance.save()
        except DjangoValidationError as error:
            raise validation_error(error) from None
        for name, related in m2m.items():
            getattr(instance, name).set(related)
        return instance


class ChangeRecordSerializer(ModelSerializer):
    """A change record, read only; ``object_type`` is ``app_label.model``."""

    object_type = serializers.SerializerMethodField()

    class Meta:
        model = ChangeRecord
        exclude = ("content_type",)

    def get_object_type(self, record) -> str:
        return f"{record.content_type.app_label}.{record.content_type.model}"
