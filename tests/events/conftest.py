from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from tests.conftest import make_user
from tests.events.factories import make_event, make_index, make_tx_home


@pytest.fixture
def tx_home(transactional_db):
    """``home`` for transactional tests (threads, live server), robust to flushed page trees."""
    return make_tx_home()


@pytest.fixture
def index(home):
    return make_index(home)


@pytest.fixture
def event(index):
    return make_event(index, capacity=3)


@pytest.fixture
def past_event(index):
    start = timezone.now() - timedelta(days=3)
    return make_event(
        index,
        title="往期讲座",
        slug="past-lecture",
        kind="lecture",
        start_at=start,
        end_at=start + timedelta(hours=2),
    )


def admin_group():
    group, _created = Group.objects.get_or_create(name="活动组织者")
    group.permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    )
    return group


@pytest.fixture
def make_organiser(db):
    def _make(email, *events):
        user = make_user(email, real_name=email.split("@")[0])
        user.groups.add(admin_group())
        for event in events:
            event.organisers.add(user)
            event.save()
        return user

    return _make


@pytest.fixture
def people(db):
    return [make_user(f"p{i}@example.com", real_name=f"参会者{i}") for i in range(6)]
