"""Who may read and write which rows: the one place every page, API endpoint, export, import and
report asks (roles and scopes, issue 7; why this shape: ``docs/decisions/0006``).

Everything is data in three tables:

- ``CITY_OF``: per model, how a row relates to a city — through fields that point at a region,
  or at a row of another model of the table (a follow-up is where its project is);
- ``ROLE_GRANTS``: per role, what it may read, write and verify (the figures of ``VERIFIABLE``
  models), per model: every row (``ALL``), the rows of its cities (``CITY``), its own rows
  (``OWN``) or nothing (``NONE``);
- ``SEES_PERSONAL``: per role, the models whose personal fields (those the change log keeps as
  digests, ``changelog_redact``) it sees unmasked.

``restrict()`` turns them into a queryset filter (one SQL condition, subqueries for to-many
links; the user's cities are fetched once per request), so a list costs no per-row checks.
``can()`` answers for one object from its loaded values (a new or edited object's values are
checked before it is saved), or for a model as a whole (may the user do this to any row?).
A user with no role scope (``None``, anonymous, inactive) may do nothing and sees everything
masked. The Django permission checks (``user.has_perm``) answer from the same tables
(``users.backends.RoleBackend``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.db.models import Q

from counterpart.users.choices import Role

__all__ = [
    "ALL",
    "CITY",
    "CITY_OF",
    "MASK",
    "NONE",
    "OWN",
    "ROLE_GRANTS",
    "VERIFIABLE",
    "Action",
    "CityOf",
    "Grant",
    "can",
    "city_ids",
    "city_of_paths",
    "masked_fields",
    "personal_fields",
    "restrict",
    "role_of",
]


class Action(models.TextChoices):
    VIEW = "view"
    ADD = "add"
    CHANGE = "change"
    DELETE = "delete"
    VERIFY = "verify"  # mark a row's figures verified, or withdraw that (``Verifiable``)


# How much of a model a role reaches.
ALL = "all"
CITY = "city"  # the rows of the user's cities (``CITY_OF``)
OWN = "own"  # the rows the user owns (``OWNER_OF``)
NONE = "none"

# What a masked value shows, on pages and in exports alike.
MASK = "•••"


@dataclass(frozen=True)
class CityOf:
    """How a row relates to cities.

    Each path ends at a foreign key to ``geo.Region`` (the row is in that region's city) or at a
    relation to another model of ``CITY_OF`` (the row is where that row is). The row belongs to
    every city any path reaches; with ``first``, only the first path whose first step is set
    counts (a follow-up about a project is where the project is, whatever its organisation).
    """

    paths: tuple[str, ...]
    first: bool = False


CITY_OF: dict[str, CityOf] = {
    "projects.project": CityOf(("destination_region",)),
    "projects.stagechange": CityOf(("project",)),
    "projects.fundsinplace": CityOf(("project",)),
    "projects.followup": CityOf(("project", "organization__hq_region"), first=True),
    "events.event": CityOf(("region", "organizer_region")),
    "events.participation": CityOf(("event",)),
    # A person belongs to the cities their organisation is based in or invests in, and to those
    # of the follow-ups and events they took part in: the people a city works with.
    "organizations.contact": CityOf(
        (
            "organization__hq_region",
            "organization__investments",
            "follow_ups",
            "participations",
        )
    ),
}

# Whose rows ``OWN`` means: the field naming the owner.
OWNER_OF: dict[str, str] = {
    "imports.importbatch": "user",
    "imports.savedmapping": "user",
    "jobs.backgroundjob": "owner",
}


@dataclass(frozen=True)
class Grant:
    read: str = NONE
    write: str = NONE  # add, change and delete
    verify: str = NONE  # verify figures (rows of ``Verifiable`` models only; see ``VERIFIABLE``)


# The models whose rows carry figures official reports count once verified (``Verifiable``).
# Verifying is the department's: administrators and department staff, of every row.
VERIFIABLE = ("projects.project", "projects.fundsinplace", "indicators.observation")


# The projects, events and follow-ups of a city, with the rows that are part of them.
CITY_WORK = (
    "projects.project",
    "projects.stagechange",
    "projects.fundsinplace",
    "projects.followup",
    "events.event",
    "events.participation",
)
# Users, groups, sessions, login throttling: the administrator's alone.
ADMINISTRATION = {
    "users.user": Grant(ALL, NONE),  # names are shown as officers, members …
    "auth.*": Grant(NONE, NONE),
    "axes.*": Grant(NONE, NONE),
    "sessions.*": Grant(NONE, NONE),
    "admin.*": Grant(NONE, NONE),
    "contenttypes.*": Grant(ALL, NONE),
}
# Each user's own uploads; the full change log is for the department.
PRIVATE = {
    "core.changerecord": Grant(NONE, NONE),
    "imports.importbatch": Grant(OWN, OWN),
    "imports.savedmapping": Grant(OWN, OWN),
    "jobs.backgroundjob": Grant(OWN, OWN),
}

# Per role: the grant for any model not named, and the grants per model ("app.model" or "app.*").
ROLE_GRANTS: dict[str, tuple[Grant, dict[str, Grant]]] = {
    Role.ADMINISTRATOR: (Grant(ALL, ALL, ALL), {}),
    Role.DEPARTMENT_STAFF: (
        Grant(ALL, ALL, ALL),
        {
            **ADMINISTRATION,
            "core.changerecord": Grant(ALL, NONE),
            "imports.importbatch": Grant(OWN, OWN),
            "imports.savedmapping": Grant(OWN, OWN),
            "jobs.backgroundjob": Grant(ALL, OWN),  # everyone's jobs, to help them
        },
    ),
    Role.TASK_FORCE_OFFICER: (
        Grant(ALL, NONE),
        {**ADMINISTRATION, **PRIVATE, **{label: Grant(ALL, CITY) for label in CITY_WORK}},
    ),
    Role.CITY_STAFF: (
        Grant(ALL, NONE),
        {
            **ADMINISTRATION,
            **PRIVATE,
            **{label: Grant(CITY, CITY) for label in CITY_WORK},
            "organizations.contact": Grant(CITY, NONE),
        },
    ),
    Role.VIEWER: (
        Grant(ALL, NONE),
        {
            **ADMINISTRATION,
            **PRIVATE,
            "imports.importbatch": Grant(NONE, NONE),
            "imports.savedmapping": Grant(NONE, NONE),
        },
    ),
}

# Per role: the models whose personal fields it sees; everyone else sees them masked.
SEES_PERSONAL: dict[str, frozenset[str]] = {
    Role.ADMINISTRATOR: frozenset({"organizations.contact", "users.user"}),
    Role.DEPARTMENT_STAFF: frozenset({"organizations.contact"}),
    Role.TASK_FORCE_OFFICER: frozenset({"organizations.contact"}),
    Role.CITY_STAFF: frozenset({"organizations.contact"}),  # only their cities' contacts exist
    Role.VIEWER: frozenset(),
}


# ---------------------------------------------------------------------------- the user


def role_of(user) -> str | None:
    """The user's role; None for nobody (anonymous, inactive, missing)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if not getattr(user, "is_active", True):
        return None
    if getattr(user, "is_superuser", False):
        return Role.ADMINISTRATOR
    return getattr(user, "role", None) or Role.VIEWER


def city_ids(user) -> list[int]:
    """The regions the user's scope covers: their city (city staff) or their task force's
    cities (officers), with every region below them. Fetched once per user object."""
    cached = getattr(user, "_city_ids", None)
    if cached is not None:
        return cached
    from counterpart.geo.models import Region
    from counterpart.projects.models import TaskForceCity

    role = role_of(user)
    if role == Role.CITY_STAFF and user.city_id:
        roots = Region.objects.filter(pk=user.city_id).values("pk")
    elif role == Role.TASK_FORCE_OFFICER and user.task_force_id:
        roots = TaskForceCity.objects.filter(task_force=user.task_force_id).values("city")
    else:
        roots = None
    ids = []
    if roots is not None:
        ids = list(
            Region.objects.filter(
                Q(pk__in=roots) | Q(parent__in=roots) | Q(parent__parent__in=roots)
            ).values_list("pk", flat=True)
        )
    user._city_ids = ids  # on the user itself (request.user is a lazy proxy to it)
    return ids


def _label(model) -> str:
    return model._meta.concrete_model._meta.label_lower


def grant_for(role: str | None, model) -> Grant:
    if role is None:
        return Grant()
    default, grants = ROLE_GRANTS[role]
    label = _label(model)
    return grants.get(label) or grants.get(f"{label.split('.')[0]}.*") or default


def access(user, action: str, model) -> str:
    """ALL, CITY, OWN or NONE: how much of ``model`` the user may ``action``."""
    grant = grant_for(role_of(user), model)
    if action == Action.VIEW:
        return grant.read
    if action == Action.VERIFY:
        return grant.verify if _label(model) in VERIFIABLE else NONE
    return grant.write


# ---------------------------------------------------------------------------- querysets


def restrict(queryset: models.QuerySet, user, action: str = Action.VIEW) -> models.QuerySet:
    """The rows of ``queryset`` that ``user`` may perform ``action`` on."""
    reach = access(user, action, queryset.model)
    if reach == ALL:
        return queryset
    if reach == NONE:
        return queryset.none()
    if reach == OWN:
        return queryset.filter(**{_owner_field(queryset.model): user.pk})
    return queryset.filter(city_q(queryset.model, city_ids(user)))


def _owner_field(model) -> str:
    try:
        return OWNER_OF[_label(model)]
    except KeyError:
        raise ImproperlyConfigured(f"{_label(model)} has no owner in OWNER_OF") from None


def _rule(model) -> CityOf:
    try:
        return CITY_OF[_label(model)]
    except KeyError:
        raise ImproperlyConfigured(f"{_label(model)} has no rule in CITY_OF") from None


def city_of_paths(model) -> list[str]:
    """The fields that place a row of ``model`` in a city (the first step of each path)."""
    rule = CITY_OF.get(_label(model))
    return [path.split("__")[0] for path in rule.paths] if rule else []


def _steps(model, path: str) -> tuple[list, bool]:
    """The fields along ``path`` from ``model``, and whether any step leads to many rows."""
    fields, many, current = [], False, model
    for name in path.split("__"):
        try:
            field = current._meta.get_field(name)
        except FieldDoesNotExist:
            raise ImproperlyConfigured(f"CITY_OF: {_label(model)} has no path {path!r}") from None
        if not field.is_relation:
            raise ImproperlyConfigured(f"CITY_OF: {path!r} of {_label(model)} is not a relation")
        many = many or field.many_to_many or field.one_to_many
        fields.append(field)
        current = field.related_model
    return fields, many


def _is_region(model) -> bool:
    return _label(model) == "geo.region"


def city_q(model, ids, prefix: str = "") -> Q:
    """The condition for rows of ``model`` (reached from the queried model by ``prefix``) that
    lie in the regions ``ids``."""
    rule = _rule(model)
    parts = []
    for index, path in enumerate(rule.paths):
        condition = _path_q(model, path, ids, prefix)
        if rule.first:
            for earlier in rule.paths[:index]:
                condition &= Q(**{f"{prefix}{earlier.split('__')[0]}__isnull": True})
        parts.append(condition)
    return reduce(or_, parts)


def _path_q(model, path: str, ids, prefix: str) -> Q:
    fields, many = _steps(model, path)
    target = fields[-1].related_model
    if _is_region(target):
        condition = Q(**{f"{path}__in": ids})
    else:
        condition = city_q(target, ids, prefix=f"{path}__")
    if many:
        # A to-many link: one subquery, so that the queried rows are not repeated.
        condition = Q(pk__in=model._base_manager.filter(condition).values("pk"))
    return _prefixed(condition, prefix)


def _prefixed(condition: Q, prefix: str) -> Q:
    if not prefix:
        return condition
    children = [
        _prefixed(child, prefix) if isinstance(child, Q) else (f"{prefix}{child[0]}", child[1])
        for child in condition.children
    ]
    return Q(*children, _connector=condition.connector, _negated=condition.negated)


# ---------------------------------------------------------------------------- objects


def can(user, action: str, obj_or_model) -> bool:
    """Whether ``user`` may perform ``action`` on an object, or on a model's rows at all.

    An object is judged by its values as they are in memory: a form's object before it is
    saved, so that a row cannot be moved out of the user's cities.
    """
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    reach = access(user, action, model)
    if reach == ALL:
        return True
    if reach == NONE:
        return False
    if obj_or_model is model:
        return True  # some rows
    if reach == OWN:
        owner = getattr(obj_or_model, f"{_owner_field(model)}_id", None)
        return owner is None or owner == user.pk
    return in_cities(obj_or_model, set(city_ids(user)))


def in_cities(obj, ids: set[int]) -> bool:
    """Whether ``obj`` lies in the regions ``ids`` by its ``CITY_OF`` rule."""
    rule = _rule(type(obj))
    for path in rule.paths:
        fields, many = _steps(type(obj), path)
        if rule.first and getattr(obj, fields[0].attname, None) is None:
            continue
        if many:
            found = obj.pk is not None and (
                type(obj)
                ._base_manager.filter(pk=obj.pk)
                .filter(_path_q(type(obj), path, list(ids), ""))
                .exists()
            )
        else:
            found = _single_in(obj, fields, ids)
        if found:
            return True
        if rule.first:
            return False
    return False


def _single_in(obj, fields: list, ids: set[int]) -> bool:
    node = obj
    for field in fields[:-1]:
        node = getattr(node, field.name)
        if node is None:
            return False
    last = fields[-1]
    if _is_region(last.related_model):
        return getattr(node, last.attname) in ids
    related = getattr(node, last.name)
    return related is not None and in_cities(related, ids)


# ---------------------------------------------------------------------------- masking


def personal_fields(model) -> tuple[str, ...]:
    """The model's personal fields: those its change log keeps only as digests."""
    return tuple(n for n in getattr(model, "changelog_redact", ()) if n != "password")


def masked_fields(user, model) -> frozenset[str]:
    """The personal fields of ``model`` that ``user`` sees masked (contacts' phone, e-mail …)."""
    fields = personal_fields(model)
    if not fields:
        return frozenset()
    role = role_of(user)
    if role is not None and _label(model) in SEES_PERSONAL[role]:
        return frozenset()
    return frozenset(fields)
