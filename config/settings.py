"""Settings for the privacy notice portal.

One module for every environment: everything that differs between a laptop, CI and production comes
from environment variables (see README "Configuration"). With no variables set you get the embedded
default: DEBUG on, a SQLite file in the project, the development secret key.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config import startup

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105 (refused below when DEBUG is off)

DEBUG = env_bool("DEBUG", True)
# An empty SECRET_KEY counts as unset, so it falls back to the development key and is refused below.
SECRET_KEY = os.environ.get("SECRET_KEY") or DEV_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The portal's public address. PDFs are made away from any request, so their links to our own pages
# (e.g. "every version of this notice") are made absolute with it, and a published PDF never changes.
PORTAL_URL = os.environ.get("PORTAL_URL", "http://localhost:8000" if DEBUG else "").rstrip("/")
# The proxies (addresses or networks) whose X-Forwarded-For and X-Forwarded-Proto are believed
# (accounts/network.py). Anyone else's are dropped, so a client that reaches the portal directly
# cannot choose its own address to dodge the sign-in lockout.
TRUSTED_PROXIES, _proxy_problems = startup.trusted_proxies(env_list("TRUSTED_PROXIES"))


# --- E-mail (notifications/) ---
# GOV.UK Notify when GOVUK_NOTIFY_API_KEY is set; else the mail server EMAIL_HOST; else, while developing, the
# console (messages are printed where runserver and db_worker run). Production with neither still starts, and
# every message is recorded as failed, saying what to set (notifications.mail.NotConfiguredEmailBackend).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", not EMAIL_USE_SSL)
# Seconds a worker waits for the mail server or Notify before the attempt counts as failed and is retried.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "") or "privacy-notices@localhost"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
GOVUK_NOTIFY_API_KEY = os.environ.get("GOVUK_NOTIFY_API_KEY", "")
GOVUK_NOTIFY_TEMPLATE_ID = os.environ.get("GOVUK_NOTIFY_TEMPLATE_ID", "")
GOVUK_NOTIFY_REPLY_TO_ID = os.environ.get("GOVUK_NOTIFY_REPLY_TO_ID", "")
GOVUK_NOTIFY_BASE_URL = os.environ.get("GOVUK_NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
EMAIL_BACKEND = startup.email_backend(debug=DEBUG, email_host=EMAIL_HOST, notify_api_key=GOVUK_NOTIFY_API_KEY)

# Refuse to start rather than warn: a production server signing sessions with a short or published key
# would let anyone forge a staff session, a wrong PORTAL_URL is printed into PDFs that never change, and
# half-made mail settings would leave every notification failing unseen.
_problems = _proxy_problems + (
    [] if DEBUG else startup.production_problems(
        secret_key=os.environ.get("SECRET_KEY", ""), allowed_hosts=ALLOWED_HOSTS, portal_url=PORTAL_URL
    ) + startup.mail_problems(
        email_host=EMAIL_HOST, host_user=EMAIL_HOST_USER, host_password=EMAIL_HOST_PASSWORD,
        use_tls=EMAIL_USE_TLS, use_ssl=EMAIL_USE_SSL, from_email=os.environ.get("DEFAULT_FROM_EMAIL", ""),
        notify_api_key=GOVUK_NOTIFY_API_KEY, notify_template_id=GOVUK_NOTIFY_TEMPLATE_ID,
    )
)
if "BEHIND_TLS_PROXY" in os.environ:
    _problems.append(
        "BEHIND_TLS_PROXY is no longer read, because it trusted every client's X-Forwarded-For: remove it and "
        "set TRUSTED_PROXIES to the address of the proxy in front of the portal, e.g. TRUSTED_PROXIES=172.30.0.10."
    )
if _problems:
    raise ImproperlyConfigured(startup.refusal(_problems))

INSTALLED_APPS = [
    # The admin's default site is replaced by one that demands a verified second factor (accounts/admin_site.py).
    "accounts.admin_apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "crispy_forms",
    "crispy_forms_gds",
    "django_tasks",
    "django_tasks_db",
    "services",
    "retention",
    "notices",
    "imports",
    "accounts",
    "operations",
    "notifications",
    "ropa",
]

# One cache for every process and machine (the draft PDFs of notices/pdf.py): a table in the portal's own
# database, made by migration notices 0015. A per-process cache would give each worker its own answer.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"}}

# Slow work (PDF rendering, exports, e-mail) runs off the request as Django tasks, queued in the portal's own
# database so that no broker is needed; `python manage.py db_worker` runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

MIDDLEWARE = [
    # First: nothing may read X-Forwarded-* or X-Request-ID before untrusted ones are dropped.
    "accounts.middleware.ForwardedHeadersMiddleware",
    "config.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "accounts.middleware.StaffNoStoreMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "accounts.middleware.RefuseNulInAddressMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before OTPMiddleware, so a session it ends is seen as anonymous by everything after it.
    "accounts.middleware.SessionTimeoutMiddleware",
    # Sets request.user.is_verified(): True only once a second factor has been checked in this session.
    "django_otp.middleware.OTPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records the signed-in user on every history row written during the request.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a lockout flagged during sign-in into the lockout page.
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.portal",
                "accounts.context_processors.workspace",
            ],
        },
    },
]

# No DATABASE_URL: a SQLite file beside manage.py, so a new user needs nothing installed.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}

FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 behaviour now: a bare "example.org" means https.
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out username+address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# The static mirror of the public pages (notices/mirror.py), refreshed by the worker after each publication
# or withdrawal and every midnight; empty (the default) keeps none.
MIRROR_ROOT = Path(os.environ["MIRROR_ROOT"]) if os.environ.get("MIRROR_ROOT") else None
STORAGES = {
    "default": {"BACKEND": os.environ.get("FILE_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# A file every process that publishes or serves shares, replaced at each publication or withdrawal, so each
# process learns at once that its memory of in-force public pages is out of date (notices/frozen.py).
# Unset: MEDIA_ROOT/.public-change with file storage, none otherwise; "" for none (a query per page instead).
PUBLIC_CHANGE_MARKER = os.environ.get("PUBLIC_CHANGE_MARKER")

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/manage/"
LOGOUT_REDIRECT_URL = "/"

# --- Staff sign-in (README "Security") ---
# Lock out a username from one address after repeated failures. The pair, not the address alone, so one
# shared NHS or council address cannot lock every member of staff out; not the username alone, so an
# attacker cannot lock a colleague out from anywhere.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "accounts.network.client_ip"
# Staff sessions end after this long without a request, and this long after signing in whatever happens.
SESSION_IDLE_TIMEOUT_SECONDS = env_int("SESSION_IDLE_TIMEOUT_SECONDS", 30 * 60)
SESSION_MAX_AGE_SECONDS = env_int("SESSION_MAX_AGE_SECONDS", 12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_MAX_AGE_SECONDS

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
# crispy-forms-gds styles text, email and password inputs only; web addresses and numbers would otherwise
# render as unstyled browser boxes.
CRISPY_CLASS_CONVERTERS = {"urlinput": "govuk-input", "numberinput": "govuk-input govuk-input--width-5"}

# Portal identity shown in the page header; each deployment names itself.
PORTAL_NAME = os.environ.get("PORTAL_NAME", "Privacy notices")
# Authenticator apps show this name beside the six-digit code.
OTP_TOTP_ISSUER = PORTAL_NAME
# The admin never shows an existing authenticator's secret, even to a superuser.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# With nginx in front and the stored files on a volume it can read: the path prefix of its internal-only
# location for them (e.g. /_stored/). Published PDFs are then sent by nginx once the portal has said who may
# have them. Empty: the portal streams them itself (always so with S3-compatible storage).
STORED_FILES_ACCEL_REDIRECT = os.environ.get("STORED_FILES_ACCEL_REDIRECT", "")
# Largest file the public may upload to /verify/ to learn which notice version it is.
VERIFY_MAX_UPLOAD_BYTES = env_int("VERIFY_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)

# --- Production hardening: on by default whenever DEBUG is off. ---
# X-Forwarded-Proto is believed only from TRUSTED_PROXIES: accounts.middleware.ForwardedHeadersMiddleware
# drops it (and X-Forwarded-For) from anyone else before Django reads it.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXIES else None
# The health check is asked over plain HTTP from inside the container, not by a browser.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp 4): only our own scripts, styles and images. Inline scripts run only
# with the per-request nonce (`nonce="{{ request.csp_nonce }}"`); the nonce appears in the header only on
# pages that use it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}

# Logs go to stdout, where the container runtime collects them: JSON lines (for a log platform) when DEBUG
# is off, plain text while developing; either way with the request id (config/observability.py).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.observability.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # django-axes logs every sign-in at INFO; failures and lockouts (WARNING) are the ones worth reading.
        "axes": {"level": os.environ.get("AXES_LOG_LEVEL", "WARNING")},
        # WeasyPrint reports every layout step at INFO; its warnings (e.g. a refused URL) still show.
        "weasyprint.progress": {"level": "WARNING"},
    },
}

# Error reporting, only when asked for: the SDK is not even imported otherwise.
if SENTRY_DSN := os.environ.get("SENTRY_DSN", ""):
    from config.observability import sentry_init

    sentry_init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
