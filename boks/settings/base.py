"""Settings shared by every profile, read from the environment.

Profiles: ``local`` (the quick start: SQLite, tasks in-process), ``production`` (hardened, every
secret from the environment) and ``test``. See the configuration table in README.md.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "drf_spectacular",
    "django_celery_beat",
    "simple_history",
    "drf_spectacular_sidecar",
    "csp",
    "boks.accounts",
    "boks.audit",
    "boks.notifications",
    "boks.dossiers",
    "boks.gezinsplan",
    "boks.wattelt",
    "boks.maatwerk",
    "boks.documenten",
    "boks.privacy",
    "boks.conversie",
    "boks.portal",
    "boks.rapportage",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "boks.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "boks.middleware.CookieLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "boks.audit.middleware.AccessLogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "boks.accounts.middleware.StaffIdleTimeoutMiddleware",
    "boks.accounts.middleware.StaffMfaRequiredMiddleware",
]

ROOT_URLCONF = "boks.urls"
# Widgets render through the project's template setup, so templates/ can hold widget templates.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "boks.wsgi.application"

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
                "django.template.context_processors.i18n",
                "boks.navigation.shell",
            ],
            "libraries": {"boks_ui": "boks.templatetags.boks_ui"},
        },
    },
]

# The embedded default keeps the quick start free of services; CI and production set DATABASE_URL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A read replica for reports and dashboards (boks/replica.py; docs/scaling.md). Tests use the
# primary under the same alias (MIRROR), so the routing is exercised without a second server.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["boks.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")

# Login throttling counts failures in the cache, so every web process must share one: Redis when
# it is configured, otherwise the process's own memory (fine for the single-process quick start).
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "boks",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: staff and clients log in with their e-mail address. Accounts are created by
# functioneel beheer (staff) or by a worker's invitation (clients), never by open sign-up.
ACCOUNT_ADAPTER = "boks.accounts.adapters.AccountAdapter"
# Content-Security-Policy: scripts and styles only from BOKS itself, no inline code anywhere (charts
# read their data from JSON script tags, buttons get their behaviour from static files). Images may be
# data: URIs for the QR code of the authenticator app.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# DigiD (or another OpenID Connect provider) for clients, switched on by configuration: a client links
# it once to the account made with their invitation, and then logs in with it. See docs/portal.md.
BOKS_OIDC_SERVER_URL = env.str("BOKS_OIDC_SERVER_URL", default="")
if BOKS_OIDC_SERVER_URL:
    INSTALLED_APPS += ["allauth.socialaccount", "allauth.socialaccount.providers.openid_connect"]
    SOCIALACCOUNT_ADAPTER = "boks.accounts.social.SocialAccountAdapter"
    SOCIALACCOUNT_ONLY = False
    # The login form posts to BOKS, which redirects to the provider: form-action must allow it.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(BOKS_OIDC_SERVER_URL)
    SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "digid",
                    "name": env.str("BOKS_OIDC_NAME", default="DigiD"),
                    "client_id": env.str("BOKS_OIDC_CLIENT_ID"),
                    "secret": env.str("BOKS_OIDC_CLIENT_SECRET"),
                    "settings": {"server_url": BOKS_OIDC_SERVER_URL},
                }
            ]
        }
    }
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[BOKS] "
# After five failed attempts for one e-mail address the account is locked for fifteen minutes;
# one address (IP) may fail thirty times in fifteen minutes across accounts.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env.str("BOKS_LOGIN_FAILED_LIMIT", default="30/15m/ip,5/15m/key"),
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "BOKS"
MFA_RECOVERY_CODE_COUNT = 10

# Staff must have TOTP before they can use BOKS. Only the local demo may switch this off, and then
# every page shows a banner saying so.
BOKS_REQUIRE_STAFF_MFA = env.bool("BOKS_REQUIRE_STAFF_MFA", default=True)
BOKS_STAFF_IDLE_TIMEOUT = timedelta(minutes=env.int("BOKS_STAFF_IDLE_TIMEOUT_MINUTES", default=30))
BOKS_ALLOW_DEMO_DATA = env.bool("BOKS_ALLOW_DEMO_DATA", default=False)
# How long a portal invitation link works.
BOKS_PORTAL_INVITATION_DAYS = env.int("BOKS_PORTAL_INVITATION_DAYS", default=14)
# Break-the-glass: how long a dossier of another team stays open after giving a reason.
BOKS_NOODTOEGANG_UREN = env.int("BOKS_NOODTOEGANG_UREN", default=4)
# The access log is kept at least five years (NEN 7513); older months are dropped whole.
BOKS_TOEGANGSLOG_BEWAARJAREN = env.int("BOKS_TOEGANGSLOG_BEWAARJAREN", default=5)
if BOKS_TOEGANGSLOG_BEWAARJAREN < 5:
    raise ImproperlyConfigured(
        "BOKS_TOEGANGSLOG_BEWAARJAREN must be at least 5: NEN 7513 asks the access log to be kept five years."
    )
# Behind a reverse proxy the client's address is in X-Forwarded-For; only trust it when a proxy sets it.
BOKS_TRUST_X_FORWARDED_FOR = env.bool("BOKS_TRUST_X_FORWARDED_FOR", default=False)

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=12 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False
CSRF_FAILURE_VIEW = "boks.views.csrf_failure"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded files on S3-compatible object storage instead of the local disk (django-storages, in
# requirements/prod.txt). Credentials come from the usual AWS_* variables or the instance's role.
BOKS_S3_BUCKET = env.str("BOKS_S3_BUCKET", default="")
if BOKS_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": BOKS_S3_BUCKET,
            "endpoint_url": env.str("BOKS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("BOKS_S3_REGION", default="") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Uploaded documents and attachments: a size limit, and the type is checked by content (boks/uploads.py).
BOKS_MAX_UPLOAD_MB = env.int("BOKS_MAX_UPLOAD_MB", default=10)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="BOKS <noreply@boks.invalid>")
# Links in e-mails point here: the address users reach BOKS on.
BOKS_BASE_URL = env.str("BOKS_BASE_URL", default="http://127.0.0.1:8000")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["boks.accounts.api_permissions.IsActiveStaff"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "boks.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "BOKS API",
    "DESCRIPTION": "Dossiers, gezinsplannen en Wat Telt van de buurtteams.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its documentation page are for staff, like the API itself.
    "SERVE_PERMISSIONS": ["boks.accounts.api_permissions.IsActiveStaff"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets that several serializers share get one name each in the schema.
    "ENUM_NAME_OVERRIDES": {
        "TrajectStatusEnum": "boks.dossiers.choices.Status",
        "TrajectSoortEnum": "boks.dossiers.choices.TrajectSoort",
        "ContactSoortEnum": "boks.dossiers.choices.ContactSoort",
        "RapportageCelSoortEnum": "boks.rapportage.tabellen.CelSoort",
        "LeefgebiedEnum": "boks.dossiers.choices.Leefgebied",
        "DoelStatusEnum": "boks.gezinsplan.choices.DoelStatus",
        "AfspraakStatusEnum": "boks.gezinsplan.choices.AfspraakStatus",
        "PlanVersieStatusEnum": "boks.gezinsplan.choices.VersieStatus",
        "DoelVoorstelStatusEnum": "boks.gezinsplan.choices.VoorstelStatus",
        "PlanBeoordelaarEnum": "boks.gezinsplan.choices.Beoordelaar",
        "WatTeltBeoordelaarEnum": "boks.wattelt.choices.Beoordelaar",
        "AanvraagStatusEnum": "boks.maatwerk.choices.AanvraagStatus",
        # The name this one had before the privacy API added another field called kanaal.
        "KanaalEnum": "boks.wattelt.choices.Kanaal",
        "AvgVerzoekSoortEnum": "boks.privacy.choices.AvgSoort",
        "AvgVerzoekKanaalEnum": "boks.privacy.choices.Kanaal",
        "VerstrekkingItemSoortEnum": "boks.privacy.choices.ItemSoort",
    },
}

# Celery: without REDIS_URL tasks run in-process (the quick start); with it, on a real worker.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=300)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=360)
CELERY_RESULT_EXPIRES = timedelta(days=1)
# How long a dashboard is served from its snapshot (seconds; 0: always computed). boks/rapportage/snapshots.py
BOKS_DASHBOARD_SNAPSHOT = env.int("BOKS_DASHBOARD_SNAPSHOT_SECONDEN", default=600)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {
        "task": "boks.accounts.tasks.clear_expired_sessions",
        "schedule": timedelta(hours=1),
    },
    "gezinsplan-evaluatie-herinneringen": {
        "task": "boks.gezinsplan.tasks.evaluatie_herinneringen",
        "schedule": timedelta(hours=1),
    },
    "gezinsplan-te-late-afspraken": {
        "task": "boks.gezinsplan.tasks.te_late_afspraken",
        "schedule": timedelta(hours=1),
    },
    # E-mail leaves right after the commit that wrote it; this run catches up after a broker outage.
    "deliver-outbox": {
        "task": "boks.notifications.tasks.deliver_outbox",
        "schedule": timedelta(minutes=5),
    },
    # Due Wat Telt rounds are rows in the database; a missed run is caught up by the next one.
    "wattelt-herinneringen": {
        "task": "boks.wattelt.tasks.herinneringen_versturen",
        "schedule": timedelta(hours=1),
    },
    # Assessors are reminded before and at a request's deadline; each reminder is a unique row.
    "maatwerk-herinneringen": {
        "task": "boks.maatwerk.tasks.herinneringen_beoordelaars",
        "schedule": timedelta(hours=1),
    },
    # The access log's coming months get their partition ahead; months past retention are dropped.
    "toegangslog-onderhoud": {
        "task": "boks.audit.tasks.onderhoud_toegangslog",
        "schedule": timedelta(hours=24),
    },
    # Retention: propose expired dossiers, destroy the approved ones (batched, idempotent), at night.
    "privacy-bewaartermijnen": {
        "task": "boks.privacy.tasks.bewaartermijnen",
        "schedule": crontab(hour=2, minute=30),
    },
    # The organisations' dashboards as they open, rebuilt before their snapshots expire.
    "rapportage-dashboards-verversen": {
        "task": "boks.rapportage.tasks.dashboards_verversen",
        "schedule": timedelta(minutes=5),
    },
    # Uploaded conversion ZIPs hold the old system's personal data; they do not stay in storage.
    "conversie-oude-bestanden": {
        "task": "boks.conversie.tasks.oude_bestanden_opruimen",
        "schedule": crontab(hour=3, minute=15),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
