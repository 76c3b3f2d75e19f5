"""``counterpart generate``: synthetic volume data (no timing here; see benchmarks/generate.py)."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count

from counterpart.core.choices import ChangeAction, Channel
from counterpart.core.models import ChangeRecord
from counterpart.events.models import Event
from counterpart.geo.models import Region, RegionLevel
from counterpart.industries.models import Industry, Taxonomy
from counterpart.organizations.models import Organization
from counterpart.projects import synthetic
from counterpart.projects.choices import STAGE_ORDER, Stage
from counterpart.projects.models import FollowUp, FundsInPlace, Project, StageChange
from counterpart.reports.filters import ReportFilters
from counterpart.reports.signing import event_signing_summary

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
    """The generated rows of ``seed`` without keys or timestamps, projects and events named by
    code."""
    projects = synthetic.synthetic_projects(seed)
    # the event's code: signed_events; verified_at is the time of generation
    skip = {"id", "created_at", "updated_at", "signed_event", "verified_at"}
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
        "events": list(
            synthetic.synthetic_events(seed)
            .order_by("code")
            .values_list(
                "code",
                "kind",
                "title_zh",
                "title_en",
                "start_date",
                "end_date",
                "region__code",
                "organizer_region__code",
                "attendance",
                "is_sample",
            )
        ),
        "signed_events": list(
            projects.order_by("code").values_list("code", "signed_event__code", "signed_on_site")
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
        # signed figures are loaded verified, so official reports count them (decision 0009)
        assert (project.verified_at is not None) == (project.signed_date is not None)
    for follow_up in FollowUp.objects.filter(project__code__startswith="SYN-3-"):
        follow_up.full_clean()
    for funds in FundsInPlace.objects.filter(project__code__startswith="SYN-3-"):
        funds.full_clean()
        assert funds.month.day == 1
        assert funds.project.stage in ("signed", "started", "operating")
        assert funds.month >= funds.project.signed_date.replace(day=1)
        assert funds.verified_at is not None


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
    generate(projects=250, followups=60, funds=60, events=30, seed=11)
    first = snapshot(11)
    first_ids = set(synthetic.synthetic_projects(11).values_list("pk", flat=True))

    output = generate(projects=250, followups=60, funds=60, events=30, seed=11, replace=True)

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
        ({"projects": 5, "events": -1}, r"--events must be between 0 and 100,000 \(got -1\)"),
        ({"projects": 5, "events": 100_001}, r"--events must be between 0 and 100,000"),
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


# --- events --------------------------------------------------------------------------------


def test_events_are_written_valid_and_spread_over_the_signing_years(refdata):
    output = generate(projects=400, events=150, seed=41)

    events = synthetic.synthetic_events(41)
    assert events.count() == 150
    assert set(events.values_list("is_sample", flat=True)) == {True}
    assert events.filter(code="SYN-41-E000001").exists()
    assert events.filter(code="SYN-41-E000150").exists()
    years = {event.start_date.year for event in events}
    assert years == set(range(synthetic.FIRST_SIGNING.year, synthetic.AS_OF.year + 1))
    by_code = list(events.order_by("code").values_list("start_date", flat=True))
    assert by_code == sorted(by_code)  # numbered in date order
    assert len(set(events.values_list("kind", flat=True))) >= 5
    assert events.exclude(end_date=None).exists()
    home_ids = {r.pk for r in refdata["home"]}
    for event in events:
        event.full_clean()
        assert synthetic.FIRST_SIGNING <= event.start_date <= event.last_date <= synthetic.AS_OF
        assert event.organizer_region_id in home_ids
    assert "150 / 150 events" in output
    assert "400 / 400 projects" in output


def test_signed_projects_are_signed_at_an_event_covering_their_signing_date(refdata):
    # A few events a day, as at full size (20,000 events over 8 years): most signings are
    # covered.
    generate(projects=1_500, events=6_000, seed=42)

    projects = synthetic.synthetic_projects(42).select_related("signed_event")
    signed = [p for p in projects if STAGES.index(p.stage) >= STAGES.index(Stage.SIGNED)]
    at_event = [p for p in signed if p.signed_event_id]
    assert 0.7 * len(signed) < len(at_event) < 0.95 * len(signed)
    on_site = [p for p in at_event if p.signed_on_site]
    assert 0.4 * len(at_event) < len(on_site) < 0.8 * len(at_event)
    for project in at_event:
        event = project.signed_event
        assert event.start_date <= project.signed_date <= event.last_date
        assert event.code.startswith("SYN-42-E")
    unsigned = projects.exclude(stage__in=["signed", "started", "operating"])
    assert not unsigned.exclude(signed_event=None).exists()
    assert not projects.filter(signed_event=None, signed_on_site=True).exists()
    for project in at_event[:200]:
        project.full_clean()


def test_bigger_events_take_more_signings(refdata):
    generate(projects=3_000, events=300, seed=43)

    counts = sorted(
        synthetic.synthetic_events(43)
        .annotate(n=Count("signed_projects"))
        .values_list("n", flat=True)
    )
    assert sum(counts) > 0
    # Skewed: the busiest tenth of the events hold far more than a tenth of the signings.
    assert sum(counts[-30:]) > 0.3 * sum(counts)


def test_the_event_signing_summary_counts_a_generated_event(refdata):
    generate(projects=2_000, events=100, seed=44)
    event = (
        synthetic.synthetic_events(44)
        .annotate(n=Count("signed_projects"))
        .order_by("-n", "code")
        .first()
    )

    summary = event_signing_summary(event.code, ReportFilters(include_unverified=True))

    confirmed = event.signed_projects.filter(contract_value_basis="confirmed")
    assert summary.total.count == confirmed.count() > 1
    assert summary.on_site.count == confirmed.filter(signed_on_site=True).count()


def test_events_change_only_the_projects_signing_event(refdata):
    generate(projects=300, seed=45)
    plain = snapshot(45)
    generate(projects=300, events=40, seed=45, replace=True)
    with_events = snapshot(45)

    assert with_events["projects"] != plain["projects"]  # signed_on_site
    assert with_events["signed_events"] != plain["signed_events"]
    skip = {"id", "created_at", "updated_at", "signed_event", "verified_at"}
    fields = [f.attname for f in Project._meta.concrete_fields if f.name not in skip]
    kept = [k for k, name in enumerate(fields) if name != "signed_on_site"]

    def without_events(rows):
        return [tuple(row[k] for k in kept) for row in rows]

    assert without_events(with_events["projects"]) == without_events(plain["projects"])
    assert with_events["stage_changes"] == plain["stage_changes"]


def test_same_seed_gives_the_same_events_and_signings_after_replace(refdata):
    generate(projects=400, events=60, followups=30, funds=30, seed=46)
    first = snapshot(46)

    output = generate(projects=400, events=60, followups=30, funds=30, seed=46, replace=True)

    assert "60 events.event" in output.split("wrote")[0]  # deleted with the projects
    assert snapshot(46) == first
    assert first["events"] and any(code for _, code, _ in first["signed_events"])
    assert first["projects"] and first["follow_ups"] and first["funds"]


def test_replace_removes_exactly_one_seeds_rows(refdata):
    generate(projects=200, events=30, followups=40, funds=20, seed=47)
    generate(projects=150, events=20, followups=10, funds=10, seed=48)
    other = snapshot(48)

    generate(projects=100, events=10, seed=47, replace=True)

    assert snapshot(48) == other
    assert synthetic.synthetic_projects(47).count() == 100
    assert synthetic.synthetic_events(47).count() == 10
    assert not FollowUp.objects.filter(project__code__startswith="SYN-47-").exists()
    assert Event.objects.count() == 10 + 20


def test_replace_refuses_when_a_real_project_was_signed_at_a_synthetic_event(refdata):
    generate(projects=20, events=5, seed=49)
    event = synthetic.synthetic_events(49).first()
    real = Project.objects.create(code="REAL-2", name_zh="真实项目", project_type="new")
    Project.objects.filter(pk=real.pk).update(signed_event=event)

    with pytest.raises(CommandError, match=r"refer to synthetic .*signed_event"):
        generate(projects=20, events=5, seed=49, replace=True)

    assert synthetic.synthetic_events(49).count() == 5


def test_follow_ups_and_funds_are_written_in_the_counts_asked_for(refdata):
    output = generate(projects=500, followups=2_500, funds=1_000, seed=50)

    projects = synthetic.synthetic_projects(50)
    assert FollowUp.objects.filter(project__in=projects).count() == 2_500
    assert FundsInPlace.objects.filter(project__in=projects).count() == 1_000
    assert "2,500 / 2,500 follow-ups" in output
    assert "1,000 / 1,000 funds in place" in output


def test_the_bulk_writer_is_copy_on_postgresql(db):
    writer = synthetic.bulk_writer(FollowUp, synthetic.FOLLOW_UP_FIELDS)
    expected = synthetic.CopyWriter if connection.vendor == "postgresql" else synthetic.TableWriter
    assert type(writer) is expected


def test_the_table_writer_writes_an_iterator_in_batches(refdata, monkeypatch):
    monkeypatch.setattr(synthetic, "BATCH", 7)
    project = Project.objects.create(code="P-1", name_zh="项目", project_type="new")
    rows = (
        (project.pk, synthetic.AS_OF.isoformat(), "call", f"第{k}次", "", None, None)
        for k in range(30)
    )
    writer = synthetic.TableWriter(FollowUp, synthetic.FOLLOW_UP_FIELDS, {"is_sample": True})
    with connection.cursor() as cursor:
        assert writer.write(cursor, rows) == 30
    assert FollowUp.objects.filter(project=project, is_sample=True).count() == 30


def test_foreign_key_checks_are_back_on_after_the_generation(refdata):
    """On PostgreSQL the generation skips the per-row checks (when the user may) only for its
    own rows: later writes in the same transaction are checked again."""
    if connection.vendor != "postgresql":
        pytest.skip("session_replication_role is PostgreSQL's")
    with connection.cursor() as cursor:
        with synthetic.skip_foreign_key_triggers(cursor) as skipped:
            cursor.execute("SHOW session_replication_role")
            assert cursor.fetchone()[0] == ("replica" if skipped else "origin")
        generate(projects=50, events=5, followups=20, seed=51)
        cursor.execute("SHOW session_replication_role")
        assert cursor.fetchone()[0] == "origin"
