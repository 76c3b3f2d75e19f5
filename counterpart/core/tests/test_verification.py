"""The verification flag on figures (docs/decisions/0009): who may set it, what clears it, and
the change records it leaves — on a small ledger, without the sample data."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from counterpart.core.changelog import change_context
from counterpart.core.choices import Channel
from counterpart.core.models import ChangeRecord
from counterpart.core.permissions import Action, can, restrict
from counterpart.events.models import Event
from counterpart.indicators.models import Indicator, Observation, PeriodType, Unit
from counterpart.projects.models import FundsInPlace, Project, TaskForce, TaskForceCity
from counterpart.users.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(signed_project_kwargs, investor) -> Project:
    project = Project(**signed_project_kwargs)
    project.pending_investors = [investor]
    project.save()
    project.investors.set([investor])
    project.refresh_from_db()
    return project


@pytest.fixture
def funds(project, regions) -> FundsInPlace:
    return FundsInPlace.objects.create(
        project=project,
        month=datetime.date(2023, 5, 1),
        amount=Decimal("1000000"),
        source_region=regions["shenzhen"],
    )


@pytest.fixture
def observation(regions) -> Observation:
    indicator = Indicator.objects.create(code="trade", name_zh="贸易额", unit=Unit.YUAN)
    return Observation.objects.create(
        indicator=indicator,
        region=regions["hlj"],
        period_type=PeriodType.YEAR,
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2022, 12, 31),
        value=Decimal("100"),
    )


@pytest.fixture
def users(regions) -> dict:
    User = get_user_model()
    task_force = TaskForce.objects.create(code="TF-V", name_zh="核实专班")
    TaskForceCity.objects.create(task_force=task_force, city=regions["harbin"])
    return {
        Role.ADMINISTRATOR: User.objects.create_user("v-admin", role=Role.ADMINISTRATOR),
        Role.DEPARTMENT_STAFF: User.objects.create_user("v-staff", role=Role.DEPARTMENT_STAFF),
        Role.TASK_FORCE_OFFICER: User.objects.create_user(
            "v-officer", role=Role.TASK_FORCE_OFFICER, task_force=task_force
        ),
        Role.CITY_STAFF: User.objects.create_user(
            "v-city", role=Role.CITY_STAFF, city=regions["harbin"]
        ),
        Role.VIEWER: User.objects.create_user("v-viewer", role=Role.VIEWER),
    }


def last_record(obj) -> ChangeRecord:
    return ChangeRecord.objects.for_object(obj).order_by("-id").first()


# ---------------------------------------------------------------------------- the flag


def test_new_rows_are_unverified(project, funds, observation):
    for row in (project, funds, observation):
        assert row.verified_at is None and row.verified_by is None and not row.is_verified
    assert not Project.objects.verified().exists()
    assert list(FundsInPlace.objects.unverified()) == [funds]


def test_verify_records_who_and_when_with_a_change_record(project, users):
    staff = users[Role.DEPARTMENT_STAFF]
    version = project.version
    assert project.verify(staff) is True
    project.refresh_from_db()
    assert project.verified_by == staff and project.verified_at is not None
    assert project.version == version + 1  # an open edit form is now stale
    record = last_record(project)
    assert record.user == staff and record.username == "v-staff"
    assert sorted(record.changed_fields) == ["verified_at", "verified_by_id"]
    assert record.after["verified_by_id"] == staff.pk and record.before["verified_at"] is None
    assert list(Project.objects.verified()) == [project]
    assert project.verify(staff) is False  # already verified: nothing written
    assert last_record(project).pk == record.pk


def test_the_record_names_the_verifier_inside_another_context(project, users):
    """A verification is the verifier's, whatever context the code runs in."""
    with change_context(users[Role.ADMINISTRATOR], channel=Channel.UI):
        project.verify(users[Role.DEPARTMENT_STAFF])
    record = last_record(project)
    assert record.user == users[Role.DEPARTMENT_STAFF] and record.channel == Channel.UI


def test_unverify(project, users):
    staff = users[Role.DEPARTMENT_STAFF]
    project.verify(staff)
    assert project.unverify(users[Role.ADMINISTRATOR]) is True
    project.refresh_from_db()
    assert project.verified_at is None and project.verified_by is None
    record = last_record(project)
    assert record.user == users[Role.ADMINISTRATOR]
    assert record.before["verified_by_id"] == staff.pk and record.after["verified_by_id"] is None
    assert project.unverify() is False


@pytest.mark.parametrize(
    "change",
    [
        {"contract_value": Decimal("100000001.00")},
        {"contract_value_basis": "confirmed"},
        {"signed_date": datetime.date(2023, 4, 23)},
        {"original_amount": Decimal("1")},
    ],
)
def test_a_changed_signing_figure_clears_the_verification(project, users, change):
    project.verify(users[Role.DEPARTMENT_STAFF])
    for name, value in change.items():
        setattr(project, name, value)
    project.full_clean()
    project.save()
    project.refresh_from_db()
    assert project.verified_at is None and project.verified_by is None
    record = last_record(project)
    assert "verified_at" in record.changed_fields  # the record shows the verification went


def test_a_change_that_is_no_figure_keeps_the_verification(project, users):
    project.verify(users[Role.DEPARTMENT_STAFF])
    project.notes = "跟进中"
    project.name_en = "A test project"
    project.contract_value = Decimal("100000000")  # the same value, written differently
    project.save()
    project.refresh_from_db()
    assert project.verified_by == users[Role.DEPARTMENT_STAFF]


def test_funds_and_observations_clear_on_their_figures(funds, observation, users):
    staff = users[Role.DEPARTMENT_STAFF]
    funds.verify(staff)
    observation.verify(staff)
    funds.note = "银行回单"
    funds.save()
    observation.note = "统计公报"
    observation.save()
    assert FundsInPlace.objects.get().is_verified and Observation.objects.get().is_verified
    funds.amount = Decimal("2000000")
    funds.save()
    observation.value = Decimal("101")
    observation.save()
    assert not FundsInPlace.objects.get().is_verified
    assert not Observation.objects.get().is_verified


def test_a_save_naming_a_figure_field_clears_too(funds, users):
    funds.verify(users[Role.DEPARTMENT_STAFF])
    funds.refresh_from_db()
    funds.amount = Decimal("5")
    funds.save(update_fields=["amount"])
    funds.refresh_from_db()
    assert not funds.is_verified  # a save naming a figure field clears as well


# ---------------------------------------------------------------------------- who may verify


@pytest.mark.parametrize(
    "role, allowed",
    [
        (Role.ADMINISTRATOR, True),
        (Role.DEPARTMENT_STAFF, True),
        (Role.TASK_FORCE_OFFICER, False),
        (Role.CITY_STAFF, False),
        (Role.VIEWER, False),
    ],
)
def test_only_the_department_verifies(project, funds, observation, users, role, allowed):
    user = users[role]
    for row in (project, funds, observation):
        assert can(user, Action.VERIFY, row) is allowed
        assert can(user, Action.VERIFY, type(row)) is allowed
        assert user.has_perm(f"{row._meta.app_label}.verify_{row._meta.model_name}") is allowed
        assert restrict(type(row).objects.all(), user, Action.VERIFY).exists() is allowed
    # Officers and city staff may still change their city's project: writing is not verifying.
    if role in (Role.TASK_FORCE_OFFICER, Role.CITY_STAFF):
        assert can(user, Action.CHANGE, project)


def test_nobody_verifies_rows_without_figures_or_without_a_role(project, users):
    assert not can(users[Role.ADMINISTRATOR], Action.VERIFY, Event)
    assert not can(AnonymousUser(), Action.VERIFY, project)
    inactive = users[Role.DEPARTMENT_STAFF]
    inactive.is_active = False
    assert not can(inactive, Action.VERIFY, project)
