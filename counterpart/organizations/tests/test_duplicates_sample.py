"""Duplicates on the sample data: no false alarms, and merges through the pages move every
relation of real rows, keep the other counts and leave change records of the user and the UI."""

import pytest
from django.urls import reverse

from counterpart.core.choices import ChangeAction, Channel
from counterpart.core.merge import merge, related_counts, relations
from counterpart.core.models import ChangeRecord
from counterpart.events.models import Participation
from counterpart.organizations import duplicates as organization_duplicates
from counterpart.organizations.models import Contact, Organization, OrganizationAlias
from counterpart.projects import duplicates as project_duplicates
from counterpart.projects.models import FundsInPlace, Project

pytestmark = pytest.mark.usefixtures("sample_data", "db")

MERGE = reverse("organizations:organization_merge")
PROJECT_MERGE = reverse("projects:project_merge")


def test_the_sample_data_has_no_likely_duplicates():
    assert organization_duplicates.find_duplicates() == []
    assert project_duplicates.find_duplicates() == []


@pytest.fixture
def tencent():
    return Organization.objects.get(name_zh="深圳市腾讯计算机系统有限公司")


@pytest.fixture
def second_tencent(tencent):
    """The same company entered again, without the city, by someone else."""
    other = Organization.objects.create(
        kind=tencent.kind, name_zh="腾讯计算机系统有限公司", name_en="Tencent Computer Systems"
    )
    Contact.objects.create(organization=other, name="测试联系人", title="投资总监")
    OrganizationAlias.objects.create(
        organization=other, alias=tencent.aliases.first().alias, language="zh"
    )
    participation = tencent.participations.first()
    Participation.objects.create(
        event=participation.event, organization=other, role=participation.role
    )
    project = Project.objects.exclude(investors=tencent).filter(stage="lead").first()
    project.investors.add(other)
    return other


def test_the_review_list_proposes_the_pair(admin_client, tencent, second_tencent):
    response = admin_client.get(reverse("organizations:organization_duplicates"))
    (pair,) = response.context["pairs"]
    assert {pair["left"], pair["right"]} == {tencent, second_tencent}
    assert pair["left"] == tencent  # it has more related rows: the one to keep
    # The same name but for the city (90), and an alias in common (95).
    assert pair["candidate"].score == 95


def test_merging_through_the_pages(admin_client, admin_user, tencent, second_tencent):
    organizations, projects = Organization.objects.count(), Project.objects.count()
    before = related_counts([tencent, second_tencent])
    project = second_tencent.investments.get()
    response = admin_client.post(
        MERGE, {"survivor": tencent.pk, "duplicate": second_tencent.pk, "confirm": "1"}
    )
    assert response.status_code == 302
    assert Organization.objects.count() == organizations - 1
    assert Project.objects.count() == projects
    after = related_counts([tencent])[tencent.pk]
    # Each relation has the rows of both, less those it had already (an alias, a participation).
    for label, n in before[second_tencent.pk].items():
        assert after[label] >= before[tencent.pk].get(label, 0) + n - 1, label
    assert tencent in project.investors.all()
    # The duplicate's names are the survivor's aliases now.
    names = set(tencent.aliases.values_list("alias", flat=True))
    assert {"腾讯计算机系统有限公司", "Tencent Computer Systems"} <= names
    records = ChangeRecord.objects.filter(request_id=ChangeRecord.objects.latest("id").request_id)
    assert {(r.user_id, r.channel) for r in records} == {(admin_user.pk, Channel.UI)}
    # One merge record for the organisation, one for each row merged into the survivor's
    # (the alias and the participation it had already).
    assert records.filter(action=ChangeAction.MERGE).count() == 3
    merge_record = ChangeRecord.objects.for_object(tencent).get(action=ChangeAction.MERGE)
    assert merge_record.after["merged"] == [
        {"id": second_tencent.pk, "name": "腾讯计算机系统有限公司"}
    ]
    page = admin_client.get(response["Location"]).content.decode()
    assert "腾讯计算机系统有限公司" in page and f"#{second_tencent.pk}" in page


def test_every_relation_of_a_busy_organisation_moves(admin_user):
    """The department (lead unit of task forces, at many events) merged into a new row."""
    department = Organization.objects.get(name_zh="黑龙江省商务厅")
    survivor = Organization.objects.create(kind=department.kind, name_zh="黑龙江省商务厅（新）")
    before = related_counts([department])[department.pk]
    assert sum(before.values()) >= 10
    merge(survivor, [department], user=admin_user)
    after = related_counts([survivor])[survivor.pk]
    aliases = next(r.label for r in relations(Organization) if r.model is OrganizationAlias)
    expected = {**before, aliases: before.get(aliases, 0) + 1}  # its name kept as an alias
    assert {k: n for k, n in after.items() if n} == {k: n for k, n in expected.items() if n}
    assert not Organization.objects.filter(pk=department.pk).exists()


def test_merging_two_projects_through_the_pages(admin_client, admin_user):
    original = (
        Project.objects.filter(funds__isnull=False, destination_region__isnull=False)
        .exclude(investors=None)
        .distinct()
        .first()
    )
    funds = FundsInPlace.objects.count()
    copy = Project.objects.create(
        code="DUP-0001",
        name_zh=original.name_zh.removesuffix("项目") + "建设项目",
        destination_region=original.destination_region,
    )
    copy.investors.set(original.investors.all())
    (candidate,) = project_duplicates.find_duplicates()
    assert {candidate.low_id, candidate.high_id} == {original.pk, copy.pk}
    projects = Project.objects.count()
    response = admin_client.post(
        PROJECT_MERGE, {"survivor": original.pk, "duplicate": copy.pk, "confirm": "1"}
    )
    assert response.status_code == 302
    assert Project.objects.count() == projects - 1
    assert FundsInPlace.objects.count() == funds
    record = ChangeRecord.objects.for_object(original).get(action=ChangeAction.MERGE)
    assert (record.user, record.channel) == (admin_user, Channel.UI)
