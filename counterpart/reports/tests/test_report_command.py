"""`counterpart report`: the acceptance sentences, JSON traceability and argument errors."""

import json
from decimal import Decimal

import pytest
from django.core.management import CommandError

from counterpart.core.testing import run_command

pytestmark = pytest.mark.usefixtures("sample_data", "db")


def test_event_summary_in_chinese():
    out = run_command("report", "event-summary", "--event", "HLJ-GD-2023-CONF", "--lang", "zh")
    assert "共签约项目192个，签约额982.38亿元；其中现场签约工业项目32个，签约额292.93亿元。" in out


def test_event_summary_in_english():
    out = run_command("report", "event-summary", "--event", "HLJ-GD-2023-CONF", "--lang", "en")
    assert "192 projects were signed, with a total contract value of 98.238 billion yuan" in out
    assert "32 industrial projects were signed on site" in out
    assert "29.293 billion yuan" in out


def test_capital_by_source_shows_guangdong_second():
    out = run_command(
        "report", "capital-by-source", "--from", "2023-01", "--to", "2023-02",
        "--min-size", "10000000", "--lang", "zh",
    )  # fmt: skip
    assert "第2位  广东省  19.5亿元" in out


def test_indicator_in_both_languages_by_default():
    out = run_command("report", "indicator", "--name", "trade-with-russia", "--year", "2022")
    assert "2022年对俄贸易额1854.7亿元，同比增长41.3%，占全国的14.5%。" in out
    assert "185.47 billion yuan, +41.3 % year on year, 14.5 % of the national total." in out


def test_pipeline_as_of_the_publication_date():
    out = run_command(
        "report", "pipeline", "--as-of", "2023-04-07", "--taxonomy", "hlj-4567", "--lang", "zh"
    )
    assert "比较成形的合作项目132个，其中属于" in out
    assert "的项目132个。" in out


def test_json_output_traces_each_figure_to_its_rows():
    out = run_command("report", "event-summary", "--event", "HLJ-GD-2023-CONF", "--format", "json")
    data = json.loads(out)
    assert Decimal(data["total"]["value"]) == Decimal("98238000000")
    assert len(data["on_site_industrial"]["project_ids"]) == 32
    assert data["event"]["code"] == "HLJ-GD-2023-CONF"


def test_output_file(tmp_path):
    target = tmp_path / "summary.txt"
    run_command("report", "event-summary", "--event", "HLJ-GD-2023-CONF", "-o", str(target))
    assert "982.38亿元" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["event-summary", "--event", "NOPE"], "--event NOPE"),
        (["indicator", "--name", "nope", "--year", "2022"], "--name nope"),
        (["capital-by-source", "--from", "2023-03", "--to", "2023-01"], "ends"),
        (["pipeline", "--as-of", "2023-13-01"], "--as-of"),
        (["pipeline", "--pairing", "PAIR-99"], "--pairing PAIR-99"),
        (["capital-by-source", "--from", "2023-01", "--to", "2023-02", "--min-size", "-5"], "-5"),
    ],
)
def test_bad_arguments_are_named(args, words):
    with pytest.raises(CommandError, match=words) as error:
        run_command("report", *args)
    assert getattr(error.value, "returncode", 2) in (1, 2)


def test_empty_results_say_so():
    out = run_command("report", "event-summary", "--event", "HLJ-COM-2023-03-GD-VISIT")
    assert "暂无签约项目记录" in out and "No signed projects recorded" in out
    out = run_command("report", "indicator", "--name", "trade-with-russia", "--year", "1999")
    assert "暂无数据" in out and "No data" in out
    out = run_command("report", "pipeline", "--as-of", "2000-01-01", "--lang", "en")
    assert "No data for this date." in out
    out = run_command(
        "report", "capital-by-source", "--from", "2000-01", "--to", "2000-02", "--lang", "en"
    )
    assert "No funds in place" in out


def test_brief_of_the_conference_as_text():
    out = run_command("report", "brief", "--event", "HLJ-GD-2023-CONF", "--lang", "zh")
    assert (
        "活动共签约项目192个，签约额982.38亿元；其中现场签约工业项目32个，签约额292.93亿元。" in out
    )


def test_brief_of_a_period_in_english():
    out = run_command("report", "brief", "--from", "2023-01", "--to", "2023-02", "--lang", "en")
    assert "capital from Guangdong came to 1.95 billion yuan, ranking 2nd" in out


def test_brief_sidecar_and_html_trace_the_numbers():
    sidecar = json.loads(
        run_command(
            "report", "brief", "--event", "HLJ-GD-2023-CONF", "--lang", "zh", "--format", "json"
        )
    )
    figures = {f["text"]: f for p in sidecar["paragraphs"] for f in p["figures"]}
    assert len(figures["982.38亿元"]["ids"]) == 192
    html = run_command(
        "report", "brief", "--event", "HLJ-GD-2023-CONF", "--lang", "en", "--format", "html"
    )
    assert 'class="figure"' in html and "data-ids=" in html


def test_brief_needs_a_whole_period():
    with pytest.raises(CommandError, match="--from needs --to"):
        run_command("report", "brief", "--from", "2023-01")


def test_pairing_league_ranks_harbin_shenzhen_first_in_2023():
    out = run_command("report", "pairings", "--from", "2023-01", "--to", "2023-12", "--lang", "zh")
    assert out.splitlines()[1].startswith("第1位  哈尔滨市—深圳市")
    assert "合计" in out


def test_supervision_lists_overdue_actions_per_task_force():
    out = run_command("report", "supervision", "--as-of", "2023-06-30", "--lang", "en")
    assert "overdue actions" in out and "By task force:" in out and "By officer:" in out


def test_time_in_stage_per_city():
    out = run_command("report", "time-in-stage", "--lang", "zh")
    assert "哈尔滨市:" in out and "天（" in out


def test_supervision_refuses_a_threshold_below_one_day():
    with pytest.raises(CommandError, match="stale_days"):
        run_command("report", "supervision", "--stale-days", "0")
