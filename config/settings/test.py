"""Tests: the database from DATABASE_URL (SQLite when unset), fast hashing, mail in memory."""

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY

SECRET_KEY = "test-only-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MAP_TILE_URL = ""
CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] = ["'self'", "data:"]
AXES_FAILURE_LIMIT = 5
# Static files are served by the test server's handler; WhiteNoise is for production.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise")]  # noqa: F405
