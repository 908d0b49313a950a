"""Fixtures shared by the whole suite."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from wagtail.models import Page, Site

from portal.models import HomePage


@pytest.fixture(autouse=True)
def _clear_cache():
    # Content-type ids can change when a transactional test's flush re-creates them.
    ContentType.objects.clear_cache()
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    """A site whose root is a published HomePage."""
    root = Page.get_first_root_node()
    if root is None:
        # A transactional test's flush also removed the root page and locale that migrations create.
        from django.conf import settings
        from wagtail.models import Locale

        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        root = Page.add_root(instance=Page(title="Root", slug="root"))
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
