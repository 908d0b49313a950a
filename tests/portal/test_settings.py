import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_chinese_first_and_shanghai_time():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert [code for code, _name in settings.LANGUAGES] == ["zh-hans", "en"]
    assert settings.TIME_ZONE == "Asia/Shanghai"


def test_production_settings_pass_check_deploy():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="a-long-random-secret-key-for-the-deploy-check-0123456789abcdef",
        ALLOWED_HOSTS="compliance.example.com",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="portal.settings.production", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_environment_chooses_database_broker_and_cache():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='portal.settings.base';"
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], 'redis' in s.Q_CLUSTER, s.CACHES['default']['BACKEND'])"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "Q_BROKER")}
    default = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert default.stdout.split() == [
        "django.db.backends.sqlite3",
        "False",
        "django.core.cache.backends.locmem.LocMemCache",
    ], default.stderr
    env.update(DATABASE_URL="postgres://postgres@127.0.0.1:5432/x", REDIS_URL="redis://127.0.0.1:6379/1")
    configured = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert configured.stdout.split() == [
        "django.db.backends.postgresql",
        "False",  # jobs stay on the acknowledging ORM broker; Redis is the cache
        "core.cache_backends.ResilientRedisCache",
    ], configured.stderr
