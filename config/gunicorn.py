"""gunicorn's settings for Lanterne: `gunicorn -c config/gunicorn.py config.wsgi`.

Everything comes from the environment (docs/deploy.md lists it). Logs go to stdout and stderr,
for systemd's journal or the container's log. The access log holds no personal data: no client
address, no query string (searches and filters), no referrer, no user agent, and the password
reset and invitation links' tokens are masked."""

import os
import re

from gunicorn.glogging import Logger

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Each worker is a process; several need a shared cache (CACHE_URL), which production checks
# with the same variable and the same default (config/settings/production.py).
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# The slowest pages (PDF, XLSX exports) stay well under a minute; a request over this is killed.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Recycle workers now and then: a slow leak never grows for ever. Each new worker pays a second
# or two of processor to import and set up Django, then runs its first requests on cold caches:
# at 200 requests/s on three workers, 1 000 requests would restart one every five seconds, a
# fifth of two cores; 10 000 restarts one every minute or so (issue 14). The jitter keeps the
# workers from restarting together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10
# The reverse proxy on the same machine sets X-Forwarded-Proto; trust it from there only.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Request bodies are bounded by the proxy (client_max_body_size) and by Django before it reads
# them (REQUEST_BODY_MAX_BYTES); the request line and headers stay small.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190

# systemd starts, reloads and stops the servers; gunicorn's control socket (one per user's home
# by default) would clash between two instances on one machine.
control_socket_disable = True

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Time, method, path without its query, status, bytes, duration in milliseconds.
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'

_SECRET_PATHS = re.compile(r"(/mot-de-passe/nouveau/)[^/]+/[^/]+")
_INVITATION_PATHS = re.compile(r"(/invitation/)[^/]+")


class AccessLogger(Logger):
    """Masks the one-time tokens that Django's password reset and invitations put in a path."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = _INVITATION_PATHS.sub(r"\1…", _SECRET_PATHS.sub(r"\1…/…", atoms["U"]))
        return atoms


logger_class = AccessLogger

# Python's cyclic garbage collector walks every tracked object of the heap; after start-up most of
# them (modules, URL patterns, templates, translations) live for the worker's whole life. Once the
# worker has loaded the application, the start-up heap is frozen out of the collector's reach and
# the first generation's threshold raised, so a request pays for its own objects only.
GC_THRESHOLD = int(os.environ.get("GUNICORN_GC_THRESHOLD", "50000"))


def freeze_startup_heap(threshold: int = GC_THRESHOLD) -> None:
    """Move everything alive now out of the collector's reach and raise the first generation's
    threshold (`threshold` ≤ 0 keeps Python's). Also used by `bench.load`, which measures pages
    in one process as a worker serves them."""
    import gc

    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - builds the URL tree before freezing
    gc.collect()
    gc.freeze()
    if threshold > 0:
        _, second, third = gc.get_threshold()
        gc.set_threshold(threshold, second, third)


def post_worker_init(worker):
    freeze_startup_heap()
