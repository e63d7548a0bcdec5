"""Kinerja settings, read from the environment (12-factor).

The embedded default needs nothing: SQLite in ./db.sqlite3, in-process background tasks,
a per-process cache. Production sets DATABASE_URL (PostgreSQL), REDIS_URL / CELERY_BROKER_URL,
SECRET_KEY, DEBUG=false and ALLOWED_HOSTS (see README "Configuration").
"""
from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (see README, Configuration)."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "guardian",
    "strawberry_django",
    "apps.core",
    "apps.accounts",
    "apps.organization",
    "apps.workflow",
    "apps.performance",
    "apps.notifications",
    "apps.daily",
    # project-level management commands (export_graphql_schema: apps/ never imports schema/)
    "project",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "apps.accounts.middleware.BearerTokenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "project.urls"
WSGI_APPLICATION = "project.wsgi.application"
ASGI_APPLICATION = "project.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DB_POOL", True):
    # Under ASGI a request's synchronous work runs on one of the process's HTTP lanes
    # (KINERJA_HTTP_THREADS, project/http.py) and the WebSocket consumers' on other threads;
    # Django closes each request's connection at its end (CONN_MAX_AGE 0), so a per-process pool
    # of psycopg connections gives them back and takes them again cheaply (Django >= 5.1).
    # Keep DB_POOL_MAX above the lanes (both kinds).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(os.environ.get("DB_POOL_MIN", "2")),
        "max_size": int(os.environ.get("DB_POOL_MAX", "10")),
        "timeout": float(os.environ.get("DB_POOL_TIMEOUT", "10")),
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the timer loop and the server read while the other writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        # A writer waits up to 20 s for another (server, timer loop, job) instead of failing.
        {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis serves as cache (rate limits must be shared by all workers) and Celery broker.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # A per-process cache is right for the single-process embedded default.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", "django_ratelimit.E003"]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
GUARDIAN_RAISE_403 = False
ANONYMOUS_USER_NAME = None  # no guardian anonymous user: anonymous callers get nothing

# Indonesian first, English on request (Accept-Language: en).
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")
USE_TZ = True

MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))  # evidence files; never served publicly
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Browser assets installed from npm by `make run` / `make test` and served from our own origin,
# so every page works with no internet access: bpmn-js for the process modeler, GraphiQL and what
# it loads (package.json), and the built app (frontend/dist, `npm run build`; Vite's base is
# /static/app/). A directory not built yet is left out rather than warned about.
_NODE = BASE_DIR / "node_modules"
FRONTEND_DIST = Path(os.environ.get("FRONTEND_DIST", BASE_DIR / "frontend" / "dist"))  # another build: tests in parallel
STATICFILES_DIRS = [(prefix, path) for prefix, path in [
    ("vendor/bpmn-js", _NODE / "bpmn-js" / "dist"),
    ("vendor/graphiql", _NODE / "graphiql"),
    ("vendor/graphiql-explorer", _NODE / "@graphiql" / "plugin-explorer" / "dist"),
    ("vendor/react", _NODE / "react" / "umd"),
    ("vendor/react-dom", _NODE / "react-dom" / "umd"),
    ("vendor/js-cookie", _NODE / "js-cookie" / "dist"),
    ("app", FRONTEND_DIST),
] if path.is_dir()]
LOGIN_URL = "login"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_SAMESITE = "Lax"

# --- Kinerja settings -------------------------------------------------------------------
# Bearer tokens for non-browser clients.
KINERJA_TOKEN_TTL_HOURS = int(os.environ.get("TOKEN_TTL_HOURS", str(24 * 30)))
# GraphQL subscriptions: the Channels layer carries live events between processes (Redis in
# production); in-memory serves the single-process embedded default.
if REDIS_URL:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels_redis.core.RedisChannelLayer",
                                  "CONFIG": {"hosts": [REDIS_URL]}}}
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# Login rate limits (django-ratelimit syntax). Per address is generous on purpose: a whole
# office often reaches us through one NAT address; the per-username limit stops guessing.
KINERJA_LOGIN_RATE_USERNAME = os.environ.get("LOGIN_RATE_USERNAME", "10/15m")
KINERJA_LOGIN_RATE_ADDRESS = os.environ.get("LOGIN_RATE_ADDRESS", "300/m")
# Behind a reverse proxy set this to e.g. HTTP_X_REAL_IP so limits see the client's address.
RATELIMIT_IP_META_KEY = os.environ.get("CLIENT_IP_HEADER") or None
# GraphQL limits against abusive queries.
KINERJA_GRAPHQL_MAX_DEPTH = int(os.environ.get("GRAPHQL_MAX_DEPTH", "10"))
KINERJA_GRAPHQL_MAX_TOKENS = int(os.environ.get("GRAPHQL_MAX_TOKENS", "2000"))
KINERJA_GRAPHQL_MAX_ALIASES = int(os.environ.get("GRAPHQL_MAX_ALIASES", "15"))
KINERJA_GRAPHQL_MAX_PAGE = 100
# Each free-form JSON argument (task drafts, start data, forms): size in bytes and nesting depth.
KINERJA_JSON_ARG_MAX_BYTES = int(os.environ.get("JSON_ARG_MAX_BYTES", str(64 * 1024)))
KINERJA_JSON_ARG_MAX_DEPTH = int(os.environ.get("JSON_ARG_MAX_DEPTH", "20"))
# A GraphQL request body. The largest legitimate one carries a BPMN file (a 4,000-gateway
# process with its diagram is 3.3 MB). Multipart files do not count: evidence has its own limit.
KINERJA_GRAPHQL_MAX_BODY_BYTES = int(os.environ.get("GRAPHQL_MAX_BODY_BYTES", str(4 * 1024 * 1024)))
GRAPHIQL = env_bool("GRAPHIQL", DEBUG)
# Threads per server process that run HTTP requests' synchronous work (project/http.py): more
# lets a request use the CPU while another waits for PostgreSQL; requests beyond them queue.
KINERJA_HTTP_THREADS = int(os.environ.get("HTTP_THREADS", "4"))
# ... and the threads of their own for generated documents (/dokumen/: PDFs, XLSX recaps).
KINERJA_HTTP_DOCUMENT_THREADS = int(os.environ.get("HTTP_DOCUMENT_THREADS", "2"))
# Evidence uploads (bukti dukung): size limit and the file types accepted (checked by content).
KINERJA_EVIDENCE_MAX_BYTES = int(os.environ.get("EVIDENCE_MAX_BYTES", str(5 * 1024 * 1024)))
# Documents people sign (SKP, evaluation, predicate determination): paper A4 or F4 (folio,
# 215 x 330 mm, common in Indonesian offices) and the place printed before the date ("Tubei, ...").
KINERJA_DOCUMENT_PAPER = os.environ.get("DOCUMENT_PAPER", "A4").upper()
if KINERJA_DOCUMENT_PAPER not in ("A4", "F4"):
    raise ImproperlyConfigured("DOCUMENT_PAPER must be A4 or F4.")
KINERJA_DOCUMENT_PLACE = os.environ.get("DOCUMENT_PLACE", "Tubei")
# Daily progress (R-LATE): a day's entries are on time until the end of this many working days
# after it, in the unit's time zone (1: the end of the next working day).
KINERJA_DAILY_GRACE_DAYS = int(os.environ.get("DAILY_GRACE_DAYS", "1"))
# Daily reminders: from this hour of each unit's own time zone (15: 15:00 WIB in a WIB unit,
# 15:00 WITA in a WITA one) to midnight, those who have not sent today's progress get an e-mail
# and a live event, and raters with entries waiting too long a note (apps/daily/reminders.py).
KINERJA_DAILY_REMINDER_HOUR = int(os.environ.get("DAILY_REMINDER_HOUR", "15"))
if not 0 <= KINERJA_DAILY_REMINDER_HOUR <= 23:
    raise ImproperlyConfigured("DAILY_REMINDER_HOUR must be an hour from 0 to 23.")
# Where people open the app: the links in reminder e-mails (default: the first trusted origin).
KINERJA_APP_URL = (os.environ.get("APP_URL") or (CSRF_TRUSTED_ORIGINS[:1] or ["http://127.0.0.1:8000"])[0]).rstrip("/")
# Tests only: the BPMN corpus (MIWG reference models and tool exports) that the upload and layout
# tests walk. It is not part of the repository; a relative path is taken from the repository root.
KINERJA_BPMN_CORPUS = (BASE_DIR / (os.environ.get("KINERJA_BPMN_CORPUS") or "../shared/bpmn-corpus")).resolve()
# Django's own cap on any request's non-file data (form fields, multipart fields, a raw body).
DATA_UPLOAD_MAX_MEMORY_SIZE = KINERJA_GRAPHQL_MAX_BODY_BYTES

STRAWBERRY_DJANGO = {
    "FIELD_DESCRIPTION_FROM_HELP_TEXT": True,
    "TYPE_DESCRIPTION_FROM_MODEL_DOCSTRING": False,
}

# Celery: Redis in production; without a broker the same task functions run in-process.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "") or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "fire-workflow-timers": {"task": "workflow.fire_timers", "schedule": float(os.environ.get("TIMER_INTERVAL", "10"))},
    "send-notifications": {"task": "notifications.send_due",
                           "schedule": float(os.environ.get("NOTIFY_INTERVAL", "60"))},
    # Idempotent (each reminder is recorded once sent); each unit's local hour decides who is due.
    "send-daily-reminders": {"task": "daily.send_reminders",
                             "schedule": float(os.environ.get("DAILY_REMINDER_INTERVAL", "60"))},
}

# E-mail (task notifications): printed to the console unless a backend is configured.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "mail"))  # the file backend's folder
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kinerja <kinerja@localhost>")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "spiff": {"level": "WARNING"},  # SpiffWorkflow logs every task state change at INFO
        "celery": {"level": "WARNING"},  # in-process (eager) tasks would log every run
    },
}
