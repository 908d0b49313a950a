"""Test databases: built once from migrations, copied for every pytest worker.

Running Wagtail's and the project's migrations takes a minute or more of CPU. The first
worker to need a database builds a *template* from the migrations, under a file lock;
every worker (and every later run, while no migration file changes) copies it:

- SQLite: the template is a file in ``TEST_DB_TEMPLATES`` (default
  ``~/.cache/compliance-academy/test-db/``, so a fresh clone reuses it), copied into each
  worker's in-memory database with SQLite's backup API;
- PostgreSQL: the template is a database ``test_<name>_tpl_<fingerprint>``, and each
  worker's database is ``CREATE DATABASE … TEMPLATE`` of it.

The fingerprint hashes every migration file Django would run, so a new or edited
migration (the project's or a package's) builds a fresh template. Stale ones are removed:
PostgreSQL's at once; SQLite's when no checkout has used them for a few days (checkouts on
different migrations share the folder).

``MigratedState`` puts back what the migrations created (root page, locale, collection,
groups, schedules, content types with their ids) after a transactional test's flush, so
browser journeys and other transactional tests share one process.
"""

import fcntl
import hashlib
import os
import sqlite3
import sys
import time
from contextlib import closing, contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.db import connections, router

TEMPLATE_DIR = Path(
    os.environ.get("TEST_DB_TEMPLATES") or Path.home() / ".cache" / "compliance-academy" / "test-db"
)
STALE_SQLITE_TEMPLATE_DAYS = 3


def migrations_fingerprint():
    """A short hash of every migration file on disk and the settings the migrations read."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    digest = hashlib.sha256()
    digest.update(repr((settings.LANGUAGE_CODE, settings.INSTALLED_APPS)).encode())
    for key in sorted(loader.disk_migrations):
        module = sys.modules[loader.disk_migrations[key].__module__]
        digest.update(repr(key).encode())
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:12]


@contextmanager
def exclusive_lock(name):
    """Held by one process at a time: the first worker builds, the others wait and copy."""
    TEMPLATE_DIR.mkdir(parents=True, exist_ok=True)
    with open(TEMPLATE_DIR / f"{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def migrate(connection):
    call_command("migrate", interactive=False, verbosity=0, run_syncdb=True, database=connection.alias)
    connection.close()


def point_at(connection, name):
    """Make the connection (and settings, as Django's own test set-up does) use database ``name``."""
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name


class SQLiteDatabases:
    # One template file for every SQLite database name: one lock for all who build it.
    lock_name = "sqlite-template"

    def __init__(self, connection, fingerprint):
        self.connection = connection
        self.template = TEMPLATE_DIR / f"sqlite-{fingerprint}.sqlite3"

    def build_template(self):
        if self.template.exists():
            os.utime(self.template)  # in use: not stale
            return
        unused_since = time.time() - STALE_SQLITE_TEMPLATE_DAYS * 86400
        for stale in TEMPLATE_DIR.glob("sqlite-*.sqlite3"):
            if stale.stat().st_mtime < unused_since:
                stale.unlink()
        building = self.template.with_suffix(".building")
        for leftover in TEMPLATE_DIR.glob(building.name + "*"):
            leftover.unlink()
        original = self.connection.settings_dict["NAME"]
        point_at(self.connection, str(building))
        try:
            migrate(self.connection)
            # One self-contained file: fold the write-ahead log back in.
            with closing(sqlite3.connect(building)) as database:
                database.execute("PRAGMA journal_mode=DELETE")
            building.replace(self.template)
        finally:
            point_at(self.connection, original)

    def create_worker_database(self):
        name = self.connection.creation._get_test_db_name()
        if not self.connection.creation.is_in_memory_db(name):
            raise RuntimeError(f"the suite expects an in-memory SQLite test database, not {name}")
        # A private copy to restore from: another run may replace the template file meanwhile.
        self.pristine = sqlite3.connect(":memory:", check_same_thread=False)
        with closing(sqlite3.connect(self.template)) as source:
            source.backup(self.pristine)
        point_at(self.connection, name)
        self.restore(self.connection)

    def restore(self, connection):
        """Copy the migrated database over the in-memory one (schema and rows), in milliseconds."""
        connection.ensure_connection()
        self.pristine.backup(connection.connection)


class PostgreSQLDatabases:
    def __init__(self, connection, fingerprint):
        self.connection = connection
        self.prefix = f"test_{connection.settings_dict['NAME']}_tpl_"
        self.template = self.prefix + fingerprint
        self.lock_name = f"postgresql-{connection.settings_dict['NAME']}"

    def _execute(self, sql, params=None):
        with self.connection._nodb_cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else None

    def _quote(self, name):
        return self.connection.ops.quote_name(name)

    def build_template(self):
        existing = {
            row[0]
            for row in self._execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s",
                [self.prefix.replace("_", r"\_") + "%"],
            )
        }
        if self.template in existing:
            return
        for stale in existing:
            self._execute(f"DROP DATABASE IF EXISTS {self._quote(stale)} WITH (FORCE)")
        building = self.template + "_building"
        original = self.connection.settings_dict["NAME"]
        self._execute(f"CREATE DATABASE {self._quote(building)}")
        point_at(self.connection, building)
        try:
            migrate(self.connection)
        finally:
            point_at(self.connection, original)
        self._execute(f"ALTER DATABASE {self._quote(building)} RENAME TO {self._quote(self.template)}")

    def create_worker_database(self):
        name = self.connection.creation._get_test_db_name()
        self._execute(f"DROP DATABASE IF EXISTS {self._quote(name)} WITH (FORCE)")
        self._execute(f"CREATE DATABASE {self._quote(name)} TEMPLATE {self._quote(self.template)}")
        point_at(self.connection, name)
        self.connection.ensure_connection()
        self.migrated_rows = serializers.serialize("json", migrated_rows(self.connection), indent=None)

    def restore(self, connection):
        # The flush re-ran post_migrate (new content-type ids): empty the tables again,
        # keeping sequences, then load the migrated rows with their original ids.
        call_command(
            "flush",
            interactive=False,
            verbosity=0,
            database=connection.alias,
            reset_sequences=False,
            inhibit_post_migrate=True,
        )
        connection.creation.deserialize_db_from_string(self.migrated_rows)


BACKENDS = {"sqlite": SQLiteDatabases, "postgresql": PostgreSQLDatabases}


def create_test_databases():
    """Give this process its test databases; returns what ``destroy_test_databases`` needs."""
    fingerprint = migrations_fingerprint()
    created = []
    migrated_state.databases.clear()
    for connection in connections.all():
        backend = BACKENDS.get(connection.vendor)
        if backend is None:
            raise RuntimeError(f"no test-database template for {connection.vendor}")
        databases = backend(connection, fingerprint)
        original = connection.settings_dict["NAME"]
        with exclusive_lock(databases.lock_name):
            databases.build_template()
        databases.create_worker_database()
        migrated_state.databases[connection.alias] = databases
        created.append((connection, original))
    return created


def copy_sqlite_template(connection, target):
    """Make the SQLite file ``target`` a copy of the migrated template (built first if need be):
    a scratch database in a second, where migrating one takes a minute or more."""
    databases = SQLiteDatabases(connection, migrations_fingerprint())
    with exclusive_lock(databases.lock_name):
        databases.build_template()
        with closing(sqlite3.connect(databases.template)) as source, closing(sqlite3.connect(target)) as copy:
            source.backup(copy)


def destroy_test_databases(created):
    for connection, original in created:
        connection.creation.destroy_test_db(original, verbosity=0, keepdb=False)


def migrated_rows(connection):
    """Every row of the migrated apps (as Django's ``serialize_db_to_string``), content types first.

    Loading a page or a task before its content type would let a signal receiver create
    that content type anew under another id.
    """
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connection)
    models = [
        model
        for app_config in apps.get_app_configs()
        if app_config.models_module is not None and app_config.label in loader.migrated_apps
        for model in app_config.get_models()
        if model._meta.can_migrate(connection) and router.allow_migrate_model(connection.alias, model)
    ]
    models.sort(key=lambda model: {"contenttypes": 0, "auth": 1}.get(model._meta.app_label, 2))
    for model in models:
        queryset = model._base_manager.using(connection.alias).order_by(model._meta.pk.name)
        yield from queryset.iterator()


class MigratedState:
    """Puts back what the migrations created after a transactional test's flush.

    It works on whatever connection object the test sees: a Playwright event loop in
    the test thread gives Django other connection objects than the ones the database
    was set up with (which is also why Django's ``serialized_rollback`` cannot serve).
    """

    def __init__(self):
        self.databases = {}
        self.flushed = set()

    def restore(self, connection):
        if connection.alias in self.flushed:
            self.databases[connection.alias].restore(connection)
            ContentType.objects.clear_cache()
            self.flushed.discard(connection.alias)

    def mark_flushed(self, connection):
        self.flushed.add(connection.alias)


migrated_state = MigratedState()
