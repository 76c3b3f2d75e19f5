"""Field helpers so every money column has the same precision and every app the same rules."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import MoneyBasis

# Yuan with fen; 18 digits hold 10^16 yuan, far above any provincial total.
MONEY_MAX_DIGITS = 18
MONEY_DECIMAL_PLACES = 2


def money_field(verbose_name: str, **kwargs) -> models.DecimalField:
    """A Decimal amount in yuan."""
    kwargs.setdefault("max_digits", MONEY_MAX_DIGITS)
    kwargs.setdefault("decimal_places", MONEY_DECIMAL_PLACES)
    return models.DecimalField(verbose_name, **kwargs)


def money_basis_field(verbose_name=None) -> models.CharField:
    return models.CharField(
        verbose_name or _("basis"),
        max_length=16,
        choices=MoneyBasis.choices,
        default=MoneyBasis.ESTIMATED,
    )


def non_negative(field: str, name: str) -> models.CheckConstraint:
    """A named check that ``field`` is null or >= 0."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True}) | models.Q(**{f"{field}__gte": 0}),
        name=name,
    )


def ends_after_start(start: str, end: str, name: str) -> models.CheckConstraint:
    """A named check that ``end`` is null or not before ``start``."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{end}__isnull": True})
        | models.Q(**{f"{start}__isnull": True})
        | models.Q(**{f"{end}__gte": models.F(start)}),
        name=name,
    )


def non_negative_fields(model) -> set[str]:
    """Fields that a check constraint keeps at zero or above (``core.fields.non_negative``)."""
    names = set()
    for constraint in model._meta.constraints:
        condition = getattr(constraint, "condition", None)
        for child in getattr(condition, "children", ()):
            if isinstance(child, tuple) and child[0].endswith("__gte") and child[1] == 0:
                names.add(child[0].removesuffix("__gte"))
    return names


class NullsLastIndex(models.Index):
    """An index on ``fields`` whose descending fields keep NULLs last, as the lists sort money
    columns (``core.tables.MoneyColumn``: unknown amounts last both ways), so that an index
    scan serves ``ORDER BY … DESC NULLS LAST``. PostgreSQL puts NULLs first in a descending
    index unless told; SQLite cannot be told (``NULLS LAST`` is a syntax error in its indexes)
    and needs not: its NULLs are the smallest values, last in a descending order already."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if self.expressions or not schema_editor.connection.features.nulls_order_largest:
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        fields = [model._meta.get_field(name) for name, _order in self.fields_orders]
        suffixes = [f"{order} NULLS LAST" if order else "" for _name, order in self.fields_orders]
        return schema_editor._create_index_sql(
            model,
            fields=fields,
            name=self.name,
            using=using,
            db_tablespace=self.db_tablespace,
            col_suffixes=suffixes,
            opclasses=self.opclasses,
            condition=self._get_condition_sql(model, schema_editor),
            include=[model._meta.get_field(name).column for name in self.include],
            **kwargs,
        )
