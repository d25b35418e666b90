"""Production: SECRET_KEY and DATABASE_URL are required, cookies are secure."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CACHES, SECRET_KEY

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
if "DATABASE_URL" not in os.environ:
    raise ImproperlyConfigured("DATABASE_URL must be set in production.")
# A memory cache lives in one process: with several web processes, a structure deleted through
# one would stay on the others' maps until their copies time out. gunicorn reads WEB_CONCURRENCY too
# (config/gunicorn.py, same default).
WEB_CONCURRENCY = int(os.environ.get("WEB_CONCURRENCY", "2"))
if WEB_CONCURRENCY > 1 and CACHES["default"]["BACKEND"].endswith(".LocMemCache"):
    raise ImproperlyConfigured(
        f"WEB_CONCURRENCY={WEB_CONCURRENCY} web processes cannot share a per-process memory "
        "cache: set CACHE_URL to redis://… or db://lanterne_cache (after createcachetable)."
    )

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Whether every subdomain is HTTPS too, and whether the domain may enter the browsers' preload
# lists: both are promises about the whole domain, so they are set per site (on by default).
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("SECURE_HSTS_INCLUDE_SUBDOMAINS", "1") == "1"
SECURE_HSTS_PRELOAD = os.environ.get("SECURE_HSTS_PRELOAD", "1") == "1"
LANGUAGE_COOKIE_SECURE = True
