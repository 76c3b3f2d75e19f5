"""Organisation and contact pages: search by aliases, related lists, inline aliases, exports."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from counterpart.core.tests.admin_fixtures import one_of_everything
from counterpart.organizations.models import Contact, Organization

LIST = reverse("organizations:organization_list")
CONTACTS = reverse("organizations:contact_list")


@pytest.fixture
def rows(admin_user):
    rows = one_of_everything(admin_user)
    Contact.objects.filter(pk=rows["org"].contacts.get().pk).update(
        phone="0451-12345678", email="zhang@example.cn"
    )
    return rows


def names(response) -> list[str]:
    return [o.name_zh for o in response.context["table"].data]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["比亚迪股份", "byd", "比亚迪", "91440300"])
def test_search_by_name_english_name_alias_or_credit_code(admin_client, rows, query):
    assert names(admin_client.get(LIST, {"q": query})) == ["比亚迪股份有限公司"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"kind": "enterprise"},
        {"hq_region": "440000"},
        {"taxonomy": "hlj-4567"},
        {"ranking": "fortune_global_500"},
        {"has_credit_code": "true"},
    ],
)
def test_filters(admin_client, rows, params):
    assert names(admin_client.get(LIST, params)) == ["比亚迪股份有限公司"]


@pytest.mark.django_db
def test_the_list_counts_projects_and_contacts(admin_client, rows):
    org = admin_client.get(LIST).context["table"].data[0]
    assert (org.project_count, org.contact_count) == (1, 1)


@pytest.mark.django_db
def test_the_detail_page_lists_contacts_projects_and_events(admin_client, rows):
    org = rows["org"]
    response = admin_client.get(reverse("organizations:organization", kwargs={"pk": org.pk}))
    html = response.content.decode()
    assert "张三" in html and "新能源汽车项目" in html and "黑龙江—广东对口合作大会" in html
    assert f"{reverse('organizations:contact_add')}?organization={org.pk}" in html
    assert "世界500强" in html or "财富世界500强" in html


@pytest.mark.django_db
def test_aliases_are_edited_with_the_organisation(admin_client, rows):
    org = rows["org"]
    url = reverse("organizations:organization_edit", kwargs={"pk": org.pk})
    response = admin_client.get(url)
    aliases = dict(response.context["formsets"])["别名"]
    rankings = dict(response.context["formsets"])["榜单排名"]
    data = {
        "kind": org.kind,
        "name_zh": org.name_zh,
        "name_en": org.name_en,
        "credit_code": org.credit_code,
        "hq_region": org.hq_region_id,
        "_version": org.version,
        "industries": [i.pk for i in org.industries.all()],
        "aliases-TOTAL_FORMS": "3",
        "aliases-INITIAL_FORMS": "1",
        "aliases-0-id": aliases.forms[0].instance.pk,
        "aliases-0-alias": "比亚迪",
        "aliases-0-language": "zh",
        "aliases-1-alias": "BYD Company",
        "aliases-1-language": "en",
        "rankings-TOTAL_FORMS": "2",
        "rankings-INITIAL_FORMS": "1",
        "rankings-0-id": rankings.forms[0].instance.pk,
        "rankings-0-ranking_list": "fortune_global_500",
        "rankings-0-year": "2023",
        "rankings-0-position": "212",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert sorted(org.aliases.values_list("alias", flat=True)) == ["BYD Company", "比亚迪"]
    assert names(admin_client.get(LIST, {"q": "byd company"})) == ["比亚迪股份有限公司"]


@pytest.mark.django_db
def test_a_credit_code_pasted_with_spaces_is_accepted(admin_client, rows):
    code = rows["org"].credit_code
    Organization.objects.filter(pk=rows["org"].pk).update(credit_code=None)
    spaced = " ".join(code[i : i + 4] for i in range(0, 18, 4)).lower()
    response = admin_client.post(
        reverse("organizations:organization_add"),
        {
            "kind": "enterprise",
            "name_zh": "另一家公司",
            "credit_code": spaced,
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
            "rankings-TOTAL_FORMS": "0",
            "rankings-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert Organization.objects.get(name_zh="另一家公司").credit_code == code


@pytest.mark.django_db
def test_a_bad_credit_code_is_shown_beside_its_field(admin_client, rows):
    response = admin_client.post(
        reverse("organizations:organization_add"),
        {
            "kind": "enterprise",
            "name_zh": "另一家公司",
            "credit_code": "91440300192317458X",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
            "rankings-TOTAL_FORMS": "0",
            "rankings-INITIAL_FORMS": "0",
        },
    )
    assert "credit_code" in response.context["form"].errors
    assert 'id="id_credit_code_error"' in response.content.decode()


@pytest.mark.django_db
def test_contact_exports_leave_personal_data_out_unless_asked(admin_client, rows):
    plain = admin_client.get(CONTACTS, {"export": "csv"}).content.decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(plain)))
    assert "电话" not in header and "zhang@example.cn" not in plain
    full = admin_client.get(CONTACTS, {"export": "csv", "personal": "1"}).content.decode(
        "utf-8-sig"
    )
    assert "zhang@example.cn" in full and "0451-12345678" in full


@pytest.mark.django_db
def test_personal_data_is_exported_only_for_those_who_may_see_it(client, rows):
    """Reading contacts is not enough: a viewer sees the phone and e-mail masked, even when
    asking for them; department staff get them."""
    user = get_user_model().objects.create_user("clerk", password="x-Clerk-2023", role="viewer")
    client.force_login(user)
    page = client.get(CONTACTS)
    assert not any("personal=1" in url for _label, url in page.context["export_urls"])
    asked = client.get(CONTACTS, {"export": "csv", "personal": "1"}).content.decode("utf-8-sig")
    assert "zhang@example.cn" not in asked and "0451-12345678" not in asked
    user.role = "department_staff"
    user.save()
    client.force_login(user)
    allowed = client.get(CONTACTS, {"export": "csv", "personal": "1"}).content.decode("utf-8-sig")
    assert "zhang@example.cn" in allowed


@pytest.mark.django_db
def test_contacts_are_found_by_their_organisation(admin_client, rows):
    response = admin_client.get(CONTACTS, {"q": "byd"})
    assert [c.name for c in response.context["table"].data] == ["张三"]
    response = admin_client.get(CONTACTS, {"organization_id": rows["org"].pk})
    assert [c.name for c in response.context["table"].data] == ["张三"]


@pytest.mark.django_db
def test_deleting_a_contact_keeps_the_follow_up(admin_client, rows):
    contact = rows["org"].contacts.get()
    url = reverse("organizations:contact_delete", kwargs={"pk": contact.pk})
    assert admin_client.post(url).status_code == 302
    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert rows["project"].follow_ups.get().contact is None
