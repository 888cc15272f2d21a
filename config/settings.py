"""Settings for 售后数字化成熟度诊断.

Everything that differs between a laptop and production comes from the environment
(see README, "Configuration"); the defaults are safe for development only.
"""

from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str, parse_database_url

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", True)

DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Environment variable SECRET_KEY is required when DEBUG is off: "
            "set it to a long random string (python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    SECRET_KEY = DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])

DATABASES = {
    "default": parse_database_url(
        env_str("DATABASE_URL", "sqlite:///db.sqlite3"), base_dir=BASE_DIR
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "maturity",
    "assessments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "assessments.language.UserLanguageMiddleware",  # a signed-in user's stored language
    "django.contrib.messages.middleware.MessageMiddleware",
    "config.security.SessionTimeoutMiddleware",
    "assessments.audit.AuditMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: turns a lockout raised by the axes backend (app or admin login) into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes first: a locked account or address is refused before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "assessments.auth.EmailOrUsernameBackend",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace"
LOGOUT_REDIRECT_URL = "home"

# zh-Hans first: the users are Chinese after-sales managers; English is the second language.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The language switch's choice is kept by the browser for a year (Django's default is a cookie
# that ends with the browser session); a signed-in user's choice is also stored for them.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = env_bool("LANGUAGE_COOKIE_SECURE", not DEBUG)
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Background work (emails, reminders, network PDFs, ZIPs, pre-rendered reports) runs as tasks of
# Django's Tasks framework (the django-tasks backport) stored in the database and executed by
# `manage.py db_worker` processes (any number, on any machine sharing the database).
# TASKS_BACKEND=immediate runs each task inside the request that queued it (tests, one-off scripts).
TASKS_BACKEND = env_str("TASKS_BACKEND", "database")
if TASKS_BACKEND not in {"database", "immediate"}:
    raise ImproperlyConfigured("TASKS_BACKEND must be 'database' or 'immediate'")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[TASKS_BACKEND],
        "QUEUES": ["default", "email"],
    }
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@localhost")
# The site's address as people open it, for links in emails sent outside a request (reminders
# queued by the scheduler).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Sessions: 30 minutes idle, 12 hours at most (config.security.SessionTimeoutMiddleware).
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30 * 60, minimum=60)
SESSION_ABSOLUTE_TIMEOUT = env_int("SESSION_ABSOLUTE_TIMEOUT", 12 * 60 * 60, minimum=60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
LOGIN_URL_PATH = "/accounts/login/"

# Production hardening: on whenever DEBUG is off (see README, "Deployment").
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 60 * 60, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
# Behind a TLS-terminating proxy (nginx, a load balancer) that sets X-Forwarded-Proto.
if env_bool("BEHIND_PROXY", not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "config.views.csrf_failure"

# Bounded requests: no form of the app comes near these; bigger bodies get a clear 400 page.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 400

# Rate limits and brute-force protection (assessments.throttle, assessments.auth).
# The number of reverse proxies in front of the app that append to X-Forwarded-For: 0 (the
# default) ignores the header; behind one nginx set 1 and bind gunicorn to 127.0.0.1 so no client
# reaches it directly (README, "Deployment").
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
SCORE_API_RATE_LIMIT = env_int("SCORE_API_RATE_LIMIT", 120, minimum=1)  # per address per minute
LOGIN_RATE_LIMIT = env_int("LOGIN_RATE_LIMIT", 30, minimum=1)  # login POSTs per address per minute
LOGIN_FAILURES_PER_ACCOUNT = env_int("LOGIN_FAILURES_PER_ACCOUNT", 10, minimum=1)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 15 * 60, minimum=1)
PASSWORD_RESET_RATE_LIMIT = env_int("PASSWORD_RESET_RATE_LIMIT", 5, minimum=1)  # per hour
SIGNUP_RATE_LIMIT = env_int("SIGNUP_RATE_LIMIT", 10, minimum=1)  # per address per hour
INVITATION_RATE_LIMIT = env_int("INVITATION_RATE_LIMIT", 20, minimum=1)  # per person per hour
REFUSED_AUDIT_RATE_LIMIT = env_int("REFUSED_AUDIT_RATE_LIMIT", 30, minimum=1)  # per person/min

# PDF reports (assessments.reports.pdf): seconds one rendering may take before the download answers 503
# with a retry hint (below gunicorn's 30 s worker timeout), and renderings at once per process.
REPORT_PDF_TIMEOUT = env_int("REPORT_PDF_TIMEOUT", 20, minimum=1)
REPORT_PDF_WORKERS = env_int("REPORT_PDF_WORKERS", 1, minimum=1)

# The audit log keeps events this many days; `manage.py purge_audit_log` (run it daily, e.g.
# from cron) deletes older ones.
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 365, minimum=1)

# Sign-in lockout (django-axes, database handler): after LOGIN_FAILURES_PER_ACCOUNT failures
# within LOGIN_LOCKOUT_SECONDS an account — whichever of its user name or email is typed, in any
# case — and, separately, an address are refused until the cool-off ends or, for the account,
# its password is reset. The admin login is covered too (axes sits in the authentication chain).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURES_PER_ACCOUNT
AXES_COOLOFF_TIME = timedelta(seconds=LOGIN_LOCKOUT_SECONDS)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "assessments.auth.login_identity"
AXES_CLIENT_IP_CALLABLE = "assessments.throttle.client_address"
AXES_LOCKOUT_CALLABLE = "assessments.auth.lockout_response"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a lockout ends by itself
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins: not kept (no addresses to store)
AXES_SENSITIVE_PARAMETERS = ["password", "username"]
AXES_VERBOSE = False

# Rate-limit counters: a cache of their own that nothing evicts (assessments.throttle). Production
# with several app servers sets REDIS_URL (Django's built-in RedisCache; configure Redis with
# `maxmemory-policy noeviction`); without it, this process's memory (one app server).
REDIS_URL = env_str("REDIS_URL", "")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "app_cache",
    },
    "ratelimit": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env_str("REDIS_KEY_PREFIX", "maturity"),
        "TIMEOUT": None,
    }
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "ratelimit",
        "TIMEOUT": None,
        # LocMemCache culls at MAX_ENTRIES (Django's default: 300); counters expire long before.
        "OPTIONS": {"MAX_ENTRIES": 10_000_000},
    },
}

LOG_FORMAT = env_str("LOG_FORMAT", "plain" if DEBUG else "json")
if LOG_FORMAT not in ("plain", "json"):
    raise ImproperlyConfigured(
        f"Environment variable LOG_FORMAT={LOG_FORMAT!r}: use json or plain."
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "config.logging.RedactPersonalData"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "config.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["redact"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # WeasyPrint reports missing fonts and refused resources only through its loggers;
        # routing them here makes those warnings visible instead of silently printing tofu.
        "weasyprint": {"level": "WARNING", "propagate": True},
        "weasyprint.progress": {"level": "WARNING", "propagate": True},
        "fontTools": {"level": "WARNING", "propagate": True},
        # django-axes logs every sign-in at INFO, with the typed name: warnings only.
        "axes": {"level": "WARNING", "propagate": True},
    },
}

SITE_TITLE = _("售后数字化成熟度诊断")
