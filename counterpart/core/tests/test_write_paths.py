"""Every write path leaves a change record naming the right actor and path: the web forms
(create, edit, delete), the import (web and command line), the commands that write, a merge,
and the press review's confirmations. (The admin's are in each app's ``test_admin.py``; the
API's arrive with the API.)"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from counterpart.core.choices import ChangeAction, Channel
from counterpart.core.merge import merge
from counterpart.core.models import ChangeRecord
from counterpart.events.models import Event
from counterpart.imports.tests.test_import import workbook
from counterpart.imports.tests.test_views import commit, uploaded
from counterpart.organizations.models import Contact, Organization
from counterpart.press.models import FigureStatus
from counterpart.press.tests.test_views import article, figure, proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk():
    return get_user_model().objects.create_superuser(
        "clerk", password="x-long-enough-1", language="en"
    )


@pytest.fixture
def web(clerk) -> Client:
    client = Client()
    client.force_login(clerk)
    return client


def records(obj, action=None) -> list[ChangeRecord]:
    found = ChangeRecord.objects.for_object(obj).order_by("id")
    return list(found.filter(action=action) if action else found)


def actor(record: ChangeRecord) -> tuple[str, str]:
    return record.username, record.channel


def organization_data(**values) -> dict:
    data = {
        "kind": "enterprise",
        "name_zh": "写入公司",
        "name_en": "",
        "credit_code": "",
        "hq_region": "",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "rankings-TOTAL_FORMS": "0",
        "rankings-INITIAL_FORMS": "0",
    }
    data.update(values)
    return data


def test_web_forms_create_edit_and_delete(web, regions):
    response = web.post(
        reverse("organizations:organization_add"),
        organization_data(hq_region=regions["harbin"].pk),
    )
    assert response.status_code == 302
    org = Organization.objects.get(name_zh="写入公司")
    edit = reverse("organizations:organization_edit", kwargs={"pk": org.pk})
    data = organization_data(name_en="Write Co.", hq_region=regions["harbin"].pk, _version=1)
    assert web.post(edit, data).status_code == 302
    delete = reverse("organizations:organization_delete", kwargs={"pk": org.pk})
    assert web.post(delete).status_code == 302
    found = records(org)
    assert [r.action for r in found] == ["create", "update", "delete"]
    assert {actor(r) for r in found} == {("clerk", Channel.UI)}
    assert {r.user.username for r in found} == {"clerk"}


def test_the_import_from_the_web(web, regions):
    rows = [["名称", "类别", "所在地"], ["导入写入公司", "企业", "230100"]]
    batch = uploaded(web, workbook(rows), entity="organizations")
    assert commit(web, batch).status_code == 302
    org = Organization.objects.get(name_zh="导入写入公司")
    assert [actor(r) for r in records(org)] == [("clerk", Channel.IMPORT)]


def test_the_import_from_the_command_line(clerk, regions, tmp_path):
    path = tmp_path / "orgs.xlsx"
    path.write_bytes(workbook([["名称", "类别"], ["命令导入公司", "企业"]]))
    out = io.StringIO()
    call_command("import", str(path), "--entity", "organizations", "--as-user", "clerk", stdout=out)
    org = Organization.objects.get(name_zh="命令导入公司")
    assert [actor(r) for r in records(org)] == [("clerk", Channel.IMPORT)]


def test_commands_that_write(clerk, regions, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(
        "测试写入文章\n2023-06-10\n6月9日，推介会在深圳举行，会上共签约项目56个，签约总额320.5亿元。\n",
        encoding="utf-8",
    )
    call_command("ingest", str(path), "--as-user", "clerk", stdout=io.StringIO())
    written = ChangeRecord.objects.filter(
        action=ChangeAction.CREATE, content_type__app_label="press"
    )
    assert written.exists()
    assert {actor(r) for r in written} == {("clerk", Channel.CLI)}
    before = ChangeRecord.objects.count()
    call_command("generate", "--projects", "3", "--as-user", "clerk", stdout=io.StringIO())
    generated = ChangeRecord.objects.order_by("id")[before:]
    assert generated and {actor(r) for r in generated} == {("clerk", Channel.CLI)}


def test_a_merge_on_the_web_and_in_code(web, clerk, regions):
    keep = Organization.objects.create(kind="enterprise", name_zh="合并保留公司")
    other = Organization.objects.create(kind="enterprise", name_zh="合并保留公司（重复）")
    Contact.objects.create(organization=other, name="王五")
    url = reverse("organizations:organization_merge")
    response = web.post(url, {"survivor": keep.pk, "duplicate": other.pk, "confirm": "1"})
    assert response.status_code == 302
    [record] = records(keep, ChangeAction.MERGE)
    assert actor(record) == ("clerk", Channel.UI)
    moved = Contact.objects.get(name="王五")
    assert actor(records(moved)[-1]) == ("clerk", Channel.UI)

    third = Organization.objects.create(kind="enterprise", name_zh="合并保留公司（再重复）")
    merge(keep, [third], user=clerk)
    assert actor(records(keep, ChangeAction.MERGE)[-1]) == ("clerk", Channel.SYSTEM)


def test_confirmations_in_the_press_review(web, clerk, regions):
    document = article()
    item = figure(document, "签约项目56个", "56")
    web.post(reverse("press:reportedfigure_confirm", kwargs={"pk": item.pk}))
    item.refresh_from_db()
    assert item.status == FigureStatus.CONFIRMED
    assert actor(records(item)[-1]) == ("clerk", Channel.UI)

    event_proposal = proposal(
        document,
        "会上",
        name="写入推介会",
        data={"title": "写入推介会", "kind": "promotion", "first": "2023-04-22"},
    )
    event = Event.objects.create(
        code="WRITE-EVENT",
        kind="promotion",
        title_zh="写入推介会",
        start_date="2023-04-22",
        region=regions["shenzhen"],
    )
    url = reverse("press:proposal_confirm", kwargs={"pk": event_proposal.pk})
    response = web.post(url, {"action": "link", "event": event.pk})
    assert response.status_code == 302
    event_proposal.refresh_from_db()
    assert actor(records(event_proposal)[-1]) == ("clerk", Channel.UI)
