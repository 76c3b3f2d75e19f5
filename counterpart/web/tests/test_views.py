"""Login, language and layout; every object page of the web interface renders."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from counterpart.core.choices import Channel
from counterpart.core.models import ChangeRecord
from counterpart.core.tests.admin_fixtures import one_of_everything
from counterpart.events.models import Event
from counterpart.geo.models import Pairing, Region, Zone
from counterpart.organizations.models import Contact, Organization
from counterpart.projects.models import FollowUp, Project, TaskForce

# A page of the interface (the dashboard at / belongs to the dashboard's own tests).
PAGE = "/regions/"
MODELS = (Region, Zone, Pairing, Organization, Contact, TaskForce, Event, Project, FollowUp)


def name(model, action: str = "") -> str:
    meta = model._meta
    return f"{meta.app_label}:{meta.model_name}" + (f"_{action}" if action else "")


@pytest.fixture
def rows(admin_user):
    return one_of_everything(admin_user)


# ---------------------------------------------------------------------------- login


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/projects/", "/regions/1/", "/events/add/"])
def test_every_page_needs_a_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={path}"


@pytest.mark.django_db
def test_the_login_page_is_chinese_whatever_the_browser_asks(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert response["Content-Language"] == "zh-hans"
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert '<label class="form-label ' in html and 'for="id_username"' in html
    assert 'autocomplete="current-password"' in html


@pytest.mark.django_db
def test_logging_in_leads_to_the_dashboard(client, django_user_model):
    django_user_model.objects.create_user("officer", password="a-long-passphrase")
    response = client.post(
        reverse("login"), {"username": "officer", "password": "a-long-passphrase"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("projects:project_list")).status_code == 200


@pytest.mark.django_db
def test_a_wrong_password_is_refused_with_a_message(client, django_user_model):
    django_user_model.objects.create_user("officer", password="a-long-passphrase")
    response = client.post(reverse("login"), {"username": "officer", "password": "wrong"})
    assert response.status_code == 200
    assert 'class="alert alert-danger"' in response.content.decode()


@pytest.mark.django_db
def test_the_admin_keeps_its_own_login(client, admin_client):
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/login/").status_code == 200
    assert admin_client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_logging_out(admin_client):
    response = admin_client.post(reverse("logout"))
    assert response.status_code == 302
    assert admin_client.get("/").status_code == 302


# ---------------------------------------------------------------------------- language


@pytest.mark.django_db
def test_switching_to_english_and_back(admin_client, admin_user):
    page = admin_client.get(PAGE).content.decode()
    assert "数据看板" in page and "Dashboard" not in page

    response = admin_client.post(
        reverse("set_language"), {"language": "en", "next": "/projects/?stage=signed"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/projects/?stage=signed"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    admin_user.refresh_from_db()
    assert admin_user.language == "en"
    page = admin_client.get("/projects/").content.decode()
    assert '<html lang="en">' in page
    assert "Projects" in page and "Dashboard" in page

    admin_client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    admin_user.refresh_from_db()
    assert admin_user.language == "zh-hans"
    page = admin_client.get(PAGE).content.decode()
    assert "数据看板" in page and "Dashboard" not in page


@pytest.mark.django_db
def test_the_users_language_wins_over_the_cookie(client, django_user_model):
    user = django_user_model.objects.create_user("officer", password="x", language="en")
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    assert client.get(PAGE)["Content-Language"] == "en"


@pytest.mark.django_db
def test_a_language_change_is_in_the_change_log(admin_client, admin_user):
    admin_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    record = ChangeRecord.objects.for_object(admin_user).latest("time")
    assert record.changed_fields == ["language"]
    assert record.channel == Channel.UI
    assert record.user == admin_user


@pytest.mark.django_db
def test_the_language_switch_refuses_to_redirect_elsewhere(admin_client):
    response = admin_client.post(
        reverse("set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")


@pytest.mark.django_db
def test_an_unknown_language_changes_nothing(admin_client, admin_user):
    response = admin_client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert response.status_code == 302
    admin_user.refresh_from_db()
    assert admin_user.language == ""
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


@pytest.mark.django_db
def test_the_language_can_be_chosen_before_logging_in(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/login/"})
    assert response["Location"] == "/login/"
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in page and "Log in" in page


@pytest.mark.django_db
def test_the_language_switch_is_a_keyboard_usable_form(admin_client):
    html = admin_client.get(PAGE).content.decode()
    assert f'action="{reverse("set_language")}"' in html
    assert '<button type="submit" name="language" value="en"' in html


# ---------------------------------------------------------------------------- layout


@pytest.mark.django_db
def test_the_layout_loads_only_local_assets(admin_client):
    html = admin_client.get(PAGE).content.decode()
    for asset in (
        "vendor/bootstrap/bootstrap.min.css",
        "vendor/bootstrap/bootstrap.bundle.min.js",
        "vendor/htmx/htmx.min.js",
        "vendor/noto-sans-sc/noto-sans-sc.css",
        "web/app.css",
    ):
        assert f"/static/{asset}" in html
    assert "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html
    assert 'name="viewport"' in html


def test_the_stylesheet_shows_keyboard_focus_and_uses_the_vendored_font():
    from django.contrib.staticfiles import finders

    css = Path(finders.find("web/app.css")).read_text(encoding="utf-8")
    assert ":focus-visible" in css
    assert '"Noto Sans SC"' in css
    assert finders.find("vendor/noto-sans-sc/noto-sans-sc.css")


@pytest.mark.django_db
def test_the_navbar_lists_the_sections_and_the_admin_for_staff(admin_client, client, rows):
    html = admin_client.get(PAGE).content.decode()
    for model in MODELS:
        assert reverse(name(model, "list")) in html
    assert reverse("admin:index") in html


@pytest.mark.django_db
def test_no_admin_link_for_non_staff(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("officer", password="x"))
    assert reverse("admin:index") not in client.get(PAGE).content.decode()


# ---------------------------------------------------------------------------- every page


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_list_detail_form_and_delete_page_renders(admin_client, rows, model):
    obj = model.objects.order_by("pk").first()
    assert admin_client.get(reverse(name(model, "list"))).status_code == 200
    for action in ("", "edit", "delete"):
        response = admin_client.get(reverse(name(model, action), kwargs={"pk": obj.pk}))
        assert response.status_code == 200, action
    assert admin_client.get(reverse(name(model, "add"))).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_list_exports(admin_client, rows, model):
    for fmt in ("csv", "xlsx"):
        response = admin_client.get(reverse(name(model, "list")), {"export": fmt})
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.django_db
def test_a_user_without_permissions_reads_but_does_not_write(client, django_user_model, rows):
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    project = rows["project"]
    html = client.get(reverse("projects:project", kwargs={"pk": project.pk})).content.decode()
    assert reverse("projects:project_edit", kwargs={"pk": project.pk}) not in html
    assert (
        client.get(reverse("projects:project_edit", kwargs={"pk": project.pk})).status_code == 403
    )
    assert client.get(reverse("projects:project_add")).status_code == 403
    assert (
        client.post(reverse("projects:project_delete", kwargs={"pk": project.pk})).status_code
        == 403
    )
    assert Project.objects.filter(pk=project.pk).exists()


@pytest.mark.django_db
def test_the_admin_still_follows_the_browser_unless_the_user_chose(admin_client, admin_user):
    assert admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "en"
    admin_user.language = "zh-hans"
    admin_user.save()
    assert admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "zh-hans"
