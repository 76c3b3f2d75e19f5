"""The API's shared behaviour: authentication, the change log's actor and channel, errors as
JSON naming the field, pagination, the UI's filters, permissions through core.permissions,
masked personal fields, tokens and the documentation page."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from counterpart.core.choices import ChangeAction, Channel
from counterpart.core.models import ChangeRecord
from counterpart.core.permissions import Action
from counterpart.core.testing import run_command
from counterpart.geo.models import Region
from counterpart.organizations.models import Contact, Organization
from counterpart.projects.models import Project, StageChange
from counterpart.users.choices import Role

from .api_fixtures import token_client

pytestmark = pytest.mark.django_db

PROJECTS = "/api/projects/projects/"
REGIONS = "/api/geo/regions/"


@pytest.fixture
def api():
    client, user = token_client()
    client.user = user
    return client


def records_of(obj) -> list[ChangeRecord]:
    return list(ChangeRecord.objects.for_object(obj).order_by("id"))


# ---------------------------------------------------------------------------- authentication


def test_every_endpoint_needs_a_user(regions):
    anonymous = APIClient()
    for url in (REGIONS, PROJECTS, "/api/reports/pipeline/", "/api/token/"):
        response = anonymous.get(url)
        assert response.status_code == 401, url
        assert response["WWW-Authenticate"] == "Token"
        assert "detail" in response.json()
    assert anonymous.get("/api/schema/").status_code == 401
    assert anonymous.post(REGIONS, {"code": "230200"}, format="json").status_code == 401


def test_a_wrong_or_revoked_token_is_refused(regions, api):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-key")
    assert client.get(REGIONS).status_code == 401
    assert api.get(REGIONS).status_code == 200
    Token.objects.filter(user=api.user).delete()
    assert api.get(REGIONS).status_code == 401


def test_an_inactive_users_token_is_refused(regions, api):
    api.user.is_active = False
    api.user.save()
    assert api.get(REGIONS).status_code == 401


def test_the_browser_session_works_too(regions, django_user_model):
    user = django_user_model.objects.create_user("browser", password="x", language="en")
    client = APIClient()
    client.force_login(user)
    assert client.get(REGIONS).json()["count"] == 4


# ---------------------------------------------------------------------------- change log


def test_a_write_with_a_token_is_recorded_as_the_tokens_user_on_the_api_channel(regions, api):
    response = api.post(
        REGIONS,
        {
            "code": "230200",
            "name_zh": "齐齐哈尔市",
            "level": "prefecture",
            "parent": regions["hlj"].pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    region = Region.objects.get(code="230200")
    (created,) = records_of(region)
    assert (created.action, created.channel) == (ChangeAction.CREATE, Channel.API)
    assert (created.user, created.username) == (api.user, "api-user")

    response = api.patch(f"{REGIONS}{region.pk}/", {"name_en": "Qiqihar"}, format="json")
    assert response.status_code == 200
    assert api.delete(f"{REGIONS}{region.pk}/").status_code == 204
    created, updated, deleted = records_of(region)
    assert (updated.action, updated.changed_fields) == (ChangeAction.UPDATE, ["name_en"])
    assert deleted.action == ChangeAction.DELETE
    for record in (updated, deleted):
        assert (record.channel, record.user_id) == (Channel.API, api.user.pk)
    # Each request has its own request id.
    assert len({created.request_id, updated.request_id, deleted.request_id}) == 3


def test_a_session_write_is_recorded_on_the_api_channel(regions, django_user_model):
    user = django_user_model.objects.create_user(
        "browser", password="x", role=Role.DEPARTMENT_STAFF
    )
    client = APIClient(enforce_csrf_checks=False)
    client.force_login(user)
    response = client.patch(f"{REGIONS}{regions['harbin'].pk}/", {"name_en": "Harbin"})
    assert response.status_code == 200
    (record,) = [r for r in records_of(regions["harbin"]) if r.action == ChangeAction.UPDATE]
    assert (record.channel, record.user) == (Channel.API, user)


def test_a_project_and_its_investors_and_stage_move_are_all_recorded(regions, investor, api):
    payload = {
        "code": "T-0001",
        "name_zh": "测试项目",
        "stage": "signed",
        "investors": [investor.pk],
        "destination_region": regions["harbin"].pk,
        "contract_value": "100000000.00",
        "signed_date": "2023-04-22",
    }
    response = api.post(PROJECTS, payload, format="json")
    assert response.status_code == 201, response.json()
    project = Project.objects.get(code="T-0001")
    assert list(project.investors.all()) == [investor]
    records = records_of(project)
    assert [r.action for r in records] == [ChangeAction.CREATE, ChangeAction.UPDATE]
    assert records[1].changed_fields == ["investors"]
    move = StageChange.objects.get(project=project)
    assert (move.to_stage, move.user, move.date) == ("signed", api.user, datetime.date(2023, 4, 22))
    assert {r.channel for r in [*records, *records_of(move)]} == {Channel.API}
    assert {r.user_id for r in [*records, *records_of(move)]} == {api.user.pk}
    body = response.json()
    assert body["investors"] == [investor.pk]
    assert body["investors_display"] == ["测试投资有限公司"]
    assert body["destination_region_display"] == "哈尔滨市"
    assert body["display"] == "T-0001 测试项目"


def test_a_refused_write_leaves_no_record(regions, api):
    before = ChangeRecord.objects.count()
    response = api.post(REGIONS, {"code": "230200", "name_zh": "x", "level": "prefecture"})
    assert response.status_code == 400
    assert ChangeRecord.objects.count() == before


# ---------------------------------------------------------------------------- validation


def test_model_validation_errors_name_the_field(regions, investor, api):
    response = api.post(PROJECTS, {"code": "T-1", "name_zh": "x", "stage": "signed"})
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {"investors", "destination_region", "contract_value", "signed_date"}
    assert errors["investors"] == ["A project at stage “signed” needs “investors”."]


def test_field_errors_name_the_field(regions, api):
    response = api.post(
        REGIONS, {"code": "12", "name_zh": "x", "level": "planet", "parent": 999999}, format="json"
    )
    errors = response.json()
    assert response.status_code == 400
    assert set(errors) == {"code", "level", "parent"}
    assert "six digits" in errors["code"][0]


def test_unique_constraints_are_checked_by_the_model(regions, investor, api):
    payload = {
        "kind": "enterprise",
        "name_zh": investor.name_zh,
        "hq_region": regions["shenzhen"].pk,
    }
    response = api.post("/api/organizations/organizations/", payload, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["name_zh"]  # the constraint's first field
    # An organisation without a region is allowed: the model does not require one.
    payload.pop("hq_region")
    assert api.post("/api/organizations/organizations/", payload, format="json").status_code == 201


def test_values_tidied_by_the_model_are_saved_as_tidied(regions, investor, api):
    project = Project.objects.create(code="T-1", name_zh="x")
    response = api.post(
        "/api/projects/funds/",
        {
            "project": project.pk,
            "month": "2023-04-17",
            "amount": "5.00",
            "source_region": regions["shenzhen"].pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["month"] == "2023-04-01"


def test_a_credit_code_failing_its_check_needs_a_reason(regions, api):
    payload = {"kind": "enterprise", "name_zh": "甲公司", "credit_code": "91440300MA5DC4XX0A"}
    response = api.post("/api/organizations/organizations/", payload, format="json")
    assert response.status_code == 400 and "credit_code" in response.json()


def test_a_delete_that_would_orphan_rows_is_a_conflict(regions, api):
    response = api.delete(f"{REGIONS}{regions['hlj'].pk}/")
    assert response.status_code == 409
    assert "regions" in response.json()["detail"]
    assert Region.objects.filter(pk=regions["hlj"].pk).exists()


def test_unknown_addresses_and_rows_answer_in_json(regions, api):
    # Before the token is read (no view answers it): the interface's default language.
    assert api.get("/api/no/such/thing/").json() == {"detail": "该地址没有 API 接口。"}
    response = api.get(f"{REGIONS}999999/")
    assert response.status_code == 404 and "detail" in response.json()
    assert api.get(f"{REGIONS}abc/").status_code == 404


def test_errors_are_in_the_users_language(regions):
    client, _user = token_client("zh-user", language="zh-hans")
    response = client.post(REGIONS, {"code": "230200", "name_zh": "x", "level": "prefecture"})
    assert response.json() == {"parent": ["地级、县级行政区划须指定上级。"]}


# ---------------------------------------------------------------------------- lists


def test_lists_are_paginated_with_a_maximum(regions, api):
    page = api.get(REGIONS, {"limit": 2, "offset": 1}).json()
    assert page["count"] == 4 and len(page["results"]) == 2
    assert [r["code"] for r in page["results"]] == ["230100", "440000"]
    assert "offset=3" in page["next"] and "limit=2" in page["next"]
    assert api.get(REGIONS, {"limit": 10**6}).json()["count"] == 4  # cut to the maximum


def test_lists_use_the_web_lists_filtersets(regions, investor, api, signed_project_kwargs):
    project = Project(**signed_project_kwargs)
    project.pending_investors = [investor]
    project.save()
    project.investors.set([investor])
    Project.objects.create(code="T-0002", name_zh="另一个", destination_region=regions["shenzhen"])
    # A province matches the projects of its cities (the region tree), by id or by code.
    for params in ({"destination_region_id": regions["hlj"].pk}, {"destination_region": "230000"}):
        assert [p["code"] for p in api.get(PROJECTS, params).json()["results"]] == ["T-0001"]
    assert api.get(PROJECTS, {"q": "测试投资"}).json()["count"] == 1  # an investor's name
    assert api.get(PROJECTS, {"stage": ["signed", "lead"]}).json()["count"] == 2
    assert api.get(PROJECTS, {"contract_value_min": "200000000"}).json()["count"] == 0


def test_lists_are_ordered_by_a_field_of_the_model(regions, api):
    codes = [r["code"] for r in api.get(REGIONS, {"ordering": "-code"}).json()["results"]]
    assert codes == ["440300", "440000", "230100", "230000"]
    by_level = api.get(REGIONS, {"ordering": "level,-name_zh"}).json()["results"]
    assert [r["level"] for r in by_level] == ["prefecture", "prefecture", "province", "province"]
    # Not a field of the model (nor a relation's path): ignored, the default order stays.
    codes = [r["code"] for r in api.get(REGIONS, {"ordering": "parent__name_zh"}).json()["results"]]
    assert codes == ["230000", "230100", "440000", "440300"]


def test_an_invalid_filter_is_an_error_naming_it(regions, api):
    response = api.get(PROJECTS, {"stage": "nowhere", "signed_after": "yesterday"})
    assert response.status_code == 400
    assert set(response.json()) == {"stage", "signed_after"}


def test_the_change_log_is_listed_by_object(regions, api):
    api.patch(f"{REGIONS}{regions['harbin'].pk}/", {"name_en": "Harbin"}, format="json")
    response = api.get(
        "/api/core/changes/",
        {"object_type": "geo.region", "object_id": regions["harbin"].pk, "channel": "api"},
    )
    (record,) = response.json()["results"]
    assert record["object_type"] == "geo.region"
    assert record["user"] == api.user.pk and record["user_display"] == "api-user"
    assert record["after"]["name_en"] == "Harbin" and record["before"]["name_en"] == ""
    assert api.delete(f"/api/core/changes/{record['id']}/").status_code == 405


# ---------------------------------------------------------------------------- permissions


def test_rows_come_through_restrict_and_actions_through_can(regions, api, monkeypatch):
    from counterpart.core.api import views

    asked = []

    def restrict(queryset, user, action):
        asked.append(("restrict", queryset.model, user, action))
        return queryset.exclude(code="230000")  # out of the user's read scope

    def can(user, action, obj_or_model):
        asked.append(("can", obj_or_model, user, action))
        return action != Action.DELETE

    monkeypatch.setattr(views, "restrict", restrict)
    monkeypatch.setattr(views, "can", can)
    assert api.get(REGIONS).json()["count"] == 3
    assert ("restrict", Region, api.user, Action.VIEW) in asked
    assert ("can", Region, api.user, Action.VIEW) in asked
    hlj, harbin = regions["hlj"], regions["harbin"]
    assert api.patch(f"{REGIONS}{hlj.pk}/", {"name_en": "x"}, format="json").status_code == 404
    assert api.patch(f"{REGIONS}{harbin.pk}/", {"name_en": "x"}, format="json").status_code == 200
    assert ("can", harbin, api.user, Action.CHANGE) in asked
    assert api.delete(f"{REGIONS}{harbin.pk}/").status_code == 403


def test_references_may_only_name_rows_the_user_may_see(regions, api, monkeypatch):
    from counterpart.core.api import serializers

    def restrict(queryset, user, action):
        return queryset.exclude(code="230000") if queryset.model is Region else queryset

    monkeypatch.setattr(serializers, "restrict", restrict)
    payload = {"code": "230200", "name_zh": "x", "level": "prefecture", "parent": regions["hlj"].pk}
    response = api.post(REGIONS, payload, format="json")
    assert response.status_code == 400 and list(response.json()) == ["parent"]


def test_masked_personal_fields_are_returned_empty(investor, api, monkeypatch):
    from counterpart.core.api import serializers

    contact = Contact.objects.create(
        organization=investor, name="张三", phone="0451-1234567", email="z@example.cn"
    )
    url = f"/api/organizations/contacts/{contact.pk}/"
    assert api.get(url).json()["phone"] == "0451-1234567"
    seen = []

    def masked_fields(user, model):
        seen.append((user, model))
        return frozenset({"phone", "email"}) if model is Contact else frozenset()

    monkeypatch.setattr(serializers, "masked_fields", masked_fields)
    body = api.get(url).json()
    assert (body["phone"], body["email"], body["name"]) == ("", "", "张三")
    assert seen == [(api.user, Contact)]
    Contact.objects.create(organization=investor, name="李四", phone="0451-7654321")
    seen.clear()
    rows = api.get("/api/organizations/contacts/").json()["results"]
    assert [r["phone"] for r in rows] == ["", ""]
    assert len(seen) == 1  # asked once per list, not per row


def test_users_are_listed_for_the_administration_only(api, django_user_model):
    viewer, _user = token_client("viewer", role=Role.VIEWER)
    assert viewer.get("/api/users/users/").status_code == 403
    admin, _user = token_client("admin", role=Role.ADMINISTRATOR)
    body = admin.get("/api/users/users/").json()
    assert {u["username"] for u in body["results"]} == {"admin", "api-user", "viewer"}
    assert "password" not in body["results"][0]
    assert admin.post("/api/users/users/", {"username": "x"}).status_code == 405


# ---------------------------------------------------------------------------- tokens


def test_a_user_creates_replaces_and_revokes_their_own_token(regions, django_user_model):
    user = django_user_model.objects.create_user("browser", password="x")
    session = APIClient()
    session.force_login(user)
    first = session.post("/api/token/").json()["key"]
    second = session.post("/api/token/").json()["key"]
    assert first != second and Token.objects.get(user=user).key == second
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {second}")
    assert client.get(REGIONS).status_code == 200
    assert session.delete("/api/token/").status_code == 204
    assert client.get(REGIONS).status_code == 401


def test_the_token_command_issues_and_revokes(db, django_user_model):
    user = django_user_model.objects.create_user("officer", password="x")
    key = run_command("api_token", "officer").strip()
    assert Token.objects.get(user=user).key == key
    assert "revoked" in run_command("api_token", "officer", "--revoke")
    assert not Token.objects.filter(user=user).exists()
    with pytest.raises(CommandError, match="No user"):
        call_command("api_token", "nobody")


# ---------------------------------------------------------------------------- documentation


def test_the_documentation_page_loads_its_script_from_our_server(db, django_user_model):
    from django.test import Client

    assert Client().get("/api/docs/").status_code == 302  # to the login page
    user = django_user_model.objects.create_user("reader", password="x", language="en")
    client = Client()
    client.force_login(user)
    page = client.get("/api/docs/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<script>" not in html and "cdn" not in html.lower()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
    assert b"/api/schema/" in script.content
    assert b'"validatorUrl": null' in script.content  # no image from validator.swagger.io
    policy = page["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200 and "paths" in schema.json()


def test_anonymous_user_sees_no_rows_even_when_the_view_is_reached(regions):
    """``restrict`` gives an anonymous user nothing (defence in depth behind the 401)."""
    from counterpart.core.permissions import restrict

    assert not restrict(Region.objects.all(), AnonymousUser()).exists()


def test_money_is_returned_as_a_string_of_digits(regions, investor, api, signed_project_kwargs):
    Project.objects.create(**{**signed_project_kwargs, "stage": "lead", "signed_date": None})
    (row,) = api.get(PROJECTS).json()["results"]
    assert row["contract_value"] == "100000000.00"
    assert Decimal(row["contract_value"]) == signed_project_kwargs["contract_value"]
    assert Organization.objects.count() == 1
