"""Settings shared by every environment. Everything secret or site-specific comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None, *, required=False):
    value = os.environ.get(name, default)
    if required and not value:
        raise ImproperlyConfigured(f"Environment variable {name} must be set")
    return value


def env_bool(name, default=False):
    return str(env(name, str(default))).lower() in {"1", "true", "yes", "on"}


SECRET_KEY = env("DJANGO_SECRET_KEY", required=True)
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = [h for h in env("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h]

DATA_DIR = Path(env("JOBSPOR_DATA_DIR", str(BASE_DIR / "data")))
NODE_MODULES = Path(env("JOBSPOR_NODE_MODULES", str(BASE_DIR / "node_modules")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "jobspor.core",
    "jobspor.accounts",
    "jobspor.audit",
    "jobspor.organisation",
    "jobspor.citizens",
    "jobspor.cases",
    "jobspor.assessments",
    "jobspor.contacts",
    "jobspor.efforts",
    "jobspor.cv",
    "jobspor.followup",
    "jobspor.companies",
    "jobspor.jobs",
    "jobspor.plans",
    "jobspor.mentors",
    "jobspor.placements",
    "jobspor.signing",
    "jobspor.matching",
    "jobspor.interchange",
    "jobspor.demo",
    "jobspor.kpi",
    "jobspor.forecast",
    "jobspor.search",
    "jobspor.portal",
    "jobspor.citizen_portal",
    "jobspor.company_portal",
    "jobspor.documents",
    "jobspor.messaging",
    "jobspor.economy",
    "jobspor.dictation",
    "jobspor.appointments",
    "jobspor.sparring",
    "jobspor.pairs",
    "jobspor.comparison",
    "jobspor.fidelity",
    "jobspor.letters",
    "jobspor.api",
    "jobspor.sso",
    # Django's tasks interface (the backport until Django 6 has it built in) with its database backend.
    "django_tasks",
    "django_tasks_db",
    "jobspor.scheduling",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "jobspor.core.csp.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jobspor.portal.saml.middleware.SamlSessionMiddleware",
    "jobspor.core.locale_middleware.DanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "jobspor.audit.middleware.NoStoreMiddleware",
    "jobspor.audit.middleware.AccessLogContextMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "jobspor.accounts.security.SessionLifetimeMiddleware",
    "jobspor.accounts.security.RequireSecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "jobspor.core.middleware.AuditUnavailableMiddleware",
    "jobspor.core.middleware.DanishMethodNotAllowedMiddleware",
    "jobspor.accounts.session_expiry.KeepExpiredPostMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "jobspor.portal.middleware.PortalSeparationMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Browser hardening (docs/security.md). Content-Security-Policy (django-csp): scripts only from files of this
# site, never inline, never eval (htmx runs with allowEval off, base.html's htmx-config); styles likewise only
# from files of this site: no <style> element and no style="…" attribute in any template (a bar's width is a class
# of percent.css; core/tests/test_hardening.py reads every template). Scripts may still set element.style (CSSOM).
# PDFs carry none (jobspor/core/csp.py). A form may post to this site only; the SAML IdP's endpoints are added for
# its logout.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # the TOTP QR code and drawn signatures are data: URLs
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Further origins a form may lead to (space-separated), e.g. an OpenID provider's logout page.
JOBSPOR_CSP_FORM_ACTION = env("JOBSPOR_CSP_FORM_ACTION", "").split()
# Permissions-Policy: the microphone for dictation on this site; no other powerful feature anywhere.
PERMISSIONS_POLICY = {
    "accelerometer": [], "camera": [], "display-capture": [], "geolocation": [], "gyroscope": [],
    "magnetometer": [], "microphone": ["self"], "midi": [], "payment": [], "usb": [],
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# security.txt (RFC 9116) at /.well-known/security.txt: where to report a vulnerability (a mailto: or https: URL;
# unset, the file is not served and `check --deploy` warns), and the file's expiry (ISO date; default a year on).
JOBSPOR_SECURITY_CONTACT = env("JOBSPOR_SECURITY_CONTACT", "")
JOBSPOR_SECURITY_TXT_EXPIRES = env("JOBSPOR_SECURITY_TXT_EXPIRES", "")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "jobspor" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "jobspor.core.context_processors.employee",
                "jobspor.core.context_processors.session_timeout",
            ],
        },
    }
]

# Database: DATABASE_URL (postgres://… or sqlite:///path); default an embedded SQLite file.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'jobspor.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a writer commits; IMMEDIATE avoids "database is locked" on upgrade.
    # mmap_size: a new connection's own page cache starts empty (a worker's first request, the dashboard's reading
    # threads); reading the file through a memory map takes the pages from the operating system's cache without
    # copying them (a leader's stalled list on 100,000 cases: its scan 220 → 130 ms). JOBSPOR_SQLITE_MMAP_MB=0 turns
    # it off. Each worker keeps its connection for CONN_MAX_AGE (60 s, as on PostgreSQL): opening one per request
    # (schema read, pragmas, a cold page cache) cost every page 12–60 ms over HTTP on the 100,000-case data
    # ("Mine opgaver" 144 → 82 ms, the case list 49 → 27 ms, a 404 page 18 → 6 ms).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                        f"PRAGMA mmap_size={int(env('JOBSPOR_SQLITE_MMAP_MB', '2047')) * 1024 * 1024};",
        "transaction_mode": "IMMEDIATE",
        # A writer waits this long (seconds) for another's commit instead of failing with "database is locked".
        "timeout": 30,
    }
# PostgreSQL: a connection pool in each process (Django 5.1+, psycopg_pool) of at most JOBSPOR_DB_POOL_MAX connections
# instead of one kept connection per process (docs/deploy.md, "Connection pooling"; pgbouncer is the other way).
JOBSPOR_DB_POOL_MAX = int(env("JOBSPOR_DB_POOL_MAX", "0"))
if JOBSPOR_DB_POOL_MAX and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1, "max_size": JOBSPOR_DB_POOL_MAX, "timeout": int(env("JOBSPOR_DB_POOL_TIMEOUT", "10"))}
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps the connections; Django must not hold one as well
# Management information (KPIs, dashboards, the production chain) may read from a replica: set
# JOBSPOR_KPI_DATABASE_URL and those reads go to the alias "kpi"; writes always go to "default".
JOBSPOR_KPI_DATABASE = "default"
# The dashboard's independent tables are read side by side, this many at a time (jobspor/kpi/concurrent.py); each
# uses a database connection of its own while the page is made. 1: one after the other.
JOBSPOR_KPI_THREADS = int(env("JOBSPOR_KPI_THREADS", "4"))
if env("JOBSPOR_KPI_DATABASE_URL", ""):
    DATABASES["kpi"] = dj_database_url.parse(env("JOBSPOR_KPI_DATABASE_URL"), conn_max_age=60)
    DATABASES["kpi"]["TEST"] = {"MIRROR": "default"}
    JOBSPOR_KPI_DATABASE = "kpi"
# PostgreSQL without JIT compilation: the planner costs a management-information read's EXISTS fallbacks as if they
# ran for every case (they run for a few dozen), so it compiled the expressions of a 0.1 s read for 0.45 s. The pages
# answer in well under a second, where JIT does not pay (JOBSPOR_PG_JIT=1 keeps the server's setting).
for _alias in DATABASES.values():
    if _alias["ENGINE"] == "django.db.backends.postgresql" and env("JOBSPOR_PG_JIT", "0") != "1":
        _alias.setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Staff single sign-on with OpenID Connect; inactive unless JOBSPOR_OIDC_CLIENT_ID is set (jobspor/sso/oidc.py).
    "jobspor.sso.oidc.StaffOIDCBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "jobspor.accounts.passwords.DanishCommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"  # each role starts where its work is (core.views.home)
LOGOUT_REDIRECT_URL = "accounts:login"

# Lock-out after repeated failures (django-axes): per user name AND source address, for 30 minutes, so nobody
# can lock a colleague out from outside; failures from one address over all user names are capped as well
# (password spraying; jobspor/accounts/throttle.py). Wrong one-time codes count as failures.
AXES_FAILURE_LIMIT = int(env("JOBSPOR_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(env("JOBSPOR_LOGIN_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
JOBSPOR_LOGIN_IP_FAILURE_LIMIT = int(env("JOBSPOR_LOGIN_IP_FAILURE_LIMIT", "50"))
# A second factor (TOTP) for every staff login, the admin site included (jobspor/accounts/security.py).
JOBSPOR_REQUIRE_TOTP = env("JOBSPOR_REQUIRE_TOTP", "0") == "1"
# Besides the idle timeout below: a session ends this many hours after login at the latest.
JOBSPOR_SESSION_MAX_HOURS = float(env("JOBSPOR_SESSION_MAX_HOURS", "10"))
# Behind a reverse proxy: how many proxies append to X-Forwarded-For (nginx in front of gunicorn: 1), so the
# throttling above counts the client's address, not the proxy's (jobspor/core/client_ip.py).
JOBSPOR_PROXY_COUNT = int(env("JOBSPOR_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "jobspor.core.client_ip.client_ip"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Single sign-on callbacks have no password to guess: not counted or locked by axes (jobspor/sso/oidc.py).
AXES_WHITELIST_CALLABLE = "jobspor.sso.oidc.not_a_password_login"

# Sessions expire when idle: every request renews the idle timer.
SESSION_COOKIE_AGE = int(env("JOBSPOR_SESSION_IDLE_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
CSRF_FAILURE_VIEW = "jobspor.core.views.csrf_failure"  # a Danish page, not Django's English one

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "jobspor" / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    ("dkfds", NODE_MODULES / "dkfds" / "dist"),
    ("htmx", NODE_MODULES / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Personal data
JOBSPOR_ACCESS_LOG_RETENTION_DAYS = int(env("JOBSPOR_ACCESS_LOG_RETENTION_DAYS", "396"))  # 13 months

# Scheduled work (jobspor/scheduling): tasks queue in the database; `jobspor worker` runs them and the schedule.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
JOBSPOR_TASK_MAX_ATTEMPTS = int(env("JOBSPOR_TASK_MAX_ATTEMPTS", "3"))  # a failing job is tried this many times
JOBSPOR_TASK_RETRY_SECONDS = int(env("JOBSPOR_TASK_RETRY_SECONDS", "60"))  # then waits 1, 5, 25 … minutes
# A run still "running" this long after it started is taken for a worker that was killed: it is failed and retried
# (a job may set its own limit, schedule.py). Well above the longest job.
JOBSPOR_TASK_STALE_MINUTES = int(env("JOBSPOR_TASK_STALE_MINUTES", "60"))
# Finished runs (and the queue's finished rows) are deleted after this many days; a failure nobody has retried stays.
JOBSPOR_TASK_RUN_RETENTION_DAYS = int(env("JOBSPOR_TASK_RUN_RETENTION_DAYS", "90"))
JOBSPOR_SCHEDULE_OFF = env("JOBSPOR_SCHEDULE_OFF", "")  # job names the worker leaves out, comma-separated

# The audit trail's hash chains (docs/audit.md): how far a row's time may lie before the previous row's (writers
# stamp the time before they take the chain's lock) before `jobspor audit verify` calls it back-dated.
JOBSPOR_AUDIT_CHAIN_SKEW_SECONDS = int(env("JOBSPOR_AUDIT_CHAIN_SKEW_SECONDS", "60"))
# PostgreSQL: the application may run as a role that can only INSERT and SELECT the audit tables; `jobspor migrate`
# (and `jobspor audit grant_app_role`) then connect as the owner, with the user and password of this URL.
JOBSPOR_MIGRATE_DATABASE_URL = env("JOBSPOR_MIGRATE_DATABASE_URL", "")
# That application role: `jobspor migrate` grants it its rights again after every migration (new tables).
JOBSPOR_DATABASE_APP_ROLE = env("JOBSPOR_DATABASE_APP_ROLE", "")
JOBSPOR_PAGE_SIZE = 25
# A case is stalled with no contact for this many days (kpi.md: 30) — and, before the citizen is in a company
# placement, already after JOBSPOR_STALLED_BEFORE_PLACEMENT_DAYS (seed 004: weekly contact until the placement).
JOBSPOR_STALLED_DAYS = int(env("JOBSPOR_STALLED_DAYS", "30"))
JOBSPOR_STALLED_BEFORE_PLACEMENT_DAYS = int(env("JOBSPOR_STALLED_BEFORE_PLACEMENT_DAYS", "7"))
# Virksomhedsindgang: a week of hours is due this many days after its Monday (7: the Monday after the week).
JOBSPOR_HOURS_DUE_DAYS = int(env("JOBSPOR_HOURS_DUE_DAYS", "7"))
# "Hvem har set mine oplysninger" on Min side: whether the citizen sees the employee's name beside the
# organisation unit and role (a municipality's decision, CJEU C-579/21).
JOBSPOR_ACCESS_LOG_SHOW_NAMES = env_bool("JOBSPOR_ACCESS_LOG_SHOW_NAMES", False)

# Self-service portals: demo logins without MitID (make run only; production settings turn them off).
JOBSPOR_DEMO_LOGINS = env_bool("JOBSPOR_DEMO_LOGINS", False)

# Dictation (jobspor/dictation): a speech-to-text server speaking the OpenAI transcription API (self-hosted
# faster-whisper / whisper.cpp). Unset: no "Diktér" button anywhere. Audio is never stored, only passed through.
JOBSPOR_SPEECH_URL = env("JOBSPOR_SPEECH_URL", "")  # base URL, e.g. http://whisper.intern:8000
JOBSPOR_SPEECH_MODEL = env("JOBSPOR_SPEECH_MODEL", "whisper-1")
JOBSPOR_SPEECH_API_KEY = env("JOBSPOR_SPEECH_API_KEY", "")  # sent as a Bearer token, if set
JOBSPOR_SPEECH_TIMEOUT_SECONDS = int(env("JOBSPOR_SPEECH_TIMEOUT_SECONDS", "25"))  # under gunicorn's 30 s
JOBSPOR_SPEECH_MAX_SECONDS = int(env("JOBSPOR_SPEECH_MAX_SECONDS", "120"))  # the browser stops here
JOBSPOR_SPEECH_MAX_BYTES = int(env("JOBSPOR_SPEECH_MAX_MB", "8")) * 1024 * 1024

# MitID / MitID Erhverv through NemLog-in (SAML, jobspor/portal/saml). Unset: no MitID button, the /saml/ pages say
# it is not set up, everything else works as before.
JOBSPOR_SAML_ENTITY_ID = env("JOBSPOR_SAML_ENTITY_ID", "")  # this SP's entity id, as registered at NemLog-in
JOBSPOR_SAML_IDP_METADATA = env("JOBSPOR_SAML_IDP_METADATA", "")  # path(s) of the IdP's metadata, comma-separated
JOBSPOR_SAML_KEY_FILE = env("JOBSPOR_SAML_KEY_FILE", "")  # the SP's private key (PEM): signs, decrypts
JOBSPOR_SAML_CERT_FILE = env("JOBSPOR_SAML_CERT_FILE", "")  # its certificate (PEM), as in the SP's metadata
JOBSPOR_SAML_BASE_URL = env("JOBSPOR_SAML_BASE_URL", "")  # e.g. https://jobspor.kommune.dk (default: the request's)
JOBSPOR_SAML_IDP_ENTITY_ID = env("JOBSPOR_SAML_IDP_ENTITY_ID", "")  # which IdP of the metadata (if several)
JOBSPOR_SAML_ERHVERV_IDP_ENTITY_ID = env("JOBSPOR_SAML_ERHVERV_IDP_ENTITY_ID", "")  # MitID Erhverv's, if another
JOBSPOR_SAML_CLOCK_SKEW_SECONDS = int(env("JOBSPOR_SAML_CLOCK_SKEW_SECONDS", "60"))
# djangosaml2: the SAML session's own cookie (it must reach /saml/acs/ on NemLog-in's cross-site POST; production
# sends it SameSite=None over HTTPS). Logins go to NemLog-in by the redirect binding.
SAML_SESSION_COOKIE_NAME = "jobspor_saml"
SAML_SESSION_COOKIE_SAMESITE = "Lax"
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
SAML_LOGOUT_REQUEST_PREFERRED_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
SAML_CONFIG_LOADER = "jobspor.portal.saml.config.sp_config"
# djangosaml2 widens form-action to https: on its auto-posting pages (its django-csp handler).
# Staff single sign-on (jobspor/sso, docs/sso.md). OpenID Connect against the municipality's identity provider
# (Entra ID, AD FS): unset client id → no "Log ind med kommunens login" button, nothing changes. Either the discovery
# URL or the endpoints (explicit endpoints win over discovery).
JOBSPOR_OIDC_CLIENT_ID = env("JOBSPOR_OIDC_CLIENT_ID", "")
JOBSPOR_OIDC_CLIENT_SECRET = env("JOBSPOR_OIDC_CLIENT_SECRET", "")
JOBSPOR_OIDC_DISCOVERY_URL = env("JOBSPOR_OIDC_DISCOVERY_URL", "")  # …/.well-known/openid-configuration
JOBSPOR_OIDC_ISSUER = env("JOBSPOR_OIDC_ISSUER", "")  # the ID token's iss must be this (default: discovery's)
JOBSPOR_OIDC_AUTHORIZATION_ENDPOINT = env("JOBSPOR_OIDC_AUTHORIZATION_ENDPOINT", "")
JOBSPOR_OIDC_TOKEN_ENDPOINT = env("JOBSPOR_OIDC_TOKEN_ENDPOINT", "")
JOBSPOR_OIDC_USERINFO_ENDPOINT = env("JOBSPOR_OIDC_USERINFO_ENDPOINT", "")  # optional: claims added to the ID token's
JOBSPOR_OIDC_JWKS_URI = env("JOBSPOR_OIDC_JWKS_URI", "")
# "Log af" after an OIDC login also ends the provider's session here (default: discovery's end_session_endpoint).
JOBSPOR_OIDC_END_SESSION_ENDPOINT = env("JOBSPOR_OIDC_END_SESSION_ENDPOINT", "")
JOBSPOR_OIDC_SIGN_ALGO = env("JOBSPOR_OIDC_SIGN_ALGO", "RS256")
JOBSPOR_OIDC_SCOPES = env("JOBSPOR_OIDC_SCOPES", "openid email profile")
JOBSPOR_OIDC_GROUPS_CLAIM = env("JOBSPOR_OIDC_GROUPS_CLAIM", "groups")  # Entra ID: groups or roles; AD FS: group
JOBSPOR_OIDC_CLOCK_SKEW_SECONDS = int(env("JOBSPOR_OIDC_CLOCK_SKEW_SECONDS", "60"))
JOBSPOR_OIDC_TIMEOUT_SECONDS = int(env("JOBSPOR_OIDC_TIMEOUT_SECONDS", "10"))
# SSO logins rely on the identity provider's MFA; with this on, the ID token must show it (amr or acr).
JOBSPOR_OIDC_REQUIRE_MFA = env_bool("JOBSPOR_OIDC_REQUIRE_MFA", False)
JOBSPOR_OIDC_MFA_AMR = env("JOBSPOR_OIDC_MFA_AMR", "mfa")  # amr values that count as MFA (comma-separated)
JOBSPOR_OIDC_MFA_ACR = env("JOBSPOR_OIDC_MFA_ACR", "")  # acr values that count as MFA (comma-separated)
# A first SSO login of someone Jobspor does not know (by subject or e-mail) creates the employee; 0: refused.
JOBSPOR_SSO_CREATE_STAFF = env_bool("JOBSPOR_SSO_CREATE_STAFF", True)
# KOMBIT's Context Handler (SAML) for staff: a second SP entity beside NemLog-in's (jobspor/portal/saml/staff.py).
JOBSPOR_KOMBIT_ENTITY_ID = env("JOBSPOR_KOMBIT_ENTITY_ID", "")  # this SP's entity id as registered at KOMBIT
JOBSPOR_KOMBIT_IDP_METADATA = env("JOBSPOR_KOMBIT_IDP_METADATA", "")  # path of the Context Handler's metadata
JOBSPOR_KOMBIT_KEY_FILE = env("JOBSPOR_KOMBIT_KEY_FILE", "")  # default: JOBSPOR_SAML_KEY_FILE
JOBSPOR_KOMBIT_CERT_FILE = env("JOBSPOR_KOMBIT_CERT_FILE", "")  # default: JOBSPOR_SAML_CERT_FILE
JOBSPOR_KOMBIT_CVR = env("JOBSPOR_KOMBIT_CVR", "")  # the municipality's CVR: only privileges scoped to it count
# Documents on cases (uploaded by staff, attached to messages): kept OUTSIDE the web root under random names,
# never served by a static or media URL, read only through views that check access and write the access log.
JOBSPOR_DOCUMENTS_DIR = Path(env("JOBSPOR_DOCUMENTS_DIR", str(DATA_DIR / "documents")))
JOBSPOR_DOCUMENT_MAX_BYTES = int(env("JOBSPOR_DOCUMENT_MAX_MB", "10")) * 1024 * 1024
# File-name endings accepted (each checked against the sniffed content; see jobspor/documents/files.py).
JOBSPOR_DOCUMENT_TYPES = [t.strip().lower() for t in env(
    "JOBSPOR_DOCUMENT_TYPES", "pdf,jpg,jpeg,png,heic,tif,tiff,docx,xlsx,odt,ods").split(",") if t.strip()]
# Retention per document type in years after the case is closed, overriding the shipped defaults
# (jobspor/documents/retention.py), e.g. "helbred=2,andet=5".
JOBSPOR_DOCUMENT_RETENTION_YEARS = {
    k.strip(): int(v) for k, v in (p.split("=", 1) for p in env("JOBSPOR_DOCUMENT_RETENTION_YEARS", "").split(",")
                                   if "=" in p)}
# Letters (jobspor/letters): how they leave Jobspor. "outbox" writes each letter's PDF and MeMo message to a folder
# (make run; a person or another system takes them from there); "digital_post" sends them as Digital Post through
# Serviceplatformen's SF1601 (KombiPostAfsend) with the municipality's OCES system certificate.
JOBSPOR_LETTER_TRANSPORT = env("JOBSPOR_LETTER_TRANSPORT", "outbox")
JOBSPOR_LETTER_OUTBOX_DIR = Path(env("JOBSPOR_LETTER_OUTBOX_DIR", str(DATA_DIR / "outbox")))
JOBSPOR_LETTER_SENDER_CVR = env("JOBSPOR_LETTER_SENDER_CVR", "")  # the municipality's CVR (MeMo sender)
JOBSPOR_LETTER_SENDER_NAME = env("JOBSPOR_LETTER_SENDER_NAME", "Jobcentret")
JOBSPOR_DIGITAL_POST_CERT_FILE = env("JOBSPOR_DIGITAL_POST_CERT_FILE", "")  # OCES3 certificate + key, one PEM file
JOBSPOR_DIGITAL_POST_TEST = env_bool("JOBSPOR_DIGITAL_POST_TEST", False)  # Serviceplatformen's test environment
JOBSPOR_DIGITAL_POST_URL = env("JOBSPOR_DIGITAL_POST_URL", "")  # another Serviceplatformen address (tests)
# The jobcentre's answer promise to citizens and companies (hours on weekdays); shown on the portals and measured.
JOBSPOR_ANSWER_PROMISE_HOURS = int(env("JOBSPOR_ANSWER_PROMISE_HOURS", "24"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("JOBSPOR_LOG_LEVEL", "WARNING")},
}
# Lock-out is per user name on purpose: a jobcentre's staff share one public IP address.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# Test praksis (jobspor/fidelity): a team's self-assessment cycle in months, counted from 1 January (1, 2, 3, 4, 6
# or 12; default a calendar quarter). Past cycles keep the length they had.
JOBSPOR_FIDELITY_CYCLE_MONTHS = int(env("JOBSPOR_FIDELITY_CYCLE_MONTHS", "3"))

# The integration API (/api/v1/, jobspor/api): JSON only, bearer tokens of integrating systems, a scope per
# endpoint, bounded pages, errors in one Danish shape; its OpenAPI 3.1 description is committed as docs/openapi.yaml.
# /api/v1/token/: refused client secrets (jobspor/api/services.py token_throttled). N failures for one client id
# from one address refuse that pair; M from one address over all client ids refuse the address; both for the
# cool-off period (sliding). A system's correct secret from another address is never held up.
JOBSPOR_API_TOKEN_FAILURE_LIMIT = int(env("JOBSPOR_API_TOKEN_FAILURE_LIMIT", "10"))
JOBSPOR_API_TOKEN_IP_FAILURE_LIMIT = int(env("JOBSPOR_API_TOKEN_IP_FAILURE_LIMIT", "50"))
JOBSPOR_API_TOKEN_COOLOFF_MINUTES = int(env("JOBSPOR_API_TOKEN_COOLOFF_MINUTES", "15"))
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["jobspor.api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["jobspor.api.permissions.HasScope"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "jobspor.api.negotiation.JsonOnly",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "jobspor.api.pagination.Pages",
    "DEFAULT_SCHEMA_CLASS": "jobspor.api.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "jobspor.api.errors.exception_handler",
    "DEFAULT_METADATA_CLASS": None,  # OPTIONS answers 405: the OpenAPI description is the documentation
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Jobspor API",
    "DESCRIPTION": "Integrationer med Jobspor: sager, CV, planer, virksomhedsforløb, timer, jobåbninger, "
                   "virksomheder og nøgletal. Se docs/api.md.",
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "JobKindEnum": "jobspor.jobs.choices.JobKind",
        "PlacementKindEnum": "jobspor.placements.choices.PlacementKind",
        "PlacementStatusEnum": "jobspor.placements.choices.PlacementStatus",
        "JobStatusEnum": "jobspor.jobs.choices.JobStatus",
        "HoursStatusEnum": "jobspor.placements.choices.HoursStatus",
        "OpeningWriteStatusEnum": "jobspor.api.serializers.OPENING_WRITE_STATUS",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "jobspor.api.schema.bounded_ids"],
}
