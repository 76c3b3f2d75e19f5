"""Roles on the user, the permissions tables and Django's permission checks answered from them."""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from counterpart.core import permissions
from counterpart.core.permissions import (
    ALL,
    CITY,
    CITY_OF,
    NONE,
    OWN,
    ROLE_GRANTS,
    Action,
    can,
    city_q,
    masked_fields,
    restrict,
)
from counterpart.events.models import Event
from counterpart.geo.models import Region, RegionLevel
from counterpart.organizations.models import Contact, Organization, OrganizationKind
from counterpart.projects.models import FollowUp, Project, TaskForce, TaskForceCity
from counterpart.users.choices import Role
from counterpart.web.navigation import menu

User = get_user_model()


# ---------------------------------------------------------------------------- the tables


@pytest.mark.django_db
def test_every_scoped_grant_has_a_rule_and_every_rule_a_valid_path():
    for role, (default, grants) in ROLE_GRANTS.items():
        assert default.read in (ALL, NONE) and default.write in (ALL, NONE), role
        for label, grant in grants.items():
            for reach in (grant.read, grant.write):
                assert reach in (ALL, CITY, OWN, NONE), (role, label)
                if reach == CITY:
                    assert label in CITY_OF, (role, label)
                if reach == OWN:
                    assert label in permissions.OWNER_OF, (role, label)
    for label in CITY_OF:
        model = apps.get_model(label)
        # Building the condition checks every path (a wrong one raises ImproperlyConfigured).
        assert model.objects.filter(city_q(model, [1])).count() == 0


# ---------------------------------------------------------------------------- the user


@pytest.mark.django_db
def test_a_role_needs_its_scope_and_only_it(regions):
    harbin, hlj = regions["harbin"], regions["hlj"]
    task_force = TaskForce.objects.create(code="TF-T", name_zh="测试专班")
    cases = [
        ({"role": Role.CITY_STAFF}, "city"),
        ({"role": Role.CITY_STAFF, "city": hlj}, "city"),  # a province is not a city
        ({"role": Role.TASK_FORCE_OFFICER}, "task_force"),
        ({"role": Role.VIEWER, "city": harbin}, "city"),
        ({"role": Role.DEPARTMENT_STAFF, "task_force": task_force}, "task_force"),
    ]
    for values, field in cases:
        user = User(username="u", **values)
        with pytest.raises(ValidationError) as error:
            user.full_clean(exclude=["password"])
        assert field in error.value.message_dict, values
    User(username="c", role=Role.CITY_STAFF, city=harbin).full_clean(exclude=["password"])
    User(username="o", role=Role.TASK_FORCE_OFFICER, task_force=task_force).full_clean(
        exclude=["password"]
    )


@pytest.mark.django_db
def test_the_admin_site_flags_follow_the_role():
    user = User.objects.create_user("u", password="x", is_superuser=True, is_staff=True)
    assert (user.role, user.is_superuser, user.is_staff) == (Role.VIEWER, False, False)
    user.role = Role.DEPARTMENT_STAFF
    user.save(update_fields=["role"])
    user.refresh_from_db()
    assert (user.is_superuser, user.is_staff) == (False, True)
    admin = User.objects.create_superuser("a", password="x")
    assert (admin.role, admin.is_superuser, admin.is_staff) == (Role.ADMINISTRATOR, True, True)


@pytest.mark.django_db
def test_django_permissions_answer_from_the_roles():
    staff = User.objects.create_user("s", password="x", role=Role.DEPARTMENT_STAFF)
    viewer = User.objects.create_user("v", password="x")
    assert staff.has_perm("projects.change_project") and not staff.has_perm("users.change_user")
    assert staff.has_perm("organizations.view_personal_contact")
    assert viewer.has_perm("projects.view_project") and not viewer.has_perm("projects.add_project")
    assert not viewer.has_perm("organizations.view_personal_contact")
    # Groups and per-user permissions grant nothing: the role decides.
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(Permission.objects.get(codename="add_project"))
    viewer = User.objects.get(pk=viewer.pk)
    assert not viewer.has_perm("projects.add_project")
    viewer.is_active = False
    assert not viewer.has_perm("projects.view_project")


# ---------------------------------------------------------------------------- scopes


@pytest.fixture
def scoped(regions):
    harbin, shenzhen, hlj = regions["harbin"], regions["shenzhen"], regions["hlj"]
    qiqihar = Region.objects.create(
        code="230200", name_zh="齐齐哈尔市", level=RegionLevel.PREFECTURE, parent=hlj
    )
    daoli = Region.objects.create(
        code="230102", name_zh="道里区", level=RegionLevel.COUNTY, parent=harbin
    )
    task_force = TaskForce.objects.create(code="TF-H", name_zh="哈尔滨专班")
    TaskForceCity.objects.create(task_force=task_force, city=harbin)
    investor = Organization.objects.create(
        kind=OrganizationKind.ENTERPRISE, name_zh="深圳投资", hq_region=shenzhen
    )
    bystander = Organization.objects.create(
        kind=OrganizationKind.ENTERPRISE, name_zh="齐市企业", hq_region=qiqihar
    )
    home = Project.objects.create(code="P-HOME", name_zh="区县项目", destination_region=daoli)
    home.investors.add(investor)
    away = Project.objects.create(code="P-AWAY", name_zh="外市项目", destination_region=qiqihar)
    return {
        "harbin": harbin,
        "qiqihar": qiqihar,
        "task_force": task_force,
        "investor": investor,
        "bystander": bystander,
        "home": home,
        "away": away,
        "investor_contact": Contact.objects.create(organization=investor, name="投资人"),
        "bystander_contact": Contact.objects.create(organization=bystander, name="路人"),
        "city": User.objects.create_user("c", password="x", role=Role.CITY_STAFF, city=harbin),
        "officer": User.objects.create_user(
            "o", password="x", role=Role.TASK_FORCE_OFFICER, task_force=task_force
        ),
    }


@pytest.mark.django_db
def test_a_city_covers_its_counties_and_contacts_follow_their_links(scoped):
    city = scoped["city"]
    assert list(restrict(Project.objects.all(), city)) == [scoped["home"]]
    # The investor in a Harbin project is Harbin's contact; an unrelated one is not …
    assert set(restrict(Contact.objects.all(), city)) == {scoped["investor_contact"]}
    # … until a Harbin follow-up or event involves them.
    day = datetime.date(2023, 5, 1)
    FollowUp.objects.create(
        organization=scoped["bystander"],
        contact=scoped["bystander_contact"],
        project=scoped["home"],
        date=day,
        kind="call",
        summary="s",
    )
    assert scoped["bystander_contact"] in restrict(Contact.objects.all(), city)
    # A follow-up about a project is where the project is, whatever its organisation's city.
    away_follow_up = FollowUp.objects.create(
        organization=scoped["investor"], project=scoped["away"], date=day, kind="call", summary="s"
    )
    assert away_follow_up not in restrict(FollowUp.objects.all(), city)
    assert not can(city, Action.VIEW, away_follow_up)
    event = Event.objects.create(
        code="E-1",
        kind="promotion",
        title_zh="深圳推介",
        start_date=day,
        region=Region.objects.get(code="440300"),
        organizer_region=scoped["harbin"],
    )
    assert event in restrict(Event.objects.all(), city)  # organised by Harbin, held elsewhere


@pytest.mark.django_db
def test_can_judges_an_object_by_its_values_before_it_is_saved(scoped):
    officer, home = scoped["officer"], scoped["home"]
    assert can(officer, Action.CHANGE, home) and not can(officer, Action.CHANGE, scoped["away"])
    assert can(officer, Action.VIEW, scoped["away"])  # officers read everything
    home.destination_region = scoped["qiqihar"]
    assert not can(officer, Action.CHANGE, home)
    assert can(officer, Action.ADD, Project) and not can(officer, Action.ADD, Organization)
    assert not can(scoped["city"], Action.CHANGE, scoped["investor_contact"])
    assert can(scoped["city"], Action.VIEW, scoped["investor_contact"])
    assert not can(scoped["city"], Action.VIEW, scoped["bystander_contact"])
    assert not can(None, Action.VIEW, Project)


@pytest.mark.django_db
def test_personal_fields_are_masked_for_viewers_and_nobody():
    viewer = User.objects.create_user("v", password="x")
    staff = User.objects.create_user("s", password="x", role=Role.DEPARTMENT_STAFF)
    assert masked_fields(viewer, Contact) == {"phone", "email"}
    assert masked_fields(None, Contact) == {"phone", "email"}
    assert masked_fields(staff, Contact) == frozenset()
    assert masked_fields(staff, User) == {"phone", "email"}
    assert masked_fields(viewer, Project) == frozenset()


@pytest.mark.django_db
def test_the_menu_leaves_out_what_the_user_cannot_do():
    viewer = User.objects.create_user("v", password="x")
    staff = User.objects.create_user("s", password="x", role=Role.DEPARTMENT_STAFF)

    def names(user) -> set[str]:
        with translation.override("en"):
            return {str(i["label"]) for s in menu("/", user) for i in s["items"]}

    assert "Import" not in names(viewer) and "Ingest an article" not in names(viewer)
    assert {"Import", "Ingest an article"} <= names(staff)
    assert "Contacts" in names(viewer)


@pytest.mark.django_db
def test_sample_login_prints_one_user_per_role(client):
    from counterpart.core.testing import run_command

    assert "load-sample" in run_command("sample_login")


@pytest.mark.django_db
def test_the_user_admin_edits_the_role_and_scope(admin_client, regions):
    user = User.objects.create_user("v", password="x")
    url = reverse("admin:users_user_change", args=[user.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="role"' in page and 'name="city"' in page and 'name="task_force"' in page
    assert 'name="language"' in page and 'name="groups"' not in page
    response = admin_client.post(
        url,
        {
            "username": "v",
            "role": Role.CITY_STAFF,
            "city": "",
            "is_active": "on",
            "date_joined_0": "2023-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    assert response.status_code == 200 and "city" in response.context["adminform"].form.errors
    response = admin_client.post(
        url,
        {
            "username": "v",
            "role": Role.CITY_STAFF,
            "city": regions["harbin"].pk,
            "is_active": "on",
            "language": "en",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.role, user.city, user.language) == (Role.CITY_STAFF, regions["harbin"], "en")


@pytest.mark.django_db
def test_an_import_finds_only_the_contacts_and_projects_the_user_may_read(scoped):
    from counterpart.core.parsing import ParseError
    from counterpart.imports.references import References

    city = References(user=scoped["city"])
    assert city.contact(scoped["investor"], "投资人") == scoped["investor_contact"]
    with pytest.raises(ParseError):
        city.contact(scoped["bystander"], "路人")
    with pytest.raises(ParseError):
        city.find("project", "P-AWAY")
    assert References().find("project", "P-AWAY") == scoped["away"]  # the command line
