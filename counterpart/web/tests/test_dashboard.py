"""The dashboard shows the ledger's figures for the chosen period and links them to their rows."""

import datetime
import json
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from counterpart.core import formatting
from counterpart.projects.filtersets import ProjectFilterSet
from counterpart.projects.models import Project
from counterpart.reports.dashboard import dashboard

pytestmark = pytest.mark.usefixtures("sample_data", "db")


def charts(response) -> dict:
    html = response.content.decode()
    start = html.index('id="dashboard-data"')
    start = html.index(">", start) + 1
    return json.loads(html[start : html.index("</script>", start)])


def rows_behind(url: str):
    params = parse_qs(urlsplit(url).query)
    data = {key: values if len(values) > 1 or key == "stage" else values[0]
            for key, values in params.items()}  # fmt: skip
    return ProjectFilterSet(data, queryset=Project.objects.all()).qs


def test_april_2023_shows_the_conference(admin_client):
    response = admin_client.get(reverse("home"), {"start": "2023-04", "end": "2023-04"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "192个" in text and "982.38亿元" in text
    assert "292.93亿元" in text  # the latest event's on-site industrial projects


def test_in_english(admin_client):
    admin_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = admin_client.get(reverse("home"), {"start": "2023-04", "end": "2023-04"})
    text = response.content.decode()
    assert "98.238 billion yuan" in text and ">192<" in text


def test_every_chart_item_links_to_its_rows(admin_client):
    data = charts(admin_client.get(reverse("home"), {"start": "2023-04", "end": "2023-04"}))
    april = data["months"]["items"][0]
    assert april["text"] == "982.38亿元"
    assert rows_behind(april["url"]).count() == 192
    harbin = next(link for link in data["graph"]["links"] if link["source"] == "哈尔滨市")
    assert rows_behind(harbin["url"]).count() == int(harbin["text"].split("个")[0])
    reached = [item["value"] for item in data["funnel"]["items"]]
    assert reached == sorted(reached, reverse=True)  # a funnel narrows
    lead = data["funnel"]["items"][0]
    assert rows_behind(lead["url"]).count() >= lead["value"]  # today's stage, not April's


def test_a_period_that_ends_before_it_starts_is_refused_beside_the_field(admin_client):
    response = admin_client.get(reverse("home"), {"start": "2023-05", "end": "2023-04"})
    assert response.status_code == 400
    text = response.content.decode()
    assert 'aria-describedby="id_end-error"' in text and "is-invalid" in text


def test_the_dashboard_costs_the_same_for_a_month_or_a_year(
    admin_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(60):
        admin_client.get(reverse("home"), {"start": "2023-04", "end": "2023-04"})
    with django_assert_max_num_queries(60):
        admin_client.get(reverse("home"), {"start": "2023-01", "end": "2023-12"})


def funds_listed(client, url: str) -> Decimal:
    """The sum of the amounts of the funds list at ``url`` (every page)."""
    assert urlsplit(url).path == reverse("projects:fundsinplace_list")
    response = client.get(url)
    assert response.status_code == 200
    return sum((row.amount for row in response.context["table"].data), Decimal(0))


@pytest.mark.parametrize("pairing", ["", "PAIR-01"])
def test_each_capital_bar_and_the_funds_card_open_the_funds_behind_them(admin_client, pairing):
    query = {"start": "2023-01", "end": "2023-12", "pairing": pairing}
    response = admin_client.get(reverse("home"), query)
    bars = charts(response)["capital"]["items"]
    board = dashboard(datetime.date(2023, 1, 1), datetime.date(2023, 12, 31), "zh", pairing)
    assert len(bars) == len(board.capital_by_source) > 0
    for bar, point in zip(bars, board.capital_by_source, strict=True):
        total = funds_listed(admin_client, bar["url"])
        assert total == point.value and formatting.money(total, "zh") == bar["text"], bar
    card = next(c for c in response.context["cards"] if c["url"].startswith("/funds/"))
    assert funds_listed(admin_client, card["url"]) == board.headline("funds").value > 0
