"""The brief page's form: what the brief is about, in which languages, as which document."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from counterpart.events.models import Event
from counterpart.geo.models import Pairing

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class BriefForm(forms.Form):
    event = forms.CharField(
        label=gettext_lazy("event code"),
        required=False,
        max_length=64,
        help_text=gettext_lazy("The brief of an event."),
    )
    # A select: the pairings are a few dozen (events may be tens of thousands: typed, as
    # elsewhere). Searchable once long (web/static/web/app.js).
    pairing = forms.ChoiceField(
        label=gettext_lazy("pairing"),
        required=False,
        help_text=gettext_lazy("The brief of a city pairing."),
    )
    from_month = forms.CharField(
        label=gettext_lazy("first month"),
        required=False,
        max_length=7,
        help_text=gettext_lazy("The brief of a period: its first month, as 2023-01."),
    )
    to_month = forms.CharField(
        label=gettext_lazy("last month"), required=False, max_length=7, help_text="2023-12"
    )
    as_of = forms.DateField(
        label=gettext_lazy("pipeline as of"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    lang = forms.ChoiceField(
        label=gettext_lazy("language"),
        choices=(
            ("zh", gettext_lazy("Chinese")),
            ("en", gettext_lazy("English")),
            ("both", gettext_lazy("both")),
        ),
        initial="zh",
    )
    format = forms.ChoiceField(
        label=gettext_lazy("document"),
        choices=(("docx", "Word (.docx)"), ("pdf", "PDF")),
        initial="docx",
    )
    unverified = forms.BooleanField(
        label=gettext_lazy("count unverified figures too"), required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        pairings = Pairing.objects.select_related("home_region", "partner_region").order_by("code")
        self.fields["pairing"].choices = [("", "—")] + [
            (p.code, f"{p} ({p.code})") for p in pairings
        ]

    def clean_event(self) -> str:
        code = self.cleaned_data["event"].strip()
        if code and not Event.objects.filter(code=code).exists():
            raise forms.ValidationError(_("No event has the code %(code)s.") % {"code": code})
        return code

    def _month(self, name: str) -> str:
        value = self.cleaned_data[name].strip()
        if value and not MONTH.match(value):
            raise forms.ValidationError(
                _("%(value)s is not a month as YYYY-MM (e.g. 2023-04).") % {"value": value}
            )
        return value

    def clean_from_month(self) -> str:
        return self._month("from_month")

    def clean_to_month(self) -> str:
        return self._month("to_month")

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        subjects = [name for name in ("event", "pairing", "from_month") if cleaned.get(name)]
        if len(subjects) != 1:
            raise forms.ValidationError(
                _("Give one subject: an event code, a pairing code or a period (first month).")
            )
        if cleaned.get("from_month"):
            if not cleaned.get("to_month"):
                self.add_error("to_month", _("A period needs its last month."))
            elif cleaned["to_month"] < cleaned["from_month"]:
                self.add_error("to_month", _("The period ends before it starts."))
        return cleaned

    def params(self) -> dict:
        """What the job needs, as JSON."""
        data = dict(self.cleaned_data)
        data["as_of"] = data["as_of"].isoformat() if data.get("as_of") else ""
        return data

    def title(self) -> str:
        data = self.cleaned_data
        if data["event"]:
            subject = data["event"]
        elif data["pairing"]:
            subject = data["pairing"]
        else:
            subject = f"{data['from_month']} – {data['to_month']}"
        return _("Brief %(subject)s (%(format)s)") % {
            "subject": subject,
            "format": data["format"].upper(),
        }
