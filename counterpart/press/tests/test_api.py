"""Press through the API: articles and proposals read only; figures corrected, confirmed or
rejected by the token's user (never created: they come from an article)."""

import pytest

from counterpart.core.choices import Channel
from counterpart.core.models import ChangeRecord
from counterpart.core.tests.api_fixtures import token_client
from counterpart.press.models import FigureStatus

from .test_views import article, figure, proposal

pytestmark = pytest.mark.django_db
FIGURES = "/api/press/figures/"


@pytest.fixture
def api():
    client, user = token_client()
    client.user = user
    return client


@pytest.fixture
def proposed():
    return figure(article(), "签约项目56个", "56")


def test_a_figure_is_corrected_then_confirmed_by_the_tokens_user(api, proposed):
    url = f"{FIGURES}{proposed.pk}/"
    response = api.patch(url, {"value": "57", "quoted_span": "改写"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["value"] == "57.0000"
    assert response.json()["quoted_span"] == "签约项目56个"  # the quote stays as read
    response = api.post(f"{url}confirm/")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["reviewed_by"]) == (FigureStatus.CONFIRMED, api.user.pk)
    records = ChangeRecord.objects.for_object(proposed).exclude(action="create")
    assert {(r.channel, r.user_id) for r in records} == {(Channel.API, api.user.pk)}
    assert records.count() == 2


def test_a_figure_is_rejected(api, proposed):
    assert api.post(f"{FIGURES}{proposed.pk}/reject/").json()["status"] == FigureStatus.REJECTED


def test_a_figures_rules_are_the_models(api, proposed):
    response = api.patch(
        f"{FIGURES}{proposed.pk}/",
        {"period_start": "2023-05-01", "period_end": "2023-04-01"},
        format="json",
    )
    assert response.status_code == 400 and list(response.json()) == ["period_end"]


def test_figures_are_not_created_and_articles_not_written(api, proposed):
    assert api.post(FIGURES, {"metric": "other"}, format="json").status_code == 405
    document = proposed.document
    assert api.patch(f"/api/press/documents/{document.pk}/", {"title": "x"}).status_code == 405
    assert api.get(f"/api/press/documents/{document.pk}/").json()["text"] == document.text


def test_proposals_are_listed_by_document(api, proposed):
    proposal(proposed.document, "4月22日")
    rows = api.get("/api/press/proposals/", {"document": "test-article"}).json()["results"]
    assert [row["quoted_span"] for row in rows] == ["4月22日"]
