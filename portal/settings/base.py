"""Settings shared by every mode. Every deployment choice is read from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "portal"

# The search scores with numpy (search/docsets.py) and makes no BLAS call: one OpenBLAS thread,
# so that gunicorn's master starts no thread pool before it forks, nor each worker its buffers.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps, in dependency order: load_demo and data export walk them in this order.
    "core",
    "accounts",
    "portal",
    "library",
    "courses",
    "courses.drills",
    "events",
    "consult",
    "rectification",
    "search",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "wagtailmedia",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_q",
    # allauth
    "allauth",
    "allauth.account",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.security.SiteCSPMiddleware",
    "core.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.security.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Locales and view restrictions read once a request (around everything that may ask).
    "core.request_memo.RequestMemoMiddleware",
    # The Wagtail site of the request's host, from the cache (Wagtail queries for it each time).
    "core.sites.CachedSiteMiddleware",
    # Chinese unless the visitor chose English (never the browser's Accept-Language).
    "core.i18n.ChosenLanguageMiddleware",
    # After the language middleware (the key needs the language); it reads cookies only.
    "core.cache.AnonymousPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

# Content-Security-Policy (django-csp; see core/security.py for the admin's additions).
# Media from object storage or a CDN (an absolute MEDIA_URL) is allowed by its origin;
# CSP_FRAME_SOURCES lists the video platforms editors may embed in pages.
CSP_MEDIA_ORIGINS = []  # filled below from MEDIA_URL
CSP_FRAME_SOURCES = env_list("CSP_FRAME_SOURCES")

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# Database: SQLite in the project by default, PostgreSQL (or any) from DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web server and the django-q2 worker share the file.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Internationalisation: Simplified Chinese first, English second.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
# Chinese dates read 2026年12月3日 星期四 09:00 (portal/formats/zh_Hans); English keeps Django's.
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
if MEDIA_URL.startswith(("http://", "https://")):
    CSP_MEDIA_ORIGINS = ["/".join(MEDIA_URL.split("/", 3)[:3])]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Files that belong to someone (attachments, evidence): outside MEDIA_ROOT, served by
# permission-checked views; PRIVATE_FILES_SERVE = django | x-accel-redirect | x-sendfile
# (the proxy maps PRIVATE_FILES_INTERNAL_URL to PRIVATE_MEDIA_ROOT, internal only).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
PRIVATE_FILES_SERVE = os.environ.get("PRIVATE_FILES_SERVE", "django")
PRIVATE_FILES_INTERNAL_URL = os.environ.get("PRIVATE_FILES_INTERNAL_URL", "/_private/")
# The app serves uploaded media itself (with byte ranges for video) unless a proxy or
# object storage does.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # Object storage for media, only when configured (needs django-storages[s3] installed).
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:", *CSP_MEDIA_ORIGINS],
        "media-src": ["'self'", "blob:", *CSP_MEDIA_ORIGINS],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", *CSP_FRAME_SOURCES],
        "frame-ancestors": ["'self'"],  # Wagtail's preview shows the page in an admin iframe
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Powerful browser features: none, except the camera for the check-in desk's QR scanner.
PERMISSIONS_POLICY = {
    "camera": ["self"],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
    "serial": [],
    "bluetooth": [],
    "browsing-topics": [],
}

# Files
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Wagtail
WAGTAIL_SITE_NAME = "合规学堂"
# No outside avatar service (it is unreachable for many users and outside the CSP): users
# without an uploaded avatar get Wagtail's default one.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor a call home for new releases from every editor's dashboard: upgrades are planned.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Autosave off: Wagtail 8's autosave request races a moderator's workflow action and can save
# the page back as not live (core/wagtail_hooks.py refuses stray autosave posts as well).
WAGTAIL_AUTOSAVE_INTERVAL = 0
# Wagtail's sign-in form with Chinese labels for the fields it leaves unlabelled.
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.admin_forms.AdminLoginForm"
# The public address: links in emails and PDFs (core.emails.site_url) and Wagtail's admin.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "zip"]
# Extension, declared type and content must agree; zips and Office files have an inflate bound.
# Documents only through Wagtail's serve view, so collection privacy holds (never a /media/ URL).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.document_forms.CheckedDocumentForm"
# Read from the header before decoding: a decompression bomb is refused, not unpacked.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Course videos live in private storage (courses.models.media), served only to enrolled learners.
WAGTAILMEDIA = {"MEDIA_MODEL": "courses.CourseMedia"}
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends.database", "AUTO_UPDATE": True},
}
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# "whitespace" (segmented by jieba, works on any cluster), "ik" or "smartcn" (cluster plugins).
ELASTICSEARCH_ANALYZER = os.environ.get("ELASTICSEARCH_ANALYZER", "whitespace")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "compliance")

# Background jobs: django-q2 on its ORM broker, which acknowledges: a job a killed worker had
# taken is delivered again after Q_RETRY seconds (and its emails are sent once, core.notifications).
# Redis (REDIS_URL) serves the cache only; Q_BROKER=redis opts into django-q2's Redis broker,
# which does not acknowledge and loses what a killed worker held.
REDIS_URL = os.environ.get("REDIS_URL", "")
Q_CLUSTER = {
    "name": "compliance",
    "workers": int(os.environ.get("Q_WORKERS", "2")),
    "timeout": int(os.environ.get("Q_TIMEOUT", "300")),
    "retry": int(os.environ.get("Q_RETRY", "360")),
    "max_attempts": 3,
    "queue_limit": 50,
    "catch_up": False,
    "label": _("后台任务"),
}
if REDIS_URL and os.environ.get("Q_BROKER") == "redis":
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"
# Every job, the project's and Wagtail's, is a django-tasks task run by django-q2 (core/jobs.py);
# JOBS_SYNC runs them inline instead of queueing them (tests, or a machine without a worker).
JOBS_SYNC = env_bool("JOBS_SYNC", False)
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if JOBS_SYNC
            else "core.tasks_backend.DjangoQ2Backend"
        )
    }
}

# Cache: local memory by default, Redis when configured. Public pages are cached for
# anonymous visitors for PAGE_CACHE_SECONDS (0 turns the page cache off).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
if REDIS_URL:
    CACHES = {
        "default": {
            # Degrades to "nothing cached" while Redis is unreachable (core/cache_backends.py).
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "compliance"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rendered fragments (a guideline's items) and what is read once per generation: in Redis beside
# the rest and kept in each process too (core/cache_backends.py); in local memory a store of
# their own, so their number never culls the page cache's version keys.
CACHES["fragments"] = (
    {**CACHES["default"], "BACKEND": "core.cache_backends.KeptFragmentsCache"}
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
)

# Image renditions (Wagtail reads the "renditions" alias): the same Redis, without the write
# Wagtail repeats each time a page shows an image (core/cache_backends.py).
if REDIS_URL:
    CACHES["renditions"] = {**CACHES["default"], "BACKEND": "core.cache_backends.RenditionCache"}

# A caching proxy or CDN in front (Varnish, nginx, ...): FRONTEND_CACHE_URL is where
# Wagtail's HTTP backend sends PURGE requests. Public pages then tell the proxy to keep
# them for FRONTEND_CACHE_SECONDS, and every invalidation above purges the same URLs there.
# Purges name exact URLs, so variants with a query string (filters, search results) are
# kept only FRONTEND_CACHE_QUERY_SECONDS.
FRONTEND_CACHE_URL = os.environ.get("FRONTEND_CACHE_URL", "")
FRONTEND_CACHE_SECONDS = int(os.environ.get("FRONTEND_CACHE_SECONDS", "600"))
FRONTEND_CACHE_QUERY_SECONDS = int(os.environ.get("FRONTEND_CACHE_QUERY_SECONDS", "60"))
if FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_URL,
        }
    }

# Accounts (django-allauth): email only, verified, rate-limited.
SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/me/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupExtraForm"
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# Behind a reverse proxy every request comes from the proxy's address; rate limits must
# key on the real client. TRUSTED_PROXY_COUNT: how many proxies append to
# X-Forwarded-For (nginx with `proxy_set_header X-Forwarded-For
# $proxy_add_x_forwarded_for;` in front: 1). Or name a header that only the proxy sets
# (e.g. X-Real-IP) in TRUSTED_CLIENT_IP_HEADER.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("TRUSTED_CLIENT_IP_HEADER") or None
# Subjects get the site's name from the adapter (core.emails.with_site_name), which also adds HTML.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_DEFAULT_HTTP_PROTOCOL = os.environ.get("SITE_PROTOCOL", "http")

# Mail: console by default, SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "合规学堂 <noreply@compliance.local>")
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
