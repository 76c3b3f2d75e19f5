"""References in an imported row — a region, an organisation, an industry, an event … — found by
code, name or alias, the way a ledger names them ("哈尔滨", "哈尔滨市", "230100", "Harbin").

Each kind is loaded once per import into a dictionary of normalised names, so a 100,000-row file
costs one query per kind, not one per cell. A name that fits several rows is refused with the
candidates' codes rather than guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext as _

from counterpart.core.parsing import ParseError
from counterpart.core.permissions import restrict
from counterpart.events.models import Event
from counterpart.geo.models import Pairing, Region, Zone
from counterpart.indicators.models import Indicator
from counterpart.industries.models import Industry
from counterpart.organizations.models import Contact, Organization, OrganizationAlias
from counterpart.projects.models import Project, TaskForce

# Several values in one cell: 、 , ; ， ； / and line breaks separate them.
LIST_SEPARATORS = re.compile(r"[、,;，；/\n]+")
# Administrative suffixes a ledger may leave off (哈尔滨 for 哈尔滨市).
REGION_SUFFIXES = ("特别行政区", "自治州", "自治县", "地区", "盟", "省", "市", "区", "县", "旗")


def normalize(text: str) -> str:
    """The form names are compared in: NFKC, case-folded, without spaces or brackets' width."""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return re.sub(r"\s+", "", text)


def split_values(cell) -> list[str]:
    """The names in a cell that may hold several (investors, industries)."""
    return [part.strip() for part in LIST_SEPARATORS.split(str(cell)) if part.strip()]


class Index:
    """Rows of one kind by every name they may be given as; ambiguous names keep all rows."""

    def __init__(self, label: str, rows: Iterable[models.Model], names: Callable):
        self.label = label
        self.by_name: dict[str, set] = defaultdict(set)
        self.rows: dict[int, models.Model] = {}
        for row in rows:
            self.rows[row.pk] = row
            for name in names(row):
                if name:
                    self.by_name[normalize(name)].add(row.pk)

    def add(self, row: models.Model, names: Iterable[str]) -> None:
        """A row created earlier in the same import (a new organisation named by a later row)."""
        self.rows[row.pk] = row
        for name in names:
            if name:
                self.by_name[normalize(name)].add(row.pk)

    def find(self, text: str) -> models.Model:
        key = normalize(text)
        found = self.by_name.get(key, set())
        if len(found) == 1:
            return self.rows[next(iter(found))]
        if not found:
            raise ParseError(
                _("No %(kind)s is called or coded “%(value)s”.")
                % {"kind": self.label, "value": text}
            )
        candidates = "、".join(sorted(str(self.rows[pk]) for pk in found)[:5])
        raise ParseError(
            _("“%(value)s” names several %(kind)s (%(candidates)s): give the code.")
            % {"value": text, "kind": self.label, "candidates": candidates}
        )


def _region_names(region: Region) -> list[str]:
    names = [region.code, region.name_zh, region.short_name_zh, region.name_en]
    for suffix in REGION_SUFFIXES:
        if region.name_zh.endswith(suffix) and len(region.name_zh) > len(suffix) + 1:
            names.append(region.name_zh.removesuffix(suffix))
            break
    return names


def _organization_rows():
    aliases: dict[int, list[str]] = defaultdict(list)
    for organization_id, alias in OrganizationAlias.objects.values_list("organization", "alias"):
        aliases[organization_id].append(alias)
    rows = list(Organization.objects.all())
    for row in rows:
        row.import_aliases = aliases.get(row.pk, [])
    return rows


def organization_names(row: Organization) -> list[str]:
    return [row.credit_code or "", row.name_zh, row.name_en, *getattr(row, "import_aliases", [])]


def _user_names(user) -> list[str]:
    return [user.get_username(), user.get_full_name(), str(user)]


# Each kind: the label used in messages, how to load its rows, the names of a row.
KINDS: dict[str, tuple[Callable[[], str], Callable[[], Iterable], Callable]] = {
    "region": (lambda: _("region"), lambda: Region.objects.all(), _region_names),
    "zone": (
        lambda: _("zone"),
        lambda: Zone.objects.all(),
        lambda z: [z.name_zh, z.name_en],
    ),
    "pairing": (
        lambda: _("pairing"),
        lambda: Pairing.objects.select_related("home_region", "partner_region"),
        lambda p: [
            p.code,
            f"{p.home_region.name_zh}—{p.partner_region.name_zh}",
            f"{p.home_region.name_zh}-{p.partner_region.name_zh}",
            f"{p.home_region.name_en}—{p.partner_region.name_en}",
        ],
    ),
    "organization": (lambda: _("organisation"), _organization_rows, organization_names),
    "industry": (
        lambda: _("industry"),
        lambda: Industry.objects.select_related("taxonomy"),
        lambda i: [f"{i.taxonomy.code}:{i.code}", i.code, i.name_zh, i.name_en],
    ),
    "event": (
        lambda: _("event"),
        lambda: Event.objects.all(),
        lambda e: [e.code, e.title_zh, e.title_en],
    ),
    "project": (lambda: _("project"), lambda: Project.objects.all(), lambda p: [p.code]),
    "task_force": (
        lambda: _("task force"),
        lambda: TaskForce.objects.all(),
        lambda t: [t.code, t.name_zh, t.name_en],
    ),
    "user": (lambda: _("user"), lambda: get_user_model().objects.all(), _user_names),
    "indicator": (
        lambda: _("indicator"),
        lambda: Indicator.objects.all(),
        lambda i: [i.code, i.name_zh, i.name_en],
    ),
}


class References:
    """The reference lookups of one import, each kind loaded on first use.

    With a ``user`` (a web import), only rows that user may read are found: a city's staff
    cannot name another city's contact or project.
    """

    def __init__(self, user=None):
        self._indexes: dict[str, Index] = {}
        self._contacts: dict[tuple[int, str], list[Contact]] | None = None
        self.user = user

    def _readable(self, rows):
        if self.user is None or not isinstance(rows, models.QuerySet):
            return rows
        return restrict(rows, self.user)

    def index(self, kind: str) -> Index:
        if kind not in self._indexes:
            label, rows, names = KINDS[kind]
            self._indexes[kind] = Index(label(), self._readable(rows()), names)
        return self._indexes[kind]

    def find(self, kind: str, text: str) -> models.Model:
        return self.index(kind).find(text)

    def find_all(self, kind: str, cell) -> list[models.Model]:
        """Every row a multi-valued cell names, in order, without repeats."""
        found: list[models.Model] = []
        for part in split_values(cell):
            row = self.find(kind, part)
            if row not in found:
                found.append(row)
        return found

    def contact(self, organization: Organization | None, text: str) -> Contact:
        """A contact by name within its organisation (names repeat across organisations)."""
        if self._contacts is None:
            self._contacts = defaultdict(list)
            for contact in self._readable(Contact.objects.all()):
                for name in (contact.name, contact.name_en):
                    if name:
                        self._contacts[(contact.organization_id, normalize(name))].append(contact)
        if organization is None:
            raise ParseError(
                _("A contact is found within its organisation: give the organisation.")
            )
        matches = self._contacts.get((organization.pk, normalize(text)), [])
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise ParseError(
                _("%(organization)s has no contact called “%(value)s”.")
                % {"organization": organization, "value": text}
            )
        raise ParseError(
            _("%(organization)s has several contacts called “%(value)s”.")
            % {"organization": organization, "value": text}
        )

    def remember(self, kind: str, row: models.Model) -> None:
        """Make a row created by this import findable by later rows."""
        if kind in self._indexes:
            self._indexes[kind].add(row, KINDS[kind][2](row))
