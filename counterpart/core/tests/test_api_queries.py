"""Every API list costs the same number of queries whatever the number of rows it returns
(related names are selected or prefetched, never fetched row by row)."""

import pytest
import yaml
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from counterpart.events.models import Event
from counterpart.geo.models import Agreement
from counterpart.indicators.models import Indicator
from counterpart.press.models import Proposal, SourceDocument

from .api_fixtures import token_client

SCHEMA_FILE = settings.PROJECT_DIR / "docs" / "api" / "openapi.yaml"


def list_paths() -> list[str]:
    paths = yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))["paths"]
    return sorted(
        path
        for path, operations in paths.items()
        if "{" not in path and "get" in operations and "results" in str(operations["get"])
    )


@pytest.fixture
def admin_api(sample_data, db):
    more_rows()
    client, _user = token_client("api-admin", is_staff=True)
    return client


def more_rows() -> None:
    """A second row of the kinds the sample ledger has one of, or none."""
    agreement = Agreement.objects.select_related("pairing").first()
    Agreement.objects.create(
        pairing=agreement.pairing, title_zh="补充协议", signed_date=agreement.signed_date
    )
    Indicator.objects.create(code="tourist-arrivals", name_zh="游客人数", unit="persons")
    document = SourceDocument.objects.exclude(text="").first()
    if document is None:  # without ../shared/seeds the sample's documents have no text
        document = SourceDocument.objects.first()
        document.text = "哈尔滨市与深圳市对口合作招商推介会在深圳举行，现场签约项目12个。"
        document.save()
    for start in (0, 5):
        Proposal.objects.create(
            document=document,
            kind="event",
            quoted_span=document.text[start : start + 5],
            span_start=start,
            span_end=start + 5,
            name="活动",
            event=Event.objects.first(),
        )


def test_lists_are_found():
    assert "/api/projects/projects/" in list_paths() and len(list_paths()) >= 25


@pytest.mark.parametrize("path", list_paths())
def test_a_list_costs_the_same_with_one_row_or_fifty(admin_api, path):
    admin_api.get(path, {"limit": 1})  # warm the per-process caches (content types …)
    counts = []
    for limit in (1, 50):
        with CaptureQueriesContext(connection) as queries:
            response = admin_api.get(path, {"limit": limit})
        assert response.status_code == 200
        counts.append((len(queries), len(response.json()["results"])))
    (few, one_row), (many, rows) = counts
    assert rows > 1, f"{path}: the sample ledger has too few rows to compare"
    assert few == many, f"{path}: {few} queries for {one_row} row(s), {many} for {rows}"
