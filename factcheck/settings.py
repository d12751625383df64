"""Settings for factcheck: one module, configured by environment variables (see README)."""

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Off unless asked for: the README's run command sets DEBUG=true for local use.
DEBUG = env_bool("DEBUG")
# The fallback key is for local runs and tests only; `check --deploy` flags it.
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-local-development-key-not-for-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "factcheck.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "django_tasks_db",
    "factcheck.claims",
    "factcheck.accounts",
]

# Long work (a folder's backlog imported) runs in background workers: Django's tasks framework, with
# django-tasks-db keeping the queue in the database, so any number of `manage.py db_worker` share it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Django's, made to bring a reviewer whose session ended back to the page and claim they were on.
    "factcheck.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Refuses oversize, non-UTF-8 and NUL-carrying requests before any view or process_view (CSRF's
    # included) reads the body; inside the CSP and security middleware, so its refusals carry their headers.
    "factcheck.middleware.RequestGuardMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

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
                "factcheck.claims.context_processors.queue_count",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.config(default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
db_options = DATABASES["default"].setdefault("OPTIONS", {})
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL + IMMEDIATE: concurrent reviewers wait instead of failing with "database is locked".
    db_options.update(
        init_command="PRAGMA journal_mode=wal; PRAGMA busy_timeout=5000;",
        transaction_mode="IMMEDIATE",
    )
    # Tests use a file, not memory, so threads and the live server get connections of their own, as in use;
    # one per test run, so two runs at once never share it.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"factcheck-test-{os.getpid()}.db")
    }
else:
    # psycopg's pool, per worker process: it keeps DB_POOL_MIN connections open and grows to DB_POOL_MAX
    # under load, closing the extra ones after 10 idle minutes. Pooling requires CONN_MAX_AGE = 0.
    db_options["pool"] = {
        "min_size": int(os.environ.get("DB_POOL_MIN", "1")),
        "max_size": int(os.environ.get("DB_POOL_MAX", "4")),
    }

# A read replica for the read-heavy pages (factcheck/replicas.py): PostgreSQL only, replicated by PostgreSQL.
if replica := os.environ.get("DATABASE_REPLICA_URL"):
    if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        raise ImproperlyConfigured("DATABASE_REPLICA_URL needs PostgreSQL: set DATABASE_URL to the primary.")
    DATABASES["replica"] = dj_database_url.parse(replica)
    DATABASES["replica"]["OPTIONS"] = {"pool": dict(db_options["pool"])} if "pool" in db_options else {}
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # tests read the primary through the alias
    DATABASE_ROUTERS = ["factcheck.replicas.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "factcheck.replicas.ReplicaReadsMiddleware",
    )

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Brute force: five wrong passwords for one username from one address lock that pair out for 15 minutes.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "factcheck.accounts.roles.RoleBackend",  # Django's ModelBackend, with one query for permissions
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# How many reverse proxies (nginx, a load balancer) stand in front; 0 trusts no X-Forwarded-For at all.
NUM_PROXIES = int(os.environ.get("NUM_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "factcheck.accounts.client_ip.client_ip"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "claims:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Behind HTTPS in production: set HTTPS=true (see README, "Serving it in production").
if env_bool("HTTPS"):
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Who publishes the desk's reviews (ClaimReview's `author`), and the page of the desk's website that shows
# an article's reviews ("{article}" is its id). Without that page, a review's `url` is this app's public feed.
DESK_NAME = os.environ.get("DESK_NAME", "The factcheck desk")
DESK_URL = os.environ.get("DESK_URL", "")
DESK_REVIEW_PAGE = os.environ.get("DESK_REVIEW_PAGE", "")

# Largest request body, file parts included, refused from its declared length (RequestGuardMiddleware);
# a body sent without one is cut off at it while it streams (factcheck.wsgi). Articles fit well below it.
REQUEST_BODY_MAX_BYTES = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_BODY_MAX_BYTES
# Kept equal to the request limit, so an upload (bounded by the guard) never goes to a temporary file.
FILE_UPLOAD_MAX_MEMORY_SIZE = REQUEST_BODY_MAX_BYTES
CSRF_FAILURE_VIEW = "factcheck.errors.csrf_failure"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
