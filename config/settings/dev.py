"""The local demo: debug on, e-mails printed to the console, a fixed development key."""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

from .base import *  # noqa: F403
from .base import SECRET_KEY as _SECRET_KEY

SECRET_KEY = _SECRET_KEY or "dev-only-insecure-key-never-use-in-production"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The demo is served by gunicorn like production: WhiteNoise serves the static files straight
# from the apps' folders (no collectstatic), and picks up their changes.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
