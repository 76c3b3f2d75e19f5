"""Background jobs: the three kinds (import, ingestion of many articles, briefs as documents),
progress, ownership and failures — with the immediate backend (test settings): each job runs
inside the request that queues it. ``test_worker.py`` runs the database backend and the worker.
"""

from __future__ import annotations

import datetime
import io
import logging
import re
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from counterpart.core.choices import Channel
from counterpart.core.models import ChangeRecord
from counterpart.core.testing import run_command
from counterpart.imports.tests.test_import import bad_projects, new_projects
from counterpart.imports.tests.test_views import commit, imported_codes, preview, uploaded
from counterpart.jobs import services
from counterpart.jobs.models import BackgroundJob, JobKind, JobStatus
from counterpart.jobs.services import JobFailed, Progress, start
from counterpart.press.models import SourceDocument
from counterpart.projects.models import Project
from counterpart.users.choices import Role

pytestmark = pytest.mark.usefixtures("sample_data", "db")

HTMX = {"HTTP_HX_REQUEST": "true"}
CONFERENCE = "HLJ-GD-2023-CONF"
ARTICLE = """黑龙江与广东合作项目签约
2023-06-10

6月9日，2023年哈尔滨—深圳经贸合作推介会在深圳举行，由哈尔滨市人民政府主办。会上共签约项目{n}个，签约总额320.5亿元。深圳市新星科技有限公司等企业参加。
"""


def job_of(response) -> BackgroundJob:
    assert response.status_code == 302, response.content.decode()[:2000]
    match = re.fullmatch(r"/jobs/(\d+)/", response["Location"])
    assert match, response["Location"]
    return BackgroundJob.objects.get(pk=int(match[1]))


@pytest.fixture(autouse=True)
def fresh_cache():
    """Progress lives in the cache by job id, and ids start again in each test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def officer(db):
    return get_user_model().objects.get(username="officer-230100")


@pytest.fixture
def large_imports(settings):
    settings.IMPORT_INLINE_MAX_ROWS = 2  # the test files have 3 rows


# ---------------------------------------------------------------------------- import


def test_a_large_import_commits_in_a_job_as_the_user_who_asked(
    admin_client, admin_user, large_imports
):
    batch = uploaded(admin_client, new_projects())
    shown = preview(admin_client, batch)  # counts the rows: 3, more than the inline limit
    assert 'id="commit-in-background"' in shown.content.decode()
    job = job_of(commit(admin_client, batch))
    assert (job.kind, job.status, job.owner) == (JobKind.IMPORT, JobStatus.SUCCEEDED, admin_user)
    assert imported_codes() == ["IMP-0001", "IMP-0002", "IMP-0003"]
    record = ChangeRecord.objects.for_object(Project.objects.get(code="IMP-0001")).first()
    assert (record.channel, record.user) == (Channel.IMPORT, admin_user)
    assert (job.done, job.total) == (3, 3)
    batch.refresh_from_db()
    assert batch.committed_at is not None
    page = admin_client.get(job.get_absolute_url()).content.decode()
    assert job.result["summary"] in page
    assert reverse("imports:batch", kwargs={"pk": batch.pk}) in page
    assert "hx-trigger" not in page  # finished: the page stops asking


def test_a_small_import_still_commits_within_the_request(admin_client):
    batch = uploaded(admin_client, new_projects())
    assert 'id="commit-in-background"' not in preview(admin_client, batch).content.decode()
    response = commit(admin_client, batch)
    assert response["Location"] == reverse("imports:batch", kwargs={"pk": batch.pk})
    assert imported_codes() == ["IMP-0001", "IMP-0002", "IMP-0003"]
    assert not BackgroundJob.objects.exists()


def test_an_import_job_with_row_errors_fails_and_writes_nothing(admin_client, large_imports):
    batch = uploaded(admin_client, bad_projects())
    preview(admin_client, batch)
    records = ChangeRecord.objects.count()
    job = job_of(commit(admin_client, batch))
    assert job.status == JobStatus.FAILED
    assert "2" in job.error and "Traceback" not in job.error
    assert imported_codes() == [] and ChangeRecord.objects.count() == records
    batch.refresh_from_db()
    assert batch.committed_at is None
    page = admin_client.get(job.get_absolute_url()).content.decode()
    assert 'id="job-error"' in page


def test_a_batch_being_imported_is_not_imported_twice(admin_client, admin_user, large_imports):
    batch = uploaded(admin_client, new_projects())
    preview(admin_client, batch)
    queued = BackgroundJob.objects.create(
        owner=admin_user, kind=JobKind.IMPORT, title="x", params={"batch": batch.pk}
    )
    response = commit(admin_client, batch)
    assert response["Location"] == queued.get_absolute_url()
    assert BackgroundJob.objects.count() == 1 and imported_codes() == []
    page = admin_client.get(reverse("imports:batch", kwargs={"pk": batch.pk}))
    assert 'id="import-job"' in page.content.decode()


# ---------------------------------------------------------------------------- ingestion


def articles(*texts: str) -> list[SimpleUploadedFile]:
    return [
        SimpleUploadedFile(f"article-{i}.txt", text.encode()) for i, text in enumerate(texts, 1)
    ]


def test_several_files_are_ingested_in_one_job(admin_client, admin_user):
    files = articles(ARTICLE.format(n=56), ARTICLE.format(n=57))
    job = job_of(admin_client.post(reverse("press:ingest"), {"file": files, "lang": "auto"}))
    assert (job.kind, job.status, job.owner) == (JobKind.INGEST, JobStatus.SUCCEEDED, admin_user)
    documents = SourceDocument.objects.filter(reference__startswith="article-")
    assert sorted(documents.values_list("reference", flat=True)) == [
        "article-1.txt",
        "article-2.txt",
    ]
    record = ChangeRecord.objects.for_object(documents.first()).first()
    assert (record.channel, record.user) == (Channel.TASK, admin_user)
    assert (job.done, job.total) == (2, 2)
    urls = [line["url"] for line in job.result["lines"]]
    page = admin_client.get(job.get_absolute_url()).content.decode()
    assert all(url in page for url in urls) and len(urls) == 2
    form_page = admin_client.get(reverse("press:ingest")).content.decode()
    assert job.get_absolute_url() in form_page  # the page links to the user's latest jobs


def test_a_job_reports_a_language_given_against_the_text_beside_its_article(admin_client):
    files = articles(ARTICLE.format(n=56), ARTICLE.format(n=57))
    job = job_of(admin_client.post(reverse("press:ingest"), {"file": files, "lang": "en"}))
    assert job.status == JobStatus.SUCCEEDED
    lines = job.result["lines"]
    assert [bool(line.get("warning")) for line in lines] == [False, True, False, True]
    assert lines[1]["text"].startswith("article-1.txt: ")
    page = admin_client.get(job.get_absolute_url()).content.decode()
    assert page.count('class="text-warning-emphasis"') == 2


def test_one_file_is_still_ingested_within_the_request(admin_client):
    response = admin_client.post(
        reverse("press:ingest"), {"file": articles(ARTICLE.format(n=56)), "lang": "auto"}
    )
    document = SourceDocument.objects.get(reference="article-1.txt")
    assert response["Location"] == reverse("press:sourcedocument_detail", args=[document.pk])
    assert not BackgroundJob.objects.exists()


def test_an_unreadable_article_is_reported_and_the_others_ingested(admin_client):
    files = articles(ARTICLE.format(n=56), "")
    files[1] = SimpleUploadedFile("empty.txt", b"\x00\x01\x02PK" * 100)
    job = job_of(admin_client.post(reverse("press:ingest"), {"file": files, "lang": "auto"}))
    assert job.status == JobStatus.SUCCEEDED
    assert [line.get("error", False) for line in job.result["lines"]] == [False, True]
    assert job.result["lines"][1]["text"].startswith("empty.txt: ")
    assert SourceDocument.objects.filter(reference="article-1.txt").exists()


def test_a_job_where_no_article_can_be_read_fails(admin_client):
    files = [SimpleUploadedFile(f"bad-{i}.txt", b"\x00\x01PK" * 50) for i in range(2)]
    job = job_of(admin_client.post(reverse("press:ingest"), {"file": files, "lang": "auto"}))
    assert job.status == JobStatus.FAILED and "bad-0.txt" in job.error


def test_the_ingest_command_queues_a_job_for_a_user(tmp_path, admin_user):
    paths = []
    for n in (58, 59):
        path = tmp_path / f"cli-{n}.txt"
        path.write_text(ARTICLE.format(n=n), encoding="utf-8")
        paths.append(str(path))
    out = run_command("ingest", *paths, "--background", "--as-user", admin_user.username)
    job = BackgroundJob.objects.get()
    assert f"Job {job.pk} queued" in out
    assert (job.status, job.owner, job.total) == (JobStatus.SUCCEEDED, admin_user, 2)
    assert SourceDocument.objects.filter(reference__in=["cli-58.txt", "cli-59.txt"]).count() == 2
    record = ChangeRecord.objects.for_object(
        SourceDocument.objects.get(reference="cli-58.txt")
    ).first()
    assert (record.channel, record.user) == (Channel.TASK, admin_user)


def test_the_ingest_command_needs_a_user_for_a_job(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE.format(n=1), encoding="utf-8")
    with pytest.raises(Exception, match="--as-user"):
        run_command("ingest", str(path), "--background")
    assert not BackgroundJob.objects.exists()


# ---------------------------------------------------------------------------- briefs


def test_a_word_brief_is_made_in_a_job_and_downloaded(admin_client, admin_user):
    response = admin_client.post(
        reverse("reports:brief"), {"event": CONFERENCE, "lang": "both", "format": "docx"}
    )
    job = job_of(response)
    assert (job.kind, job.status, job.owner) == (JobKind.BRIEF, JobStatus.SUCCEEDED, admin_user)
    assert (job.done, job.total) == (3, 3)
    download = admin_client.get(reverse("jobs:download", kwargs={"pk": job.pk}))
    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"brief-{CONFERENCE}-both.docx" in download["Content-Disposition"]
    body = zipfile.ZipFile(io.BytesIO(download.content)).read("word/document.xml").decode()
    assert "签约" in body  # the Chinese brief
    page = admin_client.get(reverse("reports:brief")).content.decode()
    assert job.get_absolute_url() in page  # the brief page lists the user's latest


def test_a_pdf_brief_of_a_period(admin_client):
    response = admin_client.post(
        reverse("reports:brief"),
        {"from_month": "2023-01", "to_month": "2023-06", "lang": "zh", "format": "pdf"},
    )
    job = job_of(response)
    assert job.status == JobStatus.SUCCEEDED, job.error
    download = admin_client.get(reverse("jobs:download", kwargs={"pk": job.pk}))
    assert download.content.startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"event": "NO-SUCH-EVENT"}, "event"),
        ({"pairing": "NO-SUCH-PAIRING"}, "pairing"),
        ({"from_month": "2023-13", "to_month": "2023-12"}, "from_month"),
        ({"from_month": "2023-06", "to_month": "2023-01"}, "to_month"),
        ({"from_month": "2023-06"}, "to_month"),
        ({}, None),
        ({"event": CONFERENCE, "from_month": "2023-01", "to_month": "2023-02"}, None),
    ],
)
def test_the_brief_form_says_what_is_wrong(admin_client, data, field):
    """Unknown codes, malformed or reversed months, no subject or two."""
    response = admin_client.post(reverse("reports:brief"), {"lang": "zh", "format": "docx", **data})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors
    if field:
        assert field in form.errors
    else:
        assert form.non_field_errors()
    assert not BackgroundJob.objects.exists()


# ---------------------------------------------------------------------------- progress


def running_job(owner, **values) -> BackgroundJob:
    return BackgroundJob.objects.create(
        owner=owner, kind=JobKind.BRIEF, title="t", status=JobStatus.RUNNING, **values
    )


def test_progress_is_written_to_the_job_and_the_cache(admin_user):
    job = running_job(admin_user)
    progress = Progress(job.pk)
    progress(3, 10, "reading", force=True)
    job.refresh_from_db()
    assert (job.done, job.total, job.message) == (3, 10, "reading")
    assert job.updated_at is not None
    progress(4, 10, "throttled")  # within half a second of the last: not written
    job.refresh_from_db()
    assert job.done == 3
    # Work in one transaction shows its progress through the cache only: the page reads it.
    cache.set(services.cache_key(job.pk), {"done": 7, "total": 10, "message": "row 7"})
    assert services.with_live_progress([job])[0].done == 7


def test_a_job_no_worker_takes_says_so_after_a_minute(admin_client, admin_user):
    job = BackgroundJob.objects.create(owner=admin_user, kind=JobKind.BRIEF, title="t")
    assert "alert-warning" not in admin_client.get(job.get_absolute_url(), **HTMX).content.decode()
    BackgroundJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=2)
    )
    fragment = admin_client.get(job.get_absolute_url(), **HTMX).content.decode()
    assert "alert-warning" in fragment and "counterpart worker" in fragment


def test_the_job_page_asks_again_while_the_job_runs(admin_client, admin_user):
    job = running_job(admin_user, done=4, total=8, message="article-4.txt")
    response = admin_client.get(job.get_absolute_url(), **HTMX)
    fragment = response.content.decode()
    assert response.templates[0].name == "jobs/includes/job_status.html"
    assert 'hx-trigger="every 2s"' in fragment and 'value="4"' in fragment
    assert "article-4.txt" in fragment
    listing = admin_client.get(reverse("jobs:list")).content.decode()
    assert 'hx-trigger="every 2s"' in listing and 'max="8"' in listing
    BackgroundJob.objects.filter(pk=job.pk).update(status=JobStatus.SUCCEEDED)
    assert "hx-trigger" not in admin_client.get(job.get_absolute_url(), **HTMX).content.decode()
    assert "hx-trigger" not in admin_client.get(reverse("jobs:list")).content.decode()


def test_the_jobs_command_lists_and_watches(admin_user):
    job = running_job(admin_user, done=2, total=5, message="rows")
    out = run_command("jobs")
    assert f"{job.pk}" in out and "running" in out and "2/5 rows" in out
    BackgroundJob.objects.filter(pk=job.pk).update(
        status=JobStatus.SUCCEEDED, result={"summary": "all done"}, output_name="b.pdf"
    )
    out = run_command("jobs", "--watch", str(job.pk))
    assert "succeeded" in out and "all done" in out and "b.pdf" in out
    BackgroundJob.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, error="bad file")
    with pytest.raises(Exception, match=f"Job {job.pk} failed"):
        run_command("jobs", "--watch", str(job.pk))


# ---------------------------------------------------------------------------- who sees what


def test_another_users_job_does_not_exist_for_them(client, admin_client, admin_user, officer):
    job = job_of(
        admin_client.post(
            reverse("reports:brief"), {"event": CONFERENCE, "lang": "zh", "format": "docx"}
        )
    )
    client.force_login(officer)
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(reverse("jobs:download", kwargs={"pk": job.pk})).status_code == 404
    assert job.title not in client.get(reverse("jobs:list")).content.decode()
    own = running_job(officer)
    listing = client.get(reverse("jobs:list"))
    assert [j.pk for j in listing.context["jobs"]] == [own.pk]
    # Department staff see everyone's jobs (to help), with who started them.
    staff = get_user_model().objects.create_user("j-staff", role=Role.DEPARTMENT_STAFF)
    client.force_login(staff)
    assert client.get(reverse("jobs:download", kwargs={"pk": job.pk})).status_code == 200
    listing = client.get(reverse("jobs:list"))
    assert {j.pk for j in listing.context["jobs"]} == {job.pk, own.pk}
    assert listing.context["others"]


def test_a_job_without_a_file_has_nothing_to_download(admin_client, admin_user):
    job = running_job(admin_user)
    assert admin_client.get(reverse("jobs:download", kwargs={"pk": job.pk})).status_code == 404


# ---------------------------------------------------------------------------- failures


def explode(job, progress):
    progress(1, 2, "half way", force=True)
    raise RuntimeError("secret internals: /srv/counterpart/x.py line 3")


def refuse(job, progress):
    raise JobFailed("The subject is gone.")


def test_an_unexpected_error_fails_the_job_without_a_traceback_and_is_logged(
    admin_user, monkeypatch, caplog
):
    monkeypatch.setitem(services.HANDLERS, JobKind.BRIEF, f"{__name__}.explode")
    with caplog.at_level(logging.ERROR, logger="counterpart.jobs.services"):
        job = start(JobKind.BRIEF, admin_user, "doomed", {})
    assert job.status == JobStatus.FAILED and job.finished_at is not None
    assert str(job.pk) in job.error
    assert "secret internals" not in job.error and "Traceback" not in job.error
    assert "secret internals" in caplog.text  # the traceback is in the log
    assert job.task_id


def test_a_job_failed_for_a_reason_says_it(admin_client, admin_user, monkeypatch):
    monkeypatch.setitem(services.HANDLERS, JobKind.BRIEF, f"{__name__}.refuse")
    job = start(JobKind.BRIEF, admin_user, "refused", {})
    assert (job.status, job.error) == (JobStatus.FAILED, "The subject is gone.")
    page = admin_client.get(job.get_absolute_url()).content.decode()
    assert "The subject is gone." in page


def test_a_job_runs_once(admin_user, monkeypatch):
    monkeypatch.setitem(services.HANDLERS, JobKind.BRIEF, f"{__name__}.refuse")
    job = BackgroundJob.objects.create(
        owner=admin_user, kind=JobKind.BRIEF, title="done", status=JobStatus.SUCCEEDED
    )
    assert services.run(job.pk) == {"skipped": True}
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and not job.error


def test_a_job_whose_worker_died_can_be_marked_failed(admin_user):
    job = running_job(admin_user)
    out = run_command("jobs", "--abandon", str(job.pk))
    assert f"Job {job.pk} marked as failed" in out
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.error and job.finished_at
    with pytest.raises(Exception, match="already failed"):
        run_command("jobs", "--abandon", str(job.pk))


def test_the_list_costs_the_same_queries_for_many_jobs(admin_client, admin_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    running_job(admin_user)
    with CaptureQueriesContext(connection) as one:
        admin_client.get(reverse("jobs:list"))
    for _ in range(5):
        running_job(get_user_model().objects.create_user(f"u{_}"))
    with CaptureQueriesContext(connection) as six:
        response = admin_client.get(reverse("jobs:list"))
    assert len(response.context["jobs"]) == 6
    assert len(six) == len(one)


def test_a_job_speaks_its_owners_language_else_that_of_the_page_that_started_it(admin_user):
    job = running_job(admin_user, language="en")
    admin_user.language = ""
    assert job.run_language() == "en"
    admin_user.language = "zh-hans"
    assert job.run_language() == "zh-hans"
    admin_user.language = ""
    job.language = ""
    assert job.run_language() == "zh-hans"  # the default
