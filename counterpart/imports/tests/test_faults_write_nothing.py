"""The fault catalogue through the command line: every refused file gives its message, exit code
2, and writes nothing."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from counterpart.core.models import ChangeRecord
from counterpart.imports.entities import ENTITIES
from counterpart.imports.readers import Limits, ReadError, read_table
from counterpart.imports.services import run_import
from counterpart.organizations.models import Organization

from .faults import ERROR_CASES

pytestmark = pytest.mark.django_db


def written() -> tuple[int, int]:
    return ChangeRecord.objects.count(), Organization.objects.count()


@pytest.mark.parametrize("case", ERROR_CASES, ids=[case.name for case in ERROR_CASES])
def test_a_refused_file_says_why_and_writes_nothing(case, tmp_path, settings):
    for name, value in case.settings().items():
        setattr(settings, name, value)
    path = tmp_path / case.filename
    path.write_bytes(case.build())
    before = written()
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("import", str(path), entity="organizations", sheet=case.sheet)
    assert error.value.returncode == 2
    if case.error not in str(error.value):
        # The file's columns are not an organisation's: the refusal came from the mapping.
        # Mapped by hand, the import meets the fault while reading the rows, and stops there.
        assert "required field" in str(error.value)
        table = read_for_import(case)
        with translation.override("en"), pytest.raises(ReadError) as read_error:
            run_import(table, ENTITIES["organizations"], mapping={0: "name_zh", 1: "kind"},
                       commit=True, valid_rows_only=True)  # fmt: skip
        assert case.error in str(read_error.value)
    assert written() == before


def read_for_import(case):
    return read_table(
        case.build(), case.filename, header_names=case.header_names,
        sheet=case.sheet, limits=case.limits or Limits(),
    )  # fmt: skip
