"""Logs: one line per request with its id, method, path, status, duration and user; JSON lines
in production, readable text on request."""

import json
import logging

import pytest
from pythonjsonlogger.json import JsonFormatter

from counterpart.ops.logs import RequestIdFilter, current_request_id, logging_config


def request_records(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "counterpart.request"]


@pytest.mark.django_db
def test_each_request_is_logged_once_with_its_id(admin_client, admin_user, caplog):
    with caplog.at_level(logging.INFO, logger="counterpart.request"):
        response = admin_client.get("/projects/?stage=signed")
    (record,) = request_records(caplog)
    assert response.status_code == 200
    assert record.getMessage() == "GET /projects/ 200"
    assert (record.method, record.path, record.status) == ("GET", "/projects/", 200)
    assert record.user_id == admin_user.pk
    assert 0 < record.duration_ms < 60_000
    assert str(record.request_id) == response.headers["X-Request-ID"]


@pytest.mark.django_db
def test_probes_are_logged_only_when_they_fail(client, caplog, monkeypatch):
    from counterpart.ops import probes

    with caplog.at_level(logging.INFO, logger="counterpart.request"):
        client.get("/health/")
        client.get("/ready/")
        assert request_records(caplog) == []
        monkeypatch.setitem(probes.CHECKS, "cache", lambda: "no answer")
        client.get("/ready/")
    (record,) = request_records(caplog)
    assert (record.path, record.status) == ("/ready/", 503)


def formatter_and_filter(json_lines: bool) -> tuple[logging.Formatter, logging.Filter]:
    """The formatter and filter that production's LOGGING builds."""
    config = logging_config(json=json_lines)
    handler = config["handlers"]["stdout"]
    spec = dict(config["formatters"][handler["formatter"]])
    if "()" in spec:
        assert spec.pop("()") == "pythonjsonlogger.json.JsonFormatter"
        formatter = JsonFormatter(**spec)
    else:
        formatter = logging.Formatter(spec["format"])
    assert handler["filters"] == ["request_id"]
    assert handler["stream"] == "ext://sys.stdout"
    return formatter, config["filters"]["request_id"]["()"]()


def record(**extra) -> logging.LogRecord:
    entry = logging.LogRecord(
        "counterpart.request", logging.INFO, __file__, 1, "GET %s", ("/",), None
    )
    entry.__dict__.update(extra)
    return entry


def test_production_writes_one_json_object_per_line_with_the_request_id():
    formatter, request_filter = formatter_and_filter(json_lines=True)
    token = current_request_id.set("1b4e28ba-2fa1-11d2-883f-0016d3cca427")
    try:
        entry = record(method="GET", path="/", status=200, duration_ms=3.2, user_id=None)
        assert request_filter.filter(entry)
    finally:
        current_request_id.reset(token)
    line = formatter.format(entry)
    assert "\n" not in line
    data = json.loads(line)
    assert data["message"] == "GET /" and data["level"] == "INFO"
    assert data["logger"] == "counterpart.request"
    assert data["request_id"] == "1b4e28ba-2fa1-11d2-883f-0016d3cca427"
    assert (data["method"], data["path"], data["status"], data["duration_ms"]) == (
        "GET",
        "/",
        200,
        3.2,
    )
    assert data["time"].endswith("+00:00")


def test_outside_a_request_the_id_is_a_dash_and_text_lines_stay_readable():
    formatter, request_filter = formatter_and_filter(json_lines=False)
    entry = record()
    request_filter.filter(entry)
    assert entry.request_id == "-"
    assert formatter.format(entry).endswith("INFO counterpart.request [-] GET /")
    assert isinstance(request_filter, RequestIdFilter)


def test_an_unknown_log_level_is_refused():
    with pytest.raises(ValueError, match="LOG_LEVEL 'LOUD' is not a logging level"):
        logging_config(level="LOUD")
