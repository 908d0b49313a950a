"""Scheduled jobs: day-before reminders and feedback surveys, each sent once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events import registration as services
from events.jobs import send_due_feedback_requests, send_due_reminders
from events.models import Feedback, Registration
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db
Status = Registration.Status


def test_reminders_go_to_confirmed_attendees_of_tomorrows_events_once(index, people):
    tomorrow = make_event(index, capacity=1, start_at=timezone.now() + timedelta(hours=20))
    next_week = make_event(index, start_at=timezone.now() + timedelta(days=7))
    confirmed = services.register(tomorrow, people[0], consent=True)
    services.register(tomorrow, people[1], consent=True)  # waitlisted: no reminder
    services.register(next_week, people[2], consent=True)
    cancelled = services.register(tomorrow, people[3], consent=True)
    services.cancel(cancelled)
    mail.outbox.clear()

    assert send_due_reminders.call() == 1
    (message,) = mail.outbox
    assert message.to == [people[0].email] and "明天见" in message.subject
    assert confirmed.ticket_code in message.body
    assert Registration.objects.get(pk=confirmed.pk).reminder_sent_at
    assert send_due_reminders.call() == 0 and len(mail.outbox) == 1


def test_feedback_requests_after_the_event_once(past_event, people):
    attended, rated, absent = [
        Registration.objects.create(event=past_event, user=p, status=Status.CONFIRMED) for p in people[:3]
    ]
    services.check_in(past_event, code=attended.ticket_code)
    services.check_in(past_event, code=rated.ticket_code)
    Feedback.objects.create(registration=rated, rating=4)

    assert send_due_feedback_requests.call() == 1
    (message,) = mail.outbox
    assert message.to == [people[0].email]
    assert f"/events/tickets/{attended.ticket_code}/feedback/" in message.body
    assert send_due_feedback_requests.call() == 0 and len(mail.outbox) == 1
    assert Registration.objects.get(pk=absent.pk).feedback_requested_at is None


def test_no_feedback_request_before_the_event_ends(index, people):
    now = timezone.now()
    running = make_event(index, start_at=now - timedelta(hours=1), end_at=now + timedelta(hours=1))
    registration = Registration.objects.create(event=running, user=people[0], status=Status.CONFIRMED)
    services.check_in(running, code=registration.ticket_code)
    assert send_due_feedback_requests.call() == 0
