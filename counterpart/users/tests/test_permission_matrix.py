"""The permission matrix: every role × every page, export and report × read and write, from one
table (``MATRIX``).

Every URL name of the project (enumerated from the URL configuration) must have a row, or be
listed in ``EXEMPT`` with the reason: a new page without a row fails
``test_every_page_has_a_row``. A REST API endpoint is a URL name like any other (``api:…``):
its rows name the endpoint, the object and the action, with the methods it answers.

Expected outcomes per role, in the order of ``ROLES``: ``Y`` the page answers (below 400),
``F`` forbidden (403), ``N`` not found (404: a row out of the user's read scope does not
exist for them), ``A`` the request passes the permission gate (anything but 403 and 404: a POST
without data may be refused as invalid, which is not the point here).
"""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from counterpart.core.models import ChangeRecord
from counterpart.core.permissions import MASK, restrict
from counterpart.events.models import Event, Participation
from counterpart.geo.models import Pairing, Region, Zone
from counterpart.imports.models import ImportBatch
from counterpart.jobs.models import BackgroundJob, JobKind, JobStatus
from counterpart.organizations.models import Contact, Organization, OrganizationKind
from counterpart.press.models import Proposal, ProposalKind, ReportedFigure, SourceDocument
from counterpart.projects.models import (
    FollowUp,
    FundsInPlace,
    Project,
    StageChange,
    TaskForce,
    TaskForceCity,
)
from counterpart.users.choices import Role

pytestmark = [pytest.mark.django_db]

ROLES = (
    Role.ADMINISTRATOR,
    Role.DEPARTMENT_STAFF,
    Role.TASK_FORCE_OFFICER,
    Role.CITY_STAFF,
    Role.VIEWER,
)
HOME_CITY = "230100"  # Harbin: the city staff's city, covered by the officer's task force

READ, WRITE, EXPORT, POST = "read", "write", "export", "post"
PATCH = "patch"  # the API's update, with an empty body: the permission gate, and no change

# The ONE table. (URL name, object the URL is about, action, outcome per role).
# Objects: *_home lie in Harbin; *_away in a city that neither the city staff nor the officer's
# task force covers. ``read`` and ``write`` are GETs of a page (a write page is the form or the
# confirmation: the same gate as its POST), ``export`` a list's ?export=csv, ``post`` a POST.
#         admin staff officer city viewer
MATRIX: list[tuple[str, str | None, str, str]] = [
    # Reports: province-wide, readable by every role.
    ("home", None, READ, "YYYYY"),
    ("projects:supervision", None, READ, "YYYYY"),
    ("projects:board", None, READ, "YYYYY"),
    ("press:reconciliation", None, READ, "YYYYY"),
    # Reference data and the registry: read by all, written by the department.
    ("geo:region_list", None, READ, "YYYYY"),
    ("geo:region_list", None, EXPORT, "YYYYY"),
    ("geo:region", "region", READ, "YYYYY"),
    ("geo:region_add", None, WRITE, "YYFFF"),
    ("geo:region_edit", "region", WRITE, "YYFFF"),
    ("geo:region_delete", "region", WRITE, "YYFFF"),
    ("geo:zone_list", None, READ, "YYYYY"),
    ("geo:zone_list", None, EXPORT, "YYYYY"),
    ("geo:zone", "zone", READ, "YYYYY"),
    ("geo:zone_add", None, WRITE, "YYFFF"),
    ("geo:zone_edit", "zone", WRITE, "YYFFF"),
    ("geo:zone_delete", "zone", WRITE, "YYFFF"),
    ("geo:pairing_list", None, READ, "YYYYY"),
    ("geo:pairing_list", None, EXPORT, "YYYYY"),
    ("geo:pairing", "pairing", READ, "YYYYY"),
    ("geo:pairing_add", None, WRITE, "YYFFF"),
    ("geo:pairing_edit", "pairing", WRITE, "YYFFF"),
    ("geo:pairing_delete", "pairing", WRITE, "YYFFF"),
    ("organizations:organization_list", None, READ, "YYYYY"),
    ("organizations:organization_list", None, EXPORT, "YYYYY"),
    ("organizations:organization", "organization", READ, "YYYYY"),
    ("organizations:organization_add", None, WRITE, "YYFFF"),
    ("organizations:organization_edit", "organization", WRITE, "YYFFF"),
    ("organizations:organization_delete", "organization", WRITE, "YYFFF"),
    ("organizations:organization_duplicates", None, READ, "YYYYY"),
    ("organizations:organization_merge", "organization_pair", WRITE, "YYFFF"),
    ("organizations:organization_not_duplicates", "organization_pair", POST, "AAFFF"),
    ("projects:taskforce_list", None, READ, "YYYYY"),
    ("projects:taskforce_list", None, EXPORT, "YYYYY"),
    ("projects:taskforce", "taskforce", READ, "YYYYY"),
    ("projects:taskforce_add", None, WRITE, "YYFFF"),
    ("projects:taskforce_edit", "taskforce", WRITE, "YYFFF"),
    ("projects:taskforce_delete", "taskforce", WRITE, "YYFFF"),
    # Contacts: the city staff read their cities' only; nobody but the department writes them.
    ("organizations:contact_list", None, READ, "YYYYY"),
    ("organizations:contact_list", None, EXPORT, "YYYYY"),
    ("organizations:contact", "contact_home", READ, "YYYYY"),
    ("organizations:contact", "contact_away", READ, "YYYNY"),
    ("organizations:contact_add", None, WRITE, "YYFFF"),
    ("organizations:contact_edit", "contact_home", WRITE, "YYFFF"),
    ("organizations:contact_edit", "contact_away", WRITE, "YYFNF"),
    ("organizations:contact_delete", "contact_home", WRITE, "YYFFF"),
    ("organizations:contact_delete", "contact_away", WRITE, "YYFNF"),
    # A city's work: projects, follow-ups, funds in place, events.
    ("projects:project_list", None, READ, "YYYYY"),
    ("projects:project_list", None, EXPORT, "YYYYY"),
    ("projects:project", "project_home", READ, "YYYYY"),
    ("projects:project", "project_away", READ, "YYYNY"),
    ("projects:project_add", None, WRITE, "YYYYF"),
    ("projects:project_edit", "project_home", WRITE, "YYYYF"),
    ("projects:project_edit", "project_away", WRITE, "YYFNF"),
    ("projects:project_delete", "project_home", WRITE, "YYYYF"),
    ("projects:project_delete", "project_away", WRITE, "YYFNF"),
    ("projects:project_move", "project_home", WRITE, "YYYYF"),
    ("projects:project_move", "project_away", WRITE, "YYFNF"),
    ("projects:project_duplicates", None, READ, "YYYYY"),
    # Verifying figures is the department's (docs/decisions/0009): POST only.
    ("projects:project_verify", "project_home", POST, "AAFFF"),
    ("projects:project_verify", "project_away", POST, "AAFNF"),
    ("projects:project_bulk_verify", None, POST, "AAFFF"),
    ("projects:project_merge", "project_pair_home", WRITE, "YYYYF"),
    ("projects:project_merge", "project_pair_away", WRITE, "YYFNF"),
    ("projects:project_not_duplicates", "project_pair_home", POST, "AAAAF"),
    ("projects:project_not_duplicates", "project_pair_away", POST, "AAFNF"),
    ("projects:followup_list", None, READ, "YYYYY"),
    ("projects:followup_list", None, EXPORT, "YYYYY"),
    ("projects:followup", "followup_home", READ, "YYYYY"),
    ("projects:followup", "followup_away", READ, "YYYNY"),
    ("projects:followup_add", None, WRITE, "YYYYF"),
    ("projects:followup_edit", "followup_home", WRITE, "YYYYF"),
    ("projects:followup_edit", "followup_away", WRITE, "YYFNF"),
    ("projects:followup_delete", "followup_home", WRITE, "YYYYF"),
    ("projects:followup_delete", "followup_away", WRITE, "YYFNF"),
    ("projects:fundsinplace_list", None, READ, "YYYYY"),
    ("projects:fundsinplace_list", None, EXPORT, "YYYYY"),
    ("projects:fundsinplace", "funds_home", READ, "YYYYY"),
    ("projects:fundsinplace", "funds_away", READ, "YYYNY"),
    ("projects:fundsinplace_add", None, WRITE, "YYYYF"),
    ("projects:fundsinplace_edit", "funds_home", WRITE, "YYYYF"),
    ("projects:fundsinplace_edit", "funds_away", WRITE, "YYFNF"),
    ("projects:fundsinplace_delete", "funds_home", WRITE, "YYYYF"),
    ("projects:fundsinplace_delete", "funds_away", WRITE, "YYFNF"),
    ("projects:fundsinplace_verify", "funds_home", POST, "AAFFF"),
    ("projects:fundsinplace_verify", "funds_away", POST, "AAFNF"),
    ("projects:fundsinplace_bulk_verify", None, POST, "AAFFF"),
    ("events:event_list", None, READ, "YYYYY"),
    ("events:event_list", None, EXPORT, "YYYYY"),
    ("events:event", "event_home", READ, "YYYYY"),
    ("events:event", "event_away", READ, "YYYNY"),
    ("events:event_add", None, WRITE, "YYYYF"),
    ("events:event_edit", "event_home", WRITE, "YYYYF"),
    ("events:event_edit", "event_away", WRITE, "YYFNF"),
    ("events:event_delete", "event_home", WRITE, "YYYYF"),
    ("events:event_delete", "event_away", WRITE, "YYFNF"),
    # Imports: anyone who writes rows; a viewer cannot import at all.
    ("imports:upload", None, READ, "YYYYF"),
    ("imports:template", "template", READ, "YYYYF"),
    ("imports:batch", "own_batch", READ, "YYYYF"),
    ("imports:preview", "own_batch", READ, "YYYYF"),
    ("imports:progress", "own_batch", READ, "YYYYF"),
    ("imports:report", "own_batch", READ, "YYYYF"),
    ("imports:commit", "own_batch", POST, "AAAAF"),
    # Background jobs: each user's own; department staff and administrators see everyone's.
    ("jobs:list", None, READ, "YYYYY"),
    ("jobs:job", "own_job", READ, "YYYYY"),
    ("jobs:job", "other_job", READ, "YYNNN"),
    ("jobs:download", "own_job", READ, "YYYYY"),
    ("jobs:download", "other_job", READ, "YYNNN"),
    # Briefs as documents: reports are province-wide; anyone may have one written.
    ("reports:brief", None, READ, "YYYYY"),
    ("reports:brief", None, POST, "AAAAA"),
    # Press: read by all, reviewed and written by the department.
    ("press:sourcedocument_list", None, READ, "YYYYY"),
    ("press:sourcedocument_list", None, EXPORT, "YYYYY"),
    ("press:sourcedocument", "article", READ, "YYYYY"),
    ("press:sourcedocument_delete", "article", WRITE, "YYFFF"),
    ("press:sourcedocument_detail", "article", READ, "YYYYY"),
    ("press:ingest", None, WRITE, "YYFFF"),
    ("press:reportedfigure_list", None, READ, "YYYYY"),
    ("press:reportedfigure_list", None, EXPORT, "YYYYY"),
    ("press:reportedfigure", "figure", READ, "YYYYY"),
    ("press:reportedfigure_detail", "figure", READ, "YYYYY"),
    ("press:reportedfigure_edit", "figure", WRITE, "YYFFF"),
    ("press:reportedfigure_delete", "figure", WRITE, "YYFFF"),
    ("press:reportedfigure_confirm", "figure", POST, "AAFFF"),
    ("press:reportedfigure_reject", "figure", POST, "AAFFF"),
    ("press:proposal_confirm", "proposal", WRITE, "YYFFF"),
    ("press:proposal_reject", "proposal", POST, "AAFFF"),
    # The audit trail: the department's; a readable object's own history for all who read it.
    ("core:changerecord_list", None, READ, "YYFFF"),
    ("core:changerecord_list", None, EXPORT, "YYFFF"),
    ("core:changerecord", "record_home", READ, "YYNNN"),
    ("core:object_history", "history_home", READ, "YYYYY"),
    ("core:object_history", "history_away", READ, "YYYNY"),
    # The REST API: the same gates. Reference data and the registry (read by all, written by
    # the department), contacts, a city's work, press, the change log, users, reports.
    ("api:geo:region-list", None, READ, "YYYYY"),
    ("api:geo:region-list", None, POST, "AAFFF"),
    ("api:geo:region-detail", "first:geo.region", READ, "YYYYY"),
    ("api:geo:region-detail", "first:geo.region", PATCH, "YYFFF"),
    ("api:geo:zone-list", None, READ, "YYYYY"),
    ("api:geo:zone-list", None, POST, "AAFFF"),
    ("api:geo:zone-detail", "first:geo.zone", READ, "YYYYY"),
    ("api:geo:zone-detail", "first:geo.zone", PATCH, "YYFFF"),
    ("api:geo:pairing-list", None, READ, "YYYYY"),
    ("api:geo:pairing-list", None, POST, "AAFFF"),
    ("api:geo:pairing-detail", "first:geo.pairing", READ, "YYYYY"),
    ("api:geo:pairing-detail", "first:geo.pairing", PATCH, "YYFFF"),
    ("api:geo:agreement-list", None, READ, "YYYYY"),
    ("api:geo:agreement-list", None, POST, "AAFFF"),
    ("api:geo:agreement-detail", "first:geo.agreement", READ, "YYYYY"),
    ("api:geo:agreement-detail", "first:geo.agreement", PATCH, "YYFFF"),
    ("api:industries:taxonomy-list", None, READ, "YYYYY"),
    ("api:industries:taxonomy-list", None, POST, "AAFFF"),
    ("api:industries:taxonomy-detail", "first:industries.taxonomy", READ, "YYYYY"),
    ("api:industries:taxonomy-detail", "first:industries.taxonomy", PATCH, "YYFFF"),
    ("api:industries:industry-list", None, READ, "YYYYY"),
    ("api:industries:industry-list", None, POST, "AAFFF"),
    ("api:industries:industry-detail", "first:industries.industry", READ, "YYYYY"),
    ("api:industries:industry-detail", "first:industries.industry", PATCH, "YYFFF"),
    ("api:industries:industrymapping-list", None, READ, "YYYYY"),
    ("api:industries:industrymapping-list", None, POST, "AAFFF"),
    ("api:industries:industrymapping-detail", "first:industries.industrymapping", READ, "YYYYY"),
    ("api:industries:industrymapping-detail", "first:industries.industrymapping", PATCH, "YYFFF"),
    ("api:organizations:organization-list", None, READ, "YYYYY"),
    ("api:organizations:organization-list", None, POST, "AAFFF"),
    ("api:organizations:organization-detail", "first:organizations.organization", READ, "YYYYY"),
    ("api:organizations:organization-detail", "first:organizations.organization", PATCH, "YYFFF"),
    ("api:organizations:organizationalias-list", None, READ, "YYYYY"),
    ("api:organizations:organizationalias-list", None, POST, "AAFFF"),
    ("api:organizations:organizationalias-detail", "alias", READ, "YYYYY"),
    ("api:organizations:organizationalias-detail", "alias", PATCH, "YYFFF"),
    ("api:organizations:ranking-list", None, READ, "YYYYY"),
    ("api:organizations:ranking-list", None, POST, "AAFFF"),
    ("api:organizations:ranking-detail", "first:organizations.ranking", READ, "YYYYY"),
    ("api:organizations:ranking-detail", "first:organizations.ranking", PATCH, "YYFFF"),
    ("api:projects:taskforce-list", None, READ, "YYYYY"),
    ("api:projects:taskforce-list", None, POST, "AAFFF"),
    ("api:projects:taskforce-detail", "first:projects.taskforce", READ, "YYYYY"),
    ("api:projects:taskforce-detail", "first:projects.taskforce", PATCH, "YYFFF"),
    ("api:projects:taskforcecity-list", None, READ, "YYYYY"),
    ("api:projects:taskforcecity-list", None, POST, "AAFFF"),
    ("api:projects:taskforcecity-detail", "first:projects.taskforcecity", READ, "YYYYY"),
    ("api:projects:taskforcecity-detail", "first:projects.taskforcecity", PATCH, "YYFFF"),
    ("api:indicators:indicator-list", None, READ, "YYYYY"),
    ("api:indicators:indicator-list", None, POST, "AAFFF"),
    ("api:indicators:indicator-detail", "first:indicators.indicator", READ, "YYYYY"),
    ("api:indicators:indicator-detail", "first:indicators.indicator", PATCH, "YYFFF"),
    ("api:indicators:observation-list", None, READ, "YYYYY"),
    ("api:indicators:observation-list", None, POST, "AAFFF"),
    ("api:indicators:observation-detail", "first:indicators.observation", READ, "YYYYY"),
    ("api:indicators:observation-detail", "first:indicators.observation", PATCH, "YYFFF"),
    ("api:organizations:contact-list", None, READ, "YYYYY"),
    ("api:organizations:contact-list", None, POST, "AAFFF"),
    ("api:organizations:contact-detail", "contact_home", READ, "YYYYY"),
    ("api:organizations:contact-detail", "contact_away", READ, "YYYNY"),
    ("api:organizations:contact-detail", "contact_home", PATCH, "YYFFF"),
    ("api:organizations:contact-detail", "contact_away", PATCH, "YYFNF"),
    ("api:projects:project-list", None, READ, "YYYYY"),
    ("api:projects:project-list", None, POST, "AAAAF"),
    ("api:projects:project-detail", "project_home", READ, "YYYYY"),
    ("api:projects:project-detail", "project_away", READ, "YYYNY"),
    ("api:projects:project-detail", "project_home", PATCH, "YYYYF"),
    ("api:projects:project-detail", "project_away", PATCH, "YYFNF"),
    ("api:projects:followup-list", None, READ, "YYYYY"),
    ("api:projects:followup-list", None, POST, "AAAAF"),
    ("api:projects:followup-detail", "followup_home", READ, "YYYYY"),
    ("api:projects:followup-detail", "followup_away", READ, "YYYNY"),
    ("api:projects:followup-detail", "followup_home", PATCH, "YYYYF"),
    ("api:projects:followup-detail", "followup_away", PATCH, "YYFNF"),
    ("api:projects:fundsinplace-list", None, READ, "YYYYY"),
    ("api:projects:fundsinplace-list", None, POST, "AAAAF"),
    ("api:projects:fundsinplace-detail", "funds_home", READ, "YYYYY"),
    ("api:projects:fundsinplace-detail", "funds_away", READ, "YYYNY"),
    ("api:projects:fundsinplace-detail", "funds_home", PATCH, "YYYYF"),
    ("api:projects:fundsinplace-detail", "funds_away", PATCH, "YYFNF"),
    ("api:events:event-list", None, READ, "YYYYY"),
    ("api:events:event-list", None, POST, "AAAAF"),
    ("api:events:event-detail", "event_home", READ, "YYYYY"),
    ("api:events:event-detail", "event_away", READ, "YYYNY"),
    ("api:events:event-detail", "event_home", PATCH, "YYYYF"),
    ("api:events:event-detail", "event_away", PATCH, "YYFNF"),
    ("api:events:participation-list", None, READ, "YYYYY"),
    ("api:events:participation-list", None, POST, "AAAAF"),
    ("api:events:participation-detail", "participation_home", READ, "YYYYY"),
    ("api:events:participation-detail", "participation_away", READ, "YYYNY"),
    ("api:events:participation-detail", "participation_home", PATCH, "YYYYF"),
    ("api:events:participation-detail", "participation_away", PATCH, "YYFNF"),
    ("api:projects:project-verify", "project_home", POST, "AAFFF"),
    ("api:projects:project-verify", "project_away", POST, "AAFNF"),
    ("api:projects:project-unverify", "project_home", POST, "AAFFF"),
    ("api:projects:fundsinplace-verify", "funds_home", POST, "AAFFF"),
    ("api:projects:fundsinplace-verify", "funds_away", POST, "AAFNF"),
    ("api:projects:fundsinplace-unverify", "funds_home", POST, "AAFFF"),
    ("api:indicators:observation-verify", "first:indicators.observation", POST, "AAFFF"),
    ("api:indicators:observation-unverify", "first:indicators.observation", POST, "AAFFF"),
    ("api:projects:project-move", "project_home", POST, "AAAAF"),
    ("api:projects:project-move", "project_away", POST, "AAFNF"),
    ("api:projects:stagechange-list", None, READ, "YYYYY"),
    ("api:projects:stagechange-detail", "stagechange_home", READ, "YYYYY"),
    ("api:projects:stagechange-detail", "stagechange_away", READ, "YYYNY"),
    ("api:press:sourcedocument-list", None, READ, "YYYYY"),
    ("api:press:sourcedocument-detail", "article", READ, "YYYYY"),
    ("api:press:proposal-list", None, READ, "YYYYY"),
    ("api:press:proposal-detail", "proposal", READ, "YYYYY"),
    ("api:press:reportedfigure-list", None, READ, "YYYYY"),
    ("api:press:reportedfigure-detail", "figure", READ, "YYYYY"),
    ("api:press:reportedfigure-detail", "figure", PATCH, "YYFFF"),
    ("api:press:reportedfigure-confirm", "figure", POST, "AAFFF"),
    ("api:press:reportedfigure-reject", "figure", POST, "AAFFF"),
    ("api:core:changerecord-list", None, READ, "YYFFF"),
    ("api:core:changerecord-detail", "record_home", READ, "YYFFF"),
    ("api:users:user-list", None, READ, "YYFFF"),
    ("api:users:user-detail", "first:users.user", READ, "YYFFF"),
    ("api:reports:brief", None, READ, "AAAAA"),
    ("api:reports:capital-by-source", None, READ, "AAAAA"),
    ("api:reports:dashboard", None, READ, "AAAAA"),
    ("api:reports:event-summary", None, READ, "AAAAA"),
    ("api:reports:indicator", None, READ, "AAAAA"),
    ("api:reports:pairings", None, READ, "AAAAA"),
    ("api:reports:pipeline", None, READ, "AAAAA"),
    ("api:reports:supervision", None, READ, "AAAAA"),
    ("api:reports:time-in-stage", None, READ, "AAAAA"),
    ("api:schema", None, READ, "YYYYY"),
    ("api:docs", None, READ, "YYYYY"),
    ("api:token", None, READ, "AAAAA"),
]

# URL names that need no row, and why.
EXEMPT = {
    "login": "the login page is for people not yet signed in",
    "logout": "signing out is open to every user",
    "set_language": "choosing the interface language is open to every user",
    "ops:health": "a load balancer's probe, answered before sign-in (counterpart/ops)",
    "ops:ready": "a load balancer's probe, answered before sign-in (counterpart/ops)",
}


# ---------------------------------------------------------------------------- the URL names


def url_names(patterns=None, namespace: str = "") -> set[str]:
    """Every named URL of the project, as "namespace:name" (the admin site excepted: its pages
    are for the roles without a scope, ``users.choices.ADMIN_SITE_ROLES``)."""
    found: set[str] = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin" or pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found |= url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            found.add(f"{namespace}{pattern.name}")
    return found


def test_every_page_has_a_row():
    covered = {name for name, _obj, _action, _expected in MATRIX}
    missing = url_names() - covered - set(EXEMPT)
    assert not missing, f"pages without a row in the permission matrix: {sorted(missing)}"
    unknown = covered - url_names()
    assert not unknown, f"rows for pages that do not exist: {sorted(unknown)}"
    assert all(len(expected) == len(ROLES) for *_rest, expected in MATRIX)


# ---------------------------------------------------------------------------- the data


@pytest.fixture(scope="module")
def world(sample_data, django_db_blocker):
    """The sample data with a user of each role and the rows the table names."""
    with django_db_blocker.unblock():
        User = get_user_model()
        harbin = Region.objects.get(code=HOME_CITY)
        home_tfc = TaskForceCity.objects.select_related("task_force").get(city=harbin)
        away_city = (
            TaskForceCity.objects.exclude(task_force=home_tfc.task_force)
            .order_by("city__code")
            .first()
            .city
        )
        users = {
            Role.ADMINISTRATOR: User.objects.create_superuser("m-admin", password="x"),
            Role.DEPARTMENT_STAFF: User.objects.create_user(
                "m-staff", password="x", role=Role.DEPARTMENT_STAFF
            ),
            Role.TASK_FORCE_OFFICER: User.objects.create_user(
                "m-officer",
                password="x",
                role=Role.TASK_FORCE_OFFICER,
                task_force=home_tfc.task_force,
            ),
            Role.CITY_STAFF: User.objects.create_user(
                "m-city", password="x", role=Role.CITY_STAFF, city=harbin
            ),
            Role.VIEWER: User.objects.create_user("m-viewer", password="x", role=Role.VIEWER),
        }
        for user in users.values():
            user.language = "en"
            user.save(update_fields=["language"])

        def within(region) -> Q:
            return Q(destination_region=region) | Q(destination_region__parent=region)

        home_projects = list(Project.objects.filter(within(harbin)).order_by("code")[:2])
        away_projects = list(Project.objects.filter(within(away_city)).order_by("code")[:2])
        shenzhen = Region.objects.get(code="440300")
        home_org = Organization.objects.create(
            kind=OrganizationKind.ENTERPRISE, name_zh="矩阵哈尔滨本地公司", hq_region=harbin
        )
        away_org = Organization.objects.create(
            kind=OrganizationKind.ENTERPRISE, name_zh="矩阵深圳外地公司", hq_region=shenzhen
        )
        contact_home = Contact.objects.create(
            organization=home_org, name="本市联系人", phone="0451-11112222", email="home@x.cn"
        )
        contact_away = Contact.objects.create(
            organization=away_org, name="外市联系人", phone="0755-33334444", email="away@x.cn"
        )
        day = datetime.date(2023, 5, 1)
        followup_home = FollowUp.objects.create(
            project=home_projects[0], date=day, kind="call", summary="本市", contact=None
        )
        followup_away = FollowUp.objects.create(
            project=away_projects[0],
            organization=away_org,
            contact=contact_away,
            date=day,
            kind="call",
            summary="外市",
        )
        funds_home = FundsInPlace.objects.create(
            project=home_projects[0], month=day, amount=1, source_region=shenzhen
        )
        funds_away = FundsInPlace.objects.create(
            project=away_projects[0], month=day, amount=1, source_region=shenzhen
        )
        event_home = Event.objects.create(
            code="M-HOME", kind="visit", title_zh="本市活动", start_date=day, region=harbin
        )
        event_away = Event.objects.create(
            code="M-AWAY", kind="visit", title_zh="外市活动", start_date=day, region=away_city
        )
        participation_home = Participation.objects.create(
            event=event_home, organization=home_org, role="attendee"
        )
        participation_away = Participation.objects.create(
            event=event_away, organization=away_org, role="attendee"
        )
        stagechange_home = StageChange.objects.filter(project__in=home_projects).first()
        stagechange_away = StageChange.objects.filter(project__in=away_projects).first()
        article = SourceDocument.objects.order_by("pk").first()
        figure = ReportedFigure.objects.order_by("pk").first()
        proposal = Proposal.objects.filter(kind=ProposalKind.ORGANIZATION).first()
        if proposal is None:
            proposal = Proposal.objects.create(
                document=article,
                kind=ProposalKind.ORGANIZATION,
                quoted_span="矩阵公司",
                span_start=0,
                span_end=4,
                name="矩阵公司",
            )
        objects = {
            "region": harbin,
            "zone": Zone.objects.order_by("pk").first(),
            "pairing": Pairing.objects.order_by("pk").first(),
            "organization": home_org,
            "organization_pair": (home_org, away_org),
            "taskforce": TaskForce.objects.order_by("pk").first(),
            "contact_home": contact_home,
            "contact_away": contact_away,
            "project_home": home_projects[0],
            "project_away": away_projects[0],
            "project_pair_home": tuple(home_projects),
            "project_pair_away": tuple(away_projects),
            "followup_home": followup_home,
            "followup_away": followup_away,
            "funds_home": funds_home,
            "funds_away": funds_away,
            "event_home": event_home,
            "event_away": event_away,
            "participation_home": participation_home,
            "participation_away": participation_away,
            "stagechange_home": stagechange_home,
            "stagechange_away": stagechange_away,
            "article": article,
            "figure": figure,
            "proposal": proposal,
        }
        assert all(v is not None for v in objects.values()), objects
        assert len(home_projects) == 2 and len(away_projects) == 2
        yield {"users": users, "objects": objects, "away_city": away_city}


def request_for(client, world, user, name: str, obj_key: str | None):
    """(method, URL, data) of a row, for ``user``."""
    objects = world["objects"]
    if obj_key == "own_batch":
        batch = ImportBatch.objects.create(
            user=user, entity="projects", filename="p.csv", data=b"code\nX\n", size=7
        )
        return reverse(name, kwargs={"pk": batch.pk}), {}
    if obj_key in ("own_job", "other_job"):
        owner = user
        if obj_key == "other_job":
            owner, _created = get_user_model().objects.get_or_create(username="m-other")
        job = BackgroundJob.objects.create(
            owner=owner,
            kind=JobKind.BRIEF,
            title="brief",
            status=JobStatus.SUCCEEDED,
            output=b"%PDF-",
            output_name="brief.pdf",
            output_type="application/pdf",
        )
        return reverse(name, kwargs={"pk": job.pk}), {}
    if obj_key == "template":
        return reverse(name, kwargs={"entity": "projects", "lang": "en"}), {}
    if obj_key and "_pair" in obj_key:
        first, second = objects[obj_key]
        if name.endswith("_merge"):
            return reverse(name), {"survivor": first.pk, "duplicate": second.pk}
        return reverse(name), {"object": [first.pk, second.pk]}
    if obj_key and obj_key.startswith("history_"):
        project = objects[obj_key.replace("history", "project")]
        kind = ContentType.objects.get_for_model(project)
        return reverse(name, kwargs={"content_type": kind.pk, "object_id": project.pk}), {}
    if obj_key == "alias":
        obj_key = "first:organizations.OrganizationAlias"
    if obj_key and obj_key.startswith("first:"):
        model = apps.get_model(obj_key.removeprefix("first:"))
        return reverse(name, kwargs={"pk": model.objects.order_by("pk").first().pk}), {}
    if obj_key == "record_home":
        record = ChangeRecord.objects.for_object(objects["project_home"]).first()
        if record is None:  # the sample loader's records may be batched away: make one
            project = objects["project_home"]
            project.save()
            record = ChangeRecord.objects.for_object(project).first()
        return reverse(name, kwargs={"pk": record.pk}), {}
    if obj_key is None:
        return reverse(name), {}
    return reverse(name, kwargs={"pk": objects[obj_key].pk}), {}


OUTCOMES = {
    "Y": lambda status: status < 400,
    "F": lambda status: status == 403,
    "N": lambda status: status == 404,
    "A": lambda status: status not in (403, 404),
}


@pytest.mark.parametrize(("role_index", "role"), list(enumerate(ROLES)))
@pytest.mark.parametrize(
    ("name", "obj_key", "action", "expected"),
    MATRIX,
    ids=[f"{name}-{obj or '-'}-{action}" for name, obj, action, _e in MATRIX],
)
def test_matrix(client, world, role_index, role, name, obj_key, action, expected):
    user = world["users"][role]
    client.force_login(user)
    url, data = request_for(client, world, user, name, obj_key)
    if action == POST:
        response = client.post(url, data)
    elif action == PATCH:
        response = client.patch(url, "{}", content_type="application/json")
    elif action == EXPORT:
        response = client.get(url, {**data, "export": "csv"})
    else:
        response = client.get(url, data)
    outcome = expected[role_index]
    assert OUTCOMES[outcome](response.status_code), (
        f"{role} {action} {name} {obj_key}: {response.status_code}, expected {outcome}"
    )
    if action == EXPORT and outcome == "Y":
        assert response["Content-Type"].startswith("text/csv")


def test_anonymous_users_are_sent_to_log_in(client, world):
    for name, obj_key, _action, _expected in MATRIX:
        url, data = request_for(client, world, world["users"][Role.ADMINISTRATOR], name, obj_key)
        response = client.get(url, data)
        if name.startswith("api:") and name != "api:docs":  # JSON: authentication needed
            assert response.status_code in (401, 403), name
            continue
        assert response.status_code == 302 and "/login/" in response["Location"], name


# ---------------------------------------------------------------------------- the acceptance


def test_city_staff_cannot_read_another_citys_contacts_by_any_route(client, world):
    """Page, list, search, export (with personal data asked for), related tables, selects of the
    forms, reports: the other city's contact never shows; their own does."""
    user, objects = world["users"][Role.CITY_STAFF], world["objects"]
    away, home = objects["contact_away"], objects["contact_home"]
    client.force_login(user)

    def text(response) -> str:
        return response.content.decode("utf-8-sig")

    contacts = reverse("organizations:contact_list")
    assert client.get(reverse("organizations:contact", kwargs={"pk": away.pk})).status_code == 404
    listed = text(client.get(contacts, {"per_page": 250}))
    assert home.name in listed and away.name not in listed
    assert client.get(contacts, {"q": away.name}).context["total"] == 0
    assert client.get(contacts, {"id": away.pk}).context["total"] == 0
    assert client.get(contacts, {"q": home.name}).context["total"] == 1
    for fmt in ("csv", "xlsx"):
        exported = client.get(contacts, {"export": fmt, "personal": "1"})
        assert exported.status_code == 200
        if fmt == "csv":
            assert away.name not in text(exported) and home.name in text(exported)
            assert "away@x.cn" not in text(exported)
    # Pages that show contacts of other rows: the organisation's page, the follow-ups' list.
    organization = client.get(
        reverse("organizations:organization", kwargs={"pk": away.organization_id})
    )
    assert organization.status_code == 200 and away.name not in text(organization)
    assert away.name not in text(client.get(reverse("projects:followup_list")))
    # The selects of a form offer only readable contacts (and refuse the others).
    form = client.get(reverse("projects:followup_add")).context["form"]
    offered = set(form.fields["contact"].queryset.values_list("pk", flat=True))
    assert home.pk in offered and away.pk not in offered
    refused = client.post(
        reverse("projects:followup_add"),
        {
            "project": objects["project_home"].pk,
            "contact": away.pk,
            "date": "2023-06-01",
            "kind": "call",
            "summary": "x",
        },
    )
    assert refused.status_code == 200 and "contact" in refused.context["form"].errors
    # Reports: the supervision page lists only the city's rows.
    supervision = client.get(reverse("projects:supervision"))
    assert supervision.status_code == 200
    shown = {a.follow_up_id for a in supervision.context["report"].overdue}
    assert shown <= set(restrict(FollowUp.objects.all(), user).values_list("pk", flat=True))
    # Searching the follow-ups for the other city's one finds nothing.
    assert client.get(reverse("projects:followup_list"), {"q": "外市"}).context["total"] == 0
    # The REST API: the contact, the contacts' list and search, the follow-ups that name the
    # contact, and the supervision report.
    api = "/api/organizations/contacts/"
    assert client.get(f"{api}{away.pk}/").status_code == 404
    listed = client.get(api, {"limit": 1000}).json()
    names = {row["name"] for row in listed["results"]}
    assert home.name in names and away.name not in names
    assert client.get(api, {"q": away.name}).json()["count"] == 0
    assert client.get(api, {"id": away.pk}).json()["count"] == 0
    followups = client.get("/api/projects/followups/", {"limit": 1000}).content.decode()
    assert away.name not in followups and "外市" not in followups
    report = client.get("/api/reports/supervision/", {"stale_days": 1})
    assert report.status_code == 200, report.content
    readable = set(restrict(FollowUp.objects.all(), user).values_list("pk", flat=True))
    assert {item["follow_up_id"] for item in report.json()["overdue"]} <= readable


def test_lists_and_exports_hold_only_the_city_rows_for_city_staff(client, world):
    user, objects = world["users"][Role.CITY_STAFF], world["objects"]
    client.force_login(user)
    away_code, home_code = objects["project_away"].code, objects["project_home"].code
    exported = client.get(
        reverse("projects:project_list"), {"export": "csv", "q": home_code[:4]}
    ).content.decode("utf-8-sig")
    assert home_code in exported and away_code not in exported
    page = client.get(reverse("projects:project_list"), {"id": objects["project_away"].pk})
    assert page.context["total"] == 0
    board = client.get(reverse("projects:board"))
    codes = {card.code for column in board.context["columns"] for card in column.cards}
    assert away_code not in codes
    # An officer reads every city but is offered the edit button only for theirs.
    client.force_login(world["users"][Role.TASK_FORCE_OFFICER])
    listed = client.get(
        reverse("projects:project_list"),
        {"id": f"{objects['project_home'].pk},{objects['project_away'].pk}"},
    ).content.decode()
    home_edit = reverse("projects:project_edit", kwargs={"pk": objects["project_home"].pk})
    away_edit = reverse("projects:project_edit", kwargs={"pk": objects["project_away"].pk})
    assert home_edit in listed and away_edit not in listed


@pytest.mark.parametrize("role", ROLES)
def test_masked_fields_stay_masked(client, world, role):
    """A viewer sees contacts' phone and e-mail masked on the list, the page and in exports,
    even when asking for personal data; the other roles see them."""
    objects = world["objects"]
    contact = objects["contact_home"]
    client.force_login(world["users"][role])
    masked = role == Role.VIEWER
    contacts = reverse("organizations:contact_list")
    responses = [
        client.get(contacts, {"id": contact.pk}),
        client.get(reverse("organizations:contact", kwargs={"pk": contact.pk})),
        client.get(contacts, {"id": contact.pk, "export": "csv", "personal": "1"}),
        client.get(reverse("organizations:organization", kwargs={"pk": contact.organization_id})),
    ]
    for response in responses:
        text = response.content.decode("utf-8-sig")
        assert response.status_code == 200
        assert ("0451-11112222" in text) is not masked, (role, response.request["PATH_INFO"])
        if masked:  # on pages masked; an export leaves the columns out (or masks them)
            assert "home@x.cn" not in text
            assert MASK in text or "export" in response.request["QUERY_STRING"]
    xlsx = client.get(contacts, {"id": contact.pk, "export": "xlsx", "personal": "1"})
    from io import BytesIO

    from openpyxl import load_workbook

    cells = {c.value for row in load_workbook(BytesIO(xlsx.content)).active for c in row}
    assert ("0451-11112222" in cells) is not masked


def test_writes_out_of_scope_are_refused_with_the_field_named(client, world):
    """A city's staff cannot move a project to another city, nor create one there."""
    user, objects = world["users"][Role.CITY_STAFF], world["objects"]
    client.force_login(user)
    project = objects["project_home"]
    edit = client.get(reverse("projects:project_edit", kwargs={"pk": project.pk}))
    data = {
        k: v
        for k, v in edit.context["form"].initial.items()
        if v is not None and not isinstance(v, list)
    }
    data.update(
        {
            "destination_region": world["away_city"].pk,
            "investors": [o.pk for o in project.investors.all()],
            "industries": [i.pk for i in project.industries.all()],
            "_version": project.version,
        }
    )
    for key, value in list(data.items()):
        if hasattr(value, "isoformat"):
            data[key] = value.isoformat()
        elif hasattr(value, "pk"):
            data[key] = value.pk
    response = client.post(reverse("projects:project_edit", kwargs={"pk": project.pk}), data)
    assert response.status_code == 200
    assert "destination_region" in response.context["form"].errors
    project.refresh_from_db()
    assert project.destination_region_id != world["away_city"].pk
    # Deleting another city's follow-up: it does not exist for them.
    away = objects["followup_away"]
    response = client.post(reverse("projects:followup_delete", kwargs={"pk": away.pk}))
    assert response.status_code == 404 and FollowUp.objects.filter(pk=away.pk).exists()
    # An officer reads it but may not delete it.
    client.force_login(world["users"][Role.TASK_FORCE_OFFICER])
    response = client.post(reverse("projects:followup_delete", kwargs={"pk": away.pk}))
    assert response.status_code == 403 and FollowUp.objects.filter(pk=away.pk).exists()


def test_the_sample_has_a_user_of_each_role_and_sample_login_lists_them(world):
    from counterpart.core.testing import run_command

    sample = {
        u.username: u
        for u in get_user_model().objects.filter(
            username__in=["admin", "staff", "officer-230100", "harbin", "viewer"]
        )
    }
    assert {u.role for u in sample.values()} == set(ROLES)
    assert sample["harbin"].city.code == HOME_CITY
    assert sample["officer-230100"].task_force.cities.filter(city__code=HOME_CITY).exists()
    printed = run_command("sample_login")
    for username in sample:
        assert username in printed


def test_organisation_lists_count_only_readable_contacts(client, world):
    objects = world["objects"]
    client.force_login(world["users"][Role.CITY_STAFF])
    response = client.get(
        reverse("organizations:organization_list"),
        {"id": f"{objects['organization'].pk},{objects['organization_pair'][1].pk}"},
    )
    counts = {o.pk: o.contact_count for o in response.context["table"].data}
    assert counts == {objects["organization"].pk: 1, objects["organization_pair"][1].pk: 0}


@pytest.mark.parametrize("role", [Role.TASK_FORCE_OFFICER, Role.CITY_STAFF, Role.VIEWER])
@pytest.mark.parametrize(
    "name",
    [
        "projects:project_list",
        "projects:followup_list",
        "projects:fundsinplace_list",
        "events:event_list",
        "organizations:contact_list",
    ],
)
def test_a_scoped_list_costs_the_same_whatever_the_number_of_rows(client, world, role, name):
    """The scope is one SQL condition and the row buttons are judged from loaded values: a
    page of 100 rows costs the queries of a page of 25."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world["users"][role])
    costs = []
    for per_page in (25, 100):
        client.get(reverse(name), {"per_page": per_page})  # the session and caches warm up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(name), {"per_page": per_page})
        assert response.status_code == 200
        costs.append(len(queries))
    assert costs[0] == costs[1], costs
