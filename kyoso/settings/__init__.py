"""Kyoso settings, read from the environment.

``KYOSO_MODE`` selects the profile: ``demo`` (default: local SQLite, console email, generated
secret key) or ``production`` (refuses to start without ``SECRET_KEY`` and turns on every
transport-security setting that ``manage.py check --deploy`` asks for).
"""

from __future__ import annotations

from pathlib import Path

import environ

from kyoso.core.env import (
    ConfigurationError,
    env_bool,
    env_int,
    env_list,
    env_networks,
    env_str,
    persistent_secret_key,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
MODE = env_str("KYOSO_MODE", "demo")
if MODE not in {"demo", "production"}:
    raise ConfigurationError(f"KYOSO_MODE must be 'demo' or 'production', got {MODE!r}")
PRODUCTION = MODE == "production"

DATA_DIR = Path(env_str("KYOSO_DATA_DIR", str(Path.cwd() / "var"))).resolve()
MEDIA_ROOT = Path(env_str("KYOSO_MEDIA_ROOT", str(DATA_DIR / "media")))
STATIC_ROOT = Path(env_str("KYOSO_STATIC_ROOT", str(DATA_DIR / "static")))

_env = environ.Env()

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ConfigurationError(
            "SECRET_KEY is not set. Production mode refuses to start without it; "
            "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = persistent_secret_key(DATA_DIR)

DEBUG = env_bool("KYOSO_DEBUG", False)
if PRODUCTION and DEBUG:
    raise ConfigurationError("KYOSO_DEBUG cannot be on in production mode.")

# The framework floor of the page benchmark (issue 20): a bare view at /_bench/floor, on only
# while benchmarks/floor.py runs the server; production refuses it.
BENCH_FLOOR = env_bool("KYOSO_BENCH_FLOOR", False)
if PRODUCTION and BENCH_FLOOR:
    raise ConfigurationError("KYOSO_BENCH_FLOOR cannot be on in production mode.")

BASE_URL = env_str("KYOSO_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ConfigurationError("ALLOWED_HOSTS must list the host names Kyoso is served under.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [BASE_URL] if PRODUCTION else [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "rules",
    "django_tasks",
    "django_tasks_db",
    "kyoso.core",
    "kyoso.regions",
    "kyoso.accounts",
    "kyoso.linelogin",
    "kyoso.orgs",
    "kyoso.roles",
    "kyoso.audit",
    "kyoso.sitepages",
    "kyoso.notifications",
    "kyoso.search",
    "kyoso.issues",
    "kyoso.communities",
    "kyoso.events",
    "kyoso.projects",
    "kyoso.missions",
    "kyoso.ledger",
    "kyoso.payments",
    "kyoso.campaigns",
    "kyoso.scheduler",
    "kyoso.screening",
    "kyoso.network",
    "kyoso.hubs",
    "kyoso.concierge",
    "kyoso.matching",
    "kyoso.challenges",
    "kyoso.funding",
    "kyoso.archive",
    "kyoso.kpi",
    "kyoso.evaluation",
    "kyoso.api",
    "kyoso.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kyoso.core.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kyoso.accounts.middleware.TwoFactorEnforcementMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "kyoso.urls"
WSGI_APPLICATION = "kyoso.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kyoso.core.context_processors.site",
                "csp.context_processors.nonce",
            ],
        },
    }
]

# Forms render with an error summary above them (kyoso/core/templates/core/forms/div.html).
FORM_RENDERER = "kyoso.core.forms.FormRenderer"

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'kyoso.sqlite3'}")
DATABASES = {"default": _env.db_url_config(DATABASE_URL)}
_db = DATABASES["default"]
if _db["ENGINE"] == "django.db.backends.sqlite3":
    if _db["NAME"] != ":memory:":
        Path(_db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL + busy timeout + foreign keys, applied by Django 5.2's init_command on every connection;
    # and a page cache of KYOSO_SQLITE_CACHE_MB per connection (SQLite's default is 2 MB: a
    # search reads about a thousand rows of the index's tables, which then come from the
    # operating system's cache one system call a page).
    _sqlite_cache_kib = env_int("KYOSO_SQLITE_CACHE_MB", 64) * 1024
    _db["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000; "
            f"PRAGMA cache_size=-{_sqlite_cache_kib};"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 5,
    }
    # Each web thread keeps its connection (and its page cache) between requests: opening one
    # and running the PRAGMAs above cost more than a small page's queries (issue 20).
    _db.setdefault("CONN_MAX_AGE", env_int("KYOSO_DB_CONN_MAX_AGE", 60))
    _db["CONN_HEALTH_CHECKS"] = True
elif _db["ENGINE"] in {"django.db.backends.postgresql", "django.db.backends.postgresql_psycopg2"}:
    _db["ENGINE"] = "django.db.backends.postgresql"
    _db.setdefault("CONN_MAX_AGE", env_int("KYOSO_DB_CONN_MAX_AGE", 60))
    _db["CONN_HEALTH_CHECKS"] = True
else:
    raise ConfigurationError("DATABASE_URL must point at SQLite or PostgreSQL.")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A read replica (PostgreSQL streaming replica): the few heavy public read selectors wrapped in
# kyoso.core.db_router.use_replica() read from it; writes, anything inside a transaction and
# every request of a browser that wrote in the last KYOSO_REPLICA_PIN_SECONDS stay on the
# primary (docs/scaling.md). Unset: everything reads the one database.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
KYOSO_READ_REPLICA: str | None = None
KYOSO_REPLICA_PIN_SECONDS = env_int("KYOSO_REPLICA_PIN_SECONDS", 10)
if DATABASE_REPLICA_URL:
    if _db["ENGINE"] != "django.db.backends.postgresql":
        raise ConfigurationError("DATABASE_REPLICA_URL needs DATABASE_URL on PostgreSQL.")
    _replica = _env.db_url_config(DATABASE_REPLICA_URL)
    if _replica["ENGINE"] not in {
        "django.db.backends.postgresql",
        "django.db.backends.postgresql_psycopg2",
    }:
        raise ConfigurationError("DATABASE_REPLICA_URL must point at PostgreSQL.")
    _replica["ENGINE"] = "django.db.backends.postgresql"
    _replica.setdefault("CONN_MAX_AGE", _db["CONN_MAX_AGE"])
    _replica["CONN_HEALTH_CHECKS"] = True
    # Tests never create a second test database: the replica is the primary's test database.
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES["replica"] = _replica
    KYOSO_READ_REPLICA = "replica"
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "kyoso.core.db_router.ReplicaPinMiddleware",
    )
DATABASE_ROUTERS = ["kyoso.core.db_router.ReplicaRouter"]

# --- Cache ----------------------------------------------------------------------------------
# The cache holds the sign-in failure counters and the posting rate limits, the home page's
# fragments and their versions (invalidation on write), and with Redis the sessions too.
# The default file cache is shared by every gunicorn worker on one host. Several hosts share
# Redis: REDIS_URL=redis://host:6379/0 (or any CACHE_URL=redis://…; CACHE_URL wins).
REDIS_URL = env_str("REDIS_URL")
CACHE_URL = env_str("CACHE_URL") or REDIS_URL or f"filecache://{DATA_DIR / 'cache'}"
CACHES = {"default": _env.cache_url_config(CACHE_URL)}
_cache_prefix = env_str("KYOSO_CACHE_KEY_PREFIX")
if _cache_prefix:
    CACHES["default"]["KEY_PREFIX"] = _cache_prefix
SHARED_CACHE = CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
# Sessions: in the database (every app process reads them), and with a shared cache read
# through it (cached_db: written to both, read from Redis, the database when Redis lost it).
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if SHARED_CACHE
    else "django.contrib.sessions.backends.db"
)

# --- Email ----------------------------------------------------------------------------------
_email_default = "smtp://localhost:25" if PRODUCTION else "consolemail://"
vars().update(_env.email_url_config(env_str("EMAIL_URL", _email_default)))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kyoso <noreply@kyoso.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
#: Rate limits per client address, shared through the cache (kyoso.core.ratelimit):
#: scope → (attempts, seconds); ``<scope>_account`` counts per signed-in account as well. Posting
#: (issues, comments, board posts, project updates) allows a shared address — a community
#: centre, a school — several active people. Per account also: the login failures below, the
#: issues' comment limit and the network's introductions a day.
KYOSO_RATE_LIMITS = {
    "login": (30, 600),
    "signup": (10, 3600),
    "password_reset": (10, 3600),
    "api_token": (30, 3600),
    "api_token_account": (10, 3600),
    "posting": (60, 600),
    "posting_account": (40, 600),
    "introduction": (30, 3600),
    "introduction_account": (10, 3600),
}
#: The reverse proxies whose ``X-Forwarded-For`` names the client (kyoso.core.http
#: .client_address): the same variable ``kyoso serve`` gives gunicorn, so one setting says
#: which peers are the proxy. Behind a proxy every request comes from the proxy's address;
#: without this the whole region would share one address's rate limits and audit address.
KYOSO_TRUSTED_PROXIES = env_networks("FORWARDED_ALLOW_IPS", ["127.0.0.1", "::1"])
KYOSO_LOGIN_FAILURE_LIMIT = 5
KYOSO_LOGIN_FAILURE_WINDOW = 60
# LINE Login v2.1 (kyoso.linelogin): the authorization page and the API; tests point both at a
# fake server on loopback. The channel id and secret are set by the secretariat on a staff page.
KYOSO_LINE_AUTHORIZE_BASE = env_str("KYOSO_LINE_AUTHORIZE_BASE", "https://access.line.me").rstrip(
    "/"
)
KYOSO_LINE_API_BASE = env_str("KYOSO_LINE_API_BASE", "https://api.line.me").rstrip("/")

# --- Internationalization -------------------------------------------------------------------
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "kyoso_language"
# How dates look, per language, in one place: kyoso/formats/<language>/formats.py.
FORMAT_MODULE_PATH = ["kyoso.formats"]

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
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
WHITENOISE_USE_FINDERS = not PRODUCTION
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 5_242_880

# --- Background tasks -----------------------------------------------------------------------
# Production queues tasks in the database for `kyoso worker`; the demo runs them at once, in the
# request, so that e.g. verification mail shows up on the console without a second process.
TASK_BACKEND = env_str("KYOSO_TASK_BACKEND", "database" if PRODUCTION else "immediate")
if TASK_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
elif TASK_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    raise ConfigurationError("KYOSO_TASK_BACKEND must be 'database' or 'immediate'.")

# --- Security -------------------------------------------------------------------------------
# docs/security.md. Cookies: the session's is HttpOnly and SameSite=Lax; the CSRF cookie stays
# readable by htmx's header in base.html only through the page (CSRF_COOKIE_HTTPONLY keeps
# scripts away from it).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
#: Browser features no page needs are switched off; the camera is the check-in desk's QR scan.
KYOSO_PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(self), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("KYOSO_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("KYOSO_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("KYOSO_HSTS_PRELOAD", True)

# Content-Security-Policy (django-csp 4, decision 0018): nothing inline runs or styles a page
# unless it carries the request's nonce; no template has inline scripts or style attributes
# (kyoso/core/tests/test_security_headers.py checks the templates). Map tiles come from the
# configured tile server; LINE Login's authorization page is a form's redirect target.
from csp.constants import NONCE, NONE, SELF  # noqa: E402


def _origin(url: str) -> str | None:
    """``https://{s}.tile.example.org/{z}/{x}/{y}.png`` → ``https://*.tile.example.org``."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


KYOSO_MAP_TILE_URL = env_str("KYOSO_MAP_TILE_URL", "")
_tile_origin = _origin(KYOSO_MAP_TILE_URL)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", *([_tile_origin] if _tile_origin else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF, KYOSO_LINE_AUTHORIZE_BASE],
        **({"upgrade-insecure-requests": True} if PRODUCTION else {}),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("KYOSO_LOG_LEVEL", "INFO")},
}

# Map tiles: empty shows no tiles (tests, offline); production sets OpenStreetMap's or its own
# (KYOSO_MAP_TILE_URL is read above, next to the Content-Security-Policy that allows its host).
KYOSO_MAP_TILE_ATTRIBUTION = env_str(
    "KYOSO_MAP_TILE_ATTRIBUTION", "&copy; OpenStreetMap contributors"
)
# Hold a new account's first issue for the secretariat's review before it is public.
KYOSO_REVIEW_FIRST_POST = env_bool("KYOSO_REVIEW_FIRST_POST", False)

# Payments (docs/payments.md): the bank account payers transfer to (shown in the 振込
# instructions), and Stripe's keys for card payments (card payments are off without them).
KYOSO_BANK_NAME = env_str("KYOSO_BANK_NAME", "きょうそう銀行")
KYOSO_BANK_BRANCH = env_str("KYOSO_BANK_BRANCH", "本店営業部")
KYOSO_BANK_ACCOUNT_TYPE = env_str("KYOSO_BANK_ACCOUNT_TYPE", "普通")
KYOSO_BANK_ACCOUNT_NUMBER = env_str("KYOSO_BANK_ACCOUNT_NUMBER", "1234567")
KYOSO_BANK_ACCOUNT_HOLDER = env_str("KYOSO_BANK_ACCOUNT_HOLDER", "ｷﾖｳｿｳ ﾁｲｷﾌｱﾝﾄﾞ")
KYOSO_STRIPE_SECRET_KEY = env_str("KYOSO_STRIPE_SECRET_KEY", "")
KYOSO_STRIPE_PUBLISHABLE_KEY = env_str("KYOSO_STRIPE_PUBLISHABLE_KEY", "")
KYOSO_STRIPE_WEBHOOK_SECRET = env_str("KYOSO_STRIPE_WEBHOOK_SECRET", "")

NINJA_PAGINATION_CLASS = "kyoso.api.pagination.KyosoPagination"
NINJA_PAGINATION_PER_PAGE = 20
NINJA_PAGINATION_MAX_LIMIT = 100
