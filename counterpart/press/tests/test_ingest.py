"""Ingesting articles: proposals with their scope, nothing twice, nothing from furniture,
nothing entering the ledger before a person confirms it, and the seeds' facts covered."""

import datetime
import json
import tomllib
from decimal import Decimal
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from counterpart.core.choices import Channel
from counterpart.core.models import ChangeRecord
from counterpart.events.models import Event
from counterpart.press.models import FigureStatus, Proposal, ReportedFigure, SourceDocument
from counterpart.press.reconcile import Verdict, reconcile
from counterpart.press.services import (
    confirm_event,
    confirm_figure,
    confirm_organization,
    ingest,
    reject,
)
from counterpart.press.text import ArticleError
from counterpart.sample.loader import FACTS_FILE

pytestmark = pytest.mark.usefixtures("sample_data", "db")

# Our own words about the sample's conference, as a reporter might write them.
CONFERENCE_ARTICLE = """Heilongjiang and Guangdong sign 192 projects in Shenzhen
Published: April 24, 2023

On the morning of April 22, the Heilongjiang-Guangdong Industrial Cooperation and Open Exchange \
Conference was held in Shenzhen, attended by Tencent. A total of 192 projects were signed at \
the conference, with a total contract value of 98.238 billion yuan.

Related news
Another city signed 400 projects worth 5 billion yuan.
"""

NEW_EVENT_ARTICLE = """七台河江门合作推介会举行
七台河日报
2024-10-26 08:00:00

10月25日，“七台河—江门对口合作项目推介会”在江门市举行。推介会上签约项目9个，签约额23.5亿元。
七台河市走访了江门华信精工科技有限公司。

热门资讯
某地签约项目300个
"""


def confirm_as_new_event(proposal, user) -> Event:
    """Confirm the article's promotion conference as an event the ledger did not have."""
    return confirm_event(
        proposal,
        user,
        code="QTH-JM-2024-10-PROMO",
        kind="promotion",
        title_zh=proposal.name,
        start_date=datetime.date(2024, 10, 25),
        region=Event.objects.get(code="HLJ-GD-2023-CONF").region,
    )


def figures_of(document):
    return {(f.metric, f.value): f for f in ReportedFigure.objects.filter(document=document)}


def test_an_article_proposes_figures_linked_to_the_ledgers_event_and_reconciles_once_confirmed(
    admin_user,
):
    result = ingest(CONFERENCE_ARTICLE, name="conference.txt", user=admin_user,
                    channel=Channel.UI)  # fmt: skip
    document = result.document
    assert result.created_document and document.language == "en"
    assert document.published_date == datetime.date(2023, 4, 24)
    found = figures_of(document)
    count = found[("signed_count", Decimal(192))]
    value = found[("signed_value", Decimal("98238000000"))]
    assert count.event.code == value.event.code == "HLJ-GD-2023-CONF"
    assert document.text[count.span_start : count.span_end] == count.quoted_span
    assert not any(v in (400, Decimal("5000000000")) for _, v in found)  # the sidebar
    assert {f.status for f in found.values()} == {FigureStatus.PROPOSED}
    [event] = [p for p in result.proposals if p.kind == "event"]
    assert event.event.code == "HLJ-GD-2023-CONF" and event.data["first"] == "2023-04-22"
    assert event.data["participants"] == ["Tencent"]  # a known organisation in its sentence
    assert not reconcile(ReportedFigure.objects.filter(document=document, status="confirmed"))
    for figure in (count, value):
        confirm_figure(figure, admin_user)
    verdicts = {r.verdict for r in reconcile([count, value])}
    assert verdicts == {Verdict.AGREES}
    count.refresh_from_db()
    assert (count.reviewed_by, count.status) == (admin_user, FigureStatus.CONFIRMED)
    assert ChangeRecord.objects.for_object(count).filter(channel=Channel.UI).exists()


def test_ingesting_the_same_article_twice_creates_nothing_new():
    first = ingest(CONFERENCE_ARTICLE, name="a.txt")
    proposals, figures = Proposal.objects.count(), ReportedFigure.objects.count()
    records = ChangeRecord.objects.count()
    again = ingest(CONFERENCE_ARTICLE.encode("gb18030"), name="b.txt")
    assert again.document == first.document and not again.created_document
    assert again.created == 0 and again.already == first.created
    assert (Proposal.objects.count(), ReportedFigure.objects.count()) == (proposals, figures)
    assert ChangeRecord.objects.count() == records


def test_the_same_story_with_another_sidebar_or_line_breaks_is_the_same_article():
    first = ingest(NEW_EVENT_ARTICLE, name="a.txt")
    residebarred = NEW_EVENT_ARTICLE.replace("某地签约项目300个", "另一地签约项目12个")
    rewrapped = NEW_EVENT_ARTICLE.replace("。推介会上", "。\n\n推介会上")
    for variant in (residebarred, rewrapped):
        again = ingest(variant, name="b.txt")
        assert again.document == first.document and not again.created_document
    assert ingest(NEW_EVENT_ARTICLE.replace("9个", "8个"), name="c.txt").created_document


def test_the_publisher_a_header_names_is_kept_unless_one_is_given():
    article = NEW_EVENT_ARTICLE.replace("七台河日报\n", "来源：七台河日报  编辑：王五\n")
    assert ingest(article, name="a.txt").document.publisher == "七台河日报"
    other = article.replace("9个", "7个")
    assert ingest(other, name="b.txt", publisher="江门日报").document.publisher == "江门日报"


def test_figures_confirmed_before_their_event_join_it_when_it_is_confirmed(admin_user):
    result = ingest(NEW_EVENT_ARTICLE, name="qth.txt")
    for figure in result.figures:
        confirm_figure(figure, admin_user)
    [proposal] = [p for p in result.proposals if p.kind == "event"]
    event = confirm_as_new_event(proposal, admin_user)
    figures = ReportedFigure.objects.filter(document=result.document)
    assert {(f.event, f.status) for f in figures} == {(event, FigureStatus.CONFIRMED)}


def test_an_undated_bare_head_noun_matches_no_event_of_the_ledger():
    article = """市长出席签约仪式
哈尔滨日报
2023-06-20 08:00:00

日前，市长出席签约仪式并致辞。会议强调，要把项目落到实处。
"""
    result = ingest(article, name="mayor.txt")
    assert all(p.event is None for p in result.proposals if p.kind == "event")


def test_a_new_event_is_created_on_confirmation_and_takes_its_figures(admin_user):
    result = ingest(NEW_EVENT_ARTICLE, name="qth.txt")
    found = figures_of(result.document)
    assert set(found) == {("signed_count", Decimal(9)), ("signed_value", Decimal("2350000000"))}
    assert all(f.event is None for f in found.values())  # not in the ledger yet
    [proposal] = [p for p in result.proposals if p.kind == "event"]
    assert proposal.event is None and proposal.data["first"] == "2024-10-25"
    event = confirm_as_new_event(proposal, admin_user)
    assert {f.event for f in ReportedFigure.objects.filter(document=result.document)} == {event}
    proposal.refresh_from_db()
    assert proposal.status == FigureStatus.CONFIRMED and proposal.event == event
    [organization] = [p for p in result.proposals if p.kind == "organization"]
    assert organization.name == "江门华信精工科技有限公司"
    created = confirm_organization(organization, admin_user, kind="enterprise",
                                   name_zh=organization.name)  # fmt: skip
    assert created.pk and Proposal.objects.get(pk=organization.pk).organization == created


def test_a_rejected_figure_never_counts(admin_user):
    result = ingest(NEW_EVENT_ARTICLE, name="qth.txt")
    figure = result.figures[0]
    reject(figure, admin_user)
    figure.refresh_from_db()
    assert figure.status == FigureStatus.REJECTED and figure.reviewed_by == admin_user


def test_what_is_not_an_article_writes_nothing():
    documents = SourceDocument.objects.count()
    with pytest.raises(ArticleError):
        ingest(b"\x00\x01binary", name="x.txt")
    for slip in ("你好", "x", "会议纪要\n"):
        with translation.override("en"), pytest.raises(ArticleError, match="too short"):
            ingest(slip)
    assert SourceDocument.objects.count() == documents


def test_the_ingest_command(tmp_path):
    path = tmp_path / "qth.txt"
    path.write_text(NEW_EVENT_ARTICLE, encoding="utf-8")
    out = StringIO()
    call_command("ingest", str(path), "--json", stdout=out)
    assert '"new_figures": 2' in out.getvalue()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    with pytest.raises(CommandError) as error:
        call_command("ingest", str(bad), str(path), stdout=StringIO())
    assert error.value.returncode == 2


def test_the_ingest_command_names_each_file_that_is_not_an_article_in_its_json(tmp_path):
    good = tmp_path / "qth.txt"
    good.write_text(NEW_EVENT_ARTICLE, encoding="utf-8")
    pdf = tmp_path / "notes.pdf"
    pdf.write_text(NEW_EVENT_ARTICLE, encoding="utf-8")  # an article's words, not its kind
    missing = tmp_path / "missing.txt"
    out = StringIO()
    documents = SourceDocument.objects.count()
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("ingest", str(pdf), str(missing), str(good), "--json", stdout=out)
    assert error.value.returncode == 2 and "Errno" not in str(error.value)
    first, second, third = json.loads(out.getvalue())
    assert first["file"] == str(pdf) and ".pdf" in first["error"]
    assert second["file"] == str(missing) and "No such file" in second["error"]
    assert third["file"] == str(good) and third["new_figures"] == 2
    assert SourceDocument.objects.count() == documents + 1


def test_the_ingest_command_warns_when_the_language_given_contradicts_the_text(tmp_path):
    path = tmp_path / "qth.txt"
    path.write_text(NEW_EVENT_ARTICLE, encoding="utf-8")
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        call_command("ingest", str(path), "--lang", "en", stdout=out, stderr=err)
    assert "(en," in out.getvalue()  # stored as asked
    assert f"{path}: warning: The text reads as Chinese" in err.getvalue()
    SourceDocument.objects.all().delete()
    out = StringIO()
    with translation.override("en"):
        call_command("ingest", str(path), "--lang", "en", "--json", stdout=out)
    (summary,) = json.loads(out.getvalue())
    assert summary["warnings"] and "read as English" in summary["warnings"][0]
    assert summary["new_events"] == 0  # the Chinese 推介会 is missed, as the warning says


def test_an_article_in_the_language_given_has_no_warning():
    result = ingest(NEW_EVENT_ARTICLE, lang="zh")
    assert result.warnings == [] and result.summary()["new_events"] == 1
    assert ingest(CONFERENCE_ARTICLE).warnings == []


FACTS_EVENTS = {
    "HLJ-GD-2023-DELEGATION",
    "HLJ-GD-2023-CONF",
    "HLJ-COM-2023-03-GD-VISIT",
    "HLJ-CITIES-2023-03-GD-VISITS",
    "SH-ZJ-2023-04-TOURISM",
    "HH-ZH-2023-04-TOURISM",
    "HG-ST-2023-04-TOURISM",
    "MDJ-DG-2023-04-TOURISM",
    "HLJ-GD-2023-04-TOURISM-SEASON",
    "XF-SZ-2023-PROMOTION",
}


@pytest.mark.shared
def test_the_seed_articles_propose_every_figure_of_the_facts():
    """With the sample's confirmed figures removed, ingesting the two seeds proposes each of
    them again (the same metric and value at the same words) and every event of FACTS.md,
    matched to the ledger's; nothing from the sidebar."""
    seeds = settings.SHARED_DIR / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"{seeds} is absent")
    facts = tomllib.loads(FACTS_FILE.read_text(encoding="utf-8"))
    ReportedFigure.objects.all().delete()
    documents = {}
    for doc in facts["documents"]:
        result = ingest((seeds / doc["seed_file"]).read_bytes(), name=doc["seed_file"])
        documents[doc["reference"]] = result.document
    missing = []
    for fact in facts["figures"]:
        document = documents[fact["document"]]
        start = document.text.find(fact["quote"])
        end = start + len(fact["quote"])
        found = ReportedFigure.objects.filter(
            document=document,
            metric=fact["metric"],
            value=Decimal(fact["value"]),
            span_start__lt=end,
            span_end__gt=start,
        )
        if not found.exists():
            missing.append(fact["quote"])
    assert not missing
    # The events of FACTS.md, each proposed and matched to the sample ledger's.
    matched = set(
        Proposal.objects.filter(kind="event", event__isnull=False).values_list(
            "event__code", flat=True
        )
    )
    assert not FACTS_EVENTS - matched
    sidebar = documents["seed-001"].content_bounds[1]
    assert not ReportedFigure.objects.filter(
        document=documents["seed-001"], span_start__gte=sidebar
    ).exists()
