"""What events feeds into the portal: /me/, the enterprise page, data export, home feed."""

import json

import pytest

from accounts.models import Enterprise, Membership
from core.feeds import get_feed_items
from events import registration as services
from events.models import Registration

pytestmark = pytest.mark.django_db


def test_me_panel_lists_registrations_and_training_hours(user_client, user, event, past_event):
    registration = services.register(event, user, consent=True)
    attended = Registration.objects.create(event=past_event, user=user, status="confirmed")
    services.check_in(past_event, code=attended.ticket_code)
    content = user_client.get("/me/").content.decode()
    assert "我的活动报名" in content and event.title in content
    assert f"/events/tickets/{registration.ticket_code}/" in content
    assert "<strong>2.0</strong>" in content
    assert "去评价" in content


def test_enterprise_panel_shows_staff_registrations(client, user, other_user, event):
    enterprise = Enterprise.objects.create(name="测试企业", credit_code="91330302MA2H5RXP3X", size="small")
    Membership.objects.create(user=user, enterprise=enterprise, role=Membership.Role.OFFICER)
    Membership.objects.create(user=other_user, enterprise=enterprise)
    services.register(event, other_user, consent=True)
    client.force_login(user)
    content = client.get("/me/enterprise/").content.decode()
    assert "员工活动报名" in content and "另一用户" in content and event.title in content


def test_personal_data_export_includes_registrations(user_client, user, event):
    services.register(event, user, answers={"问题": "回答"}, consent=True)
    data = json.loads(user_client.get("/me/data.json").content)
    (item,) = data["event_registrations"]
    assert item["event"] == event.title and item["answers"] == {"问题": "回答"} and item["consent_at"]


def test_home_feed_lists_upcoming_events(event, past_event):
    assert get_feed_items("events", 4) == [event]


def test_me_page_query_count_does_not_grow_with_registrations(user_client, user, index):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.events.factories import make_event

    services.register(make_event(index), user, consent=True)
    user_client.get("/me/")
    with CaptureQueriesContext(connection) as few:
        user_client.get("/me/")
    for _i in range(4):
        services.register(make_event(index), user, consent=True)
    with CaptureQueriesContext(connection) as many:
        user_client.get("/me/")
    assert len(many) == len(few)
