"""Load taxonomies, their industry trees and the mappings between them from ``data/``.

Three taxonomies (``taxonomies.csv``):

* ``hlj-4567`` from industries_4567.csv: group nodes 4567-4 … 4567-7, leaves under them;
* ``gd-clusters`` from guangdong_clusters.csv: group nodes GD-P (pillar) and GD-E (emerging);
* ``gbt4754`` from gbt4754_sections.csv: sections A–T as top-level nodes.

``sort_order`` numbers the nodes of a taxonomy in file order, each group just before its first
leaf, so that ordering by it lists the tree depth-first. Mappings (mappings.csv) are the
Counterpart team's editorial correspondence, not an official concordance.

Idempotent like ``counterpart.geo.refdata``: natural keys are ``Taxonomy.code``,
(taxonomy, ``Industry.code``) and (source, target) for mappings; unchanged rows are not saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from counterpart.geo.models import Region
from counterpart.geo.refdata import (
    CsvRow,
    RefdataError,
    Tally,
    check_unique,
    read_csv,
    upsert,
)

from .models import Industry, IndustryMapping, MappingRelation, Taxonomy

DATA_DIR = Path(__file__).resolve().parent / "data"

# Group nodes of the Guangdong clusters, keyed by the ``category`` column.
GD_GROUPS = {
    "pillar": ("GD-P", "Strategic pillar industry clusters"),
    "emerging": ("GD-E", "Strategic emerging industry clusters"),
}


@dataclass(frozen=True)
class Node:
    """An industry to load: a group (no parent) or a leaf under ``parent_code``."""

    code: str
    name_zh: str
    name_en: str
    parent_code: str
    notes: str
    source: str
    origin: CsvRow


def _notes(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def _verification(row: CsvRow) -> str:
    value = row.get("verification", required=False)
    return f"verification: {value}" if value else ""


# ------------------------------------------------------------------------------------ readers


def read_4567(path: Path) -> list[Node]:
    """industries_4567.csv: one leaf a row; its group (4, 5, 6 or 7) becomes a node 4567-N."""
    required = ("code", "group", "group_name_zh", "group_name_en", "name_zh", "name_en")
    rows = read_csv(path, (*required, "verification", "source"))
    check_unique(rows, "code")
    nodes: list[Node] = []
    groups: dict[str, CsvRow] = {}
    for row in rows:
        group = row.get("group")
        group_code = f"4567-{group}"
        if group not in {"4", "5", "6", "7"}:
            raise row.error("group", f"{group!r} is not one of 4, 5, 6, 7")
        if not row.get("code").startswith(f"{group_code}-"):
            raise row.error("code", f"a leaf of group {group} has a code starting {group_code}-")
        first = groups.get(group)
        if first is None:
            groups[group] = row
            nodes.append(
                Node(
                    group_code,
                    row.get("group_name_zh"),
                    row.get("group_name_en"),
                    "",
                    "",
                    row.get("source", required=False),
                    row,
                )
            )
        else:
            for column in ("group_name_zh", "group_name_en"):
                if row.get(column) != first.get(column):
                    raise row.error(column, f"differs from line {first.line} of the same group")
        nodes.append(
            Node(
                row.get("code"),
                row.get("name_zh"),
                row.get("name_en", required=False),
                group_code,
                _notes(row.get("note", required=False), _verification(row)),
                row.get("source", required=False),
                row,
            )
        )
    return nodes


def read_gd_clusters(path: Path) -> list[Node]:
    """guangdong_clusters.csv: 20 clusters under the groups GD-P and GD-E."""
    required = ("code", "category", "category_zh", "name_zh", "full_name_zh", "name_en")
    rows = read_csv(path, (*required, "verification", "source"))
    check_unique(rows, "code")
    nodes: list[Node] = []
    seen: set[str] = set()
    for row in rows:
        category = row.get("category")
        if category not in GD_GROUPS:
            raise row.error("category", f"{category!r} is not one of {sorted(GD_GROUPS)}")
        group_code, group_name_en = GD_GROUPS[category]
        if category not in seen:
            seen.add(category)
            source = row.get("source", required=False)
            nodes.append(
                Node(group_code, row.get("category_zh"), group_name_en, "", "", source, row)
            )
        nodes.append(
            Node(
                row.get("code"),
                row.get("name_zh"),
                row.get("name_en", required=False),
                group_code,
                _notes(
                    row.get("full_name_zh"), row.get("note", required=False), _verification(row)
                ),
                row.get("source", required=False),
                row,
            )
        )
    return nodes


def read_gbt4754_sections(path: Path) -> list[Node]:
    """gbt4754_sections.csv: sections A–T, the division range in the notes."""
    rows = read_csv(path, ("code", "name_zh", "name_en", "divisions", "verification", "source"))
    check_unique(rows, "code")
    return [
        Node(
            row.get("code"),
            row.get("name_zh"),
            row.get("name_en", required=False),
            "",
            _notes(f"divisions {row.get('divisions')}", _verification(row)),
            row.get("source", required=False),
            row,
        )
        for row in rows
    ]


TREE_FILES: dict[str, tuple[str, Callable[[Path], list[Node]]]] = {
    "hlj-4567": ("industries_4567.csv", read_4567),
    "gd-clusters": ("guangdong_clusters.csv", read_gd_clusters),
    "gbt4754": ("gbt4754_sections.csv", read_gbt4754_sections),
}


# ------------------------------------------------------------------------------------ loaders


def load_taxonomies(data_dir: Path = DATA_DIR) -> tuple[dict[str, Taxonomy], Tally]:
    """taxonomies.csv: code, names, owner region (a GB/T 2260 code, or empty)."""
    tally = Tally()
    taxonomies: dict[str, Taxonomy] = {}
    columns = ("code", "name_zh", "name_en", "owner_region_code", "description", "source")
    rows = read_csv(data_dir / "taxonomies.csv", columns)
    check_unique(rows, "code")
    for row in rows:
        owner = None
        if owner_code := row.get("owner_region_code", required=False):
            owner = Region.objects.filter(code=owner_code).first()
            if owner is None:
                raise row.error("owner_region_code", f"no region {owner_code}")
        values = {
            "name_zh": row.get("name_zh"),
            "name_en": row.get("name_en", required=False),
            "owner_region": owner,
            "description": row.get("description", required=False),
            "source": row.get("source", required=False),
        }
        code = row.get("code")
        taxonomies[code], outcome = upsert(
            Taxonomy, {"code": code}, values, row, {"owner_region": "owner_region_code"}
        )
        tally.count(outcome)
    return taxonomies, tally


def load_tree(taxonomy: Taxonomy, nodes: list[Node], tally: Tally) -> dict[str, Industry]:
    """Upsert ``nodes`` (parents listed before their children) into ``taxonomy``."""
    loaded: dict[str, Industry] = {}
    for order, node in enumerate(nodes, start=1):
        parent = loaded.get(node.parent_code) if node.parent_code else None
        if node.parent_code and parent is None:
            raise node.origin.error("code", f"the parent {node.parent_code} is not loaded yet")
        values = {
            "name_zh": node.name_zh,
            "name_en": node.name_en,
            "parent": parent,
            "sort_order": order,
            "notes": node.notes,
            "source": node.source,
        }
        lookup = {"taxonomy": taxonomy, "code": node.code}
        loaded[node.code], outcome = upsert(Industry, lookup, values, node.origin)
        tally.count(outcome)
    return loaded


def load_mappings(data_dir: Path, industries: dict[tuple[str, str], Industry]) -> Tally:
    """mappings.csv: source_taxonomy, source_code, target_taxonomy, target_code, relation."""
    tally = Tally()
    columns = ("source_taxonomy", "source_code", "target_taxonomy", "target_code", "relation")
    rows = read_csv(data_dir / "mappings.csv", (*columns, "note"))
    check_unique(rows, "target_code", key=lambda row: tuple(row.get(c) for c in columns[:4]))
    for row in rows:
        ends = []
        for end in ("source", "target"):
            key = (row.get(f"{end}_taxonomy"), row.get(f"{end}_code"))
            if key not in industries:
                raise row.error(f"{end}_code", f"no industry {key[1]!r} in taxonomy {key[0]!r}")
            ends.append(industries[key])
        relation = row.get("relation")
        if relation not in MappingRelation.values:
            raise row.error("relation", f"{relation!r} is not one of {MappingRelation.values}")
        lookup = {"source": ends[0], "target": ends[1]}
        values = {"relation": relation, "note": row.get("note", required=False)}
        _, outcome = upsert(IndustryMapping, lookup, values, row, {"target": "target_code"})
        tally.count(outcome)
    return tally


def load_industries(data_dir: Path = DATA_DIR) -> dict[str, Tally]:
    """Taxonomies, their trees, then mappings. Regions must be loaded first (owners)."""
    taxonomies, taxonomy_tally = load_taxonomies(data_dir)
    industry_tally = Tally()
    industries: dict[tuple[str, str], Industry] = {}
    for code, (filename, reader) in TREE_FILES.items():
        if code not in taxonomies:
            path = data_dir / "taxonomies.csv"
            raise RefdataError(path, 0, "code", f"no row for the taxonomy {code!r}")
        tree = load_tree(taxonomies[code], reader(data_dir / filename), industry_tally)
        industries.update({(code, c): industry for c, industry in tree.items()})
    return {
        "taxonomies": taxonomy_tally,
        "industries": industry_tally,
        "industry mappings": load_mappings(data_dir, industries),
    }
