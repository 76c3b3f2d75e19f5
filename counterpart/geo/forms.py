from django import forms

from counterpart.organizations.forms import formfield

from .models import Agreement, Pairing, Region, Zone


class RegionForm(forms.ModelForm):
    class Meta:
        model = Region
        fields = ("code", "name_zh", "short_name_zh", "name_en", "level", "parent", "letter_code")


class ZoneForm(forms.ModelForm):
    class Meta:
        model = Zone
        fields = ("name_zh", "name_en", "kind", "region", "operator", "notes")


class PairingForm(forms.ModelForm):
    class Meta:
        model = Pairing
        fields = (
            "code",
            "home_region",
            "partner_region",
            "since_year",
            "parent",
            "source",
            "notes",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        parent.queryset = parent.queryset.select_related("home_region", "partner_region")


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        formfield_callback = formfield
        fields = ("title_zh", "title_en", "signed_date", "date_precision", "event", "url")
