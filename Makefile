# One-command set-up: `make run` serves the demo, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= portal.settings.dev

.PHONY: install run test lint format migrate demo worker serve bench messages clean

$(STAMP): requirements.in requirements-dev.in constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.in -c constraints.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py compile_catalogues

demo: migrate
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py ensure_demo_admin

run: demo
	@echo "合规学堂 on http://$(HOST):$(PORT)/ (the django-q2 worker runs beside it; Ctrl-C stops both)"
	$(BIN)/python manage.py qcluster & QPID=$$!; \
	trap "kill $$QPID 2>/dev/null" EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT) --noreload

# Production server: gunicorn with the production settings, whitenoise for static files,
# the django-q2 worker beside it. SECRET_KEY comes from the environment; without one a key
# is generated once into var/secret_key. Behind a TLS proxy set SECURE_SSL_REDIRECT=1.
serve: install
	@mkdir -p var
	@test -s var/secret_key || $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key
	export DJANGO_SETTINGS_MODULE=portal.settings.production; \
	export SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}"; \
	export SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-0}"; \
	$(BIN)/python manage.py migrate --noinput && \
	$(BIN)/python manage.py compile_catalogues && \
	$(BIN)/python manage.py collectstatic --noinput -v 0 && \
	{ $(BIN)/python manage.py qcluster & QPID=$$!; \
	  trap "kill $$QPID 2>/dev/null" EXIT INT TERM; \
	  $(BIN)/gunicorn portal.wsgi:application -c portal/gunicorn.conf.py; }

worker: install
	$(BIN)/python manage.py qcluster

# The serving benchmark (tests/bench/bench_serving.py): gunicorn as `make serve` runs it, on a
# generated site, under wrk, beside a bare view. e.g. BENCH_ARGS="--database-url postgres://…"
bench: install
	$(BIN)/python manage.py compile_catalogues
	$(BIN)/python tests/bench/bench_serving.py $(BENCH_ARGS)

# The whole suite, browser journeys included, in one pytest run over every core (pytest-xdist);
# each worker copies a database built once from the migrations (tests/databases.py).
# PYTEST_ARGS adds options, e.g. PYTEST_ARGS="tests/events -n 0". The 15 slowest tests are
# listed at the end: where the next minute of the suite is to be won.
PYTEST_ARGS ?=
test: install
	$(BIN)/python manage.py compile_catalogues
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python -m pytest -q -n auto --dist loadgroup --durations=15 $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# `make messages APP=library` refreshes one app's English catalogue (needs GNU gettext).
messages: install
	@test -n "$(APP)" || (echo "usage: make messages APP=<app label>" && exit 2)
	$(BIN)/python manage.py app_messages $(APP)
	$(BIN)/python manage.py compile_catalogues

clean:
	rm -rf $(VENV) var static_collected
