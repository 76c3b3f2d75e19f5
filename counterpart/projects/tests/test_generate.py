"""``counterpart generate``: synthetic volume data (no timing here; see benchmarks/generate.py)."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from counterpart.core.choices import ChangeAction, Channel
from counterpart.core.models import ChangeRecord
from counterpart.geo.models import Region, RegionLevel
from counterpart.industries.models import Industry, Taxonomy
from counterpart.organizations.models import Organization
from counterpart.projects import synthetic
from counterpart.projects.choices import STAGE_ORDER, Stage
from counterpart.projects.models import FollowUp, FundsInPlace, Project, StageChange

pytestmark = pytest.mark.django_db

STAGES = [s.value for s in Stage]


def _region(code: str, name: str, level: str, parent: Region | None = None) -> Region:
    return Region.objects.create(code=code, name_zh=name, name_en=name, level=level, parent=parent)


@pytest.fixture
def refdata(db) -> dict:
    """A few regions and a small hlj-4567 taxonomy: enough to generate from."""
    country = _region("000000", "中国", RegionLevel.COUNTRY)
    hlj = _region("230000", "黑龙江省", RegionLevel.PROVINCE, country)
    gd = _region("440000", "广东省", RegionLevel.PROVINCE, country)
    beijing = _region("110000", "北京市", RegionLevel.PROVINCE, country)
    home = [
        _region(code, name, RegionLevel.PREFECTURE, hlj)
        for code, name in (("230100", "哈尔滨市"), ("230200", "齐齐哈尔市"), ("230800", "佳木斯市"))
    ]
    partner = [
        _region(code, name, RegionLevel.PREFECTURE, gd)
        for code, name in (("440100", "广州市"), ("440300", "深圳市"), ("442000", "中山市"))
    ]
    taxonomy = Taxonomy.objects.create(code="hlj-4567", name_zh="4567现代产业体系")
    group = Industry.objects.create(taxonomy=taxonomy, code="4", name_zh="经济发展新引擎")
    leaves = [
        Industry.objects.create(taxonomy=taxonomy, code=code, name_zh=name, parent=group)
        for code, name in (("4-01", "数字经济"), ("4-02", "生物经济"), ("4-03", "冰雪经济"))
    ]
    return {"home": home, "partner": partner, "beijing": beijing, "leaves": leaves}


def generate(**options) -> str:
    out = io.StringIO()
    call_command("generate", stdout=out, **options)
    return out.getvalue()


def snapshot(seed: int) -> dict[str, list]:
    """The generated rows of ``seed`` without keys or timestamps, projects named by code."""
    projects = synthetic.synthetic_projects(seed)
    skip = {"id", "created_at", "updated_at"}
    fields = [f.attname for f in Project._meta.concrete_fields if f.name not in skip]
    return {
        "projects": list(projects.order_by("code").values_list(*fields)),
        "stage_changes": list(
            StageChange.objects.filter(project__in=projects)
            .order_by("project__code", "date", "id")
            .values_list("project__code", "from_stage", "to_stage", "date")
        ),
        "industries": list(
            projects.order_by("code", "industries__code").values_list("code", "industries__code")
        ),
        "investors": list(
            projects.filter(investors__isnull=False)
            .order_by("code", "investors__name_zh")
            .values_list("code", "investors__name_zh", "investors__hq_region__code")
        ),
        "follow_ups": list(
            FollowUp.objects.filter(project__in=projects)
            .order_by("project__code", "date", "kind", "summary", "next_action_due")
            .values_list(
                "project__code",
                "date",
                "kind",
                "summary",
                "next_action",
                "next_action_due",
                "next_action_done",
            )
        ),
        "funds": list(
            FundsInPlace.objects.filter(project__in=projects)
            .order_by("project__code", "month")
            .values_list("project__code", "month", "amount", "source_region__code")
        ),
    }


def test_generates_projects_with_codes_regions_and_links(refdata):
    output = generate(projects=300, followups=120, funds=80, seed=7)

    projects = Project.objects.filter(code__startswith="SYN-7-")
    assert projects.count() == 300
    assert set(projects.values_list("is_sample", flat=True)) == {True}
    assert projects.filter(code="SYN-7-0000001").exists()
    assert projects.filter(code="SYN-7-0000300").exists()
    home_ids = {r.pk for r in refdata["home"]}
    assert set(projects.values_list("destination_region", flat=True)) <= home_ids
    sources = set(projects.values_list("source_region__code", flat=True))
    assert not any(code.startswith("23") for code in sources)
    assert "440000" not in sources  # Guangdong capital comes from its cities
    assert {"440100", "440300", "442000"} & sources and "110000" in sources
    assert set(projects.values_list("stage", flat=True)) == set(STAGES)
    assert projects.filter(project_type="new").count() > 200
    leaf_ids = {leaf.pk for leaf in refdata["leaves"]}
    links = Project.industries.through.objects.filter(project__in=projects)
    assert links.count() == 300
    assert set(links.values_list("industry", flat=True)) <= leaf_ids
    assert FollowUp.objects.filter(project__in=projects).count() == 120
    assert FundsInPlace.objects.filter(project__in=projects).count() == 80
    assert "generated 300 projects in" in output
    assert "projects/s)" in output


def test_every_generated_row_passes_model_validation(refdata):
    generate(projects=300, followups=100, funds=100, seed=3)

    for project in Project.objects.filter(code__startswith="SYN-3-"):
        project.full_clean()
        if STAGE_ORDER[Stage(project.stage)] >= STAGE_ORDER[Stage.SIGNED]:
            assert project.contract_value % 10_000 == 0
            assert project.investors.get().hq_region_id == project.source_region_id
    for follow_up in FollowUp.objects.filter(project__code__startswith="SYN-3-"):
        follow_up.full_clean()
    for funds in FundsInPlace.objects.filter(project__code__startswith="SYN-3-"):
        funds.full_clean()
        assert funds.month.day == 1
        assert funds.project.stage in ("signed", "started", "operating")
        assert funds.month >= funds.project.signed_date.replace(day=1)


def test_some_follow_ups_are_overdue_and_some_done(refdata):
    generate(projects=300, followups=300, seed=4)

    follow_ups = FollowUp.objects.filter(project__code__startswith="SYN-4-")
    overdue = follow_ups.filter(next_action_due__lt=synthetic.AS_OF, next_action_done=None)
    assert overdue.exists()
    assert follow_ups.exclude(next_action_done=None).exists()
    assert follow_ups.filter(next_action="").exists()


def test_stage_history_is_one_ascending_row_per_stage_reached(refdata):
    generate(projects=300, seed=5)

    projects = Project.objects.filter(code__startswith="SYN-5-").prefetch_related("stage_changes")
    for project in projects:
        changes = sorted(project.stage_changes.all(), key=lambda c: (c.date, c.id))
        reached = STAGES[: STAGES.index(project.stage) + 1]
        assert [c.to_stage for c in changes] == reached
        assert [c.from_stage for c in changes] == ["", *reached[:-1]]
        dates = [c.date for c in changes]
        assert dates == sorted(dates) and len(set(dates)) == len(dates)
        assert dates[-1] <= synthetic.AS_OF
        for change in changes:
            if own_date := project.stage_date(change.to_stage):
                assert change.date == own_date
    as_of = Project.objects.filter(code__startswith="SYN-5-").with_stage_as_of(synthetic.AS_OF)
    assert all(p.stage_as_of == p.stage for p in as_of)


def test_same_seed_gives_the_same_rows_after_replace(refdata):
    generate(projects=250, followups=60, funds=60, seed=11)
    first = snapshot(11)
    first_ids = set(synthetic.synthetic_projects(11).values_list("pk", flat=True))

    output = generate(projects=250, followups=60, funds=60, seed=11, replace=True)

    assert "deleted" in output
    assert snapshot(11) == first
    # Keys of deleted rows are not reused: change records refer to rows by key.
    assert first_ids.isdisjoint(synthetic.synthetic_projects(11).values_list("pk", flat=True))
    assert all(first.values())


def test_projects_do_not_depend_on_follow_ups_or_funds_asked_for(refdata):
    generate(projects=120, seed=12)
    plain = snapshot(12)["projects"]
    generate(projects=120, followups=50, funds=50, seed=12, replace=True)
    assert snapshot(12)["projects"] == plain


def test_another_seed_gives_other_codes_and_other_rows(refdata):
    generate(projects=50, seed=1)
    generate(projects=50, seed=2)
    assert Project.objects.filter(code__startswith="SYN-1-").count() == 50
    assert Project.objects.filter(code__startswith="SYN-2-").count() == 50
    stages_1 = list(synthetic.synthetic_projects(1).values_list("stage", "name_zh"))
    stages_2 = list(synthetic.synthetic_projects(2).values_list("stage", "name_zh"))
    assert stages_1 != stages_2


def test_generating_a_seed_again_is_refused_without_replace(refdata):
    generate(projects=20, seed=9)
    with pytest.raises(CommandError, match=r"another --seed, or --replace"):
        generate(projects=20, seed=9)
    assert Project.objects.filter(code__startswith="SYN-9-").count() == 20


def test_one_summary_change_record_for_the_whole_generation(refdata):
    before = ChangeRecord.objects.count()

    generate(projects=200, followups=50, funds=50, seed=21)

    assert ChangeRecord.objects.count() == before + 1
    record = ChangeRecord.objects.order_by("-id").first()
    assert record.action == ChangeAction.CREATE
    assert record.channel == Channel.CLI
    assert record.content_type.model_class() is Project
    assert record.object_id == "SYN-21-*"
    assert record.object_repr == "generate: 200 projects, seed 21"
    assert record.after["seed"] == 21
    assert record.after["rows"]["projects.project"] == 200
    assert record.after["rows"]["projects.followup"] == 50
    assert "projects.stagechange" in record.changed_fields


def test_replace_records_the_deletion_and_the_generation(refdata):
    generate(projects=40, seed=22)
    before = ChangeRecord.objects.count()

    generate(projects=30, seed=22, replace=True)

    deleted, created = ChangeRecord.objects.order_by("id")[before:]
    assert deleted.action == ChangeAction.DELETE
    assert deleted.before["rows"]["projects.project"] == 40
    assert created.action == ChangeAction.CREATE
    assert created.after["rows"]["projects.project"] == 30
    assert deleted.request_id == created.request_id
    assert Project.objects.filter(code__startswith="SYN-22-").count() == 30
    orphans = Organization.objects.filter(name_zh__startswith="SYN-22-", investments=None)
    assert not orphans.exists()


def test_replace_refuses_when_real_data_refers_to_synthetic_rows(refdata):
    generate(projects=20, seed=23)
    base = Project.objects.get(code="SYN-23-0000001")
    Project.objects.create(
        code="REAL-1", name_zh="扩建项目", project_type="expansion", extends=base
    )

    with pytest.raises(CommandError, match="refer to synthetic"):
        generate(projects=20, seed=23, replace=True)

    assert Project.objects.filter(code__startswith="SYN-23-").count() == 20


def test_without_the_4567_taxonomy_projects_have_no_industry(refdata):
    Taxonomy.objects.filter(code="hlj-4567").update(code="gd-clusters")
    generate(projects=30, seed=24)
    projects = synthetic.synthetic_projects(24)
    assert not Project.industries.through.objects.filter(project__in=projects).exists()


def test_missing_regions_say_to_load_reference_data(db):
    with pytest.raises(CommandError, match="load-refdata"):
        generate(projects=10)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"projects": 0}, r"--projects must be between 1 and 10,000,000 \(got 0\)"),
        ({"projects": 10_000_001}, r"--projects must be between 1 and 10,000,000"),
        ({"projects": 5, "followups": -1}, r"--followups must be between 0 and"),
        ({"projects": 5, "funds": -3}, r"--funds must be between 0 and"),
        ({"projects": 5, "seed": -1}, r"--seed must be 0 or more"),
    ],
)
def test_argument_errors(refdata, options, message):
    with pytest.raises(CommandError, match=message):
        generate(**options)
    assert not Project.objects.exists()


def test_projects_is_required(refdata):
    with pytest.raises(CommandError, match="--projects"):
        call_command("generate")


def test_too_few_signed_projects_for_the_funds_asked_for_is_reported(refdata):
    output = generate(projects=2, funds=5_000, seed=25)
    assert "funds rows: too few signed projects" in output


def test_lookup_sql_gives_the_value_at_each_index(db):
    with connection.cursor() as cursor:
        for values in ([0, 0, 0, 5, 5, 9, 9, 9, 4, 7], ["a", "b", "b", "c"], [3]):
            for k, value in enumerate(values):
                cursor.execute(f"SELECT {synthetic.lookup_sql(str(k), values)}")
                assert cursor.fetchone()[0] == value


def test_drawn_shares_follow_the_percentages(refdata):
    generate(projects=4_000, seed=32)

    projects = synthetic.synthetic_projects(32)
    for stage, percent in synthetic.STAGE_PERCENT.items():
        share = projects.filter(stage=STAGES[stage]).count() / 40
        assert abs(share - percent) < 3, (STAGES[stage], share)
    partner = projects.filter(source_region__code__startswith="44").count() / 40
    assert abs(partner - synthetic.PARTNER_SHARE * 100) < 3
    assert len(set(projects.values_list("signed_date", flat=True))) > 500
