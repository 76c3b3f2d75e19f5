"""The report benchmark's hand-written SQL gives the report functions' numbers on the sample
ledger, so that it cannot drift from them silently (``benchmarks/reports.py``: a benchmark
comparing different answers would be worthless). Checked on whichever database the suite
runs on, since the SQL is spelled per vendor."""

import importlib.util
import sys
from pathlib import Path

import pytest
from django.db import connection

BENCHMARKS = Path(__file__).resolve().parents[3] / "benchmarks"

pytestmark = pytest.mark.usefixtures("sample_data", "db")


@pytest.fixture(scope="module")
def bench():
    """``benchmarks/reports.py`` as a module (it imports ``common`` from its own directory)."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location("bench_reports", BENCHMARKS / "reports.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path.remove(str(BENCHMARKS))
        sys.modules.pop("bench_reports", None)
        sys.modules.pop("common", None)


@pytest.fixture
def cases(bench):
    params = bench.scenario()
    return params, {
        case.name.split(" (")[0]: case for case in bench.cases(params, connection.vendor)
    }


def test_every_report_has_a_case_on_the_sample(cases):
    _, found = cases
    assert sorted(found) == [
        "capital by source",
        "dashboard figures",
        "indicator",
        "pairings league table",
        "pipeline as of a date",
        "signing summary",
        "supervision",
        "time in stage",
    ]


@pytest.mark.parametrize(
    "name",
    [
        "signing summary",
        "capital by source",
        "indicator",
        "pipeline as of a date",
        "pairings league table",
        "supervision",
        "time in stage",
        "dashboard figures",
    ],
)
def test_the_sql_gives_the_reports_numbers(bench, cases, name):
    params, found = cases
    numbers = bench.check(found[name], params)  # SystemExit naming the differences otherwise
    counts = [figures[0] for figures in numbers.values() if isinstance(figures, tuple)]
    assert any(counts), f"{name}: nothing counted on the sample, so nothing was compared"


def test_a_drifted_query_is_caught(bench, cases):
    params, found = cases
    case = found["signing summary"]
    condition = "p.contract_value_basis = 'confirmed'"
    assert condition in case.query.ctes[1]
    case.query.ctes[1] = case.query.ctes[1].replace(condition, "p.signed_on_site")
    with pytest.raises(SystemExit, match=r"signing summary .*disagree"):
        bench.check(case, params)
