"""The pipeline as of a date: projects by stage (from stage history), by city and by industry."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from counterpart.industries.models import Taxonomy
from counterpart.projects.choices import Stage
from counterpart.projects.models import Project

from .filters import ReportFilters


@dataclass
class StageCount:
    stage: Stage
    count: int
    project_ids: list[int]


@dataclass
class Pipeline:
    as_of: datetime.date
    filters: ReportFilters
    source_province: str
    stages: list[StageCount]
    by_city: list[tuple[str, str, str, int]]  # code, name_zh, name_en, well-formed projects
    well_formed_ids: list[int]
    tagged_ids: list[int]  # well-formed projects carrying an industry of filters.taxonomy
    taxonomy_name_zh: str = ""
    taxonomy_name_en: str = ""

    def count(self, stage: str) -> int:
        return next((s.count for s in self.stages if s.stage == stage), 0)

    @property
    def well_formed(self) -> int:
        """Projects in negotiation: past the lead stage, not yet signed (比较成形的合作项目)."""
        return len(self.well_formed_ids)


def projects_as_of(as_of: datetime.date, filters: ReportFilters, source_province: str) -> QuerySet:
    projects = Project.objects.with_stage_as_of(as_of).filter(stage_as_of__isnull=False)
    if source_province:
        projects = projects.filter(source_region__province__code=source_province)
    # The taxonomy is reported as coverage, not used to narrow the pipeline.
    unrestricted = ReportFilters(**{**filters.__dict__, "taxonomy": ""})
    return unrestricted.projects(projects)


def pipeline(
    as_of: datetime.date, filters: ReportFilters | None = None, source_province: str = "440000"
) -> Pipeline:
    filters = filters or ReportFilters()
    projects = projects_as_of(as_of, filters, source_province)
    members: dict[str, list[int]] = {}
    for pk, stage in projects.order_by("pk").values_list("pk", "stage_as_of"):
        members.setdefault(stage, []).append(pk)
    stages = [StageCount(s, len(members.get(s, [])), members.get(s, [])) for s in Stage]
    well_formed = projects.filter(stage_as_of=Stage.NEGOTIATING)
    tagged = (
        well_formed.filter(industries__taxonomy__code=filters.taxonomy).distinct()
        if filters.taxonomy
        else well_formed.none()
    )
    by_city = [
        (row["destination_region__code"] or "", row["destination_region__name_zh"] or "",
         row["destination_region__name_en"] or "", row["n"])
        for row in well_formed.values(
            "destination_region__code", "destination_region__name_zh", "destination_region__name_en"
        ).annotate(n=Count("pk")).order_by("-n", "destination_region__code")
    ]  # fmt: skip
    return Pipeline(
        as_of=as_of,
        filters=filters,
        source_province=source_province,
        stages=stages,
        by_city=by_city,
        well_formed_ids=members.get(Stage.NEGOTIATING, []),
        tagged_ids=sorted(tagged.values_list("pk", flat=True)),
        **_taxonomy_names(filters.taxonomy),
    )


def _taxonomy_names(code: str) -> dict[str, str]:
    taxonomy = Taxonomy.objects.filter(code=code).first() if code else None
    if taxonomy is None:
        return {}
    return {"taxonomy_name_zh": taxonomy.name_zh, "taxonomy_name_en": taxonomy.name_en}
