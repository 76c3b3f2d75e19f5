import re
from collections import Counter

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from counterpart.core.choices import ChangeAction, Channel
from counterpart.core.models import ChangeRecord
from counterpart.geo.models import Region

from .admin_fixtures import one_of_everything

REGISTERED = sorted(admin.site._registry, key=lambda m: m._meta.label)


def url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def expected_add_status(model, user, rf) -> int:
    """200, or 403 where the admin allows no adding (the change ledger, the stage history)."""
    request = rf.get("/")
    request.user = user
    return 200 if admin.site._registry[model].has_add_permission(request) else 403


@pytest.fixture
def rows(admin_user):
    Group.objects.create(name="officers")
    return one_of_everything(admin_user)


def test_every_app_model_is_registered():
    from django.apps import apps

    ours = {m for m in apps.get_models() if m.__module__.startswith("counterpart.")}
    assert ours - set(admin.site._registry) == set()


@pytest.mark.django_db
@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_changelist_and_add_page_empty(admin_client, admin_user, rf, model):
    assert admin_client.get(url(model, "changelist")).status_code == 200
    assert admin_client.get(url(model, "add")).status_code == expected_add_status(
        model, admin_user, rf
    )


@pytest.mark.django_db
@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_changelist_add_and_change_page_with_rows(admin_client, admin_user, rf, rows, model):
    response = admin_client.get(url(model, "changelist"))
    assert response.status_code == 200
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"one_of_everything() makes no {model._meta.label}"
    assert response.context["cl"].result_count >= 1
    assert admin_client.get(url(model, "add")).status_code == expected_add_status(
        model, admin_user, rf
    )
    assert admin_client.get(url(model, "change", obj.pk)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model",
    [m for m in REGISTERED if admin.site._registry[m].search_fields],
    ids=lambda m: m._meta.label,
)
def test_changelist_search_runs(admin_client, rows, model):
    response = admin_client.get(url(model, "changelist"), {"q": "哈尔滨"})
    assert response.status_code == 200


SINGLE_ROW_BY_ID = re.compile(r'FROM "(\w+)" WHERE "\1"\."id" = \d+ LIMIT 21')


@pytest.mark.django_db
@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_changelist_fetches_no_related_row_one_by_one(admin_client, rows, model):
    """No list_display column or __str__ follows a foreign key that is not select_related."""
    changelist = url(model, "changelist")
    admin_client.get(changelist)  # warm caches
    with CaptureQueriesContext(connection) as queries:
        assert admin_client.get(changelist).status_code == 200
    tables = Counter(
        m.group(1) for q in queries.captured_queries if (m := SINGLE_ROW_BY_ID.search(q["sql"]))
    )
    tables["users_user"] -= 1  # the request's own user
    assert +tables == Counter()


# ChangeRecord: the ledger is read-only in the admin.


@pytest.mark.django_db
def test_change_record_admin_is_read_only(admin_client, rf, admin_user):
    region = Region.objects.create(code="230000", name_zh="黑龙江省", level="province")
    record = ChangeRecord.objects.for_object(region).get()
    model_admin = admin.site._registry[ChangeRecord]
    request = rf.get("/")
    request.user = admin_user
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, record)
    assert not model_admin.has_delete_permission(request, record)
    assert model_admin.has_view_permission(request, record)

    assert admin_client.get(url(ChangeRecord, "add")).status_code == 403
    assert admin_client.get(url(ChangeRecord, "delete", record.pk)).status_code == 403
    response = admin_client.post(url(ChangeRecord, "change", record.pk), {"object_repr": "x"})
    assert response.status_code == 403
    record.refresh_from_db()
    assert record.object_repr == "黑龙江省"
    assert ChangeRecord.objects.filter(pk=record.pk).exists()


@pytest.mark.django_db
def test_change_record_page_shows_before_and_after_as_json(admin_client):
    region = Region.objects.create(code="230000", name_zh="黑龙江省", level="province")
    region.name_en = "Heilongjiang"
    region.save()
    record = ChangeRecord.objects.for_object(region).get(action=ChangeAction.UPDATE)
    response = admin_client.get(url(ChangeRecord, "change", record.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<pre" in html
    assert "&quot;name_en&quot;: &quot;Heilongjiang&quot;" in html
    assert "&quot;name_zh&quot;: &quot;黑龙江省&quot;" in html  # not \\u escapes
    assert url(Region, "change", region.pk) in html  # link to the current object


@pytest.mark.django_db
def test_change_record_filters(admin_client):
    Region.objects.create(code="230000", name_zh="黑龙江省", level="province")
    content_type = ContentType.objects.get_for_model(Region)
    response = admin_client.get(
        url(ChangeRecord, "changelist"),
        {
            "action__exact": "create",
            "channel__exact": "system",
            "content_type__id__exact": content_type.pk,
        },
    )
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


@pytest.mark.django_db
def test_history_button_shows_the_objects_change_records(admin_client):
    region = Region.objects.create(code="230000", name_zh="黑龙江省", level="province")
    Region.objects.create(code="440000", name_zh="广东省", level="province")
    response = admin_client.get(url(Region, "history", region.pk))
    assert response.status_code == 302
    response = admin_client.get(response["Location"])
    assert response.status_code == 200
    assert [r["record"].object_repr for r in response.context["rows"]] == ["黑龙江省"]


@pytest.mark.django_db
def test_admin_writes_are_recorded_with_the_admin_channel(admin_client, admin_user):
    response = admin_client.post(
        url(Region, "add"),
        {"code": "230000", "name_zh": "黑龙江省", "level": "province"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    region = Region.objects.get(code="230000")
    record = ChangeRecord.objects.for_object(region).get()
    assert record.channel == Channel.ADMIN
    assert record.user == admin_user
