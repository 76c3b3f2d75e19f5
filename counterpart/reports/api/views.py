"""Every report as a read-only endpoint: parameters validated (an error names the parameter),
the result as JSON with the ids behind each figure.

The report functions read the ledger whole; a user must be allowed to view each model a report
reads (``core.permissions.can``).
"""

import datetime

from django.utils import timezone, translation
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from counterpart.core.api.views import APIView
from counterpart.core.permissions import Action, can
from counterpart.events.models import Event
from counterpart.geo.models import Pairing
from counterpart.indicators.models import Observation
from counterpart.projects.models import FollowUp, FundsInPlace, Project
from counterpart.reports import (
    brief,
    capital,
    dashboard,
    document,
    indicator,
    pairings,
    pipeline,
    signing,
    supervision,
    time_in_stage,
)
from counterpart.reports.filters import ReportFilters, month_end

from . import serializers as s

TAG = ["reports"]


class ReportView(APIView):
    """GET with the report's parameters → its result."""

    params_class: type[s.serializers.Serializer]
    result_class: type[s.serializers.Serializer]
    reads: tuple = (Project,)  # the models the report reads

    def check_permissions(self, request) -> None:
        super().check_permissions(request)
        if not all(can(request.user, Action.VIEW, model) for model in self.reads):
            self.permission_denied(request)

    def respond(self, request) -> Response:
        params = self.params_class(data=request.query_params)
        params.is_valid(raise_exception=True)
        result = self.compute(params)
        return Response(self.result_class(result).data)

    def compute(self, params):
        raise NotImplementedError

    @staticmethod
    def today() -> datetime.date:
        return timezone.localdate()


class EventSummaryView(ReportView):
    """What was signed at an event (with its sub-events): count and value, on site, by
    category, by field and by destination."""

    params_class = s.EventSummaryParams
    result_class = s.EventSummarySerializer
    reads = (Project, Event)

    @extend_schema(tags=TAG, parameters=[s.EventSummaryParams], responses=s.EventSummarySerializer)
    def get(self, request):
        return self.respond(request)

    def compute(self, params):
        data = params.validated_data
        filters = params.report_filters()
        return signing.event_signing_summary(data["event"], filters, data["field_taxonomy"])


class CapitalBySourceView(ReportView):
    """Domestic capital used by a province over whole months, per source province, ranked."""

    params_class = s.CapitalParams
    result_class = s.CapitalSerializer
    reads = (Project, FundsInPlace)

    @extend_schema(tags=TAG, parameters=[s.CapitalParams], responses=s.CapitalSerializer)
    def get(self, request):
        return self.respond(request)

    def compute(self, params):
        data = params.validated_data
        filters = params.report_filters(**params.period(), min_project_size=data.get("min_size"))
        return capital.capital_by_source(filters, data["province"])


class IndicatorView(ReportView):
    """An indicator's yearly value for a region, its year-on-year change and its share of the
    national total."""

    params_class = s.IndicatorParams
    result_class = s.IndicatorFigureSerializer
    reads = (Observation,)

    @extend_schema(tags=TAG, parameters=[s.IndicatorParams], responses=s.IndicatorFigureSerializer)
    def get(self, request):
        return self.respond(request)

    def compute(self, params):
        data = params.validated_data
        return indicator.indicator_figure(data["indicator"], data["year"], data["region"])


class PipelineView(ReportView):
    """Projects by stage as of a date (from the stage history), well-formed ones by city, and
    a taxonomy's coverage."""

    params_class = s.PipelineParams
    result_class = s.PipelineSerializer

    @extend_schema(tags=TAG, parameters=[s.PipelineParams], responses=s.PipelineSerializer)
    def get(self, request):
        return self.respond(request)

    def compute(self, params):
        data = params.validated_data
        filters = params.report_filters(taxonomy=data["taxonomy"])
        as_of = data.get("as_of") or self.today()
        return pipeline.pipeline(as_of, filters, data["source_province"])


class PairingLeagueView(ReportView):
    """Per city pairing of a provincial pairing: events, leads, signings, funds; ranked."""

    params_class = s.LeagueParams
    result_class = s.LeagueSerializer
    reads = (Project, FundsInPlace, Event, Pairing)

    @extend_schema(tags=TAG, parameters=[s.LeagueParams], responses=s.LeagueSerializer)
    def get(self, request):
        return self.respond(request)

    def compute(self, params):
        filters = params.report_filters(**params.period())
        return pairings.pairing_league(filters, params.validated_data["parent"])


class SupervisionView(ReportView):
    """Overdue follow-up actions and stale projects, by task force and by officer."""

    params_class = s.SupervisionParams
    result_class = s.SupervisionSerializer
    reads = (Project, FollowUp)

    @extend_schema(tags=TAG, parameters=[s.SupervisionParams], responses=s.SupervisionSerializer)
    def get(self, request):
        return self.respond(request)

    def compute(self, params):
        data = params.validated_data
        as_of = data.get("as_of") or self.today()
        # The rows the user may read, as on the web page (a city's staff: their cities' items).
        return supervision.supervision(
            as_of, params.report_filters(), data["stale_days"], user=self.request.user
        )


class TimeInStageView(ReportView):
    """Median days from lead to signed and from signed to started, per destination city."""

    params_class = s.PeriodParams
    result_class = s.TimeInStageSerializer

    @extend_schema(tags=TAG, parameters=[s.PeriodParams], responses=s.TimeInStageSerializer)
    def get(self, request):
        return self.respond(request)

    def compute(self, params):
        return time_in_stage.time_in_stage(params.report_filters(**params.period()))


class DashboardView(ReportView):
    """The dashboard's headline figures and chart series for whole months and a pairing."""

    params_class = s.DashboardParams
    result_class = s.DashboardSerializer
    reads = (Project, FundsInPlace, Event, Pairing)

    @extend_schema(tags=TAG, parameters=[s.DashboardParams], responses=s.DashboardSerializer)
    def get(self, request):
        return self.respond(request)

    def compute(self, params):
        data = params.validated_data
        end = month_end(data["to_month"])
        return dashboard.cached_dashboard(data["from_month"], end, data["lang"], data["pairing"])


class BriefView(ReportView):
    """Official-style paragraphs about an event, a period or a pairing, every number with the
    rows behind it (the JSON sidecar of the brief)."""

    params_class = s.BriefParams
    result_class = s.BriefSerializer
    reads = (Project, FundsInPlace, Event, Pairing)

    @extend_schema(tags=TAG, parameters=[s.BriefParams], responses=s.BriefSerializer)
    def get(self, request):
        return self.respond(request)

    def compute(self, params):
        data = params.validated_data
        with translation.override(document.DJANGO_LANGUAGES[data["lang"]]):
            return self.brief(data, data["lang"]).to_sidecar()

    @staticmethod
    def brief(data: dict, lang: str) -> brief.Brief:
        if data.get("event"):
            return brief.event_brief(data["event"], lang)
        if data.get("pairing"):
            filters = ReportFilters(as_of=data.get("as_of"))
            return brief.pairing_brief(data["pairing"], lang, filters)
        end = month_end(data["to_month"])
        return brief.period_brief(data["from_month"], end, lang, as_of=data.get("as_of"))
