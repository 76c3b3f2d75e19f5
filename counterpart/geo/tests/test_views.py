"""Region, zone and pairing pages."""

import pytest
from django.urls import reverse

from counterpart.core.tests.admin_fixtures import one_of_everything
from counterpart.geo.models import Region


@pytest.fixture
def rows(admin_user):
    return one_of_everything(admin_user)


def data(response) -> list:
    return list(response.context["table"].data)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "哈尔滨"}, ["230100"]),
        ({"q": "harbin"}, ["230100"]),
        ({"q": "2301"}, ["230100"]),
        ({"level": "province"}, ["230000", "440000"]),
        ({"parent": "230000"}, ["230100"]),
        ({"province": "440000"}, ["440000", "440300"]),
    ],
)
def test_region_search_and_filters(admin_client, rows, params, expected):
    response = admin_client.get(reverse("geo:region_list"), params)
    assert [r.code for r in data(response)] == expected


@pytest.mark.django_db
def test_the_region_page_lists_what_is_there(admin_client, rows):
    harbin = rows["harbin"]
    html = admin_client.get(reverse("geo:region", kwargs={"pk": harbin.pk})).content.decode()
    assert "深哈产业园" in html  # a zone
    assert "新能源汽车项目" in html  # a project located there
    assert "哈尔滨专班" in html  # the task force covering it
    assert f"?destination_region_id={harbin.pk}" in html


@pytest.mark.django_db
def test_a_region_in_use_cannot_be_deleted(admin_client, rows):
    hlj = rows["hlj"]
    response = admin_client.post(reverse("geo:region_delete", kwargs={"pk": hlj.pk}))
    assert response.status_code == 409
    assert Region.objects.filter(pk=hlj.pk).exists()


@pytest.mark.django_db
def test_pairings_by_region_and_with_their_counts(admin_client, rows):
    url = reverse("geo:pairing_list")
    [pairing] = data(admin_client.get(url, {"home_region": "230000"}))
    assert (pairing.agreement_count, pairing.event_count) == (1, 1)
    assert data(admin_client.get(url, {"partner_region": "230000"})) == []
    assert len(data(admin_client.get(url, {"q": "深圳"}))) == 1
    html = admin_client.get(reverse("geo:pairing", kwargs={"pk": pairing.pk})).content.decode()
    assert "哈尔滨市—深圳市" in html and "对口合作协议" in html


@pytest.mark.django_db
def test_zone_list_and_page(admin_client, rows):
    [zone] = data(admin_client.get(reverse("geo:zone_list"), {"region": "230000"}))
    assert zone.project_count == 1
    html = admin_client.get(reverse("geo:zone", kwargs={"pk": zone.pk})).content.decode()
    assert "新能源汽车项目" in html


@pytest.mark.django_db
def test_a_pairing_of_two_levels_is_refused(admin_client, rows):
    response = admin_client.post(
        reverse("geo:pairing_add"),
        {
            "code": "HLJ-SZ",
            "home_region": rows["hlj"].pk,
            "partner_region": rows["shenzhen"].pk,
            "since_year": "2017",
            "agreements-TOTAL_FORMS": "0",
            "agreements-INITIAL_FORMS": "0",
        },
    )
    assert "partner_region" in response.context["form"].errors
