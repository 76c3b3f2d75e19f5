"""Events through the API: the model's rules answered under their field, participations."""

import pytest

from counterpart.core.tests.api_fixtures import token_client
from counterpart.events.models import Event
from counterpart.organizations.models import Contact, Organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    client, _user = token_client()
    return client


@pytest.fixture
def event(regions):
    return Event.objects.create(
        code="HLJ-GD-2023-CONF",
        kind="conference",
        title_zh="开放交流大会",
        start_date="2023-04-22",
        end_date="2023-04-23",
        region=regions["harbin"],
    )


def test_an_event_cannot_end_before_it_starts_nor_leave_its_parent(api, event, regions):
    payload = {
        "code": "SUB-1",
        "kind": "signing",
        "title_zh": "签约仪式",
        "start_date": "2023-04-25",
        "end_date": "2023-04-24",
        "region": regions["harbin"].pk,
        "parent": event.pk,
    }
    response = api.post("/api/events/events/", payload, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"end_date", "start_date"}


def test_a_participant_person_belongs_to_the_organisation(api, event, investor):
    other = Organization.objects.create(kind="enterprise", name_zh="另一家公司")
    person = Contact.objects.create(organization=other, name="王五")
    payload = {"event": event.pk, "organization": investor.pk, "role": "signatory"}
    response = api.post(
        "/api/events/participations/", {**payload, "contact": person.pk}, format="json"
    )
    assert response.status_code == 400 and list(response.json()) == ["contact"]
    response = api.post("/api/events/participations/", payload, format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["event_display"], body["organization_display"]) == (
        "开放交流大会",
        "测试投资有限公司",
    )
    rows = api.get("/api/events/events/", {"participant_id": investor.pk}).json()["results"]
    assert [row["code"] for row in rows] == ["HLJ-GD-2023-CONF"]
    rows = api.get("/api/events/participations/", {"event": "HLJ-GD-2023-CONF"}).json()
    assert rows["count"] == 1
