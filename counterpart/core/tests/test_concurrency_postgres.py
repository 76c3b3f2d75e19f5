"""Concurrent conflicting edits against PostgreSQL: exactly one wins, no update is lost.

Each writer is a thread with its own database connection and transaction, as two web requests
are. Skipped on SQLite, which has one writer at a time.
"""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from counterpart.core.changelog import change_context
from counterpart.core.choices import Channel
from counterpart.core.models import ChangeRecord
from counterpart.core.versioning import StaleVersion, expect_version
from counterpart.geo.models import Region, RegionLevel
from counterpart.organizations.models import Organization

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def in_thread(target, results, key):
    def run():
        try:
            results[key] = target()
        except BaseException as error:  # handed back to the test
            results[key] = error
        finally:
            connection.close()

    return threading.Thread(target=run)


@pytest.fixture
def org():
    region = Region.objects.create(code="230100", name_zh="哈尔滨市", level=RegionLevel.PREFECTURE)
    return Organization.objects.create(kind="enterprise", name_zh="并发公司", hq_region=region)


def test_the_second_of_two_overlapping_saves_waits_for_the_first_and_is_refused(org):
    """A holds the row (its UPDATE done, not yet committed) while B saves the same version: B's
    UPDATE waits for A's commit, then matches no row, and B gets StaleVersion."""
    users = {n: get_user_model().objects.create_user(n, password="x-long-enough-1") for n in "ab"}
    a_updated, b_started = threading.Event(), threading.Event()
    results = {}

    def writer_a():
        with change_context(user=users["a"], channel=Channel.UI), transaction.atomic():
            mine = Organization.objects.get(pk=org.pk)
            expect_version(mine, 1)
            mine.name_en = "A's name"
            mine.save()
            a_updated.set()
            b_started.wait(5)
            # B's UPDATE is now waiting for this transaction's row lock.
            threading.Event().wait(0.5)
        return "saved"

    def writer_b():
        a_updated.wait(5)
        with change_context(user=users["b"], channel=Channel.UI), transaction.atomic():
            mine = Organization.objects.get(pk=org.pk)  # reads the committed version 1
            expect_version(mine, 1)
            mine.name_en = "B's name"
            b_started.set()
            mine.save()
        return "saved"

    threads = [in_thread(writer_a, results, "a"), in_thread(writer_b, results, "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert results["a"] == "saved"
    assert isinstance(results["b"], StaleVersion)
    assert results["b"].current.name_en == "A's name" and results["b"].current_version == 2
    assert [r.username for r in results["b"].records] == ["a"]
    org.refresh_from_db()
    assert (org.name_en, org.version) == ("A's name", 2)


@pytest.mark.parametrize("writers", [2, 6])
def test_of_simultaneous_saves_of_one_version_exactly_one_wins(org, writers):
    barrier = threading.Barrier(writers)
    results = {}

    def writer(n):
        def save():
            with transaction.atomic():
                mine = Organization.objects.get(pk=org.pk)
                expect_version(mine, 1)
                mine.name_en = f"writer {n}"
                barrier.wait(5)
                mine.save()
            return mine.name_en

        return save

    threads = [in_thread(writer(n), results, n) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    winners = [v for v in results.values() if isinstance(v, str)]
    losers = [v for v in results.values() if isinstance(v, StaleVersion)]
    assert len(winners) == 1 and len(losers) == writers - 1, results
    org.refresh_from_db()
    assert (org.name_en, org.version) == (winners[0], 2)
    assert all(s.current_version == 2 for s in losers)
    updates = ChangeRecord.objects.for_object(org).filter(action="update")
    assert [r.after["name_en"] for r in updates] == [winners[0]]


def test_two_people_saving_the_same_form_at_once_lose_nothing(org):
    """The UI path: two requests (each in its own transaction) post the form opened on version 1
    at the same moment; one is saved, the other is told of the conflict (409)."""
    url = reverse("organizations:organization_edit", kwargs={"pk": org.pk})
    people = []
    for name in ("alice", "bob"):
        user = get_user_model().objects.create_superuser(
            name, password="x-long-enough-1", language="en"
        )
        client = Client()
        client.force_login(user)
        assert client.get(url).status_code == 200
        people.append((name, client))
    barrier = threading.Barrier(2)
    results = {}

    def post(name, client):
        def send():
            barrier.wait(5)
            response = client.post(
                url,
                {
                    "kind": "enterprise",
                    "name_zh": "并发公司",
                    "name_en": f"{name}'s name",
                    "hq_region": org.hq_region_id,
                    "aliases-TOTAL_FORMS": "0",
                    "aliases-INITIAL_FORMS": "0",
                    "rankings-TOTAL_FORMS": "0",
                    "rankings-INITIAL_FORMS": "0",
                    "_version": "1",
                },
            )
            return response.status_code, response.content.decode()

        return send

    threads = [in_thread(post(name, client), results, name) for name, client in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    statuses = sorted(status for status, _page in results.values())
    assert statuses == [302, 409], results
    winner = next(name for name, (status, _page) in results.items() if status == 302)
    loser_page = next(page for status, page in results.values() if status == 409)
    assert f"{winner} changed this record while you were editing it" in loser_page
    org.refresh_from_db()
    assert (org.name_en, org.version) == (f"{winner}'s name", 2)
    record = ChangeRecord.objects.for_object(org).filter(action="update").get()
    assert (record.username, record.channel) == (winner, Channel.UI)
