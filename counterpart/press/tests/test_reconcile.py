"""Published figures against the ledger: the sample's conference figures agree; a changed
project makes them differ (exit 1); comparisons follow the figure's own unit and rounding."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from counterpart.press.models import ReportedFigure, SourceDocument
from counterpart.press.reconcile import (
    Verdict,
    agrees,
    figures_to_reconcile,
    reconcile,
    reconcile_figure,
    stated_form,
)
from counterpart.projects.models import Project

CONFERENCE = "HLJ-GD-2023-CONF"


def figure(quote: str, value: str, unit: str = "yuan", qualifier: str = "exact", lang="zh"):
    document = SourceDocument(title="t", language=lang, reference="r")
    return ReportedFigure(
        document=document,
        metric="signed_value",
        value=Decimal(value),
        unit=unit,
        qualifier=qualifier,
        quoted_span=quote,
    )


@pytest.mark.parametrize(
    ("quote", "value", "ledger", "expected"),
    [
        ("签约额982.38亿元", "98238000000", "98238000000", True),
        ("签约额982.38亿元", "98238000000", "98238400000", True),  # rounds to 982.38
        ("签约额982.38亿元", "98238000000", "98239000000", False),
        ("98.24 billion yuan", "98240000000", "98238000000", True),  # two decimals
        ("98.238 billion yuan", "98238000000", "98240000000", False),
        ("RMB 5 million", "5000000", "5400000", True),
        ("RMB 5 million", "5000000", "5600000", False),
        ("3,000万元", "30000000", "30000000", True),
        ("一百九十二个", "192", "192", True),
        ("一百九十二个", "192", "193", False),
    ],
)
def test_a_figure_agrees_in_its_own_unit_and_rounding(quote, value, ledger, expected):
    unit = "count" if "个" in quote else "yuan"
    item = figure(quote, value, unit)
    assert agrees(item, Decimal(ledger), stated_form(item)) is expected


@pytest.mark.parametrize(
    ("qualifier", "ledger", "expected"),
    [
        ("more_than", "5000000001", True),
        ("more_than", "5000000000", False),
        ("at_least", "5000000000", True),
        ("at_most", "5000000001", False),
        ("approximate", "4800000000", True),
        ("approximate", "4000000000", False),
    ],
)
def test_qualifiers_change_the_test(qualifier, ledger, expected):
    item = figure("超过50亿元", "5000000000", qualifier=qualifier)
    assert agrees(item, Decimal(ledger), stated_form(item)) is expected


def test_the_difference_is_written_in_the_figures_own_unit():
    item = figure("签约额982.38亿元", "98238000000")
    assert stated_form(item).render(Decimal("98240000000"), "yuan", "zh") == "982.40亿元"
    english = figure("98.238 billion yuan", "98238000000", lang="en")
    assert stated_form(english).render(Decimal("98238000000"), "yuan", "en") == (
        "98.238 billion yuan"
    )


@pytest.mark.usefixtures("sample_data", "db")
class TestTheSampleLedger:
    def test_the_four_conference_figures_agree(self):
        results = reconcile(figures_to_reconcile(CONFERENCE))
        assert len(results) == 4
        assert {r.verdict for r in results} == {Verdict.AGREES}
        out = StringIO()
        call_command("reconcile", "--event", CONFERENCE, stdout=out)  # no error: exit 0

    def test_every_computable_sample_figure_agrees(self):
        results = reconcile(figures_to_reconcile())
        verdicts = {r.figure.quoted_span: r.verdict for r in results}
        assert Verdict.DIFFERS not in verdicts.values(), verdicts
        computable = [q for q, v in verdicts.items() if v == Verdict.AGREES]
        assert len(computable) >= 13

    def test_a_changed_project_value_differs_and_exits_1(self):
        project = (
            Project.objects.filter(signed_event__code=CONFERENCE, project_type="new")
            .order_by("pk")
            .first()
        )
        project.contract_value += Decimal("5000000")
        project.save()
        project.verify(None)  # the new value verified: it is the official figure
        out = StringIO()
        with pytest.raises(CommandError) as error:
            call_command("reconcile", "--event", CONFERENCE, "--json", stdout=out)
        assert error.value.returncode == 1
        rows = {row["quote"]: row for row in json.loads(out.getvalue())}
        total = rows["a total contract value of 98.238 billion yuan"]
        assert total["verdict"] == "differs"
        assert total["difference"] == "+0.005 billion yuan"
        assert total["with_unverified"] == ""  # nothing awaits verification
        assert rows["A total of 192 projects were signed in this event"]["verdict"] == "agrees"

    def test_an_unverified_change_is_left_out_and_said(self):
        """A changed contract value is no longer verified: the official figure leaves the
        project out, and the reconciliation says what counting it would give."""
        project = (
            Project.objects.filter(signed_event__code=CONFERENCE, project_type="new")
            .order_by("pk")
            .first()
        )
        value = project.counted_value
        project.contract_value += Decimal("5000000")
        project.save()
        assert project.verified_at is None
        figures = {f.quoted_span: f for f in figures_to_reconcile(CONFERENCE)}
        total = reconcile_figure(figures["a total contract value of 98.238 billion yuan"])
        assert total.verdict == Verdict.DIFFERS
        assert total.ledger_value == Decimal("98238000000") - value
        assert total.with_unverified == "98.243 billion yuan"
        assert total.with_unverified_verdict == Verdict.DIFFERS
        assert "98.243 billion yuan" in total.unverified_note
        count = reconcile_figure(figures["A total of 192 projects were signed in this event"])
        assert count.verdict == Verdict.DIFFERS and count.ledger_value == 191
        assert (count.with_unverified, count.with_unverified_verdict) == ("192", Verdict.AGREES)

    def test_a_figure_without_an_event_is_not_computable_and_says_why(self):
        item = ReportedFigure.objects.filter(event__code=CONFERENCE).first()
        item.event = None
        [result] = reconcile([item])
        assert result.verdict == Verdict.NOT_COMPUTABLE and result.reason

    def test_an_unknown_event_is_a_usage_error(self):
        with pytest.raises(CommandError) as error:
            call_command("reconcile", "--event", "NO-SUCH-EVENT")
        assert error.value.returncode == 2
