"""`counterpart serve`: gunicorn with production settings, after `migrate` and `collectstatic`,
answers the probes, serves pages with their hashed, compressed static files (WhiteNoise) and
writes JSON lines to standard output."""

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings

from counterpart.ops.management.commands.serve import CONFIG, gunicorn_argv

HOST = "counterpart.example.gov.cn"


def test_serve_refuses_development_settings():
    with (
        override_settings(DEBUG=True),
        pytest.raises(CommandError, match="production settings only"),
    ):
        call_command("serve")


def test_serve_runs_gunicorn_with_the_configuration_and_the_options_given():
    argv = gunicorn_argv(["--workers", "3"])
    assert argv[1:] == ["-m", "gunicorn", "--config", CONFIG, "--workers", "3"]
    assert CONFIG == "python:counterpart.ops.gunicorn_conf"


def test_the_gunicorn_configuration_reads_the_environment(monkeypatch):
    import importlib

    from counterpart.ops import gunicorn_conf

    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "45")
    monkeypatch.setenv("PORT", "9000")
    monkeypatch.delenv("BIND", raising=False)
    config = importlib.reload(gunicorn_conf)
    assert (config.workers, config.timeout, config.bind) == (3, 45, "0.0.0.0:9000")
    assert config.wsgi_app == "counterpart.wsgi:application"
    assert config.logconfig_dict["handlers"]["stdout"]["stream"] == "ext://sys.stdout"
    monkeypatch.setenv("WEB_CONCURRENCY", "many")
    with pytest.raises(SystemExit, match="WEB_CONCURRENCY must be a whole number of at least 1"):
        importlib.reload(gunicorn_conf)
    monkeypatch.delenv("WEB_CONCURRENCY")
    importlib.reload(gunicorn_conf)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port: int, path: str, **headers: str) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def test_gunicorn_serves_probes_pages_and_static_files_and_logs_json(tmp_path):
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL",)}
    environment.update(
        DJANGO_SETTINGS_MODULE="counterpart.settings.production",
        SECRET_KEY="k3y-for-the-serve-test-only-" + "Zq8#vLw2$Rt5!mN9@xC4^bH7&" * 2,
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        CACHE_DIR=str(tmp_path / "cache"),
        SECURE_PROXY_SSL_HEADER_NAME="HTTP_X_FORWARDED_PROTO",
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
    )

    def manage(*args: str) -> None:
        result = subprocess.run(
            [sys.executable, "-m", "django", *args],
            env=environment,
            cwd=settings.PROJECT_DIR,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr

    manage("migrate", "-v0")
    manage("collectstatic", "--no-input", "-v0")
    log = tmp_path / "stdout.log"
    with log.open("w") as stdout:
        server = subprocess.Popen(
            [sys.executable, "-m", "django", "serve"],
            env=environment,
            cwd=settings.PROJECT_DIR,
            stdout=stdout,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _headers, body = get(port, "/health/", Host="10.0.0.5")
                break
            except OSError:
                assert server.poll() is None, log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.3)
        assert (status, json.loads(body)) == (200, {"status": "ok"})
        status, _headers, body = get(port, "/ready/", Host="10.0.0.5")
        assert status == 200 and json.loads(body)["status"] == "ok"

        proxied = {"Host": HOST, "X-Forwarded-Proto": "https"}
        status, headers, body = get(port, "/login/", **proxied)
        assert status == 200, body[:500]
        assert "script-src 'self'" in headers["content-security-policy"]
        page = body.decode()
        stylesheet = re.search(
            r'href="(/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css)"', page
        )
        assert stylesheet, "the page links the hashed name of the stylesheet"
        status, static, body = get(
            port, stylesheet.group(1), **proxied, **{"Accept-Encoding": "gzip"}
        )
        assert status == 200 and static["content-encoding"] == "gzip"
        assert "immutable" in static["cache-control"]
        # Every file the page links (vendored and the apps' own), and the fonts a stylesheet
        # links in turn under their hashed names.
        linked = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)
        assert any("/web/app." in url for url in linked) and len(linked) >= 8
        for url in linked:
            assert get(port, url, **proxied)[0] == 200, url
        fonts_css = next(url for url in linked if "noto-sans-sc" in url)
        css = get(port, fonts_css, **proxied)[2].decode()
        font = re.search(r"url\(['\"]?([^'\")]+\.[0-9a-f]{12}\.woff2)", css)
        assert font, css[:300]
        font_url = fonts_css.rsplit("/", 1)[0] + "/" + font.group(1)
        assert get(port, font_url, **proxied)[0] == 200, font_url
        request_id = headers["x-request-id"]
    finally:
        server.terminate()
        server.wait(timeout=30)

    lines = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    assert any(
        line["logger"] == "gunicorn.error" and "Booting worker" in line["message"] for line in lines
    )
    (login,) = [line for line in lines if line.get("request_id") == request_id]
    assert login["logger"] == "counterpart.request"
    assert (login["method"], login["path"], login["status"]) == ("GET", "/login/", 200)
    assert login["duration_ms"] > 0
