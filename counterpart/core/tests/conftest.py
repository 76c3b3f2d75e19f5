"""Core tests sign in users who read English; the language goes back to the default after
each test, so that later tests see the default language as they expect."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def default_language_after_the_test():
    yield
    translation.deactivate()
