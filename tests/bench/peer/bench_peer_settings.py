"""The peer's production settings with the bare baseline view in front (bench_peer_urls.py)."""

from bakerydemo.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench_peer_urls"
