"""The press pages' forms: ingesting an article, correcting a reported figure, and confirming
an event or organisation proposal (linked to a ledger row, or creating one)."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.validators import FileExtensionValidator
from django.db.models import Case, IntegerField, Q, Value, When
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from counterpart.events.models import Event
from counterpart.geo.models import Region, RegionLevel
from counterpart.organizations.models import Organization, OrganizationKind
from counterpart.projects.choices import ProjectCategory

from .models import ReportedFigure
from .reconcile import SCALES
from .text import ARTICLE_EXTENSIONS, MAX_ARTICLE_BYTES

LANGUAGES = (
    ("auto", gettext_lazy("detect from the text")),
    ("zh", gettext_lazy("Chinese")),
    ("en", gettext_lazy("English")),
)


# Articles one ingestion job takes at most (a folder of a month's press, not an archive).
MAX_FILES = 100


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name; Django's FileField takes one (its documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list:
        uploads = data if isinstance(data, list | tuple) else [data]
        cleaned = [super(MultipleFileField, self).clean(item, initial) for item in uploads]
        return [upload for upload in cleaned if upload]


def article_limit() -> str:
    return f"{MAX_ARTICLE_BYTES // 10**6} MB"  # as text.py writes it in its own message


def too_large_message(size: int, pasted: bool = False) -> str:
    values = {"size": filesizeformat(size), "limit": article_limit()}
    if pasted:
        return _("The pasted text is %(size)s; an article may be at most %(limit)s.") % values
    return _("The file is %(size)s; an article may be at most %(limit)s.") % values


class IngestForm(forms.Form):
    """An article pasted or uploaded (one of the two), its language and where it comes from."""

    text = forms.CharField(
        label=gettext_lazy("Text of the article"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy(
            "Paste the page as copied from the browser, title and date included."
        ),
    )
    file = MultipleFileField(
        label=gettext_lazy("or files"),
        required=False,
        validators=[
            FileExtensionValidator(
                ARTICLE_EXTENSIONS,
                message=gettext_lazy(
                    "“.%(extension)s” files are not articles: choose .txt, .html or .htm files."
                ),
            )
        ],
        widget=MultipleFileInput(attrs={"accept": ".txt,.html,.htm"}),
        help_text=gettext_lazy(
            "Saved pages (.html) or texts (.txt), UTF-8 or GBK; at most %(size)s each. Several "
            "files are ingested in the background, one article after another."
        ),
    )
    lang = forms.ChoiceField(label=gettext_lazy("language"), choices=LANGUAGES, initial="auto")
    url = forms.URLField(
        label=gettext_lazy("address"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text=gettext_lazy("Where the article was published (optional)."),
    )
    publisher = forms.CharField(label=gettext_lazy("publisher"), required=False, max_length=200)

    def __init__(self, *args, too_large: tuple[str, int] | None = None, **kwargs):
        """``too_large``: (file name, size) of an upload dropped as too large; name "" for a
        paste over Django's limit on a request's form data."""
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        field = self.fields["file"]
        field.help_text = field.help_text % {"size": article_limit()}

    def clean_file(self) -> list:
        uploads = self.cleaned_data.get("file") or []
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(
                _("%(n)s files were chosen; at most %(max)s are ingested at once.")
                % {"n": len(uploads), "max": MAX_FILES}
            )
        for upload in uploads:
            if upload.size > MAX_ARTICLE_BYTES:
                raise forms.ValidationError(
                    f"{upload.name}: {too_large_message(upload.size)}"
                    if len(uploads) > 1
                    else too_large_message(upload.size)
                )
        return uploads

    def clean(self):
        cleaned = super().clean()
        if self.too_large:  # dropped as it arrived (views.SizeLimitHandler; a paste: views.ingest)
            name, size = self.too_large
            field = "file" if name else "text"
            self.add_error(field, too_large_message(size, pasted=not name))
            return cleaned
        if self.has_error("file"):
            return cleaned
        text, uploads = cleaned.get("text") or "", cleaned.get("file") or []
        if not text.strip() and not uploads:
            self.add_error("text", _("Paste the text of the article or choose a file."))
        elif text.strip() and uploads:
            self.add_error("file", _("Paste the text or choose a file, not both."))
        elif len(uploads) > 1 and cleaned.get("url"):
            self.add_error("url", _("An address names one article: choose one file, or none."))
        return cleaned

    @property
    def source_field(self) -> str:
        """The field the article came from: where an error reading it is shown."""
        return "file" if self.cleaned_data.get("file") else "text"

    @property
    def several(self) -> bool:
        """Several files: ingested by a background job rather than within the request."""
        return len(self.cleaned_data.get("file") or []) > 1

    def article(self) -> tuple[bytes | str, str]:
        """The article's data and name (the file's; empty for pasted text)."""
        uploads = self.cleaned_data.get("file")
        if uploads:
            return uploads[0].read(), uploads[0].name
        return self.cleaned_data["text"], ""

    def articles(self) -> list[tuple[bytes, str]]:
        """Each file's data and name."""
        return [(upload.read(), upload.name) for upload in self.cleaned_data.get("file") or []]


# "118.5亿", "98.238 billion yuan", "3,000万元": a number, a scale word, the currency.
SCALED_AMOUNT = re.compile(
    r"^\s*(?:rmb|cny)?\s*(?P<number>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>[^\d\s.,元]+?)?\s*"
    r"(?:元|yuan|rmb)?\s*$",
    re.IGNORECASE,
)


class ScaledDecimalField(forms.DecimalField):
    """A value typed as the article writes it (118.5亿, 98.238 billion) or in the base unit."""

    def to_python(self, value):
        match = SCALED_AMOUNT.match(str(value or ""))
        scale = SCALES.get((match["scale"] or "").lower()) if match and match["scale"] else None
        if scale is None:
            return super().to_python(value)
        return super().to_python(Decimal(match["number"].replace(",", "")) * scale)


class ReportedFigureForm(forms.ModelForm):
    """A figure as the reviewer corrects it before confirming: what it says and its scope.
    The quoted words and their place stay as read from the article."""

    class Meta:
        model = ReportedFigure
        fields = (
            "metric",
            "value",
            "unit",
            "qualifier",
            "event",
            "region",
            "source_region",
            "indicator",
            "period_start",
            "period_end",
            "scope_note",
        )
        field_classes = {"value": ScaledDecimalField}
        help_texts = {
            "value": gettext_lazy(
                "In the unit, or as the article writes an amount: 98238000000 or 982.38亿 "
                "(or 98.238 billion); per cent as 12.5."
            ),
        }

    # The subset as the ledger can compute it (reconcile.SIGNING_SUBSET), not as JSON to type.
    signed_on_site = forms.BooleanField(
        label=gettext_lazy("only the projects signed on site"),
        required=False,
        help_text=gettext_lazy("A part of the event's total: 其中现场签约…"),
    )
    category = forms.ChoiceField(
        label=gettext_lazy("only the projects of a category"),
        required=False,
        choices=[("", "—"), *ProjectCategory.choices],
        help_text=gettext_lazy("A part of the total: 其中工业项目…"),
    )
    SUBSET_FIELDS = ("signed_on_site", "category")
    field_order = [*Meta.fields[: Meta.fields.index("scope_note")], *SUBSET_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        value = self.initial.get("value")
        if isinstance(value, Decimal):  # 98238000000, not 98238000000.0000
            text = format(value, "f")
            self.initial["value"] = text.rstrip("0").rstrip(".") if "." in text else text
        subset = self.instance.subset or {}
        self.initial.setdefault("signed_on_site", bool(subset.get("signed_on_site")))
        self.initial.setdefault("category", subset.get("category", ""))

    def clean(self):
        cleaned = super().clean()
        # Keys the form does not show (set through the API) stay as they were.
        subset = {
            key: value
            for key, value in (self.instance.subset or {}).items()
            if key not in self.SUBSET_FIELDS
        }
        if cleaned.get("signed_on_site"):
            subset["signed_on_site"] = True
        if cleaned.get("category"):
            subset["category"] = cleaned["category"]
        self.instance.subset = subset
        return cleaned


# ---------------------------------------------------------------------------- proposals


class EventLinkForm(forms.Form):
    event = forms.ModelChoiceField(
        label=gettext_lazy("event in the ledger"),
        queryset=Event.objects.order_by("-start_date", "code"),
    )


class EventCreateForm(forms.ModelForm):
    """A new ledger event from a proposal; the event's own rules (``Event.clean``) apply."""

    class Meta:
        model = Event
        fields = (
            "code",
            "kind",
            "title_zh",
            "title_en",
            "start_date",
            "end_date",
            "part_of_day",
            "region",
        )


class OrganizationLinkForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=gettext_lazy("organisation in the ledger"), queryset=Organization.objects.all()
    )


class OrganizationCreateForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ("kind", "name_zh", "name_en", "hq_region")


def region_named(place: str) -> Region | None:
    """The region an article's place names (广州, 广州市, Guangzhou), a city before a province
    or a county of the same name; None when it names none."""
    place = (place or "").strip()
    if not place:
        return None
    order = Case(
        When(level=RegionLevel.PREFECTURE, then=Value(0)),
        When(level=RegionLevel.PROVINCE, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        Region.objects.filter(Q(name_zh=place) | Q(short_name_zh=place) | Q(name_en__iexact=place))
        .order_by(order, "code")
        .first()
    )


CJK = re.compile(r"[\u4e00-\u9fff]")
KIND_WORDS = (
    (OrganizationKind.ASSOCIATION, ("商会", "协会", "联合会", "Chamber", "Association")),
    (OrganizationKind.FINANCIAL, ("银行", "证券", "保险", "基金", "Bank", "Securities")),
    (OrganizationKind.RESEARCH, ("研究院", "研究所", "大学", "学院", "Institute", "University")),
    (
        OrganizationKind.GOVERNMENT,
        ("人民政府", "厅", "委员会", "管委会", "Government", "Department", "Bureau", "Commission"),
    ),
)


def proposed_organization_initial(name: str) -> dict:
    """The new organisation's first values: its name in its language and a likely kind."""
    kind = next(
        (kind for kind, words in KIND_WORDS if any(w in name for w in words)),
        OrganizationKind.ENTERPRISE,
    )
    if CJK.search(name):
        return {"kind": kind, "name_zh": name}
    return {"kind": kind, "name_en": name}
