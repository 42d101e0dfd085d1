"""Gotong settings. Every value comes from the environment; `.env.example` lists them all."""

from __future__ import annotations

import os
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("GOTONG_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_str(name: str, default: str) -> str:
    """The variable's value; unset and empty both mean the default."""
    return os.environ.get(name) or default


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-development-key-set-SECRET_KEY-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",  # TOTP and recovery codes: staff must enrol (gotong/accounts/mfa.py)
    "django_htmx",
    "ninja",  # its Swagger UI assets, served from our static files (no CDN)
    # Before django_tasks_db: its `db_worker` command is gotong.core's, with the heartbeat.
    "gotong.core",
    "django_tasks",
    "django_tasks_db",
    "gotong.accounts",
    "gotong.audit",
    "gotong.regions",
    "gotong.ledger",
    "gotong.campaigns",
    "gotong.donations",
    "gotong.payments",
    "gotong.payments.sandbox",
    "gotong.disbursements",
    "gotong.updates",
    "gotong.notifications",
    "gotong.verification",
    "gotong.moderation",
    "gotong.demo",
    "gotong.transparency",
    "gotong.receipts",
    "gotong.search",
    "gotong.seo",
    "gotong.referrals",
    "gotong.recurring",
    "gotong.banktransfer",
    "gotong.inkind",
    "gotong.info",
    "gotong.history",
    "gotong.pages",
    "gotong.opendata",
]

MIDDLEWARE = [
    # Outermost: the request id on every log line, and every answer counted for /metrics.
    "gotong.core.middleware.RequestIdMiddleware",
    "gotong.core.middleware.RequestCountMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "gotong.core.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files, precompressed
    "django.middleware.gzip.GZipMiddleware",  # pages (Django masks CSRF tokens against BREACH)
    # Adds the `?ref=` fundraiser cookie to the answers, from the page cache or not.
    "gotong.referrals.middleware.ReferralMiddleware",
    # Anonymous pages from the cache: a hit skips everything below (gotong/core/pagecache.py).
    "gotong.core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Public pages' GETs may read a replica; other methods pin the browser to the primary.
    "gotong.core.replica_reads.ReplicaMiddleware",
    # Staff without a second factor are sent to enrol it before any staff page (decision 30).
    "gotong.accounts.middleware.StaffMfaMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "gotong" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gotong.core.context_processors.site",
                "gotong.notifications.context_processors.inbox",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'gotong.sqlite3'}")
# Connections are reused: opening a PostgreSQL connection per request halves the settlement
# rate (bench/donations.py). Health checks drop connections the server has closed.
_db = dj_database_url.parse(
    DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
)
if _db["ENGINE"] == "django.db.backends.postgresql":
    # One pool per process instead of one persistent connection per thread: a threaded server
    # (runserver, gunicorn --threads) holds at most DB_POOL_MAX_SIZE connections, and requests
    # beyond it wait up to DB_POOL_TIMEOUT seconds for one (decision 16). Pools need
    # CONN_MAX_AGE 0: a connection goes back to the pool at the end of each request.
    _db["CONN_MAX_AGE"] = 0
    _db["OPTIONS"] = {
        **_db.get("OPTIONS", {}),
        "pool": {
            "min_size": env_int("DB_POOL_MIN_SIZE", 1),
            "max_size": env_int("DB_POOL_MAX_SIZE", 8),
            "timeout": env_int("DB_POOL_TIMEOUT", 10),
        },
    }
elif _db["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while one writer commits; IMMEDIATE transactions take the write
    # lock up front so two writers queue on busy_timeout instead of failing on lock upgrade.
    _db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        # mmap: reads go straight to the operating system's page cache, which outlives the
        # connection (one per request); the search index looks up scattered rows (decision 32).
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            " PRAGMA mmap_size=1073741824;"
        ),
    }
# Tests use a file (not an in-memory) SQLite database so live-server threads get their own
# connections, as production processes do. A suffix lets two test runs share a machine.
_test_suffix = env_str("GOTONG_TEST_DB_SUFFIX", "")
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["TEST"] = {"NAME": str(VAR_DIR / f"test-gotong{_test_suffix}.sqlite3")}
elif _test_suffix:
    _db["TEST"] = {"NAME": f"test_{_db['NAME']}{_test_suffix}"}
DATABASES = {"default": _db}
# Streaming read replicas of a PostgreSQL primary, `replica1`…`replicaN` with the primary's pool
# options. Public pages' GETs read one of them; writes, transactions, a browser's requests just
# after it wrote, and every other page read the primary (decision 28). Ignored on SQLite.
DATABASE_REPLICAS: list[str] = []
if _db["ENGINE"] == "django.db.backends.postgresql":
    for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS", ""), start=1):
        _replica = dj_database_url.parse(_url, conn_max_age=0, conn_health_checks=True)
        # A replica that is down must not hold a page for the primary's pool timeout: it is
        # given DATABASE_REPLICA_TIMEOUT seconds, then left out (gotong.core.routers).
        _replica["OPTIONS"] = {
            **_replica.get("OPTIONS", {}),
            "connect_timeout": env_int("DATABASE_REPLICA_TIMEOUT", 2),
            "pool": {**_db["OPTIONS"]["pool"], "timeout": env_int("DATABASE_REPLICA_TIMEOUT", 2)},
        }
        # Tests read the primary's test database through the replica's server.
        _replica["TEST"] = {"MIRROR": "default"}
        DATABASES[f"replica{_number}"] = _replica
        DATABASE_REPLICAS.append(f"replica{_number}")
DATABASE_ROUTERS = ["gotong.core.routers.ReplicaRouter"]
# Seconds a browser reads the primary after a request that may have written (POST and the like).
DATABASE_REPLICA_PIN_SECONDS = env_int("DATABASE_REPLICA_PIN_SECONDS", 30)
# Seconds a process leaves out a replica it could not reach before trying it again.
DATABASE_REPLICA_RETRY_SECONDS = env_int("DATABASE_REPLICA_RETRY_SECONDS", 30)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Tasks ----------------------------------------------------------------------------------
TASK_BACKEND = env_str("TASK_BACKEND", "django_tasks_db.DatabaseBackend")
TASKS = {"default": {"BACKEND": TASK_BACKEND}}
# Every `db_worker` records that it lives this often; a RUNNING task whose worker has not for
# WORKER_LOST_AFTER_SECONDS is failed and queued again (gotong.audit.reaper).
WORKER_HEARTBEAT_SECONDS = env_int("WORKER_HEARTBEAT_SECONDS", 15)
WORKER_LOST_AFTER_SECONDS = env_int("WORKER_LOST_AFTER_SECONDS", 120)

# --- Auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "gotong.accounts.forms.SignupForm"
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# Who confirms in the browser they signed up in is signed in and lands on the dashboard.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_ADAPTER = "gotong.accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Gotong] "
ACCOUNT_FORMS = {
    "login": "gotong.accounts.entrance.LoginForm",
    "signup": "gotong.accounts.entrance.SignupForm",
    "reset_password": "gotong.accounts.entrance.ResetPasswordForm",
    "reset_password_from_key": "gotong.accounts.entrance.ResetPasswordKeyForm",
    "change_password": "gotong.accounts.entrance.ChangePasswordForm",
}
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
MFA_ADAPTER = "gotong.accounts.mfa.MfaAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Gotong"
LOGIN_REDIRECT_URL = "campaigns:dashboard"
LOGIN_URL = "account_login"

# --- Email ----------------------------------------------------------------------------------
# Console by default (printed by the web and worker processes); for SMTP set
# EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and the EMAIL_HOST_* below.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Gotong <noreply@gotong.local>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS (STARTTLS) or EMAIL_USE_SSL, not both")
# Seconds before an SMTP connection attempt or send gives up (Django's default waits forever).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)

# --- I18N -----------------------------------------------------------------------------------
# Indonesian at the root, English under /en/ (config/urls.py, decision 15). Each language is
# named in itself, as the switcher shows it. Catalogs: locale/<lang>/LC_MESSAGES/django.po,
# compiled to .mo by `make install` (pure Python, Babel).
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates per language (gotong/formats/<lang>/formats.py): "27 November 2026" in Indonesian,
# "November 27, 2026" in English; the thousands separator there is what `rupiah` uses.
FORMAT_MODULE_PATH = ["gotong.formats"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)  # /media/ streamed from the default storage
# Identity documents (KTP, selfie) on disk: never under MEDIA_ROOT, never served by URL.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Uploads on disk unless STORAGE_S3_BUCKET names an S3-compatible bucket (decision 31): public
# uploads under its prefix public/, identity documents under private/ in STORAGE_S3_PRIVATE_BUCKET
# (default: the same bucket). Neither needs public access: the platform streams /media/.
STORAGE_S3_BUCKET = env_str("STORAGE_S3_BUCKET", "")
_s3_endpoint = env_str("STORAGE_S3_ENDPOINT_URL", "") or None
_s3 = {
    "endpoint_url": _s3_endpoint,
    "access_key": env_str("STORAGE_S3_ACCESS_KEY_ID", "") or None,
    "secret_key": env_str("STORAGE_S3_SECRET_ACCESS_KEY", "") or None,
    "region_name": env_str("STORAGE_S3_REGION", "") or None,
    # S3-compatible servers (MinIO, Garage, Ceph) name the bucket in the path.
    "addressing_style": "path" if _s3_endpoint else None,
    "file_overwrite": False,  # two uploads with one name both stay, as on disk
    "default_acl": None,  # objects follow the bucket's policy, never public-read on their own
    "querystring_auth": False,
}
_upload_storages = (
    {
        "default": {
            "BACKEND": "gotong.core.storage.PublicS3Storage",
            "OPTIONS": {**_s3, "bucket_name": STORAGE_S3_BUCKET, "location": "public"},
        },
        "private": {
            "BACKEND": "gotong.core.storage.PrivateS3Storage",
            "OPTIONS": {
                **_s3,
                "bucket_name": env_str("STORAGE_S3_PRIVATE_BUCKET", "") or STORAGE_S3_BUCKET,
                "location": "private",
            },
        },
    }
    if STORAGE_S3_BUCKET
    else {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {"BACKEND": "gotong.core.storage.PrivateFileSystemStorage"},
    }
)
STORAGES = {
    **_upload_storages,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Security (docs/decisions/0029-security-headers.md) -----------------------------------------
# The defaults suit `make run` on plain http; .env.example gives the production values.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# Strict-Transport-Security, sent on https answers only (0: not sent).
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Proxies in front of the app that append the client's address to X-Forwarded-For (0: none,
# the client is REMOTE_ADDR). Rate limits count per client address (gotong/core/ratelimit.py).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# No inline scripts or styles anywhere; JSON-LD (<script type="application/ld+json">) is data
# and never executed, so script-src does not apply to it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # blob: the preview a page draws of a photo the person has chosen, before it is sent.
        "img-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Browser features no page uses, switched off (copying and sharing links keep their default,
# this site only; Chromium warns in the console about features it does not know).
PERMISSIONS_POLICY = dict.fromkeys(
    (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    ),
    "()",
)


def _rate(name: str, default: str) -> tuple[int, int]:
    """A rate limit `COUNT/SECONDS` from the environment (COUNT 0: no limit)."""
    text = env_str(name, default)
    count, _, seconds = text.partition("/")
    try:
        limit = (int(count), int(seconds))
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be COUNT/SECONDS, got {text!r}") from exc
    if limit[0] < 0 or limit[1] <= 0:
        raise ImproperlyConfigured(f"{name} needs COUNT >= 0 and SECONDS > 0, got {text!r}")
    return limit


# Public writes each client address may make per window, by scope (web pages and API alike).
RATE_LIMITS = {
    "donation": _rate("RATE_LIMIT_DONATION", "20/600"),
    "pledge": _rate("RATE_LIMIT_PLEDGE", "10/3600"),
    "delivery": _rate("RATE_LIMIT_DELIVERY", "30/3600"),
    "report": _rate("RATE_LIMIT_REPORT", "10/3600"),
}

# --- Donations and payments -----------------------------------------------------------------
# Platform fee, in percent (up to two decimals). The law caps a collection's costs at 10%
# (PP 29/1980 art. 6): the platform refuses to start with a higher fee.
_fee_text = env_str("PLATFORM_FEE_PERCENT", "5")
try:
    _fee_bp = Decimal(_fee_text) * 100
except InvalidOperation as exc:
    raise ImproperlyConfigured(f"PLATFORM_FEE_PERCENT must be a number, got {_fee_text!r}") from exc
if not _fee_bp.is_finite() or _fee_bp != _fee_bp.to_integral_value() or _fee_bp < 0:
    raise ImproperlyConfigured(
        "PLATFORM_FEE_PERCENT takes at most two decimals and is not negative"
    )
if _fee_bp > 1_000:
    raise ImproperlyConfigured(
        f"PLATFORM_FEE_PERCENT={_fee_text} exceeds the 10% ceiling for collection costs"
    )
PLATFORM_FEE_BASIS_POINTS = int(_fee_bp)
# Categories that never pay a fee; disaster relief always belongs here.
FEE_ZERO_CATEGORIES = sorted({"bencana-alam", *env_list("FEE_ZERO_CATEGORIES", "")})
DONATION_MIN_AMOUNT = env_int("DONATION_MIN_AMOUNT", 10_000)
DONATION_MAX_AMOUNT = env_int("DONATION_MAX_AMOUNT", 100_000_000)
# How long a donor has to pay before the gateway expires the transaction.
PAYMENT_EXPIRY_MINUTES = env_int("PAYMENT_EXPIRY_MINUTES", 60)
# Gateway plugins switched on (gotong.payments.gateways.PLUGINS); the first is the default.
PAYMENT_GATEWAYS = env_list("PAYMENT_GATEWAYS", "midtrans,transfer")
if not PAYMENT_GATEWAYS:
    raise ImproperlyConfigured("PAYMENT_GATEWAYS names no gateway")
# Manual bank transfer (gateway "transfer"): the foundation's account donors transfer to, and
# how long a unique code stays reserved for one donor.
TRANSFER_BANK_NAME = env_str("TRANSFER_BANK_NAME", "BCA")
TRANSFER_ACCOUNT_NUMBER = env_str("TRANSFER_ACCOUNT_NUMBER", "0000000000")
TRANSFER_ACCOUNT_HOLDER = env_str("TRANSFER_ACCOUNT_HOLDER", "Yayasan Gotong (contoh)")
TRANSFER_VALID_HOURS = env_int("TRANSFER_VALID_HOURS", 24)

# What `manage.py scheduler` enqueues on every tick (tasks of the apps, read by dotted path so
# the core app imports none of them).
SCHEDULER_TASKS = [
    "gotong.payments.tasks.reconcile_pending_donations",
    "gotong.campaigns.tasks.end_expired_campaigns",
    "gotong.transparency.tasks.seal_log",
    "gotong.notifications.tasks.sweep_receipt_emails",
    "gotong.banktransfer.tasks.expire_bank_transfers",
    "gotong.inkind.tasks.expire_needs",
    "gotong.inkind.tasks.lapse_pledges",
    "gotong.info.tasks.expire_info",
    "gotong.info.tasks.remind_info",
    "gotong.recurring.tasks.sweep_plans",
    "gotong.audit.tasks.reap_lost_tasks",
]
# Days a campaigner has, after a payout, to publish the report of use before it is overdue.
USAGE_REPORT_DAYS = env_int("USAGE_REPORT_DAYS", 14)
# Pending donations older than this are asked about through the gateway's status API.
RECONCILE_AFTER_MINUTES = env_int("RECONCILE_AFTER_MINUTES", 15)

# With no keys set, Gotong talks to its built-in sandbox. Real keys select Midtrans' own hosts:
# `SB-Mid-server-…` its sandbox, `Mid-server-…` production. Explicit base URLs override both.
_BUILTIN_SANDBOX_KEY = "SB-Gotong-server-sandbox-key"
MIDTRANS_SERVER_KEY = env_str("MIDTRANS_SERVER_KEY", _BUILTIN_SANDBOX_KEY)
MIDTRANS_CLIENT_KEY = env_str("MIDTRANS_CLIENT_KEY", "SB-Gotong-client-sandbox-key")
if MIDTRANS_SERVER_KEY == _BUILTIN_SANDBOX_KEY:
    _snap_default = _api_default = f"{PUBLIC_BASE_URL}/sandbox/midtrans"
elif MIDTRANS_SERVER_KEY.startswith("SB-"):
    _snap_default = "https://app.sandbox.midtrans.com"
    _api_default = "https://api.sandbox.midtrans.com"
else:
    _snap_default, _api_default = "https://app.midtrans.com", "https://api.midtrans.com"
MIDTRANS_SNAP_BASE_URL = env_str("MIDTRANS_SNAP_BASE_URL", _snap_default).rstrip("/")
MIDTRANS_API_BASE_URL = env_str("MIDTRANS_API_BASE_URL", _api_default).rstrip("/")
MIDTRANS_HTTP_TIMEOUT = env_int("MIDTRANS_HTTP_TIMEOUT", 15)
# The donation form's answer redirects to Snap, the donasi rutin form's to GoPay's linking page
# (under the Core API's host), and browsers hold those redirects to form-action.
for _base in (MIDTRANS_SNAP_BASE_URL, MIDTRANS_API_BASE_URL):
    _origin = "{0.scheme}://{0.netloc}".format(urlsplit(_base))
    if _origin not in CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"]:
        CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(_origin)
# The built-in sandbox is mounted at /sandbox/midtrans/ while no real keys are configured.
SANDBOX_ENABLED = env_bool("SANDBOX_ENABLED", MIDTRANS_SERVER_KEY == _BUILTIN_SANDBOX_KEY)
if SANDBOX_ENABLED:  # the sandbox makes its subscriptions' scheduled charges (decision 35)
    SCHEDULER_TASKS.append("gotong.payments.sandbox.tasks.charge_due_subscriptions")

# Seconds between polls of the live campaign total, and how long the fragment is cached.
LIVE_TOTAL_POLL_SECONDS = env_int("LIVE_TOTAL_POLL_SECONDS", 5)
LIVE_TOTAL_CACHE_SECONDS = env_int("LIVE_TOTAL_CACHE_SECONDS", 3)
# Anonymous home, list and campaign pages: at most this stale (0: no page cache).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 10)

# --- The foundation, its legal pages and personal data ----------------------------------------
# The foundation (yayasan) that operates this instance, shown in the footer and on the legal
# pages (/tentang/, /syarat/, /privasi/, /kontak/).
FOUNDATION_NAME = env_str("FOUNDATION_NAME", "Yayasan Gotong (contoh)")
FOUNDATION_ADDRESS = env_str("FOUNDATION_ADDRESS", "Jl. Contoh No. 1, Jakarta 10110")
# Number of the foundation's fundraising permit (izin PUB, Penyelenggaraan Pengumpulan Uang atau
# Barang, UU 9/1961), shown in every page's footer. Empty: the footer says it is not filled in.
FOUNDATION_PUB_PERMIT = env_str("FOUNDATION_PUB_PERMIT", "")
CONTACT_EMAIL = env_str("CONTACT_EMAIL", "halo@gotong.local")
# The data protection officer (pejabat pelindungan data pribadi, UU 27/2022 art. 53).
DPO_NAME = env_str("DPO_NAME", "Petugas Pelindungan Data")
DPO_EMAIL = env_str("DPO_EMAIL", "privasi@gotong.local")
# How long personal data is kept (the privacy page states them; the DPO erases after them).
# Financial records (donations with the name and email given, payouts' bank accounts): 10 years,
# the legal minimum for financial records (UU 8/1997 on company documents, art. 11).
RETENTION_FINANCIAL_YEARS = env_int("RETENTION_FINANCIAL_YEARS", 10)
# Identity documents (KTP, selfie) and the phone number of a campaigner's verification, counted
# from the end of their last campaign.
RETENTION_KYC_YEARS = env_int("RETENTION_KYC_YEARS", 5)
# WhatsApp numbers and place details of needs, offers and pledges, counted from their closing.
RETENTION_CONTACT_DAYS = env_int("RETENTION_CONTACT_DAYS", 180)

# --- Transparency log -----------------------------------------------------------------------
# Base64 of the raw 32-byte Ed25519 key that signs tree heads. Empty: a key is generated into
# VAR_DIR/log-signing-key (mode 0600) on first use. docs/transparency.md
LOG_SIGNING_KEY = env_str("LOG_SIGNING_KEY", "")
# A settlement asks for a seal this many seconds after its commit; every settlement within
# that window joins the same seal (transparency.tasks.log_seal_request).
LOG_SEAL_DELAY_SECONDS = env_int("LOG_SEAL_DELAY_SECONDS", 5)

# Bearer token /metrics asks for. Unset: /metrics answers only scrapers on this machine
# (127.0.0.1, not through a proxy). gotong/core/metrics.py
METRICS_TOKEN = env_str("METRICS_TOKEN", "")
# gunicorn with several workers: the folder where prometheus_client keeps their counters (it
# reads the variable itself; empty it at each start).
PROMETHEUS_MULTIPROC_DIR = env_str("PROMETHEUS_MULTIPROC_DIR", "")

# `text` (Python's default lines) or `json` (one object per line: time, level, logger, message,
# request_id inside a request).
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, got {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "gotong.core.logs.RequestIdFilter"}},
    "formatters": {"json": {"()": "gotong.core.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
    },
}
