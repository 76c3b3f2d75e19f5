"""``load_refdata``: regions and pairings from counterpart/geo/data/."""

import shutil
from pathlib import Path

import pytest
from django.core.management.base import CommandError

from counterpart.core.choices import ChangeAction, Channel
from counterpart.core.models import ChangeRecord
from counterpart.core.testing import replace_in, run_command
from counterpart.geo import refdata
from counterpart.geo.models import Pairing, Region, RegionLevel

pytestmark = pytest.mark.django_db


def load(*args: str) -> str:
    return run_command("load_refdata", *args)


@pytest.fixture
def loaded() -> str:
    return load()


@pytest.fixture
def geo_dir(tmp_path: Path) -> Path:
    """A copy of the geo data folder that a test may change."""
    return Path(shutil.copytree(refdata.DATA_DIR, tmp_path / "geo"))


def line_of(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(start))


# ------------------------------------------------------------------------------------ counts


def test_region_counts(loaded):
    assert Region.objects.filter(level=RegionLevel.COUNTRY).count() == 1
    assert Region.objects.provinces().count() == 34
    assert Region.objects.prefectures().filter(code__startswith="23").count() == 13
    assert Region.objects.prefectures().filter(code__startswith="44").count() == 21
    assert Region.objects.prefectures().count() == 34
    assert set(Region.objects.filter(level=RegionLevel.COUNTY).values_list("code", flat=True)) == {
        "230109",
        "230110",
    }
    assert Region.objects.count() == 71


def test_summary_line(loaded):
    assert "regions: 71 created, 0 updated, 0 unchanged" in loaded
    assert "pairings: 14 created, 0 updated, 0 unchanged" in loaded


def test_country_and_provinces(loaded):
    china = Region.objects.get(code=refdata.COUNTRY_CODE)
    assert (china.name_zh, china.name_en, china.parent) == ("中华人民共和国", "China", None)
    assert not Region.objects.provinces().exclude(parent=china).exists()
    xinjiang = Region.objects.get(code="650000")
    assert (xinjiang.name_zh, xinjiang.name_en) == ("新疆维吾尔自治区", "Xinjiang")
    for code in ("110000", "120000", "130000", "710000", "810000", "820000"):
        region = Region.objects.get(code=code)
        assert region.level == RegionLevel.PROVINCE and region.name_en, code


def test_levels_from_divisions_csv(loaded):
    # 'prefecture-level city' and 'prefecture (地区)' in divisions.csv
    assert Region.objects.get(code="230100").level == RegionLevel.PREFECTURE
    assert Region.objects.get(code="232700").level == RegionLevel.PREFECTURE


def test_districts_of_harbin(loaded):
    harbin = Region.objects.get(code="230100")
    assert {r.name_en for r in harbin.children.all()} == {"Xiangfang District", "Songbei District"}


# ---------------------------------------------------------------------------- province field


def test_denormalised_province(loaded):
    heilongjiang = Region.objects.get(code="230000")
    assert heilongjiang.province == heilongjiang
    assert Region.objects.get(code="230100").province == heilongjiang  # Harbin, prefecture
    assert Region.objects.get(code="230110").province == heilongjiang  # Xiangfang, county
    assert Region.objects.get(code="232700").province == heilongjiang
    assert Region.objects.get(code="440300").province.code == "440000"  # Shenzhen
    assert Region.objects.get(code=refdata.COUNTRY_CODE).province is None
    for region in Region.objects.exclude(level=RegionLevel.COUNTRY).select_related("province"):
        assert region.province.level == RegionLevel.PROVINCE, region.code
        assert region.code[:2] == region.province.code[:2], region.code


# ---------------------------------------------------------------------------------- pairings


def test_pairing_counts(loaded):
    provincial = Pairing.objects.get(code="PAIR-HLJ-GD")
    assert (provincial.home_region.code, provincial.partner_region.code) == ("230000", "440000")
    assert provincial.since_year == 2017 and provincial.parent is None
    assert "东北地区与东部地区部分省市对口合作工作方案" in provincial.source
    cities = Pairing.objects.exclude(pk=provincial.pk)
    assert cities.count() == 13
    assert set(cities.values_list("parent", flat=True)) == {provincial.pk}
    assert set(cities.values_list("since_year", flat=True)) == {2017}


def test_pairings_join_same_level_regions(loaded):
    for pairing in Pairing.objects.select_related("home_region", "partner_region"):
        assert pairing.home_region.level == pairing.partner_region.level, pairing.code


def test_city_pairings_cover_every_city_once(loaded):
    cities = Pairing.objects.filter(parent__code="PAIR-HLJ-GD")
    homes = list(cities.values_list("home_region__code", flat=True))
    partners = list(cities.values_list("partner_region__code", flat=True))
    hlj = Region.objects.prefectures().filter(province__code="230000")
    assert sorted(homes) == sorted(hlj.values_list("code", flat=True))
    assert len(set(partners)) == 13
    assert all(code.startswith("44") for code in partners)
    harbin = Pairing.objects.get(code="PAIR-01")
    assert (harbin.home_region.name_en, harbin.partner_region.name_en) == ("Harbin", "Shenzhen")


def test_pairing_keeps_its_source_and_verification(loaded):
    daqing = Pairing.objects.get(code="PAIR-06")
    assert "verified by elimination" in daqing.notes
    assert "framework:" in daqing.source


# ------------------------------------------------------------------------------- idempotence


def test_second_run_changes_nothing(loaded):
    records = ChangeRecord.objects.count()
    rows = list(Region.objects.values()) + list(Pairing.objects.values())
    output = load()
    assert ChangeRecord.objects.count() == records
    assert list(Region.objects.values()) + list(Pairing.objects.values()) == rows
    assert "regions: 0 created, 0 updated, 71 unchanged" in output
    assert "pairings: 0 created, 0 updated, 14 unchanged" in output


def test_writes_are_logged_as_cli(loaded):
    harbin = Region.objects.get(code="230100")
    record = ChangeRecord.objects.for_object(harbin).get()
    assert (record.action, record.channel) == (ChangeAction.CREATE, Channel.CLI)
    assert record.after["province_id"] == harbin.province_id
    assert not ChangeRecord.objects.exclude(channel=Channel.CLI).exists()


def test_changed_file_updates_only_that_field(loaded, geo_dir):
    replace_in(geo_dir / "counties.csv", "Songbei District", "Songbei Qu")
    output = load("--geo-data", str(geo_dir))
    assert "regions: 0 created, 1 updated, 70 unchanged" in output
    songbei = Region.objects.get(code="230109")
    record = ChangeRecord.objects.for_object(songbei).filter(action=ChangeAction.UPDATE).get()
    assert record.changed_fields == ["name_en"]
    assert songbei.name_en == "Songbei Qu"


def test_dry_run_saves_nothing():
    output = load("--dry-run")
    assert "regions: 71 created" in output
    assert not Region.objects.exists()
    assert not ChangeRecord.objects.exists()


# ----------------------------------------------------------------------------- bad files


def test_malformed_code_names_file_line_and_column(geo_dir):
    path = geo_dir / "divisions.csv"
    line = line_of(path, "230600,")
    replace_in(path, "230600,230000", "23060X,230000")
    with pytest.raises(CommandError) as error:
        load("--geo-data", str(geo_dir))
    message = str(error.value)
    assert "divisions.csv" in message
    assert f"line {line}" in message
    assert "column 'code'" in message
    assert "23060X" in message


def test_unknown_level(geo_dir):
    path = geo_dir / "counties.csv"
    replace_in(path, "Songbei District,county", "Songbei District,township")
    with pytest.raises(CommandError, match=r"counties\.csv, line \d+, column 'level'"):
        load("--geo-data", str(geo_dir))


def test_missing_column(geo_dir):
    replace_in(geo_dir / "provinces.csv", "parent_code", "parent")
    with pytest.raises(CommandError, match=r"provinces\.csv, line 1, column 'parent_code'"):
        load("--geo-data", str(geo_dir))


def test_unknown_parent(geo_dir):
    path = geo_dir / "counties.csv"
    replace_in(path, "230110,230100", "230110,239900")
    with pytest.raises(CommandError, match=r"counties\.csv, line 3, column 'parent_code'"):
        load("--geo-data", str(geo_dir))


def test_duplicate_code_across_files(geo_dir):
    with (geo_dir / "counties.csv").open("a", encoding="utf-8") as f:
        f.write("230100,230000,哈尔滨市,哈尔滨,Harbin,prefecture,,,,\n")
    with pytest.raises(CommandError, match=r"counties\.csv, line 4, column 'code'.*divisions"):
        load("--geo-data", str(geo_dir))


def test_pairing_name_must_match_region(geo_dir):
    path = geo_dir / "pairings.csv"
    replace_in(path, "PAIR-01,230100,哈尔滨市", "PAIR-01,230100,齐齐哈尔市")
    with pytest.raises(CommandError, match=r"pairings\.csv, line 3, column 'hlj_name_zh'"):
        load("--geo-data", str(geo_dir))


def test_short_row(geo_dir):
    with (geo_dir / "pairings.csv").open("a", encoding="utf-8") as f:
        f.write("PAIR-14,230100\n")
    with pytest.raises(CommandError, match=r"pairings\.csv, line 16, column 'hlj_name_zh'"):
        load("--geo-data", str(geo_dir))


def test_bad_file_rolls_back_the_whole_load(geo_dir):
    replace_in(geo_dir / "pairings.csv", ",2017,PAIR-HLJ-GD", ",twenty,PAIR-HLJ-GD")
    with pytest.raises(CommandError, match=r"column 'since_year'"):
        load("--geo-data", str(geo_dir))
    assert not Region.objects.exists()
    assert not ChangeRecord.objects.exists()


def test_a_region_moved_to_another_province_takes_its_children_along(loaded):
    harbin = Region.objects.get(code="230100")
    harbin.parent = Region.objects.get(code="440000")
    harbin.save()
    assert Region.objects.get(code="230110").province.code == "440000"
