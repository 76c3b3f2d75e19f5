"""Every list and detail page costs a constant number of SQL queries, on the sample data.

Lists: a page of 5 rows costs what a page of 100 costs (and stays under a budget); so does an
export of 3 rows and of all of them. Details: an object with many related rows costs what one
with few costs, give or take the panels that are not shown when empty.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from counterpart.events.models import Event
from counterpart.geo.models import Pairing, Region, Zone
from counterpart.organizations.models import Contact, Organization
from counterpart.projects.models import FollowUp, FundsInPlace, Project, TaskForce

pytestmark = pytest.mark.usefixtures("sample_data", "db")

LIST_BUDGET = 16
DETAIL_BUDGET = 40

LISTS = [
    "geo:region_list",
    "geo:zone_list",
    "geo:pairing_list",
    "organizations:organization_list",
    "organizations:contact_list",
    "projects:taskforce_list",
    "events:event_list",
    "projects:project_list",
    "projects:followup_list",
    "projects:fundsinplace_list",
]


def queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("name", LISTS)
def test_a_list_page_costs_the_same_for_5_or_100_rows(admin_client, name):
    url = reverse(name)
    few, many = queries(admin_client, url, {"per_page": 25}), None
    admin_client.get(url)  # warm the content-type cache
    few = queries(admin_client, url, {"per_page": 25, "page": 1})
    many = queries(admin_client, url, {"per_page": 100})
    assert few == many
    assert many <= LIST_BUDGET


def test_the_project_list_is_large_enough_to_prove_it(admin_client):
    assert Project.objects.count() > 300
    response = admin_client.get(reverse("projects:project_list"), {"per_page": 100})
    assert len(response.context["table"].page.object_list) == 100


@pytest.mark.parametrize("name", LISTS)
def test_an_export_costs_the_same_for_few_or_all_rows(admin_client, name):
    url = reverse(name)
    first = list(admin_client.get(url).context["table"].data)[:3]
    ids = ",".join(str(row.pk) for row in first)  # sequences differ between databases
    model_rows = queries(admin_client, url, {"export": "xlsx"})
    filtered = queries(admin_client, url, {"export": "xlsx", "id": ids})
    assert model_rows == filtered


@pytest.mark.parametrize("name", LISTS)
def test_a_searched_and_filtered_list_stays_in_budget(admin_client, name):
    assert queries(admin_client, reverse(name), {"q": "哈尔滨 市", "is_sample": "true"}) <= (
        LIST_BUDGET
    )


def busiest_and_quietest(model, related: str):
    """The object with the most related rows and one with the fewest, but at least one (so
    that the same panels are drawn on both pages)."""
    from django.db.models import Count

    ranked = model.objects.annotate(n=Count(related)).filter(n__gte=1).order_by("-n", "pk")
    return ranked.first(), ranked.last()


DETAILS = [
    (Project, "follow_ups", "projects:project"),
    (Organization, "investments", "organizations:organization"),
    (Event, "participations", "events:event"),
    (TaskForce, "projects", "projects:taskforce"),
    (Region, "projects_received", "geo:region"),
    (Pairing, "events", "geo:pairing"),
    (Zone, "projects", "geo:zone"),
    (Contact, "pk", "organizations:contact"),
    (FollowUp, "pk", "projects:followup"),
    (FundsInPlace, "pk", "projects:fundsinplace"),
]


@pytest.mark.parametrize(("model", "related", "name"), DETAILS, ids=lambda v: str(v))
def test_a_detail_page_costs_the_same_for_many_or_few_related_rows(
    admin_client, model, related, name
):
    busiest, quietest = busiest_and_quietest(model, related)
    assert busiest.n > quietest.n or related == "pk"
    admin_client.get(reverse(name, kwargs={"pk": quietest.pk}))
    many = queries(admin_client, reverse(name, kwargs={"pk": busiest.pk}))
    few = queries(admin_client, reverse(name, kwargs={"pk": quietest.pk}))
    assert many <= DETAIL_BUDGET and few <= DETAIL_BUDGET
    assert abs(many - few) <= 3, (many, few)


def test_an_event_page_costs_the_same_for_3_or_189_signed_projects(admin_client):
    conference = Event.objects.get(code="HLJ-GD-2023-CONF")
    ceremony = Event.objects.create(
        code="TEST-CEREMONY",
        kind=conference.kind,
        title_zh="测试签约仪式",
        start_date=conference.start_date,
        region=conference.region,
    )
    moved = list(conference.signed_projects.order_by("pk").values_list("pk", flat=True)[:3])
    Project.objects.filter(pk__in=moved).update(signed_event=ceremony)
    admin_client.get(reverse("events:event", kwargs={"pk": ceremony.pk}))
    few = queries(admin_client, reverse("events:event", kwargs={"pk": ceremony.pk}))
    many = queries(admin_client, reverse("events:event", kwargs={"pk": conference.pk}))
    assert conference.signed_projects.count() == 189
    assert many <= DETAIL_BUDGET
    assert abs(many - few) <= 3, (many, few)


def test_the_conference_page_shows_the_published_totals(admin_client):
    event = Event.objects.get(code="HLJ-GD-2023-CONF")
    html = admin_client.get(reverse("events:event", kwargs={"pk": event.pk})).content.decode()
    assert "签约项目192个，签约额982.38亿元。" in html
    assert "现场签约项目中工业项目32个，签约额292.93亿元。" in html


def test_the_conference_page_in_english(admin_client, admin_user):
    admin_user.language = "en"
    admin_user.save(update_fields=["language"])
    event = Event.objects.get(code="HLJ-GD-2023-CONF")
    html = admin_client.get(reverse("events:event", kwargs={"pk": event.pk})).content.decode()
    assert "192 projects signed, contract value 98.238 billion yuan." in html
    admin_user.language = ""
    admin_user.save(update_fields=["language"])
