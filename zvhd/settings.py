"""Settings for the ZVHD case-management system.

One file, read from the environment with django-environ (see `.env.example`, which documents
every variable). The defaults give a working demo on one machine: the project's own embedded
PostgreSQL (ops/devdb.py), tasks run eagerly unless a broker is set (`make run` sets one), no
Redis needed. Production (DEBUG off) refuses to start without a secret key and
turns on every transport-security setting that `check --deploy` asks for.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def _embedded_database_url() -> str:
    try:
        port = int((BASE_DIR / ".devdb" / "port").read_text())
    except (OSError, ValueError):
        port = 54329
    return f"postgres://postgres@127.0.0.1:{port}/zvhd"


env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production (DEBUG off) refuses to start without one; "
            "for a local demo set DEBUG=true (make run does)."
        )
    # Only ever used with DEBUG on: sessions of a local demo, nothing else.
    SECRET_KEY = "django-insecure-local-demo-key-never-used-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The demo may switch the second factor off. Production never has this by default and the
# deploy check (zvhd.checks) refuses it when DEBUG is off.
DEMO_DISABLE_SECOND_FACTOR = env.bool("DEMO_DISABLE_SECOND_FACTOR", default=False)

# seed_demo makes accounts with a known password: only where this is on.
DEMO_DATA_ALLOWED = env.bool("DEMO_DATA_ALLOWED", default=DEBUG)

# BENCH_PAGES mounts a bare comparison page for `make bench`; never on in production.
BENCH_PAGES = env.bool("BENCH_PAGES", default=False)

# The Django admin shows records without the access log and the permission layer, so it is
# off unless an operator switches it on for technical maintenance (superusers only).
ADMIN_ENABLED = env.bool("ADMIN_ENABLED", default=False)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django.contrib.admin",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "guardian",
    "simple_history",
    "django_htmx",
    "django_tables2",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    # pg_trgm's trigram_similar lookup and GIN opclasses for the person register's matcher.
    "django.contrib.postgres",
    # Ours: the house first, then one app per business task.
    "zvhd",
    "zvhd.network",
    "zvhd.privacy",
    "zvhd.imports",
    "zvhd.lists",
    "persons",
    "cases",
    "risk",
    "advice",
    "aftercare",
    "trafficking",
    "finance",
    "reports",
    "casefile",
    "inbox",
    "programmes",
    "tables",
    "api",
    "federation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "zvhd.middleware.AbsoluteSessionLimitMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "zvhd.middleware.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "zvhd.middleware.NoStoreMiddleware",
    # Axes last, as its documentation asks: it turns a lockout into our Dutch page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zvhd.urls"
WSGI_APPLICATION = "zvhd.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zvhd.navigation.navigation",
                "inbox.context.inbox_header",
            ],
        },
    },
]
# Our form templates (templates/django/forms/) render every form with the NL Design System.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# PostgreSQL is the only engine. Without DATABASE_URL this is the project's own embedded server
# (ops/devdb.py), which `make run` and `make test` start and stop; its port is in .devdb/port.
DATABASES = {"default": env.db("DATABASE_URL", default=_embedded_database_url())}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Every select of a model choice field (ModelChoiceIterator uses QuerySet.iterator()) opened a
# server-side cursor: DECLARE ... WITH HOLD, FETCH, CLOSE, three round trips for a list of 12
# municipalities, twice on the start page's advice form alone. Our own code never streams a
# large result with iterator(); one that must should use a named cursor explicitly.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
# PostgreSQL's JIT compiler is meant for long analytical queries. On a page it only costs: once
# a query's cost estimate passes `jit_above_cost` (any count over the million cases does), the
# server spends 0.5-2.5 s compiling it (the start page's panel count at 1M cases: 2.6 s of
# JIT for a 0.6 s query; issue 24's page matrix). Off for every connection of the app, as
# ops/devdb.py has it for the embedded server; an `options` in DATABASE_URL is kept.
_pg_options = DATABASES["default"].setdefault("OPTIONS", {}).get("options", "")
if "jit" not in _pg_options:
    DATABASES["default"]["OPTIONS"]["options"] = f"{_pg_options} -c jit=off".strip()
if env.str("DATABASE_TEST_NAME", default=""):
    DATABASES["default"]["TEST"] = {"NAME": env.str("DATABASE_TEST_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis down is an empty cache, not an error page (zvhd/cache.py). Short timeouts:
            # a Redis that hangs must cost a page a fraction of a second, not the default
            # of waiting forever.
            "BACKEND": "zvhd.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "zvhd",
            "OPTIONS": {
                "socket_connect_timeout": env.float("REDIS_TIMEOUT_SECONDS", default=0.5),
                "socket_timeout": env.float("REDIS_TIMEOUT_SECONDS", default=0.5),
            },
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif env.str("CACHE_DIR", default=""):
    # One machine without Redis (`make run`): a folder every process shares, so the API
    # throttle, the lockout and used TOTP codes hold across gunicorn's workers.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env.str("CACHE_DIR"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Production refuses a per-process cache (zvhd/checks.py, E003) unless this says there is
# only one process (a drill, a single-process box): the API throttle lives in the cache.
ALLOW_PROCESS_LOCAL_CACHE = env.bool("ALLOW_PROCESS_LOCAL_CACHE", default=False)

AUTH_USER_MODEL = "network.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # allauth's backend with a one-query get_user (zvhd/network/backends.py). Sessions made
    # under allauth's own path before this setting changed are logged out once.
    "zvhd.network.backends.AuthenticationBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# Argon2id first (Django's first recommendation; argon2-cffi) with OWASP's parameters
# (zvhd/hashers.py: 19 MiB, 2 passes, 1 lane; Django's own cost 0.4-0.6 s per login here): a
# PBKDF2 hash, or an Argon2 hash with other parameters, is rewritten by Django at the account's
# next successful login (check_password).
PASSWORD_HASHERS = [
    "zvhd.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
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
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "account_login"

# django-allauth: username login, no sign-up (accounts are made by the functioneel beheerder),
# TOTP with recovery codes as the second factor.
ACCOUNT_ADAPTER = "zvhd.network.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
# Repeated failures are django-axes' job, for every step (zvhd/network/lockout.py): two
# counters would give two different messages. allauth's limit on codes went with this switch,
# so its second-factor forms are replaced by ones that report to axes.
ACCOUNT_RATE_LIMITS = {"login_failed": False}
MFA_FORMS = {
    "authenticate": "zvhd.network.forms.AuthenticateForm",
    "reauthenticate": "zvhd.network.forms.ReauthenticateForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "ZVHD"
MFA_RECOVERY_CODE_COUNT = 10
MFA_TOTP_PERIOD = 30

# django-axes: lock a username from one address after repeated failures of any step
# (password, TOTP, recovery code; API keys count per address). Our handler adds a limit per
# account over all addresses and one per address over all accounts (zvhd/network/lockout.py).
AXES_HANDLER = "zvhd.network.lockout.LockoutHandler"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AUTH_ACCOUNT_FAILURE_LIMIT = env.int("AUTH_ACCOUNT_FAILURE_LIMIT", default=20)
AUTH_ADDRESS_FAILURE_LIMIT = env.int("AUTH_ADDRESS_FAILURE_LIMIT", default=50)
# What axes stores of a failed request: never the code, the login name field or a password.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "login", "password", "code"]
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "zvhd.network.adapters.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "zvhd/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_VERBOSE = False

# django-guardian: no anonymous user row; our users are all known.
ANONYMOUS_USER_NAME = None
GUARDIAN_MONKEY_PATCH_USER = False

# Sessions: 15 minutes idle, 12 hours absolute. Our middleware renews an active session once a
# minute (not on every request: that was a write per page), so an idle one ends 14-15 minutes
# after the last request.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=15 * 60)
SESSION_RENEW_SECONDS = 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Transport security: on by default whenever DEBUG is off.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 63072000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy (Django 6): nothing inline, nothing from elsewhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# Off: years, case numbers and ids must never read "2.026". Amounts and counts are grouped
# explicitly by the `euro` and `small_count` filters (zvhd/templatetags/zvhd.py).
USE_THOUSAND_SEPARATOR = False
LOCALE_PATHS = [BASE_DIR / "locale"]
# Django's own date formats for Dutch, aligned with zvhd/formats.py ("28-02-2025").
FORMAT_MODULE_PATH = ["zvhd.locale_formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default="") or BASE_DIR / "media")
# Case documents (casefile): a private folder outside any public URL, served only by the
# scoped download view; by default inside MEDIA_ROOT so backups take it along.
DOCUMENTS_ROOT = Path(env.str("DOCUMENTS_ROOT", default="") or MEDIA_ROOT / "documenten")
# The largest document accepted (bytes); enforced while the upload streams in (zvhd/uploads.py).
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=25 * 1024 * 1024)
# The ceiling on any uploaded file in the house; a body announced larger than
# UPLOAD_RESET_FACTOR times it is cut off unread.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=0) or DOCUMENT_MAX_BYTES
UPLOAD_RESET_FACTOR = 4
FILE_UPLOAD_HANDLERS = [
    "zvhd.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# ClamAV (clamd) scans every document when one of these is set: a unix socket, or host and
# port (INSTREAM over TCP). Without them documents are stored and shown as "niet gescand".
CLAMAV_SOCKET = env.str("CLAMAV_SOCKET", default="")
CLAMAV_HOST = env.str("CLAMAV_HOST", default="")
CLAMAV_PORT = env.int("CLAMAV_PORT", default=3310)
CLAMAV_TIMEOUT_SECONDS = env.float("CLAMAV_TIMEOUT_SECONDS", default=30.0)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env.bool("STATIC_MANIFEST", default=True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# The site's own address, for the absolute links in e-mails (zvhd/links.py).
SITE_URL = env.str("SITE_URL", default="").rstrip("/")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="ZVHD <noreply@zvhd.example>")
# Django 6.1 mailers: the console in the demo, SMTP from EMAIL_URL in production.
if env.str("EMAIL_URL", default=""):
    _mail = env.email_url("EMAIL_URL")
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _mail["EMAIL_HOST"],
                "port": _mail["EMAIL_PORT"],
                "username": _mail["EMAIL_HOST_USER"],
                "password": _mail["EMAIL_HOST_PASSWORD"],
                "use_tls": bool(_mail.get("EMAIL_USE_TLS")),
                "use_ssl": bool(_mail.get("EMAIL_USE_SSL")),
            },
        }
    }
else:
    MAILERS = {
        "default": {
            "BACKEND": env.str(
                "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
            )
        }
    }
    # EMAIL_FILE_PATH with the file backend: `make run` keeps the demo's e-mails in var/mail/.
    if env.str("EMAIL_FILE_PATH", default=""):
        MAILERS["default"]["OPTIONS"] = {"file_path": env.str("EMAIL_FILE_PATH")}

# Celery: with no broker configured, tasks run eagerly in the calling process.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# How far the worker lowers its own CPU priority below the web's (zvhd/celery.py; 0: not).
WORKER_NICENESS = env.int("WORKER_NICENESS", default=10)
# Redis gives an unacknowledged message (acks_late) to another worker after this many seconds:
# how long a job whose worker was killed waits before it runs again. It must exceed the
# longest task (the jaarverslag), or a slow but live run is delivered twice (the advisory
# lock in reports/tasks.py then turns the duplicate away). The failure drill sets it low.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
}
# `make run` without Redis: kombu's filesystem transport, one folder that the web process
# writes to and the worker reads from (ops/run_demo.py). Fine for one machine; production
# uses Redis. It has no result backend, and nothing of ours reads task results.
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker = Path(env.str("CELERY_FILESYSTEM_DIR", default=str(BASE_DIR / "var" / "broker")))
    for _folder in ("queue", "processed", "control"):
        (_broker / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker / "queue"),
        "data_folder_out": str(_broker / "queue"),
        "processed_folder": str(_broker / "processed"),
        "control_folder": str(_broker / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = None
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_RESULT_EXPIRES = timedelta(days=1)
# How often the worker computes the dashboard's figures again (minutes; reports.live).
REPORTS_FIGURES_REFRESH_MINUTES = env.int("REPORTS_FIGURES_REFRESH_MINUTES", default=15)
# The periodic schedule lives here (django-celery-beat does not support Django 6.1).
# Apps add their own entries below, each with a comment saying why it runs when it does.
CELERY_BEAT_SCHEDULE = {
    # Federation: the keyed-hash index rebuilt nightly, catching saves that skipped signals.
    "federation-rebuild-index": {
        "task": "federation.tasks.rebuild_all",
        "schedule": timedelta(days=1),
    },
    # Federation: questions logged longer ago than the access log's term are deleted.
    "federation-purge-log": {
        "task": "federation.tasks.purge_log",
        "schedule": timedelta(days=1),
    },
    "worker-heartbeat": {
        "task": "zvhd.tasks.heartbeat",
        "schedule": timedelta(minutes=1),
    },
    # Aftercare: release reminders 14 and 3 days ahead. Hourly rather than daily, so a record
    # entered during the day (half of all detentions last less than a month) is not left a day
    # without its reminder; each reminder is sent once, so the extra runs cost one query.
    "aftercare-release-reminders": {
        "task": "aftercare.tasks.send_release_reminders",
        "schedule": timedelta(hours=1),
    },
    # Cases: once a day is enough for actions and review dates that fall due within three
    # days; each is reminded once per due date, so a missed or repeated run does no harm.
    "cases-action-reminders": {
        "task": "cases.tasks.send_action_reminders",
        "schedule": timedelta(days=1),
    },
    "cases-review-reminders": {
        "task": "cases.tasks.send_review_reminders",
        "schedule": timedelta(days=1),
    },
    # Risk: the next review date of a risk assessment, reminded once per date (risk.tasks).
    "risk-review-reminders": {
        "task": "risk.tasks.send_review_reminders",
        "schedule": timedelta(days=1),
    },
    # Reports: the figures of the year just ended are frozen once, as soon as the year is over
    # (a daily check; it does nothing once a version of that year exists), so management can
    # publish them or freeze again after late registrations.
    "reports-freeze-last-year": {
        "task": "reports.tasks.freeze_last_year",
        "schedule": timedelta(days=1),
    },
    # Reports: the dashboard's figures of this year and last year (province and every
    # municipality, one grouped pass a year) computed on the worker and stored, so that no
    # page computes them (issue 24); the page shows "Stand van ..." and asks for a refresh of
    # other years it finds older than this interval.
    "reports-refresh-figures": {
        "task": "reports.tasks.refresh_current_figures",
        "schedule": timedelta(minutes=REPORTS_FIGURES_REFRESH_MINUTES),
    },
    # Privacy: access-log rows older than five years are removed; daily, so nothing is kept
    # more than a day past the term (months past it are dropped, the last days deleted; a
    # missed run is caught up by the next).
    "privacy-purge-access-log": {
        "task": "zvhd.privacy.tasks.purge_access_log",
        "schedule": timedelta(days=1),
    },
    # Privacy: the access log's monthly tables for this month and the next two (made ahead;
    # a month without one fills the default partition until the next run moves its rows).
    "privacy-access-log-partitions": {
        "task": "zvhd.privacy.tasks.maintain_access_log_partitions",
        "schedule": timedelta(days=1),
    },
    # Privacy: the access review's days. Each closed day of the access log is summarized once
    # (zvhd/privacy/review_days.py); hourly, so the night's day is done in the first hour after
    # midnight and days a stopped worker missed at its next run; then today so far, so the
    # review reads only the last hour or so of the log itself.
    "privacy-access-review-days": {
        "task": "zvhd.privacy.tasks.summarize_access_review_days",
        "schedule": timedelta(hours=1),
    },
    # Privacy: records whose retention term has passed go on the proposed destruction list
    # for the privacy officer; daily, and a second run adds nothing (README "Bewaartermijnen
    # en vernietiging"). Nothing is destroyed without review and a second person's approval.
    "privacy-propose-destruction": {
        "task": "zvhd.privacy.tasks.propose_destruction",
        "schedule": timedelta(days=1),
    },
    # Inbox: registrations waiting more than five working days tell process support once per
    # registration; daily, as the working-day count moves once a day.
    "cases-triage-overdue": {
        "task": "cases.tasks.notify_overdue_triage",
        "schedule": timedelta(days=1),
    },
    # Inbox: the daily digest e-mail for the kinds a user chose "dagelijkse samenvatting"
    # for. Hourly, sending to each user once per day after DIGEST_HOUR, so a worker that was
    # down at that hour catches up at the next run; a second run sends nothing.
    "inbox-daily-digest": {
        "task": "inbox.tasks.send_digests",
        "schedule": timedelta(hours=1),
    },
    # Inbox: notifications older than INBOX_KEEP_DAYS are deleted (one DELETE a day).
    "inbox-purge": {
        "task": "inbox.tasks.purge_old_notifications",
        "schedule": timedelta(days=1),
    },
}
# The hour (local time) from which the daily digest goes out; how long notifications stay.
INBOX_DIGEST_HOUR = env.int("INBOX_DIGEST_HOUR", default=7)
INBOX_KEEP_DAYS = env.int("INBOX_KEEP_DAYS", default=365)

# The empty choice of every list filter (django-filter's default is "---------").
FILTERS_EMPTY_CHOICE_LABEL = "Alle"

# Federation between Zorg- en Veiligheidshuizen (federation/, README "Federatie").
# The encryption key of the federation secrets kept here (default: derived from SECRET_KEY).
FEDERATION_SECRET_KEY = env.str("FEDERATION_SECRET_KEY", default="")
# The total time the page waits for all peers together (at most 2 seconds).
FEDERATION_TIMEOUT_SECONDS = min(env.float("FEDERATION_TIMEOUT_SECONDS", default=2.0), 2.0)
# Questions a peer may ask per minute (DRF rate), per peer.
FEDERATION_RATE = env.str("FEDERATION_RATE", default="30/min")
# Plain http and internal addresses for peers: only for a local demo or test on loopback.
FEDERATION_ALLOW_HTTP = env.bool("FEDERATION_ALLOW_HTTP", default=DEBUG)
FEDERATION_ALLOW_PRIVATE_ADDRESSES = env.bool("FEDERATION_ALLOW_PRIVATE_ADDRESSES", default=DEBUG)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # Bounded in size and depth, Dutch when malformed; every error JSON (api/parsers.py,
    # api/exceptions.py; outside DRF's views: zvhd/views.py error handlers).
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ZVHD API",
    "DESCRIPTION": "Aanmelden en verrijken vanuit systemen van ketenpartners.",
    "VERSION": "1.0.0",
    # Cases and aftercare both have a "kind" and a "status": name the aftercare ones.
    "ENUM_NAME_OVERRIDES": {
        "NotificationKindEnum": "aftercare.models.NotificationKind",
        "AftercareStatusEnum": "aftercare.models.Status",
        "StatusEnum": "cases.models.Status",
        "KindEnum": "cases.models.Kind",
    },
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/zvhd.html"

# Logs: one JSON object per line on stdout, with personal data scrubbed (zvhd/logging.py).
# LOG_FORMAT=plain gives readable lines on a developer's terminal, scrubbed the same way.
LOG_FORMAT = env.str("LOG_FORMAT", default="json")
if LOG_FORMAT not in ("json", "plain"):
    raise ImproperlyConfigured("LOG_FORMAT is json or plain.")
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"personal_data": {"()": "zvhd.logging.PersonalDataFilter"}},
    "formatters": {
        "json": {"()": "zvhd.logging.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's defaults give these their own unscrubbed handlers: replace them, so every
        # line leaves through the filter above.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # SQL with its parameters (names, BSNs) must never be logged, whatever LOG_LEVEL says.
        "django.db.backends": {"handlers": [], "level": "INFO", "propagate": True},
        # axes' own lines name the username, address and user agent; zvhd.auth logs every
        # failure without them (zvhd/network/lockout.py).
        "axes": {"level": "ERROR"},
        # A line per PDF rendering step at INFO: noise, not operations.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
# The worker logs through the same handlers instead of Celery's own unscrubbed format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
