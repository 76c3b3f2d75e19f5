"""``benchmarks/compare`` flags a figure worse than the recorded one, in the figure's direction."""

import importlib.machinery
import importlib.util
import json
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "benchmarks" / "compare"


@pytest.fixture(scope="module")
def compare():
    loader = importlib.machinery.SourceFileLoader("bench_compare", str(SCRIPT))
    spec = importlib.util.spec_from_loader("bench_compare", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def results(report_ms: float, rate: float, errors: int) -> dict:
    return {
        "projects": 100,
        "runs": [
            {
                "benchmark": "reports",
                "database": "SQLite 3.40.1",
                "projects": 100,
                "results": [{"name": "x: report/SQL", "value": report_ms, "unit": "ms",
                             "ratio": report_ms / 10, "target": 1.2, "better": "lower"}],
            },
            {
                "benchmark": "load",
                "database": "PostgreSQL 15.20",
                "projects": 100,
                "results": [
                    {"name": "list: req/s", "value": rate, "unit": "req/s", "ratio": None,
                     "target": None, "better": "higher"},
                    {"name": "list: errors", "value": errors, "unit": "errors", "ratio": None,
                     "target": None, "better": "lower"},
                ],
            },
        ],
    }  # fmt: skip


def run(compare, tmp_path, baseline: dict, current: dict, *options: str) -> int:
    (tmp_path / "baseline.json").write_text(json.dumps(baseline))
    (tmp_path / "current.json").write_text(json.dumps(current))
    argv = [str(tmp_path / "current.json"), "--baseline", str(tmp_path / "baseline.json")]
    return compare.main([*argv, *options])


def test_figures_within_the_tolerance_pass(compare, tmp_path, capsys):
    assert run(compare, tmp_path, results(100, 50, 0), results(120, 41, 0)) == 0
    assert "no regression" in capsys.readouterr().out


def test_slower_fewer_requests_and_errors_are_regressions(compare, tmp_path, capsys):
    assert run(compare, tmp_path, results(100, 50, 0), results(130, 30, 2)) == 1
    out = capsys.readouterr().out
    assert "x: report/SQL: value 130.0 ms" in out and "x: report/SQL: ratio 13 (recorded 10" in out
    assert "list: req/s: value 30" in out and "list: errors: 2 errors" in out


def test_the_tolerance_is_configurable(compare, tmp_path):
    assert (
        run(compare, tmp_path, results(100, 50, 0), results(130, 50, 0), "--tolerance", "0.5") == 0
    )


def test_faster_is_never_a_regression(compare, tmp_path):
    assert run(compare, tmp_path, results(100, 50, 0), results(10, 500, 0)) == 0
