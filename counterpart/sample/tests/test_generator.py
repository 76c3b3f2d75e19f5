import random
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import strategies as st

from counterpart.sample import generator


@given(
    seed=st.integers(0, 2**32),
    n=st.integers(1, 200),
    unit=st.sampled_from([1, 10_000, 1_000_000]),
    extra=st.integers(0, 10**6),
)
def test_allocate_hits_the_total_exactly(seed, n, unit, extra):
    minimum = unit
    total = (n + extra) * unit
    amounts = generator.allocate(random.Random(seed), total, n, unit, minimum)
    assert len(amounts) == n
    assert sum(amounts) == total
    assert all(a >= minimum and a % unit == 0 for a in amounts)


def test_allocate_refuses_an_impossible_split():
    with pytest.raises(ValueError, match="cannot split"):
        generator.allocate(random.Random(1), 10, 20, 1, 1)


def test_the_sample_set_is_deterministic():
    first, second = generator.build(), generator.build()
    assert [p.__dict__ for p in first.projects] == [p.__dict__ for p in second.projects]
    assert [f.__dict__ for f in first.funds] == [f.__dict__ for f in second.funds]


@pytest.mark.django_db
def test_load_sample_without_reference_data_says_what_to_do():
    with pytest.raises(CommandError, match="load-refdata"):
        call_command("load_sample", stdout=StringIO())
