#!/usr/bin/env bash
# Prepare a wagtail/bakerydemo checkout as the serving benchmark's peer, then print the line
# that runs `make bench` beside it (tests/bench/bench_serving.py, BENCH_PEER).
#
#   git clone https://github.com/wagtail/bakerydemo /path/to/bakerydemo
#   tests/bench/peer_bakerydemo.sh /path/to/bakerydemo [/path/to/its/venv]
#
# It makes the peer's virtualenv (default: CHECKOUT/.venv) with PEER_PYTHON (bakerydemo's
# Django 6 and Wagtail 7 need Python 3.12 or newer), installs its production requirements and
# gunicorn, drops and creates PEER_DATABASE_URL's database (default
# postgres://postgres@127.0.0.1:5432/bakerydemo_bench), migrates it and loads the demo's
# initial data with its production settings (DEBUG off), then collects its static files.
# The checkout itself is left as it is; the benchmark's settings for it are tests/bench/peer/.
set -euo pipefail

checkout=$(cd "${1:?usage: $0 /path/to/bakerydemo [venv]}" && pwd)
venv=${2:-$checkout/.venv}
python=${PEER_PYTHON:-$(command -v python3.12 || command -v python3)}
database_url=${PEER_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/bakerydemo_bench}

test -f "$checkout/bakerydemo/settings/production.py" || {
    echo "$checkout does not look like a bakerydemo checkout" >&2
    exit 1
}
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 12))' || {
    echo "$venv has Python < 3.12; set PEER_PYTHON to a Python 3.12 or newer" >&2
    exit 1
}
"$venv/bin/pip" install -q -r "$checkout/requirements/production.txt" gunicorn

# A scratch database of the benchmark's own: dropped and created again.
"$venv/bin/python" - "$database_url" <<'PY'
import sys
from urllib.parse import urlsplit

import psycopg

url = sys.argv[1]
name = urlsplit(url).path.lstrip("/")
with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
    conn.execute(f'CREATE DATABASE "{name}"')
PY

export DJANGO_SETTINGS_MODULE=bakerydemo.settings.production
export DATABASE_URL=$database_url DJANGO_SECRET_KEY=benchmark-only-peer-setup
unset REDIS_URL REDIS_TLS_URL
cd "$checkout"
"$venv/bin/python" manage.py migrate --noinput -v 0
"$venv/bin/python" manage.py load_initial_data
"$venv/bin/python" manage.py collectstatic --noinput -v 0

echo
echo "Run the serving benchmark beside it with:"
echo "BENCH_PEER=$checkout BENCH_PEER_PYTHON=$venv/bin/python BENCH_PEER_DATABASE_URL=$database_url make bench BENCH_ARGS=\"--database-url postgres://postgres@127.0.0.1:5432/compliance_bench\""
