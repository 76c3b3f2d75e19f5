"""Schemathesis against the committed schema (docs/api/openapi.yaml), on the sample ledger.

Every operation is called with generated parameters and bodies (a few examples each, the same
ones on every run) as a user with a token: no answer may be a server error or disagree with
the schema, and every write that succeeds must leave change records by that user on the API
channel. The token endpoint is left out: it would replace the token the run uses (it has its
own tests in test_api.py).
"""

import pytest
import schemathesis
from django.conf import settings
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from counterpart.core.changelog import snapshot
from counterpart.core.choices import Channel
from counterpart.core.models import ChangeRecord

from .api_fixtures import api_user

SCHEMA_FILE = settings.PROJECT_DIR / "docs" / "api" / "openapi.yaml"
EXAMPLES = 5
WRITES = {"POST", "PUT", "PATCH", "DELETE"}

schema = schemathesis.openapi.from_path(SCHEMA_FILE).exclude(path="/api/token/")
schema.app = get_wsgi_application()


@pytest.fixture
def token(sample_data, db) -> Token:
    """A user with a token; requests made straight to the WSGI application must not close the
    test's database connection at their end (Django's test client disconnects this too)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    _user, token = api_user("schemathesis")
    yield token
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case, token):
    last = ChangeRecord.objects.order_by("-id").values_list("id", flat=True).first() or 0
    before = stored_state(case)
    response = case.call_and_validate(
        base_url="http://testserver",
        headers={"Authorization": f"Token {token.key}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
    written = ChangeRecord.objects.filter(id__gt=last)
    actors = set(written.values_list("channel", "user"))
    assert actors <= {(Channel.API, token.user_id)}, case.operation.label
    succeeded = case.method.upper() in WRITES and 200 <= response.status_code < 300
    # A change (PUT, PATCH, or an action on a row such as verify) that leaves the row as it was
    # writes no record; a creation (POST to a list) and a deletion always do.
    creates = case.method.upper() == "POST" and "id" not in case.path_parameters
    if succeeded and (creates or case.method.upper() == "DELETE" or stored_state(case) != before):
        assert written.exists(), f"{case.operation.label} wrote without a change record"


def stored_state(case):
    """The fields and many-to-many ids of the row a detail operation addresses (None for a
    list, or a row that does not exist)."""
    if "id" not in case.path_parameters:
        return None
    try:
        view = resolve(case.formatted_path).func
    except Resolver404:
        return None
    queryset = getattr(getattr(view, "cls", None), "queryset", None)
    if queryset is None:
        return None
    model = queryset.model
    try:
        row = model._default_manager.filter(pk=int(case.path_parameters["id"])).first()
    except (TypeError, ValueError, OverflowError):
        return None
    if row is None:
        return None
    related = {
        f.name: sorted(getattr(row, f.name).values_list("pk", flat=True))
        for f in model._meta.many_to_many
    }
    return snapshot(row), related
