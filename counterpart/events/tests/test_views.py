"""Event pages: sub-events, participants by role, signed projects, reported figures."""

import datetime

import pytest
from django.urls import reverse

from counterpart.core.tests.admin_fixtures import one_of_everything
from counterpart.events.models import Event, EventKind, Participation

LIST = reverse("events:event_list")


@pytest.fixture
def rows(admin_user):
    rows = one_of_everything(admin_user)
    conference = rows["event"]
    ceremony = Event.objects.create(
        code="HLJ-GD-2023-SIGNING",
        kind=EventKind.SIGNING,
        title_zh="项目签约仪式",
        title_en="Signing ceremony",
        start_date=datetime.date(2023, 6, 15),
        region=rows["harbin"],
        parent=conference,
    )
    return {**rows, "ceremony": ceremony}


def codes(response) -> list[str]:
    return sorted(e.code for e in response.context["table"].data)


@pytest.mark.django_db
def test_the_list_shows_what_was_signed_at_each_event(admin_client, rows):
    events = {e.code: e for e in admin_client.get(LIST).context["table"].data}
    conference = events["HLJ-GD-2023-CONF"]
    assert (conference.signed_count, conference.signed_value) == (1, 1000000000)
    assert events["HLJ-GD-2023-SIGNING"].signed_count == 0
    assert "10亿元" in admin_client.get(LIST).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "签约仪式"}, ["HLJ-GD-2023-SIGNING"]),
        ({"q": "ceremony"}, ["HLJ-GD-2023-SIGNING"]),
        ({"q": "比亚迪"}, ["HLJ-GD-2023-CONF"]),  # a participant's alias
        ({"kind": "signing"}, ["HLJ-GD-2023-SIGNING"]),
        ({"parent": "HLJ-GD-2023-CONF"}, ["HLJ-GD-2023-SIGNING"]),
        ({"top_level": "true"}, ["HLJ-GD-2023-CONF"]),
        ({"pairing": "HRB-SZ"}, ["HLJ-GD-2023-CONF"]),
        ({"region": "230000"}, ["HLJ-GD-2023-CONF", "HLJ-GD-2023-SIGNING"]),
        ({"start_after": "2023-06-16"}, []),
        ({"role": "signatory"}, ["HLJ-GD-2023-CONF"]),
    ],
)
def test_filters_and_search(admin_client, rows, params, expected):
    assert codes(admin_client.get(LIST, params)) == expected


@pytest.mark.django_db
def test_the_detail_page(admin_client, rows):
    event = rows["event"]
    response = admin_client.get(reverse("events:event", kwargs={"pk": event.pk}))
    html = response.content.decode()
    assert response.context["summary"]["total"].count == 0  # the value is not confirmed
    roles = response.context["participants_by_role"]
    assert [(role, [p.organization.name_zh for p in items]) for role, items in roles] == [
        ("签约方", ["比亚迪股份有限公司"])
    ]
    assert "项目签约仪式" in html  # the sub-event
    assert "新能源汽车项目" in html  # the signed project
    assert "签约项目192个" in html  # the reported figure's quoted words
    assert "对口合作协议" in html  # the agreement signed there


@pytest.mark.django_db
def test_participants_are_edited_with_the_event(admin_client, rows):
    event = rows["ceremony"]
    url = reverse("events:event_edit", kwargs={"pk": event.pk})
    data = {
        "code": event.code,
        "kind": event.kind,
        "title_zh": event.title_zh,
        "start_date": "2023-06-15",
        "date_precision": "day",
        "region": event.region_id,
        "parent": event.parent_id,
        "participations-TOTAL_FORMS": "1",
        "participations-INITIAL_FORMS": "0",
        "participations-0-organization": rows["org"].pk,
        "participations-0-role": "host",
        "_version": event.version,
    }
    assert admin_client.post(url, data).status_code == 302
    assert Participation.objects.filter(event=event, role="host").count() == 1


@pytest.mark.django_db
def test_a_sub_event_outside_its_parents_dates_is_refused_beside_the_date(admin_client, rows):
    event = rows["ceremony"]
    url = reverse("events:event_edit", kwargs={"pk": event.pk})
    data = {
        "code": event.code,
        "kind": event.kind,
        "title_zh": event.title_zh,
        "start_date": "2023-07-15",
        "date_precision": "day",
        "region": event.region_id,
        "parent": event.parent_id,
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
    }
    response = admin_client.post(url, data)
    assert "start_date" in response.context["form"].errors


@pytest.mark.django_db
def test_an_event_with_sub_events_is_protected(admin_client, rows):
    event = rows["event"]
    url = reverse("events:event_delete", kwargs={"pk": event.pk})
    protected = admin_client.get(url).context["summary"]["protected"]
    assert {g["meta"].model_name for g in protected} >= {"event", "project"}
    assert admin_client.post(url).status_code == 409
    assert Event.objects.filter(pk=event.pk).exists()
