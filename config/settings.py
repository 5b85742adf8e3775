"""Frontdoor settings: one file, driven by the environment.

Every council-specific value (the council's name, timescales, hubs, code lists) is data or a
setting here, never code, so that one codebase can serve many councils.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from frontdoor.access.headers import static_file_headers
from frontdoor.audit.keys import DEVELOPMENT_KEY_ID, DEVELOPMENT_SECRET, parse_keys

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# "development" (the default: make run, make test) or "production".
FRONTDOOR_ENV = os.environ.get("FRONTDOOR_ENV", "development")
PRODUCTION = FRONTDOOR_ENV == "production"

DEBUG = env_flag("DJANGO_DEBUG", default=False)

if PRODUCTION:
    # No default secret in production: fail at start-up rather than run with a known key.
    SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
else:
    SECRET_KEY = os.environ.get(
        "DJANGO_SECRET_KEY", "development-only-key-never-used-in-production-0123456789abcdef"
    )

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]
if not PRODUCTION:
    ALLOWED_HOSTS += ["testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "csp",
    # Sign-in: one-time codes (TOTP, recovery codes), lockout, and background tasks for the
    # notifications sent after commit (../shared/SECURITY.md, 4 and 14-15).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "frontdoor.govuk",
    "frontdoor.access",
    "frontdoor.audit",
    "frontdoor.outbox",
    "frontdoor.codelists",
    "frontdoor.timescales",
    "frontdoor.workflow",
    "frontdoor.notices",
    "frontdoor.agencies",
    "frontdoor.teams",
    "frontdoor.people",
    "frontdoor.contacts",
    "frontdoor.matching",
    "frontdoor.referrals",
    "frontdoor.strategy",
    "frontdoor.visits",
    "frontdoor.assessments",
    "frontdoor.missing",
    "frontdoor.police",
    "frontdoor.history",
    "frontdoor.enquiries",
    "frontdoor.handovers",
    "frontdoor.integration",
    "frontdoor.partners",
    "frontdoor.guardrails",
    "frontdoor.rollups",
    "frontdoor.insight",
    "frontdoor.backlog",
    "frontdoor.casework_audits",
    "frontdoor.practice",
    "frontdoor.oversight",
    "frontdoor.mywork",
    "frontdoor.api",
    "frontdoor.governance",
    "frontdoor.operations",
    "frontdoor.returns",
]
# The demo county, the benchmarks and their synthetic data are tools, not the product: a
# production installation has none of them (and no product code imports them: .importlinter).
if not PRODUCTION:
    INSTALLED_APPS += ["frontdoor.demo", "frontdoor.bench", "frontdoor.synthetic"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "frontdoor.audit.context.RequestIdMiddleware",
    # One JSON line per request: id, user id, route, status, duration (no personal data).
    "frontdoor.operations.request_log.RequestLogMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "frontdoor.access.middleware.SessionTimeoutMiddleware",
    "frontdoor.access.middleware.FrontdoorLoginRequiredMiddleware",
    "frontdoor.access.middleware.SecondFactorRequiredMiddleware",
    # Every request reads as its user: records about a child hidden from them come out as
    # placeholders, and opening one is a 404 (frontdoor/access/records.py).
    "frontdoor.access.records.Middleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so it sees a view's database error first and answers 503 "try again".
    "frontdoor.govuk.middleware.DatabaseUnavailableMiddleware",
]
CSRF_FAILURE_VIEW = "frontdoor.govuk.views.csrf_failure"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "csp.context_processors.nonce",
                "frontdoor.govuk.context_processors.service",
            ],
        },
    },
    # Only for templates rendered many times a page, found in an app's `jinja2/` folder: the
    # screening and hub queues' rows (docs/adr/0038). Every page is still a Django template.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "config.jinja.environment"},
    },
]

FORM_RENDERER = "frontdoor.govuk.forms.GovukFormRenderer"

# --- Database -------------------------------------------------------------------------------
# SQLite (WAL) is the embedded default; PostgreSQL through DATABASE_URL in production and CI.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'frontdoor.sqlite3'}"),
        # Production keeps each worker's connection for a minute rather than opening one per
        # request (a PostgreSQL connection costs a process on the server and a few ms; ADR 0031).
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60" if PRODUCTION else "0")),
        # A kept connection is checked before each request reuses it, so the first request
        # after a database restart does not fail on every worker (issue 15).
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers carry on while one writer writes; IMMEDIATE takes the write lock at
        # BEGIN so two writers queue instead of failing half-way with "database is locked".
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SQLITE_TEST_NAME") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users and sign-in ----------------------------------------------------------------------
AUTH_USER_MODEL = "access.User"
LOGIN_URL = "access:sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "access:sign-in"

# Lockout first, then the ordinary password check (django-axes; ../shared/SECURITY.md, 15).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failures lock the username, and five lock the address they came from, for 15 minutes.
# Unknown usernames are counted exactly like real ones, so lockout reveals nothing either.
AXES_FAILURE_LIMIT = int(os.environ.get("FRONTDOOR_SIGN_IN_FAILURE_LIMIT", "5"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = 0.25  # hours
# A right password is only half a sign-in: the failures are cleared once the code is right too
# (frontdoor/access/lockout.py), or else someone who knows the password could sign in again
# after every four wrong codes and never be locked out.
AXES_RESET_ON_SUCCESS = False
# The address a failure is counted under. Behind reverse proxies it is the one the outermost
# proxy saw, from X-Forwarded-For; set FRONTDOOR_TRUSTED_PROXY_COUNT to how many proxies stand
# in front of the app (0, the default: none, and X-Forwarded-For is ignored as the client's own
# say-so). Too few and everyone behind the proxy shares one lockout; too many and a client can
# choose the address it is counted under (frontdoor/access/client_address.py).
FRONTDOOR_TRUSTED_PROXY_COUNT = int(os.environ.get("FRONTDOOR_TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "frontdoor.access.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "frontdoor.access.views.locked_out"
AXES_SENSITIVE_PARAMETERS = ["password", "code", "recovery_code"]
# One-time codes: a used code is refused (django-otp keeps the last time step), and each wrong
# code doubles the wait before the next try (throttling), as well as counting towards lockout.
OTP_TOTP_ISSUER = os.environ.get("FRONTDOOR_COUNCIL_NAME", "Wessex County Council") + " Frontdoor"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# Break-glass and exports need the password and a code again within this many seconds.
FRONTDOOR_STEP_UP_SECONDS = 5 * 60
# An API token (only ever a service account's) stops working this many days after it is
# issued: a leaked or forgotten token does not last for ever.
FRONTDOOR_API_TOKEN_DAYS = int(os.environ.get("FRONTDOOR_API_TOKEN_DAYS", "90"))
# Who hears about break-glass access (besides every active information governance lead).
FRONTDOOR_IG_LEAD_EMAILS = [
    e.strip() for e in os.environ.get("FRONTDOOR_IG_LEAD_EMAILS", "").split(",") if e.strip()
]
DEFAULT_FROM_EMAIL = os.environ.get("FRONTDOOR_FROM_EMAIL", "frontdoor@wessex.example")
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
# The mail server production sends through (notifications never carry personal data).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", default=False)
# Work after commit (notifications, police imports, scheduled jobs). Production, `make run` and
# `make serve` queue it in the database for the task worker (`manage.py run_worker`); tests run
# a task as soon as the transaction commits. FRONTDOOR_TASKS: "database" or "immediate".
FRONTDOOR_TASKS = os.environ.get("FRONTDOOR_TASKS", "database" if PRODUCTION else "immediate")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if FRONTDOOR_TASKS == "database"
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}
# --- Running the service (docs/operations.md) ------------------------------------------------
# The sweep (chasing and escalating passed deadlines) runs every this many minutes (divides 60).
FRONTDOOR_SWEEP_MINUTES = int(os.environ.get("FRONTDOOR_SWEEP_MINUTES", "1"))
# A police batch whose import has made no progress for this long is marked failed.
FRONTDOOR_STUCK_BATCH_MINUTES = float(os.environ.get("FRONTDOOR_STUCK_BATCH_MINUTES", "10"))
# Who hears when a nightly check fails (the audit chain broken). Empty: Django's ADMINS.
FRONTDOOR_ALERT_EMAILS = [
    e.strip() for e in os.environ.get("FRONTDOOR_ALERT_EMAILS", "").split(",") if e.strip()
]
# What /health/ requires before it answers 200 (frontdoor/operations/health.py).
FRONTDOOR_HEALTH_CHECKS = [
    c.strip()
    for c in os.environ.get("FRONTDOOR_HEALTH_CHECKS", "database,worker,scheduler,audit").split(",")
    if c.strip()
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

# Sessions: 30 minutes idle and 12 hours in all, enforced on the server by
# frontdoor.access.middleware.SessionTimeoutMiddleware; the cookie dies with the browser.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
FRONTDOOR_SESSION_IDLE_SECONDS = int(os.environ.get("FRONTDOOR_SESSION_IDLE_SECONDS", str(30 * 60)))
FRONTDOOR_SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
SESSION_COOKIE_AGE = FRONTDOOR_SESSION_ABSOLUTE_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- The audit key ------------------------------------------------------------------------
# The audit hash chain is sealed with HMAC-SHA256 under a secret the database never holds
# (../shared/SECURITY.md, 10; docs/how-to/rotate-the-audit-key.md). FRONTDOOR_AUDIT_KEYS holds
# `id:secret` pairs, the current key and the old ones still needed to verify older rows;
# FRONTDOOR_AUDIT_KEY_ID names the one new rows are sealed with. Development and tests use a
# published development key; production has no fallback, and the system check refuses a
# missing, short or development key (frontdoor/audit/keys.py, frontdoor.E010-E014).
FRONTDOOR_AUDIT_KEYS = parse_keys(os.environ.get("FRONTDOOR_AUDIT_KEYS", ""))
FRONTDOOR_AUDIT_KEY_ID = os.environ.get("FRONTDOOR_AUDIT_KEY_ID", "").strip()
if not PRODUCTION and not FRONTDOOR_AUDIT_KEYS:
    FRONTDOOR_AUDIT_KEYS = {DEVELOPMENT_KEY_ID: DEVELOPMENT_SECRET}
    FRONTDOOR_AUDIT_KEY_ID = FRONTDOOR_AUDIT_KEY_ID or DEVELOPMENT_KEY_ID
# Only for migration audit.0005, which keys the rows written before: the break(s) it reported
# in the old, unkeyed chain (e.g. `audit_event:123`) that an operator has recorded as an
# incident and lets it re-seal anyway. Empty: a broken old chain stops the migration.
FRONTDOOR_AUDIT_RESEAL_BROKEN_CHAIN = os.environ.get("FRONTDOOR_AUDIT_RESEAL_BROKEN_CHAIN", "")
# The audit chain is sealed after commit by one sealer (frontdoor/audit/chain.py, ADR 0023):
# "after_commit" as each writing transaction commits, or "worker": by the task worker after
# each batch (what a service running a worker uses, so no request waits for the sealer).
FRONTDOOR_AUDIT_SEALING = os.environ.get(
    "FRONTDOOR_AUDIT_SEALING", "worker" if FRONTDOOR_TASKS == "database" else "after_commit"
)
# verify_audit counts a row with no seal as a break once it is older than this.
FRONTDOOR_AUDIT_SEAL_GRACE_MINUTES = int(os.environ.get("FRONTDOOR_AUDIT_SEAL_GRACE_MINUTES", "10"))
# Ids the sealer has not seen below its highest are waited for this long, then forgotten (a
# transaction rolled back; none here stays open this long).
FRONTDOOR_AUDIT_GAP_HOURS = int(os.environ.get("FRONTDOOR_AUDIT_GAP_HOURS", "1"))

# --- Time -----------------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

# Working hours, for clocks counted in working hours (MASH enquiries). Local: a setting.
FRONTDOOR_WORKING_DAY_START = os.environ.get("FRONTDOOR_WORKING_DAY_START", "09:00")
FRONTDOOR_WORKING_DAY_END = os.environ.get("FRONTDOOR_WORKING_DAY_END", "17:00")

# Files a partner attaches to an answer to a MASH enquiry (frontdoor/enquiries/uploads.py):
# how many, and how big each may be. The types are fixed in code (PDF, PNG, JPEG, plain text).
FRONTDOOR_ENQUIRY_ATTACHMENTS_MAX = int(os.environ.get("FRONTDOOR_ENQUIRY_ATTACHMENTS_MAX", "5"))
FRONTDOOR_ENQUIRY_ATTACHMENT_MAX_BYTES = int(
    os.environ.get("FRONTDOOR_ENQUIRY_ATTACHMENT_MAX_BYTES", str(5 * 1024 * 1024))
)

# --- The council ----------------------------------------------------------------------------
FRONTDOOR_COUNCIL_NAME = os.environ.get("FRONTDOOR_COUNCIL_NAME", "Wessex County Council")
# The council's three-digit DfE local authority number, the LEA in a statutory return's header
# (issue 16). The demo county is fictional, so its number is one no English council has.
FRONTDOOR_DFE_LA_NUMBER = os.environ.get("FRONTDOOR_DFE_LA_NUMBER", "999")
# The release named in a return's header (the version in pyproject.toml).
FRONTDOOR_RELEASE = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["project"]["version"]
FRONTDOOR_SERVICE_NAME = os.environ.get("FRONTDOOR_SERVICE_NAME", "Children's front door")
# The first part of every contact's reference ("WX-26-004187"): the council's own letters, so a
# reference quoted on the phone or in a partner's email says whose it is.
FRONTDOOR_REFERENCE_PREFIX = os.environ.get("FRONTDOOR_REFERENCE_PREFIX", "WX").strip().upper()
# The address people reach the service at, for every link in an email (which never carries
# personal data) and the sign-in help. Production defaults to https on the first allowed host;
# `make run` and `make serve` set it from HOST and PORT.
FRONTDOOR_BASE_URL = os.environ.get(
    "FRONTDOOR_BASE_URL",
    f"https://{ALLOWED_HOSTS[0]}" if PRODUCTION else "http://127.0.0.1:8000",
).rstrip("/")

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
# Collected only for production; in development WhiteNoise serves straight from the finders.
STATIC_ROOT = BASE_DIR / "var" / "staticfiles" if PRODUCTION else None
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # The manifest storage 404s un-collected files in tests (axe then reports false contrast
    # failures), so it is used only in production, after collectstatic.
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
# Static files get the security headers too: WhiteNoise answers before the CSP middleware.
WHITENOISE_ADD_HEADERS_FUNCTION = static_file_headers

# --- Security headers -----------------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = 63072000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Logging: no personal data and no stack traces in what users see -----------------------
# One JSON object per line (structlog), with the time, level, logger and the request id; the
# request log adds one line per request (frontdoor/operations/request_log.py). Production logs
# at INFO (the request lines); development at WARNING unless FRONTDOOR_LOG_LEVEL says.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_personal_data": {"()": "frontdoor.access.log_filters.WithoutPersonalData"}},
    "formatters": {"json": {"()": "frontdoor.operations.request_log.json_formatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["no_personal_data"],
            "formatter": "json",
        },
    },
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("FRONTDOOR_LOG_LEVEL", "INFO" if PRODUCTION else "WARNING"),
    },
    # The worker's polling ("Starting worker", every second) and APScheduler's "Running job"
    # say nothing an operator needs; each task's own line (django_tasks) and each job's run
    # (operations.JobRun) do.
    "loggers": {
        "django_tasks_db": {"level": "WARNING"},
        "apscheduler": {"level": "WARNING"},
    },
}

# --- Events for other systems (frontdoor/outbox, frontdoor/integration; docs/integration.md) ----
# The CloudEvents `source` of every integration event: this council's front door.
FRONTDOOR_EVENT_SOURCE = os.environ.get("FRONTDOOR_EVENT_SOURCE", "/frontdoor")
# A webhook delivery that fails is tried again after 30 s, 60 s, 120 s, ... (doubling, at most
# FRONTDOOR_WEBHOOK_MAX_BACKOFF_SECONDS), and goes to the dead letters after this many attempts.
FRONTDOOR_WEBHOOK_MAX_ATTEMPTS = int(os.environ.get("FRONTDOOR_WEBHOOK_MAX_ATTEMPTS", "8"))
FRONTDOOR_WEBHOOK_RETRY_SECONDS = float(os.environ.get("FRONTDOOR_WEBHOOK_RETRY_SECONDS", "30"))
FRONTDOOR_WEBHOOK_MAX_BACKOFF_SECONDS = float(
    os.environ.get("FRONTDOOR_WEBHOOK_MAX_BACKOFF_SECONDS", "3600")
)
# How long one webhook request may take before it counts as failed.
FRONTDOOR_WEBHOOK_TIMEOUT_SECONDS = float(os.environ.get("FRONTDOOR_WEBHOOK_TIMEOUT_SECONDS", "10"))
# Webhooks go only to https addresses on the internet: never http, and never a host that
# resolves to a private, loopback, link-local, multicast or reserved address (SSRF), checked
# when a subscription is saved and again at each send (frontdoor/integration/addresses.py).
# Development (the tests' receiver on loopback, the demo) allows http and local hosts unless
# told not to; any other environment (staging, training, a copy holding real data) refuses them
# unless told to; production never allows them, whatever the environment says.
FRONTDOOR_WEBHOOK_ALLOW_LOCAL = not PRODUCTION and env_flag(
    "FRONTDOOR_WEBHOOK_ALLOW_LOCAL", default=FRONTDOOR_ENV == "development"
)
