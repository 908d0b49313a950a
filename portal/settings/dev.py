from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)  # noqa: F405
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-compliance-academy"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS + ["*"]  # noqa: F405
