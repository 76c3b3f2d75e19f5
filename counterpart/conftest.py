"""Fixtures shared by every app's tests."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import transaction

from counterpart.core.testing import run_command
from counterpart.geo.models import Region, RegionLevel
from counterpart.organizations.models import Organization, OrganizationKind


def pytest_collection_modifyitems(config, items):
    """Skip tests that read ../shared/ where it is absent, and tests marked ``postgres`` when
    the suite runs on SQLite (`make test` runs it again on PostgreSQL), saying so."""
    if not settings.SHARED_DIR.is_dir():
        skip = pytest.mark.skip(reason=f"{settings.SHARED_DIR} is absent (seed articles, refdata)")
        for item in items:
            if "shared" in item.keywords:
                item.add_marker(skip)
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        skip = pytest.mark.skip(reason="needs PostgreSQL: runs when DATABASE_URL names one")
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip)


@pytest.fixture
def regions(db) -> dict[str, Region]:
    """Heilongjiang with Harbin and Guangdong with Shenzhen, enough for model tests."""
    hlj = Region.objects.create(code="230000", name_zh="黑龙江省", level=RegionLevel.PROVINCE)
    gd = Region.objects.create(code="440000", name_zh="广东省", level=RegionLevel.PROVINCE)
    harbin = Region.objects.create(
        code="230100", name_zh="哈尔滨市", level=RegionLevel.PREFECTURE, parent=hlj
    )
    shenzhen = Region.objects.create(
        code="440300", name_zh="深圳市", level=RegionLevel.PREFECTURE, parent=gd
    )
    return {"hlj": hlj, "gd": gd, "harbin": harbin, "shenzhen": shenzhen}


@pytest.fixture
def investor(regions) -> Organization:
    return Organization.objects.create(
        kind=OrganizationKind.ENTERPRISE, name_zh="测试投资有限公司", hq_region=regions["shenzhen"]
    )


@pytest.fixture
def signed_project_kwargs(regions) -> dict:
    """Everything a signed project needs except investors (an M2M, set after saving)."""
    return {
        "code": "T-0001",
        "name_zh": "测试项目",
        "stage": "signed",
        "source_region": regions["shenzhen"],
        "destination_region": regions["harbin"],
        "contract_value": Decimal("100000000.00"),
        "signed_date": datetime.date(2023, 4, 22),
    }


@pytest.fixture(scope="module")
def sample_data(django_db_setup, django_db_blocker):
    """Reference and sample data loaded once for a test module, rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        run_command("load_refdata")
        run_command("load_sample")
        yield
        transaction.set_rollback(True)
