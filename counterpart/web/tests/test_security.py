"""Production hardening: a Content Security Policy without inline script, no inline script or
handler in any template, `check --deploy` clean with production settings, settings that refuse to
start without their secrets, and login throttling."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from counterpart.users.models import User

INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>"
)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE)
HTMX_EVAL = re.compile(r"\bhx-on[:-]|hx-vals=\"js:|hx-vars=", re.IGNORECASE)


def templates() -> list:
    roots = [settings.BASE_DIR / "templates", *settings.BASE_DIR.glob("*/templates")]
    return sorted(path for root in roots for path in root.rglob("*.html"))


def test_no_template_holds_inline_script_or_handlers():
    """The policy forbids them: each would be blocked in the browser (the PDF brief's own
    template, rendered by WeasyPrint and never served as a page, has only a <style>)."""
    offenders = []
    for path in templates():
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, INLINE_HANDLER, HTMX_EVAL):
            offenders += [f"{path.name}: {m.group(0)}" for m in pattern.finditer(text)]
    assert not offenders


@pytest.mark.django_db
def test_pages_carry_the_content_security_policy(client):
    response = client.get(reverse("login"))
    policy = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS")}
    environment.update(DJANGO_SETTINGS_MODULE="counterpart.settings.production", **env)
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        env=environment,
        cwd=settings.PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION_ENV = {
    "SECRET_KEY": "k3y-for-the-deploy-check-only-" + "Zq8#vLw2$Rt5!mN9@xC4^bH7&" * 2,
    "ALLOWED_HOSTS": "counterpart.example.gov.cn",
    "DATABASE_URL": "sqlite:///:memory:",
}


def test_check_deploy_with_production_settings_prints_no_warning():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_settings_refuse_to_start_without_their_environment(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    if missing == "DATABASE_URL":
        env["DATABASE_URL"] = ""
    result = _manage("check", **env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True)
def test_five_failed_logins_lock_that_user_name_from_that_address(client):
    User.objects.create_user("officer", password="the-right-password-2023")
    login = reverse("login")
    failed = [
        client.post(login, {"username": "officer", "password": "wrong"}).status_code
        for _ in range(5)
    ]
    assert failed == [200, 200, 200, 200, 429]  # the form again, then the lock
    locked = client.post(login, {"username": "officer", "password": "the-right-password-2023"})
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.content.decode()  # Too many failed logins
    assert "_auth_user_id" not in client.session
    # Another address is not locked out.
    other = client.post(
        login,
        {"username": "officer", "password": "the-right-password-2023"},
        REMOTE_ADDR="10.0.0.9",
    )
    assert other.status_code == 302
