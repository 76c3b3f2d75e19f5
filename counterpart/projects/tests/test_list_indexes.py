"""The project list's sorts are served by indexes (docs/decisions/0012): the ORDER BY of the
list's key query is the order of an index, so that the database reads the page's rows from it
instead of sorting every matching row."""

import pytest
from django.db import connection
from django.db.models import F

from counterpart.core.fields import NullsLastIndex
from counterpart.core.pagination import stable_order
from counterpart.projects.models import Project

pytestmark = pytest.mark.django_db


def test_a_nulls_last_index_says_so_where_the_database_needs_it():
    """PostgreSQL puts NULLs first in a descending index unless told; SQLite cannot be told
    (and its descending order puts them last already)."""
    index = NullsLastIndex(fields=["stage", "-contract_value", "id"], name="test_val_idx")
    sql = str(index.create_sql(Project, connection.schema_editor()))
    said = '"contract_value" DESC NULLS LAST' in sql
    assert said == connection.features.nulls_order_largest
    assert '"contract_value" DESC' in sql and '"stage"' in sql


@pytest.mark.postgres
def test_signed_projects_by_contract_value_read_the_index_in_order():
    """The money column's sort (``contract_value DESC NULLS LAST, id``) as the list asks it:
    with sorting and table scans made unattractive, an index scan without a Sort node can
    only come from an index in exactly that order."""
    keys = stable_order(
        Project.objects.filter(stage="signed").order_by(
            F("contract_value").desc(nulls_last=True), "pk"
        )
    ).values_list("pk", "contract_value")[:50]
    sql, params = keys.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "projects_project_stage_val_idx" in plan and "Sort" not in plan, plan
