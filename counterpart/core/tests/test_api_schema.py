"""The committed OpenAPI schema (docs/api/openapi.yaml) is the one the code generates, and it
is generated without a warning."""

import pytest
from django.conf import settings
from django.core.management import call_command

SCHEMA_FILE = settings.PROJECT_DIR / "docs" / "api" / "openapi.yaml"


def test_the_committed_schema_is_current(tmp_path):
    generated = tmp_path / "openapi.yaml"
    # --fail-on-warn: a view drf-spectacular cannot describe is an error, not a guess.
    call_command(
        "spectacular", "--lang", "en", "--validate", "--fail-on-warn", "--file", str(generated)
    )
    if generated.read_text(encoding="utf-8") != SCHEMA_FILE.read_text(encoding="utf-8"):
        pytest.fail(
            f"{SCHEMA_FILE.relative_to(settings.PROJECT_DIR)} is out of date: the API changed. "
            "Run `make schema` and commit the result."
        )
