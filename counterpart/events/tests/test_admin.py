import pytest
from django.urls import reverse

from counterpart.events.models import Event, Participation
from counterpart.geo.models import Agreement, Pairing
from counterpart.industries.models import Industry, IndustryMapping
from counterpart.projects.models import TaskForce, TaskForceCity

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "inline_model"),
    [
        (Event, Participation),
        (Pairing, Agreement),
        (Industry, IndustryMapping),
        (TaskForce, TaskForceCity),
    ],
    ids=lambda m: m._meta.label,
)
def test_natural_children_are_edited_inline(admin_client, model, inline_model):
    opts = model._meta
    response = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert response.status_code == 200
    inline_models = {i.formset.model for i in response.context["inline_admin_formsets"]}
    assert inline_model in inline_models
