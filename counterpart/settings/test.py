"""The test suite: development settings with a fast password hasher."""

from .development import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Test clients log in without a request, which django-axes needs; the throttling has its own test.
AXES_ENABLED = False
