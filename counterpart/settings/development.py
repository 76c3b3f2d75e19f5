"""Local development: DEBUG on, SQLite unless DATABASE_URL says otherwise, sample users allowed."""

import os

from .base import *  # noqa: F403
from .base import DEFAULT_DATABASE_URL, database_from_url, redis_cache

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "development-only-not-secret")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL))}
SAMPLE_USERS_ALLOWED = True
# One process's memory serves runserver; REDIS_URL tries the production cache locally.
if os.environ.get("REDIS_URL", "").strip():
    CACHES = redis_cache(os.environ["REDIS_URL"].strip())
