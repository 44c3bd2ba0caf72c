"""Walletdesk settings: one module, every value from the environment (see .env.example)."""

from pathlib import Path

import dj_database_url

from walletdesk.config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(env_str("WALLETDESK_DATA_DIR", str(BASE_DIR / "var")))
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("WALLETDESK_DEBUG", False)
SECRET_KEY = env_str("WALLETDESK_SECRET_KEY", "insecure-dev-key-change-me-" + "x" * 32)
ALLOWED_HOSTS = env_list("WALLETDESK_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("WALLETDESK_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "channels",
    "django_tasks_db",
    "walletdesk.core",
    "walletdesk.accounts",
    "walletdesk.tickets",
    "walletdesk.api",
    "walletdesk.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "walletdesk.core.middleware.BodySizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "walletdesk.config.urls"
WSGI_APPLICATION = "walletdesk.config.wsgi.application"
ASGI_APPLICATION = "walletdesk.config.asgi.application"

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

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'walletdesk.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and IMMEDIATE transactions let the embedded worker and the web process share the file.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A connection pool per process: under ASGI each sync view may run on another thread, and
    # persistent per-thread connections would pile up until PostgreSQL refuses new clients.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": env_int("DB_POOL_MAX_SIZE", 10),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "walletdesk" / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_ROOT = DATA_DIR / "media"
WHITENOISE_USE_FINDERS = True  # the embedded server needs no collectstatic step

CHANNEL_REDIS_URL = env_str("CHANNEL_REDIS_URL", "")
CHANNEL_LAYERS = {
    "default": (
        {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [CHANNEL_REDIS_URL]},
        }
        if CHANNEL_REDIS_URL
        else {"BACKEND": "channels.layers.InMemoryChannelLayer"}
    )
}

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Requests larger than this are refused with 413 before the body is read.
MAX_REQUEST_BYTES = env_int("WALLETDESK_MAX_REQUEST_BYTES", 1_048_576)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BYTES

WALLETDESK = {
    "TICKET_PREFIX": env_str("WALLETDESK_TICKET_PREFIX", "WD"),
    "PENDING_REMINDER_HOURS": env_int("WALLETDESK_PENDING_REMINDER_HOURS", 48),
    "PENDING_AUTO_RESOLVE_HOURS": env_int("WALLETDESK_PENDING_AUTO_RESOLVE_HOURS", 96),
    "RESOLVED_AUTO_CLOSE_HOURS": env_int("WALLETDESK_RESOLVED_AUTO_CLOSE_HOURS", 168),
    "SLA_WARNING_RATIO": 0.8,
    "LOW_CSAT_SCORE": env_int("WALLETDESK_LOW_CSAT_SCORE", 2),
    "CUSTOMER_TOKEN_MAX_AGE": env_int("WALLETDESK_CUSTOMER_TOKEN_MAX_AGE", 3600),
    "WORKER_SWEEP_SECONDS": env_int("WALLETDESK_WORKER_SWEEP_SECONDS", 5),
    "EMBEDDED_WORKER": env_bool("WALLETDESK_EMBEDDED_WORKER", True),
    "PORTAL_URL": env_str("WALLETDESK_PORTAL_URL", "http://127.0.0.1:8000").rstrip("/"),
    # Seconds a process keeps its snapshot of routing rules, SLA policies, teams and calendars.
    "DESK_CONFIG_TTL": env_int("WALLETDESK_DESK_CONFIG_TTL", 30),
}

SESSION_COOKIE_AGE = env_int("WALLETDESK_SESSION_SECONDS", 8 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("WALLETDESK_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("WALLETDESK_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
