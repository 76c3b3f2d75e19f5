from django import forms
from django.core.validators import MaxLengthValidator
from django.db import models

from counterpart.industries.filtersets import group_industries

from . import uscc
from .models import Contact, Organization, OrganizationAlias, Ranking

# Room for a code pasted with spaces ("9144 0300 …"); it is 18 characters once normalised.
PASTED_CODE_MAX_LENGTH = 40


def formfield(db_field, **kwargs):
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class OrganizationForm(forms.ModelForm):
    """The organisation form: accepts a credit code pasted with spaces or in lower case.

    Normalising here, before model validation, matters because the model field's 18-character
    limit is checked before ``Organization.clean()`` gets to normalise the code.
    """

    class Meta:
        model = Organization
        formfield_callback = formfield
        fields = (
            "kind",
            "name_zh",
            "name_en",
            "credit_code",
            "credit_code_override",
            "hq_region",
            "parent",
            "industries",
            "website",
            "notes",
            "is_sample",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("credit_code")
        if field is not None:
            field.max_length = PASTED_CODE_MAX_LENGTH
            field.validators = [
                v for v in field.validators if not isinstance(v, MaxLengthValidator)
            ]
            field.widget.attrs["maxlength"] = str(PASTED_CODE_MAX_LENGTH)

    def clean_credit_code(self):
        return uscc.normalize(self.cleaned_data.get("credit_code") or "") or None


class OrganizationEditForm(OrganizationForm):
    """The organisation form of the web pages: industries grouped by taxonomy."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        group_industries(self)


class AliasForm(forms.ModelForm):
    class Meta:
        model = OrganizationAlias
        fields = ("alias", "language")


class RankingForm(forms.ModelForm):
    class Meta:
        model = Ranking
        fields = ("ranking_list", "list_name", "year", "position")


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = (
            "organization",
            "name",
            "name_en",
            "title",
            "phone",
            "email",
            "notes",
            "is_sample",
        )
