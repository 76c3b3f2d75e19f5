"""``load_refdata``: taxonomies, industry trees and mappings from counterpart/industries/data/."""

import csv
import shutil
from pathlib import Path

import pytest
from django.core.management.base import CommandError

from counterpart.core.models import ChangeRecord
from counterpart.core.testing import replace_in, run_command
from counterpart.industries import refdata
from counterpart.industries.models import Industry, IndustryMapping, MappingRelation, Taxonomy

pytestmark = pytest.mark.django_db


def load(*args: str) -> str:
    return run_command("load_refdata", *args)


def csv_rows(name: str) -> list[dict[str, str]]:
    with (refdata.DATA_DIR / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


@pytest.fixture
def loaded() -> str:
    return load()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the industries data folder that a test may change."""
    return Path(shutil.copytree(refdata.DATA_DIR, tmp_path / "industries"))


def nodes(taxonomy: str):
    return Industry.objects.filter(taxonomy__code=taxonomy)


# ----------------------------------------------------------------------------- taxonomies


def test_taxonomies_and_owners(loaded):
    owners = dict(Taxonomy.objects.values_list("code", "owner_region__code"))
    assert owners == {"hlj-4567": "230000", "gd-clusters": "440000", "gbt4754": None}
    assert Taxonomy.objects.get(code="gbt4754").name_zh == "国民经济行业分类 GB/T 4754-2017"


def test_4567_tree(loaded):
    rows = csv_rows("industries_4567.csv")
    groups = nodes("hlj-4567").filter(parent=None)
    assert sorted(groups.values_list("code", flat=True)) == [
        "4567-4",
        "4567-5",
        "4567-6",
        "4567-7",
    ]
    leaves = nodes("hlj-4567").exclude(parent=None)
    assert leaves.count() == len(rows) == 22
    for row in rows:
        leaf = leaves.get(code=row["code"])
        assert leaf.parent.code == f"4567-{row['group']}"
        assert (leaf.parent.name_zh, leaf.parent.name_en) == (
            row["group_name_zh"],
            row["group_name_en"],
        )
        assert leaf.name_zh == row["name_zh"] and leaf.source == row["source"]
    assert groups.get(code="4567-4").children.count() == 4
    assert groups.get(code="4567-7").children.count() == 7


def test_gd_clusters_tree(loaded):
    groups = dict(nodes("gd-clusters").filter(parent=None).values_list("code", "name_zh"))
    assert groups == {"GD-P": "战略性支柱产业集群", "GD-E": "战略性新兴产业集群"}
    clusters = nodes("gd-clusters").exclude(parent=None)
    assert clusters.count() == 20
    assert clusters.filter(parent__code="GD-P").count() == 10
    assert clusters.filter(parent__code="GD-E").count() == 10
    assert "新一代电子信息产业集群" in clusters.get(code="GD-P01").notes


def test_gbt4754_sections(loaded):
    sections = nodes("gbt4754")
    assert sections.count() == 20
    assert not sections.exclude(parent=None).exists()
    assert "".join(sections.values_list("code", flat=True)) == "ABCDEFGHIJKLMNOPQRST"
    assert "divisions 13-43" in sections.get(code="C").notes


def test_sort_order_follows_the_file(loaded):
    ordered = list(nodes("hlj-4567").order_by("sort_order").values_list("code", flat=True))
    expected = []
    for row in csv_rows("industries_4567.csv"):
        group = f"4567-{row['group']}"
        if group not in expected:
            expected.append(group)
        expected.append(row["code"])
    assert ordered == expected
    sections = nodes("gbt4754").order_by("sort_order").values_list("code", flat=True)
    assert [row["code"] for row in csv_rows("gbt4754_sections.csv")] == list(sections)


# -------------------------------------------------------------------------------- mappings


def test_mappings(loaded):
    rows = csv_rows("mappings.csv")
    assert IndustryMapping.objects.count() == len(rows)
    assert set(IndustryMapping.objects.values_list("relation", flat=True)) <= set(
        MappingRelation.values
    )
    leaves = nodes("hlj-4567").exclude(parent=None)
    for leaf in leaves:
        targets = {m.target.taxonomy.code for m in leaf.mappings_from.all()}
        assert "gbt4754" in targets, leaf.code
    car = leaves.get(code="4567-6-05").mappings_from.get(target__code="GD-P04")
    assert car.relation == MappingRelation.EQUIVALENT


def test_mappings_file_says_it_is_editorial():
    first = (refdata.DATA_DIR / "mappings.csv").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#") and "not an official concordance" in first.lower()


# ----------------------------------------------------------------------------- idempotence


def test_second_run_changes_nothing(loaded):
    assert "industries: 68 created, 0 updated, 0 unchanged" in loaded
    records = ChangeRecord.objects.count()
    rows = [list(m.objects.values()) for m in (Taxonomy, Industry, IndustryMapping)]
    output = load()
    assert ChangeRecord.objects.count() == records
    assert [list(m.objects.values()) for m in (Taxonomy, Industry, IndustryMapping)] == rows
    assert "taxonomies: 0 created, 0 updated, 3 unchanged" in output
    assert "industries: 0 created, 0 updated, 68 unchanged" in output
    assert f"industry mappings: 0 created, 0 updated, {len(rows[2])} unchanged" in output


def test_changed_relation_is_an_update(loaded, data_dir):
    replace_in(data_dir / "mappings.csv", "GD-P04,equivalent", "GD-P04,related")
    output = load("--industries-data", str(data_dir))
    assert "industry mappings: 0 created, 1 updated" in output
    assert IndustryMapping.objects.get(target__code="GD-P04").relation == "related"


# ------------------------------------------------------------------------------- bad files


def test_bad_relation_names_file_line_and_column(data_dir):
    path = data_dir / "mappings.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if ",GD-P04," in text)
    replace_in(path, "GD-P04,equivalent", "GD-P04,same")
    with pytest.raises(CommandError) as error:
        load("--industries-data", str(data_dir))
    assert f"mappings.csv, line {line}, column 'relation'" in str(error.value)


def test_unknown_mapping_target(data_dir):
    replace_in(data_dir / "mappings.csv", "gbt4754,I,", "gbt4754,Z,")
    with pytest.raises(CommandError, match=r"mappings\.csv, line \d+, column 'target_code'"):
        load("--industries-data", str(data_dir))


def test_bad_4567_group(data_dir):
    replace_in(data_dir / "industries_4567.csv", "4567-4-02,4,", "4567-4-02,8,")
    with pytest.raises(CommandError, match=r"industries_4567\.csv, line 3, column 'group'"):
        load("--industries-data", str(data_dir))


def test_unknown_owner_region(data_dir):
    replace_in(data_dir / "taxonomies.csv", ",440000,", ",449900,")
    with pytest.raises(CommandError, match=r"taxonomies\.csv, line 3, column 'owner_region_code'"):
        load("--industries-data", str(data_dir))
    assert not Taxonomy.objects.exists()
