"""The test suite: development settings with a fast password hasher."""

from .development import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Test clients log in without a request, which django-axes needs; the throttling has its own test.
AXES_ENABLED = False

# The suite does not depend on the machine's REDIS_URL: one process's memory, database sessions.
# The ops tests try Redis and the database cache on purpose (counterpart/ops/tests/).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Background jobs run at once, inside the call that queues them, so that tests are deterministic;
# counterpart/jobs/tests/test_worker.py runs the database backend and the worker as production does.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "ENQUEUE_ON_COMMIT": False,
    }
}
