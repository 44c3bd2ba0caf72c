"""Walletdesk settings: one module, every value from the environment (see .env.example)."""

from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.csp import CSP

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
    "walletdesk.kb",
    "walletdesk.chain",
    "walletdesk.assistant",
    "walletdesk.guard",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_htmx",
    "walletdesk.console",
    "walletdesk.portal",
    "walletdesk.inbox",
    "walletdesk.inbox.adapters.telegram",
    "walletdesk.inbox.adapters.webchat",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "walletdesk.core.middleware.BodySizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "walletdesk.guard.middleware.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "walletdesk.core.middleware.SyncChain",  # see its docstring: one thread hop under ASGI
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
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
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
        # How long a request waits for a connection: short, so an outage fails fast (the
        # channels' senders retry) and recovery is not held up by a backlog of waiters.
        "timeout": env_int("DB_POOL_TIMEOUT", 5),
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

# Django's cache (rate limits, presence): shared across processes only with Redis. Set it when
# more than one web process runs (walletdesk serve --workers N, several machines).
CACHE_REDIS_URL = env_str("CACHE_REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_REDIS_URL}
        if CACHE_REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
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

# Outbound HTTP (walletdesk/core/http.py): non-public addresses are refused unless allowed here.
OUTBOUND = {
    "ALLOW_PRIVATE": env_bool("OUTBOUND_ALLOW_PRIVATE", False),
    "ALLOWED_HOSTS": env_list("OUTBOUND_ALLOWED_HOSTS", []),  # host names and CIDR networks
    "TIMEOUT_SECONDS": env_int("OUTBOUND_TIMEOUT_MS", 10_000) / 1000,
    "CONNECT_TIMEOUT_SECONDS": env_int("OUTBOUND_CONNECT_TIMEOUT_MS", 3_000) / 1000,
}

# Chain look-ups (walletdesk/chain/lookup): a chain with no URL is never called.
CHAIN = {
    "TRON_URL": env_str("CHAIN_TRON_URL", ""),
    "TRON_API_KEY": env_str("CHAIN_TRON_API_KEY", ""),
    "EVM_RPC_URLS": env_list("CHAIN_EVM_RPC_URLS", []),  # "1=https://…,56=https://…"
    "EVM_CONFIRMATIONS": env_list("CHAIN_EVM_CONFIRMATIONS", []),  # "1=64,56=15" overrides
    "BTC_ESPLORA_URL": env_str("CHAIN_BTC_ESPLORA_URL", ""),
    "TIMEOUT_SECONDS": env_int("CHAIN_TIMEOUT_MS", 5_000) / 1000,
    "RETRIES": env_int("CHAIN_RETRIES", 2),
    "BACKOFF_SECONDS": env_int("CHAIN_BACKOFF_MS", 200) / 1000,
    "BREAKER_FAILURES": env_int("CHAIN_BREAKER_FAILURES", 5),
    "BREAKER_RESET_SECONDS": env_int("CHAIN_BREAKER_RESET_SECONDS", 30),
    "CACHE_SECONDS": env_int("CHAIN_CACHE_SECONDS", 20),
    "CACHE_FINAL_SECONDS": env_int("CHAIN_CACHE_FINAL_SECONDS", 3600),
}

WALLETDESK = {
    "TICKET_PREFIX": env_str("WALLETDESK_TICKET_PREFIX", "WD"),
    "PENDING_REMINDER_HOURS": env_int("WALLETDESK_PENDING_REMINDER_HOURS", 48),
    "PENDING_AUTO_RESOLVE_HOURS": env_int("WALLETDESK_PENDING_AUTO_RESOLVE_HOURS", 96),
    "RESOLVED_AUTO_CLOSE_HOURS": env_int("WALLETDESK_RESOLVED_AUTO_CLOSE_HOURS", 168),
    "SLA_WARNING_RATIO": 0.8,
    "LOW_CSAT_SCORE": env_int("WALLETDESK_LOW_CSAT_SCORE", 2),
    # The "breaching soon" queue: active tickets due within this many minutes.
    "BREACHING_SOON_MINUTES": env_int("WALLETDESK_BREACHING_SOON_MINUTES", 60),
    "CUSTOMER_TOKEN_MAX_AGE": env_int("WALLETDESK_CUSTOMER_TOKEN_MAX_AGE", 3600),
    "WORKER_SWEEP_SECONDS": env_int("WALLETDESK_WORKER_SWEEP_SECONDS", 5),
    # A task still "running" after this many seconds (its worker died) is queued again.
    "TASK_LEASE_SECONDS": env_int("WALLETDESK_TASK_LEASE_SECONDS", 900),
    "EMBEDDED_WORKER": env_bool("WALLETDESK_EMBEDDED_WORKER", True),
    "PORTAL_URL": env_str("WALLETDESK_PORTAL_URL", "http://127.0.0.1:8000").rstrip("/"),
    # Seconds the signed tracking link in the portal's confirmation e-mail stays valid.
    "PORTAL_TRACK_LINK_MAX_AGE": env_int("WALLETDESK_PORTAL_TRACK_LINK_MAX_AGE", 30 * 24 * 3600),
    # "Send me a new link" requests per client IP, and e-mails per ticket number, per hour.
    "PORTAL_NEW_LINKS_PER_HOUR": env_int("WALLETDESK_PORTAL_NEW_LINKS_PER_HOUR", 5),
    # Seconds a process keeps its snapshot of routing rules, SLA policies, teams and calendars.
    "DESK_CONFIG_TTL": env_int("WALLETDESK_DESK_CONFIG_TTL", 30),
    # Most API ticket creations one transaction takes when requests arrive together (1: none).
    "API_CREATE_BATCH_MAX": env_int("WALLETDESK_API_CREATE_BATCH_MAX", 32),
    # Seconds an app's API key stays in Django's cache (0: read it on every request).
    "API_KEY_CACHE_SECONDS": env_int("WALLETDESK_API_KEY_CACHE_SECONDS", 10),
    # Reverse proxies in front that append to X-Forwarded-For (0: the header is ignored).
    "TRUSTED_PROXIES": env_int("WALLETDESK_TRUSTED_PROXIES", 0),
    # guard: how often a process checks the registry revision (s); verifications per IP/min
    "GUARD_DIRECTORY_CHECK_SECONDS": 2,
    "VERIFY_RATE_PER_MINUTE": env_int("WALLETDESK_VERIFY_RATE_PER_MINUTE", 30),
    "EXPORTS_PER_HOUR": env_int("WALLETDESK_EXPORTS_PER_HOUR", 20),
    # Web chat (docs/webchat.md): pages that may open the chat socket ("https://wallet.example"
    # exactly, a bare host for any scheme and port, ".example.com" with subdomains); limits
    # per visitor and per IP; a visitor's token expires after this many idle seconds.
    "WEBCHAT_ALLOWED_ORIGINS": env_list(
        "WALLETDESK_WEBCHAT_ALLOWED_ORIGINS",
        [env_str("WALLETDESK_PORTAL_URL", "http://127.0.0.1:8000"), "localhost", "127.0.0.1"],
    ),
    "WEBCHAT_MESSAGES_PER_MINUTE": env_int("WALLETDESK_WEBCHAT_MESSAGES_PER_MINUTE", 20),
    "WEBCHAT_IP_MESSAGES_PER_MINUTE": env_int("WALLETDESK_WEBCHAT_IP_MESSAGES_PER_MINUTE", 120),
    "WEBCHAT_RESUMES_PER_MINUTE": env_int("WALLETDESK_WEBCHAT_RESUMES_PER_MINUTE", 30),
    "WEBCHAT_IP_SESSIONS_PER_HOUR": env_int("WALLETDESK_WEBCHAT_IP_SESSIONS_PER_HOUR", 30),
    "WEBCHAT_TOKEN_IDLE_SECONDS": env_int("WALLETDESK_WEBCHAT_TOKEN_IDLE_SECONDS", 30 * 86400),
    # guard: unmasked views of a customer's identities per agent per hour (each one audited)
    "REVEALS_PER_HOUR": env_int("WALLETDESK_REVEALS_PER_HOUR", 30),
    # The assistant on each channel (docs/assistant.md): auto | confident | suggest | off.
    "ASSISTANT_CHANNELS": env_str(
        "WALLETDESK_ASSISTANT_CHANNELS", "chat=auto,telegram=auto,email=confident"
    ),
    "ASSISTANT_AUTO_REPLY_FROM": float(env_str("WALLETDESK_ASSISTANT_AUTO_REPLY_FROM", "0.85")),
    "ASSISTANT_ABANDON_MINUTES": env_int("WALLETDESK_ASSISTANT_ABANDON_MINUTES", 30),
}

# The assistant (walletdesk/assistant): where the trained intent model is cached, thresholds.
ASSISTANT = {
    "MODEL_DIR": env_str("ASSISTANT_MODEL_DIR") or str(DATA_DIR / "assistant"),
    "HANDOVER_BELOW": float(env_str("ASSISTANT_HANDOVER_BELOW", "0.35")),
    "ANSWER_FROM": float(env_str("ASSISTANT_ANSWER_FROM", "0.65")),
    "CLARIFY_MARGIN": float(env_str("ASSISTANT_CLARIFY_MARGIN", "0.2")),
    "ARTICLE_PATH": env_str("ASSISTANT_ARTICLE_PATH", "/help/{slug}/"),
    "EMBEDDINGS": env_str("ASSISTANT_EMBEDDINGS", ""),  # "e5": add multilingual-e5 features
}

# The knowledge base's placeholders ({{ brand }}, {{ official_domain }} ...) come from these.
KB_BRAND = {
    "brand": env_str("WALLETDESK_BRAND_NAME", "Walletdesk Wallet"),
    "official_domain": env_str("WALLETDESK_OFFICIAL_DOMAIN", "wallet.example.com"),
    "support_email": env_str("WALLETDESK_SUPPORT_EMAIL", "support@wallet.example.com"),
    "telegram_handle": env_str("WALLETDESK_TELEGRAM_HANDLE", "@walletdesk_support"),
    "x_handle": env_str("WALLETDESK_X_HANDLE", "@walletdesk"),
}
# Images attached to knowledge-base articles: largest upload accepted.
KB_IMAGE_MAX_BYTES = env_int("KB_IMAGE_MAX_BYTES", 2 * 1024 * 1024)

# Channels in and out (walletdesk/inbox): outbox retries, email by SMTP and IMAP.
INBOX: dict[str, Any] = {
    "MAX_ATTACHMENT_BYTES": env_int("INBOX_MAX_ATTACHMENT_BYTES", 25 * 1024 * 1024),
    "OUTBOX_MAX_ATTEMPTS": env_int("INBOX_OUTBOX_MAX_ATTEMPTS", 8),
    # A stored inbound payload still unprocessed after this many seconds is queued again.
    "RECORDS_SWEEP_AFTER_SECONDS": env_int("INBOX_RECORDS_SWEEP_AFTER_SECONDS", 300),
    # The worker processes stored payloads in batches of this many; idle, it looks every N ms.
    "DRAIN_BATCH": env_int("INBOX_DRAIN_BATCH", 50),
    "DRAIN_POLL_MS": env_int("INBOX_DRAIN_POLL_MS", 250),
    # `walletdesk mail-lmtp`: accepted recipients ("support@x", "@x" for a domain; empty =
    # all) and the largest message taken (552 above it, announced as SIZE).
    "LMTP_RECIPIENTS": env_list("MAIL_LMTP_RECIPIENTS", []),
    "LMTP_MAX_MESSAGE_BYTES": env_int("MAIL_LMTP_MAX_MESSAGE_BYTES", 50 * 1024 * 1024),
    # Domain of our Message-IDs and reply addresses.
    "MAIL_DOMAIN": env_str("MAIL_DOMAIN", "walletdesk.localhost"),
    "MAIL_FROM": env_str("MAIL_FROM", "Walletdesk Support <support@walletdesk.localhost>"),
    # Reply address; {token} is replaced by the signed ticket token ("" = reply to MAIL_FROM).
    "MAIL_REPLY_ADDRESS": env_str("MAIL_REPLY_ADDRESS", "support+{token}@walletdesk.localhost"),
    # authserv-id of our own MTA: its Authentication-Results dmarc=pass verifies a sender.
    "MAIL_TRUSTED_AUTHSERV_ID": env_str("MAIL_TRUSTED_AUTHSERV_ID", ""),
    "SMTP_HOST": env_str("SMTP_HOST", ""),
    "SMTP_PORT": env_int("SMTP_PORT", 587),
    "SMTP_USER": env_str("SMTP_USER", ""),
    "SMTP_PASSWORD": env_str("SMTP_PASSWORD", ""),
    "SMTP_SECURITY": env_str("SMTP_SECURITY", "starttls"),  # none | starttls | tls
    "SMTP_TIMEOUT": env_int("SMTP_TIMEOUT", 30),
    "IMAP_HOST": env_str("IMAP_HOST", ""),
    "IMAP_PORT": env_int("IMAP_PORT", 993),
    "IMAP_USER": env_str("IMAP_USER", ""),
    "IMAP_PASSWORD": env_str("IMAP_PASSWORD", ""),
    "IMAP_SECURITY": env_str("IMAP_SECURITY", "tls"),  # none | starttls | tls
    "IMAP_FOLDER": env_str("IMAP_FOLDER", "INBOX"),
    "IMAP_POLL_SECONDS": env_int("IMAP_POLL_SECONDS", 60),
}

# Telegram bot (walletdesk/inbox/adapters/telegram). The token is a secret: prefer
# TELEGRAM_BOT_TOKEN_FILE. The webhook is /inbox/telegram/<TELEGRAM_BOT_NAME>/ and refuses
# requests without TELEGRAM_WEBHOOK_SECRET in X-Telegram-Bot-Api-Secret-Token.
TELEGRAM = {
    "API_BASE": env_str("TELEGRAM_API_BASE", "https://api.telegram.org"),
    "BOTS": {
        env_str("TELEGRAM_BOT_NAME", "support"): {
            "token": env_str("TELEGRAM_BOT_TOKEN", ""),
            "secret": env_str("TELEGRAM_WEBHOOK_SECRET", ""),
        }
    },
    "POLL_TIMEOUT_SECONDS": env_int("TELEGRAM_POLL_TIMEOUT_SECONDS", 30),
    # Updates the database could not take are fsynced here before 200 is answered ("off": none).
    "SPOOL_DIR": env_str("TELEGRAM_SPOOL_DIR") or str(DATA_DIR / "spool" / "telegram"),
}

SESSION_COOKIE_AGE = env_int("WALLETDESK_SESSION_SECONDS", 8 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("WALLETDESK_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# guard — staff security (docs/guard.md). Sessions end at browser close or after
# WALLETDESK_SESSION_SECONDS; staff pass a TOTP second factor; failed sign-ins lock out.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
STAFF_2FA_REQUIRED = env_bool("WALLETDESK_STAFF_2FA_REQUIRED", True)
OTP_TOTP_ISSUER = env_str("WALLETDESK_BRAND_NAME", "Walletdesk")
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("WALLETDESK_LOGIN_LOCKOUT", True)
AXES_FAILURE_LIMIT = env_int("WALLETDESK_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("WALLETDESK_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "walletdesk.guard.throttle.client_ip_or_none"  # proxy-aware
SECURE_HSTS_SECONDS = env_int("WALLETDESK_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env_bool("WALLETDESK_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_bool("WALLETDESK_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^health$"]
if env_bool("WALLETDESK_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
LOGIN_URL = "console:login"
LOGIN_REDIRECT_URL = "console:home"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("WALLETDESK_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
