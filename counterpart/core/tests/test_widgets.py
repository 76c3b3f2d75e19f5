"""SearchSelectMultiple: a select over a large table holds only its chosen options."""

import pytest

from counterpart.events.models import Event
from counterpart.projects.filtersets import ProjectFilterSet


@pytest.mark.django_db
def test_only_the_chosen_events_are_options_and_the_others_are_searched(sample_data):
    chosen = Event.objects.get(code="HLJ-GD-2023-CONF")
    form = ProjectFilterSet({"signed_event_id": [str(chosen.pk)]}, Event.objects.none()).form
    html = str(form["signed_event_id"])
    assert html.count("<option") == 1 and f'value="{chosen.pk}"' in html
    assert 'data-search-url="/api/events/events/"' in html
    assert str(ProjectFilterSet({}).form["signed_event_id"]).count("<option") == 0
