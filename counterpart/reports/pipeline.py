"""The pipeline as of a date: projects by stage (from stage history), by city and by industry."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, QuerySet, Value

from counterpart.industries.models import Taxonomy
from counterpart.projects.choices import Stage
from counterpart.projects.models import Project

from .filters import ReportFilters
from .ids import RowIds, SharedRows


@dataclass
class StageCount:
    stage: Stage
    count: int
    project_ids: RowIds


@dataclass
class Pipeline:
    as_of: datetime.date
    filters: ReportFilters
    source_province: str
    stages: list[StageCount]
    by_city: list[tuple[str, str, str, int]]  # code, name_zh, name_en, well-formed projects
    well_formed_ids: RowIds
    tagged_ids: RowIds  # well-formed projects carrying an industry of filters.taxonomy
    taxonomy_name_zh: str = ""
    taxonomy_name_en: str = ""

    def count(self, stage: str) -> int:
        return next((s.count for s in self.stages if s.stage == stage), 0)

    @property
    def well_formed(self) -> int:
        """Projects in negotiation: past the lead stage, not yet signed (比较成形的合作项目)."""
        return len(self.well_formed_ids)


def scoped_projects(filters: ReportFilters, source_province: str) -> QuerySet:
    """The projects the pipeline looks at, whatever their stage."""
    projects = Project.objects.all()
    if source_province:
        projects = projects.filter(source_region__province__code=source_province)
    # The taxonomy is reported as coverage, not used to narrow the pipeline.
    unrestricted = ReportFilters(**{**filters.__dict__, "taxonomy": ""})
    return unrestricted.projects(projects)


def projects_as_of(as_of: datetime.date, filters: ReportFilters, source_province: str) -> QuerySet:
    """The pipeline's projects that had a stage on ``as_of`` (annotated ``stage_as_of``)."""
    projects = scoped_projects(filters, source_province).with_stage_as_of(as_of)
    return projects.filter(stage_as_of__isnull=False)


def tagged_with(taxonomy: str) -> Exists:
    """Whether a project (the outer row) carries an industry of ``taxonomy``."""
    return Exists(
        Project.industries.through.objects.filter(
            project=OuterRef("pk"), industry__taxonomy__code=taxonomy
        )
    )


CITY = ("destination_region__code", "destination_region__name_zh", "destination_region__name_en")


def counts_by_stage_and_city(
    as_of: datetime.date, filters: ReportFilters, source_province: str
) -> list[dict]:
    """Projects per stage as of the date and destination city (with how many carry an industry
    of ``filters.taxonomy``), most first, in one pass over the projects.

    The stage as of the date (a subquery per project) is their costly part: grouping by it
    computes it once per project, where also filtering out projects without a stage computed
    it twice (PostgreSQL, 100,000 projects: 0.65 s against 1.1 s); the group of projects
    without a stage (stage None) is left to the caller."""
    projects = scoped_projects(filters, source_province).with_stage_as_of(as_of)
    tagged = tagged_with(filters.taxonomy) if filters.taxonomy else None
    return list(
        projects.values("stage_as_of", *CITY)
        .annotate(n=Count("pk"), tagged=Count("pk", filter=tagged) if tagged else Value(0))
        .order_by("-n", CITY[0])
    )


def pipeline(
    as_of: datetime.date, filters: ReportFilters | None = None, source_province: str = "440000"
) -> Pipeline:
    """Projects per stage as of a date, the well-formed (negotiating) ones per city and how many
    of them carry an industry of ``filters.taxonomy``: one query (two with a taxonomy, for its
    name); the ids behind each figure are read only if a renderer uses them."""
    filters = filters or ReportFilters()
    projects = projects_as_of(as_of, filters, source_province)
    rows = counts_by_stage_and_city(as_of, filters, source_province)
    stages = _stage_counts(rows, projects)
    well_formed = [row for row in rows if row["stage_as_of"] == Stage.NEGOTIATING]
    return Pipeline(
        as_of=as_of,
        filters=filters,
        source_province=source_province,
        stages=stages,
        by_city=[_city(row) for row in well_formed],
        well_formed_ids=next(s.project_ids for s in stages if s.stage == Stage.NEGOTIATING),
        tagged_ids=_tagged_ids(well_formed, projects, filters.taxonomy),
        **_taxonomy_names(filters.taxonomy),
    )


def _stage_counts(rows: list[dict], projects: QuerySet) -> list[StageCount]:
    """Every stage's count: the sum of its cities' rows, which the database counted."""
    counts = dict.fromkeys(Stage, 0)
    for row in rows:
        if row["stage_as_of"] is not None:  # no stage yet on the date: not in the pipeline
            counts[row["stage_as_of"]] += row["n"]
    members = SharedRows(projects, "stage_as_of")  # every stage's ids in one query
    return [StageCount(s, counts[s], members.where(counts[s], stage_as_of=s)) for s in Stage]


def _city(row: dict) -> tuple[str, str, str, int]:
    return (row[CITY[0]] or "", row[CITY[1]] or "", row[CITY[2]] or "", row["n"])


def _tagged_ids(well_formed: list[dict], projects: QuerySet, taxonomy: str) -> RowIds:
    if not taxonomy:
        return RowIds()
    tagged = projects.filter(stage_as_of=Stage.NEGOTIATING).filter(tagged_with(taxonomy))
    return RowIds(tagged, sum(row["tagged"] for row in well_formed))


def _taxonomy_names(code: str) -> dict[str, str]:
    taxonomy = Taxonomy.objects.filter(code=code).first() if code else None
    if taxonomy is None:
        return {}
    return {"taxonomy_name_zh": taxonomy.name_zh, "taxonomy_name_en": taxonomy.name_en}
