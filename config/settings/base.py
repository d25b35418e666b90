"""Every setting comes from the environment; the defaults are safe for the local demo."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "lanterne.core",
    "lanterne.accounts",
    "lanterne.territories",
    "lanterne.network",
    "lanterne.calls",
    "lanterne.dossiers",
    "lanterne.committee",
    "lanterne.projects",
    "lanterne.observatory",
    "lanterne.speakers",
    "lanterne.logbook",
    "lanterne.demo",
    "lanterne.www",
    "lanterne.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lanterne.core.middleware.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "lanterne.api.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # django-otp's OTPMiddleware, and every page waits for the second factor.
    "lanterne.accounts.two_factor.middleware.SecondFactorMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "lanterne.accounts.sessions.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "lanterne" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "lanterne.core.context_processors.site",
            ],
        },
    },
]

# SQLite by default so that the demo runs with nothing else installed;
# production and CI set DATABASE_URL to PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'lanterne.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        # Whether a kept connection is checked before each request reuses it (one more round
        # trip; off by default: a dead connection fails one request, then is replaced).
        conn_health_checks=env_bool("CONN_HEALTH_CHECKS", False),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})
    # WAL lets the demo's task worker write while pages read.
    DATABASES["default"]["OPTIONS"]["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    # django-axes first, so that a locked-out login never reaches the others.
    "axes.backends.AxesStandaloneBackend",
    "lanterne.accounts.throttling.AddressThrottleBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "www:home"
LOGOUT_REDIRECT_URL = "www:directory"

# Login throttling (lanterne.accounts.throttling): five failures lock the (user, address) pair
# for one hour; LOGIN_ADDRESS_FAILURE_LIMIT failures from one address, whatever the accounts,
# refuse every login from it until the hour is over.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "50"))
# The reverse proxies in front of Django, each appending to X-Forwarded-For (nginx: 1). With 0
# the client's address is REMOTE_ADDR and the header, which anyone can write, is ignored.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "lanterne.accounts.throttling.client_address"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "lanterne.accounts.throttling.username_from_request"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Never store the attempted credentials: they are personal data.
AXES_SENSITIVE_PARAMETERS = ["password", "username"]

# Second factor (lanterne.accounts.two_factor): TOTP applications and recovery codes. A refused
# code makes the next attempt wait 1 s, then 2, 4, 8… (django-otp's throttling, per device).
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Lanterne")
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# The admin lists devices without their secrets.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates day first (config/formats/en); French ones are Django's.
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "lanterne" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Uploaded dossier documents: outside MEDIA_ROOT, served only by access-checked views.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
# A request body larger than this is refused with a 413 before it is read
# (lanterne.core.middleware): one file at UPLOAD_MAX_BYTES and the form around it. nginx's
# client_max_body_size (deploy/nginx/lanterne.conf) says the same.
REQUEST_BODY_MAX_BYTES = int(
    os.environ.get("REQUEST_BODY_MAX_BYTES", str(UPLOAD_MAX_BYTES + 1024 * 1024))
)
# The form fields of a request, files aside (Django's own default, stated).
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", str(2_621_440)))


def s3_storage(environ, *, bucket: str, private: bool) -> dict:
    """A STORAGES entry for an S3-compatible bucket (AWS, Scaleway, OVH, MinIO, Garage…).

    The connection (S3_ENDPOINT_URL, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY,
    S3_ADDRESSING_STYLE) is shared by both stores; unset keys fall back to boto3's own chain
    (AWS_* variables, instance role). The private store sends a private ACL, never overwrites a
    file (two documents never share one object) and only ever signs short-lived URLs; Lanterne
    does not hand those out: its views stream the file after checking access."""
    prefix = "PRIVATE_S3_" if private else "MEDIA_S3_"
    connection = {
        "endpoint_url": environ.get("S3_ENDPOINT_URL"),
        "region_name": environ.get("S3_REGION"),
        "access_key": environ.get("S3_ACCESS_KEY_ID"),
        "secret_key": environ.get("S3_SECRET_ACCESS_KEY"),
        "addressing_style": environ.get("S3_ADDRESSING_STYLE"),
    }
    options = {key: value for key, value in connection.items() if value}
    options |= {"bucket_name": bucket, "location": environ.get(f"{prefix}PREFIX", "")}
    if private:
        options |= {
            # Some stores refuse ACL headers (buckets with ACLs disabled): PRIVATE_S3_ACL="".
            "default_acl": environ.get("PRIVATE_S3_ACL", "private") or None,
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": False,
            # Large downloads spill to a temporary file instead of staying in memory.
            "max_memory_size": 2 * 1024 * 1024,
        }
    else:
        options |= {
            "default_acl": environ.get("MEDIA_S3_ACL") or None,
            "querystring_auth": False,
            "custom_domain": environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
        }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


# Local folders by default; an S3-compatible bucket when PRIVATE_S3_BUCKET / MEDIA_S3_BUCKET is set.
STORAGES = {
    "default": (
        s3_storage(os.environ, bucket=os.environ["MEDIA_S3_BUCKET"], private=False)
        if os.environ.get("MEDIA_S3_BUCKET")
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "private": (
        s3_storage(os.environ, bucket=os.environ["PRIVATE_S3_BUCKET"], private=True)
        if os.environ.get("PRIVATE_S3_BUCKET")
        else {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
        }
    ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Lanterne <no-reply@lanterne.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds an SMTP server may stay silent before the attempt fails (and is retried later).
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", "20"))
# The outbox (lanterne.core.outbox): a failed send is retried after OUTBOX_RETRY_DELAY seconds,
# doubled at each attempt, until OUTBOX_MAX_ATTEMPTS; a row claimed by a worker that died is
# taken up again once OUTBOX_LEASE seconds have passed (keep it well above EMAIL_TIMEOUT).
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "5"))
OUTBOX_RETRY_DELAY = float(os.environ.get("OUTBOX_RETRY_DELAY", "60"))
OUTBOX_LEASE = float(os.environ.get("OUTBOX_LEASE", "300"))


def cache_from_url(url: str) -> dict:
    """A Django cache from a URL: `redis://host:6379/0` (or `rediss://`), `db://table_name`
    (Django's database cache, after `manage.py createcachetable`), `locmem://` (one cache per
    process: the demo only) or `dummy://` (no cache)."""
    scheme, _, rest = url.partition("://")
    if scheme in {"redis", "rediss", "unix"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme == "db":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": rest or "lanterne_cache",
            # Django's 300 would evict the map's answers of a busy day (one per reach and filter).
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    if scheme == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": rest or "lanterne",
        }
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ValueError(f"CACHE_URL: unknown scheme {scheme!r} (redis, rediss, db, locmem, dummy)")


# The map and directory data are cached. Several web processes must share one cache (CACHE_URL
# redis://… or db://…); CACHE_BACKEND and CACHE_LOCATION name any Django backend instead.
# Without either, a memory cache per process: right for the demo's single process only.
CACHES = {
    "default": cache_from_url(os.environ["CACHE_URL"])
    if os.environ.get("CACHE_URL")
    else {
        "BACKEND": os.environ.get("CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": os.environ.get("CACHE_LOCATION", "lanterne"),
    }
}
# Sessions live in the database, which every web process shares; Django's database engine, with
# an existing session saved in one query (lanterne.accounts.sessions.SessionStore).
SESSION_ENGINE = "lanterne.accounts.sessions"
# A session ends after this many seconds without a request, or this many in all
# (lanterne.accounts.sessions); shorter for coordinators, committee members, the national network
# and administrators, who reach other people's data.
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", str(2 * 3600)))
SESSION_ABSOLUTE_TIMEOUT = int(os.environ.get("SESSION_ABSOLUTE_TIMEOUT", str(14 * 86400)))
SESSION_STAFF_IDLE_TIMEOUT = int(os.environ.get("SESSION_STAFF_IDLE_TIMEOUT", str(30 * 60)))
SESSION_STAFF_ABSOLUTE_TIMEOUT = int(
    os.environ.get("SESSION_STAFF_ABSOLUTE_TIMEOUT", str(12 * 3600))
)
SESSION_COOKIE_AGE = max(SESSION_ABSOLUTE_TIMEOUT, SESSION_STAFF_ABSOLUTE_TIMEOUT)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A task left running longer than TASK_LEASE seconds (its worker was killed) is put back to run
# again (lanterne.core.tasks), at most TASK_MAX_ATTEMPTS runs in all: keep it above the longest
# task.
TASK_LEASE = float(os.environ.get("TASK_LEASE", "900"))
TASK_MAX_ATTEMPTS = int(os.environ.get("TASK_MAX_ATTEMPTS", "3"))
# /sante/ fails when no worker has run the heartbeat task (queued every 5 minutes by
# `manage.py enqueue_heartbeat`) for this many seconds.
HEALTH_WORKER_MAX_AGE = int(os.environ.get("HEALTH_WORKER_MAX_AGE", "900"))


def env_days(name: str, default: int | None) -> int | None:
    """A retention period in days; "" or "none" keeps the rows for ever."""
    value = os.environ.get(name)
    if value is None:
        return default
    return None if value.strip().lower() in {"", "none"} else int(value)


# How long personal data is kept, in days, by kind (`manage.py apply_retention`, run daily by
# deploy/daily.sh); each can be changed with RETENTION_<KIND>_DAYS. The same periods are stated
# in docs/registre-des-traitements.md (the register of processing): change both together.
RETENTION = {
    # django-axes sign-in records and lockout counters (address, browser): personal data.
    "login_records": env_days("RETENTION_LOGIN_RECORDS_DAYS", 30),
    # Sessions, once expired (SESSION_COOKIE_AGE: two weeks).
    "expired_sessions": env_days("RETENTION_EXPIRED_SESSIONS_DAYS", 0),
    # Finished background tasks (their arguments may name e-mails); failed ones for the admins.
    "task_results": env_days("RETENTION_TASK_RESULTS_DAYS", 14),
    "failed_task_results": env_days("RETENTION_FAILED_TASK_RESULTS_DAYS", 90),
    # The text of sent e-mails, then the sent rows (to whom, subject, when); failed ones.
    "sent_mail_bodies": env_days("RETENTION_SENT_MAIL_BODIES_DAYS", 30),
    "sent_mail": env_days("RETENTION_SENT_MAIL_DAYS", 365),
    "failed_mail": env_days("RETENTION_FAILED_MAIL_DAYS", 90),
    # The audit trail: five years, the limitation period for claims about a grant.
    "audit_events": env_days("RETENTION_AUDIT_EVENTS_DAYS", 5 * 365),
    # Drafts untouched, by an author who has not signed in, for two years.
    "inactive_drafts": env_days("RETENTION_INACTIVE_DRAFTS_DAYS", 2 * 365),
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# No script reads the language: the cookie goes to the server only.
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Map background tiles: empty means markers on a plain background (offline machines).
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)


def _tile_origin(url: str) -> list[str]:
    if not url.startswith("http"):
        return []
    scheme, rest = url.split("://", 1)
    return [f"{scheme}://{rest.split('/', 1)[0]}"]


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_tile_origin(MAP_TILE_URL)],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "lanterne.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "lanterne.api.query.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "lanterne.api.schema.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "lanterne.api.exceptions.api_exception_handler",
}
# An API token opens the API for this many days (lanterne.accounts.tokens).
# INSEE's API Sirene (3.11): a SIRET typed in a structure's form fills its name, address, commune
# and legal form. Without a key (the portal-api.insee.fr integration key), entry is by hand.
SIRENE_API_URL = os.environ.get("SIRENE_API_URL", "https://api.insee.fr/api-sirene/3.11")
SIRENE_API_KEY = os.environ.get("SIRENE_API_KEY", "")
# The Géoplateforme's geocoder (national address base), https://data.geopf.fr/geocodage: an
# address typed is offered its matches. Empty: no suggestions, entry by hand.
ADDRESS_API_URL = os.environ.get("ADDRESS_API_URL", "")
# Seconds: a slow service must not hold a form.
EXTERNAL_API_TIMEOUT = float(os.environ.get("EXTERNAL_API_TIMEOUT", "3"))
# How long the link that confirms a new account's e-mail address stays valid.
SIGNUP_CONFIRMATION_MAX_AGE = int(os.environ.get("SIGNUP_CONFIRMATION_MAX_AGE", str(3 * 86400)))

API_TOKEN_LIFETIME_DAYS = int(os.environ.get("API_TOKEN_LIFETIME_DAYS", "90"))
# An invitation's link opens an account for this many days (lanterne.accounts.invitations).
INVITATION_MAX_AGE_DAYS = int(os.environ.get("INVITATION_MAX_AGE_DAYS", "14"))
SPECTACULAR_SETTINGS = {
    "TITLE": "Lanterne API",
    "DESCRIPTION": "API des réseaux d'éducation aux images (pôles régionaux, Passeurs d'images).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # The password reset links' tokens are masked in every record (lanterne.core.logs).
    "filters": {"mask_secrets": {"()": "lanterne.core.logs.MaskSecretsFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["mask_secrets"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # The development server's request lines, through the masking handler.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # django-axes logs usernames of failed logins at INFO: personal data stays out of logs.
        "axes": {"level": "WARNING"},
        # WeasyPrint narrates every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
