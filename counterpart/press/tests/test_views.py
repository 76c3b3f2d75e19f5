"""Press pages: the article list, ingesting an article, the review page (highlighted text,
confirm and reject, events and organisations linked or created), reported figures and the
reconciliation of confirmed figures with the ledger."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from counterpart.core.models import ChangeRecord
from counterpart.events.models import Event
from counterpart.geo.models import Region
from counterpart.organizations.models import Organization
from counterpart.press.forms import article_limit
from counterpart.press.models import (
    FigureStatus,
    Proposal,
    ProposalKind,
    ReportedFigure,
    SourceDocument,
)
from counterpart.press.text import MAX_ARTICLE_BYTES, language_warning, read_article
from counterpart.projects.models import Project

pytestmark = pytest.mark.usefixtures("sample_data", "db")

CONFERENCE = "HLJ-GD-2023-CONF"
HTMX = {"HTTP_HX_REQUEST": "true"}
ARTICLE = """黑龙江与广东合作项目签约
2023-06-10

6月9日，2023年哈尔滨—深圳经贸合作推介会在深圳举行，由哈尔滨市人民政府主办。会上共签约项目56个，签约总额320.5亿元。深圳市新星科技有限公司等企业参加。

热门资讯
某某新闻 签约100个
"""


def review(document) -> str:
    return reverse("press:sourcedocument_detail", kwargs={"pk": document.pk})


def html(response) -> str:
    return response.content.decode()


def place(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def article(reference="test-article", text=None, **values) -> SourceDocument:
    text = (
        text
        if text is not None
        else "首页 > 新闻\n4月22日，会上签约项目56个，金额320.5亿元。\n相关新闻：签约100个"
    )
    if "content_start" not in values:
        values["content_start"] = text.index("4月")
    if "content_end" not in values:
        values["content_end"] = text.index("相关新闻")
    return SourceDocument.objects.create(
        title="测试文章", language="zh", reference=reference, text=text, **values
    )


def figure(document, words: str, value: str, metric="signed_count", unit="count", **values):
    start, end = place(document.text, words)
    return ReportedFigure.objects.create(
        document=document,
        metric=metric,
        value=Decimal(value),
        unit=unit,
        quoted_span=words,
        span_start=start,
        span_end=end,
        **values,
    )


def proposal(document, words: str, kind=ProposalKind.EVENT, **values) -> Proposal:
    start, end = place(document.text, words)
    values.setdefault("name", words)
    return Proposal.objects.create(
        document=document, kind=kind, quoted_span=words, span_start=start, span_end=end, **values
    )


def records_by(obj, user) -> list[ChangeRecord]:
    return list(ChangeRecord.objects.for_object(obj).filter(user=user))


@pytest.fixture
def document():
    return article()


@pytest.fixture
def event_proposal(document):
    return proposal(
        document,
        "会上",
        name="测试推介会",
        data={"title": "测试推介会", "kind": "promotion", "first": "2023-04-22", "place": "深圳"},
    )


# ---------------------------------------------------------------------------- access


def page_urls() -> list[tuple[str, str]]:
    seed = SourceDocument.objects.get(reference="seed-001")
    item = ReportedFigure.objects.filter(document=seed).first()
    return [
        ("articles", reverse("press:sourcedocument_list")),
        ("ingest", reverse("press:ingest")),
        ("review", review(seed)),
        ("figures", reverse("press:reportedfigure_list")),
        ("figure", reverse("press:reportedfigure", kwargs={"pk": item.pk})),
        ("figure edit", reverse("press:reportedfigure_edit", kwargs={"pk": item.pk})),
        ("figure delete", reverse("press:reportedfigure_delete", kwargs={"pk": item.pk})),
        ("article delete", reverse("press:sourcedocument_delete", kwargs={"pk": seed.pk})),
        ("reconciliation", reverse("press:reconciliation")),
    ]


def test_every_page_renders_for_a_staff_user_and_not_for_anonymous_users(admin_client, client):
    for name, url in page_urls():
        assert admin_client.get(url).status_code == 200, name
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login")), name


def test_the_proposal_page_renders_too(admin_client, event_proposal):
    url = reverse("press:proposal_confirm", kwargs={"pk": event_proposal.pk})
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, **HTMX).status_code == 200


def test_the_detail_pages_have_both_names(document):
    assert review(document) == reverse("press:sourcedocument", kwargs={"pk": document.pk})
    item = figure(document, "签约项目56个", "56")
    assert reverse("press:reportedfigure_detail", kwargs={"pk": item.pk}) == reverse(
        "press:reportedfigure", kwargs={"pk": item.pk}
    )


def test_reading_needs_a_login_only_writing_needs_the_permissions(client, django_user_model):
    reader = django_user_model.objects.create_user("reader", password="a-long-passphrase")
    client.force_login(reader)
    document = article()
    item = figure(document, "签约项目56个", "56")
    assert client.get(review(document)).status_code == 200
    assert reverse("press:reportedfigure_confirm", kwargs={"pk": item.pk}) not in html(
        client.get(review(document))
    )
    assert client.get(reverse("press:ingest")).status_code == 403
    url = reverse("press:reportedfigure_confirm", kwargs={"pk": item.pk})
    assert client.post(url).status_code == 403
    item.refresh_from_db()
    assert item.status == FigureStatus.PROPOSED


def test_the_menu_has_a_press_section(admin_client):
    page = html(admin_client.get(reverse("home")))
    for name in ("sourcedocument_list", "ingest", "reportedfigure_list", "reconciliation"):
        assert f'href="{reverse(f"press:{name}")}"' in page


# ---------------------------------------------------------------------------- the list


def test_the_list_counts_figures_to_review_and_confirmed(admin_client, document):
    figure(document, "签约项目56个", "56")
    figure(document, "金额320.5亿元", "32050000000", metric="signed_value", unit="yuan",
           status=FigureStatus.CONFIRMED)  # fmt: skip
    proposal(document, "会上")
    response = admin_client.get(reverse("press:sourcedocument_list"))
    rows = {d.reference: d for d in response.context["table"].data}
    assert (rows["test-article"].proposed_figures, rows["test-article"].confirmed_figures) == (
        1,
        1,
    )
    assert rows["test-article"].proposed_items == 1
    assert rows["seed-001"].proposed_figures == 0
    assert reverse("press:ingest") in html(response)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "测试"}, {"test-article"}),
        ({"q": "seed-001"}, {"seed-001"}),
        ({"q": "黑龙江新闻网"}, {"seed-001"}),
        ({"language": "en"}, {"seed-000"}),
        ({"published_after": "2023-04-20"}, {"seed-000"}),
        ({"published_before": "2023-04-10"}, {"seed-001"}),
        ({"pending": "true"}, {"test-article"}),
    ],
)
def test_the_list_filters(admin_client, document, params, expected):
    figure(document, "签约项目56个", "56")
    response = admin_client.get(reverse("press:sourcedocument_list"), params)
    assert {d.reference for d in response.context["table"].data} == expected


def test_the_list_costs_the_same_with_more_documents_and_figures(
    admin_client, django_assert_max_num_queries
):
    url = reverse("press:sourcedocument_list")
    admin_client.get(url)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    for n in range(12):
        extra = article(reference=f"more-{n}")
        figure(extra, "签约项目56个", "56")
        proposal(extra, "会上")
    with django_assert_max_num_queries(len(few)):
        response = admin_client.get(url)
    assert response.context["total"] >= 14


# ---------------------------------------------------------------------------- ingest


def ingest_errors(admin_client, data) -> dict:
    response = admin_client.post(reverse("press:ingest"), data)
    assert response.status_code == 200
    assert "invalid-feedback" in html(response)
    return response.context["form"].errors


def test_ingest_needs_text_or_a_file(admin_client):
    errors = ingest_errors(admin_client, {"lang": "auto", "text": "  "})
    assert list(errors) == ["text"]


def test_ingest_takes_text_or_a_file_not_both(admin_client):
    upload = SimpleUploadedFile("a.txt", ARTICLE.encode())
    errors = ingest_errors(admin_client, {"lang": "auto", "text": ARTICLE, "file": upload})
    assert list(errors) == ["file"]


def test_ingest_refuses_a_binary_file_beside_the_file(admin_client):
    upload = SimpleUploadedFile("a.txt", b"\x00\x01\x02PK" * 100)
    errors = ingest_errors(admin_client, {"lang": "auto", "file": upload})
    assert "binary" in errors["file"][0] or "二进制" in errors["file"][0]
    assert not SourceDocument.objects.filter(reference="a.txt").exists()


def test_ingest_refuses_a_file_too_large(admin_client):
    upload = SimpleUploadedFile("big.txt", b"a" * (MAX_ARTICLE_BYTES + 1))
    errors = ingest_errors(admin_client, {"lang": "auto", "file": upload})
    assert list(errors) == ["file"]


def test_ingest_refuses_other_kinds_of_file(admin_client):
    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.4")
    assert list(ingest_errors(admin_client, {"lang": "auto", "file": upload})) == ["file"]


def test_ingest_shows_an_unreadable_text_beside_the_text(admin_client):
    errors = ingest_errors(admin_client, {"lang": "auto", "text": "a" * (MAX_ARTICLE_BYTES + 1)})
    assert list(errors) == ["text"]


def test_a_paste_over_the_requests_limit_is_refused_beside_the_text(admin_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000  # Django's limit on a request's form data
    documents = SourceDocument.objects.count()
    errors = ingest_errors(admin_client, {"lang": "auto", "text": ARTICLE * 100})
    assert list(errors) == ["text"] and article_limit() in errors["text"][0]  # says the limit
    assert SourceDocument.objects.count() == documents


def test_ingesting_an_article_leads_to_its_review(admin_client):
    response = admin_client.post(
        reverse("press:ingest"),
        {"lang": "auto", "text": ARTICLE, "publisher": "测试网", "url": "example.org/a"},
        follow=True,
    )
    document = SourceDocument.objects.get(title="黑龙江与广东合作项目签约")
    assert response.redirect_chain[-1][0] == review(document)
    assert (document.publisher, document.url) == ("测试网", "https://example.org/a")
    figures = document.figures.all()
    assert {f.status for f in figures} == {FigureStatus.PROPOSED}
    assert figures.count() >= 1
    message = [str(m) for m in response.context["messages"]][-1]
    assert str(figures.count()) in message
    page = html(response)
    assert "hl-proposed" in page
    assert "热门资讯" in page  # the furniture is shown, greyed
    # Again: nothing new.
    again = admin_client.post(
        reverse("press:ingest"), {"lang": "auto", "text": ARTICLE}, follow=True
    )
    assert SourceDocument.objects.filter(title="黑龙江与广东合作项目签约").count() == 1
    assert document.figures.count() == figures.count()
    assert len(list(again.context["messages"])) == 2


def test_ingesting_a_file(admin_client):
    upload = SimpleUploadedFile("article.txt", ARTICLE.encode("gb18030"))
    response = admin_client.post(reverse("press:ingest"), {"lang": "zh", "file": upload})
    document = SourceDocument.objects.get(reference="article.txt")
    assert response["Location"] == review(document)
    record = ChangeRecord.objects.for_object(document).get()
    assert (record.channel, record.user.get_username()) == ("ui", "admin")


def test_a_language_given_against_the_text_is_ingested_with_a_warning(admin_client):
    response = admin_client.post(
        reverse("press:ingest"), {"lang": "en", "text": ARTICLE}, follow=True
    )
    document = SourceDocument.objects.get(title="黑龙江与广东合作项目签约")
    assert document.language == "en"  # as asked
    with translation.override(response.context["LANGUAGE_CODE"]):  # the user's language
        expected = language_warning(read_article(ARTICLE, lang="en"))
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert warnings == [expected]


def test_an_article_is_deleted_with_its_figures_after_a_confirmation(admin_client, document):
    item = figure(document, "签约项目56个", "56")
    url = reverse("press:sourcedocument_delete", kwargs={"pk": document.pk})
    assert url in html(admin_client.get(review(document)))
    confirmation = html(admin_client.get(url))
    assert str(item) in confirmation  # what goes with it is listed
    response = admin_client.post(url)
    assert response["Location"] == reverse("press:sourcedocument_list")
    assert not SourceDocument.objects.filter(pk=document.pk).exists()
    assert not ReportedFigure.objects.filter(pk=item.pk).exists()


def test_only_who_may_delete_articles_sees_or_uses_the_button(client, django_user_model):
    reader = django_user_model.objects.create_user("reader", password="a-long-passphrase")
    client.force_login(reader)
    document = article()
    url = reverse("press:sourcedocument_delete", kwargs={"pk": document.pk})
    assert url not in html(client.get(review(document)))
    assert client.post(url).status_code == 403
    assert SourceDocument.objects.filter(pk=document.pk).exists()


# ---------------------------------------------------------------------------- review page


def test_the_review_page_escapes_the_text_and_greys_the_furniture(admin_client):
    text = "导航 <b>首页</b>\n<script>alert('x')</script> 会上签约项目56个。\n相关新闻 <i>旧闻</i>"
    document = article(
        "escape-test",
        text,
        content_start=text.index("<script>"),
        content_end=text.index("相关新闻"),
    )
    figure(document, "<script>alert('x')</script> 会上签约项目56个", "56")
    page = html(admin_client.get(review(document)))
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<b>首页</b>" not in page and "&lt;b&gt;首页&lt;/b&gt;" in page
    furniture = page.split('class="article-furniture"')
    assert len(furniture) == 3  # before the content and after it
    assert "&lt;b&gt;首页" in furniture[1] and "&lt;i&gt;旧闻" in furniture[2]
    assert "Page furniture: nothing is read from it" in page or "页面附属内容" in page
    content = page.split('class="article-text article-content"')[1].split("</div>")[0]
    assert '<mark class="hl hl-figure hl-proposed"' in content
    assert "旧闻" not in content


def test_overlapping_spans_are_marked_once_each(admin_client, document):
    outer = proposal(document, "4月22日，会上签约项目56个")
    inner = figure(document, "签约项目56个", "56")
    page = html(admin_client.get(review(document)))
    assert page.count(f'id="at-proposal-{outer.pk}"') == 1
    assert page.count(f'id="at-figure-{inner.pk}"') == 1
    assert "hl-overlap" in page
    assert f'href="#figure-{inner.pk}"' in page and f'id="figure-{inner.pk}"' in page


def test_the_review_page_shows_what_each_proposal_says(admin_client, document, event_proposal):
    conference = Event.objects.get(code=CONFERENCE)
    figure(document, "签约项目56个", "56", event=conference,
           period_start=datetime.date(2023, 4, 1), period_end=datetime.date(2023, 4, 30),
           subset={"signed_on_site": True})  # fmt: skip
    figure(document, "金额320.5亿元", "32050000000", metric="signed_value", unit="yuan")
    org = Organization.objects.order_by("pk").first()
    matched = proposal(
        document, "金额", kind=ProposalKind.ORGANIZATION, name="某某集团", organization=org
    )
    page = html(admin_client.get(review(document)))
    assert "320.5亿元" in page  # the value as the quote writes it
    assert "2023-04-01 – 2023-04-30" in page
    assert "signed_on_site" not in page and "现场签约" in page  # the subset in words
    assert conference.title_zh in page
    assert event_proposal.name in page
    assert "2023-04-22" in page and "深圳" in page
    assert org.name_zh in page
    assert reverse("press:proposal_confirm", kwargs={"pk": matched.pk}) in page


def add_items(document, first: int, count: int, user) -> None:
    """``count`` figures, events and organisations each, linked and reviewed, from ``first``."""
    events = list(Event.objects.order_by("pk")[:10])
    organizations = list(Organization.objects.order_by("pk")[:10])
    text = document.text
    for n in range(first, first + count):
        at = 3 * n
        linked = {"reviewed_by": user, "status": FigureStatus.CONFIRMED}
        ReportedFigure.objects.create(
            document=document, metric="other", value=n, unit="count",
            quoted_span=text[at : at + 1], span_start=at, span_end=at + 1,
            event=events[n % 10], region=events[n % 10].region, **linked,
        )  # fmt: skip
        Proposal.objects.create(
            document=document, kind=ProposalKind.EVENT, quoted_span=text[at : at + 2],
            span_start=at, span_end=at + 2, name=f"活动{n}", event=events[n % 10], **linked,
        )  # fmt: skip
        Proposal.objects.create(
            document=document, kind=ProposalKind.ORGANIZATION, quoted_span=text[at + 1 : at + 3],
            span_start=at + 1, span_end=at + 3, name=f"机构{n}",
            organization=organizations[n % 10],
        )  # fmt: skip


def test_the_review_page_costs_the_same_with_more_items(
    admin_client, admin_user, django_assert_max_num_queries
):
    text = "".join(chr(0x4E00 + i) for i in range(200))  # no two places quote the same words
    document = article("many-items", text, content_start=0, content_end=None)
    add_items(document, 0, 1, admin_user)
    url = review(document)
    admin_client.get(url)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    add_items(document, 1, 20, admin_user)
    with django_assert_max_num_queries(len(few)):
        response = admin_client.get(url)
    assert [len(response.context[k]) for k in ("figures", "events", "organizations")] == [21] * 3


# ---------------------------------------------------------------------------- figures


def test_confirming_a_figure(admin_client, admin_user, document):
    item = figure(document, "签约项目56个", "56")
    url = reverse("press:reportedfigure_confirm", kwargs={"pk": item.pk})
    response = admin_client.post(url)
    assert response["Location"] == f"{review(document)}#figure-{item.pk}"
    item.refresh_from_db()
    assert (item.status, item.reviewed_by) == (FigureStatus.CONFIRMED, admin_user)
    assert item.reviewed_at is not None
    [record] = records_by(item, admin_user)
    assert record.channel == "ui" and "status" in record.changed_fields
    page = html(admin_client.get(review(document)))
    assert "hl-confirmed" in page
    assert admin_user.get_username() in page  # who reviewed it


def test_rejecting_a_figure_with_htmx_swaps_its_card(admin_client, admin_user, document):
    item = figure(document, "签约项目56个", "56")
    url = reverse("press:reportedfigure_reject", kwargs={"pk": item.pk})
    response = admin_client.post(url, **HTMX)
    assert response.status_code == 200
    fragment = html(response)
    assert fragment.lstrip().startswith('<article class="card review-card review-rejected')
    assert 'id="article-text"' in fragment and 'hx-swap-oob="true"' in fragment
    assert "hl-rejected" in fragment
    item.refresh_from_db()
    assert (item.status, item.reviewed_by) == (FigureStatus.REJECTED, admin_user)
    assert records_by(item, admin_user)


def test_correcting_a_figure_returns_to_the_review(admin_client, admin_user, document):
    item = figure(document, "签约项目56个", "56")
    back = f"{review(document)}#figure-{item.pk}"
    url = reverse("press:reportedfigure_edit", kwargs={"pk": item.pk})
    page = html(admin_client.get(url, {"return_url": back}))
    assert "签约项目56个" in page and 'value="56"' in page
    conference = Event.objects.get(code=CONFERENCE)
    response = admin_client.post(
        url,
        {
            "metric": "signed_count",
            "value": "57",
            "unit": "count",
            "qualifier": "exact",
            "event": conference.pk,
            "period_start": "2023-04-30",
            "period_end": "2023-04-01",
            "return_url": back,
        },
    )
    assert response.status_code == 200  # the period ends before it starts
    assert response.context["form"].errors
    response = admin_client.post(
        url,
        {
            "metric": "signed_count",
            "value": "57",
            "unit": "count",
            "qualifier": "exact",
            "event": conference.pk,
            "signed_on_site": "on",
            "return_url": back,
            "_version": item.version,
        },
    )
    assert response["Location"] == back
    item.refresh_from_db()
    assert (item.value, item.event, item.subset) == (57, conference, {"signed_on_site": True})
    assert (item.status, item.reviewed_by) == (FigureStatus.CONFIRMED, admin_user)  # corrected
    assert records_by(item, admin_user)
    assert admin_client.get(
        reverse("press:reportedfigure", kwargs={"pk": item.pk})
    ).status_code == (200)


def test_a_rejected_figure_corrected_counts_again(admin_client, admin_user, document):
    item = figure(document, "金额320.5亿元", "32050000000", metric="signed_value", unit="yuan",
                  status=FigureStatus.REJECTED)  # fmt: skip
    url = reverse("press:reportedfigure_edit", kwargs={"pk": item.pk})
    assert "confirms" in html(admin_client.get(url)) or "确认" in html(admin_client.get(url))
    data = {"metric": "signed_value", "value": "32060000000", "unit": "yuan",
            "qualifier": "exact", "_version": item.version}  # fmt: skip
    admin_client.post(url, data)
    item.refresh_from_db()
    assert (item.status, item.value) == (FigureStatus.CONFIRMED, Decimal("32060000000"))
    assert str(item) == f"{item.get_metric_display()} 320.6亿元"  # in the article's own form


def test_figures_are_not_added_by_hand():
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        reverse("press:reportedfigure_add")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "proposed"}, {"签约项目56个"}),
        ({"metric": "signed_value", "document": "test-article"}, {"金额320.5亿元"}),
        ({"document": "test-article"}, {"签约项目56个", "金额320.5亿元"}),
    ],
)
def test_the_figure_list_filters(admin_client, document, params, expected):
    figure(document, "签约项目56个", "56")
    figure(document, "金额320.5亿元", "32050000000", metric="signed_value", unit="yuan",
           status=FigureStatus.CONFIRMED)  # fmt: skip
    response = admin_client.get(reverse("press:reportedfigure_list"), params)
    assert {f.quoted_span for f in response.context["table"].data} == expected


def test_the_figure_list_filters_by_event(admin_client):
    response = admin_client.get(reverse("press:reportedfigure_list"), {"event": CONFERENCE})
    assert len(response.context["table"].data) == 4


# ---------------------------------------------------------------------------- events


def confirm_url(item) -> str:
    return reverse("press:proposal_confirm", kwargs={"pk": item.pk})


def test_an_event_proposal_is_offered_its_match_and_a_new_event(admin_client, event_proposal):
    conference = Event.objects.get(code=CONFERENCE)
    event_proposal.event = conference
    event_proposal.save()
    response = admin_client.get(confirm_url(event_proposal))
    link, create = response.context["link_form"], response.context["create_form"]
    assert link["event"].value() == conference.pk
    assert create["title_zh"].value() == "测试推介会"
    assert str(create["start_date"].value()) == "2023-04-22"
    assert create["kind"].value() == "promotion"
    assert create["region"].value() == Region.objects.get(code="440300").pk  # 深圳
    assert create["code"].value().startswith("ART-20230422-")


def test_confirming_an_event_proposal_as_a_ledger_event(admin_client, admin_user, event_proposal):
    conference = Event.objects.get(code=CONFERENCE)
    response = admin_client.post(
        confirm_url(event_proposal), {"action": "link", "event": conference.pk}
    )
    assert response["Location"] == f"{review(event_proposal.document)}#proposal-{event_proposal.pk}"
    event_proposal.refresh_from_db()
    assert (event_proposal.status, event_proposal.event) == (FigureStatus.CONFIRMED, conference)
    assert event_proposal.reviewed_by == admin_user
    assert records_by(event_proposal, admin_user)


def test_creating_an_event_from_a_proposal(admin_client, admin_user, event_proposal):
    shenzhen = Region.objects.get(code="440300")
    values = {
        "action": "create",
        "code": "bad code",
        "kind": "promotion",
        "title_zh": "测试推介会",
        "title_en": "",
        "start_date": "2023-04-22",
        "end_date": "2023-04-21",
        "part_of_day": "",
        "region": shenzhen.pk,
    }
    response = admin_client.post(confirm_url(event_proposal), values)
    assert response.status_code == 200
    errors = response.context["create_form"].errors
    assert set(errors) == {"code", "end_date"}
    assert "invalid-feedback" in html(response)
    event_proposal.refresh_from_db()
    assert event_proposal.status == FigureStatus.PROPOSED
    # With htmx the form comes back in the card, with its errors.
    fragment = html(admin_client.post(confirm_url(event_proposal), values, **HTMX))
    assert fragment.lstrip().startswith("<article") and "is-invalid" in fragment
    values.update(code="ART-TEST-1", end_date="")
    response = admin_client.post(confirm_url(event_proposal), values, **HTMX)
    assert "review-confirmed" in html(response)
    event = Event.objects.get(code="ART-TEST-1")
    event_proposal.refresh_from_db()
    assert (event_proposal.status, event_proposal.event) == (FigureStatus.CONFIRMED, event)
    assert [r.action for r in records_by(event, admin_user)] == ["create"]
    assert records_by(event_proposal, admin_user)


def test_rejecting_an_event_proposal(admin_client, admin_user, event_proposal):
    url = reverse("press:proposal_reject", kwargs={"pk": event_proposal.pk})
    admin_client.post(url)
    event_proposal.refresh_from_db()
    assert (event_proposal.status, event_proposal.reviewed_by) == (
        FigureStatus.REJECTED,
        admin_user,
    )
    assert records_by(event_proposal, admin_user)


# ---------------------------------------------------------------------------- organisations


@pytest.fixture
def org_proposal(document):
    return proposal(document, "金额", kind=ProposalKind.ORGANIZATION, name="测试新材料有限公司")


def test_confirming_an_organisation_proposal_as_a_known_one(admin_client, admin_user, org_proposal):
    known = Organization.objects.order_by("pk").first()
    admin_client.post(confirm_url(org_proposal), {"action": "link", "organization": known.pk})
    org_proposal.refresh_from_db()
    assert (org_proposal.status, org_proposal.organization) == (FigureStatus.CONFIRMED, known)
    assert records_by(org_proposal, admin_user)
    page = html(admin_client.get(review(org_proposal.document)))
    assert known.name_zh in page


def test_creating_an_organisation_from_a_proposal(admin_client, admin_user, org_proposal):
    create = admin_client.get(confirm_url(org_proposal)).context["create_form"]
    assert (create["name_zh"].value(), create["kind"].value()) == (
        "测试新材料有限公司",
        "enterprise",
    )
    response = admin_client.post(confirm_url(org_proposal), {"action": "create", "name_zh": ""})
    assert set(response.context["create_form"].errors) == {"kind", "name_zh"}
    admin_client.post(
        confirm_url(org_proposal),
        {"action": "create", "kind": "enterprise", "name_zh": "测试新材料有限公司",
         "hq_region": Region.objects.get(code="440300").pk},
    )  # fmt: skip
    created = Organization.objects.get(name_zh="测试新材料有限公司")
    org_proposal.refresh_from_db()
    assert (org_proposal.status, org_proposal.organization) == (FigureStatus.CONFIRMED, created)
    assert [r.action for r in records_by(created, admin_user)] == ["create"]


def test_rejecting_an_organisation_proposal_with_htmx(admin_client, admin_user, org_proposal):
    url = reverse("press:proposal_reject", kwargs={"pk": org_proposal.pk})
    response = admin_client.post(url, **HTMX)
    assert f'id="proposal-{org_proposal.pk}"' in html(response)
    org_proposal.refresh_from_db()
    assert org_proposal.status == FigureStatus.REJECTED
    assert records_by(org_proposal, admin_user)


# ---------------------------------------------------------------------------- reconciliation


def test_the_conference_figures_agree_then_one_differs(admin_client):
    url = reverse("press:reconciliation")
    response = admin_client.get(url, {"event": CONFERENCE})
    rows = response.context["rows"]
    assert len(rows) == 4
    assert {r.verdict for r in rows} == {"agrees"}
    assert "98.238 billion yuan" in html(response)
    project = (
        Project.objects.filter(signed_event__code=CONFERENCE, project_type="new")
        .order_by("pk")
        .first()
    )
    project.contract_value += Decimal("5000000")
    project.save()  # a changed figure is no longer verified: the official count leaves it out
    response = admin_client.get(url, {"event": CONFERENCE})
    rows = response.context["rows"]
    assert rows[0].verdict == "differs"  # the differing ones first
    assert rows[0].difference == "-1"  # 191 verified projects
    assert rows[0].with_unverified == "192" and rows[0].with_unverified_verdict == "agrees"
    assert "unverified-note" in html(response)
    project.verify(None)
    response = admin_client.get(url, {"event": CONFERENCE})
    rows = response.context["rows"]
    assert rows[0].verdict == "differs"
    assert rows[0].difference == "+0.005 billion yuan" and not rows[0].with_unverified
    page = html(response)
    assert "+0.005 billion yuan" in page and "text-bg-danger" in page
    only = admin_client.get(url, {"event": CONFERENCE, "verdict": "differs"}).context["rows"]
    assert {r.verdict for r in only} == {"differs"}
    assert response.context["counts"]["differs"] == len(only) >= 1


def test_the_reconciliation_offers_the_events_with_confirmed_figures(admin_client):
    response = admin_client.get(reverse("press:reconciliation"))
    codes = {e.code for e in response.context["events"]}
    assert CONFERENCE in codes
    assert codes == set(
        ReportedFigure.objects.filter(
            status=FigureStatus.CONFIRMED, event__isnull=False
        ).values_list("event__code", flat=True)
    )
    assert (
        response.context["total"]
        == ReportedFigure.objects.filter(status=FigureStatus.CONFIRMED).count()
    )


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("118.5亿", Decimal("11850000000")),
        ("118.5亿元", Decimal("11850000000")),
        ("3,000万元", Decimal("30000000")),
        ("98.238 billion yuan", Decimal("98238000000")),
        ("RMB 5 million", Decimal("5000000")),
        ("11850000000", Decimal("11850000000")),
        ("12.5", Decimal("12.5")),
    ],
)
def test_a_corrected_value_may_be_typed_as_the_article_writes_it(typed, value):
    from counterpart.press.forms import ScaledDecimalField

    assert ScaledDecimalField(max_digits=24, decimal_places=4).clean(typed) == value


def test_a_value_with_an_unknown_scale_word_is_refused():
    from django.core.exceptions import ValidationError

    from counterpart.press.forms import ScaledDecimalField

    with pytest.raises(ValidationError):
        ScaledDecimalField(max_digits=24, decimal_places=4).clean("118.5 lakh")
