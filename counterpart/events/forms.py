from django import forms

from .models import Event, Participation


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = (
            "code",
            "kind",
            "title_zh",
            "title_en",
            "theme_zh",
            "theme_en",
            "start_date",
            "end_date",
            "date_precision",
            "part_of_day",
            "region",
            "venue",
            "organizer_region",
            "pairing",
            "parent",
            "description",
            "is_sample",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A pairing's label names both regions: fetch them with it.
        pairing = self.fields["pairing"]
        pairing.queryset = pairing.queryset.select_related("home_region", "partner_region")


class ParticipationForm(forms.ModelForm):
    class Meta:
        model = Participation
        fields = ("organization", "role", "contact", "note")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        contact = self.fields["contact"]
        contact.queryset = contact.queryset.select_related("organization")
