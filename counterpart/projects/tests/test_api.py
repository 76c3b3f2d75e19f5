"""Projects through the API: a stage move with what the stage needs, dated, by the token's
user; the rules of follow-ups and funds answered under the field they concern."""

import datetime

import pytest

from counterpart.core.choices import Channel
from counterpart.core.models import ChangeRecord
from counterpart.core.tests.api_fixtures import token_client
from counterpart.organizations.models import Contact, Organization
from counterpart.projects.models import Project, StageChange
from counterpart.projects.services import create_with_history

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    client, user = token_client()
    client.user = user
    return client


@pytest.fixture
def lead(regions):
    project = Project(code="T-0001", name_zh="测试项目", destination_region=regions["harbin"])
    return create_with_history(project, [("lead", datetime.date(2023, 1, 10))])


def move(api, project, **data):
    return api.post(f"/api/projects/projects/{project.pk}/move/", data, format="json")


def test_a_move_forward_gives_what_the_stage_needs(api, lead, investor):
    response = move(
        api,
        lead,
        stage="signed",
        date="2023-04-22",
        note="签约",
        values={"investors": [investor.pk], "contract_value": "50000000"},
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["from_stage"], body["to_stage"], body["date"]) == ("lead", "signed", "2023-04-22")
    assert body["user"] == api.user.pk and body["note"] == "签约"
    lead.refresh_from_db()
    assert (lead.stage, lead.signed_date) == ("signed", datetime.date(2023, 4, 22))
    assert list(lead.investors.all()) == [investor]
    records = ChangeRecord.objects.filter(request_id=ChangeRecord.objects.latest("id").request_id)
    assert {(r.channel, r.user_id) for r in records} == {(Channel.API, api.user.pk)}
    assert {r.content_type.model for r in records} == {"project", "stagechange"}


def test_a_move_without_what_the_stage_needs_names_each_field(api, lead):
    response = move(api, lead, stage="signed", date="2023-04-22")
    assert response.status_code == 400
    assert set(response.json()) == {"investors", "contract_value"}
    lead.refresh_from_db()
    assert lead.stage == "lead" and not StageChange.objects.filter(to_stage="signed").exists()


@pytest.mark.parametrize(
    ("data", "fields"),
    [
        ({"stage": "orbit", "date": "2023-04-22"}, {"stage"}),
        ({"stage": "negotiating", "date": "2999-01-01"}, {"date"}),
        ({"stage": "negotiating", "date": "2023-04-22", "values": {"code": "a b"}}, {"values"}),
        ({"stage": "negotiating", "date": "2023-04-22", "values": {"display": "x"}}, {"values"}),
        ({"stage": "lead", "date": "2023-04-22"}, {"stage"}),
    ],
)
def test_a_move_is_validated(api, lead, data, fields):
    response = move(api, lead, **data)
    assert response.status_code == 400
    assert set(response.json()) == fields


def test_a_move_dated_before_the_last_is_refused(api, lead):
    assert move(api, lead, stage="negotiating", date="2023-05-01").status_code == 200
    response = move(api, lead, stage="lead", date="2023-04-01", note="更正")
    assert response.status_code == 400 and list(response.json()) == ["date"]


def test_a_follow_up_names_a_person_of_its_organisation(api, lead, investor):
    other = Organization.objects.create(kind="enterprise", name_zh="另一家公司")
    person = Contact.objects.create(organization=other, name="王五")
    payload = {
        "organization": investor.pk,
        "contact": person.pk,
        "date": "2023-04-01",
        "kind": "visit",
        "summary": "拜访",
        "next_action_due": "2023-03-01",
    }
    response = api.post("/api/projects/follow-ups/", payload, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"contact", "next_action", "next_action_due"}


def test_funds_list_is_filtered_by_the_source_tree(api, lead, regions):
    for region, month in ((regions["shenzhen"], "2023-03-01"), (regions["hlj"], "2023-04-01")):
        payload = {
            "project": lead.pk,
            "month": month,
            "amount": "100.00",
            "source_region": region.pk,
        }
        assert api.post("/api/projects/funds/", payload, format="json").status_code == 201
    rows = api.get("/api/projects/funds/", {"source_region": "440000"}).json()["results"]
    assert [r["source_region_display"] for r in rows] == ["深圳市"]
    rows = api.get("/api/projects/funds/", {"month_after": "2023-04"}).json()["results"]
    assert [r["month"] for r in rows] == ["2023-04-01"]
