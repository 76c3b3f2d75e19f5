"""The reports' parameters (validated, each error naming its parameter) and their results as
JSON: every figure with the ids of the rows it was computed from, as ``serialize.to_data``
gives them, plus the figures the result objects compute (totals, growth, share, medians).

Amounts are strings of digits (``"98238000000.00"``), never floats.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from counterpart.events.models import Event
from counterpart.geo.models import Pairing, Region
from counterpart.indicators.models import Indicator
from counterpart.industries.models import Taxonomy
from counterpart.projects.choices import Stage
from counterpart.projects.models import TaskForce
from counterpart.reports.filters import ReportFilters, month_end


def amount(places: int | None = 2, **kwargs) -> serializers.DecimalField:
    """A Decimal as a string of digits: money with its two decimals (the same on every
    database), measures with theirs, computed ratios unrounded (``places=None``)."""
    return serializers.DecimalField(max_digits=None, decimal_places=places, **kwargs)


def ids(**kwargs) -> serializers.ListField:
    return serializers.ListField(child=serializers.IntegerField(), **kwargs)


# ---------------------------------------------------------------------------- parameters


class MonthField(serializers.CharField):
    """A month as ``2023-04``; its value is the month's first day."""

    default_error_messages = {"invalid_month": _("Give a month like 2023-04.")}

    def to_internal_value(self, data) -> datetime.date:
        text = super().to_internal_value(data)
        try:
            if len(text) != 7:
                raise ValueError(text)
            return datetime.date.fromisoformat(f"{text}-01")
        except ValueError:
            self.fail("invalid_month")


def code_of(model, field: str = "code", label=None):
    """A validator: the code must name a row of ``model``."""

    def validate(value: str) -> str:
        if value and not model.objects.filter(**{field: value}).exists():
            raise serializers.ValidationError(
                _("No %(model)s has the code “%(code)s”.")
                % {"model": model._meta.verbose_name, "code": value}
            )
        return value

    return validate


class FiltersParams(serializers.Serializer):
    """The filters every report accepts (``ReportFilters``)."""

    pairing = serializers.CharField(
        required=False, default="", validators=[code_of(Pairing)], help_text=_("Pairing code.")
    )
    city = serializers.CharField(
        required=False,
        default="",
        validators=[code_of(Region)],
        help_text=_("Destination city (division code)."),
    )
    task_force = serializers.CharField(
        required=False, default="", validators=[code_of(TaskForce)], help_text=_("Task force code.")
    )
    estimates = serializers.BooleanField(
        required=False, default=False, help_text=_("Count estimated figures too.")
    )

    def report_filters(self, **extra) -> ReportFilters:
        data = self.validated_data
        return ReportFilters(
            pairing=data["pairing"],
            city=data["city"],
            task_force=data["task_force"],
            include_estimates=data["estimates"],
            **extra,
        )


class PeriodParams(FiltersParams):
    """An optional period of whole months."""

    from_month = MonthField(required=False, help_text=_("First month, e.g. 2023-01."))
    to_month = MonthField(required=False, help_text=_("Last month, e.g. 2023-12."))

    def validate(self, attrs: dict) -> dict:
        start, end = attrs.get("from_month"), attrs.get("to_month")
        if start and end and end < start:
            raise serializers.ValidationError({"to_month": _("The period ends before it starts.")})
        return attrs

    def period(self) -> dict:
        data, period = self.validated_data, {}
        if data.get("from_month"):
            period["period_start"] = data["from_month"]
        if data.get("to_month"):
            period["period_end"] = month_end(data["to_month"])
        return period


class EventSummaryParams(FiltersParams):
    event = serializers.CharField(validators=[code_of(Event)], help_text=_("Event code."))
    field_taxonomy = serializers.CharField(
        required=False,
        default="",
        validators=[code_of(Taxonomy)],
        help_text=_("Taxonomy of the fields (default: the first the projects carry)."),
    )


class CapitalParams(PeriodParams):
    from_month = MonthField(help_text=_("First month, e.g. 2023-01."))
    to_month = MonthField(help_text=_("Last month, e.g. 2023-12."))
    min_size = amount(
        None,
        required=False,
        allow_null=True,
        min_value=0,
        help_text=_("Projects of at least this planned investment (yuan)."),
    )
    province = serializers.CharField(
        required=False,
        default="230000",
        validators=[code_of(Region)],
        help_text=_("Receiving province (division code)."),
    )


class IndicatorParams(serializers.Serializer):
    indicator = serializers.CharField(
        validators=[code_of(Indicator)], help_text=_("Indicator code, e.g. trade-with-russia.")
    )
    year = serializers.IntegerField(min_value=1949, max_value=9998)
    region = serializers.CharField(
        required=False, default="230000", validators=[code_of(Region)], help_text=_("Region.")
    )


class PipelineParams(FiltersParams):
    as_of = serializers.DateField(required=False, help_text=_("Default: today."))
    taxonomy = serializers.CharField(
        required=False,
        default="",
        validators=[code_of(Taxonomy)],
        help_text=_("Taxonomy whose coverage to report."),
    )
    source_province = serializers.CharField(
        required=False,
        default="440000",
        allow_blank=True,
        validators=[code_of(Region)],
        help_text=_("Source province (division code); empty: every source."),
    )


class LeagueParams(PeriodParams):
    parent = serializers.CharField(
        required=False,
        default="PAIR-HLJ-GD",
        validators=[code_of(Pairing)],
        help_text=_("The provincial pairing whose city pairings are ranked."),
    )


class SupervisionParams(FiltersParams):
    as_of = serializers.DateField(required=False, help_text=_("Default: today."))
    stale_days = serializers.IntegerField(
        required=False, default=90, min_value=1, max_value=36500, help_text=_("Days in one stage.")
    )


class BriefParams(serializers.Serializer):
    """One subject: an event, a period of months, or a pairing."""

    event = serializers.CharField(required=False, validators=[code_of(Event)])
    pairing = serializers.CharField(required=False, validators=[code_of(Pairing)])
    from_month = MonthField(required=False, help_text=_("First month of a period brief."))
    to_month = MonthField(required=False, help_text=_("Last month of a period brief."))
    as_of = serializers.DateField(required=False, help_text=_("Date of the pipeline figures."))
    lang = serializers.ChoiceField(choices=[("zh", "zh"), ("en", "en")], default="zh")

    def validate(self, attrs: dict) -> dict:
        subjects = [name for name in ("event", "pairing", "from_month") if attrs.get(name)]
        if len(subjects) != 1:
            raise serializers.ValidationError(
                {"event": _("Give one of event, pairing or from_month (with to_month).")}
            )
        if attrs.get("from_month"):
            if not attrs.get("to_month"):
                raise serializers.ValidationError({"to_month": _("A period needs its last month.")})
            if attrs["to_month"] < attrs["from_month"]:
                raise serializers.ValidationError(
                    {"to_month": _("The period ends before it starts.")}
                )
        return attrs


class DashboardParams(serializers.Serializer):
    from_month = MonthField(help_text=_("First month, e.g. 2023-01."))
    to_month = MonthField(help_text=_("Last month, e.g. 2023-12."))
    pairing = serializers.CharField(
        required=False,
        default="",
        validators=[code_of(Pairing)],
        help_text=_("A city pairing's code; empty: all pairings."),
    )
    lang = serializers.ChoiceField(choices=[("zh", "zh"), ("en", "en")], default="zh")

    def validate(self, attrs: dict) -> dict:
        if attrs["to_month"] < attrs["from_month"]:
            raise serializers.ValidationError({"to_month": _("The period ends before it starts.")})
        return attrs


# ---------------------------------------------------------------------------- results


class RowSerializer(serializers.Serializer):
    """A ledger row a report names: its id, code and name."""

    id = serializers.IntegerField(source="pk")
    code = serializers.CharField()
    display = serializers.SerializerMethodField()

    def get_display(self, obj) -> str:
        return str(obj)


class FiltersSerializer(serializers.Serializer):
    period_start = serializers.DateField(allow_null=True)
    period_end = serializers.DateField(allow_null=True)
    as_of = serializers.DateField(allow_null=True)
    pairing = serializers.CharField()
    city = serializers.CharField()
    task_force = serializers.CharField()
    taxonomy = serializers.CharField()
    min_project_size = amount(None, allow_null=True)
    include_estimates = serializers.BooleanField()


class TallySerializer(serializers.Serializer):
    count = serializers.IntegerField()
    value = amount()
    project_ids = ids()


class GroupSerializer(serializers.Serializer):
    key = serializers.CharField()
    label_zh = serializers.CharField()
    label_en = serializers.CharField()
    tally = TallySerializer()


class EventSummarySerializer(serializers.Serializer):
    event = RowSerializer()
    filters = FiltersSerializer()
    total = TallySerializer()
    on_site = TallySerializer()
    on_site_industrial = TallySerializer()
    by_category = GroupSerializer(many=True)
    by_field = GroupSerializer(many=True)
    by_destination = GroupSerializer(many=True)
    is_empty = serializers.BooleanField()


class SourceRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    region = RowSerializer()
    amount = amount()
    funds_ids = ids()


class CapitalSerializer(serializers.Serializer):
    receiving = RowSerializer()
    filters = FiltersSerializer()
    rows = SourceRowSerializer(many=True)
    total = amount()


class IndicatorFigureSerializer(serializers.Serializer):
    indicator = RowSerializer()
    region_code = serializers.CharField()
    year = serializers.IntegerField()
    value = amount(4, allow_null=True)
    previous = amount(4, allow_null=True)
    parent_total = amount(4, allow_null=True, help_text=_("The national total of the year."))
    growth = amount(None, allow_null=True, help_text=_("Year-on-year change, per cent, unrounded."))
    share = amount(None, allow_null=True, help_text=_("Share of the national total, per cent."))
    observation_ids = ids()


class StageCountSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    count = serializers.IntegerField()
    project_ids = ids()


class CityCountSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()
    count = serializers.IntegerField()

    def to_representation(self, row) -> dict:
        code, name_zh, name_en, count = row
        return {"code": code, "name_zh": name_zh, "name_en": name_en, "count": count}


class PipelineSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    filters = FiltersSerializer()
    source_province = serializers.CharField()
    stages = StageCountSerializer(many=True)
    by_city = CityCountSerializer(many=True, help_text=_("Well-formed projects per city."))
    well_formed = serializers.IntegerField()
    well_formed_ids = ids()
    tagged_ids = ids()
    taxonomy_name_zh = serializers.CharField()
    taxonomy_name_en = serializers.CharField()


class LeagueFiguresSerializer(serializers.Serializer):
    events = serializers.IntegerField()
    event_ids = ids()
    leads = serializers.IntegerField()
    lead_ids = ids()
    signed = TallySerializer()
    funds = amount()
    funds_ids = ids()


class PairingRowSerializer(LeagueFiguresSerializer):
    rank = serializers.IntegerField()
    pairing = RowSerializer()


class LeagueSerializer(serializers.Serializer):
    parent = RowSerializer()
    filters = FiltersSerializer()
    rows = PairingRowSerializer(many=True)
    total = LeagueFiguresSerializer()


class OverdueActionSerializer(serializers.Serializer):
    follow_up_id = serializers.IntegerField()
    project_id = serializers.IntegerField(allow_null=True)
    project_code = serializers.CharField()
    organization_id = serializers.IntegerField(allow_null=True)
    next_action = serializers.CharField()
    due = serializers.DateField()
    days_overdue = serializers.IntegerField()
    task_force_id = serializers.IntegerField(allow_null=True)
    officer_id = serializers.IntegerField(allow_null=True)


class StaleProjectSerializer(serializers.Serializer):
    project_id = serializers.IntegerField()
    code = serializers.CharField()
    name_zh = serializers.CharField()
    status = serializers.CharField()
    stage = serializers.CharField()
    since = serializers.DateField()
    days_in_stage = serializers.IntegerField()
    task_force_id = serializers.IntegerField(allow_null=True)
    officer_id = serializers.IntegerField(allow_null=True)


class SupervisionGroupSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_("Task force code or officer's user name; empty: none."))
    name_zh = serializers.CharField()
    name_en = serializers.CharField()
    overdue_count = serializers.IntegerField()
    stale_count = serializers.IntegerField()
    follow_up_ids = ids()
    project_ids = ids()


class SupervisionSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    filters = FiltersSerializer()
    stale_days = serializers.IntegerField()
    overdue = OverdueActionSerializer(many=True)
    stale = StaleProjectSerializer(many=True)
    by_task_force = SupervisionGroupSerializer(many=True)
    by_officer = SupervisionGroupSerializer(many=True)


class DurationsSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    median = serializers.FloatField(allow_null=True, help_text=_("Median days."))
    days = ids()
    project_ids = ids()


class CityTimesSerializer(serializers.Serializer):
    region = RowSerializer()
    lead_to_signed = DurationsSerializer()
    signed_to_started = DurationsSerializer()


class TimeInStageSerializer(serializers.Serializer):
    filters = FiltersSerializer()
    cities = CityTimesSerializer(many=True)
    lead_to_signed = DurationsSerializer()
    signed_to_started = DurationsSerializer()
    is_empty = serializers.BooleanField()


class BriefFigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    text = serializers.CharField(help_text=_("The number exactly as the paragraph writes it."))
    value = serializers.CharField(help_text=_("The number in plain digits."))
    source = serializers.CharField(help_text=_("The table of the rows: projects, funds …"))
    ids = ids()
    offset = serializers.IntegerField(help_text=_("Where the number starts in the paragraph."))


class BriefParagraphSerializer(serializers.Serializer):
    text = serializers.CharField()
    figures = BriefFigureSerializer(many=True)


class BriefSerializer(serializers.Serializer):
    """The brief's JSON sidecar (``Brief.to_sidecar``): every number traceable to its rows."""

    title = serializers.CharField()
    lang = serializers.CharField()
    paragraphs = BriefParagraphSerializer(many=True)


@extend_schema_field(OpenApiTypes.STR)
class FigureText(serializers.Field):
    """A count (``"192"``) or an amount in yuan with its two decimals (``"98238000000.00"``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        if isinstance(value, Decimal):
            return format(value.quantize(Decimal("0.01")), "f")
        return str(value)


class LinkField(serializers.DictField):
    """Query parameters of the web list (projects or funds) that shows the rows behind it."""

    def __init__(self, **kwargs):
        super().__init__(child=serializers.CharField(), **kwargs)


class PointSerializer(serializers.Serializer):
    label = serializers.CharField()
    value = FigureText()
    link = LinkField()
    key = serializers.CharField()
    target = serializers.CharField(help_text=_("The list the link filters: projects or funds."))


class HeadlineSerializer(serializers.Serializer):
    key = serializers.CharField()
    value = FigureText()
    money = serializers.BooleanField()
    link = LinkField()
    target = serializers.CharField()


class GraphLinkSerializer(serializers.Serializer):
    source = serializers.CharField()
    target = serializers.CharField()
    value = amount()
    count = serializers.IntegerField()
    link = LinkField()


class DashboardSerializer(serializers.Serializer):
    """The dashboard's figures and chart series, each with the list filter behind it."""

    filters = FiltersSerializer()
    lang = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    headlines = HeadlineSerializer(many=True)
    funnel = PointSerializer(many=True)
    signed_by_month = PointSerializer(many=True)
    by_industry = PointSerializer(many=True)
    capital_by_source = PointSerializer(many=True)
    league = LeagueSerializer(allow_null=True)
    graph_home = serializers.ListField(child=serializers.CharField())
    graph_partner = serializers.ListField(child=serializers.CharField())
    graph_links = GraphLinkSerializer(many=True)
    latest_event = EventSummarySerializer(allow_null=True)
