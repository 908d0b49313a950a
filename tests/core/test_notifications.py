"""send_once: a job that runs twice sends once; a send that fails leaves the key free for the retry."""

import pytest
from django.core import mail

from core.models import SentNotification
from core.notifications import send_once

pytestmark = pytest.mark.django_db


def test_a_second_run_sends_nothing():
    sent = []
    assert send_once("events.registration:1:confirmed", lambda: sent.append(1)) is True
    assert send_once("events.registration:1:confirmed", lambda: sent.append(2)) is False
    assert sent == [1]
    assert send_once("events.registration:1:cancelled", lambda: sent.append(3)) is True
    assert sent == [1, 3]


def test_a_failed_send_is_retried():
    def broken():
        raise OSError("SMTP down")

    with pytest.raises(OSError):
        send_once("k", broken)
    assert not SentNotification.objects.filter(key="k").exists()
    assert send_once("k", lambda: None) is True


def test_the_registration_email_job_run_twice_sends_one_email(home, user, django_capture_on_commit_callbacks):
    from events.jobs import send_registration_email
    from events.registration import register
    from tests.events.factories import make_event, make_index

    event = make_event(make_index(home))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the email is queued after commit
        registration = register(event, user, consent=True)
    assert len(mail.outbox) == 1
    send_registration_email.call(registration.pk, registration.status)  # the job delivered again
    assert len(mail.outbox) == 1
