"""The pipeline rules of the model: stage requirements, counting, stage history."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from counterpart.projects.choices import ProjectStatus, ProjectType, Stage
from counterpart.projects.models import FundsInPlace, Project, StageChange
from counterpart.projects.services import change_stage

pytestmark = pytest.mark.django_db


def test_signed_project_without_contract_value_is_rejected_naming_the_field(
    signed_project_kwargs, investor
):
    project = Project(**{**signed_project_kwargs, "contract_value": None})
    project.pending_investors = [investor]
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert list(error.value.message_dict) == ["contract_value"]
    label = str(Project._meta.get_field("contract_value").verbose_name)
    assert label in error.value.message_dict["contract_value"][0]


def test_signed_project_needs_investors_destination_and_date(signed_project_kwargs):
    project = Project(**{**signed_project_kwargs, "destination_region": None, "signed_date": None})
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert set(error.value.message_dict) == {"investors", "destination_region", "signed_date"}


def test_started_project_needs_a_start_date(signed_project_kwargs, investor):
    project = Project(**{**signed_project_kwargs, "stage": Stage.STARTED})
    project.pending_investors = [investor]
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert list(error.value.message_dict) == ["start_date"]
    project.start_date = datetime.date(2023, 6, 1)
    project.full_clean()


def test_a_lead_needs_none_of_it(regions):
    Project(code="L-1", name_zh="线索").full_clean()


def save_signed(kwargs, investor, **changes) -> Project:
    project = Project(**{**kwargs, **changes})
    project.pending_investors = [investor]
    project.full_clean()
    project.save()
    project.investors.add(investor)
    return project


def test_capital_increase_counts_only_its_increment(signed_project_kwargs, investor):
    base = save_signed(
        signed_project_kwargs,
        investor,
        code="BASE",
        contract_value=Decimal("300000000"),
        signed_date=datetime.date(2021, 5, 1),
    )
    increase = save_signed(
        signed_project_kwargs,
        investor,
        code="INC",
        project_type=ProjectType.CAPITAL_INCREASE,
        extends=base,
        contract_value=Decimal("500000000"),
    )
    assert increase.counted_value == Decimal("200000000")
    annotated = Project.objects.with_counted_value().get(pk=increase.pk)
    assert annotated.counted_value == Decimal("200000000")
    total = sum(p.counted_value for p in Project.objects.with_counted_value())
    assert total == Decimal("500000000")  # 300 million once, plus the 200 million increment


def test_capital_increase_needs_the_project_it_increases(signed_project_kwargs, investor):
    project = Project(**{**signed_project_kwargs, "project_type": ProjectType.CAPITAL_INCREASE})
    project.pending_investors = [investor]
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "extends" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        project.save()


def test_capital_increase_below_its_base_is_rejected(signed_project_kwargs, investor):
    base = save_signed(signed_project_kwargs, investor, code="BASE2")
    project = Project(
        **{
            **signed_project_kwargs,
            "code": "INC2",
            "project_type": ProjectType.CAPITAL_INCREASE,
            "extends": base,
            "contract_value": Decimal("1"),
        }
    )
    project.pending_investors = [investor]
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "contract_value" in error.value.message_dict


def test_negative_amounts_are_refused_by_the_database(signed_project_kwargs):
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.create(code="NEG", name_zh="负", contract_value=Decimal("-1"))


def test_start_before_signing_is_refused(signed_project_kwargs, investor):
    project = Project(
        **{
            **signed_project_kwargs,
            "stage": Stage.STARTED,
            "start_date": datetime.date(2023, 1, 1),
        }
    )
    project.pending_investors = [investor]
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "start_date" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        project.save()


def test_status_other_than_active_needs_a_reason(regions):
    project = Project(code="S-1", name_zh="停", status=ProjectStatus.DROPPED)
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "status_reason" in error.value.message_dict


def test_foreign_currency_converts_at_the_given_rate(signed_project_kwargs, investor):
    project = Project(
        **{
            **signed_project_kwargs,
            "contract_value": None,
            "original_currency": "USD",
            "original_amount": Decimal("1000000"),
            "exchange_rate": Decimal("6.8986"),
            "exchange_rate_date": datetime.date(2023, 4, 21),
        }
    )
    project.pending_investors = [investor]
    project.full_clean()
    assert project.contract_value == Decimal("6898600.00")
    project.contract_value = Decimal("7000000")
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "contract_value" in error.value.message_dict


def test_stage_history_is_kept_and_queried_as_of_a_date(regions, investor):
    project = Project(code="P-1", name_zh="流程", destination_region=regions["harbin"])
    project.pending_stage_change = {"date": datetime.date(2023, 1, 10)}
    project.save()
    project.investors.add(investor)
    change_stage(project, Stage.NEGOTIATING, datetime.date(2023, 3, 1), note="first talks")
    project.contract_value = Decimal("5000000")
    project.signed_date = datetime.date(2023, 4, 22)
    change_stage(project, Stage.SIGNED, datetime.date(2023, 4, 22))

    history = list(project.stage_changes.values_list("from_stage", "to_stage", "date"))
    assert history == [
        ("", "lead", datetime.date(2023, 1, 10)),
        ("lead", "negotiating", datetime.date(2023, 3, 1)),
        ("negotiating", "signed", datetime.date(2023, 4, 22)),
    ]
    as_of = Project.objects.with_stage_as_of(datetime.date(2023, 4, 7)).get(pk=project.pk)
    assert as_of.stage_as_of == Stage.NEGOTIATING
    before = Project.objects.with_stage_as_of(datetime.date(2022, 12, 31)).get(pk=project.pk)
    assert before.stage_as_of is None


def test_change_stage_enforces_the_target_stage_and_writes_nothing_on_error(regions, investor):
    project = Project(code="P-2", name_zh="缺", destination_region=regions["harbin"])
    project.pending_stage_change = {"date": datetime.date(2023, 1, 1)}
    project.save()
    project.investors.add(investor)
    with pytest.raises(ValidationError) as error:
        change_stage(project, Stage.SIGNED, datetime.date(2023, 4, 22))
    # The move's date would date the signing; the contract value is what is missing.
    assert set(error.value.message_dict) == {"contract_value"}
    assert project.stage == Stage.LEAD and project.signed_date is None
    project.refresh_from_db()
    assert project.stage == Stage.LEAD
    assert StageChange.objects.filter(project=project).count() == 1


def test_change_stage_takes_what_the_stage_needs_and_dates_it(regions, investor):
    project = Project(code="P-4", name_zh="签", destination_region=regions["harbin"])
    project.pending_stage_change = {"date": datetime.date(2023, 1, 1)}
    project.save()
    change = change_stage(
        project,
        Stage.SIGNED,
        datetime.date(2023, 4, 22),
        note="签约",
        values={"contract_value": Decimal("19.5e8"), "investors": [investor]},
    )
    project.refresh_from_db()
    assert (change.from_stage, change.to_stage, change.note) == ("lead", "signed", "签约")
    assert project.signed_date == datetime.date(2023, 4, 22)
    assert project.contract_value == Decimal("1950000000")
    assert list(project.investors.all()) == [investor]


def test_a_move_back_clears_what_the_earlier_stage_may_not_have(signed_project_kwargs, investor):
    project = Project(**signed_project_kwargs, start_date=datetime.date(2023, 6, 1))
    project.stage = Stage.STARTED
    project.pending_investors = [investor]
    project.save()
    project.investors.add(investor)
    change_stage(project, Stage.NEGOTIATING, datetime.date(2023, 7, 1), note="signing undone")
    project.refresh_from_db()
    assert project.stage == Stage.NEGOTIATING
    assert (project.signed_date, project.start_date) == (None, None)
    assert project.contract_value == signed_project_kwargs["contract_value"]


def test_change_stage_refuses_a_date_before_the_last_move(regions):
    project = Project(code="P-3", name_zh="早")
    project.pending_stage_change = {"date": datetime.date(2023, 3, 1)}
    project.save()
    with pytest.raises(ValidationError) as error:
        change_stage(project, Stage.NEGOTIATING, datetime.date(2023, 2, 1))
    assert "date" in error.value.message_dict


def test_funds_month_is_the_first_of_the_month(signed_project_kwargs, investor, regions):
    project = save_signed(signed_project_kwargs, investor)
    funds = FundsInPlace(
        project=project,
        month=datetime.date(2023, 2, 17),
        amount=Decimal("10"),
        source_region=regions["shenzhen"],
    )
    funds.full_clean()
    assert funds.month == datetime.date(2023, 2, 1)
    funds.month = datetime.date(2023, 2, 17)
    with pytest.raises(IntegrityError), transaction.atomic():
        funds.save()


def test_saving_at_a_new_stage_records_one_move_and_later_saves_none(regions, investor):
    project = Project(code="H-1", name_zh="历史", destination_region=regions["harbin"])
    project.pending_stage_change = {"date": datetime.date(2023, 1, 1)}
    project.save()
    project.investors.add(investor)
    project.stage = Stage.SIGNED
    project.contract_value = Decimal("1000000")
    project.signed_date = datetime.date(2023, 4, 22)
    project.full_clean()
    project.save()
    project.notes = "edited later"
    project.save()
    history = list(project.stage_changes.values_list("from_stage", "to_stage", "date"))
    assert history == [
        ("", "lead", datetime.date(2023, 1, 1)),
        ("lead", "signed", datetime.date(2023, 4, 22)),
    ]
    today = Project.objects.with_stage_as_of(datetime.date.today()).get(pk=project.pk)
    assert today.stage_as_of == Stage.SIGNED


def test_a_move_dated_before_the_last_one_writes_nothing(regions):
    project = Project(code="H-2", name_zh="倒序")
    project.pending_stage_change = {"date": datetime.date(2023, 3, 1)}
    project.save()
    project.stage = Stage.NEGOTIATING
    project.pending_stage_change = {"date": datetime.date(2023, 2, 1)}
    with pytest.raises(ValidationError):
        project.save()
    assert Project.objects.get(pk=project.pk).stage == Stage.LEAD
    assert project.stage_changes.count() == 1


def test_a_lead_cannot_carry_signing_or_start_details(regions):
    project = Project(
        code="H-3",
        name_zh="早",
        signed_date=datetime.date(2023, 4, 22),
        start_date=datetime.date(2023, 5, 1),
        signed_on_site=True,
    )
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert {"signed_date", "start_date", "signed_on_site"} <= set(error.value.message_dict)


def test_a_base_cannot_outgrow_its_capital_increase(signed_project_kwargs, investor):
    base = save_signed(signed_project_kwargs, investor, code="B-1")
    save_signed(
        signed_project_kwargs,
        investor,
        code="I-1",
        project_type=ProjectType.CAPITAL_INCREASE,
        extends=base,
        contract_value=Decimal("150000000"),
    )
    base.contract_value = Decimal("200000000")
    with pytest.raises(ValidationError) as error:
        base.full_clean()
    assert "I-1" in error.value.message_dict["contract_value"][0]


def test_extension_chains_cannot_loop(signed_project_kwargs, investor):
    first = save_signed(signed_project_kwargs, investor, code="X-1")
    second = save_signed(
        signed_project_kwargs, investor, code="X-2", project_type="expansion", extends=first
    )
    first.project_type, first.extends = "expansion", second
    with pytest.raises(ValidationError) as error:
        first.full_clean()
    assert "extends" in error.value.message_dict


def test_the_first_signing_event_cannot_be_a_later_one_too(signed_project_kwargs, investor):
    from counterpart.events.models import Event
    from counterpart.projects.forms import ProjectForm

    event = Event.objects.create(
        code="E-1",
        kind="signing",
        title_zh="签约仪式",
        start_date=datetime.date(2023, 4, 22),
        region=signed_project_kwargs["destination_region"],
    )
    project = Project(**{**signed_project_kwargs, "signed_event": event})
    project.pending_investors = [investor]
    project.pending_later_signing_events = [event]
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "later_signing_events" in error.value.message_dict
    assert "later_signing_events" in ProjectForm.base_fields
