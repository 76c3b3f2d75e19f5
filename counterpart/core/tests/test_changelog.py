"""Every write path leaves a change record: form (UI), service function, CLI, and raw ORM."""

import datetime
from io import StringIO

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from counterpart.core.changelog import buffered_records, change_context
from counterpart.core.choices import ChangeAction, Channel
from counterpart.core.middleware import ChangeContextMiddleware
from counterpart.core.models import ChangeRecord
from counterpart.geo.models import Region
from counterpart.organizations.models import Contact, Organization
from counterpart.projects.models import Project
from counterpart.projects.services import change_stage

pytestmark = pytest.mark.django_db


def records_for(instance):
    return list(ChangeRecord.objects.for_object(instance).order_by("id"))


def test_create_update_delete_are_recorded_with_before_and_after(regions):
    org = Organization.objects.create(kind="enterprise", name_zh="甲公司")
    org.name_en = "Jia Co."
    org.save()
    org.save()  # nothing changed: no record
    pk = org.pk
    org.delete()
    org.pk = pk
    actions = [(r.action, r.changed_fields) for r in records_for(org)]
    assert actions[0][0] == ChangeAction.CREATE
    assert actions[1] == (ChangeAction.UPDATE, ["name_en"])
    assert actions[2][0] == ChangeAction.DELETE
    assert len(actions) == 3
    update = records_for(org)[1]
    assert update.before["name_en"] == "" and update.after["name_en"] == "Jia Co."
    assert records_for(org)[2].after is None
    assert all(r.channel == Channel.SYSTEM for r in records_for(org))


def test_many_to_many_changes_are_recorded(regions, investor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # created, committed: others may read
        project = Project.objects.create(code="M-1", name_zh="多对多")
    project.investors.add(investor)
    record = records_for(project)[-1]
    assert record.changed_fields == ["investors"]
    assert record.before == {"investors": [], "version": 1}
    assert record.after == {"investors": [investor.pk], "version": 2}
    project.refresh_from_db()
    assert project.version == 2  # a relation changed: the project has a new version


class RegionNameForm(forms.ModelForm):
    class Meta:
        model = Region
        fields = ["name_en"]


def test_a_form_saved_in_a_web_request_is_recorded_as_ui_with_the_user(regions):
    user = get_user_model().objects.create_user("clerk", password="x-long-enough-1")
    harbin = regions["harbin"]

    def view(request):
        form = RegionNameForm({"name_en": "Harbin"}, instance=harbin)
        assert form.is_valid(), form.errors
        form.save()
        return HttpResponse("ok")

    request = RequestFactory().post("/regions/230100/edit")
    request.user = user
    ChangeContextMiddleware(view)(request)
    record = records_for(harbin)[-1]
    assert (record.channel, record.user, record.changed_fields) == (Channel.UI, user, ["name_en"])


def test_a_service_function_is_recorded_under_the_callers_context(regions):
    user = get_user_model().objects.create_user("officer", password="x-long-enough-1")
    project = Project(code="S-1", name_zh="服务")
    project.pending_stage_change = {"date": datetime.date(2023, 1, 1)}
    project.save()
    with change_context(user=user, channel=Channel.UI):
        change_stage(project, "negotiating", datetime.date(2023, 3, 1), user=user)
    project_update = records_for(project)[-1]
    assert project_update.changed_fields == ["stage"]
    assert project_update.user == user
    stage_change = project.stage_changes.last()
    assert records_for(stage_change)[0].channel == Channel.UI
    assert len({r.request_id for r in ChangeRecord.objects.filter(user=user)}) == 1


def test_a_cli_command_is_recorded_as_cli_with_the_named_user(regions):
    get_user_model().objects.create_user("loader", password="x-long-enough-1")
    call_command("sample_login", stdout=StringIO())  # read-only: no records
    before = ChangeRecord.objects.count()
    call_command("load_refdata", "--as-user", "loader", stdout=StringIO())
    new = ChangeRecord.objects.all()[: ChangeRecord.objects.count() - before]
    assert new and all(r.channel == Channel.CLI for r in new)
    assert {r.user.username for r in new} == {"loader"}


def test_change_records_cannot_be_edited_or_deleted(regions):
    record = ChangeRecord.objects.first()
    with pytest.raises(PermissionError):
        record.save()
    with pytest.raises(PermissionError):
        record.delete()
    with pytest.raises(PermissionError):
        ChangeRecord.objects.all().delete()
    with pytest.raises(PermissionError):
        ChangeRecord.objects.update(object_repr="x")


def test_secrets_and_personal_data_show_a_change_but_not_the_value(db, investor):
    user = get_user_model().objects.create_user(
        "someone", email="someone@example.org", password="x-long-enough-1"
    )
    created = records_for(user)[0]
    assert "last_login" not in created.after
    assert created.after["password"].startswith("sha256:")
    assert "someone@example.org" not in str(created.after)
    user.set_password("another-long-one-2")
    user.save()
    assert records_for(user)[-1].changed_fields == ["password"]
    contact = Contact.objects.create(organization=investor, name="张三", phone="13800000000")
    assert "13800000000" not in str(records_for(contact)[0].after)


def test_reverse_many_to_many_changes_show_in_the_owners_history(regions, investor):
    project = Project.objects.create(code="R-1", name_zh="反向")
    investor.investments.add(project)
    assert records_for(project)[-1].after["investors"] == [investor.pk]
    investor.investments.clear()
    assert records_for(project)[-1].after["investors"] == []


def test_a_record_still_names_its_user_after_the_user_is_deleted(regions):
    user = get_user_model().objects.create_user("leaver", password="x-long-enough-1")
    with change_context(user=user, channel=Channel.UI):
        org = Organization.objects.create(kind="enterprise", name_zh="离职测试")
    user.delete()
    record = records_for(org)[0]
    assert (record.user, record.username) == (None, "leaver")


def test_raw_saves_of_fixtures_are_recorded(regions):
    region = regions["harbin"]
    region.name_en = "Harbin"
    region.save_base(raw=True)
    assert records_for(region)[-1].changed_fields == ["name_en"]


def test_many_to_many_records_match_what_the_database_holds(regions):
    """The ids after a change are worked out from those before (no query): check them against
    the table through every kind of change, forward and reverse."""
    project = Project.objects.create(code="M2M-1", name_zh="多对多")
    a, b, c = (Organization.objects.create(kind="enterprise", name_zh=n) for n in "甲乙丙")
    steps = [
        lambda: project.investors.add(a, b),
        lambda: project.investors.add(b, c),  # b is there already
        lambda: project.investors.remove(a),
        lambda: project.investors.set([a]),
        lambda: c.investments.add(project),
        lambda: a.investments.remove(project),
        lambda: b.investments.add(project),
        lambda: b.investments.clear(),
        lambda: project.investors.clear(),
    ]
    for step in steps:
        step()
        stored = sorted(project.investors.values_list("pk", flat=True))
        assert records_for(project)[-1].after["investors"] == stored


def test_buffered_records_are_written_when_the_block_ends(regions):
    before = ChangeRecord.objects.count()
    with transaction.atomic(), buffered_records() as buffer:
        Organization.objects.create(kind="enterprise", name_zh="缓冲一")
        mark = buffer.mark()
        Organization.objects.create(kind="enterprise", name_zh="缓冲二")
        assert ChangeRecord.objects.count() == before and len(buffer) == 2
        buffer.discard_since(mark)  # as a writer does whose savepoint rolled back
    assert ChangeRecord.objects.order_by("-id").first().object_repr == "缓冲一"
    assert ChangeRecord.objects.count() == before + 1
    with pytest.raises(RuntimeError), transaction.atomic(), buffered_records():
        Organization.objects.create(kind="enterprise", name_zh="缓冲三")
        raise RuntimeError("the writer fails: nothing is written")
    assert ChangeRecord.objects.count() == before + 1
