"""Settings for Xieshang; every deployment-specific value comes from the environment."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("XIESHANG_DATA_DIR", BASE_DIR / "var"))
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = os.environ.get("XIESHANG_DEBUG", "0") == "1"
SECRET_KEY = os.environ.get("XIESHANG_SECRET_KEY", "dev-only-insecure-key-change-me-in-production")
ALLOWED_HOSTS = os.environ.get("XIESHANG_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # django-ninja serves the API docs from its own static files only when it is installed as an
    # app; otherwise its page loads Swagger UI from a CDN, which an intranet cannot reach.
    "ninja",
    "xieshang.core",
    "xieshang.accounts",
    "xieshang.organization",
    "xieshang.proposals",
    "xieshang.handling",
    "xieshang.supervision",
    "xieshang.opinions",
    "xieshang.activities",
    "xieshang.appraisal",
    "xieshang.notifications",
    "xieshang.reports",
    "xieshang.publishing",
    "xieshang.api",
    "xieshang.demo",
    "xieshang.textintel_cli",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "xieshang.core.middleware.CommitteeClockMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "xieshang.accounts.middleware.ForcePasswordChangeMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "xieshang" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "xieshang.accounts.context.roles",
                "xieshang.reports.context.topics_link",
                "xieshang.notifications.context.unread",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        # An unset or empty DATABASE_URL means the SQLite file under var/.
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'xieshang.sqlite3'}",
        conn_max_age=0,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets readers proceed while one writer commits; IMMEDIATE avoids deadlocked upgrades.
    # read_uncommitted only acts in SQLite's shared-cache mode, which the tests' in-memory
    # database uses: there a reader would otherwise fail at once ("table is locked") while a
    # background thread (the routing training) writes, instead of waiting as a WAL file does.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                        "PRAGMA read_uncommitted=1;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Idle sessions expire: the cookie age restarts on every request.
SESSION_COOKIE_AGE = int(os.environ.get("XIESHANG_SESSION_IDLE_SECONDS", 30 * 60))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Login hardening (accounts.services.login): attempts before a lock, and the lock's length.
LOGIN_MAX_FAILURES = 5
LOGIN_LOCK_SECONDS = 15 * 60

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Uploaded files live outside the web root and are served only through permission checks.
ATTACHMENT_ROOT = Path(os.environ.get("XIESHANG_ATTACHMENT_ROOT", DATA_DIR / "attachments"))
# The desk's 训练模型 button trains the unit model in a background thread (handling.routing_jobs).
ROUTING_TRAIN_IN_BACKGROUND = os.environ.get("XIESHANG_ROUTING_TRAIN_IN_BACKGROUND", "1") == "1"
ATTACHMENT_MAX_BYTES = int(os.environ.get("XIESHANG_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024))

EMAIL_BACKEND = os.environ.get(
    "XIESHANG_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)

# SMS goes through one small interface (notifications/sms.py); a provider is a class path.
SMS_ENABLED = os.environ.get("XIESHANG_SMS_ENABLED", "1") == "1"
SMS_BACKEND = os.environ.get("XIESHANG_SMS_BACKEND", "xieshang.notifications.sms.FileBackend")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("XIESHANG_LOG_LEVEL", "WARNING")},
}
