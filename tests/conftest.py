"""Fixtures shared by the whole suite."""

import itertools

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache, caches
from django.db import connections
from django.test import TestCase, TransactionTestCase
from django.test.utils import override_settings
from wagtail.models import Page, Site

from portal.models import HomePage
from tests.databases import create_test_databases, destroy_test_databases, migrated_state


def _database_kind(item):
    """pytest-django's order: 0 database tests, 1 transactional ones, 2 the rest."""
    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):
        return 0 if issubclass(cls, TestCase) else 1
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    if (
        marker
        and (
            marker.kwargs.get("transaction")
            or marker.kwargs.get("reset_sequences")
            or (marker.args and marker.args[0])
        )
    ) or {"transactional_db", "live_server"} & fixtures:
        return 1
    return 0 if marker or "db" in fixtures else 2


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Within each run of pytest-django's order (database tests before transactional ones, whose
    flush would empty the tables the others expect), ``slow`` tests go first: started last, one
    of them would keep a single worker busy after the others have finished."""
    kinds = [_database_kind(item) for item in items]
    if kinds != sorted(kinds):  # pytest-django sorted differently: keep its order untouched
        return
    runs = [list(run) for _kind, run in itertools.groupby(items, key=_database_kind)]
    items[:] = [
        item for run in runs for item in sorted(run, key=lambda item: item.get_closest_marker("slow") is None)
    ]


@pytest.fixture(autouse=True)
def _xdist_group_holds(request):
    """Under ``--dist loadgroup`` an ``xdist_group`` test carries its group in its node id: that
    suffix is all the scheduler groups by. A pytest or pytest-xdist upgrade that loses it would
    build such a module's fixture once per worker, unnoticed; this fails the test instead."""
    node = request.node
    if getattr(request.config.option, "loadgroup", False) and node.get_closest_marker("xdist_group"):
        if "@" not in node.nodeid:
            pytest.fail(
                "xdist_group has no effect with this pytest and pytest-xdist: see the pin in constraints.txt"
            )


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker, django_db_modify_db_settings):
    """Each worker's database, copied from one built from the migrations (tests/databases.py)."""
    with django_db_blocker.unblock():
        created = create_test_databases()
    yield
    with django_db_blocker.unblock():
        destroy_test_databases(created)


@pytest.fixture(scope="session", autouse=True)
def _worker_media_root(tmp_path_factory):
    # Uploads of one worker never meet another's (tmp_path_factory is per worker).
    with override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("media"), PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private")
    ):
        yield


def is_transactional(request):
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    return bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _migrated_rows(request):
    """A transactional test starts from what the migrations created, even after another's flush."""
    if not is_transactional(request):
        yield
        return
    request.getfixturevalue("transactional_db")
    for connection in connections.all():
        migrated_state.restore(connection)
    yield
    # The flush that follows this test (pytest-django's teardown) empties every table.
    for connection in connections.all():
        migrated_state.mark_flushed(connection)


@pytest.fixture(autouse=True)
def _clear_cache():
    # Content-type ids can change when a transactional test's flush re-creates them.
    ContentType.objects.clear_cache()
    cache.clear()
    caches["fragments"].clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    """A site whose root is a published HomePage."""
    root = Page.get_first_root_node()
    home = HomePage(title="合规学堂", slug="home-test")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="合规学堂"
    )
    return home


def make_user(
    email="user@example.com", password="pass-1234-word", real_name="测试用户", verified=True, **extra
):
    User = get_user_model()
    user = User.objects.create_user(username=email.split("@")[0], email=email, password=password, **extra)
    user.profile.real_name = real_name
    user.profile.save()
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


@pytest.fixture
def user(db):
    return make_user()


@pytest.fixture
def other_user(db):
    return make_user("other@example.com", real_name="另一用户")


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client
