"""The serving benchmark's settings: production's, plus the bare baseline view (tests/bench/urls.py)."""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "tests.bench.urls"
