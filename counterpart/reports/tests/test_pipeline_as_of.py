"""The pipeline as of a date follows a hand-built stage history exactly."""

import datetime
from decimal import Decimal

import pytest

from counterpart.industries.models import Industry, Taxonomy
from counterpart.projects.models import Project
from counterpart.projects.services import create_with_history
from counterpart.reports.filters import ReportFilters
from counterpart.reports.pipeline import pipeline

pytestmark = pytest.mark.django_db

D = datetime.date


def make(code, history, regions, investor, industries=(), **fields):
    project = Project(
        code=code,
        name_zh=code,
        source_region=regions["shenzhen"],
        destination_region=regions["harbin"],
        **fields,
    )
    return create_with_history(
        project, history, {"investors": [investor], "industries": list(industries)}
    )


@pytest.fixture
def ledger(regions, investor):
    taxonomy = Taxonomy.objects.create(code="t-4567", name_zh="测试体系")
    industry = Industry.objects.create(taxonomy=taxonomy, code="A", name_zh="甲")
    signed = {"contract_value": Decimal("1000000"), "signed_date": D(2023, 4, 22)}
    make("P-A", [("lead", D(2023, 1, 5)), ("negotiating", D(2023, 3, 1))], regions, investor,
         [industry])  # fmt: skip
    make("P-B", [("lead", D(2023, 2, 1)), ("negotiating", D(2023, 4, 8))], regions, investor)
    make("P-C", [("lead", D(2023, 1, 1)), ("negotiating", D(2023, 2, 1)),
                 ("signed", D(2023, 4, 22))], regions, investor, [industry], **signed)  # fmt: skip
    make("P-D", [("lead", D(2023, 5, 1))], regions, investor)
    return taxonomy


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2022, 12, 31), {}),
        (D(2023, 2, 1), {"lead": 2, "negotiating": 1}),
        (D(2023, 4, 7), {"lead": 1, "negotiating": 2}),
        (D(2023, 4, 8), {"negotiating": 3}),
        (D(2023, 4, 22), {"negotiating": 2, "signed": 1}),
        (D(2023, 6, 1), {"lead": 1, "negotiating": 2, "signed": 1}),
    ],
)
def test_counts_by_stage_as_of_each_day(ledger, day, expected):
    report = pipeline(day, ReportFilters(taxonomy=ledger.code))
    assert {s.stage.value: s.count for s in report.stages if s.count} == expected


def test_coverage_of_the_taxonomy_among_well_formed_projects(ledger):
    report = pipeline(D(2023, 4, 7), ReportFilters(taxonomy=ledger.code))
    assert report.well_formed == 2
    assert len(report.tagged_ids) == 2
    assert report.taxonomy_name_zh == "测试体系"
    later = pipeline(D(2023, 4, 8), ReportFilters(taxonomy=ledger.code))
    assert (later.well_formed, len(later.tagged_ids)) == (3, 2)


def test_another_source_province_sees_nothing(ledger):
    assert pipeline(D(2023, 4, 7), source_province="110000").well_formed == 0
