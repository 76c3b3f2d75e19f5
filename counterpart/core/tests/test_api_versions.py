"""No lost updates through the API: an update that says which version it read is refused with
409 when someone else saved first, and says who changed what; the row keeps the other's save."""

import pytest

from counterpart.organizations.models import Organization, OrganizationKind

from .api_fixtures import token_client

pytestmark = pytest.mark.django_db

ORGANIZATIONS = "/api/organizations/organizations/"


@pytest.fixture
def organization(regions):
    return Organization.objects.create(kind=OrganizationKind.ENTERPRISE, name_zh="版本测试公司")


def url(organization) -> str:
    return f"{ORGANIZATIONS}{organization.pk}/"


def test_every_object_shows_its_version(organization):
    api, _user = token_client()
    assert api.get(url(organization)).json()["version"] == organization.version == 1


def test_an_update_of_the_version_read_succeeds_and_raises_it(organization):
    api, _user = token_client()
    response = api.patch(url(organization), {"name_en": "Version Ltd", "version": 1}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["version"] == 2
    organization.refresh_from_db()
    assert (organization.name_en, organization.version) == ("Version Ltd", 2)


def test_an_update_of_an_older_version_is_a_conflict_that_says_who_changed_what(organization):
    first, first_user = token_client("first-editor")
    second, _second_user = token_client("second-editor")
    read = second.get(url(organization)).json()["version"]
    saved = first.patch(url(organization), {"name_en": "First's name", "version": read})
    assert saved.status_code == 200

    response = second.patch(
        url(organization), {"name_en": "Second's name", "version": read}, format="json"
    )

    assert response.status_code == 409
    body = response.json()
    assert body["version"] == read + 1 and body["deleted"] is False
    [change] = body["changes"]
    assert change["user"] == first_user.username and change["channel"] == "api"
    assert change["fields"]["name_en"] == {"before": "", "after": "First's name"}
    organization.refresh_from_db()
    assert (organization.name_en, organization.version) == ("First's name", read + 1)
    # Read again, saved on top of the version now stored: accepted.
    again = second.patch(url(organization), {"name_en": "Second's name", "version": read + 1})
    assert again.status_code == 200 and again.json()["version"] == read + 2


def test_a_put_is_checked_too(organization):
    api, _user = token_client()
    organization.name_en = "Changed meanwhile"
    organization.save()
    payload = {**api.get(url(organization)).json(), "name_en": "Overwritten?", "version": 1}
    payload = {k: v for k, v in payload.items() if not k.endswith("display") and v is not None}
    response = api.put(url(organization), payload, format="json")
    assert response.status_code == 409
    organization.refresh_from_db()
    assert organization.name_en == "Changed meanwhile"


@pytest.mark.parametrize("version", [0, -1, "two"])
def test_a_version_that_is_not_a_positive_integer_is_an_error_naming_it(organization, version):
    api, _user = token_client()
    response = api.patch(url(organization), {"name_en": "x", "version": version}, format="json")
    assert response.status_code == 400
    assert "version" in response.json()


def test_an_update_without_a_version_is_not_checked(organization):
    api, _user = token_client()
    organization.name_en = "Changed meanwhile"
    organization.save()
    response = api.patch(url(organization), {"name_en": "Unchecked"}, format="json")
    assert response.status_code == 200 and response.json()["version"] == 3
