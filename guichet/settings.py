"""Guichet settings: one file, every knob read from the environment.

Defaults are safe and make a fresh clone work with no configuration: a SQLite
file under ``var/``, DEBUG off, the local-memory cache. Production sets
``GUICHET_ENV=production`` and must then give a secret key and its hosts.
README.md lists every variable with its default.
"""

import datetime
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core.static_headers import static_headers_add

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("GUICHET_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


ENVIRONMENT = os.environ.get("GUICHET_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
DEBUG = env_bool("DJANGO_DEBUG", False)


def _secret_key() -> str:
    key = os.environ.get("DJANGO_SECRET_KEY", "")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when GUICHET_ENV=production.")
    # Development and demos: one random key per checkout, kept out of git.
    path = VAR_DIR / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        path.write_text(key)
        return key


SECRET_KEY = _secret_key()


def _field_encryption_keys() -> list[str]:
    """Fernet keys for the encrypted fields of people's files, newest first (people/encryption.py)."""
    keys = env_list("GUICHET_FIELD_ENCRYPTION_KEYS", "")
    if keys:
        return keys
    if PRODUCTION:
        raise ImproperlyConfigured("GUICHET_FIELD_ENCRYPTION_KEYS must be set when GUICHET_ENV=production.")
    # Development and demos: one random key per checkout, kept out of git.
    from cryptography.fernet import Fernet

    path = VAR_DIR / "field_encryption_key"
    try:
        return [path.read_text().strip()]
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = Fernet.generate_key().decode()
        path.write_text(key)
        return [key]


GUICHET_FIELD_ENCRYPTION_KEYS = _field_encryption_keys()
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")
# Reverse proxies (addresses or networks) whose X-Forwarded-For names the client (core/http.py).
# Empty: no header is believed and the client is the peer, which a client cannot forge.
GUICHET_TRUSTED_PROXIES = env_list("GUICHET_TRUSTED_PROXIES", "")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    "guichet.apps.GuichetAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "ninja",
    "phonenumber_field",
    "guichet",
    # Ground: caching and shared helpers, the audit log, the message outbox.
    "core",
    "audit",
    "notifications",
    "catalog",
    "orientation",
    "search",
    "accounts",
    "people",
    "appointments",
    "applications",
    "content",
    "reporting",
    "demo",
    "axes",
    # Staff second factor (TOTP): devices, throttling of wrong codes, verified sessions.
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Background tasks (retention, people/tasks.py): the backport of Django 6's
    # tasks and its database backend, run by `manage.py db_worker` (make run).
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages and API reads for visitors without a session, whole from the shared cache, before
    # compression, sessions, locale, CSRF and URL routing are paid for (core/caching.py).
    "core.caching.PublicPageCacheMiddleware",
    # Pages travel compressed over slow, costly data; Django pads the output
    # against BREACH. Static files come pre-compressed from WhiteNoise.
    "django.middleware.gzip.GZipMiddleware",
    # An ETag on every page: revalidating a page already seen costs a 304, not the page.
    "django.middleware.http.ConditionalGetMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is known: a NUL in any input is a 400 page in that language, never a 500.
    "core.nul.RefuseNulMiddleware",
    # A view whose database wait timed out (lock, statement, SQLite's busy timeout): 503 "try again", not 500.
    "core.busy.DatabaseBusyMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): true once the staff member's TOTP code is checked this session.
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SignedInSessionMiddleware",
    # request.actor: who (request.user, None when signed out) and from where, for services and the audit log.
    "core.actor.ActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: answers 429 to a locked-out sign-in.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "guichet.urls"
# A form refused for its missing or stale token gets our page in its language, not Django's inline-styled one.
CSRF_FAILURE_VIEW = "guichet.views.csrf_failure"
WSGI_APPLICATION = "guichet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "core.context_processors.site",
                "content.context_processors.page_feedback",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'guichet.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A runaway query or a forgotten lock must not hold a worker forever. The catalogue and its
    # search index fit in memory many times over: a page read at random costs about what one read in
    # order does (PostgreSQL's default assumes spinning disks, 4 times more), and with that the planner
    # takes the full-text index for a word matching a tenth of the programmes (4 ms) instead of
    # reading them all (14 ms). DATABASE_RANDOM_PAGE_COST says otherwise for a slower disk.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={int(os.environ.get('DATABASE_STATEMENT_TIMEOUT_MS', '5000'))}"
        f" -c lock_timeout={int(os.environ.get('DATABASE_LOCK_TIMEOUT_MS', '3000'))}"
        f" -c random_page_cost={float(os.environ.get('DATABASE_RANDOM_PAGE_COST', '1.1'))}"
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite (`make run`) lets one connection write at a time. A transaction that reads, then writes,
    # cannot wait for its turn: SQLite refuses it at once ("database is locked"), whatever the busy
    # timeout, when another wrote in between. Immediate transactions take the write lock at BEGIN and
    # so wait for it (up to the busy timeout: requests writing at once queue, none fails); the
    # write-ahead log lets pages read while one writes, and with it NORMAL syncs at checkpoints
    # only, still safe for the database (a power cut may lose the last commits, never corrupt it).
    # The -wal and -shm files beside the database are SQLite's own: they live in var/ with it.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": int(os.environ.get("DATABASE_SQLITE_BUSY_TIMEOUT_S", "20")),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, failing soft: Redis down, pages answer from the database (core/cache_backend.py).
            "BACKEND": "core.cache_backend.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "TIMEOUT": 300,
            # An unreachable server costs a page at most a fraction of a second, never a hung worker.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# django-axes counts failed sign-ins (staff and back office) in the database, so
# every worker sees them: 5 failures for a username or from an address lock it
# for 15 minutes (the lockout page says "a quarter of an hour"), answered with 429.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("GUICHET_SIGN_IN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("GUICHET_SIGN_IN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The same client address as rate limits and the audit log: behind a proxy, not the proxy's.
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
# Our audit log records sign-ins; axes keeps only its failure counters and writes no log lines.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# Staff second factor (accounts/second_factor.py): a TOTP app on the staff member's phone.
# The name authenticator apps show beside the account:
OTP_TOTP_ISSUER = "Guichet"
# Each wrong code doubles the wait before the next try (1 s, 2 s, 4 s…): a
# six-digit code cannot be guessed, and a colleague's typo costs seconds.
OTP_TOTP_THROTTLE_FACTOR = 1
# The back office lists staff's authenticator devices so an administrator can
# delete a lost one (the staff member then sets up a new one at sign-in), but
# never shows their keys or QR codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Argon2id first: new and re-hashed passwords use it; older hashes still verify.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: French is the default; Arabic is written right to left. Adding a
# language is a line here, a column migration and a locale folder.
LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", _("French")),
    ("ar", _("Arabic")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("GUICHET_TIME_ZONE", "Africa/Casablanca")
USE_TZ = True
LANGUAGE_COOKIE_NAME = "guichet_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_LANGUAGES = ("fr", "ar", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fr",), "fr": ("en",)}

STATIC_URL = "/static/"
# Uploads: only providers' catalogue imports take a file, of at most 2 MB (content/imports.py
# refuses more). Up to this size a file stays in memory and never touches the disk; nginx
# refuses a larger body on that page (deploy/nginx.conf). Nothing is ever kept under the web root.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024 + 64 * 1024
STATIC_ROOT = Path(os.environ.get("GUICHET_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Fingerprinted and pre-compressed (gzip, brotli): cached for a year.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 60 if DEBUG else 31536000
# Static files get the safety headers of pages (WhiteNoise answers before any middleware).
WHITENOISE_ADD_HEADERS_FUNCTION = static_headers_add  # WhiteNoise takes the function itself
# Source maps are for developers' tools only: not worth compressing.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (
    "jpg",
    "jpeg",
    "png",
    "gif",
    "webp",
    "zip",
    "gz",
    "tgz",
    "bz2",
    "tbz",
    "xz",
    "br",
    "swf",
    "flv",
    "woff",
    "woff2",
    "map",
)

# Security headers on every response (see shared/SECURITY.md, item 5).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_ip": {"()": "core.http.ClientAddressLogFilter"}},
    "formatters": {"request": {"format": "%(message)s (from %(client_ip)s)"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # A failed request's line says which client made it (core/http.py), never the proxy.
        "requests": {"class": "logging.StreamHandler", "filters": ["client_ip"], "formatter": "request"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("GUICHET_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["requests"], "level": "ERROR", "propagate": False},
        # WeasyPrint reports each step of every PDF and fontTools each font subset at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# People: phone numbers are stored in E.164; numbers typed without a country code are Moroccan.
PHONENUMBER_DEFAULT_REGION = "MA"
PHONENUMBER_DB_FORMAT = "E164"
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "people:today"
# Staff sessions end after 30 minutes without a request and 12 hours after sign-in (SECURITY.md, item 7).
GUICHET_SESSION_IDLE_SECONDS = int(os.environ.get("GUICHET_SESSION_IDLE_SECONDS", "1800"))
GUICHET_SESSION_ABSOLUTE_SECONDS = int(os.environ.get("GUICHET_SESSION_ABSOLUTE_SECONDS", "43200"))
SESSION_COOKIE_AGE = GUICHET_SESSION_ABSOLUTE_SECONDS

# Files with no activity for this many months are erased (anonymous counts stay).
GUICHET_RETENTION_MONTHS = int(os.environ.get("GUICHET_RETENTION_MONTHS", "24"))

# Where people reach Guichet: the links in texts sent by the worker (an appointment's manage link).
GUICHET_PUBLIC_URL = os.environ.get("GUICHET_PUBLIC_URL", "http://127.0.0.1:8000")
# Hours before an appointment each reminder is due: the day before, and a few hours before (0: none).
GUICHET_APPOINTMENT_REMINDERS_HOURS = tuple(
    int(hours) for hours in os.environ.get("GUICHET_APPOINTMENT_REMINDERS_HOURS", "24,2").split(",")
)[:2]
# A walk-in who gave a phone gets a text when this many people are before them (0: no text).
GUICHET_QUEUE_NOTICE_AHEAD = int(os.environ.get("GUICHET_QUEUE_NOTICE_AHEAD", "3"))
# Calls a walk-in does not answer before their ticket leaves the queue.
GUICHET_QUEUE_NO_ANSWER_LIMIT = int(os.environ.get("GUICHET_QUEUE_NO_ANSWER_LIMIT", "2"))
# Applications: expired when undecided for this many days; a seat offered from the waiting list is kept this
# many hours, with a reminder to the person this many hours before it ends.
GUICHET_APPLICATION_DECISION_DAYS = int(os.environ.get("GUICHET_APPLICATION_DECISION_DAYS", "30"))
GUICHET_APPLICATION_OFFER_HOURS = int(os.environ.get("GUICHET_APPLICATION_OFFER_HOURS", "72"))
GUICHET_APPLICATION_OFFER_REMINDER_HOURS = int(os.environ.get("GUICHET_APPLICATION_OFFER_REMINDER_HOURS", "24"))
# Open data (/<lang>/open-data/ and /api/v1/open/…): the licence the catalogue is published under.
GUICHET_OPEN_DATA_LICENCE = os.environ.get("GUICHET_OPEN_DATA_LICENCE", "Creative Commons Attribution 4.0 (CC BY 4.0)")
GUICHET_OPEN_DATA_LICENCE_URL = os.environ.get(
    "GUICHET_OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
)
# Reports and open data: counts under this are never shown (reporting/suppression.py); never below 3.
GUICHET_REPORT_THRESHOLD = int(os.environ.get("GUICHET_REPORT_THRESHOLD", "5"))
if GUICHET_REPORT_THRESHOLD < 3:
    raise ImproperlyConfigured("GUICHET_REPORT_THRESHOLD is never below 3: smaller counts could single someone out.")
# Heavy report exports (reporting/export_services.py) are written here by the task worker, outside the
# static and media roots (nothing serves this folder: the view checks who asks), and deleted after a day.
# The network's, regions' and trades' reports are precomputed (reporting/snapshots.py): one computed less than
# FRESH seconds ago is shown as it is; an older one, up to STALEST, is shown with its time while a new one is
# prepared by the worker; older still, it is computed again before the page answers.
GUICHET_REPORT_FRESH_SECONDS = int(os.environ.get("GUICHET_REPORT_FRESH_SECONDS", "600"))
GUICHET_REPORT_STALEST_SECONDS = int(os.environ.get("GUICHET_REPORT_STALEST_SECONDS", "3600"))
GUICHET_REPORT_EXPORTS_DIR = Path(os.environ.get("GUICHET_REPORT_EXPORTS_DIR", VAR_DIR / "exports"))

# Tasks wait in the database until `manage.py db_worker` runs them: no broker to
# run, and a task enqueued in a transaction exists only if the transaction commits.
TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}

# Notifications (notifications/channels.py): where texts to people go.
# "file" writes them to GUICHET_OUTBOX_DIR (development, tests); production
# sends SMS through an HTTP gateway and e-mail through SMTP; "none" sends no SMS.
GUICHET_SMS_CHANNEL = os.environ.get("GUICHET_SMS_CHANNEL", "http" if PRODUCTION else "file")
GUICHET_EMAIL_CHANNEL = os.environ.get("GUICHET_EMAIL_CHANNEL", "smtp" if PRODUCTION else "file")
GUICHET_OUTBOX_DIR = Path(os.environ.get("GUICHET_OUTBOX_DIR", VAR_DIR / "outbox"))
GUICHET_SMS_GATEWAY_URL = os.environ.get("GUICHET_SMS_GATEWAY_URL", "")
GUICHET_SMS_GATEWAY_TOKEN = os.environ.get("GUICHET_SMS_GATEWAY_TOKEN", "")
GUICHET_SMS_SENDER = os.environ.get("GUICHET_SMS_SENDER", "Guichet")
# A person waits on the page while their one-time code is handed to the gateway.
GUICHET_SMS_TIMEOUT_SECONDS = float(os.environ.get("GUICHET_SMS_TIMEOUT_SECONDS", "10"))
if PRODUCTION and GUICHET_SMS_CHANNEL == "http" and not (GUICHET_SMS_GATEWAY_URL and GUICHET_SMS_GATEWAY_TOKEN):
    raise ImproperlyConfigured(
        "GUICHET_SMS_GATEWAY_URL and GUICHET_SMS_GATEWAY_TOKEN must be set when GUICHET_ENV=production "
        "(or GUICHET_SMS_CHANNEL=none to run without SMS)."
    )
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Guichet <no-reply@guichet.invalid>")

# Catalogue display knobs.
GUICHET_PAGE_SIZE = int(os.environ.get("GUICHET_PAGE_SIZE", "20"))

# Search by meaning as well as by words (search/semantic.py): a sentence-embedding model shipped
# with its Python package, loaded once per process on first use (about 3 s, 160 MB). Off ("0"),
# search is lexical only, still with typos, synonyms and facets, and no vector is computed on save.
GUICHET_SEMANTIC_SEARCH = env_bool("GUICHET_SEMANTIC_SEARCH", True)
