"""IMS settings, read from the environment.

With nothing set the embedded default runs: SQLite in the project folder, Celery
tasks in-process, e-mail printed to the console. See ``.env.example`` for every
variable.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("IMS_VAR_DIR", BASE_DIR / "var"))

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def _embedded_secret_key() -> str:
    """A key generated once per installation, for the embedded default only."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY") or _embedded_secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# HTTPS=true is the production switch for everything that needs TLS in front.
HTTPS = env_bool("HTTPS", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Behind a reverse proxy the connecting address is the proxy's: the client's comes
# from CLIENT_IP_HEADER (a request.META key or a header name), as written by the
# CLIENT_IP_PROXY_COUNT trusted proxies in front (the client's address is that many
# entries from the right of a comma-separated list; what the client itself sent
# stands further left and is ignored). Sign-in throttling and the surveys' rate
# limit both read it through ``ims.middleware.client_ip``.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
_LEGACY_SURVEYS_IP_HEADER = env_str("SURVEYS_CLIENT_IP_HEADER")
if _LEGACY_SURVEYS_IP_HEADER and not BEHIND_PROXY:
    raise ImproperlyConfigured(
        "SURVEYS_CLIENT_IP_HEADER is replaced by BEHIND_PROXY=true and CLIENT_IP_HEADER"
    )
CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER") or _LEGACY_SURVEYS_IP_HEADER or "X-Forwarded-For"
CLIENT_IP_PROXY_COUNT = env_int("CLIENT_IP_PROXY_COUNT", 1)
if CLIENT_IP_PROXY_COUNT < 1:
    raise ImproperlyConfigured("CLIENT_IP_PROXY_COUNT must be 1 or more")
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: nothing from other origins, no inline script.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)

WORKING_APPS = [
    "documents",
    "objectives",
    "audits",
    "surveys",
    "competence",
    "records",
    "context",
    "risks",
    "conformity",
]
# Apps that serve the working apps' data in another form (the REST API).
SERVICE_APPS = ["api"]

# Our apps come first so that their templates and translations win over
# Django's own for the same names (e.g. "Add" is "Thêm mới" here, not "Thêm vào").
INSTALLED_APPS = [
    "ims",
    *WORKING_APPS,
    *SERVICE_APPS,
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "guardian",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_celery_beat",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    # First: /healthz answers whatever Host it is called by (see the class).
    "ims.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "ims.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ims.middleware.InterfaceLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "ims.middleware.LoginRequiredMiddleware",
    "ims.middleware.TwoFactorRequiredMiddleware",
    "ims.middleware.ReadOnlyRolesMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ims.urls"
WSGI_APPLICATION = "ims.wsgi.application"

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
                "ims.context_processors.ims",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "ims"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ims",
        }
    }

# Celery: in-process without Redis, a real worker with it.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
# Without a worker, a manual build runs in a thread of the web process, so that the
# request answers at once and the builds page shows its progress.
MANUAL_BUILD_IN_THREAD = env_bool("MANUAL_BUILD_IN_THREAD", not REDIS_URL)
# A manual build under way that has not moved for this long is failed with a reason
# (its work was lost with a stopped worker), so that a new one may start.
MANUAL_BUILD_STALL_SECONDS = env_int("MANUAL_BUILD_STALL_SECONDS", 300)
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "ims")
# A task is acknowledged when it is done, not when it is taken, and given back to the
# queue when the process running it dies (out of memory, killed): every task is safe
# to run twice. A worker killed whole leaves its tasks unacknowledged in Redis, which
# hands them out again after the visibility timeout (one hour); a build stalled
# meanwhile is failed by MANUAL_BUILD_STALL_SECONDS, and its late tasks do nothing.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# Filled when the apps are ready with the beat entries each app registers in its
# hooks.py (``ims.registry.load_hooks``); beat runs them all, and
# ``manage.py run_schedule`` runs them without beat.
CELERY_BEAT_SCHEDULE: dict = {}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Single sign-on (ims/sso/): each does nothing unless configured below.
    "ims.sso.ldap.DirectoryBackend",
    "ims.sso.oidc.OIDCBackend",
    "guardian.backends.ObjectPermissionBackend",
]

# Single sign-on, OpenID Connect (mozilla-django-oidc): on when OIDC_ISSUER is set.
# The provider's endpoints are read from its discovery document when first needed.
# People are tied to accounts by the rule in ims/sso/services.py (README).
OIDC_ISSUER = env_str("OIDC_ISSUER").strip().rstrip("/")
OIDC_RP_CLIENT_ID = env_str("OIDC_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET")
if OIDC_ISSUER and not (OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET):
    raise ImproperlyConfigured("OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET")
# The name on the sign-in button: "Đăng nhập bằng <name>".
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "SSO")
# The claim holding the login name IMS matches and creates accounts by.
OIDC_USERNAME_CLAIM = env_str("OIDC_USERNAME_CLAIM", "preferred_username")
# False: only people who already have an IMS account (tied or matched) get in.
OIDC_CREATE_USERS = env_bool("OIDC_CREATE_USERS", True)
OIDC_RP_SIGN_ALGO = env_str("OIDC_SIGN_ALGORITHM", "RS256")
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_callback"

# Single sign-on, LDAP / Active Directory (django-auth-ldap): on when LDAP_SERVER_URI is
# set. Directory people sign in on the ordinary page with their directory password.
LDAP_ENABLED = False
LDAP_ROLE_GROUPS: dict[str, str] = {}
if env_str("LDAP_SERVER_URI"):
    from ims.sso.ldap_config import directory_settings

    globals().update(
        directory_settings(
            server_uri=env_str("LDAP_SERVER_URI"),
            bind_dn=env_str("LDAP_BIND_DN"),
            bind_password=env_str("LDAP_BIND_PASSWORD"),
            start_tls=env_bool("LDAP_START_TLS", False),
            user_search_base=env_str("LDAP_USER_SEARCH_BASE"),
            user_filter=env_str("LDAP_USER_FILTER", "(uid=%(user)s)"),
            full_name_attr=env_str("LDAP_ATTR_FULL_NAME", "cn"),
            email_attr=env_str("LDAP_ATTR_EMAIL", "mail"),
            department_attr=env_str("LDAP_ATTR_DEPARTMENT", "departmentNumber"),
            position_attr=env_str("LDAP_ATTR_POSITION", "title"),
            group_search_base=env_str("LDAP_GROUP_SEARCH_BASE"),
            group_type=env_str("LDAP_GROUP_TYPE", "groupOfNames"),
            role_groups=env_str("LDAP_ROLE_GROUPS"),
        )
    )
GUARDIAN_ANONYMOUS_USER_NAME = None
ANONYMOUS_USER_NAME = None

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes): five failures lock the name for 15 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "ims.middleware.client_ip"

# Per account, across all addresses (ims.services.signin_delay): after
# SIGNIN_ACCOUNT_FAILURES failures within SIGNIN_ACCOUNT_WINDOW_HOURS, each further
# attempt at that name waits 1, 2, 4 … minutes, at most SIGNIN_ACCOUNT_MAX_DELAY_MINUTES:
# slow for someone guessing from many addresses, never a long lock for the owner.
SIGNIN_ACCOUNT_FAILURES = env_int("SIGNIN_ACCOUNT_FAILURES", 10)
SIGNIN_ACCOUNT_WINDOW_HOURS = env_int("SIGNIN_ACCOUNT_WINDOW_HOURS", 24)
SIGNIN_ACCOUNT_BASE_DELAY_MINUTES = env_int("SIGNIN_ACCOUNT_BASE_DELAY_MINUTES", 1)
SIGNIN_ACCOUNT_MAX_DELAY_MINUTES = env_int("SIGNIN_ACCOUNT_MAX_DELAY_MINUTES", 30)
# Password-reset e-mails per hour: per account, and per client address.
PASSWORD_RESET_PER_ACCOUNT = env_int("PASSWORD_RESET_PER_ACCOUNT", 3)
PASSWORD_RESET_PER_ADDRESS = env_int("PASSWORD_RESET_PER_ADDRESS", 10)

# Two-factor sign-in (django-otp: TOTP apps, one-time recovery codes). Anyone may turn
# it on; people holding one of MFA_REQUIRED_ROLES must before they can do anything else.
MFA_REQUIRED_ROLES = env_list("MFA_REQUIRED_ROLES", [])
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "IMS")

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["ims.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env_str("STATICFILES_BACKEND", "whitenoise.storage.CompressedStaticFilesStorage")
    },
}
# Without collectstatic (the embedded default, tests) WhiteNoise serves from the
# finders; production collects and sets WHITENOISE_USE_FINDERS=false.
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", True)
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# Uploads: small in memory, larger ones streamed to disk; checked by content.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
IMS_MAX_UPLOAD_MB = env_int("IMS_MAX_UPLOAD_MB", 20)
# Imported files (master list, Word text) are parsed: caps checked before and while
# parsing (ims/zipguard.py) keep a small file of gigabytes of XML from exhausting memory.
IMS_IMPORT_MAX_ROWS = env_int("IMS_IMPORT_MAX_ROWS", 5000)
IMS_IMPORT_MAX_PARAGRAPHS = env_int("IMS_IMPORT_MAX_PARAGRAPHS", 20000)
IMS_IMPORT_MAX_CHARACTERS = env_int("IMS_IMPORT_MAX_CHARACTERS", 2_000_000)
IMS_IMPORT_MAX_ELEMENTS = env_int("IMS_IMPORT_MAX_ELEMENTS", 150_000)
IMS_IMPORT_MAX_ENTRIES = 1000
IMS_IMPORT_MAX_PART_MB = 20  # the part holding the text or the rows
IMS_IMPORT_MAX_OTHER_PART_MB = 4  # styles, numbering, relationships…
IMS_IMPORT_MAX_UNZIPPED_MB = 100
IMS_IMPORT_MAX_RATIO = 100

EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "IMS <ims@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address people open IMS at: the links in e-mails sent by the scheduler (the daily
# and weekly summaries of "Việc của tôi", audit reminders), which have no request to ask.
SITE_URL = env_str("SITE_URL", "http://localhost:8000").rstrip("/")

CSRF_FAILURE_VIEW = "ims.views.csrf_failure"
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Satisfaction surveys: abuse limits on the public answer link (per address, per
# window of seconds; 0 turns the limit off), the header holding the client address
# is the client's address (see BEHIND_PROXY above), the
# number of responses below which an index is marked too few to read, and the
# address used in reminder e-mails sent by the scheduler.
SURVEYS_RATE_LIMIT = env_int("SURVEYS_RATE_LIMIT", 60)
SURVEYS_RATE_WINDOW = env_int("SURVEYS_RATE_WINDOW", 600)
if SURVEYS_RATE_WINDOW <= 0:
    raise ImproperlyConfigured("SURVEYS_RATE_WINDOW must be a positive number of seconds")
SURVEYS_MIN_RESPONSES = env_int("SURVEYS_MIN_RESPONSES", 10)
SURVEYS_BASE_URL = env_str("SURVEYS_BASE_URL", "http://localhost:8000")

# Digital signatures (PAdES, pyHanko; ims/signing/). The organisation's certificate signs
# every effective edition's PDF and every manual; without one, PDFs are issued unsigned.
# IMS_SIGNING_BACKEND: "pkcs12" (a .p12/.pfx file), "pkcs11" (a token: USB token or HSM),
# or empty: "pkcs12" when IMS_SIGNING_PKCS12_FILE is set, otherwise none.
IMS_SIGNING_BACKEND = env_str("IMS_SIGNING_BACKEND").strip().lower()
if IMS_SIGNING_BACKEND not in {"", "pkcs12", "pkcs11", "none"}:
    raise ImproperlyConfigured(
        f"IMS_SIGNING_BACKEND must be pkcs12, pkcs11 or none, got {IMS_SIGNING_BACKEND!r}"
    )
IMS_SIGNING_PKCS12_FILE = env_str("IMS_SIGNING_PKCS12_FILE")
IMS_SIGNING_PKCS12_PASSWORD = env_str("IMS_SIGNING_PKCS12_PASSWORD")
IMS_SIGNING_PKCS11_MODULE = env_str("IMS_SIGNING_PKCS11_MODULE")
IMS_SIGNING_PKCS11_TOKEN_LABEL = env_str("IMS_SIGNING_PKCS11_TOKEN_LABEL")
IMS_SIGNING_PKCS11_PIN = env_str("IMS_SIGNING_PKCS11_PIN")
IMS_SIGNING_PKCS11_KEY_LABEL = env_str("IMS_SIGNING_PKCS11_KEY_LABEL")
IMS_SIGNING_PKCS11_CERT_LABEL = env_str("IMS_SIGNING_PKCS11_CERT_LABEL")
# PEM or DER files of the certificates a signature must chain to (comma-separated);
# empty: the self-signed certificates shipped with the signing certificate's chain.
IMS_SIGNING_TRUST_ROOTS = env_list("IMS_SIGNING_TRUST_ROOTS", [])
# An RFC 3161 time-stamp server: signatures become PAdES B-T instead of B-B.
IMS_SIGNING_TSA_URL = env_str("IMS_SIGNING_TSA_URL")
# Fetch OCSP responses and CRLs when verifying an uploaded PDF (needs the network).
IMS_SIGNING_VERIFY_FETCH = env_bool("IMS_SIGNING_VERIFY_FETCH", False)

# The REST API (api/; Django REST framework, schema by drf-spectacular). A person's
# token (made on their account page) or their session signs a call in; the rights are
# the pages' own. Calls are counted per person (or address) in two scopes, reads and
# writes, at API_READ_RATE and API_WRITE_RATE ("number/second|minute|hour|day").
API_READ_RATE = env_str("API_READ_RATE", "600/minute")
API_WRITE_RATE = env_str("API_WRITE_RATE", "60/minute")
API_PAGE_SIZE = env_int("API_PAGE_SIZE", 50)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.PersonalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.SignedInReaderOrWriter"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ReadWriteThrottle"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    "PAGE_SIZE": API_PAGE_SIZE,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.handle",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "IMS API",
    "DESCRIPTION": (
        "Read the document register, editions, objectives, audits, corrective actions "
        "and survey results; enter measurements, acknowledge editions and propose "
        "changes. Sign in with a personal token: `Authorization: Token <key>`."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its documentation page are for people signed in (a token or the
    # session), as every other page.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": "/api/",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI and Redoc from drf-spectacular-sidecar's vendored files: nothing is
    # fetched from another origin (the Content-Security-Policy allows none).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
