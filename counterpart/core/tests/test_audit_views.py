"""The audit trail's pages: an object's history, its full history, the audit log and a record.

Read-only everywhere: no page edits or deletes a change record.
"""

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from counterpart.core.changelog import change_context
from counterpart.core.choices import Channel
from counterpart.core.models import ChangeRecord
from counterpart.organizations.models import Contact, Organization

pytestmark = pytest.mark.django_db

LOG = "/audit/"


@pytest.fixture
def clerk(admin_user):
    admin_user.language = "en"
    admin_user.save()
    return admin_user


@pytest.fixture
def history(regions, clerk):
    """An organisation created by the CLI, then edited in the UI (kind, region, name) by the clerk,
    and a contact whose phone the clerk changed."""
    with change_context(channel=Channel.CLI):
        org = Organization.objects.create(
            kind="enterprise", name_zh="审计公司", hq_region=regions["harbin"]
        )
    with change_context(user=clerk, channel=Channel.UI):
        org.kind = "association"
        org.hq_region = regions["shenzhen"]
        org.name_en = "Audit Co."
        org.save()
        contact = Contact.objects.create(organization=org, name="李四", phone="13900000000")
        contact.phone = "13911111111"
        contact.save()
    return {"org": org, "contact": contact}


def update_of(obj) -> ChangeRecord:
    return ChangeRecord.objects.for_object(obj).filter(action="update").latest("id")


def test_a_detail_page_shows_who_when_how_and_each_field_before_and_after(client, clerk, history):
    client.force_login(clerk)
    org = history["org"]
    page = client.get(reverse("organizations:organization", kwargs={"pk": org.pk}))
    rows = page.context["history"]["rows"]
    assert [r["record"].channel for r in rows] == ["ui", "cli"]
    changes = {c.label: (c.before, c.after) for c in rows[0]["changes"]}
    assert changes["Kind"] == ("enterprise", "association or chamber")
    assert changes["Headquarters region"] == ("哈尔滨市", "深圳市")  # names, not ids
    assert changes["Name (English)"] == ("—", "Audit Co.")
    html = page.content.decode()
    assert "web interface" in html and "command line" in html and clerk.username in html
    assert page.context["history"]["url"] in html


def test_personal_fields_show_that_they_changed_not_their_values(client, clerk, history):
    client.force_login(clerk)
    contact = history["contact"]
    page = client.get(reverse("organizations:contact", kwargs={"pk": contact.pk}))
    change = page.context["history"]["rows"][0]["changes"][0]
    assert change.redacted and change.before == change.after == "changed (not shown)"
    assert "13900000000" not in page.content.decode()  # the page shows the current phone only
    record = client.get(reverse("core:changerecord", kwargs={"pk": update_of(contact).pk}))
    html = record.content.decode()
    assert "13911111111" not in html and "sha256" not in html and "not shown" in html


def test_the_full_history_of_an_object_is_paginated(client, clerk, history):
    client.force_login(clerk)
    org = history["org"]
    for n in range(60):
        org.name_en = f"Name {n}"
        org.save()
    ctype = ContentType.objects.get_for_model(Organization)
    url = reverse("core:object_history", kwargs={"content_type": ctype.pk, "object_id": org.pk})
    first = client.get(url)
    assert first.status_code == 200
    assert first.context["page"].paginator.count == 62
    assert len(first.context["rows"]) == 50
    second = client.get(url, {"page": 2})
    assert [r["record"].action for r in second.context["rows"]][-1] == "create"
    detail = client.get(reverse("organizations:organization", kwargs={"pk": org.pk}))
    assert detail.context["history"]["more"]
    assert url in detail.content.decode()


def test_the_history_of_a_deleted_object_is_still_there(client, clerk, history):
    client.force_login(clerk)
    org = history["org"]
    pk = org.pk
    org.delete()
    ctype = ContentType.objects.get_for_model(Organization)
    url = reverse("core:object_history", kwargs={"content_type": ctype.pk, "object_id": pk})
    page = client.get(url)
    assert page.status_code == 200 and page.context["current"] is None
    assert page.context["rows"][0]["record"].action == "delete"
    missing = reverse("core:object_history", kwargs={"content_type": ctype.pk, "object_id": 0})
    assert client.get(missing).status_code == 404


def log_records(response) -> list[ChangeRecord]:
    return [row.record for row in response.context["table"].page.object_list]


def test_the_audit_log_filters_by_user_type_action_channel_date_request_and_object(
    client, clerk, history
):
    client.force_login(clerk)
    org = history["org"]
    org_type = ContentType.objects.get_for_model(Organization)
    everything = client.get(LOG)
    assert everything.status_code == 200
    total = ChangeRecord.objects.count()
    assert everything.context["total"] == total

    def only(**params):
        response = client.get(LOG, params)
        assert response.status_code == 200 and not response.context["invalid_filters"]
        return log_records(response)

    assert {r.user for r in only(user_id=clerk.pk)} == {clerk}
    assert {r.content_type for r in only(content_type_id=org_type.pk)} == {org_type}
    assert {r.action for r in only(action="update")} == {"update"}
    assert {r.channel for r in only(channel="cli")} == {"cli"}
    by_object = only(content_type_id=org_type.pk, object_id=str(org.pk))
    assert [r.action for r in by_object] == ["update", "create"]
    request_id = update_of(org).request_id
    assert {r.request_id for r in only(request_id=str(request_id))} == {request_id}
    today = timezone.localdate()
    assert len(only(time_after=today.isoformat(), time_before=today.isoformat())) == total
    tomorrow = (today + datetime.timedelta(days=1)).isoformat()
    assert only(time_after=tomorrow) == []
    assert {r.object_repr for r in only(q="审计公司")} == {"审计公司", "李四（审计公司）"}
    oldest_first = only(sort="time")
    assert oldest_first[0].pk == ChangeRecord.objects.order_by("time", "id").first().pk
    assert only(changed_field="hq_region_id", action="update") == [update_of(org)]
    assert only(changed_field="name_zh", action="update") == []
    bad = client.get(LOG, {"request_id": "not-a-uuid"})
    assert bad.context["invalid_filters"]


def test_a_log_row_links_to_its_record_and_to_its_object_while_it_exists(client, clerk, history):
    client.force_login(clerk)
    org, contact = history["org"], history["contact"]
    object_url = reverse("organizations:organization", kwargs={"pk": org.pk})
    record_url = reverse("core:changerecord", kwargs={"pk": update_of(org).pk})
    html = client.get(LOG).content.decode()
    assert f'href="{object_url}"' in html and f'href="{record_url}"' in html
    contact_url = reverse("organizations:contact", kwargs={"pk": contact.pk})
    contact.delete()
    html = client.get(LOG).content.decode()
    assert f'href="{contact_url}"' not in html


def test_the_audit_log_costs_the_same_queries_whatever_the_number_of_records(client, clerk):
    """One query per object type on the page (whether each object still exists), none per row."""
    client.force_login(clerk)
    org = Organization.objects.create(kind="enterprise", name_zh="计数公司")
    params = {"content_type_id": ContentType.objects.get_for_model(Organization).pk}
    client.get(LOG, params)
    with CaptureQueriesContext(connection) as few:
        client.get(LOG, params)
    for n in range(30):
        org.name_en = f"Name {n}"
        org.save()
        Organization.objects.create(kind="enterprise", name_zh=f"公司{n}").delete()
    with CaptureQueriesContext(connection) as many:
        client.get(LOG, params)
    assert len(many) == len(few), "\n".join(q["sql"][:150] for q in many.captured_queries)


def test_the_audit_log_exports_like_other_lists(client, clerk, history):
    client.force_login(clerk)
    response = client.get(LOG, {"export": "csv", "channel": "ui"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["time", "user", "channel"]
    assert len(rows) - 1 == ChangeRecord.objects.filter(channel="ui").count()
    assert all(row[2] == "web interface" for row in rows[1:])
    xlsx = client.get(LOG, {"export": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_record_page_shows_the_object_before_and_after_in_full(client, clerk, history):
    client.force_login(clerk)
    record = update_of(history["org"])
    page = client.get(reverse("core:changerecord", kwargs={"pk": record.pk}))
    assert page.status_code == 200
    rows = {
        label: (before, after, changed)
        for label, before, after, changed in page.context["snapshot"]
    }
    assert rows["Headquarters region"] == ("哈尔滨市", "深圳市", True)
    assert rows["Name (Chinese)"] == ("审计公司", "审计公司", False)
    html = page.content.decode()
    assert str(record.request_id) in html and "web interface" in html


def test_change_records_cannot_be_edited_or_deleted_through_the_product(client, clerk, history):
    client.force_login(clerk)
    record = update_of(history["org"])
    count = ChangeRecord.objects.count()
    url = reverse("core:changerecord", kwargs={"pk": record.pk})
    assert client.post(url, {"object_repr": "forged"}).status_code == 405
    assert client.delete(url).status_code == 405
    for action in ("edit", "delete", "add"):
        with pytest.raises(NoReverseMatch):
            reverse(f"core:changerecord_{action}", kwargs={"pk": record.pk})
        assert client.post(f"{url}{action}/").status_code == 404
    admin_change = reverse("admin:core_changerecord_change", args=[record.pk])
    assert client.post(admin_change, {"object_repr": "forged"}).status_code == 403
    admin_delete = reverse("admin:core_changerecord_delete", args=[record.pk])
    assert client.post(admin_delete, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:core_changerecord_add")).status_code == 403
    record.refresh_from_db()
    assert record.object_repr == "审计公司" and ChangeRecord.objects.count() == count


def test_the_audit_log_is_in_the_menu(client, clerk):
    client.force_login(clerk)
    html = client.get(reverse("organizations:organization_list")).content.decode()
    assert f'href="{LOG}"' in html


def test_the_audit_log_needs_a_login(client):
    assert client.get(LOG).status_code == 302
    assert get_user_model().objects.count() == 0


def test_fields_masked_for_the_user_are_hidden_in_the_history(client, clerk, history, monkeypatch):
    """What ``permissions.masked_fields`` hides from a user, the audit trail hides too."""
    from counterpart.core import permissions

    monkeypatch.setattr(
        permissions,
        "masked_fields",
        lambda user, model: frozenset({"name_en"}) if model is Organization else frozenset(),
    )
    client.force_login(clerk)
    org = history["org"]
    page = client.get(reverse("organizations:organization", kwargs={"pk": org.pk}))
    changes = {c.label: c for c in page.context["history"]["rows"][0]["changes"]}
    assert changes["Name (English)"].redacted and changes["Headquarters region"].after == "深圳市"
    record = client.get(reverse("core:changerecord", kwargs={"pk": update_of(org).pk}))
    assert "Audit Co." not in record.content.decode()
