import pytest
from django.urls import reverse

from counterpart.core.choices import Channel
from counterpart.core.models import ChangeRecord
from counterpart.core.tests.admin_fixtures import one_of_everything
from counterpart.press.models import FigureStatus, ReportedFigure

pytestmark = pytest.mark.django_db


def test_confirm_action_saves_each_figure_and_records_it(admin_client, admin_user):
    one_of_everything(admin_user)
    figure = ReportedFigure.objects.get()
    response = admin_client.post(
        reverse("admin:press_reportedfigure_changelist"),
        {"action": "confirm", "_selected_action": [figure.pk]},
    )
    assert response.status_code == 302
    figure.refresh_from_db()
    assert figure.status == FigureStatus.CONFIRMED
    record = ChangeRecord.objects.for_object(figure).get(action="update")
    assert record.channel == Channel.ADMIN
    assert record.changed_fields == ["status"]
