"""No lost updates: versions, the conditional save, StaleVersion, and the edit form's conflict."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import reverse

from counterpart.core.changelog import change_context
from counterpart.core.choices import Channel
from counterpart.core.models import ChangeRecord
from counterpart.core.versioning import StaleVersion, expect_version, records_since
from counterpart.organizations.models import Organization
from counterpart.projects.models import Project

pytestmark = pytest.mark.django_db


def make_user(name: str, language: str = "en"):
    return get_user_model().objects.create_superuser(
        name, password="x-long-enough-1", language=language
    )


@pytest.fixture
def org(regions) -> Organization:
    return Organization.objects.create(
        kind="enterprise", name_zh="版本公司", hq_region=regions["harbin"]
    )


def stored_version(obj) -> int:
    return type(obj).objects.values_list("version", flat=True).get(pk=obj.pk)


def test_a_save_that_changes_a_field_raises_the_version_and_one_that_does_not_leaves_it(org):
    assert org.version == 1 and stored_version(org) == 1
    org.name_en = "Version Co."
    org.save()
    assert org.version == 2 and stored_version(org) == 2
    org.save()  # nothing changed
    assert org.version == 2 and stored_version(org) == 2
    org.name_en = "Version Co. Ltd"
    org.save(update_fields=["name_en"])
    assert org.version == 3 and stored_version(org) == 3


def test_a_save_of_the_version_read_succeeds_and_expects_the_one_it_wrote(org):
    expect_version(org, 1)
    org.name_en = "First"
    org.save()
    assert stored_version(org) == 2
    org.name_en = "Second"
    org.save()  # the same editor, on top of what it wrote
    assert stored_version(org) == 3


def test_a_stale_save_is_refused_with_the_row_now_stored_and_who_changed_what(org, regions):
    alice = make_user("alice")
    mine = Organization.objects.get(pk=org.pk)
    theirs = Organization.objects.get(pk=org.pk)
    with change_context(user=alice, channel=Channel.UI):
        expect_version(theirs, 1)
        theirs.name_en = "Alice's name"
        theirs.hq_region = regions["shenzhen"]
        theirs.save()
    expect_version(mine, 1)
    mine.name_en = "Bob's name"
    with pytest.raises(StaleVersion) as caught, transaction.atomic():
        mine.save()
    stale = caught.value
    assert (stale.expected, stale.current_version) == (1, 2)
    assert stale.current.name_en == "Alice's name"
    assert [r.username for r in stale.records] == ["alice"]
    assert stale.records[0].changed_fields == ["hq_region_id", "name_en"]
    org.refresh_from_db()
    assert (org.name_en, org.version) == ("Alice's name", 2)  # nothing of Bob's was written


def test_a_checked_save_of_a_deleted_object_is_refused_and_not_inserted_again(org):
    mine = Organization.objects.get(pk=org.pk)
    Organization.objects.filter(pk=org.pk).delete()
    expect_version(mine, 1)
    mine.name_en = "Back from the dead"
    with pytest.raises(StaleVersion) as caught, transaction.atomic():
        mine.save()
    assert caught.value.current is None and caught.value.current_version is None
    assert not Organization.objects.filter(pk=org.pk).exists()


def test_writers_that_say_no_version_are_not_checked_but_raise_it(org):
    """Imports, CLI commands, merges: they keep working, and an editor who read before is stale."""
    editor = Organization.objects.get(pk=org.pk)
    old = Organization.objects.get(pk=org.pk)
    fresh = Organization.objects.get(pk=org.pk)
    fresh.name_en = "By the import"
    fresh.save()
    old.name_en = "By a command holding an old copy"
    old.save()  # not checked: no error, and the stored version is not lowered
    assert stored_version(org) == 3
    expect_version(editor, 1)
    editor.name_en = "By the editor"
    with pytest.raises(StaleVersion), transaction.atomic():
        editor.save()


def test_a_changed_relation_raises_the_version_and_is_among_the_changes_since(
    org, regions, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        project = Project.objects.create(code="V-1", name_zh="版本项目")
    editor = Project.objects.get(pk=project.pk)
    project.investors.add(org)  # another writer, through the relation only
    assert stored_version(project) == 2
    assert [r.changed_fields for r in records_since(Project, project.pk, 1)] == [["investors"]]
    expect_version(editor, 1)
    editor.name_en = "Lost?"
    with pytest.raises(StaleVersion) as caught, transaction.atomic():
        editor.save()
    assert caught.value.records[0].after["investors"] == [org.pk]


def test_records_since_leaves_out_what_the_reader_saw(org):
    for name in ("one", "two", "three"):
        org.name_en = name
        org.save()
    assert org.version == 4
    since = records_since(Organization, org.pk, 2)  # the reader saw "one" (version 2)
    assert [r.after["name_en"] for r in since] == ["two", "three"]
    assert records_since(Organization, org.pk, 4) == []


def test_expect_version_refuses_what_is_not_a_positive_integer(org):
    for bad in (0, -1, True):
        with pytest.raises(ValueError):
            expect_version(org, bad)


# ---------------------------------------------------------------------------- the edit form


def edit_data(org, **changes) -> dict:
    data = {
        "kind": org.kind,
        "name_zh": org.name_zh,
        "name_en": org.name_en,
        "credit_code": org.credit_code or "",
        "hq_region": org.hq_region_id,
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "rankings-TOTAL_FORMS": "0",
        "rankings-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_edit_form_carries_the_version_it_was_opened_on(org):
    url = reverse("organizations:organization_edit", kwargs={"pk": org.pk})
    page = client_for(make_user("reader")).get(url).content.decode()
    assert 'name="_version" value="1"' in page


def test_two_people_editing_the_same_object_the_second_save_is_a_conflict(org, regions):
    alice, bob = make_user("alice"), make_user("bob")
    url = reverse("organizations:organization_edit", kwargs={"pk": org.pk})
    a, b = client_for(alice), client_for(bob)
    assert a.get(url).status_code == b.get(url).status_code == 200  # both read version 1
    saved = a.post(
        url,
        edit_data(org, name_en="Alice Co.", hq_region=regions["shenzhen"].pk, _version=1),
    )
    assert saved.status_code == 302
    response = b.post(url, edit_data(org, name_en="Bob Co.", _version=1))
    assert response.status_code == 409
    page = response.content.decode()
    assert "alice changed this record while you were editing it" in page
    assert "哈尔滨市" in page and "深圳市" in page  # the region they changed, by name
    assert "Alice Co." in page
    assert 'value="Bob Co."' in page  # Bob's input is kept
    assert 'name="_version" value="2"' in page  # saving again goes on top of version 2
    org.refresh_from_db()
    assert (org.name_en, org.version) == ("Alice Co.", 2)

    again = b.post(url, edit_data(org, name_en="Bob Co.", _version=2))
    assert again.status_code == 302
    org.refresh_from_db()
    assert (org.name_en, org.version, org.hq_region) == ("Bob Co.", 3, regions["shenzhen"])
    latest = ChangeRecord.objects.for_object(org).first()
    assert (latest.username, latest.channel) == ("bob", Channel.UI)


def test_an_edit_without_a_valid_version_is_refused_naming_the_field(org):
    url = reverse("organizations:organization_edit", kwargs={"pk": org.pk})
    client = client_for(make_user("someone"))
    for bad in ({}, {"_version": "abc"}, {"_version": "0"}):
        response = client.post(url, edit_data(org, name_en="No version", **bad))
        assert response.status_code == 200
        assert "version" in " ".join(response.context["form"].non_field_errors())
        assert 'name="_version"' not in response.content.decode()  # not a fresh one either
    org.refresh_from_db()
    assert org.name_en == "" and org.version == 1


def test_a_validation_error_keeps_the_version_the_form_was_opened_on(org):
    url = reverse("organizations:organization_edit", kwargs={"pk": org.pk})
    client = client_for(make_user("someone"))
    Organization.objects.get(pk=org.pk).save()  # nothing changed: still version 1
    other = Organization.objects.get(pk=org.pk)
    other.name_en = "Meanwhile"
    other.save()  # version 2
    response = client.post(url, edit_data(org, name_zh="", _version=1))
    assert response.status_code == 200 and "name_zh" in response.context["form"].errors
    assert 'name="_version" value="1"' in response.content.decode()


def test_a_change_of_the_rows_edited_with_an_object_makes_a_form_opened_before_stale(org):
    url = reverse("organizations:organization_edit", kwargs={"pk": org.pk})
    a, b = client_for(make_user("alice")), client_for(make_user("bob"))
    with_alias = edit_data(
        org,
        _version=1,
        **{
            "aliases-TOTAL_FORMS": "1",
            "aliases-0-alias": "版本集团",
            "aliases-0-language": "zh",
        },
    )
    assert a.post(url, with_alias).status_code == 302
    assert stored_version(org) == 2 and org.aliases.count() == 1
    response = b.post(url, edit_data(org, name_en="Bob Co.", _version=1))
    assert response.status_code == 409
    org.refresh_from_db()
    assert org.name_en == ""


def test_relations_added_in_the_transaction_that_creates_an_object_leave_its_version(org):
    """Nobody can have read it yet (an import's new project with its investors)."""
    project = Project.objects.create(code="V-2", name_zh="新项目")
    project.investors.add(org)
    assert project.version == 1 and stored_version(project) == 1
    assert ChangeRecord.objects.for_object(project).latest("id").after["investors"] == [org.pk]
