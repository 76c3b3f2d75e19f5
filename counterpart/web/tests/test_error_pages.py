"""Errors a user can meet are pages of the product, in the user's language, with its menu."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_forbidden_page_is_the_products_page_in_the_users_language(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="x", language="en")
    client.force_login(user)
    response = client.get(reverse("press:ingest"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Not allowed" in page and 'href="/"' in page and "navbar" in page


def test_a_missing_page_is_the_products_page(admin_client):
    response = admin_client.get("/no/such/page/")
    assert response.status_code == 404
    assert "navbar" in response.content.decode()
