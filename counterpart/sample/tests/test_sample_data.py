"""The sample ledger yields the published figures of the source articles exactly."""

import datetime
from decimal import ROUND_HALF_UP, Decimal
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Count, Sum

from counterpart.core.models import ChangeRecord
from counterpart.events.models import Event
from counterpart.indicators.models import Observation
from counterpart.organizations.models import Organization
from counterpart.press.models import ReportedFigure
from counterpart.projects.models import FundsInPlace, Project, StageChange, TaskForce
from counterpart.sample import generator

pytestmark = pytest.mark.usefixtures("sample_data", "db")

ONE_DECIMAL = Decimal("0.1")


def conference_projects():
    return Project.objects.with_counted_value().filter(signed_event__code="HLJ-GD-2023-CONF")


def test_conference_signed_192_projects_for_98_238_billion_yuan():
    totals = conference_projects().aggregate(count=Count("id"), value=Sum("counted_value"))
    assert totals == {"count": 192, "value": Decimal("98238000000")}


def test_32_industrial_projects_signed_on_site_for_29_293_billion_yuan():
    on_site = conference_projects().filter(signed_on_site=True, category="industrial")
    totals = on_site.aggregate(count=Count("id"), value=Sum("counted_value"))
    assert totals == {"count": 32, "value": Decimal("29293000000")}
    # Both conditions are needed: other on-site projects exist.
    assert conference_projects().filter(signed_on_site=True).count() > 32


def test_capital_increases_at_the_conference_count_only_their_increment():
    increases = conference_projects().filter(project_type="capital_increase")
    assert increases.count() == 3
    contract_total = conference_projects().aggregate(v=Sum("contract_value"))["v"]
    bases = sum(p.extends.contract_value for p in increases.select_related("extends"))
    assert contract_total - bases == Decimal("98238000000")


def test_conference_projects_cover_the_six_fields():
    fields = set(
        conference_projects()
        .filter(industries__taxonomy__code="hlj-gd-2023-fields")
        .values_list("industries__code", flat=True)
    )
    assert fields == {f.code for f in generator.FIELDS}


def test_guangdong_funds_in_jan_feb_2023_are_1_95_billion_and_rank_second():
    by_province = (
        FundsInPlace.objects.filter(
            month__range=(datetime.date(2023, 1, 1), datetime.date(2023, 2, 28)),
            project__planned_investment__gte=10_000_000,
        )
        .values("source_region__province__code")
        .annotate(total=Sum("amount"))
        .order_by("-total")
    )
    ranking = [(row["source_region__province__code"], row["total"]) for row in by_province]
    assert ranking[1] == ("440000", Decimal("1950000000"))
    assert ranking[0][0] != "440000"


def test_the_size_threshold_and_the_period_matter():
    guangdong = FundsInPlace.objects.filter(source_region__province__code="440000")
    jan_feb = guangdong.filter(month__lt=datetime.date(2023, 3, 1))
    assert jan_feb.aggregate(t=Sum("amount"))["t"] > Decimal("1950000000")
    assert guangdong.aggregate(t=Sum("amount"))["t"] > jan_feb.aggregate(t=Sum("amount"))["t"]


def test_132_well_formed_guangdong_projects_on_7_april_2023_all_4567():
    pipeline = Project.objects.with_stage_as_of(datetime.date(2023, 4, 7)).filter(
        stage_as_of="negotiating", source_region__province__code="440000"
    )
    assert pipeline.count() == 132
    tagged = pipeline.filter(industries__taxonomy__code="hlj-4567").distinct()
    assert tagged.count() == 132
    # Forty of them were signed at the conference a fortnight later.
    assert pipeline.filter(signed_event__code="HLJ-GD-2023-CONF").count() == 40


def test_every_project_history_ends_at_its_stage():
    for project in Project.objects.prefetch_related("stage_changes"):
        changes = sorted(project.stage_changes.all(), key=lambda c: (c.date, c.id))
        assert changes[-1].to_stage == project.stage
        assert [c.from_stage for c in changes[1:]] == [c.to_stage for c in changes[:-1]]


def test_trade_with_russia_2022_reproduces_growth_and_share():
    observations = {
        (o.region.code, o.period_start.year): o.value
        for o in Observation.objects.filter(indicator__code="trade-with-russia")
    }
    value = observations[("230000", 2022)]
    assert value == Decimal("185470000000")
    growth = (value / observations[("230000", 2021)] - 1) * 100
    share = value / observations[("000000", 2022)] * 100
    assert growth.quantize(ONE_DECIMAL, ROUND_HALF_UP) == Decimal("41.3")
    assert share.quantize(ONE_DECIMAL, ROUND_HALF_UP) == Decimal("14.5")


def test_five_task_forces_cover_the_13_cities_with_one_officer_each():
    assert TaskForce.objects.count() == 5
    cities = TaskForce.objects.values_list("cities__city__code", "cities__officer")
    assert len({code for code, _ in cities}) == 13
    assert all(officer for _, officer in cities)


def test_13_cities_held_tourism_promotions_in_guangdong_in_april_2023():
    promotions = Event.objects.filter(
        kind="promotion",
        start_date__range=(datetime.date(2023, 4, 1), datetime.date(2023, 4, 30)),
        region__province__code="440000",
        organizer_region__level="prefecture",
        organizer_region__province__code="230000",
    )
    assert promotions.values("organizer_region").distinct().count() == 13


def test_events_and_organisations_of_the_articles_are_there():
    conference = Event.objects.get(code="HLJ-GD-2023-CONF")
    assert conference.parent.code == "HLJ-GD-2023-DELEGATION"
    assert set(
        conference.participations.filter(role="co_host").values_list(
            "organization__name_en", flat=True
        )
    ) == {"Heilongjiang Provincial Government", "Guangdong Provincial Government"}
    harbin_forum = Event.objects.get(code="HRB-SZ-2023-03-FORUM")
    assert harbin_forum.participations.filter(role="visited").count() == 10
    for name in ("腾讯", "华大基因", "Vanke Group", "健力宝集团", "深圳灵狮文化产业集团"):
        found = (
            Organization.objects.filter(name_zh=name)
            | Organization.objects.filter(name_en=name)
            | Organization.objects.filter(aliases__alias=name)
        )
        assert found.exists(), name
    assert Organization.objects.get(credit_code="914403001922038216").name_en.startswith("Huawei")


def test_pairing_is_over_six_years_old_in_2023():
    from counterpart.geo.models import Pairing

    assert Pairing.objects.get(code="PAIR-HLJ-GD").years_as_of(2023) == 6


@pytest.mark.shared
def test_reported_figures_quote_the_articles_at_their_place():
    figures = ReportedFigure.objects.select_related("document")
    assert figures.count() == 15
    for figure in figures:
        assert figure.span_start is not None, figure.quoted_span
        text = figure.document.text
        assert text[figure.span_start : figure.span_end] == figure.quoted_span
    assert settings.SHARED_DIR.is_dir()


def test_loading_again_changes_nothing():
    records, projects, changes = (
        ChangeRecord.objects.count(),
        Project.objects.count(),
        StageChange.objects.count(),
    )
    out = StringIO()
    call_command("load_sample", stdout=out)
    assert ChangeRecord.objects.count() == records
    assert (Project.objects.count(), StageChange.objects.count()) == (projects, changes)
    assert " 0 created, 0 updated" in out.getvalue()
    assert "updated" not in out.getvalue().replace(" 0 updated", "")


def test_sample_records_are_flagged():
    assert not Project.objects.filter(is_sample=False).exists()
    assert Organization.objects.filter(is_sample=True).count() > 300
    assert not Organization.objects.get(name_zh="华为技术有限公司").is_sample


def test_a_task_force_knows_its_counterpart_cities():
    task_force = TaskForce.objects.get(code="TF-1")
    assert set(task_force.counterpart_cities().values_list("code", flat=True)) == {
        "440300",
        "440100",
        "441200",
    }
