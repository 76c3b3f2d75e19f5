import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from counterpart.core.tests.admin_fixtures import credit_code, form_data, organization, regions
from counterpart.organizations import uscc
from counterpart.organizations.models import (
    Organization,
    OrganizationAlias,
    Ranking,
    RankingList,
)

pytestmark = pytest.mark.django_db

ADD = reverse("admin:organizations_organization_add")
CHANGELIST = reverse("admin:organizations_organization_changelist")
# Shenzhen, organisation code 192317458 (a real company's, check character computed).
GOOD_CODE = credit_code("91440300192317458")


def wrong_check(code: str) -> str:
    return code[:17] + next(c for c in uscc.CHARSET if c != code[17])


@pytest.fixture
def places():
    return regions()


def make_organizations(count: int, start: int, places, parent) -> None:
    for i in range(start, start + count):
        org = organization(f"企业{i:03d}", places["shenzhen"], parent=parent)
        OrganizationAlias.objects.create(organization=org, alias=f"别名{i}", language="zh")
        Ranking.objects.create(
            organization=org, ranking_list=RankingList.CHINA_500, year=2023, position=i + 1
        )


def test_organization_changelist_query_count_does_not_grow_with_rows(admin_client, places):
    parent = organization("集团", places["gd"])
    make_organizations(3, 0, places, parent)
    admin_client.get(CHANGELIST)  # warm caches
    with CaptureQueriesContext(connection) as few:
        admin_client.get(CHANGELIST)
    make_organizations(27, 3, places, parent)
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(CHANGELIST)
    assert response.context["cl"].result_count == 31
    assert len(many) == len(few)


def test_changelist_shows_and_searches_credit_code_and_aliases(admin_client, places):
    org = organization("比亚迪股份有限公司", places["shenzhen"], credit_code=GOOD_CODE)
    OrganizationAlias.objects.create(organization=org, alias="BYD", language="en")
    organization("另一家公司", places["harbin"])

    response = admin_client.get(CHANGELIST)
    assert GOOD_CODE in response.content.decode()
    for query in (GOOD_CODE, "BYD", "比亚迪"):
        response = admin_client.get(CHANGELIST, {"q": query})
        assert list(response.context["cl"].result_list) == [org], query


def test_ranking_held_filter(admin_client, places):
    ranked = organization("世界500强企业", places["shenzhen"])
    Ranking.objects.create(
        organization=ranked, ranking_list=RankingList.FORTUNE_GLOBAL_500, year=2022
    )
    Ranking.objects.create(
        organization=ranked, ranking_list=RankingList.FORTUNE_GLOBAL_500, year=2023
    )
    organization("普通企业", places["shenzhen"])
    response = admin_client.get(CHANGELIST, {"ranking": RankingList.FORTUNE_GLOBAL_500})
    assert list(response.context["cl"].result_list) == [ranked]


def organization_post(client, **values) -> dict:
    data = form_data(client.get(ADD))
    data.update({"kind": "enterprise", "name_zh": "比亚迪股份有限公司", **values})
    return data


def test_credit_code_with_a_wrong_check_character_needs_a_reason(admin_client, places):
    bad = wrong_check(GOOD_CODE)
    response = admin_client.post(ADD, organization_post(admin_client, credit_code=bad))
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["credit_code"]
    assert not Organization.objects.exists()

    data = organization_post(
        admin_client, credit_code=bad, credit_code_override="营业执照原件核对无误"
    )
    response = admin_client.post(ADD, data)
    assert response.status_code == 302
    assert Organization.objects.get().credit_code == bad


def test_impossible_credit_code_is_refused(admin_client):
    response = admin_client.post(ADD, organization_post(admin_client, credit_code="123"))
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["credit_code"]


def test_credit_code_is_normalised_on_save(admin_client):
    pasted = " ".join([GOOD_CODE[:6], GOOD_CODE[6:12], GOOD_CODE[12:]]).lower()
    response = admin_client.post(ADD, organization_post(admin_client, credit_code=pasted))
    assert response.status_code == 302
    assert Organization.objects.get().credit_code == GOOD_CODE


def test_aliases_rankings_and_contacts_are_inline(admin_client):
    response = admin_client.get(ADD)
    models = {i.formset.model for i in response.context["inline_admin_formsets"]}
    from counterpart.organizations.models import Contact

    assert models == {OrganizationAlias, Ranking, Contact}


def test_organization_form_covers_every_editable_field():
    from counterpart.organizations.forms import OrganizationForm

    editable = {
        f.name
        for f in Organization._meta.get_fields()
        if getattr(f, "editable", False) and not f.auto_created and (f.concrete or f.many_to_many)
    } - {"created_at", "updated_at"}
    assert editable == set(OrganizationForm._meta.fields)
